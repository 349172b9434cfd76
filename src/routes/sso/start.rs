//! `GET /auth/client-portal/sso/{provider}`: records the sign-in and sends the browser to the
//! provider (authorization code with PKCE, `state`, `nonce`).

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::record_sso_start_failure;
use portal_actors::login_throttle::{seconds_rounded_up, CheckRequest, Decision, RequestScope};
use portal_actors::model::TenantInfo;
use portal_actors::sso::{BeginSignIn, SsoFailure, StartedSignIn};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{sso_cookie, with_cookie};
use crate::http::extract::{host_without_port, request_host, request_origin, CspNonce};
use crate::http::redirect::{encode_query_value, ReturnPath, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::see_other;
use crate::http::tenant::{handoff_domain, PageTenant};

#[derive(Debug, Deserialize)]
pub struct StartQuery {
    #[serde(rename = "callbackUrl")]
    callback_url: Option<String>,
}

/// Starts a sign-in at the provider; on a vanity host, on the canonical host instead.
#[tracing::instrument(skip_all, fields(tenant = page_tenant.slug(), provider = %path))]
pub async fn start_sso_sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<StartQuery>,
    page_tenant: PageTenant,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let provider = path.into_inner();
    let callback_url = query.callback_url.as_deref();
    if page_tenant.vanity.is_some() {
        let tenant = page_tenant.tenant.as_ref();
        let location = on_canonical_host(&state, &provider, tenant, callback_url);
        return Ok(see_other(&location));
    }
    let Some(tenant) = &page_tenant.tenant else {
        let unknown = SsoFailure::UnknownProvider;
        return Ok(super::failure_page(None, None, &unknown, &nonce.0));
    };
    let host = request_host(&req);
    let by_host = page_tenant.by_host;
    let begin = begin_sign_in(&state, tenant, &provider, host, by_host, callback_url).await?;
    let origin = request_origin(&req);
    match begin_if_allowed(&state, begin, origin.ip.as_deref()).await? {
        Ok(started) => with_cookie(
            see_other(&started.authorization_url),
            &sso_cookie(&started.state, state.sso_flow_ttl),
        ),
        Err(failure) => {
            Ok(failed_start(&state, tenant, &provider, &failure, origin, &nonce.0).await)
        }
    }
}

/// Records the flow, unless this client address started too many.
async fn begin_if_allowed(
    state: &AppState,
    begin: BeginSignIn,
    ip: Option<&str>,
) -> Result<Result<StartedSignIn, SsoFailure>, PortalError> {
    if let Err(failure) = check_start_rate(state, begin.tenant, ip).await {
        return Ok(Err(failure));
    }
    state
        .sso
        .send(begin)
        .await
        .map_err(|e| PortalError::Unexpected(e.into()))
}

/// The same start on the canonical host (a vanity host signs in there).
fn on_canonical_host(
    state: &AppState,
    provider: &str,
    tenant: Option<&TenantInfo>,
    callback_url: Option<&str>,
) -> String {
    let mut location = format!(
        "{}/auth/client-portal/sso/{}?",
        state.canonical_origin(),
        encode_query_value(provider)
    );
    if let Some(t) = tenant {
        location.push_str(&format!("tenant={}&", encode_query_value(&t.slug)));
    }
    if let Some(callback) = callback_url {
        location.push_str(&format!("callbackUrl={}", encode_query_value(callback)));
    }
    location
}

/// The flow to record: where the provider sends the browser back (the host it left from,
/// registered there), where the user goes then, and the domain to hand over to.
async fn begin_sign_in(
    state: &AppState,
    tenant: &TenantInfo,
    provider: &str,
    host: Option<String>,
    on_tenant_host: bool,
    callback_url: Option<&str>,
) -> Result<BeginSignIn, PortalError> {
    // Hand over to the tenant's domain afterwards, unless this request already is on it.
    let domain = handoff_domain(state, tenant.id)
        .await?
        .filter(|d| host.as_deref().map(host_without_port) != Some(d.domain.as_str()));
    let vanity_name = domain.as_ref().map(|d| d.domain.as_str());
    let return_path = callback_url
        .and_then(|raw| ReturnPath::parse_with_domain(raw, vanity_name))
        .unwrap_or_else(|| ReturnPath::or_default(Some(DEFAULT_AFTER_SIGN_IN)));
    let callback_host = match (on_tenant_host, host) {
        (true, Some(host)) => host,
        _ => state.canonical_host.clone(),
    };
    Ok(BeginSignIn {
        tenant: tenant.id,
        provider: provider.to_owned(),
        redirect_uri: format!(
            "{}://{}{}",
            state.public_scheme,
            callback_host,
            super::CALLBACK_PATH
        ),
        return_path: return_path.as_str().to_owned(),
        handoff_domain: domain.map(|d| d.domain),
    })
}

/// A start that failed: counted, audited, and explained on the failure page.
async fn failed_start(
    state: &AppState,
    tenant: &TenantInfo,
    provider: &str,
    failure: &SsoFailure,
    origin: portal_actors::model::RequestOrigin,
    nonce: &str,
) -> HttpResponse {
    record_sso_start_failure(&state.services, tenant.id, provider, failure, origin);
    let name = super::provider_name(state, tenant.id, provider).await;
    super::failure_page(Some(tenant), name, failure, nonce)
}

/// Each start leaves a pending flow behind: starts are limited per client address.
async fn check_start_rate(
    state: &AppState,
    tenant: uuid::Uuid,
    ip: Option<&str>,
) -> Result<(), SsoFailure> {
    let decision = state
        .services
        .throttle
        .send(CheckRequest {
            scope: RequestScope::SsoStart,
            tenant: Some(tenant),
            email: String::new(),
            ip: ip.unwrap_or_default().to_owned(),
        })
        .await
        .map_err(|e| SsoFailure::Unavailable(e.to_string()))?
        .map_err(|e| SsoFailure::Unavailable(e.to_string()))?;
    match decision {
        Decision::Allowed => Ok(()),
        Decision::Throttled { retry_after } => Err(SsoFailure::Throttled {
            retry_after_seconds: seconds_rounded_up(retry_after),
        }),
    }
}
