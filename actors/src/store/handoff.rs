//! One-time transfer tokens (OTTs) for the vanity-domain handoff. Only the SHA-256 is stored;
//! a token is consumed by one atomic `UPDATE … WHERE consumed_at IS NULL AND expires_at > now
//! RETURNING …`, so exactly one exchange wins, across instances too.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::{execute, fetch_one_scalar, query_as};

#[derive(Debug, Clone)]
pub struct NewOtt<'a> {
    pub tenant: Uuid,
    pub token_hash: &'a str,
    pub domain: &'a str,
    pub user_id: Uuid,
    pub user_snapshot: &'a str,
    pub return_path: &'a str,
    pub auth_method: &'a str,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(db: &Db, t: &NewOtt<'_>) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO portal_domain_session_otts (tenant, token_hash, domain, user_id, user_snapshot, \
         return_path, auth_method, created_at, expires_at, consumed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)",
        t.tenant,
        t.token_hash,
        t.domain,
        t.user_id,
        t.user_snapshot,
        t.return_path,
        t.auth_method,
        t.created_at,
        t.expires_at
    )?;
    Ok(())
}

/// What a consumed token carried.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsumedOtt {
    pub tenant: Uuid,
    pub domain: String,
    pub user_id: Uuid,
    pub user_snapshot: String,
    pub return_path: String,
    pub auth_method: String,
}

/// Consumes a live token issued for `domain`, once.
pub async fn consume(
    db: &Db,
    token_hash: &str,
    domain: &str,
    now: DateTime<Utc>,
) -> Result<Option<ConsumedOtt>, DbError> {
    Ok(query_as!(
        db.exec(),
        ConsumedOtt,
        fetch_optional,
        "UPDATE portal_domain_session_otts SET consumed_at = $3 \
         WHERE token_hash = $1 AND domain = $2 AND consumed_at IS NULL AND expires_at > $3 \
         RETURNING tenant, domain, user_id, user_snapshot, return_path, auth_method",
        token_hash,
        domain,
        now
    )?)
}

/// Undoes a consumption made at `consumed_at` (the session it was for could not be created), so
/// a failed exchange leaves the token as it was.
pub async fn release(
    db: &Db,
    token_hash: &str,
    consumed_at: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = execute!(
        db.exec(),
        "UPDATE portal_domain_session_otts SET consumed_at = NULL \
         WHERE token_hash = $1 AND consumed_at = $2",
        token_hash,
        consumed_at
    )?;
    Ok(n > 0)
}

/// Ends every live token of a user now (a new password): they expire, unused; returns how many.
pub async fn expire_for_user(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE portal_domain_session_otts SET expires_at = $3 \
         WHERE tenant = $1 AND user_id = $2 AND consumed_at IS NULL AND expires_at > $3",
        tenant,
        user_id,
        now
    )?)
}

/// The domain a still-usable token was issued for (to tell a wrong domain from a dead token).
pub async fn live_domain(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        domain: String,
    }
    let row = query_as!(
        db.exec(),
        Row,
        fetch_optional,
        "SELECT domain FROM portal_domain_session_otts \
         WHERE token_hash = $1 AND consumed_at IS NULL AND expires_at > $2",
        token_hash,
        now
    )?;
    Ok(row.map(|r| r.domain))
}

/// Deletes up to `batch` tokens that expired or were consumed before `before`; returns how many.
pub async fn sweep_batch(
    db: &Db,
    before: DateTime<Utc>,
    tenant: Option<Uuid>,
    batch: i64,
) -> Result<u64, DbError> {
    Ok(match tenant {
        None => execute!(
            db.exec(),
            "DELETE FROM portal_domain_session_otts WHERE token_hash IN ( \
               SELECT token_hash FROM portal_domain_session_otts \
               WHERE expires_at < $1 OR consumed_at < $1 LIMIT $2)",
            before,
            batch
        )?,
        Some(tenant) => execute!(
            db.exec(),
            "DELETE FROM portal_domain_session_otts WHERE tenant = $3 AND token_hash IN ( \
               SELECT token_hash FROM portal_domain_session_otts \
               WHERE tenant = $3 AND (expires_at < $1 OR consumed_at < $1) LIMIT $2)",
            before,
            batch,
            tenant
        )?,
    })
}

/// How many tokens a sweep with these arguments would delete (`--dry-run`).
pub async fn count_sweepable(
    db: &Db,
    before: DateTime<Utc>,
    tenant: Option<Uuid>,
) -> Result<i64, DbError> {
    Ok(match tenant {
        None => fetch_one_scalar!(
            db.exec(),
            i64,
            "SELECT COUNT(*) FROM portal_domain_session_otts WHERE expires_at < $1 OR consumed_at < $1",
            before
        )?,
        Some(tenant) => fetch_one_scalar!(
            db.exec(),
            i64,
            "SELECT COUNT(*) FROM portal_domain_session_otts \
             WHERE tenant = $2 AND (expires_at < $1 OR consumed_at < $1)",
            before,
            tenant
        )?,
    })
}
