//! `/client-portal/profile/security`: two-factor, password change and the user's sessions.
//! Every form here carries the session's CSRF token; the handlers are thin over
//! `portal_actors::{account, two_factor}` and the Sessions actor.

pub mod identities;
pub mod password;
pub mod sessions;
pub mod two_factor;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use portal_actors::login_throttle::{minutes_rounded_up, seconds_rounded_up};
use portal_actors::tenant_data::profile::SessionSummary;
use portal_actors::tenant_data::OwnSessions;
use portal_actors::two_factor::{Subject, TwoFactorError, TwoFactorStatus};
use portal_views::layout::NavItem;
use portal_views::security::{
    self as views, IdentityItem, ProofProblem, SecurityNotice, SecurityView, SessionItem,
};
use portal_views::two_factor::CodeError;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{request_origin, CspNonce, PortalUser};
use crate::http::render;

/// Who acts on the security page.
pub fn subject(req: &HttpRequest, user: &PortalUser) -> Subject {
    let u = &user.session.record.user;
    Subject {
        tenant: u.tenant,
        user_id: u.user_id,
        email: u.email.clone(),
        origin: request_origin(req),
    }
}

/// The user's names, which the password policy keeps out of passwords.
pub fn names(user: &PortalUser) -> Vec<String> {
    let u = &user.session.record.user;
    u.name_words()
}

/// Maps a two-factor refusal to what the form shows.
pub fn proof_problem(e: &TwoFactorError) -> Option<ProofProblem> {
    match e {
        TwoFactorError::BadPassword => Some(ProofProblem::WrongPassword),
        TwoFactorError::Replay => Some(ProofProblem::Code(CodeError::Replay)),
        TwoFactorError::InvalidCode | TwoFactorError::NotEnabled => {
            Some(ProofProblem::Code(CodeError::Invalid))
        }
        TwoFactorError::Throttled { retry_after } => Some(ProofProblem::Throttled {
            minutes: minutes_rounded_up(*retry_after),
        }),
        _ => None,
    }
}

/// The status of a refused proof: 429 when throttled, else 401.
pub fn refusal_status(e: &TwoFactorError) -> StatusCode {
    match e {
        TwoFactorError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::UNAUTHORIZED,
    }
}

/// Adds `Retry-After` (whole seconds, rounded up) to a throttled answer.
pub fn with_retry_after(mut response: HttpResponse, retry_after: Option<Duration>) -> HttpResponse {
    if let Some(wait) = retry_after {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(seconds_rounded_up(wait)),
        );
    }
    response
}

/// How long a throttled refusal must wait, if it is one.
pub fn throttled_for(e: &TwoFactorError) -> Option<Duration> {
    match e {
        TwoFactorError::Throttled { retry_after } => Some(*retry_after),
        _ => None,
    }
}

/// Builds the page's data; the caller sets notices and errors.
pub async fn view(state: &AppState, user: &PortalUser) -> Result<SecurityView, PortalError> {
    let u = &user.session.record.user;
    let two_factor = portal_actors::two_factor::status(&state.services, u.tenant, u.user_id)
        .await
        .map_err(PortalError::unavailable)?;
    let msg = OwnSessions {
        user_id: u.user_id,
        session_idle: state.session_idle,
    };
    let sessions = crate::routes::tickets::ask_tenant_data(state, user.tenant.id, msg).await?;
    let identities = identities::linked(state, user).await?;
    Ok(security_view(user, two_factor, sessions, identities))
}

/// The Security page's view model, with no notice and no refused form.
fn security_view(
    user: &PortalUser,
    two_factor: TwoFactorStatus,
    sessions: Vec<SessionSummary>,
    identities: Vec<IdentityItem>,
) -> SecurityView {
    let current = &user.session.record.token_hash;
    SecurityView {
        csrf_token: user.session.csrf_token.clone(),
        notice: None,
        two_factor_since: two_factor.enabled_at,
        recovery_codes_left: two_factor.recovery_codes_left,
        two_factor_error: None,
        password_error: None,
        sessions: sessions
            .into_iter()
            .map(|s| SessionItem {
                current: &s.token_hash == current,
                id: s.token_hash,
                user_agent: s.user_agent,
                ip: s.ip,
                method: s.auth_method,
                signed_in_at: s.created_at,
                last_seen_at: s.last_seen_at,
            })
            .collect(),
        sessions_error: None,
        identities,
    }
}

/// The Security page (signed-in navigation on Security), answered with `status`.
pub async fn render(
    state: &AppState,
    user: &PortalUser,
    nonce: &str,
    status: StatusCode,
    view: &SecurityView,
) -> HttpResponse {
    render::page(
        status,
        Some(&user.tenant),
        nonce,
        Some(super::nav(state, user, NavItem::Profile).await),
        |shell| views::page(shell, view),
        views::title,
    )
}

/// The page built afresh, changed by `set` (a refused form's problem), answered with `status`.
pub async fn render_with(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    status: StatusCode,
    set: impl FnOnce(&mut SecurityView),
) -> Result<HttpResponse, PortalError> {
    let mut view = view(state, user).await?;
    set(&mut view);
    Ok(render(state, user, &nonce.0, status, &view).await)
}

/// A refused proof (password or code) shown by `show`: 401, or 429 with `Retry-After`;
/// anything but a refused proof is "unavailable".
pub async fn refuse_proof(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    e: TwoFactorError,
    show: impl FnOnce(&mut SecurityView, ProofProblem),
) -> Result<HttpResponse, PortalError> {
    let Some(problem) = proof_problem(&e) else {
        return Err(PortalError::unavailable(e));
    };
    let status = refusal_status(&e);
    let page = render_with(state, user, nonce, status, |v| show(v, problem)).await?;
    Ok(with_retry_after(page, throttled_for(&e)))
}

/// `GET /client-portal/profile/security[?done=…]`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_security(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, PortalError> {
    let mut v = view(&state, &user).await?;
    v.notice = query.notice();
    Ok(render(&state, &user, &nonce.0, StatusCode::OK, &v).await)
}

/// After a successful POST the browser is redirected here, so a reload does not repeat it.
#[derive(serde::Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    count: Option<u64>,
}

impl DoneQuery {
    fn notice(&self) -> Option<SecurityNotice> {
        let count = self.count.unwrap_or(0);
        match self.done.as_deref()? {
            "password" => Some(SecurityNotice::PasswordChanged {
                others_signed_out: count,
            }),
            "two-factor-off" => Some(SecurityNotice::TwoFactorOff),
            "session" => Some(SecurityNotice::SessionRevoked),
            "others" => Some(SecurityNotice::OthersRevoked { count }),
            "identity" => Some(SecurityNotice::IdentityUnlinked),
            _ => None,
        }
    }
}

/// Where a successful action sends the browser.
pub fn done(what: &str, count: Option<u64>) -> HttpResponse {
    let location = match count {
        Some(n) => format!("{}?done={what}&count={n}", views::ACTION),
        None => format!("{}?done={what}", views::ACTION),
    };
    render::see_other(&location)
}
