//! `GET /auth/client-portal/sso/{provider}`: records the sign-in and sends the browser to the
//! provider (authorization code with PKCE, `state`, `nonce`).

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::record_sso_start_failure;
use portal_actors::login_throttle::{seconds_rounded_up, CheckRequest, Decision, RequestScope};
use portal_actors::sso::{BeginSignIn, SsoFailure};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::sso_cookie;
use crate::http::extract::{
    handoff_domain, host_without_port, lookup, request_host, request_origin, resolve_tenant,
    vanity_domain, CspNonce,
};
use crate::http::redirect::{encode_query_value, ReturnPath, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::see_other;

#[derive(Debug, Deserialize)]
pub struct StartQuery {
    tenant: Option<String>,
    #[serde(rename = "callbackUrl")]
    callback_url: Option<String>,
}

/// Starts a sign-in at the provider; on a vanity host, on the canonical host instead.
#[tracing::instrument(skip_all, fields(provider = %path))]
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<StartQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let provider = path.into_inner();
    let host = request_host(&req);
    if let Some(vanity) = vanity_domain(&state, host.as_deref()).await? {
        let mut location = format!(
            "{}/auth/client-portal/sso/{}?",
            state.canonical_origin(),
            encode_query_value(&provider)
        );
        if let Some(t) = lookup(
            &state,
            portal_actors::tenant_directory::TenantKey::Id(vanity.tenant),
        )
        .await?
        {
            location.push_str(&format!("tenant={}&", encode_query_value(&t.slug)));
        }
        if let Some(callback) = &query.callback_url {
            location.push_str(&format!("callbackUrl={}", encode_query_value(callback)));
        }
        return Ok(see_other(&location));
    }
    let on_tenant_host = resolve_tenant(&state, host.as_deref(), None).await?;
    let Some(tenant) = (match on_tenant_host.clone() {
        Some(t) => Some(t),
        None => resolve_tenant(&state, None, query.tenant.as_deref()).await?,
    }) else {
        return Ok(super::failure_page(
            None,
            None,
            &SsoFailure::UnknownProvider,
            &nonce.0,
        ));
    };
    // Hand over to the tenant's domain afterwards, unless this request already is on it.
    let domain = handoff_domain(&state, tenant.id)
        .await?
        .filter(|d| host.as_deref().map(host_without_port) != Some(d.domain.as_str()));
    let vanity_name = domain.as_ref().map(|d| d.domain.as_str());
    let return_path = query
        .callback_url
        .as_deref()
        .and_then(|raw| ReturnPath::parse_with_domain(raw, vanity_name))
        .unwrap_or_else(|| ReturnPath::or_default(Some(DEFAULT_AFTER_SIGN_IN)));
    // The provider sends the browser back to the host it left from (registered there).
    let callback_host = match (&on_tenant_host, &host) {
        (Some(_), Some(host)) => host.clone(),
        _ => state.canonical_host.clone(),
    };
    let redirect_uri = format!(
        "{}://{}{}",
        state.public_scheme,
        callback_host,
        super::CALLBACK_PATH
    );
    let origin = request_origin(&req);
    if let Err(failure) = check_start_rate(&state, tenant.id, origin.ip.as_deref()).await {
        record_sso_start_failure(&state.services, tenant.id, &provider, &failure, origin);
        let name = super::provider_name(&state, tenant.id, &provider).await;
        return Ok(super::failure_page(Some(&tenant), name, &failure, &nonce.0));
    }
    let begun = state
        .sso
        .send(BeginSignIn {
            tenant: tenant.id,
            provider: provider.clone(),
            redirect_uri,
            return_path: return_path.as_str().to_owned(),
            handoff_domain: domain.map(|d| d.domain),
        })
        .await
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    match begun {
        Ok(started) => {
            let mut response = see_other(&started.authorization_url);
            response
                .add_cookie(&sso_cookie(&started.state, state.sso_flow_ttl))
                .map_err(|e| PortalError::Unexpected(e.into()))?;
            Ok(response)
        }
        Err(failure) => {
            record_sso_start_failure(
                &state.services,
                tenant.id,
                &provider,
                &failure,
                request_origin(&req),
            );
            let name = super::provider_name(&state, tenant.id, &provider).await;
            Ok(super::failure_page(Some(&tenant), name, &failure, &nonce.0))
        }
    }
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
