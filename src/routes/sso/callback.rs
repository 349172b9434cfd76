//! `GET /auth/client-portal/sso/callback`: the provider sends the browser back with `code` and
//! `state` (or `error`). The state must match this browser's cookie and an open sign-in; then
//! the sign-in continues as after a password: second factor, session or vanity handoff (a page
//! that POSTs the transfer token there).

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{sso_sign_in, SsoSignInFailure};
use portal_actors::sso::{ProviderAnswer, SsoFailure};
use portal_actors::tenant_directory::TenantKey;
use portal_actors::tokens;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{sso_cookie_removal, with_cookie, SSO_COOKIE};
use crate::http::extract::{request_origin, CspNonce};
use crate::http::tenant::lookup;
use crate::routes::signin::outcome::answer_sign_in;

/// Longest `code`/`error_description` considered.
const MAX_PARAM: usize = 4096;

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// Finishes the sign-in the provider answered; the flow's cookie goes either way.
#[tracing::instrument(skip_all)]
pub async fn complete_sso_sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CallbackQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let query = query.into_inner();
    let presented = query.state.clone().unwrap_or_default();
    let bound = bound_to_browser(&req, &presented);
    let (answer, origin) = (provider_answer(query), request_origin(&req));
    let result = sso_sign_in(
        &state.services,
        &state.sso,
        presented,
        bound,
        answer,
        origin,
    );
    let response = match result.await {
        Ok(done) => {
            answer_sign_in(&state, &nonce.0, None, done.signed_in, &done.return_path)
                .await?
                .send(&state, &req)
                .await?
        }
        Err(failed) => failure_page(&state, &failed, &nonce.0).await?,
    };
    with_cookie(response, &sso_cookie_removal())
}

/// The state must be the one this browser was given: a callback from elsewhere is refused.
fn bound_to_browser(req: &HttpRequest, presented: &str) -> bool {
    req.cookie(SSO_COOKIE)
        .is_some_and(|c| !presented.is_empty() && tokens::constant_time_eq(c.value(), presented))
}

/// What the provider said: a code, or an error (a missing or oversized code is one too).
fn provider_answer(query: CallbackQuery) -> ProviderAnswer {
    match (query.code, query.error) {
        (_, Some(error)) => ProviderAnswer::Error {
            error: error.chars().take(100).collect(),
            description: query
                .error_description
                .map(|d| d.chars().take(MAX_PARAM).collect()),
        },
        (Some(code), None) if !code.is_empty() && code.len() <= MAX_PARAM => {
            ProviderAnswer::Code(code)
        }
        _ => ProviderAnswer::Error {
            error: "invalid_request".into(),
            description: Some("no code".into()),
        },
    }
}

/// The failure page, branded for the flow's tenant when the flow is known.
async fn failure_page(
    state: &AppState,
    failed: &SsoSignInFailure,
    nonce: &str,
) -> Result<HttpResponse, PortalError> {
    let (tenant, name) = match &failed.flow {
        Some(flow) => (
            lookup(state, TenantKey::Id(flow.tenant)).await?,
            super::provider_name(state, flow.tenant, &flow.provider).await,
        ),
        None => (None, None),
    };
    if matches!(failed.failure, SsoFailure::Unavailable(_)) {
        tracing::error!(error = %failed.failure, "SSO callback failed");
    }
    Ok(super::failure_page(
        tenant.as_ref(),
        name,
        &failed.failure,
        nonce,
    ))
}
