//! Who account emails go to: the active client user behind an email address, in one tenant
//! (password reset) or in every tenant (organization discovery), with what the email needs
//! (names, language, the tenant's name and its active vanity domain).

use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::model::Email;
use crate::{fetch_one_scalar, query_as};

/// Active: the user, their contact and their company are all active.
const ACTIVE_CLIENT: &str = "u.user_type = 'client' AND NOT u.is_inactive \
     AND (c.contact_id IS NULL OR NOT c.is_inactive) \
     AND (cl.client_id IS NULL OR NOT cl.is_inactive)";

/// A client user an account email can go to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientRecipient {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub email: String,
    /// The contact's name (the account's for a user without a contact).
    pub full_name: String,
    /// The user's language, else `None` (the tenant's default applies).
    pub locale: Option<String>,
}

impl ClientRecipient {
    /// The words of the recipient's name (a new password must not be made of them).
    pub fn names(&self) -> Vec<String> {
        crate::model::name_words(&self.full_name)
    }
}

fn active_client_sql(select: &str, filter: &str) -> String {
    format!(
        "{select} FROM users u \
         LEFT JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         LEFT JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
         WHERE {filter} AND {ACTIVE_CLIENT}"
    )
}

/// The active client user of `tenant` with this email, if any.
pub async fn find_active_client(
    exec: Exec<'_>,
    tenant: Uuid,
    email: &Email,
) -> Result<Option<ClientRecipient>, DbError> {
    let sql = active_client_sql(
        "SELECT u.tenant, u.user_id, u.email, \
         COALESCE(c.full_name, TRIM(u.first_name || ' ' || u.last_name)) AS full_name, u.locale",
        "u.tenant = $1 AND u.email = $2",
    );
    Ok(query_as!(
        exec,
        ClientRecipient,
        fetch_optional,
        &sql,
        tenant,
        email.as_str()
    )?)
}

/// The active client user `user_id` of `tenant`, if still active.
pub async fn find_active_client_by_id(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<ClientRecipient>, DbError> {
    let sql = active_client_sql(
        "SELECT u.tenant, u.user_id, u.email, \
         COALESCE(c.full_name, TRIM(u.first_name || ' ' || u.last_name)) AS full_name, u.locale",
        "u.tenant = $1 AND u.user_id = $2",
    );
    Ok(query_as!(
        exec,
        ClientRecipient,
        fetch_optional,
        &sql,
        tenant,
        user_id
    )?)
}

/// A tenant where an email address is an active client user.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Membership {
    pub tenant: Uuid,
    pub slug: String,
    pub tenant_name: String,
    pub default_locale: String,
    pub locale: Option<String>,
    /// The tenant's vanity domain when it is active.
    pub active_domain: Option<String>,
}

/// The tenant a message is filed under: `preferred` when it exists, else the first tenant
/// (`None` only when there is no tenant at all). One statement either way, so that a request
/// for an unknown address runs what a known one runs.
pub async fn filing_tenant(
    exec: Exec<'_>,
    preferred: Option<Uuid>,
) -> Result<Option<Uuid>, DbError> {
    Ok(fetch_one_scalar!(
        exec,
        Option<Uuid>,
        "SELECT COALESCE((SELECT tenant FROM tenants WHERE tenant = $1), \
                         (SELECT tenant FROM tenants ORDER BY tenant LIMIT 1))",
        preferred
    )?)
}

/// Every tenant where `email` is an active client user, by tenant name.
pub async fn memberships(exec: Exec<'_>, email: &Email) -> Result<Vec<Membership>, DbError> {
    let sql = active_client_sql(
        "SELECT u.tenant, t.slug, s.name AS tenant_name, s.default_locale, u.locale, \
                pd.domain AS active_domain",
        "u.email = $1",
    )
    .replace(
        "FROM users u",
        "FROM users u JOIN tenants t ON t.tenant = u.tenant \
         JOIN tenant_settings s ON s.tenant = u.tenant \
         LEFT JOIN portal_domains pd ON pd.tenant = u.tenant AND pd.status = 'active'",
    ) + " ORDER BY s.name, t.slug";
    Ok(query_as!(
        exec,
        Membership,
        fetch_all,
        &sql,
        email.as_str()
    )?)
}
