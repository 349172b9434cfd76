//! Ticket sync SQL: the integration API's upserts of boards, statuses, priorities, categories,
//! visibility groups, contacts' ticket access and tickets; its feed and full ticket reads; MSP
//! comments and files. Every function takes the tenant first; only `ticket_sync::apply` calls
//! these, with the tenant of the `TenantData` actor (or the demo seed's).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::ticket_sync::input::{
    BoardInput, CategoryInput, PriorityInput, StatusInput, TicketInput,
};
use crate::ticket_sync::{
    BoardRecord, CategoryRecord, PriorityRecord, StatusRecord, SyncAttachment, SyncComment,
    SyncTicket, TicketAccessRecord, VisibilityGroupRecord,
};
use crate::tickets::{ResponseState, StoredFile};
use crate::{execute, fetch_one_scalar, query_as};

// ---- boards -------------------------------------------------------------------------------

const BOARD_SELECT: &str = "SELECT board_id, name, is_default, is_inactive, display_order, \
     updated_at FROM ticket_boards";

pub async fn find_board(
    exec: Exec<'_>,
    tenant: Uuid,
    board_id: Uuid,
) -> Result<Option<BoardRecord>, DbError> {
    let sql = format!("{BOARD_SELECT} WHERE tenant = $1 AND board_id = $2");
    Ok(query_as!(
        exec,
        BoardRecord,
        fetch_optional,
        &sql,
        tenant,
        board_id
    )?)
}

/// Every board (inactive ones too), in display order.
pub async fn boards(db: &Db, tenant: Uuid) -> Result<Vec<BoardRecord>, DbError> {
    let sql = format!("{BOARD_SELECT} WHERE tenant = $1 ORDER BY display_order, name, board_id");
    Ok(query_as!(db.exec(), BoardRecord, fetch_all, &sql, tenant)?)
}

pub async fn upsert_board(
    exec: Exec<'_>,
    tenant: Uuid,
    board_id: Uuid,
    b: &BoardInput,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_boards (tenant, board_id, name, is_default, is_inactive, \
             display_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (tenant, board_id) DO UPDATE SET name = excluded.name, \
             is_default = excluded.is_default, is_inactive = excluded.is_inactive, \
             display_order = excluded.display_order, updated_at = excluded.updated_at",
        tenant,
        board_id,
        &b.name,
        b.is_default,
        b.is_inactive,
        b.display_order,
        now
    )?)
}

/// Leaves `board_id` the tenant's only default board.
pub async fn clear_other_default_boards(
    exec: Exec<'_>,
    tenant: Uuid,
    board_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE ticket_boards SET is_default = $3, updated_at = $4 \
         WHERE tenant = $1 AND board_id <> $2 AND is_default",
        tenant,
        board_id,
        false,
        now
    )?)
}

// ---- statuses -----------------------------------------------------------------------------

const STATUS_SELECT: &str = "SELECT status_id, board_id, name, is_closed, is_default, \
     display_order, updated_at FROM ticket_statuses";

pub async fn find_status(
    exec: Exec<'_>,
    tenant: Uuid,
    status_id: Uuid,
) -> Result<Option<StatusRecord>, DbError> {
    let sql = format!("{STATUS_SELECT} WHERE tenant = $1 AND status_id = $2");
    Ok(query_as!(
        exec,
        StatusRecord,
        fetch_optional,
        &sql,
        tenant,
        status_id
    )?)
}

pub async fn statuses(db: &Db, tenant: Uuid) -> Result<Vec<StatusRecord>, DbError> {
    let sql = format!(
        "{STATUS_SELECT} WHERE tenant = $1 ORDER BY board_id, display_order, name, status_id"
    );
    Ok(query_as!(db.exec(), StatusRecord, fetch_all, &sql, tenant)?)
}

pub async fn upsert_status(
    exec: Exec<'_>,
    tenant: Uuid,
    status_id: Uuid,
    s: &StatusInput,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_statuses (tenant, status_id, board_id, name, is_closed, is_default, \
             display_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (tenant, status_id) DO UPDATE SET board_id = excluded.board_id, \
             name = excluded.name, is_closed = excluded.is_closed, \
             is_default = excluded.is_default, display_order = excluded.display_order, \
             updated_at = excluded.updated_at",
        tenant,
        status_id,
        s.board_id,
        &s.name,
        s.is_closed,
        s.is_default,
        s.display_order,
        now
    )?)
}

/// Leaves `status_id` its board's only default status.
pub async fn clear_other_default_statuses(
    exec: Exec<'_>,
    tenant: Uuid,
    board_id: Uuid,
    status_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE ticket_statuses SET is_default = $4, updated_at = $5 \
         WHERE tenant = $1 AND board_id = $2 AND status_id <> $3 AND is_default",
        tenant,
        board_id,
        status_id,
        false,
        now
    )?)
}

/// Gives the status's tickets `closed_at` when it is a closed one (keeping an earlier close
/// time) or clears it; only tickets whose state differs change (and show in the feed).
pub async fn follow_status_closed(
    exec: Exec<'_>,
    tenant: Uuid,
    status_id: Uuid,
    is_closed: bool,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE tickets SET closed_at = $3, updated_at = $4 \
         WHERE tenant = $1 AND status_id = $2 AND (closed_at IS NULL) = $5",
        tenant,
        status_id,
        is_closed.then_some(now),
        now,
        is_closed
    )?)
}

// ---- priorities and categories ------------------------------------------------------------

const PRIORITY_SELECT: &str = "SELECT priority_id, board_id, name, color, display_order, \
     updated_at FROM ticket_priorities";

pub async fn find_priority(
    exec: Exec<'_>,
    tenant: Uuid,
    priority_id: Uuid,
) -> Result<Option<PriorityRecord>, DbError> {
    let sql = format!("{PRIORITY_SELECT} WHERE tenant = $1 AND priority_id = $2");
    Ok(query_as!(
        exec,
        PriorityRecord,
        fetch_optional,
        &sql,
        tenant,
        priority_id
    )?)
}

pub async fn priorities(db: &Db, tenant: Uuid) -> Result<Vec<PriorityRecord>, DbError> {
    let sql =
        format!("{PRIORITY_SELECT} WHERE tenant = $1 ORDER BY display_order, name, priority_id");
    Ok(query_as!(
        db.exec(),
        PriorityRecord,
        fetch_all,
        &sql,
        tenant
    )?)
}

pub async fn upsert_priority(
    exec: Exec<'_>,
    tenant: Uuid,
    priority_id: Uuid,
    p: &PriorityInput,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_priorities (tenant, priority_id, board_id, name, color, \
             display_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (tenant, priority_id) DO UPDATE SET board_id = excluded.board_id, \
             name = excluded.name, color = excluded.color, \
             display_order = excluded.display_order, updated_at = excluded.updated_at",
        tenant,
        priority_id,
        p.board_id,
        &p.name,
        &p.color,
        p.display_order,
        now
    )?)
}

const CATEGORY_SELECT: &str = "SELECT category_id, board_id, name, display_order, updated_at \
     FROM ticket_categories";

pub async fn find_category(
    exec: Exec<'_>,
    tenant: Uuid,
    category_id: Uuid,
) -> Result<Option<CategoryRecord>, DbError> {
    let sql = format!("{CATEGORY_SELECT} WHERE tenant = $1 AND category_id = $2");
    Ok(query_as!(
        exec,
        CategoryRecord,
        fetch_optional,
        &sql,
        tenant,
        category_id
    )?)
}

pub async fn categories(db: &Db, tenant: Uuid) -> Result<Vec<CategoryRecord>, DbError> {
    let sql =
        format!("{CATEGORY_SELECT} WHERE tenant = $1 ORDER BY display_order, name, category_id");
    Ok(query_as!(
        db.exec(),
        CategoryRecord,
        fetch_all,
        &sql,
        tenant
    )?)
}

pub async fn upsert_category(
    exec: Exec<'_>,
    tenant: Uuid,
    category_id: Uuid,
    c: &CategoryInput,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_categories (tenant, category_id, board_id, name, display_order, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (tenant, category_id) DO UPDATE SET board_id = excluded.board_id, \
             name = excluded.name, display_order = excluded.display_order, \
             updated_at = excluded.updated_at",
        tenant,
        category_id,
        c.board_id,
        &c.name,
        c.display_order,
        now
    )?)
}

/// Which ticket column a board-bound choice is referenced by.
#[derive(Debug, Clone, Copy)]
pub enum BoardBound {
    Status,
    Priority,
    Category,
}

/// How many tickets use this status/priority/category on a board other than `board_id`
/// (moving it there would leave them with a choice of another board).
pub async fn used_off_board(
    db: &Db,
    tenant: Uuid,
    kind: BoardBound,
    id: Uuid,
    board_id: Uuid,
) -> Result<i64, DbError> {
    let column = match kind {
        BoardBound::Status => "status_id",
        BoardBound::Priority => "priority_id",
        BoardBound::Category => "category_id",
    };
    let sql = format!(
        "SELECT COUNT(*) FROM tickets WHERE tenant = $1 AND {column} = $2 AND board_id <> $3"
    );
    Ok(fetch_one_scalar!(
        db.exec(),
        i64,
        &sql,
        tenant,
        id,
        board_id
    )?)
}

// ---- visibility groups and contacts' access ----------------------------------------------

pub async fn find_group(
    exec: Exec<'_>,
    tenant: Uuid,
    group_id: Uuid,
) -> Result<Option<VisibilityGroupRecord>, DbError> {
    Ok(query_as!(
        exec,
        VisibilityGroupRecord,
        fetch_optional,
        "SELECT group_id, name, updated_at FROM ticket_visibility_groups \
         WHERE tenant = $1 AND group_id = $2",
        tenant,
        group_id
    )?)
}

pub async fn groups(db: &Db, tenant: Uuid) -> Result<Vec<VisibilityGroupRecord>, DbError> {
    Ok(query_as!(
        db.exec(),
        VisibilityGroupRecord,
        fetch_all,
        "SELECT group_id, name, updated_at FROM ticket_visibility_groups \
         WHERE tenant = $1 ORDER BY name, group_id",
        tenant
    )?)
}

#[derive(sqlx::FromRow)]
pub struct GroupBoardRow {
    pub group_id: Uuid,
    pub board_id: Uuid,
}

/// The boards of every group of the tenant.
pub async fn group_boards(db: &Db, tenant: Uuid) -> Result<Vec<GroupBoardRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        GroupBoardRow,
        fetch_all,
        "SELECT group_id, board_id FROM ticket_visibility_group_boards WHERE tenant = $1 \
         ORDER BY group_id, board_id",
        tenant
    )?)
}

pub async fn upsert_group(
    exec: Exec<'_>,
    tenant: Uuid,
    group_id: Uuid,
    name: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_visibility_groups (tenant, group_id, name, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (tenant, group_id) DO UPDATE SET \
             name = excluded.name, updated_at = excluded.updated_at",
        tenant,
        group_id,
        name,
        now
    )?)
}

pub async fn clear_group_boards(
    exec: Exec<'_>,
    tenant: Uuid,
    group_id: Uuid,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "DELETE FROM ticket_visibility_group_boards WHERE tenant = $1 AND group_id = $2",
        tenant,
        group_id
    )?)
}

pub async fn add_group_board(
    exec: Exec<'_>,
    tenant: Uuid,
    group_id: Uuid,
    board_id: Uuid,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO ticket_visibility_group_boards (tenant, group_id, board_id) \
         VALUES ($1, $2, $3)",
        tenant,
        group_id,
        board_id
    )?)
}

pub async fn find_ticket_access(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
) -> Result<Option<TicketAccessRecord>, DbError> {
    Ok(query_as!(
        exec,
        TicketAccessRecord,
        fetch_optional,
        "SELECT contact_id, client_id, ticket_scope AS scope, \
                ticket_visibility_group AS visibility_group_id \
         FROM contacts WHERE tenant = $1 AND contact_id = $2",
        tenant,
        contact_id
    )?)
}

pub async fn set_ticket_access(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    scope: &str,
    group_id: Option<Uuid>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE contacts SET ticket_scope = $3, ticket_visibility_group = $4 \
         WHERE tenant = $1 AND contact_id = $2",
        tenant,
        contact_id,
        scope,
        group_id
    )?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactRow {
    pub contact_id: Uuid,
    pub client_id: Uuid,
}

pub async fn find_contact(
    db: &Db,
    tenant: Uuid,
    contact_id: Uuid,
) -> Result<Option<ContactRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        ContactRow,
        fetch_optional,
        "SELECT contact_id, client_id FROM contacts WHERE tenant = $1 AND contact_id = $2",
        tenant,
        contact_id
    )?)
}

pub async fn client_exists(db: &Db, tenant: Uuid, client_id: Uuid) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM clients WHERE tenant = $1 AND client_id = $2",
        tenant,
        client_id
    )? > 0)
}

// ---- tickets ------------------------------------------------------------------------------

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
