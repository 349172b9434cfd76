//! `GET /auth/client-portal/sso/callback`: the provider sends the browser back with `code` and
//! `state` (or `error`). The state must match this browser's cookie and an open sign-in; then
//! the sign-in continues as after a password: second factor, session or vanity handoff (a page
//! that POSTs the transfer token there).

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{sso_sign_in, SignedInVia};
use portal_actors::sso::{ProviderAnswer, SsoFailure};
use portal_actors::tenant_directory::TenantKey;
use portal_actors::tokens;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{challenge_cookie, sso_cookie_removal, SSO_COOKIE};
use crate::http::extract::{lookup, request_origin, CspNonce};
use crate::http::render::see_other;
use crate::http::session::start_session;
use crate::routes::handoff::post_binding;

/// Longest `code`/`error_description` considered.
const MAX_PARAM: usize = 4096;

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

#[tracing::instrument(skip_all)]
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CallbackQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let query = query.into_inner();
    let presented = query.state.unwrap_or_default();
    // The state must be the one this browser was given: a callback from elsewhere is refused.
    let bound = req
        .cookie(SSO_COOKIE)
        .is_some_and(|c| !presented.is_empty() && tokens::constant_time_eq(c.value(), &presented));
    let answer = match (query.code, query.error) {
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
    };
    let result = sso_sign_in(
        &state.services,
        &state.sso,
        presented,
        bound,
        answer,
        request_origin(&req),
    )
    .await;
    let mut response = match result {
        Ok(done) => match done.signed_in.via {
            SignedInVia::Session(session) => {
                let mut response = see_other(&done.return_path);
                start_session(&state, &req, &mut response, &session.token, session.max_age).await?;
                response
            }
            SignedInVia::Handoff { ott, target } => {
                let tenant = lookup(&state, TenantKey::Id(done.signed_in.user.tenant)).await?;
                post_binding(tenant.as_ref(), &nonce.0, &ott, &target)
            }
            SignedInVia::SecondFactor(pending) => {
                let mut response = see_other(crate::routes::two_factor::PATH);
                response
                    .add_cookie(&challenge_cookie(&pending.token, pending.max_age))
                    .map_err(|e| PortalError::Unexpected(e.into()))?;
                response
            }
        },
        Err(failed) => {
            let (tenant, name) = match &failed.flow {
                Some(flow) => (
                    lookup(&state, TenantKey::Id(flow.tenant)).await?,
                    super::provider_name(&state, flow.tenant, &flow.provider).await,
                ),
                None => (None, None),
            };
            if matches!(failed.failure, SsoFailure::Unavailable(_)) {
                tracing::error!(error = %failed.failure, "SSO callback failed");
            }
            super::failure_page(tenant.as_ref(), name, &failed.failure, &nonce.0)
        }
    };
    response
        .add_cookie(&sso_cookie_removal())
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    Ok(response)
}
