//! Operators' changes to a tenant's single sign-on (admin API and CLI): providers saved and
//! deleted, the SSO options set, each change logged and returned with its audit record. The
//! validation is `sso::providers`'; added here is the guard that keeps an SSO-only tenant with
//! an enabled provider, so that nobody is locked out, and the redirect URIs to register.

use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit::AuditRecord;
use crate::db::{Db, DbError};
use crate::model::{RequestOrigin, TenantInfo};
use crate::secret_box::SecretBox;
use crate::sso::providers::{self, ProviderInput, ProviderSummary, SsoConfigError};
use crate::store::directory;
use crate::store::sso::{self as store, SsoOptions};

pub const EVENT_PROVIDER_SAVED: &str = "sso_provider_saved";
pub const EVENT_PROVIDER_DELETED: &str = "sso_provider_deleted";
pub const EVENT_OPTIONS_CHANGED: &str = "sso_options_changed";
/// Where providers send users back: the path of the redirect URIs registered at each provider.
pub const CALLBACK_PATH: &str = "/auth/client-portal/sso/callback";

#[derive(Debug, thiserror::Error)]
pub enum SsoChangeError {
    #[error(transparent)]
    Config(#[from] SsoConfigError),
    /// Deleting it would leave an SSO-only tenant without a way to sign in.
    #[error(
        "the tenant signs in only through single sign-on and this is its last enabled provider: \
         turn sso_only off first"
    )]
    LastProvider,
}

impl From<DbError> for SsoChangeError {
    fn from(e: DbError) -> Self {
        SsoChangeError::Config(SsoConfigError::Db(e))
    }
}

/// A change made, with the audit record the caller writes (through the Audit actor, or
/// directly where no actor runs, as in the CLI).
#[derive(Debug)]
pub struct Audited<T> {
    pub value: T,
    pub record: AuditRecord,
}

/// A provider saved: what operators see, and whether it is new.
#[derive(Debug, Clone)]
pub struct SavedProvider {
    pub summary: ProviderSummary,
    pub created: bool,
}

/// What the options become; `None` keeps the current value.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionsChange {
    pub sso_only: Option<bool>,
    pub jit_provisioning: Option<bool>,
}

/// A tenant's single sign-on as operators see it.
#[derive(Debug, Clone, Serialize)]
pub struct SsoOverview {
    pub tenant: String,
    pub sso_only: bool,
    pub jit_provisioning: bool,
    pub providers: Vec<ProviderSummary>,
    /// The callback URLs to register at the providers.
    pub redirect_uris: Vec<String>,
}

fn record(
    tenant: Uuid,
    event_type: &'static str,
    origin: &RequestOrigin,
    details: serde_json::Value,
) -> AuditRecord {
    AuditRecord {
        tenant,
        event_type,
        outcome: "success",
        reason: None,
        user_id: None,
        email: None,
        origin: origin.clone(),
        details: Some(details.to_string()),
    }
}

/// The callback URLs the providers must accept: on the canonical origin (`scheme://host`),
/// then on each host that serves the tenant directly.
pub async fn redirect_uris(
    db: &Db,
    tenant: Uuid,
    canonical_origin: &str,
) -> Result<Vec<String>, DbError> {
    let mut uris = vec![format!(
        "{}{CALLBACK_PATH}",
        canonical_origin.trim_end_matches('/')
    )];
    for host in directory::hosts_of(db, tenant).await? {
        let uri = format!("https://{host}{CALLBACK_PATH}");
        if !uris.contains(&uri) {
            uris.push(uri);
        }
    }
    Ok(uris)
}

/// The tenant's options, providers and redirect URIs.
pub async fn overview(
    db: &Db,
    tenant: &TenantInfo,
    canonical_origin: &str,
) -> Result<SsoOverview, DbError> {
    let options = providers::options(db, tenant.id).await?;
    Ok(SsoOverview {
        tenant: tenant.slug.clone(),
        sso_only: options.sso_only,
        jit_provisioning: options.sso_jit_provisioning,
        providers: providers::list_providers(db, tenant.id).await?,
        redirect_uris: redirect_uris(db, tenant.id, canonical_origin).await?,
    })
}

/// One provider as operators see it.
pub async fn find_provider(
    db: &Db,
    tenant: Uuid,
    provider: &str,
) -> Result<Option<ProviderSummary>, DbError> {
    Ok(providers::list_providers(db, tenant)
        .await?
        .into_iter()
        .find(|p| p.provider == provider))
}

/// Whether the tenant is SSO-only and has no enabled provider but `provider`.
async fn needs_provider(db: &Db, tenant: Uuid, provider: &str) -> Result<bool, DbError> {
    if !providers::options(db, tenant).await?.sso_only {
        return Ok(false);
    }
    let others = store::list_providers(db, tenant).await?;
    Ok(!others.iter().any(|p| p.enabled && p.provider != provider))
}

/// Creates or replaces a provider (`client_secret: None` keeps the stored secret). Turning off
/// the last enabled provider of an SSO-only tenant is refused (field `enabled`).
pub async fn save_provider(
    db: &Db,
    secret_box: &SecretBox,
    now: DateTime<Utc>,
    tenant: Uuid,
    input: ProviderInput,
    origin: &RequestOrigin,
) -> Result<Audited<SavedProvider>, SsoChangeError> {
    // As PostgreSQL keeps it, so that what is returned now is what is read back later.
    let now = now.trunc_subsecs(6);
    let slug = input.provider.trim().to_ascii_lowercase();
    let existing = store::find_provider(db, tenant, &slug).await?;
    let turned_off = !input.enabled && existing.as_ref().is_some_and(|p| p.enabled);
    if turned_off && needs_provider(db, tenant, &slug).await? {
        return Err(SsoConfigError::Invalid {
            field: "enabled",
            message: SsoChangeError::LastProvider.to_string(),
        }
        .into());
    }
    let secret_changed = input.client_secret.is_some();
    let summary = providers::save_provider(db, secret_box, now, tenant, input).await?;
    let created = existing.is_none();
    tracing::info!(
        %tenant,
        provider = %summary.provider,
        kind = summary.kind.as_str(),
        enabled = summary.enabled,
        created,
        secret_changed,
        "sso provider saved"
    );
    let details = json!({
        "by": "operator",
        "provider": summary.provider,
        "kind": summary.kind,
        "issuer": summary.issuer,
        "client_id": summary.client_id,
        "allowed_domains": summary.allowed_domains,
        "enabled": summary.enabled,
        "created": created,
        "secret_changed": secret_changed,
    });
    Ok(Audited {
        record: record(tenant, EVENT_PROVIDER_SAVED, origin, details),
        value: SavedProvider { summary, created },
    })
}

/// Deletes a provider; refused for the last enabled provider of an SSO-only tenant.
pub async fn delete_provider(
    db: &Db,
    tenant: Uuid,
    provider: &str,
    origin: &RequestOrigin,
) -> Result<Audited<()>, SsoChangeError> {
    let existing = store::find_provider(db, tenant, provider)
        .await?
        .ok_or(SsoConfigError::NotFound)?;
    if existing.enabled && needs_provider(db, tenant, provider).await? {
        return Err(SsoChangeError::LastProvider);
    }
    providers::delete_provider(db, tenant, provider).await?;
    tracing::info!(%tenant, provider, "sso provider deleted");
    let details = json!({
        "by": "operator",
        "provider": provider,
        "kind": existing.kind,
        "issuer": existing.issuer,
    });
    Ok(Audited {
        value: (),
        record: record(tenant, EVENT_PROVIDER_DELETED, origin, details),
    })
}

/// Sets the options; turning SSO-only on without an enabled provider is refused (field
/// `sso_only`), as nobody could sign in.
pub async fn change_options(
    db: &Db,
    tenant: Uuid,
    change: OptionsChange,
    origin: &RequestOrigin,
) -> Result<Audited<SsoOptions>, SsoChangeError> {
    let before = providers::options(db, tenant).await?;
    let after = SsoOptions {
        sso_only: change.sso_only.unwrap_or(before.sso_only),
        sso_jit_provisioning: change
            .jit_provisioning
            .unwrap_or(before.sso_jit_provisioning),
    };
    if change.sso_only == Some(true) {
        let enabled = store::list_providers(db, tenant).await?;
        if !enabled.iter().any(|p| p.enabled) {
            return Err(SsoConfigError::Invalid {
                field: "sso_only",
                message: "add and enable a provider first: without one nobody could sign in"
                    .to_owned(),
            }
            .into());
        }
    }
    providers::set_options(db, tenant, after).await?;
    tracing::info!(
        %tenant,
        sso_only = after.sso_only,
        jit_provisioning = after.sso_jit_provisioning,
        "sso options set"
    );
    let details = json!({
        "by": "operator",
        "sso_only": after.sso_only,
        "jit_provisioning": after.sso_jit_provisioning,
        "before": {
            "sso_only": before.sso_only,
            "jit_provisioning": before.sso_jit_provisioning,
        },
    });
    Ok(Audited {
        value: after,
        record: record(tenant, EVENT_OPTIONS_CHANGED, origin, details),
    })
}
