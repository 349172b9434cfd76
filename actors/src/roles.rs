//! A client contact's portal role changed on the portal's side (the CLI's `portal user role`):
//! it changes the contact's `portal_role`, records `role_changed` in the directory changes feed
//! for the PSA (which bumps the contact's version), tells the instances caching the user's
//! sessions to read them again (same transaction), and hands back the `user_role_changed` audit
//! record. (A role set by the PSA's own contact `PUT` is the PSA's change: not fed back to it.)
//! What the role may do is read per request, so the change applies on the user's next request.

use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::audit::AuditRecord;
use crate::db::{Db, DbError, Tx};
use crate::model::{PortalRole, RequestOrigin};
use crate::sessions::RevocationScope;
use crate::sso::operators::Audited;
use crate::store::{directory_changes, sessions, users};

/// The audit event of a changed portal role (details: `old`, `new`, `contact_id`, `by`).
pub const EVENT_ROLE_CHANGED: &str = "user_role_changed";

/// Whose role changes: a contact, or the client user of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleTarget {
    Contact(Uuid),
    User(Uuid),
}

/// A role change as made (or found already made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChange {
    pub contact_id: Uuid,
    pub client_id: Uuid,
    /// The contact's portal user, when they have one.
    pub user_id: Option<Uuid>,
    pub email: String,
    pub old: PortalRole,
    pub new: PortalRole,
}

impl RoleChange {
    /// Whether the role differs from what it was (else nothing was written).
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RoleChangeError {
    #[error("no such contact or client user in this tenant")]
    NotFound,
    #[error("the contact's role was changed meanwhile; try again")]
    Conflict,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Sets the portal role of `target` to `role` in its own transaction (see
/// [`change_portal_role_in`]); `by` says who asked (`operator`, `psa`, …) for the audit record.
pub async fn change_portal_role(
    db: &Db,
    now: DateTime<Utc>,
    tenant: Uuid,
    target: RoleTarget,
    role: PortalRole,
    by: &str,
    origin: &RequestOrigin,
) -> Result<Audited<RoleChange>, RoleChangeError> {
    let mut tx = db.begin().await?;
    let change = change_portal_role_in(&mut tx, now, tenant, target, role, by, origin).await?;
    tx.commit().await?;
    Ok(change)
}

/// Sets the portal role of `target` to `role` inside the caller's transaction: the contact's
/// role, version and update time in one compare-and-set statement, and (when the contact has a
/// portal user) a notice to every instance to re-read the user's cached sessions, delivered at
/// commit. Setting the role a contact has writes nothing. The record is the caller's to write.
pub async fn change_portal_role_in(
    tx: &mut Tx,
    now: DateTime<Utc>,
    tenant: Uuid,
    target: RoleTarget,
    role: PortalRole,
    by: &str,
    origin: &RequestOrigin,
) -> Result<Audited<RoleChange>, RoleChangeError> {
    let holder = match target {
        RoleTarget::Contact(id) => users::role_holder_by_contact(tx.exec(), tenant, id).await?,
        RoleTarget::User(id) => users::role_holder_by_user(tx.exec(), tenant, id).await?,
    }
    .ok_or(RoleChangeError::NotFound)?;
    let old = PortalRole::parse(&holder.portal_role).unwrap_or(PortalRole::User);
    let change = RoleChange {
        contact_id: holder.contact_id,
        client_id: holder.client_id,
        user_id: holder.user_id,
        email: holder.email,
        old,
        new: role,
    };
    if change.changed() {
        let n =
            users::set_portal_role(tx.exec(), tenant, change.contact_id, old, role, now).await?;
        if n == 0 {
            return Err(RoleChangeError::Conflict);
        }
        directory_changes::record_role_changed(
            tx,
            tenant,
            change.contact_id,
            change.user_id,
            old,
            role,
            now,
        )
        .await?;
        if let Some(user_id) = change.user_id {
            let scope = RevocationScope::user(tenant, user_id);
            sessions::notify_revoked(tx.exec(), &scope).await?;
        }
        tracing::info!(%tenant, contact_id = %change.contact_id, old = old.as_str(),
            new = role.as_str(), by, "portal role changed");
    }
    let details = json!({
        "by": by,
        "contact_id": change.contact_id,
        "client_id": change.client_id,
        "old": old.as_str(),
        "new": role.as_str(),
        "changed": change.changed(),
    });
    let record = AuditRecord {
        tenant,
        event_type: EVENT_ROLE_CHANGED,
        outcome: "success",
        reason: None,
        user_id: change.user_id,
        email: Some(change.email.clone()),
        origin: origin.clone(),
        details: Some(details.to_string()),
    };
    Ok(Audited {
        value: change,
        record,
    })
}
