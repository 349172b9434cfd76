//! Ticket sync SQL for boards: find, list, upsert, and the one default board.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::ticket_sync::input::BoardInput;
use crate::ticket_sync::BoardRecord;
use crate::{execute, query_as};

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
