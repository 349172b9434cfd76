//! Ticket sync SQL for statuses: find, list, upsert, the default per board, and tickets following
//! a status's closed flag.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::ticket_sync::input::StatusInput;
use crate::ticket_sync::StatusRecord;
use crate::{execute, query_as};

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
