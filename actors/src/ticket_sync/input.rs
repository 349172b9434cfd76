//! The PSA's JSON bodies, read field by field so that every refusal names its field: a missing
//! or mistyped value, an unknown field, a value out of range. References (board, status, …)
//! are checked against the database later, in `apply`.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{SyncError, MAX_NAME_CHARS};
use crate::tickets::{self, ResponseState, TicketScope};

/// A JSON object being read; fields not listed as allowed are refused.
pub struct Fields {
    map: Map<String, Value>,
}

fn bad(field: &str, message: &str) -> SyncError {
    SyncError::invalid(field, message)
}

impl Fields {
    /// The body as an object with only `allowed` fields.
    pub fn new(body: Value, allowed: &[&str]) -> Result<Fields, SyncError> {
        let Value::Object(map) = body else {
            return Err(bad("body", "must be a JSON object"));
        };
        if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(bad(unknown, "unknown field"));
        }
        Ok(Fields { map })
    }

    /// The value, `None` when missing or `null` (for shapes read elsewhere).
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    pub fn opt_str(&self, field: &str) -> Result<Option<&str>, SyncError> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(bad(field, "must be a string")),
        }
    }

    pub fn str(&self, field: &str) -> Result<&str, SyncError> {
        self.opt_str(field)?.ok_or_else(|| bad(field, "required"))
    }

    pub fn opt_bool(&self, field: &str) -> Result<Option<bool>, SyncError> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(bad(field, "must be true or false")),
        }
    }

    pub fn bool(&self, field: &str) -> Result<bool, SyncError> {
        self.opt_bool(field)?.ok_or_else(|| bad(field, "required"))
    }

    pub fn opt_uuid(&self, field: &str) -> Result<Option<Uuid>, SyncError> {
        match self.opt_str(field)? {
            None => Ok(None),
            Some(s) => Uuid::parse_str(s)
                .map(Some)
                .map_err(|_| bad(field, "must be a UUID")),
        }
    }

    pub fn uuid(&self, field: &str) -> Result<Uuid, SyncError> {
        self.opt_uuid(field)?.ok_or_else(|| bad(field, "required"))
    }

    /// A display order: an integer from -1,000,000 to 1,000,000 (0 when omitted).
    pub fn order(&self, field: &str) -> Result<i64, SyncError> {
        match self.get(field) {
            None => Ok(0),
            Some(v) => v
                .as_i64()
                .filter(|n| n.abs() <= 1_000_000)
                .ok_or_else(|| bad(field, "must be an integer from -1000000 to 1000000")),
        }
    }

    /// A point in time as RFC 3339 (`2024-05-01T09:30:00Z`).
    pub fn opt_time(&self, field: &str) -> Result<Option<DateTime<Utc>>, SyncError> {
        match self.opt_str(field)? {
            None => Ok(None),
            Some(s) => parse_time(s)
                .map(Some)
                .ok_or_else(|| bad(field, "must be an RFC 3339 date-time")),
        }
    }

    pub fn uuids(&self, field: &str) -> Result<Vec<Uuid>, SyncError> {
        let Some(Value::Array(items)) = self.get(field) else {
            return Err(match self.get(field) {
                None => bad(field, "required"),
                Some(_) => bad(field, "must be an array of UUIDs"),
            });
        };
        let mut ids = Vec::with_capacity(items.len());
        for item in items {
            let id = item
                .as_str()
                .and_then(|s| Uuid::parse_str(s).ok())
                .ok_or_else(|| bad(field, "must be an array of UUIDs"))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// A name: trimmed, 1–100 characters, no control characters.
    pub fn name(&self, field: &str) -> Result<String, SyncError> {
        parse_name(field, self.str(field)?)
    }

    pub fn opt_name(&self, field: &str) -> Result<Option<String>, SyncError> {
        match self.opt_str(field)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse_name(field, s).map(Some),
        }
    }
}

/// An RFC 3339 date-time, in UTC.
pub fn parse_time(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub fn parse_name(field: &str, raw: &str) -> Result<String, SyncError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(bad(field, "required"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(bad(field, "too long (at most 100 characters)"));
    }
    if name.chars().any(char::is_control) {
        return Err(bad(field, "control characters are not allowed"));
    }
    Ok(name.to_owned())
}

/// A colour as `#rrggbb` (stored lower-case).
pub fn parse_color(field: &str, raw: &str) -> Result<String, SyncError> {
    let hex = raw.trim().strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(format!("#{}", hex.to_ascii_lowercase()))
    } else {
        Err(bad(field, "must be a colour as #rrggbb"))
    }
}

/// A path segment that must be a UUID (`field` names it).
pub fn parse_path_id(field: &str, raw: &str) -> Result<Uuid, SyncError> {
    Uuid::parse_str(raw).map_err(|_| bad(field, "must be a UUID"))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardInput {
    pub name: String,
    pub is_default: bool,
    pub is_inactive: bool,
    pub display_order: i64,
}

impl BoardInput {
    pub fn parse(body: Value) -> Result<BoardInput, SyncError> {
        let f = Fields::new(
            body,
            &["name", "is_default", "is_inactive", "display_order"],
        )?;
        Ok(BoardInput {
            name: f.name("name")?,
            is_default: f.opt_bool("is_default")?.unwrap_or(false),
            is_inactive: f.opt_bool("is_inactive")?.unwrap_or(false),
            display_order: f.order("display_order")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusInput {
    pub board_id: Uuid,
    pub name: String,
    pub is_closed: bool,
    pub is_default: bool,
    pub display_order: i64,
}

impl StatusInput {
    pub fn parse(body: Value) -> Result<StatusInput, SyncError> {
        let f = Fields::new(
            body,
            &[
                "board_id",
                "name",
                "is_closed",
                "is_default",
                "display_order",
            ],
        )?;
        Ok(StatusInput {
            board_id: f.uuid("board_id")?,
            name: f.name("name")?,
            is_closed: f.bool("is_closed")?,
            is_default: f.opt_bool("is_default")?.unwrap_or(false),
            display_order: f.order("display_order")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityInput {
    pub name: String,
    pub color: String,
    pub board_id: Option<Uuid>,
    /// The default of its scope (its board, or every board when `board_id` is `None`).
    pub is_default: bool,
    pub display_order: i64,
}

impl PriorityInput {
    pub fn parse(body: Value) -> Result<PriorityInput, SyncError> {
        let f = Fields::new(
            body,
            &["name", "color", "board_id", "is_default", "display_order"],
        )?;
        Ok(PriorityInput {
            name: f.name("name")?,
            color: parse_color("color", f.str("color")?)?,
            board_id: f.opt_uuid("board_id")?,
            is_default: f.opt_bool("is_default")?.unwrap_or(false),
            display_order: f.order("display_order")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryInput {
    pub name: String,
    pub board_id: Option<Uuid>,
    pub display_order: i64,
}

impl CategoryInput {
    pub fn parse(body: Value) -> Result<CategoryInput, SyncError> {
        let f = Fields::new(body, &["name", "board_id", "display_order"])?;
        Ok(CategoryInput {
            name: f.name("name")?,
            board_id: f.opt_uuid("board_id")?,
            display_order: f.order("display_order")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibilityGroupInput {
    pub name: String,
    /// The boards the group's contacts see (the whole set, replacing the stored one).
    pub board_ids: Vec<Uuid>,
}

impl VisibilityGroupInput {
    pub fn parse(body: Value) -> Result<VisibilityGroupInput, SyncError> {
        let f = Fields::new(body, &["name", "board_ids"])?;
        Ok(VisibilityGroupInput {
            name: f.name("name")?,
            board_ids: f.uuids("board_ids")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketAccessInput {
    pub scope: TicketScope,
    pub visibility_group_id: Option<Uuid>,
}

impl TicketAccessInput {
    pub fn parse(body: Value) -> Result<TicketAccessInput, SyncError> {
        let f = Fields::new(body, &["scope", "visibility_group_id"])?;
        let scope = TicketScope::parse(f.str("scope")?)
            .ok_or_else(|| bad("scope", "must be client or contact"))?;
        Ok(TicketAccessInput {
            scope,
            visibility_group_id: f.opt_uuid("visibility_group_id")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketInput {
    pub number: String,
    pub title: String,
    pub description: String,
    pub board_id: Uuid,
    pub status_id: Uuid,
    pub priority_id: Uuid,
    pub category_id: Option<Uuid>,
    pub client_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    /// `None`: now for a new ticket, unchanged for an existing one.
    pub entered_at: Option<DateTime<Utc>>,
    /// `None`: nobody awaited for a new ticket, unchanged for an existing one.
    pub response_state: Option<ResponseState>,
}

impl TicketInput {
    pub fn parse(body: Value) -> Result<TicketInput, SyncError> {
        let f = Fields::new(
            body,
            &[
                "number",
                "title",
                "description",
                "board_id",
                "status_id",
                "priority_id",
                "category_id",
                "client_id",
                "contact_id",
                "assignee_name",
                "due_at",
                "entered_at",
                "response_state",
            ],
        )?;
        let number = f.str("number")?.trim();
        if !tickets::is_valid_ticket_number(number) {
            return Err(bad("number", "must be 1-32 letters, digits or '-'"));
        }
        let response_state = match f.opt_str("response_state")? {
            None => None,
            Some(raw) => Some(ResponseState::parse(raw).ok_or_else(|| {
                bad(
                    "response_state",
                    "must be awaiting_client or awaiting_internal",
                )
            })?),
        };
        Ok(TicketInput {
            number: number.to_owned(),
            title: tickets::parse_title(f.str("title")?)?,
            description: tickets::parse_body(
                "description",
                f.opt_str("description")?.unwrap_or(""),
                false,
            )?,
            board_id: f.uuid("board_id")?,
            status_id: f.uuid("status_id")?,
            priority_id: f.uuid("priority_id")?,
            category_id: f.opt_uuid("category_id")?,
            client_id: f.uuid("client_id")?,
            contact_id: f.opt_uuid("contact_id")?,
            assignee_name: f.opt_name("assignee_name")?,
            due_at: f.opt_time("due_at")?,
            entered_at: f.opt_time("entered_at")?,
            response_state,
        })
    }
}

/// An MSP reply (`internal: false`, clients see it) or an internal note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentInput {
    /// `None`: a new id is chosen. The same id again is a replay and changes nothing.
    pub comment_id: Option<Uuid>,
    pub author_name: String,
    pub body: String,
    pub internal: bool,
}

impl CommentInput {
    pub fn parse(body: Value) -> Result<CommentInput, SyncError> {
        let f = Fields::new(body, &["comment_id", "author_name", "body", "internal"])?;
        Ok(CommentInput {
            comment_id: f.opt_uuid("comment_id")?,
            author_name: f.name("author_name")?,
            body: tickets::parse_body("body", f.str("body")?, true)?,
            internal: f.bool("internal")?,
        })
    }
}

/// Which page of the feed: changed at or after `updated_since`, after `cursor`, up to `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedQuery {
    pub updated_since: Option<DateTime<Utc>>,
    /// The last ticket of the previous page: `(updated_at, ticket_id)`.
    pub after: Option<(DateTime<Utc>, Uuid)>,
    pub limit: i64,
}

impl FeedQuery {
    /// From the query string's values (`None` when absent).
    pub fn parse(
        updated_since: Option<&str>,
        cursor: Option<&str>,
        limit: Option<&str>,
    ) -> Result<FeedQuery, SyncError> {
        let updated_since = match updated_since.filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                parse_time(s)
                    .ok_or_else(|| bad("updated_since", "must be an RFC 3339 date-time"))?,
            ),
        };
        let after = match cursor.filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                Some(decode_cursor(s).ok_or_else(|| bad("cursor", "not a cursor of this feed"))?)
            }
        };
        let limit = match limit.filter(|s| !s.is_empty()) {
            None => super::DEFAULT_FEED_LIMIT,
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=super::MAX_FEED_LIMIT).contains(n))
                .ok_or_else(|| bad("limit", "must be an integer from 1 to 500"))?,
        };
        Ok(FeedQuery {
            updated_since,
            after,
            limit,
        })
    }
}

/// The cursor after a ticket: `<updated_at as RFC 3339 with nanoseconds>_<ticket_id>`.
pub fn encode_cursor(updated_at: DateTime<Utc>, ticket_id: Uuid) -> String {
    format!(
        "{}_{}",
        updated_at.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        ticket_id.simple()
    )
}

pub fn decode_cursor(raw: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (time, id) = raw.rsplit_once('_')?;
    Some((parse_time(time)?, Uuid::parse_str(id).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field_of(e: SyncError) -> String {
        match e {
            SyncError::Invalid { field, .. } => field,
            other => panic!("not an invalid field: {other:?}"),
        }
    }

    #[test]
    fn every_refusal_names_its_field() {
        let board = Uuid::new_v4().to_string();
        let ok = json!({"board_id": board, "name": "New", "is_closed": false});
        assert!(StatusInput::parse(ok).is_ok());
        for (body, field) in [
            (json!({"name": "New", "is_closed": false}), "board_id"),
            (
                json!({"board_id": "x", "name": "New", "is_closed": false}),
                "board_id",
            ),
            (json!({"board_id": board, "is_closed": false}), "name"),
            (
                json!({"board_id": board, "name": " ", "is_closed": false}),
                "name",
            ),
            (
                json!({"board_id": board, "name": "New", "is_closed": "no"}),
                "is_closed",
            ),
            (
                json!({"board_id": board, "name": "New", "is_closed": false, "colour": 1}),
                "colour",
            ),
            (
                json!({"board_id": board, "name": "New", "is_closed": false, "display_order": 1.5}),
                "display_order",
            ),
            (json!([1]), "body"),
        ] {
            assert_eq!(
                field_of(StatusInput::parse(body.clone()).unwrap_err()),
                field,
                "{body}"
            );
        }
        assert_eq!(
            field_of(PriorityInput::parse(json!({"name": "P1", "color": "red"})).unwrap_err()),
            "color"
        );
        assert_eq!(
            PriorityInput::parse(json!({"name": "P1", "color": "#A0B1C2"}))
                .unwrap()
                .color,
            "#a0b1c2"
        );
        let not_a_flag = json!({"name": "P1", "color": "#a0b1c2", "is_default": "yes"});
        assert_eq!(
            field_of(PriorityInput::parse(not_a_flag).unwrap_err()),
            "is_default"
        );
        assert_eq!(
            field_of(
                VisibilityGroupInput::parse(json!({"name": "g", "board_ids": ["x"]})).unwrap_err()
            ),
            "board_ids"
        );
        assert_eq!(
            field_of(TicketAccessInput::parse(json!({"scope": "all"})).unwrap_err()),
            "scope"
        );
    }

    #[test]
    fn tickets_are_checked_field_by_field() {
        let id = || Uuid::new_v4().to_string();
        let base = json!({
            "number": "T-1", "title": "Printer", "description": "Jams",
            "board_id": id(), "status_id": id(), "priority_id": id(), "client_id": id(),
            "due_at": "2024-05-01T09:30:00+02:00", "response_state": "awaiting_client"
        });
        let t = TicketInput::parse(base.clone()).unwrap();
        assert_eq!(t.due_at.unwrap().to_rfc3339(), "2024-05-01T07:30:00+00:00");
        for (field, value) in [
            ("number", json!("../x")),
            ("number", json!("")),
            ("title", json!("")),
            ("description", json!("a\u{0}")),
            ("status_id", json!(null)),
            ("contact_id", json!(7)),
            ("due_at", json!("tomorrow")),
            ("response_state", json!("soon")),
            ("assignee_name", json!("x".repeat(101))),
        ] {
            let mut body = base.clone();
            body[field] = value;
            assert_eq!(field_of(TicketInput::parse(body).unwrap_err()), field);
        }
    }

    #[test]
    fn cursors_round_trip_and_feed_queries_are_checked() {
        let at = parse_time("2024-05-01T09:30:00.123456789Z").unwrap();
        let id = Uuid::new_v4();
        assert_eq!(decode_cursor(&encode_cursor(at, id)), Some((at, id)));
        assert_eq!(decode_cursor("nope"), None);
        let q = FeedQuery::parse(Some("2024-05-01T00:00:00Z"), None, Some("500")).unwrap();
        assert_eq!(q.limit, 500);
        for (since, cursor, limit, field) in [
            (Some("yesterday"), None, None, "updated_since"),
            (None, Some("x_y"), None, "cursor"),
            (None, None, Some("0"), "limit"),
            (None, None, Some("501"), "limit"),
        ] {
            assert_eq!(
                field_of(FeedQuery::parse(since, cursor, limit).unwrap_err()),
                field
            );
        }
    }
}
