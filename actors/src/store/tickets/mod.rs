//! Tickets as the portal reads and writes them. Every function takes the tenant first; only
//! `TenantData` calls these, with the tenant it was spawned for.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::tickets::{
    AttachmentRecord, Choice, CommentRecord, ResponseState, StoredFile, TicketFilter,
    TicketListItem, TicketRecord, TicketScope, TicketViewer, PAGE_SIZE,
};
use crate::{execute, fetch_one_scalar, query_as};

mod list_sql;

pub use list_sql::{count_query, list_query, visible_to};

/// Prefix of the numbers given to tickets raised in the portal.
pub const PORTAL_NUMBER_PREFIX: &str = "TIC-";
/// The first number handed out when a tenant has none yet.
const FIRST_NUMBER: i64 = 1000;

#[derive(sqlx::FromRow)]
struct ViewerRow {
    full_name: String,
    email: String,
    client_id: Uuid,
    contact_id: Uuid,
    ticket_scope: String,
    ticket_visibility_group: Option<Uuid>,
}

/// The signed-in client user's ticket access, or `None` when they have no active contact at an
/// active company (then they see no tickets at all).
pub async fn viewer(db: &Db, tenant: Uuid, user_id: Uuid) -> Result<Option<TicketViewer>, DbError> {
    let row = query_as!(
        db.exec(),
        ViewerRow,
        fetch_optional,
        "SELECT c.full_name, u.email, c.client_id, c.contact_id, c.ticket_scope, \
                c.ticket_visibility_group \
         FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
         WHERE u.tenant = $1 AND u.user_id = $2 AND u.user_type = 'client' \
           AND NOT u.is_inactive AND NOT c.is_inactive AND NOT cl.is_inactive",
        tenant,
        user_id
    )?;
    let Some(row) = row else { return Ok(None) };
    let permissions = crate::store::users::permissions(db, tenant, user_id).await?;
    let has = |action: &str| permissions.iter().any(|p| p == &format!("ticket:{action}"));
    let boards = match row.ticket_visibility_group {
        None => None,
        Some(group) => Some(
            query_as!(
                db.exec(),
                IdRow,
                fetch_all,
                "SELECT board_id AS id FROM ticket_visibility_group_boards \
                 WHERE tenant = $1 AND group_id = $2",
                tenant,
                group
            )?
            .into_iter()
            .map(|r| r.id)
            .collect(),
        ),
    };
    let name = row.full_name.trim();
    Ok(Some(TicketViewer {
        user_id,
        display_name: if name.is_empty() {
            row.email
        } else {
            name.to_owned()
        },
        client_id: row.client_id,
        contact_id: Some(row.contact_id),
        scope: TicketScope::parse(&row.ticket_scope).unwrap_or(TicketScope::Contact),
        boards,
        can_read: has("read"),
        can_create: has("create"),
        can_update: has("update"),
    }))
}

#[derive(sqlx::FromRow)]
struct IdRow {
    id: Uuid,
}

/// One page of the viewer's tickets and how many match in all.
pub async fn list(
    db: &Db,
    tenant: Uuid,
    viewer: &TicketViewer,
    filter: &TicketFilter,
) -> Result<(Vec<TicketListItem>, i64), DbError> {
    let (sql, args) = list_query(tenant, viewer, filter);
    let items = db.fetch_all_with::<TicketListItem>(&sql, &args).await?;
    let total = if filter.page == 1 && (items.len() as i64) < PAGE_SIZE {
        items.len() as i64
    } else {
        let (sql, args) = count_query(tenant, viewer, filter);
        db.fetch_count_with(&sql, &args).await?
    };
    Ok((items, total))
}

/// Statuses of the active boards, in board then display order.
pub async fn statuses(db: &Db, tenant: Uuid) -> Result<Vec<Choice>, DbError> {
    Ok(query_as!(
        db.exec(),
        Choice,
        fetch_all,
        "SELECT s.status_id AS id, s.name, s.board_id, '' AS color FROM ticket_statuses s \
         JOIN ticket_boards b ON b.tenant = s.tenant AND b.board_id = s.board_id \
         WHERE s.tenant = $1 AND NOT b.is_inactive \
         ORDER BY b.display_order, b.name, s.display_order, s.name",
        tenant
    )?)
}

pub async fn priorities(db: &Db, tenant: Uuid) -> Result<Vec<Choice>, DbError> {
    Ok(query_as!(
        db.exec(),
        Choice,
        fetch_all,
        "SELECT priority_id AS id, name, board_id, color, is_default FROM ticket_priorities \
         WHERE tenant = $1 ORDER BY display_order, name",
        tenant
    )?)
}

pub async fn categories(db: &Db, tenant: Uuid) -> Result<Vec<Choice>, DbError> {
    Ok(query_as!(
        db.exec(),
        Choice,
        fetch_all,
        "SELECT category_id AS id, name, board_id, '' AS color FROM ticket_categories \
         WHERE tenant = $1 ORDER BY display_order, name",
        tenant
    )?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BoardRow {
    pub board_id: Uuid,
    pub name: String,
    pub is_default: bool,
}

/// The active boards, default first.
pub async fn boards(db: &Db, tenant: Uuid) -> Result<Vec<BoardRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        BoardRow,
        fetch_all,
        "SELECT board_id, name, is_default FROM ticket_boards \
         WHERE tenant = $1 AND NOT is_inactive ORDER BY is_default DESC, display_order, name",
        tenant
    )?)
}

const TICKET_SELECT: &str = "SELECT t.ticket_id, t.ticket_number, t.title, t.description, \
     t.board_id, b.name AS board_name, s.name AS status_name, s.is_closed, \
     p.name AS priority_name, p.color AS priority_color, c.name AS category_name, \
     t.client_id, cl.client_name, t.contact_id, co.full_name AS contact_name, t.assignee_name, \
     t.response_state, t.entered_at, t.updated_at, t.closed_at, t.due_at \
     FROM tickets t \
     JOIN ticket_statuses s ON s.tenant = t.tenant AND s.status_id = t.status_id \
     JOIN ticket_priorities p ON p.tenant = t.tenant AND p.priority_id = t.priority_id \
     JOIN ticket_boards b ON b.tenant = t.tenant AND b.board_id = t.board_id \
     JOIN clients cl ON cl.tenant = t.tenant AND cl.client_id = t.client_id \
     LEFT JOIN ticket_categories c ON c.tenant = t.tenant AND c.category_id = t.category_id \
     LEFT JOIN contacts co ON co.tenant = t.tenant AND co.contact_id = t.contact_id";

pub async fn find_by_number(
    db: &Db,
    tenant: Uuid,
    number: &str,
) -> Result<Option<TicketRecord>, DbError> {
    let sql = format!("{TICKET_SELECT} WHERE t.tenant = $1 AND t.ticket_number = $2");
    Ok(query_as!(
        db.exec(),
        TicketRecord,
        fetch_optional,
        &sql,
        tenant,
        number
    )?)
}

/// The ticket's comments a client may see, oldest first.
pub async fn visible_comments(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
) -> Result<Vec<CommentRecord>, DbError> {
    Ok(query_as!(
        db.exec(),
        CommentRecord,
        fetch_all,
        "SELECT comment_id, author_type, author_user_id, author_name, body, created_at, edited_at \
         FROM ticket_comments WHERE tenant = $1 AND ticket_id = $2 AND NOT is_internal \
         ORDER BY created_at, comment_id",
        tenant,
        ticket_id
    )?)
}

const ATTACHMENT_SELECT: &str = "SELECT attachment_id, file_name, size_bytes, content_type, \
     content_hash, uploaded_by_name, created_at FROM ticket_attachments";

/// The ticket's attachments a client may see, oldest first.
pub async fn visible_attachments(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
) -> Result<Vec<AttachmentRecord>, DbError> {
    let sql = format!(
        "{ATTACHMENT_SELECT} WHERE tenant = $1 AND ticket_id = $2 AND is_client_visible \
         ORDER BY created_at, file_name, attachment_id"
    );
    Ok(query_as!(
        db.exec(),
        AttachmentRecord,
        fetch_all,
        &sql,
        tenant,
        ticket_id
    )?)
}

pub async fn visible_attachment(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
    attachment_id: Uuid,
) -> Result<Option<AttachmentRecord>, DbError> {
    let sql = format!(
        "{ATTACHMENT_SELECT} WHERE tenant = $1 AND ticket_id = $2 AND attachment_id = $3 \
         AND is_client_visible"
    );
    Ok(query_as!(
        db.exec(),
        AttachmentRecord,
        fetch_optional,
        &sql,
        tenant,
        ticket_id,
        attachment_id
    )?)
}

/// Whether any ticket attachment, project document or invoice PDF (of any tenant) still refers
/// to these contents.
pub async fn content_in_use(db: &Db, content_hash: &str) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT (SELECT COUNT(*) FROM ticket_attachments WHERE content_hash = $1) \
              + (SELECT COUNT(*) FROM project_documents WHERE content_hash = $1) \
              + (SELECT COUNT(*) FROM invoices WHERE pdf_content_hash = $1)",
        content_hash
    )? > 0)
}

/// The next portal ticket number, handed out atomically (on every instance).
pub async fn next_number(exec: Exec<'_>, tenant: Uuid) -> Result<String, DbError> {
    let n = fetch_one_scalar!(
        exec,
        i64,
        "INSERT INTO ticket_number_counters (tenant, next_number) VALUES ($1, $2) \
         ON CONFLICT (tenant) DO UPDATE SET next_number = ticket_number_counters.next_number + 1 \
         RETURNING next_number",
        tenant,
        FIRST_NUMBER
    )?;
    Ok(format!("{PORTAL_NUMBER_PREFIX}{n}"))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StatusRow {
    pub status_id: Uuid,
    pub is_closed: bool,
}

/// A board's status for new or reopened tickets (`closed: false`: its default open one, else
/// its first open one) or for closing them (`closed: true`: its first closed one).
pub async fn board_status(
    db: &Db,
    tenant: Uuid,
    board_id: Uuid,
    closed: bool,
) -> Result<Option<StatusRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        StatusRow,
        fetch_optional,
        "SELECT status_id, is_closed FROM ticket_statuses \
         WHERE tenant = $1 AND board_id = $2 AND is_closed = $3 \
         ORDER BY is_default DESC, display_order, name LIMIT 1",
        tenant,
        board_id,
        closed
    )?)
}

/// A ticket to insert (portal or integration).
pub struct TicketInsert<'a> {
    pub ticket_id: Uuid,
    pub number: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub board_id: Uuid,
    pub status_id: Uuid,
    pub status_closed: bool,
    pub priority_id: Uuid,
    pub category_id: Option<Uuid>,
    pub client_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub response_state: Option<ResponseState>,
    pub source: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert_ticket(
    exec: Exec<'_>,
    tenant: Uuid,
    t: &TicketInsert<'_>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO tickets (tenant, ticket_id, ticket_number, title, description, board_id, \
             status_id, priority_id, category_id, client_id, contact_id, response_state, source, \
             entered_at, updated_at, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)",
        tenant,
        t.ticket_id,
        t.number,
        t.title,
        t.description,
        t.board_id,
        t.status_id,
        t.priority_id,
        t.category_id,
        t.client_id,
        t.contact_id,
        t.response_state.map(ResponseState::as_str),
        t.source,
        t.now,
        t.status_closed.then_some(t.now)
    )?)
}

/// Records a client's comment (the portal's, and imported or demo ones).
#[allow(clippy::too_many_arguments)]
pub async fn insert_client_comment(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    comment_id: Uuid,
    author_user_id: Option<Uuid>,
    author_name: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_comments (tenant, comment_id, ticket_id, author_type, author_user_id, \
             author_name, is_internal, body, created_at) \
         VALUES ($1, $2, $3, 'client', $4, $5, $6, $7, $8)",
        tenant,
        comment_id,
        ticket_id,
        author_user_id,
        author_name,
        false,
        body,
        now
    )?)
}

/// Edits a comment only when this client user wrote it (and it is not internal).
pub async fn edit_own_comment(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    comment_id: Uuid,
    user_id: Uuid,
    body: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE ticket_comments SET body = $5, edited_at = $6 \
         WHERE tenant = $1 AND ticket_id = $2 AND comment_id = $3 AND author_user_id = $4 \
           AND author_type = 'client' AND NOT is_internal",
        tenant,
        ticket_id,
        comment_id,
        user_id,
        body,
        now
    )?)
}

/// Marks the ticket changed, and who is to answer next.
pub async fn touch(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    response_state: Option<ResponseState>,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE tickets SET updated_at = $3, response_state = COALESCE($4, response_state) \
         WHERE tenant = $1 AND ticket_id = $2",
        tenant,
        ticket_id,
        now,
        response_state.map(ResponseState::as_str)
    )?)
}

/// Moves the ticket to a status (closing or reopening it), only from the state the caller saw.
pub async fn set_status(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    status: &StatusRow,
    response_state: Option<ResponseState>,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let closing = status.is_closed;
    Ok(execute!(
        exec,
        "UPDATE tickets SET status_id = $3, closed_at = $4, updated_at = $5, response_state = $6 \
         WHERE tenant = $1 AND ticket_id = $2 AND (closed_at IS NULL) = $7",
        tenant,
        ticket_id,
        status.status_id,
        closing.then_some(now),
        now,
        response_state.map(ResponseState::as_str),
        closing
    )?)
}

/// Records a client's upload on a ticket.
pub async fn insert_client_attachment(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    uploader: &TicketViewer,
    file: &StoredFile,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let attachment_id = Uuid::new_v4();
    execute!(
        exec,
        "INSERT INTO ticket_attachments (tenant, attachment_id, ticket_id, file_name, size_bytes, \
             content_type, content_hash, is_client_visible, uploaded_by_type, uploaded_by_user_id, \
             uploaded_by_name, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'client', $9, $10, $11)",
        tenant,
        attachment_id,
        ticket_id,
        &file.file_name,
        file.size_bytes,
        &file.content_type,
        &file.content_hash,
        true,
        uploader.user_id,
        &uploader.display_name,
        now
    )?;
    Ok(attachment_id)
}
