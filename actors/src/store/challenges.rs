//! Pending sign-ins: the password was right, the second factor (or its enrollment) is still due.
//! Only the SHA-256 of the challenge token is stored; it is consumed once, atomically.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::{execute, query_as};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChallengeRow {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub auth_method: String,
    pub return_path: String,
    pub handoff_domain: Option<String>,
    pub expires_at: DateTime<Utc>,
}

pub struct NewChallenge<'a> {
    pub tenant: Uuid,
    pub token_hash: &'a str,
    pub user_id: Uuid,
    pub kind: &'a str,
    pub auth_method: &'a str,
    pub return_path: &'a str,
    pub handoff_domain: Option<&'a str>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(db: &Db, c: &NewChallenge<'_>) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO sign_in_challenges (tenant, token_hash, user_id, kind, auth_method, \
         return_path, handoff_domain, created_at, expires_at, consumed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)",
        c.tenant,
        c.token_hash,
        c.user_id,
        c.kind,
        c.auth_method,
        c.return_path,
        c.handoff_domain,
        c.created_at,
        c.expires_at
    )?;
    Ok(())
}

/// A challenge still waiting for its code.
pub async fn find_open(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ChallengeRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        ChallengeRow,
        fetch_optional,
        "SELECT tenant, user_id, kind, auth_method, return_path, handoff_domain, expires_at \
         FROM sign_in_challenges \
         WHERE token_hash = $1 AND consumed_at IS NULL AND expires_at > $2",
        token_hash,
        now
    )?)
}

/// Consumes a challenge once; `None` when it was used, expired or never existed.
pub async fn consume(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ChallengeRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        ChallengeRow,
        fetch_optional,
        "UPDATE sign_in_challenges SET consumed_at = $2 \
         WHERE token_hash = $1 AND consumed_at IS NULL AND expires_at > $2 \
         RETURNING tenant, user_id, kind, auth_method, return_path, handoff_domain, expires_at",
        token_hash,
        now
    )?)
}

/// Ends every open challenge of a user now (a new password): they expire, unused; returns how
/// many.
pub async fn expire_for_user(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE sign_in_challenges SET expires_at = $3 \
         WHERE tenant = $1 AND user_id = $2 AND consumed_at IS NULL AND expires_at > $3",
        tenant,
        user_id,
        now
    )?)
}

/// Deletes challenges that expired before `before`.
pub async fn delete_expired(db: &Db, before: DateTime<Utc>) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM sign_in_challenges WHERE expires_at < $1",
        before
    )?)
}
