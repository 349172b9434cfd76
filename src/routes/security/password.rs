//! `POST /client-portal/profile/security/password`: change the password.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use portal_actors::account::{change_password, Notice, PasswordChange, PasswordChangeError};

use crate::routes::account_recovery::mail::{locales, password_changed_email, TenantLinks};
use portal_actors::login_throttle::minutes_rounded_up;
use portal_actors::password_policy::PolicyViolation;
use portal_views::security::{PasswordProblem, SecurityView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{CspNonce, PortalUser};

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
    #[serde(default)]
    sign_out_others: Option<String>,
}

/// What the form says about a refused policy check (also used by reset and setup pages).
pub fn policy_problem(v: &PolicyViolation) -> PasswordProblem {
    match v {
        PolicyViolation::TooShort => PasswordProblem::TooShort,
        PolicyViolation::TooLong => PasswordProblem::TooLong,
        PolicyViolation::ContainsEmail => PasswordProblem::ContainsEmail,
        PolicyViolation::ContainsName => PasswordProblem::ContainsName,
        PolicyViolation::TooWeak { warning } => PasswordProblem::TooWeak {
            warning: warning.clone(),
        },
    }
}

/// The change the form asks for; the current session is the one kept.
fn password_change(form: PasswordForm, user: &PortalUser) -> PasswordChange {
    PasswordChange {
        current: SecretString::from(form.current_password),
        new: SecretString::from(form.new_password),
        confirm: SecretString::from(form.confirm_password),
        sign_out_others: form.sign_out_others.is_some(),
        keep_token_hash: user.session.record.token_hash.clone(),
    }
}

/// How a refused change shows: its status, the form's problem and any `Retry-After`.
fn refusal(e: PasswordChangeError) -> (StatusCode, PasswordProblem, Option<Duration>) {
    match e {
        PasswordChangeError::WrongCurrent => (
            StatusCode::UNAUTHORIZED,
            PasswordProblem::WrongCurrent,
            None,
        ),
        PasswordChangeError::Throttled { retry_after } => {
            let minutes = minutes_rounded_up(retry_after);
            let problem = PasswordProblem::Throttled { minutes };
            (StatusCode::TOO_MANY_REQUESTS, problem, Some(retry_after))
        }
        PasswordChangeError::Mismatch => (StatusCode::BAD_REQUEST, PasswordProblem::Mismatch, None),
        PasswordChangeError::Policy(v) => (StatusCode::BAD_REQUEST, policy_problem(&v), None),
        e => {
            crate::errors::log_error(&e);
            let status = StatusCode::SERVICE_UNAVAILABLE;
            (status, PasswordProblem::Unavailable, None)
        }
    }
}

/// `POST /client-portal/profile/security/password`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn submit_password_change(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<PasswordForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let change = password_change(form.into_inner(), &user);
    let who = super::subject(&req, &user);
    let links = TenantLinks::for_tenant(&state, &user.tenant).await?;
    let notice = Notice {
        tenant_locale: &user.tenant.default_locale,
        render: Box::new(password_changed_email(locales()?, &user.tenant, &links)),
    };
    let names = super::names(&user);
    let svc = &state.services;
    let changed = change_password(svc, &state.mailer, &who, names, change, notice).await;
    let (status, problem, retry_after) = match changed {
        Ok(ended) => return Ok(super::done("password", Some(ended))),
        Err(e) => refusal(e),
    };
    let set = |v: &mut SecurityView| v.password_error = Some(problem);
    let page = super::render_with(&state, &user, &nonce, status, set).await?;
    Ok(super::with_retry_after(page, retry_after))
}
