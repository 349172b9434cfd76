//! Ticket sync SQL for tickets: upserts, the change feed, full reads, and MSP comments and files.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::ticket_sync::input::TicketInput;
use crate::ticket_sync::{SyncAttachment, SyncComment, SyncTicket};
use crate::tickets::{ResponseState, StoredFile};
use crate::{execute, query_as};

const TICKET_SELECT: &str = "SELECT t.ticket_id, t.ticket_number AS number, t.title, \
     t.description, t.board_id, b.name AS board_name, t.status_id, s.name AS status_name, \
     s.is_closed, t.priority_id, p.name AS priority_name, p.color AS priority_color, \
     t.category_id, c.name AS category_name, t.client_id, cl.client_name, t.contact_id, \
     co.full_name AS contact_name, t.assignee_name, t.response_state, t.source, t.entered_at, \
     t.updated_at, t.closed_at, t.due_at \
     FROM tickets t \
     JOIN ticket_statuses s ON s.tenant = t.tenant AND s.status_id = t.status_id \
     JOIN ticket_priorities p ON p.tenant = t.tenant AND p.priority_id = t.priority_id \
     JOIN ticket_boards b ON b.tenant = t.tenant AND b.board_id = t.board_id \
     JOIN clients cl ON cl.tenant = t.tenant AND cl.client_id = t.client_id \
     LEFT JOIN ticket_categories c ON c.tenant = t.tenant AND c.category_id = t.category_id \
     LEFT JOIN contacts co ON co.tenant = t.tenant AND co.contact_id = t.contact_id";

pub async fn find_ticket(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
) -> Result<Option<SyncTicket>, DbError> {
    let sql = format!("{TICKET_SELECT} WHERE t.tenant = $1 AND t.ticket_id = $2");
    Ok(query_as!(
        exec,
        SyncTicket,
        fetch_optional,
        &sql,
        tenant,
        ticket_id
    )?)
}

/// The ticket that has this number, if any.
pub async fn ticket_with_number(
    db: &Db,
    tenant: Uuid,
    number: &str,
) -> Result<Option<Uuid>, DbError> {
    Ok(query_as!(
        db.exec(),
        IdRow,
        fetch_optional,
        "SELECT ticket_id AS id FROM tickets WHERE tenant = $1 AND ticket_number = $2",
        tenant,
        number
    )?
    .map(|r| r.id))
}

#[derive(sqlx::FromRow)]
struct IdRow {
    id: Uuid,
}

/// Inserts a ticket written by the PSA (`source` `integration`).
pub async fn insert_ticket(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    t: &TicketInput,
    status_closed: bool,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO tickets (tenant, ticket_id, ticket_number, title, description, board_id, \
             status_id, priority_id, category_id, client_id, contact_id, assignee_name, \
             response_state, source, entered_at, updated_at, closed_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'integration', $14, \
             $15, $16, $17)",
        tenant,
        ticket_id,
        &t.number,
        &t.title,
        &t.description,
        t.board_id,
        t.status_id,
        t.priority_id,
        t.category_id,
        t.client_id,
        t.contact_id,
        t.assignee_name.as_deref(),
        t.response_state.map(ResponseState::as_str),
        t.entered_at.unwrap_or(now),
        now,
        status_closed.then_some(now),
        t.due_at
    )?)
}

/// Replaces an existing ticket's fields (its source stays); `closed_at` follows the status,
/// keeping an earlier close time while it stays closed.
pub async fn update_ticket(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    t: &TicketInput,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE tickets SET ticket_number = $3, title = $4, description = $5, board_id = $6, \
             status_id = $7, priority_id = $8, category_id = $9, client_id = $10, \
             contact_id = $11, assignee_name = $12, \
             response_state = COALESCE($13, response_state), \
             entered_at = COALESCE($14, entered_at), updated_at = $15, closed_at = $16, \
             due_at = $17 \
         WHERE tenant = $1 AND ticket_id = $2",
        tenant,
        ticket_id,
        &t.number,
        &t.title,
        &t.description,
        t.board_id,
        t.status_id,
        t.priority_id,
        t.category_id,
        t.client_id,
        t.contact_id,
        t.assignee_name.as_deref(),
        t.response_state.map(ResponseState::as_str),
        t.entered_at,
        now,
        closed_at,
        t.due_at
    )?)
}

/// The feed: tickets changed at or after `since`, after the cursor `(updated_at, ticket_id)`
/// when given, oldest change first.
pub async fn changed_tickets(
    db: &Db,
    tenant: Uuid,
    since: DateTime<Utc>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<SyncTicket>, DbError> {
    match after {
        None => {
            let sql = format!(
                "{TICKET_SELECT} WHERE t.tenant = $1 AND t.updated_at >= $2 \
                 ORDER BY t.updated_at, t.ticket_id LIMIT $3"
            );
            Ok(query_as!(
                db.exec(),
                SyncTicket,
                fetch_all,
                &sql,
                tenant,
                since,
                limit
            )?)
        }
        Some((at, id)) => {
            let sql = format!(
                "{TICKET_SELECT} WHERE t.tenant = $1 AND t.updated_at >= $2 \
                   AND (t.updated_at > $3 OR (t.updated_at = $3 AND t.ticket_id > $4)) \
                 ORDER BY t.updated_at, t.ticket_id LIMIT $5"
            );
            Ok(query_as!(
                db.exec(),
                SyncTicket,
                fetch_all,
                &sql,
                tenant,
                since,
                at,
                id,
                limit
            )?)
        }
    }
}

/// Every comment of the ticket (internal notes too), oldest first.
pub async fn comments(db: &Db, tenant: Uuid, ticket_id: Uuid) -> Result<Vec<SyncComment>, DbError> {
    Ok(query_as!(
        db.exec(),
        SyncComment,
        fetch_all,
        "SELECT comment_id, author_type, author_name, is_internal AS internal, body, \
                created_at, edited_at \
         FROM ticket_comments WHERE tenant = $1 AND ticket_id = $2 \
         ORDER BY created_at, comment_id",
        tenant,
        ticket_id
    )?)
}

const ATTACHMENT_SELECT: &str = "SELECT attachment_id, file_name, size_bytes, content_type, \
     is_client_visible AS client_visible, uploaded_by_type, uploaded_by_name, created_at \
     FROM ticket_attachments";

/// Every attachment of the ticket (hidden ones too), oldest first.
pub async fn attachments(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
) -> Result<Vec<SyncAttachment>, DbError> {
    let sql = format!(
        "{ATTACHMENT_SELECT} WHERE tenant = $1 AND ticket_id = $2 \
         ORDER BY created_at, attachment_id"
    );
    Ok(query_as!(
        db.exec(),
        SyncAttachment,
        fetch_all,
        &sql,
        tenant,
        ticket_id
    )?)
}

pub async fn find_attachment(
    exec: Exec<'_>,
    tenant: Uuid,
    attachment_id: Uuid,
) -> Result<Option<SyncAttachment>, DbError> {
    let sql = format!("{ATTACHMENT_SELECT} WHERE tenant = $1 AND attachment_id = $2");
    Ok(query_as!(
        exec,
        SyncAttachment,
        fetch_optional,
        &sql,
        tenant,
        attachment_id
    )?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentOwner {
    pub ticket_id: Uuid,
}

/// The ticket a comment id is on, if it exists (any author).
pub async fn comment_ticket(
    db: &Db,
    tenant: Uuid,
    comment_id: Uuid,
) -> Result<Option<Uuid>, DbError> {
    Ok(query_as!(
        db.exec(),
        CommentOwner,
        fetch_optional,
        "SELECT ticket_id FROM ticket_comments WHERE tenant = $1 AND comment_id = $2",
        tenant,
        comment_id
    )?
    .map(|r| r.ticket_id))
}

pub async fn find_comment(
    exec: Exec<'_>,
    tenant: Uuid,
    comment_id: Uuid,
) -> Result<Option<SyncComment>, DbError> {
    Ok(query_as!(
        exec,
        SyncComment,
        fetch_optional,
        "SELECT comment_id, author_type, author_name, is_internal AS internal, body, \
                created_at, edited_at \
         FROM ticket_comments WHERE tenant = $1 AND comment_id = $2",
        tenant,
        comment_id
    )?)
}

/// Records an MSP reply or internal note.
#[allow(clippy::too_many_arguments)]
pub async fn insert_internal_comment(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    comment_id: Uuid,
    author_name: &str,
    internal: bool,
    body: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_comments (tenant, comment_id, ticket_id, author_type, author_user_id, \
             author_name, is_internal, body, created_at) \
         VALUES ($1, $2, $3, 'internal', NULL, $4, $5, $6, $7)",
        tenant,
        comment_id,
        ticket_id,
        author_name,
        internal,
        body,
        now
    )?)
}

/// Records a file the MSP uploaded (already in the attachment store).
#[allow(clippy::too_many_arguments)]
pub async fn insert_internal_attachment(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    attachment_id: Uuid,
    file: &StoredFile,
    client_visible: bool,
    uploaded_by_name: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_attachments (tenant, attachment_id, ticket_id, file_name, size_bytes, \
             content_type, content_hash, is_client_visible, uploaded_by_type, uploaded_by_user_id, \
             uploaded_by_name, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'internal', NULL, $9, $10)",
        tenant,
        attachment_id,
        ticket_id,
        &file.file_name,
        file.size_bytes,
        &file.content_type,
        &file.content_hash,
        client_visible,
        uploaded_by_name,
        now
    )?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactByEmail {
    pub contact_id: Uuid,
    pub client_id: Uuid,
    pub full_name: String,
    pub user_id: Option<Uuid>,
}

/// A contact by email (case-insensitive), with its portal user if it has one.
pub async fn contact_by_email(
    db: &Db,
    tenant: Uuid,
    email: &str,
) -> Result<Option<ContactByEmail>, DbError> {
    Ok(query_as!(
        db.exec(),
        ContactByEmail,
        fetch_optional,
        "SELECT c.contact_id, c.client_id, c.full_name, \
                (SELECT u.user_id FROM users u WHERE u.tenant = c.tenant \
                   AND u.contact_id = c.contact_id LIMIT 1) AS user_id \
         FROM contacts c WHERE c.tenant = $1 AND LOWER(c.email) = LOWER($2) \
         ORDER BY c.created_at LIMIT 1",
        tenant,
        email
    )?)
}
