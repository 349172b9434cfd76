//! Which tenant a request is for: the `PageTenant` and `TenantForm` extractors (the vanity
//! host's tenant, else the host's, else the slug the query or the posted form names), and the
//! look-ups behind them (tenants and portal domains, through the cache and `TenantDirectory`).

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use portal_actors::model::TenantInfo;
use portal_actors::portal_domain::{DomainStatus, PortalDomain};
use portal_actors::tenant_directory::{DomainKey, LookupDomain, LookupTenant, TenantKey};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{host_without_port, request_host};

/// The `tenant` query parameter, if well formed.
pub fn query_tenant_slug(req: &HttpRequest) -> Option<String> {
    raw_query_slug(req).filter(|s| portal_actors::model::is_valid_slug(s))
}

/// The `tenant` query parameter as given (the look-up refuses a malformed one).
fn raw_query_slug(req: &HttpRequest) -> Option<String> {
    web::Query::<TenantQuery>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.into_inner().tenant)
}

/// A query that names a tenant (`?tenant=<slug>`).
#[derive(serde::Deserialize)]
pub struct TenantQuery {
    tenant: Option<String>,
}

impl TenantQuery {
    /// The `tenant` parameter as given.
    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }
}

/// A posted form that may name its tenant (a `tenant` field), for `TenantForm`.
pub trait NamesTenant {
    /// The slug the form names, as given.
    fn tenant_slug(&self) -> Option<&str>;
}

/// The tenant a page is for: the vanity host's, else the host's, else the named slug's
/// (from the query; `TenantForm` takes it from the form). `None` when nothing names one:
/// each page says so in its own way.
#[derive(Debug, Clone, Default)]
pub struct PageTenant {
    pub tenant: Option<TenantInfo>,
    /// The portal domain (vanity host) the request came in on.
    pub vanity: Option<PortalDomain>,
    /// Whether the host itself named the tenant (its vanity domain or one of its hosts).
    pub by_host: bool,
}

impl PageTenant {
    /// Resolves the tenant of a request on `host` that names `slug`.
    pub async fn resolve(
        state: &AppState,
        host: Option<&str>,
        slug: Option<&str>,
    ) -> Result<Self, PortalError> {
        if let Some(vanity) = vanity_domain(state, host).await? {
            let tenant = lookup(state, TenantKey::Id(vanity.tenant)).await?;
            return Ok(Self {
                tenant,
                vanity: Some(vanity),
                by_host: true,
            });
        }
        if let Some(tenant) = resolve_tenant(state, host, None).await? {
            return Ok(Self {
                tenant: Some(tenant),
                vanity: None,
                by_host: true,
            });
        }
        Ok(Self {
            tenant: resolve_tenant(state, None, slug).await?,
            vanity: None,
            by_host: false,
        })
    }

    /// The tenant's slug, for log spans.
    pub fn slug(&self) -> Option<&str> {
        self.tenant.as_ref().map(|t| t.slug.as_str())
    }
}

fn app_state(req: &HttpRequest) -> Result<web::Data<AppState>, PortalError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| PortalError::Unexpected(anyhow::anyhow!("no app state")))
}

impl FromRequest for PageTenant {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    /// The slug comes from the query, parsed as `web::Query` parses it (a malformed query is
    /// refused by the same handler).
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let query = web::Query::<TenantQuery>::from_request(req, payload);
        let state = app_state(req);
        let host = request_host(req);
        Box::pin(async move {
            let slug = query.await?.into_inner().tenant;
            let state = state?;
            Ok(PageTenant::resolve(&state, host.as_deref(), slug.as_deref()).await?)
        })
    }
}

/// A posted form and the tenant it is for (the slug from its `tenant` field).
pub struct TenantForm<F> {
    pub tenant: PageTenant,
    pub form: F,
}

impl<F> FromRequest for TenantForm<F>
where
    F: NamesTenant + serde::de::DeserializeOwned + 'static,
{
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let form = web::Form::<F>::from_request(req, payload);
        let state = app_state(req);
        let host = request_host(req);
        Box::pin(async move {
            let form = form.await?.into_inner();
            let state = state?;
            let tenant = PageTenant::resolve(&state, host.as_deref(), form.tenant_slug()).await?;
            Ok(TenantForm { tenant, form })
        })
    }
}

/// Finds the tenant a request is for: by its host, else by the slug it names.
async fn resolve_tenant(
    state: &AppState,
    host: Option<&str>,
    slug: Option<&str>,
) -> Result<Option<TenantInfo>, PortalError> {
    if let Some(host) = host {
        let candidates = [host, host_without_port(host)];
        for (i, candidate) in candidates.iter().enumerate() {
            if i == 1 && candidate == &host {
                break;
            }
            let found = lookup(state, TenantKey::Host((*candidate).to_owned())).await?;
            if found.is_some() {
                return Ok(found);
            }
        }
    }
    match slug {
        Some(slug) => lookup(state, TenantKey::Slug(slug.to_owned())).await,
        None => Ok(None),
    }
}

/// A tenant by key, from the cache or the `TenantDirectory`.
pub async fn lookup(state: &AppState, key: TenantKey) -> Result<Option<TenantInfo>, PortalError> {
    if let Some(found) = state.tenant_cache.peek(&key) {
        return Ok(Some(found));
    }
    state
        .tenants
        .send(LookupTenant(key))
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)
}

/// The portal domain (vanity host) this request came in on, if any.
pub async fn vanity_domain(
    state: &AppState,
    host: Option<&str>,
) -> Result<Option<PortalDomain>, PortalError> {
    let Some(host) = host else { return Ok(None) };
    let name = host_without_port(host).to_owned();
    if name.is_empty() || name == host_without_port(&state.canonical_host) {
        return Ok(None);
    }
    domain(state, DomainKey::Host(name)).await
}

/// The tenant whose vanity domain `host` is (none on any other host).
pub async fn vanity_tenant(
    state: &AppState,
    host: Option<&str>,
) -> Result<Option<TenantInfo>, PortalError> {
    match vanity_domain(state, host).await? {
        Some(domain) => lookup(state, TenantKey::Id(domain.tenant)).await,
        None => Ok(None),
    }
}

/// A tenant's portal domain when sign-ins are handed over to it.
pub async fn handoff_domain(
    state: &AppState,
    tenant: uuid::Uuid,
) -> Result<Option<PortalDomain>, PortalError> {
    Ok(domain(state, DomainKey::Tenant(tenant))
        .await?
        .filter(|d| d.status.is_handoff_eligible()))
}

/// A tenant's portal domain when it is active (links in emails point there).
pub async fn active_domain(
    state: &AppState,
    tenant: uuid::Uuid,
) -> Result<Option<PortalDomain>, PortalError> {
    Ok(domain(state, DomainKey::Tenant(tenant))
        .await?
        .filter(|d| d.status == DomainStatus::Active))
}

async fn domain(state: &AppState, key: DomainKey) -> Result<Option<PortalDomain>, PortalError> {
    state
        .tenants
        .send(LookupDomain(key))
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)
}

/// The canonical sign-in URL that brings a visitor of a vanity host back to `url` on it.
pub fn canonical_sign_in_for_vanity(
    state: &AppState,
    vanity: &PortalDomain,
    slug: &str,
    path: &str,
) -> String {
    let callback = format!("https://{}{}", vanity.domain, path);
    format!(
        "{}/auth/client-portal/signin?callbackUrl={}&portalDomain={}&tenant={}",
        state.canonical_origin(),
        crate::http::redirect::encode_query_value(&callback),
        crate::http::redirect::encode_query_value(&vanity.domain),
        crate::http::redirect::encode_query_value(slug),
    )
}
