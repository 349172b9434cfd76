//! Emailed single-use links (password reset, invitation, email change). Only the SHA-256 of a token is stored;
//! a token is bound to its tenant and purpose and consumed by one atomic
//! `UPDATE … WHERE consumed_at IS NULL AND expires_at > now RETURNING …`, so exactly one use
//! wins, across instances too.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::{execute, query_as};

/// What a token is for (the `purpose` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    PasswordReset,
    Invitation,
    /// A new sign-in email to confirm: `user_id` is whose, `email` the new address.
    EmailChange,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::PasswordReset => "password_reset",
            TokenPurpose::Invitation => "invitation",
            TokenPurpose::EmailChange => "email_change",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewAccountToken<'a> {
    pub tenant: Uuid,
    pub token_hash: &'a str,
    pub purpose: TokenPurpose,
    pub user_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub email: &'a str,
    pub created_by: Option<&'a str>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(exec: Exec<'_>, t: &NewAccountToken<'_>) -> Result<(), DbError> {
    execute!(
        exec,
        "INSERT INTO account_tokens (tenant, token_hash, purpose, user_id, contact_id, email, \
         created_by, created_at, expires_at, consumed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)",
        t.tenant,
        t.token_hash,
        t.purpose.as_str(),
        t.user_id,
        t.contact_id,
        t.email,
        t.created_by,
        t.created_at,
        t.expires_at
    )?;
    Ok(())
}

/// Ends every unused token of this purpose for the user (a new request replaces them).
pub async fn invalidate_for_user(
    exec: Exec<'_>,
    tenant: Uuid,
    purpose: TokenPurpose,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE account_tokens SET consumed_at = $4 \
         WHERE tenant = $1 AND purpose = $2 AND user_id = $3 AND consumed_at IS NULL",
        tenant,
        purpose.as_str(),
        user_id,
        now
    )?)
}

/// What a token stands for.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountToken {
    pub tenant: Uuid,
    pub user_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

/// The live token with this hash, for this tenant and purpose, without consuming it (to show
/// the form, and to check a new password before the token is spent).
pub async fn find_live(
    exec: Exec<'_>,
    tenant: Uuid,
    token_hash: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Option<AccountToken>, DbError> {
    Ok(query_as!(
        exec,
        AccountToken,
        fetch_optional,
        "SELECT tenant, user_id, contact_id, email, expires_at FROM account_tokens \
         WHERE tenant = $1 AND token_hash = $2 AND purpose = $3 \
           AND consumed_at IS NULL AND expires_at > $4",
        tenant,
        token_hash,
        purpose.as_str(),
        now
    )?)
}

/// The user's live token of this purpose (the newest, should older ones remain), unconsumed.
pub async fn live_for_user(
    exec: Exec<'_>,
    tenant: Uuid,
    purpose: TokenPurpose,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<AccountToken>, DbError> {
    Ok(query_as!(
        exec,
        AccountToken,
        fetch_optional,
        "SELECT tenant, user_id, contact_id, email, expires_at FROM account_tokens \
         WHERE tenant = $1 AND purpose = $2 AND user_id = $3 \
           AND consumed_at IS NULL AND expires_at > $4 \
         ORDER BY created_at DESC LIMIT 1",
        tenant,
        purpose.as_str(),
        user_id,
        now
    )?)
}

/// Consumes the live token, once: the one atomic statement every use goes through.
pub async fn consume(
    exec: Exec<'_>,
    tenant: Uuid,
    token_hash: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Option<AccountToken>, DbError> {
    Ok(query_as!(
        exec,
        AccountToken,
        fetch_optional,
        "UPDATE account_tokens SET consumed_at = $4 \
         WHERE tenant = $1 AND token_hash = $2 AND purpose = $3 \
           AND consumed_at IS NULL AND expires_at > $4 \
         RETURNING tenant, user_id, contact_id, email, expires_at",
        tenant,
        token_hash,
        purpose.as_str(),
        now
    )?)
}

/// Deletes links that expired before `before` (kept until then so an old link can still be
/// told apart from a broken one).
pub async fn delete_expired(exec: Exec<'_>, before: DateTime<Utc>) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "DELETE FROM account_tokens WHERE expires_at < $1",
        before
    )?)
}
