//! Ticket sync SQL for visibility groups and their boards, contacts' ticket access, and the
//! contacts and companies it names.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::ticket_sync::{TicketAccessRecord, VisibilityGroupRecord};
use crate::{execute, fetch_one_scalar, query_as};

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
