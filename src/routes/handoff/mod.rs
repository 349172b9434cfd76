//! `/auth/client-portal/handoff` on the vanity host: the page that exchanges the transfer token
//! (GET), and the exchange itself for its form (POST, no JavaScript needed).

pub mod exchange;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_views::handoff::{self as views, HandoffFailure, HandoffView};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::session_cookie;
use crate::http::extract::{lookup, request_host, vanity_domain, CspNonce};
use crate::http::redirect::{sign_in_location, ReturnPath};
use crate::http::render;
use exchange::{exchange, ExchangeError};

#[derive(Deserialize)]
pub struct HandoffQuery {
    ott: Option<String>,
    #[serde(rename = "return")]
    return_path: Option<String>,
}

#[derive(Deserialize)]
pub struct HandoffForm {
    #[serde(default)]
    ott: Option<String>,
    #[serde(default, rename = "returnPath")]
    return_path: Option<String>,
}

/// Token pages: no referrer leaves them, and no cache keeps them.
fn no_referrer(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// `GET /auth/client-portal/handoff?ott=…&return=…`
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<HandoffQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let host = request_host(&req);
    let tenant = match vanity_domain(&state, host.as_deref()).await? {
        Some(domain) => {
            lookup(
                &state,
                portal_actors::tenant_directory::TenantKey::Id(domain.tenant),
            )
            .await?
        }
        None => None,
    };
    let view = HandoffView {
        ott: query.ott.clone().unwrap_or_default(),
        return_path: ReturnPath::or_default(query.return_path.as_deref())
            .as_str()
            .to_owned(),
    };
    if view.ott.is_empty() || tenant.is_none() {
        let failure = if tenant.is_none() {
            HandoffFailure::DomainUnavailable
        } else {
            HandoffFailure::InvalidOrExpired
        };
        return Ok(no_referrer(failure_page(
            &state,
            tenant.as_ref(),
            &nonce.0,
            failure,
            StatusCode::BAD_REQUEST,
        )));
    }
    Ok(no_referrer(render::page(
        StatusCode::OK,
        tenant.as_ref(),
        &nonce.0,
        None,
        |shell| views::page(shell, &view),
        views::title,
    )))
}

/// `POST /auth/client-portal/handoff`: exchanges, sets the cookie, goes to the return path.
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<HandoffForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    match exchange(
        &state,
        &req,
        form.ott.as_deref(),
        form.return_path.as_deref(),
    )
    .await
    {
        Ok(done) => {
            let mut response = render::see_other(&done.redirect_to);
            response
                .add_cookie(&session_cookie(&done.session.token, done.session.max_age))
                .map_err(|e| PortalError::Unexpected(e.into()))?;
            Ok(no_referrer(response))
        }
        Err(e) => {
            let host = request_host(&req);
            let tenant = match vanity_domain(&state, host.as_deref()).await? {
                Some(domain) => {
                    lookup(
                        &state,
                        portal_actors::tenant_directory::TenantKey::Id(domain.tenant),
                    )
                    .await?
                }
                None => None,
            };
            let failure = match e {
                ExchangeError::DomainMismatch => HandoffFailure::WrongDomain,
                ExchangeError::DomainNotFound
                | ExchangeError::DomainInactive { .. }
                | ExchangeError::HostMissing => HandoffFailure::DomainUnavailable,
                ExchangeError::DnsMismatch => HandoffFailure::DnsMismatch,
                ExchangeError::OttRequired | ExchangeError::InvalidOrExpired => {
                    HandoffFailure::InvalidOrExpired
                }
                ExchangeError::ExchangeFailed(_) => HandoffFailure::Error,
            };
            Ok(no_referrer(failure_page(
                &state,
                tenant.as_ref(),
                &nonce.0,
                failure,
                e.status(),
            )))
        }
    }
}

fn failure_page(
    state: &AppState,
    tenant: Option<&portal_actors::domain::TenantInfo>,
    nonce: &str,
    failure: HandoffFailure,
    status: StatusCode,
) -> HttpResponse {
    let sign_in = format!(
        "{}{}",
        state.canonical_origin(),
        sign_in_location(None, tenant.map(|t| t.slug.as_str()), None)
    );
    render::page(
        status,
        tenant,
        nonce,
        None,
        |shell| views::failed(shell, failure, &sign_in),
        views::failed_title,
    )
}
