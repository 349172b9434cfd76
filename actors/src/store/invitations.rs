//! Invitations: the contacts a portal account can be set up for, and their pending links.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::model::{Email, PortalRole};
use crate::{execute, fetch_one_scalar, query_as};

/// A contact as an invitation sees them, with their portal user if one exists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitee {
    pub tenant: Uuid,
    pub contact_id: Uuid,
    pub client_id: Uuid,
    pub client_name: String,
    pub full_name: String,
    pub email: String,
    /// The contact's `portal_role`: `admin`, `finance` or `user`.
    pub portal_role: String,
    pub contact_inactive: bool,
    pub client_inactive: bool,
    pub user_id: Option<Uuid>,
    pub has_password: bool,
    /// When the latest unused invitation expires, if one is pending.
    pub invitation_expires_at: Option<DateTime<Utc>>,
}

impl Invitee {
    /// Whether the contact already signs in with a password (nothing to set up).
    pub fn has_account(&self) -> bool {
        self.user_id.is_some() && self.has_password
    }

    pub fn can_be_invited(&self) -> bool {
        !self.has_account() && !self.contact_inactive && !self.client_inactive
    }

    /// The contact's portal role (an unknown stored value reads as the least powerful).
    pub fn role(&self) -> PortalRole {
        PortalRole::parse(&self.portal_role).unwrap_or(PortalRole::User)
    }

    /// Whether the contact administers their company's portal.
    pub fn is_client_admin(&self) -> bool {
        self.role() == PortalRole::Admin
    }
}

const INVITEE: &str =
    "SELECT c.tenant, c.contact_id, c.client_id, cl.client_name, c.full_name, c.email, \
        c.portal_role, c.is_inactive AS contact_inactive, cl.is_inactive AS client_inactive, \
        u.user_id, (u.password_hash IS NOT NULL) AS has_password, \
        (SELECT MAX(t.expires_at) FROM account_tokens t WHERE t.tenant = c.tenant \
           AND t.purpose = 'invitation' AND t.contact_id = c.contact_id \
           AND t.consumed_at IS NULL AND t.expires_at > $3) AS invitation_expires_at \
     FROM contacts c \
     JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
     LEFT JOIN users u ON u.tenant = c.tenant AND u.contact_id = c.contact_id \
         AND u.user_type = 'client'";

pub async fn find(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<Invitee>, DbError> {
    let sql = format!("{INVITEE} WHERE c.tenant = $1 AND c.contact_id = $2");
    Ok(query_as!(
        exec,
        Invitee,
        fetch_optional,
        &sql,
        tenant,
        contact_id,
        now
    )?)
}

/// The contacts of a tenant with this email (usually one).
pub async fn find_by_email(
    exec: Exec<'_>,
    tenant: Uuid,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<Vec<Invitee>, DbError> {
    let sql = format!("{INVITEE} WHERE c.tenant = $1 AND c.email = $2 ORDER BY c.created_at");
    Ok(query_as!(
        exec,
        Invitee,
        fetch_all,
        &sql,
        tenant,
        email.as_str(),
        now
    )?)
}

/// Every contact of one company, for its client admins.
pub async fn of_company(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Invitee>, DbError> {
    let sql = format!("{INVITEE} WHERE c.tenant = $1 AND c.client_id = $2 ORDER BY c.full_name");
    Ok(query_as!(
        exec, Invitee, fetch_all, &sql, tenant, client_id, now
    )?)
}

/// Whether a client user of another contact of the tenant already has this email (an email is
/// unique among a tenant's portal users; contacts of different companies may share one).
pub async fn email_taken_by_other(
    exec: Exec<'_>,
    tenant: Uuid,
    email: &str,
    contact_id: Uuid,
) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM users WHERE tenant = $1 AND user_type = 'client' \
           AND email = $2 AND (contact_id IS NULL OR contact_id <> $3)",
        tenant,
        email,
        contact_id
    )? > 0)
}

/// What a contact's portal user is like now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountState {
    pub two_factor_enabled: bool,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub is_inactive: bool,
}

/// The user's two-factor, last sign-in and inactive state.
pub async fn account_state(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<AccountState>, DbError> {
    Ok(query_as!(
        exec,
        AccountState,
        fetch_optional,
        "SELECT (totp_enabled_at IS NOT NULL) AS two_factor_enabled, \
                last_login_at AS last_sign_in_at, is_inactive \
         FROM users WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id
    )?)
}

/// Ends the unused invitations of a contact (re-inviting replaces the old link).
pub async fn invalidate_for_contact(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE account_tokens SET consumed_at = $3 \
         WHERE tenant = $1 AND purpose = 'invitation' AND contact_id = $2 AND consumed_at IS NULL",
        tenant,
        contact_id,
        now
    )?)
}

/// Any invitation token with this hash in this tenant, whatever its state (to explain a link
/// that no longer works, and to send a fresh one).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRecord {
    pub contact_id: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub consumed_at: Option<DateTime<Utc>>,
}

pub async fn find_any(
    exec: Exec<'_>,
    tenant: Uuid,
    token_hash: &str,
) -> Result<Option<InvitationRecord>, DbError> {
    Ok(query_as!(
        exec,
        InvitationRecord,
        fetch_optional,
        "SELECT contact_id, expires_at, consumed_at FROM account_tokens \
         WHERE tenant = $1 AND token_hash = $2 AND purpose = 'invitation'",
        tenant,
        token_hash
    )?)
}
