//! Operators' actions (admin API and command line), global work included: one row each, kept
//! as long as the audit trail.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::{execute, query_as};

/// One recorded action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AdminActionRow {
    pub action_id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub action: String,
    pub target: Option<String>,
    pub tenant: Option<Uuid>,
    pub source: String,
    pub outcome: String,
    /// JSON text.
    pub details: Option<String>,
}

pub async fn insert(db: &Db, row: &AdminActionRow) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO admin_actions (action_id, occurred_at, action, target, tenant, source, \
         outcome, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        row.action_id,
        row.occurred_at,
        &row.action,
        row.target.as_deref(),
        row.tenant,
        &row.source,
        &row.outcome,
        row.details.as_deref()
    )?;
    Ok(())
}

/// Up to `limit` actions, newest first, of one `action` when given.
pub async fn recent(
    db: &Db,
    action: Option<&str>,
    limit: i64,
) -> Result<Vec<AdminActionRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        AdminActionRow,
        fetch_all,
        "SELECT action_id, occurred_at, action, target, tenant, source, outcome, details \
         FROM admin_actions WHERE ($1 IS NULL OR action = $1) \
         ORDER BY occurred_at DESC, seq DESC LIMIT $2",
        action,
        limit
    )?)
}

/// Deletes up to `batch` actions older than `before`; returns how many.
pub async fn delete_older_than(db: &Db, before: DateTime<Utc>, batch: i64) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM admin_actions WHERE action_id IN ( \
             SELECT action_id FROM admin_actions WHERE occurred_at < $1 LIMIT $2)",
        before,
        batch
    )?)
}
