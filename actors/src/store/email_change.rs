//! A client user's sign-in email as their own email change writes it: the user's and their
//! contact's address together (a portal user's email is their contact's), and who else holds it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::{execute, fetch_one_scalar, query_as};

/// The client user an email change is about, as it stands now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangingUser {
    pub user_id: Uuid,
    pub email: String,
    pub contact_id: Uuid,
    /// The contact's name.
    pub full_name: String,
    /// Whether the user has a password (SSO-only users have none).
    pub has_password: bool,
}

/// The active client user `user_id` with a contact, if any (inactive users, contacts and
/// companies are left out: their change can wait for the PSA).
pub async fn changing_user(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<ChangingUser>, DbError> {
    Ok(query_as!(
        exec,
        ChangingUser,
        fetch_optional,
        "SELECT u.user_id, u.email, c.contact_id, c.full_name, \
                (u.password_hash IS NOT NULL) AS has_password \
         FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
         WHERE u.tenant = $1 AND u.user_id = $2 AND u.user_type = 'client' \
           AND NOT u.is_inactive AND NOT c.is_inactive AND NOT cl.is_inactive",
        tenant,
        user_id
    )?)
}

/// Whether another client user of `tenant` signs in with `email`.
pub async fn email_taken(
    exec: Exec<'_>,
    tenant: Uuid,
    email: &str,
    user_id: Uuid,
) -> Result<bool, DbError> {
    let n = fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM users \
         WHERE tenant = $1 AND user_type = 'client' AND email = $2 AND user_id <> $3",
        tenant,
        email,
        user_id
    )?;
    Ok(n > 0)
}

/// Moves the user and their contact to `email` (the contact's `version` is bumped by the change
/// recorded with it). A client user holding it already fails as a unique violation.
pub async fn set_sign_in_email(
    exec: Exec<'_>,
    tenant: Uuid,
    user: &ChangingUser,
    email: &str,
) -> Result<(), DbError> {
    execute!(
        exec,
        "UPDATE users SET email = $3 WHERE tenant = $1 AND user_id = $2",
        tenant,
        user.user_id,
        email
    )?;
    Ok(())
}

/// Writes the contact's email (the same transaction as `set_sign_in_email`).
pub async fn set_contact_email(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        exec,
        "UPDATE contacts SET email = $3, updated_at = $4 WHERE tenant = $1 AND contact_id = $2",
        tenant,
        contact_id,
        email,
        now
    )?;
    Ok(())
}
