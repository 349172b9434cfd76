//! The feed of portal-side directory changes the MSP's PSA pulls to mirror the portal: users
//! invited, activated, deactivated and reactivated, role changes, and (with the profile and
//! company settings pages) profile and company edits. Tickets keep their own feed.
//!
//! Each change is recorded by its writer inside the writer's transaction
//! (`store::directory_changes::record`), which also bumps the contact's (or client's) `version`
//! so a PSA `PUT` carrying the older one is refused. The PSA reads oldest first with an opaque
//! cursor; delivery is at-least-once and `change_id` is the idempotent id it dedupes on. The
//! cursor never skips a row that commits late: see `store::directory_changes::page`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::model::PortalRole;
use crate::ticket_sync::SyncError;

/// Most changes in one page of the feed.
pub const MAX_LIMIT: i64 = 500;
/// Changes in a page when the PSA does not say.
pub const DEFAULT_LIMIT: i64 = 100;

/// What happened, as the feed's `kind` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// An invitation email was sent (`data`: `email`, `expires_at`, `by`).
    UserInvited,
    /// A portal user was set up (`data`: `email`, `method`: `invitation` | `sso`).
    UserActivated,
    /// A portal user was deactivated (`data`: `email`).
    UserDeactivated,
    /// A portal user was reactivated (`data`: `email`).
    UserReactivated,
    /// A contact's portal role changed (`data`: `old_role`, `new_role`).
    RoleChanged,
    /// A contact edited their own profile (`data`: the changed fields' new values).
    ProfileUpdated,
    /// A client admin edited the company's details (`data`: the changed fields' new values).
    CompanyUpdated,
    /// A portal user added a document to a project's task (`data`: `project_id`,
    /// `project_number`, `task_id`, `document_id`, `file_name`, `size_bytes`, `content_type`).
    /// Not an edit of the contact: their `version` stays.
    ProjectDocumentUploaded,
    /// A portal user asked for their account to be deleted (`data`: `email`). The MSP decides
    /// and acts; not an edit of the contact: their `version` stays.
    DeletionRequested,
}

impl ChangeKind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [ChangeKind; 9] = [
        ChangeKind::UserInvited,
        ChangeKind::UserActivated,
        ChangeKind::UserDeactivated,
        ChangeKind::UserReactivated,
        ChangeKind::RoleChanged,
        ChangeKind::ProfileUpdated,
        ChangeKind::CompanyUpdated,
        ChangeKind::ProjectDocumentUploaded,
        ChangeKind::DeletionRequested,
    ];

    /// The stored and API value.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::UserInvited => "user_invited",
            ChangeKind::UserActivated => "user_activated",
            ChangeKind::UserDeactivated => "user_deactivated",
            ChangeKind::UserReactivated => "user_reactivated",
            ChangeKind::RoleChanged => "role_changed",
            ChangeKind::ProfileUpdated => "profile_updated",
            ChangeKind::CompanyUpdated => "company_updated",
            ChangeKind::ProjectDocumentUploaded => "project_document_uploaded",
            ChangeKind::DeletionRequested => "deletion_requested",
        }
    }

    /// Whether the change edits its subject (and so bumps the contact's or client's `version`).
    pub fn bumps_version(self) -> bool {
        !matches!(
            self,
            ChangeKind::ProjectDocumentUploaded | ChangeKind::DeletionRequested
        )
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// How a portal user came to be (`user_activated`'s `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// The contact followed an invitation and set a password.
    Invitation,
    /// Just-in-time provisioning at a single sign-on.
    SingleSignOn,
}

impl Activation {
    fn as_str(self) -> &'static str {
        match self {
            Activation::Invitation => "invitation",
            Activation::SingleSignOn => "sso",
        }
    }
}

/// A change to record: whom it is about (the contact, else the client, carries the version
/// it bumps) and what changed. `data` never holds a secret.
#[derive(Debug, Clone)]
pub struct NewChange {
    pub kind: ChangeKind,
    pub contact_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub data: Value,
    pub occurred_at: DateTime<Utc>,
}

/// A contact's portal user, the subject of the `user_*` kinds.
#[derive(Debug, Clone, Copy)]
pub struct PortalUserRef<'a> {
    pub contact_id: Uuid,
    pub client_id: Uuid,
    pub user_id: Option<Uuid>,
    pub email: &'a str,
}

impl NewChange {
    /// `user_invited`: an invitation to `user.email`, valid until `expires_at`, sent by `by`.
    pub fn user_invited(
        user: PortalUserRef<'_>,
        expires_at: DateTime<Utc>,
        by: &str,
        now: DateTime<Utc>,
    ) -> NewChange {
        let data = json!({"email": user.email, "expires_at": expires_at, "by": by});
        NewChange::about(ChangeKind::UserInvited, user, data, now)
    }

    /// `user_activated`: the contact's portal user exists now.
    pub fn user_activated(
        user: PortalUserRef<'_>,
        method: Activation,
        now: DateTime<Utc>,
    ) -> NewChange {
        let data = json!({"email": user.email, "method": method.as_str()});
        NewChange::about(ChangeKind::UserActivated, user, data, now)
    }

    /// `user_deactivated` or `user_reactivated`.
    pub fn user_activity(user: PortalUserRef<'_>, inactive: bool, now: DateTime<Utc>) -> NewChange {
        let kind = if inactive {
            ChangeKind::UserDeactivated
        } else {
            ChangeKind::UserReactivated
        };
        NewChange::about(kind, user, json!({"email": user.email}), now)
    }

    /// `role_changed`: the contact's portal role went from `old` to `new`.
    pub fn role_changed(
        contact_id: Uuid,
        user_id: Option<Uuid>,
        old: PortalRole,
        new: PortalRole,
        now: DateTime<Utc>,
    ) -> NewChange {
        NewChange {
            kind: ChangeKind::RoleChanged,
            contact_id: Some(contact_id),
            client_id: None,
            user_id,
            data: json!({"old_role": old.as_str(), "new_role": new.as_str()}),
            occurred_at: now,
        }
    }

    /// `profile_updated`: `fields` maps each changed profile field to its new value.
    pub fn profile_updated(
        contact_id: Uuid,
        user_id: Option<Uuid>,
        fields: serde_json::Map<String, Value>,
        now: DateTime<Utc>,
    ) -> NewChange {
        NewChange {
            kind: ChangeKind::ProfileUpdated,
            contact_id: Some(contact_id),
            client_id: None,
            user_id,
            data: Value::Object(fields),
            occurred_at: now,
        }
    }

    /// `deletion_requested`: the contact's portal user asked for their account to be deleted.
    pub fn deletion_requested(
        contact_id: Uuid,
        user_id: Uuid,
        email: &str,
        now: DateTime<Utc>,
    ) -> NewChange {
        NewChange {
            kind: ChangeKind::DeletionRequested,
            contact_id: Some(contact_id),
            client_id: None,
            user_id: Some(user_id),
            data: json!({"email": email}),
            occurred_at: now,
        }
    }

    /// `project_document_uploaded`: the contact's user added a document to a project's task.
    pub fn project_document_uploaded(
        contact_id: Uuid,
        user_id: Uuid,
        data: Value,
        now: DateTime<Utc>,
    ) -> NewChange {
        NewChange {
            kind: ChangeKind::ProjectDocumentUploaded,
            contact_id: Some(contact_id),
            client_id: None,
            user_id: Some(user_id),
            data,
            occurred_at: now,
        }
    }

    /// `company_updated`: `fields` maps each changed company field to its new value; `user_id`
    /// is the client admin who made the edit.
    pub fn company_updated(
        client_id: Uuid,
        user_id: Option<Uuid>,
        fields: serde_json::Map<String, Value>,
        now: DateTime<Utc>,
    ) -> NewChange {
        NewChange {
            kind: ChangeKind::CompanyUpdated,
            contact_id: None,
            client_id: Some(client_id),
            user_id,
            data: Value::Object(fields),
            occurred_at: now,
        }
    }

    fn about(kind: ChangeKind, user: PortalUserRef<'_>, data: Value, now: DateTime<Utc>) -> Self {
        NewChange {
            kind,
            contact_id: Some(user.contact_id),
            client_id: Some(user.client_id),
            user_id: user.user_id,
            data,
            occurred_at: now,
        }
    }
}

/// One change as the feed answers it.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryChange {
    pub change_id: Uuid,
    pub seq: i64,
    pub kind: ChangeKind,
    pub occurred_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
    /// The contact's (or client's) version after the change.
    pub version: i64,
    pub data: Value,
    /// Where the feed stands after this change.
    #[serde(skip)]
    pub position: FeedCursor,
}

/// One page of the feed: oldest first; `next_cursor` is where to read on from (the same as
/// the request's when nothing new was found), `has_more` whether a next page is ready now.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesPage {
    pub changes: Vec<DirectoryChange>,
    pub next_cursor: String,
    pub has_more: bool,
}

impl ChangesPage {
    /// The page from up to `query.limit + 1` rows read after `query.after`.
    pub fn from_rows(mut rows: Vec<DirectoryChange>, query: &ChangesQuery) -> ChangesPage {
        let limit = usize::try_from(query.limit).unwrap_or(usize::MAX);
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let next = rows.last().map_or(query.after, |c| c.position);
        ChangesPage {
            changes: rows,
            next_cursor: next.encode(),
            has_more,
        }
    }
}

/// A position in the feed: the writing transaction's id (0 on SQLite) and the row's `seq` of
/// the last change read. Rows are read in `(writer_xid, seq)` order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct FeedCursor {
    pub writer_xid: i64,
    pub seq: i64,
}

/// What the cursor's text starts with once decoded (a later format gets another).
const CURSOR_VERSION: &str = "dc1";

impl FeedCursor {
    /// The beginning of the feed.
    pub const START: FeedCursor = FeedCursor {
        writer_xid: 0,
        seq: 0,
    };

    /// The opaque text handed to the PSA.
    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{CURSOR_VERSION}:{}:{}", self.writer_xid, self.seq))
    }

    /// Reads a cursor this feed handed out; `None` for anything else.
    pub fn decode(raw: &str) -> Option<FeedCursor> {
        if raw.len() > 64 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(raw.trim_end_matches('=')).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split(':');
        let (version, xid, seq) = (parts.next()?, parts.next()?, parts.next()?);
        if version != CURSOR_VERSION || parts.next().is_some() {
            return None;
        }
        let number = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse::<i64>().ok())
                .flatten()
        };
        Some(FeedCursor {
            writer_xid: number(xid)?,
            seq: number(seq)?,
        })
    }
}

/// Which page of the feed: after `after`, up to `limit` changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangesQuery {
    pub after: FeedCursor,
    pub limit: i64,
}

impl ChangesQuery {
    /// From the query string's `after` and `limit` (`None` or empty when absent); a refusal
    /// names the parameter.
    pub fn parse(after: Option<&str>, limit: Option<&str>) -> Result<ChangesQuery, SyncError> {
        let after = match after.filter(|s| !s.is_empty()) {
            None => FeedCursor::START,
            Some(s) => FeedCursor::decode(s)
                .ok_or_else(|| SyncError::invalid("after", "not a cursor of this feed"))?,
        };
        let limit = match limit.filter(|s| !s.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| SyncError::invalid("limit", "must be an integer from 1 to 500"))?,
        };
        Ok(ChangesQuery { after, limit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cursors_round_trip_and_others_are_refused() {
        for c in [
            FeedCursor::START,
            FeedCursor {
                writer_xid: 7_000_000_123,
                seq: 42,
            },
        ] {
            assert_eq!(FeedCursor::decode(&c.encode()), Some(c));
        }
        for bad in ["", "garbage", "ZGMxOjE", "ZGMxOi0xOjI", "ZGMyOjE6Mg"] {
            assert_eq!(FeedCursor::decode(bad), None, "{bad}");
        }
        let field = |r: Result<ChangesQuery, SyncError>| match r {
            Err(SyncError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(ChangesQuery::parse(Some("nope"), None)), "after");
        for limit in ["0", "501", "-1", "x", "1.5"] {
            assert_eq!(field(ChangesQuery::parse(None, Some(limit))), "limit");
        }
        assert_eq!(
            ChangesQuery::parse(None, None).ok(),
            Some(ChangesQuery {
                after: FeedCursor::START,
                limit: DEFAULT_LIMIT
            })
        );
    }

    #[test]
    fn kinds_read_back() {
        for kind in ChangeKind::ALL {
            assert_eq!(ChangeKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(Value::from(kind.as_str()))
            );
        }
    }

    proptest! {
        /// Any text as `after`/`limit` is a query or a refusal naming its parameter, never a
        /// panic; an accepted cursor is one this feed could have handed out.
        #[test]
        fn any_query_text_is_read_or_refused_by_name(
            after in proptest::option::of(any::<String>()),
            limit in proptest::option::of(any::<String>()),
        ) {
            match ChangesQuery::parse(after.as_deref(), limit.as_deref()) {
                Ok(q) => {
                    prop_assert!((1..=MAX_LIMIT).contains(&q.limit));
                    prop_assert!(q.after.writer_xid >= 0 && q.after.seq >= 0);
                }
                Err(SyncError::Invalid { field, .. }) => {
                    prop_assert!(field == "after" || field == "limit");
                }
                Err(other) => prop_assert!(false, "{other:?}"),
            }
        }

        #[test]
        fn every_cursor_round_trips(xid in 0..i64::MAX, seq in 0..i64::MAX) {
            let c = FeedCursor { writer_xid: xid, seq };
            prop_assert_eq!(FeedCursor::decode(&c.encode()), Some(c));
        }
    }
}
