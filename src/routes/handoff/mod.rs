//! The vanity-domain handoff, SAML POST-binding style.
//!
//! 1. The canonical host answers a sign-in that hands over with a page whose form POSTs the
//!    one-time transfer token (in the body, never a URL) to the vanity host (`post_binding`).
//! 2. `POST /auth/client-portal/handoff` on the vanity host exchanges it — only when `Origin` is
//!    the canonical origin — and keeps the new session's token in a short-lived cookie.
//! 3. `GET /auth/client-portal/handoff/complete` (same-site, so the browser sends the vanity
//!    host's `Lax` cookies) sets the session cookie, ends the session it replaces, and goes on.
//!
//! `GET /auth/client-portal/handoff?ott=…` renders no form around the token (that was login
//! CSRF): it says to sign in again.

pub mod exchange;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::HandoffTarget;
use portal_actors::handoff::IssuedOtt;
use portal_actors::model::TenantInfo;
use portal_actors::sessions::{ResolveSession, SessionLookup};
use portal_actors::tokens;
use portal_views::handoff::{self as views, HandoffFailure, HandoffPost, HANDOFF_ACTION};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{handoff_cookie, handoff_cookie_removal, HANDOFF_COOKIE};
use crate::http::extract::{lookup, request_host, vanity_domain, CspNonce};
use crate::http::middleware::FormActionTarget;
use crate::http::redirect::{encode_query_value, sign_in_location, ReturnPath};
use crate::http::render;
use crate::http::session::start_session;
use exchange::{exchange, ExchangeError};

/// The last step, on the vanity host.
pub const COMPLETE_PATH: &str = "/auth/client-portal/handoff/complete";

#[derive(Deserialize)]
pub struct HandoffForm {
    #[serde(default)]
    ott: Option<String>,
    #[serde(default, rename = "returnPath")]
    return_path: Option<String>,
}

#[derive(Deserialize)]
pub struct CompleteQuery {
    #[serde(default, rename = "return")]
    return_path: Option<String>,
}

/// The form the canonical host's page posts to the vanity host, for a token just issued.
pub fn handoff_post(ott: &IssuedOtt, target: &HandoffTarget) -> HandoffPost {
    HandoffPost {
        action: format!("https://{}{HANDOFF_ACTION}", target.domain),
        ott: ott.token.clone(),
        return_path: target.return_path.clone(),
    }
}

/// Lets a canonical page's form POST to `domain`: the CSP's `form-action` allows it, and
/// `Referrer-Policy: origin` keeps the `Origin` header (with `no-referrer` Chromium sends
/// `Origin: null`, which the vanity host refuses; the token is in the body, so nothing leaks).
pub fn allow_post_to(mut response: HttpResponse, domain: &str) -> HttpResponse {
    response
        .headers_mut()
        .insert(header::REFERRER_POLICY, HeaderValue::from_static("origin"));
    response
        .extensions_mut()
        .insert(FormActionTarget(format!("https://{domain}")));
    response
}

/// The canonical host's answer to a sign-in that hands over: `200` and a page that POSTs the
/// token to the vanity host by itself (or with its Continue button, without script).
pub fn post_binding(
    tenant: Option<&TenantInfo>,
    nonce: &str,
    ott: &IssuedOtt,
    target: &HandoffTarget,
) -> HttpResponse {
    let post = handoff_post(ott, target);
    let page = render::page(
        StatusCode::OK,
        tenant,
        nonce,
        None,
        |shell| views::post_page(shell, &post),
        views::title,
    );
    allow_post_to(page, &target.domain)
}

/// Vanity-host pages: no referrer leaves them, and no cache keeps them.
fn no_referrer(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The tenant whose vanity domain this request is on, for branding and the sign-in link.
async fn vanity_tenant(
    state: &AppState,
    req: &HttpRequest,
) -> Result<Option<TenantInfo>, PortalError> {
    let host = request_host(req);
    match vanity_domain(state, host.as_deref()).await? {
        Some(domain) => {
            lookup(
                state,
                portal_actors::tenant_directory::TenantKey::Id(domain.tenant),
            )
            .await
        }
        None => Ok(None),
    }
}

/// `GET /auth/client-portal/handoff[?ott=…]`: never exchanges, never echoes a token; says to
/// sign in again (a token in a link is how another user would sign this browser in).
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let tenant = vanity_tenant(&state, &req).await?;
    let failure = match tenant {
        Some(_) => HandoffFailure::LinkNotAccepted,
        None => HandoffFailure::DomainUnavailable,
    };
    Ok(no_referrer(failure_page(
        &state,
        tenant.as_ref(),
        &nonce.0,
        failure,
        StatusCode::BAD_REQUEST,
    )))
}

/// `POST /auth/client-portal/handoff` from the canonical page: exchanges the token, keeps the
/// new session's token in the half-done cookie, and goes to the last step.
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
            let location = format!(
                "{COMPLETE_PATH}?return={}",
                encode_query_value(&done.redirect_to)
            );
            let mut response = render::see_other(&location);
            response
                .add_cookie(&handoff_cookie(&done.session.token))
                .map_err(|e| PortalError::Unexpected(e.into()))?;
            Ok(no_referrer(response))
        }
        Err(e) => {
            let tenant = vanity_tenant(&state, &req).await?;
            let failure = match e {
                ExchangeError::OriginNotAllowed => HandoffFailure::WrongOrigin,
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

/// `GET /auth/client-portal/handoff/complete?return=…`: the session cookie for the session the
/// POST started (from the half-done cookie only), the end of the session it replaces, and on to
/// the return path. Without a live half-done handoff in this browser it changes nothing.
pub async fn complete(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CompleteQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let pending = req
        .cookie(HANDOFF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|token| tokens::is_well_formed(token));
    let host = request_host(&req);
    let session = match &pending {
        Some(token) => {
            let found = state
                .services
                .sessions
                .send(ResolveSession {
                    token: token.clone(),
                })
                .await
                .map_err(PortalError::unavailable)?
                .map_err(PortalError::unavailable)?;
            match found {
                // A session belongs to the host it was created on.
                SessionLookup::Active(s) if host.as_deref() == Some(s.record.host.as_str()) => {
                    Some(s)
                }
                _ => None,
            }
        }
        None => None,
    };
    let (Some(token), Some(session)) = (pending, session) else {
        let tenant = vanity_tenant(&state, &req).await?;
        let mut page = failure_page(
            &state,
            tenant.as_ref(),
            &nonce.0,
            HandoffFailure::Unfinished,
            StatusCode::BAD_REQUEST,
        );
        if req.cookie(HANDOFF_COOKIE).is_some() {
            page.add_cookie(&handoff_cookie_removal())
                .map_err(|e| PortalError::Unexpected(e.into()))?;
        }
        return Ok(no_referrer(page));
    };
    let max_age = session
        .record
        .expires_at
        .signed_duration_since(state.clock.now());
    let redirect_to = ReturnPath::or_default(query.return_path.as_deref());
    let mut response = render::see_other(redirect_to.as_str());
    response
        .add_cookie(&handoff_cookie_removal())
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    start_session(&state, &req, &mut response, &token, max_age).await?;
    Ok(no_referrer(response))
}

fn failure_page(
    state: &AppState,
    tenant: Option<&TenantInfo>,
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
