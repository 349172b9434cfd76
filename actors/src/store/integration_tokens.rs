//! Integration API tokens: one tenant each, only their SHA-256 stored, found by that hash.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::integration_tokens::TokenSummary;
use crate::{execute, query_as};

pub async fn insert(
    db: &Db,
    tenant: Uuid,
    token_id: Uuid,
    token_hash: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "INSERT INTO integration_tokens (tenant, token_id, token_hash, name, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
        tenant,
        token_id,
        token_hash,
        name,
        now
    )?)
}

const SUMMARY_SELECT: &str = "SELECT token_id, name, created_at, last_used_at, revoked_at \
     FROM integration_tokens";

/// The tenant's tokens, newest first (revoked ones too).
pub async fn list(db: &Db, tenant: Uuid) -> Result<Vec<TokenSummary>, DbError> {
    let sql = format!("{SUMMARY_SELECT} WHERE tenant = $1 ORDER BY created_at DESC, token_id");
    Ok(query_as!(db.exec(), TokenSummary, fetch_all, &sql, tenant)?)
}

pub async fn find(db: &Db, tenant: Uuid, token_id: Uuid) -> Result<Option<TokenSummary>, DbError> {
    let sql = format!("{SUMMARY_SELECT} WHERE tenant = $1 AND token_id = $2");
    Ok(query_as!(
        db.exec(),
        TokenSummary,
        fetch_optional,
        &sql,
        tenant,
        token_id
    )?)
}

/// Revokes a token that is not revoked yet; yields whether it did.
pub async fn revoke(
    db: &Db,
    tenant: Uuid,
    token_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    Ok(execute!(
        db.exec(),
        "UPDATE integration_tokens SET revoked_at = $3 \
         WHERE tenant = $1 AND token_id = $2 AND revoked_at IS NULL",
        tenant,
        token_id,
        now
    )? > 0)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActiveToken {
    pub tenant: Uuid,
    pub token_id: Uuid,
    pub name: String,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The unrevoked token with this hash, of any tenant.
pub async fn find_active_by_hash(
    db: &Db,
    token_hash: &str,
) -> Result<Option<ActiveToken>, DbError> {
    Ok(query_as!(
        db.exec(),
        ActiveToken,
        fetch_optional,
        "SELECT tenant, token_id, name, last_used_at FROM integration_tokens \
         WHERE token_hash = $1 AND revoked_at IS NULL",
        token_hash
    )?)
}

/// Records a use, unless one was recorded after `unless_since` (at most one write a minute).
pub async fn mark_used(
    db: &Db,
    tenant: Uuid,
    token_id: Uuid,
    now: DateTime<Utc>,
    unless_since: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "UPDATE integration_tokens SET last_used_at = $3 \
         WHERE tenant = $1 AND token_id = $2 AND (last_used_at IS NULL OR last_used_at < $4)",
        tenant,
        token_id,
        now,
        unless_since
    )?)
}
