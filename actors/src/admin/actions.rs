//! Operators' actions, recorded with what they did: every change or maintenance run made
//! through the admin API or the command line (sweeps, flushes, restarts, settings,
//! revocations), global work included. Read newest first by `GET /admin/actions`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::store::admin_actions::{self as store, AdminActionRow};

/// Where an action came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionSource {
    Api,
    Cli,
}

impl ActionSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionSource::Api => "api",
            ActionSource::Cli => "cli",
        }
    }
}

/// An action to record: its name (e.g. `sessions.revoke_tenant`), what it was done to, and
/// what came of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminAction {
    pub action: String,
    /// The tenant slug, domain, actor name or user email acted on.
    pub target: Option<String>,
    pub tenant: Option<Uuid>,
    pub source: ActionSource,
    /// `ok`, `refused` (4xx: nothing changed) or `failed` (5xx).
    pub outcome: &'static str,
    /// What it did: counts such as rows swept or sessions revoked.
    pub details: serde_json::Value,
}

/// One recorded action as operators read it (`details` as JSON again).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdminActionEntry {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub action: String,
    pub target: Option<String>,
    pub tenant: Option<Uuid>,
    pub source: String,
    pub outcome: String,
    pub details: serde_json::Value,
}

impl From<AdminActionRow> for AdminActionEntry {
    fn from(row: AdminActionRow) -> Self {
        let details = row
            .details
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or(serde_json::Value::Null);
        Self {
            id: row.action_id,
            occurred_at: row.occurred_at,
            action: row.action,
            target: row.target,
            tenant: row.tenant,
            source: row.source,
            outcome: row.outcome,
            details,
        }
    }
}

/// Records one action at `now`; returns its id.
pub async fn record_admin_action(
    db: &Db,
    now: DateTime<Utc>,
    action: AdminAction,
) -> Result<Uuid, DbError> {
    let details = match action.details {
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    };
    let row = AdminActionRow {
        action_id: Uuid::new_v4(),
        occurred_at: now,
        action: action.action,
        target: action.target,
        tenant: action.tenant,
        source: action.source.as_str().to_owned(),
        outcome: action.outcome.to_owned(),
        details,
    };
    store::insert(db, &row).await?;
    Ok(row.action_id)
}

/// Up to `limit` recorded actions, newest first; only those named `action` when given.
pub async fn recent_admin_actions(
    db: &Db,
    action: Option<&str>,
    limit: i64,
) -> Result<Vec<AdminActionEntry>, DbError> {
    let rows = store::recent(db, action, limit).await?;
    Ok(rows.into_iter().map(AdminActionEntry::from).collect())
}
