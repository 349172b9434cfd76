//! Ticket sync SQL for priorities (with one default per scope) and categories, and which of
//! them tickets still use off their board.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::ticket_sync::input::{CategoryInput, PriorityInput};
use crate::ticket_sync::{CategoryRecord, PriorityRecord};
use crate::{execute, fetch_one_scalar, query_as};

const PRIORITY_SELECT: &str = "SELECT priority_id, board_id, name, color, is_default, \
     display_order, updated_at FROM ticket_priorities";

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
             is_default, display_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (tenant, priority_id) DO UPDATE SET board_id = excluded.board_id, \
             name = excluded.name, color = excluded.color, is_default = excluded.is_default, \
             display_order = excluded.display_order, updated_at = excluded.updated_at",
        tenant,
        priority_id,
        p.board_id,
        &p.name,
        &p.color,
        p.is_default,
        p.display_order,
        now
    )?)
}

/// Leaves `priority_id` the only default of its scope: the priorities of `board_id`, or the
/// global ones when it is `None`.
pub async fn clear_other_default_priorities(
    exec: Exec<'_>,
    tenant: Uuid,
    board_id: Option<Uuid>,
    priority_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(match board_id {
        Some(board_id) => execute!(
            exec,
            "UPDATE ticket_priorities SET is_default = $4, updated_at = $5 \
             WHERE tenant = $1 AND board_id = $2 AND priority_id <> $3 AND is_default",
            tenant,
            board_id,
            priority_id,
            false,
            now
        )?,
        None => execute!(
            exec,
            "UPDATE ticket_priorities SET is_default = $3, updated_at = $4 \
             WHERE tenant = $1 AND board_id IS NULL AND priority_id <> $2 AND is_default",
            tenant,
            priority_id,
            false,
            now
        )?,
    })
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
