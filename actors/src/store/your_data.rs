//! What a client user's "Download my data" holds beyond their profile: every session of theirs
//! (live or ended), their sign-in events, the tickets they are the contact of, and their
//! comments. Read-only; every query is scoped to the tenant and the user.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::query_as;

/// Most rows of each kind in one export (a very old account still downloads in one go).
pub const MAX_ROWS: i64 = 10_000;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SessionRow {
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub auth_method: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SignInRow {
    pub occurred_at: DateTime<Utc>,
    pub outcome: String,
    pub reason: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TicketRow {
    pub number: String,
    pub title: String,
    pub status: String,
    pub entered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CommentRow {
    pub ticket: String,
    pub created_at: DateTime<Utc>,
    pub body: String,
}

pub async fn sessions(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Vec<SessionRow>, DbError> {
    Ok(query_as!(
        exec,
        SessionRow,
        fetch_all,
        "SELECT created_at, last_seen_at, expires_at, revoked_at, auth_method, ip, user_agent \
         FROM sessions WHERE tenant = $1 AND user_id = $2 ORDER BY created_at DESC LIMIT $3",
        tenant,
        user_id,
        MAX_ROWS
    )?)
}

/// Sign-in events with the user's id or (failed ones before it was known) their address.
pub async fn sign_ins(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    email: &str,
) -> Result<Vec<SignInRow>, DbError> {
    Ok(query_as!(
        exec,
        SignInRow,
        fetch_all,
        "SELECT occurred_at, outcome, reason, ip, user_agent FROM audit_events \
         WHERE tenant = $1 AND event_type = 'sign_in' AND (user_id = $2 OR email = $3) \
         ORDER BY occurred_at DESC LIMIT $4",
        tenant,
        user_id,
        email,
        MAX_ROWS
    )?)
}

pub async fn tickets(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
) -> Result<Vec<TicketRow>, DbError> {
    Ok(query_as!(
        exec,
        TicketRow,
        fetch_all,
        "SELECT t.ticket_number AS number, t.title, s.name AS status, t.entered_at \
         FROM tickets t JOIN ticket_statuses s ON s.tenant = t.tenant AND s.status_id = t.status_id \
         WHERE t.tenant = $1 AND t.contact_id = $2 ORDER BY t.entered_at DESC LIMIT $3",
        tenant,
        contact_id,
        MAX_ROWS
    )?)
}

pub async fn comments(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Vec<CommentRow>, DbError> {
    Ok(query_as!(
        exec,
        CommentRow,
        fetch_all,
        "SELECT t.ticket_number AS ticket, c.created_at, c.body \
         FROM ticket_comments c JOIN tickets t ON t.tenant = c.tenant AND t.ticket_id = c.ticket_id \
         WHERE c.tenant = $1 AND c.author_type = 'client' AND c.author_user_id = $2 \
         ORDER BY c.created_at DESC LIMIT $3",
        tenant,
        user_id,
        MAX_ROWS
    )?)
}
