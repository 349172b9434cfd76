//! Changing the sign-in email from Profile → Profile: `POST /client-portal/profile/email` (new
//! address and current password: a confirmation link to the new address, a notice to the
//! current one), `…/email/resend` and `…/email/cancel` for a pending request, and the link's
//! pages at `/auth/email-change/confirm` (`confirm`). The rules live in
//! `portal_actors::email_change`; a refused request comes back on the Profile page with the
//! message next to its field, the new address as typed, and nothing saved or sent.

pub mod confirm;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use portal_actors::account_recovery::mail_locale;
use portal_actors::email_change::{
    self as actors, EmailChangeError, EmailChangeRefusal, EmailChangeRequest,
};
use portal_actors::login_throttle::minutes_rounded_up;
use portal_views::email_change::{EmailCardView, EmailNotice, EmailProblem, PendingView};
use portal_views::profile::PROFILE_PATH;
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render::see_other;
use crate::routes::account_recovery::mail::{email_change_mails, locales, TenantLinks};
use crate::routes::account_recovery::typed_email;
use crate::routes::security::{subject, with_retry_after};

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    current_password: String,
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

/// A store or actor failure; a user who is not an active client user with a contact is 404.
fn failure(e: EmailChangeError) -> PortalError {
    match e {
        EmailChangeError::NotFound => PortalError::NotFound,
        e => PortalError::unavailable(e),
    }
}

/// The Profile page's "Email address" card, as stored.
pub async fn card(state: &AppState, user: &PortalUser) -> Result<EmailCardView, PortalError> {
    let u = &user.session.record.user;
    let status = actors::status(&state.services, u.tenant, u.user_id)
        .await
        .map_err(failure)?;
    let mut card = EmailCardView::new(status.email, status.has_password);
    card.pending = status.pending.map(|p| PendingView {
        email: p.email,
        expires_at: p.expires_at,
    });
    Ok(card)
}

/// The card's notice named by the Profile page's `?email=`.
pub fn notice(query: Option<&str>) -> Option<EmailNotice> {
    match query {
        Some("resent") => Some(EmailNotice::Resent),
        Some("cancelled") => Some(EmailNotice::Cancelled),
        Some("none") => Some(EmailNotice::NothingPending),
        _ => None,
    }
}

/// How a refusal shows: its status, the card's problem and any `Retry-After`.
fn refusal(r: EmailChangeRefusal) -> (StatusCode, EmailProblem, Option<Duration>) {
    match r {
        EmailChangeRefusal::Missing => (StatusCode::BAD_REQUEST, EmailProblem::Missing, None),
        EmailChangeRefusal::Malformed => (StatusCode::BAD_REQUEST, EmailProblem::Malformed, None),
        EmailChangeRefusal::Same => (StatusCode::BAD_REQUEST, EmailProblem::Same, None),
        EmailChangeRefusal::Taken => (StatusCode::CONFLICT, EmailProblem::Taken, None),
        EmailChangeRefusal::WrongPassword => {
            (StatusCode::UNAUTHORIZED, EmailProblem::WrongPassword, None)
        }
        EmailChangeRefusal::Throttled { retry_after } => {
            let minutes = minutes_rounded_up(retry_after);
            let problem = EmailProblem::Throttled { minutes };
            (StatusCode::TOO_MANY_REQUESTS, problem, Some(retry_after))
        }
        EmailChangeRefusal::TooMany => (StatusCode::TOO_MANY_REQUESTS, EmailProblem::TooMany, None),
        EmailChangeRefusal::NoPassword => (StatusCode::FORBIDDEN, EmailProblem::NoPassword, None),
    }
}

/// The Profile page again with the card's problem and the new address as typed.
async fn refused(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    outcome: Result<EmailChangeRefusal, EmailChangeError>,
    typed: &str,
) -> Result<HttpResponse, PortalError> {
    let (status, problem, retry_after) = match outcome {
        Ok(r) => refusal(r),
        Err(EmailChangeError::NotFound) => return Err(PortalError::NotFound),
        Err(e) => {
            crate::errors::log_error(&e);
            let status = StatusCode::SERVICE_UNAVAILABLE;
            (status, EmailProblem::Unavailable, None)
        }
    };
    let mut v = super::profile::view(state, user, None, None).await?;
    v.email_card.problem = Some(problem);
    v.email_card.typed_email = typed_email(typed);
    let page = super::profile::respond(state, user, &nonce.0, status, &v).await;
    Ok(with_retry_after(page, retry_after))
}

/// The language of the user's emails: theirs, else the tenant's.
fn locale(user: &PortalUser) -> String {
    let u = &user.session.record.user;
    mail_locale(u.prefs.locale.as_deref(), &user.tenant.default_locale).to_owned()
}

/// `POST /client-portal/profile/email`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn request_change(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: PortalUser,
    nonce: CspNonce,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let who = subject(&req, &user);
    let links = TenantLinks::for_tenant(&state, &user.tenant).await?;
    let mails = email_change_mails(locales()?, &user.tenant, &links);
    let request = EmailChangeRequest {
        new_email: form.new_email.clone(),
        password: SecretString::from(form.current_password.clone()),
        ttl: state.email_change_ttl,
        locale: locale(&user),
    };
    let svc = &state.services;
    let outcome = match actors::request_email_change(svc, &state.mailer, &who, request, mails).await
    {
        Ok(Ok(_)) => return Ok(see_other(PROFILE_PATH)),
        Ok(Err(r)) => Ok(r),
        Err(e) => Err(e),
    };
    refused(&state, &user, &nonce, outcome, &form.new_email).await
}

/// `POST /client-portal/profile/email/resend`: a new link to the pending address.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn resend_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: PortalUser,
    nonce: CspNonce,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let who = subject(&req, &user);
    let links = TenantLinks::for_tenant(&state, &user.tenant).await?;
    let mails = email_change_mails(locales()?, &user.tenant, &links);
    let (svc, ttl, lang) = (&state.services, state.email_change_ttl, locale(&user));
    let sent = actors::resend_email_change(svc, &state.mailer, &who, ttl, &lang, mails).await;
    let done = match sent {
        Ok(Ok(Some(_))) => "resent",
        Ok(Ok(None)) => "none",
        Ok(Err(r)) => return refused(&state, &user, &nonce, Ok(r), "").await,
        Err(e) => return Err(failure(e)),
    };
    Ok(see_other(&format!("{PROFILE_PATH}?email={done}")))
}

/// `POST /client-portal/profile/email/cancel`: the pending link stops working.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn cancel_change(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: PortalUser,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let who = subject(&req, &user);
    let cancelled = actors::cancel_email_change(&state.services, &who)
        .await
        .map_err(failure)?;
    let done = if cancelled { "cancelled" } else { "none" };
    Ok(see_other(&format!("{PROFILE_PATH}?email={done}")))
}
