//! Single sign-on rows: per-tenant OpenID Connect providers, the tenant's SSO options, linked
//! identities (issuer, subject) and sign-ins in flight at a provider.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::{execute, query_as};

/// A configured provider; `client_secret` is sealed (see `sso::providers`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProviderRow {
    pub tenant: Uuid,
    pub provider: String,
    pub kind: String,
    pub display_name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub allowed_domains: String,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const PROVIDER_COLUMNS: &str = "tenant, provider, kind, display_name, issuer, client_id, \
     client_secret, allowed_domains, enabled, created_at, updated_at";

/// Inserts or replaces a provider (by tenant and slug); `created_at` survives a replace.
pub async fn upsert_provider(db: &Db, p: &ProviderRow) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO sso_providers (tenant, provider, kind, display_name, issuer, client_id, \
         client_secret, allowed_domains, enabled, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (tenant, provider) DO UPDATE SET kind = excluded.kind, \
         display_name = excluded.display_name, issuer = excluded.issuer, \
         client_id = excluded.client_id, client_secret = excluded.client_secret, \
         allowed_domains = excluded.allowed_domains, enabled = excluded.enabled, \
         updated_at = excluded.updated_at",
        p.tenant,
        &p.provider,
        &p.kind,
        &p.display_name,
        &p.issuer,
        &p.client_id,
        &p.client_secret,
        &p.allowed_domains,
        p.enabled,
        p.created_at,
        p.updated_at
    )?;
    Ok(())
}

pub async fn find_provider(
    db: &Db,
    tenant: Uuid,
    provider: &str,
) -> Result<Option<ProviderRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        ProviderRow,
        fetch_optional,
        &format!(
            "SELECT {PROVIDER_COLUMNS} FROM sso_providers WHERE tenant = $1 AND provider = $2"
        ),
        tenant,
        provider
    )?)
}

/// Every provider of the tenant, by slug.
pub async fn list_providers(db: &Db, tenant: Uuid) -> Result<Vec<ProviderRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        ProviderRow,
        fetch_all,
        &format!(
            "SELECT {PROVIDER_COLUMNS} FROM sso_providers WHERE tenant = $1 ORDER BY provider"
        ),
        tenant
    )?)
}

pub async fn delete_provider(db: &Db, tenant: Uuid, provider: &str) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM sso_providers WHERE tenant = $1 AND provider = $2",
        tenant,
        provider
    )?)
}

/// The tenant's SSO options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct SsoOptions {
    pub sso_only: bool,
    pub sso_jit_provisioning: bool,
}

pub async fn options(db: &Db, tenant: Uuid) -> Result<SsoOptions, DbError> {
    Ok(query_as!(
        db.exec(),
        SsoOptions,
        fetch_optional,
        "SELECT sso_only, sso_jit_provisioning FROM tenant_settings WHERE tenant = $1",
        tenant
    )?
    .unwrap_or_default())
}

pub async fn set_options(db: &Db, tenant: Uuid, options: SsoOptions) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "UPDATE tenant_settings SET sso_only = $2, sso_jit_provisioning = $3 WHERE tenant = $1",
        tenant,
        options.sso_only,
        options.sso_jit_provisioning
    )?)
}

/// A linked identity.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdentityRow {
    pub tenant: Uuid,
    pub issuer: String,
    pub subject: String,
    pub user_id: Uuid,
    pub provider: String,
    pub email: String,
    pub linked_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

const IDENTITY_COLUMNS: &str =
    "tenant, issuer, subject, user_id, provider, email, linked_at, last_used_at";

pub async fn find_identity(
    db: &Db,
    tenant: Uuid,
    issuer: &str,
    subject: &str,
) -> Result<Option<IdentityRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        IdentityRow,
        fetch_optional,
        &format!(
            "SELECT {IDENTITY_COLUMNS} FROM user_identities \
             WHERE tenant = $1 AND issuer = $2 AND subject = $3"
        ),
        tenant,
        issuer,
        subject
    )?)
}

/// The identities linked to one user.
pub async fn identities_of(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Vec<IdentityRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        IdentityRow,
        fetch_all,
        &format!(
            "SELECT {IDENTITY_COLUMNS} FROM user_identities \
             WHERE tenant = $1 AND user_id = $2 ORDER BY linked_at"
        ),
        tenant,
        user_id
    )?)
}

/// Links an identity; `false` when (issuer, subject) is linked already (a concurrent first
/// sign-in won the race), which the caller resolves by reading the link.
pub async fn link_identity(exec: Exec<'_>, row: &IdentityRow) -> Result<bool, DbError> {
    let inserted = execute!(
        exec,
        "INSERT INTO user_identities (tenant, issuer, subject, user_id, provider, email, \
         linked_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (tenant, issuer, subject) DO NOTHING",
        row.tenant,
        &row.issuer,
        &row.subject,
        row.user_id,
        &row.provider,
        &row.email,
        row.linked_at,
        row.last_used_at
    )?;
    Ok(inserted == 1)
}

pub async fn touch_identity(
    db: &Db,
    tenant: Uuid,
    issuer: &str,
    subject: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "UPDATE user_identities SET last_used_at = $4, email = $5 \
         WHERE tenant = $1 AND issuer = $2 AND subject = $3",
        tenant,
        issuer,
        subject,
        now,
        email
    )?)
}

pub async fn unlink_identity(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    issuer: &str,
    subject: &str,
) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM user_identities \
         WHERE tenant = $1 AND user_id = $2 AND issuer = $3 AND subject = $4",
        tenant,
        user_id,
        issuer,
        subject
    )?)
}

/// A sign-in sent to a provider, waiting for its callback.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FlowRow {
    pub tenant: Uuid,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub redirect_uri: String,
    pub return_path: String,
    pub handoff_domain: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub struct NewFlow<'a> {
    pub tenant: Uuid,
    pub state_hash: &'a str,
    pub provider: &'a str,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    pub redirect_uri: &'a str,
    pub return_path: &'a str,
    pub handoff_domain: Option<&'a str>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_flow(db: &Db, f: &NewFlow<'_>) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO sso_flows (tenant, state_hash, provider, nonce, pkce_verifier, \
         redirect_uri, return_path, handoff_domain, created_at, expires_at, consumed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)",
        f.tenant,
        f.state_hash,
        f.provider,
        f.nonce,
        f.pkce_verifier,
        f.redirect_uri,
        f.return_path,
        f.handoff_domain,
        f.created_at,
        f.expires_at
    )?;
    Ok(())
}

/// Consumes a flow once; `None` when it was used, expired or never existed.
pub async fn consume_flow(
    db: &Db,
    state_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<FlowRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        FlowRow,
        fetch_optional,
        "UPDATE sso_flows SET consumed_at = $2 \
         WHERE state_hash = $1 AND consumed_at IS NULL AND expires_at > $2 \
         RETURNING tenant, provider, nonce, pkce_verifier, redirect_uri, return_path, \
         handoff_domain, created_at, expires_at",
        state_hash,
        now
    )?)
}

/// A flow in any state (used, expired or open), to name the tenant of a refused callback.
pub async fn find_flow(db: &Db, state_hash: &str) -> Result<Option<FlowRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        FlowRow,
        fetch_optional,
        "SELECT tenant, provider, nonce, pkce_verifier, redirect_uri, return_path, \
         handoff_domain, created_at, expires_at FROM sso_flows WHERE state_hash = $1",
        state_hash
    )?)
}

/// Deletes flows that expired before `before` (used or not).
pub async fn delete_expired_flows(db: &Db, before: DateTime<Utc>) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM sso_flows WHERE expires_at < $1",
        before
    )?)
}
