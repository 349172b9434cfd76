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
use portal_actors::sessions::{ActiveSession, ResolveSession, SessionLookup};
use portal_actors::tokens;
use portal_views::handoff::{self as views, HandoffFailure, HandoffPost, HANDOFF_ACTION};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{
    handoff_cookie, handoff_cookie_removal, set_cookie, with_cookie, HANDOFF_COOKIE,
};
use crate::http::extract::{request_host, CspNonce};
use crate::http::middleware::FormActionTarget;
use crate::http::redirect::{encode_query_value, sign_in_location, ReturnPath};
use crate::http::referrer::no_referrer;
use crate::http::render;
use crate::http::session::start_session;
use exchange::{exchange, ExchangeError, ExchangeStatus};

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

/// `GET /auth/client-portal/handoff[?ott=…]`: never exchanges, never echoes a token; says to
/// sign in again (a token in a link is how another user would sign this browser in).
#[tracing::instrument(skip_all)]
pub async fn show_handoff(
    req: HttpRequest,
    state: web::Data<AppState>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let tenant = vanity_tenant(&state, &req).await?;
    let failure = match tenant {
        Some(_) => HandoffFailure::LinkNotAccepted,
        None => HandoffFailure::DomainUnavailable,
    };
    let status = StatusCode::BAD_REQUEST;
    let page = failure_page(&state, tenant.as_ref(), &nonce.0, failure, status);
    Ok(no_referrer(page))
}

/// `POST /auth/client-portal/handoff` from the canonical page: exchanges the token, keeps the
/// new session's token in the half-done cookie, and goes to the last step.
#[tracing::instrument(skip_all)]
pub async fn submit_handoff(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<HandoffForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let (ott, return_path) = (form.ott.as_deref(), form.return_path.as_deref());
    match exchange(&state, &req, ott, return_path).await {
        Ok(done) => {
            let return_to = encode_query_value(&done.redirect_to);
            let location = format!("{COMPLETE_PATH}?return={return_to}");
            let response = render::see_other(&location);
            Ok(no_referrer(with_cookie(
                response,
                &handoff_cookie(&done.session.token),
            )?))
        }
        Err(e) => {
            let tenant = vanity_tenant(&state, &req).await?;
            let failure = failure_of(&e);
            let page = failure_page(&state, tenant.as_ref(), &nonce.0, failure, e.status());
            Ok(no_referrer(page))
        }
    }
}

/// How a failed exchange shows on the vanity host.
fn failure_of(e: &ExchangeError) -> HandoffFailure {
    match e {
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
    }
}

/// `GET /auth/client-portal/handoff/complete?return=…`: the session cookie for the session the
/// POST started (from the half-done cookie only), the end of the session it replaces, and on to
/// the return path. Without a live half-done handoff in this browser it changes nothing.
#[tracing::instrument(skip_all)]
pub async fn complete_handoff(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CompleteQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let Some((token, session)) = half_done(&state, &req).await? else {
        return unfinished(&state, &req, &nonce.0).await;
    };
    let max_age = session
        .record
        .expires_at
        .signed_duration_since(state.clock.now());
    let redirect_to = ReturnPath::or_default(query.return_path.as_deref());
    let mut response = render::see_other(redirect_to.as_str());
    set_cookie(&mut response, &handoff_cookie_removal())?;
    start_session(&state, &req, &mut response, &token, max_age).await?;
    Ok(no_referrer(response))
}

/// The half-done handoff of this browser: its cookie's session, live and for this host.
async fn half_done(
    state: &AppState,
    req: &HttpRequest,
) -> Result<Option<(String, ActiveSession)>, PortalError> {
    let Some(token) = req
        .cookie(HANDOFF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|token| tokens::is_well_formed(token))
    else {
        return Ok(None);
    };
    let found = state
        .services
        .sessions
        .send(ResolveSession {
            token: token.clone(),
        })
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)?;
    let host = request_host(req);
    Ok(match found {
        // A session belongs to the host it was created on.
        SessionLookup::Active(s) if host.as_deref() == Some(s.record.host.as_str()) => {
            Some((token, *s))
        }
        _ => None,
    })
}

/// No live half-done handoff: say so, and drop a stale half-done cookie.
async fn unfinished(
    state: &AppState,
    req: &HttpRequest,
    nonce: &str,
) -> Result<HttpResponse, PortalError> {
    let tenant = vanity_tenant(state, req).await?;
    let failure = HandoffFailure::Unfinished;
    let mut page = failure_page(
        state,
        tenant.as_ref(),
        nonce,
        failure,
        StatusCode::BAD_REQUEST,
    );
    if req.cookie(HANDOFF_COOKIE).is_some() {
        set_cookie(&mut page, &handoff_cookie_removal())?;
    }
    Ok(no_referrer(page))
}

/// The tenant whose vanity domain this request is on, for branding and the sign-in link.
async fn vanity_tenant(
    state: &AppState,
    req: &HttpRequest,
) -> Result<Option<TenantInfo>, PortalError> {
    crate::http::tenant::vanity_tenant(state, request_host(req).as_deref()).await
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
