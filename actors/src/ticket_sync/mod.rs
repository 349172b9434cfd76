//! Ticket sync: what the MSP's PSA writes and reads through the integration API. Boards,
//! statuses, priorities, categories, visibility groups, contacts' ticket access and tickets are
//! upserted under ids the PSA chooses (idempotent); MSP replies, internal notes and files are
//! added to tickets; the PSA pulls changed tickets (portal-raised ones included) from a feed.
//!
//! `input` validates the JSON the PSA sends (naming the field of every refusal), `apply` runs
//! the changes and reads for one tenant (the `TenantData` actor's, or the demo seed's). The
//! records here are what the API answers with.

pub mod apply;
pub mod input;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::db::DbError;
use crate::supervision::ActorFault;
use crate::tickets::InputError;

/// Most tickets in one page of the feed.
pub const MAX_FEED_LIMIT: i64 = 500;
/// Tickets in a page of the feed when the PSA does not say.
pub const DEFAULT_FEED_LIMIT: i64 = 100;
/// Longest name of a board, status, priority, category, group or person, in characters.
pub const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// A field the API cannot use (unknown references included): 400 naming it.
    #[error("`{field}`: {message}")]
    Invalid { field: String, message: String },
    /// No such ticket or contact in this tenant (another tenant's is the same).
    #[error("not found")]
    NotFound,
    /// Another ticket (or project) of the tenant already has this number.
    #[error("another record has this number")]
    NumberTaken,
    /// The record changed since the version the PSA sent (`current` is its version now).
    #[error("the record is at version {current}")]
    StaleVersion { current: i64 },
    /// Another portal user of the tenant signs in with this email.
    #[error("the email is another portal user's")]
    EmailTaken,
    #[error("ticket data unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

impl SyncError {
    pub fn invalid(field: &str, message: impl Into<String>) -> SyncError {
        SyncError::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// The `outcome` label of the ticket metrics.
    pub fn outcome(&self) -> &'static str {
        match self {
            SyncError::Invalid { .. } | SyncError::NumberTaken => "invalid",
            SyncError::StaleVersion { .. } | SyncError::EmailTaken => "conflict",
            SyncError::NotFound => "not_found",
            SyncError::Db(_) | SyncError::Fault(_) => "error",
        }
    }
}

impl From<InputError> for SyncError {
    fn from(e: InputError) -> Self {
        SyncError::invalid(e.field, e.message)
    }
}

/// A record written: what is stored now, and whether the upsert created it.
#[derive(Debug, Clone)]
pub struct Upserted<T> {
    pub record: T,
    pub created: bool,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BoardRecord {
    pub board_id: Uuid,
    pub name: String,
    pub is_default: bool,
    pub is_inactive: bool,
    pub display_order: i64,
    pub updated_at: DateTime<Utc>,
    /// The board's statuses (in lists; empty after a board upsert).
    #[sqlx(skip)]
    pub statuses: Vec<StatusRecord>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StatusRecord {
    pub status_id: Uuid,
    pub board_id: Uuid,
    pub name: String,
    pub is_closed: bool,
    pub is_default: bool,
    pub display_order: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PriorityRecord {
    pub priority_id: Uuid,
    /// `None`: offered on every board.
    pub board_id: Option<Uuid>,
    pub name: String,
    pub color: String,
    /// The default of its scope: its board's, or (global) the tenant's.
    pub is_default: bool,
    pub display_order: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CategoryRecord {
    pub category_id: Uuid,
    /// `None`: offered on every board.
    pub board_id: Option<Uuid>,
    pub name: String,
    pub display_order: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct VisibilityGroupRecord {
    pub group_id: Uuid,
    pub name: String,
    pub updated_at: DateTime<Utc>,
    #[sqlx(skip)]
    pub board_ids: Vec<Uuid>,
}

/// Which tickets a contact sees in the portal.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TicketAccessRecord {
    pub contact_id: Uuid,
    pub client_id: Uuid,
    /// `client` (all the company's tickets) or `contact` (only their own).
    pub scope: String,
    /// `None`: every active board.
    pub visibility_group_id: Option<Uuid>,
}

/// A ticket as the PSA sees it: every field, with the names of what it refers to.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SyncTicket {
    pub ticket_id: Uuid,
    pub number: String,
    pub title: String,
    pub description: String,
    pub board_id: Uuid,
    pub board_name: String,
    pub status_id: Uuid,
    pub status_name: String,
    pub is_closed: bool,
    pub priority_id: Uuid,
    pub priority_name: String,
    pub priority_color: String,
    pub category_id: Option<Uuid>,
    pub category_name: Option<String>,
    pub client_id: Uuid,
    pub client_name: String,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub assignee_name: Option<String>,
    pub response_state: Option<String>,
    /// `portal` (raised by a client) or `integration` (written by the PSA).
    pub source: String,
    pub entered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
}

/// A comment as the PSA sees it (internal notes included, flagged).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SyncComment {
    pub comment_id: Uuid,
    /// `client` or `internal`.
    pub author_type: String,
    pub author_name: String,
    pub internal: bool,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

/// An attachment's metadata as the PSA sees it (hidden ones included, flagged).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SyncAttachment {
    pub attachment_id: Uuid,
    pub file_name: String,
    pub size_bytes: i64,
    pub content_type: String,
    pub client_visible: bool,
    /// `client` or `internal`.
    pub uploaded_by_type: String,
    pub uploaded_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// A ticket with its whole conversation and attachments.
#[derive(Debug, Clone, Serialize)]
pub struct SyncTicketDetail {
    #[serde(flatten)]
    pub ticket: SyncTicket,
    pub comments: Vec<SyncComment>,
    pub attachments: Vec<SyncAttachment>,
}

/// One page of the changed-tickets feed.
#[derive(Debug, Clone, Serialize)]
pub struct TicketFeed {
    pub tickets: Vec<SyncTicket>,
    /// Pass as `cursor` for the next page; `None` when this page was the last.
    pub next: Option<String>,
}
