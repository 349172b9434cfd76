//! Two-factor state of users (encrypted TOTP secrets, the replay guard) and recovery codes.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::{execute, fetch_one_scalar, query_as};

/// A user's two-factor columns; the secrets are sealed (see `secret_box`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TwoFactorRow {
    pub totp_secret: Option<String>,
    pub totp_pending_secret: Option<String>,
    /// When the pending secret was made (`None` for one made before this was recorded).
    pub totp_pending_created_at: Option<DateTime<Utc>>,
    pub totp_enabled_at: Option<DateTime<Utc>>,
    pub totp_last_step: Option<i64>,
}

pub async fn find(db: &Db, tenant: Uuid, user_id: Uuid) -> Result<Option<TwoFactorRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        TwoFactorRow,
        fetch_optional,
        "SELECT totp_secret, totp_pending_secret, totp_pending_created_at, totp_enabled_at, \
                totp_last_step \
         FROM users WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id
    )?)
}

/// Keeps a secret awaiting its first code (enrollment), made at `now`.
pub async fn set_pending_secret(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    sealed: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "UPDATE users SET totp_pending_secret = $3, totp_pending_created_at = $4 \
         WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id,
        sealed,
        now
    )?)
}

/// Forgets a pending secret (enrollment not confirmed); returns whether there was one.
pub async fn drop_pending_secret(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<bool, DbError> {
    let n = execute!(
        exec,
        "UPDATE users SET totp_pending_secret = NULL, totp_pending_created_at = NULL \
         WHERE tenant = $1 AND user_id = $2 AND totp_pending_secret IS NOT NULL",
        tenant,
        user_id
    )?;
    Ok(n > 0)
}

/// Turns the pending secret into the active one, if it is still the one the code was checked
/// against; `step` becomes the replay guard. Returns whether it happened.
pub async fn enable(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    pending: &str,
    step: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = execute!(
        exec,
        "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, \
                totp_pending_created_at = NULL, totp_enabled_at = $4, totp_last_step = $5 \
         WHERE tenant = $1 AND user_id = $2 AND totp_pending_secret = $3",
        tenant,
        user_id,
        pending,
        now,
        step
    )?;
    Ok(n == 1)
}

/// Turns two-factor off and forgets the secret.
pub async fn disable(exec: Exec<'_>, tenant: Uuid, user_id: Uuid) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, \
                totp_pending_created_at = NULL, totp_enabled_at = NULL, totp_last_step = NULL \
         WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id
    )?)
}

/// Accepts a TOTP time step once: true only if no equal or later step was accepted before
/// (one atomic compare-and-set, so it holds across instances).
pub async fn accept_step(db: &Db, tenant: Uuid, user_id: Uuid, step: i64) -> Result<bool, DbError> {
    let n = execute!(
        db.exec(),
        "UPDATE users SET totp_last_step = $3 \
         WHERE tenant = $1 AND user_id = $2 AND totp_secret IS NOT NULL \
           AND (totp_last_step IS NULL OR totp_last_step < $3)",
        tenant,
        user_id,
        step
    )?;
    Ok(n == 1)
}

/// Replaces a user's recovery codes with new ones (their keyed hashes only).
pub async fn replace_recovery_codes(
    exec: &mut crate::db::Tx,
    tenant: Uuid,
    user_id: Uuid,
    hashes: &[String],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        exec.exec(),
        "DELETE FROM user_recovery_codes WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id
    )?;
    for hash in hashes {
        execute!(
            exec.exec(),
            "INSERT INTO user_recovery_codes (tenant, user_id, code_hash, created_at, used_at) \
             VALUES ($1, $2, $3, $4, NULL)",
            tenant,
            user_id,
            hash.as_str(),
            now
        )?;
    }
    Ok(())
}

pub async fn delete_recovery_codes(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "DELETE FROM user_recovery_codes WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id
    )?)
}

/// Uses a recovery code once (atomic); returns whether it was an unused code of this user.
pub async fn use_recovery_code(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = execute!(
        db.exec(),
        "UPDATE user_recovery_codes SET used_at = $4 \
         WHERE tenant = $1 AND user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        tenant,
        user_id,
        hash,
        now
    )?;
    Ok(n == 1)
}

pub async fn unused_recovery_codes(db: &Db, tenant: Uuid, user_id: Uuid) -> Result<i64, DbError> {
    Ok(fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM user_recovery_codes \
         WHERE tenant = $1 AND user_id = $2 AND used_at IS NULL",
        tenant,
        user_id
    )?)
}

/// Whether the tenant requires every client user to use two-factor.
pub async fn tenant_requires(db: &Db, tenant: Uuid) -> Result<bool, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        require_two_factor: bool,
    }
    let row = query_as!(
        db.exec(),
        Row,
        fetch_optional,
        "SELECT require_two_factor FROM tenant_settings WHERE tenant = $1",
        tenant
    )?;
    Ok(row.is_some_and(|r| r.require_two_factor))
}

pub async fn set_tenant_requires(db: &Db, tenant: Uuid, required: bool) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "UPDATE tenant_settings SET require_two_factor = $2 WHERE tenant = $1",
        tenant,
        required
    )?)
}
