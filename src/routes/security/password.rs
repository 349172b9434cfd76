//! `POST /client-portal/profile/security/password`: change the password.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account::{change_password, Notice, PasswordChange, PasswordChangeError};

use crate::routes::account_recovery::mail::{locales, password_changed_email, TenantLinks};
use portal_actors::login_throttle::minutes_rounded_up;
use portal_actors::password_policy::PolicyViolation;
use portal_views::security::PasswordProblem;
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
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

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<PasswordForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    crate::http::csrf::check_csrf(&user, &form.csrf_token)?;
    let form = form.into_inner();
    let change = PasswordChange {
        current: SecretString::from(form.current_password),
        new: SecretString::from(form.new_password),
        confirm: SecretString::from(form.confirm_password),
        sign_out_others: form.sign_out_others.is_some(),
        keep_token_hash: user.session.record.token_hash.clone(),
    };
    let who = super::subject(&req, &user);
    let links = TenantLinks::for_tenant(&state, &user.tenant).await?;
    let notice = Notice {
        tenant_locale: &user.tenant.default_locale,
        render: Box::new(password_changed_email(locales()?, &user.tenant, &links)),
    };
    let changed = change_password(
        &state.services,
        &state.mailer,
        &who,
        super::names(&user),
        change,
        notice,
    )
    .await;
    let mut retry_after = None;
    let (status, problem) = match changed {
        Ok(ended) => return Ok(super::done("password", Some(ended))),
        Err(PasswordChangeError::WrongCurrent) => {
            (StatusCode::UNAUTHORIZED, PasswordProblem::WrongCurrent)
        }
        Err(PasswordChangeError::Throttled { retry_after: wait }) => {
            retry_after = Some(wait);
            let minutes = minutes_rounded_up(wait);
            (
                StatusCode::TOO_MANY_REQUESTS,
                PasswordProblem::Throttled { minutes },
            )
        }
        Err(PasswordChangeError::Mismatch) => (StatusCode::BAD_REQUEST, PasswordProblem::Mismatch),
        Err(PasswordChangeError::Policy(v)) => (StatusCode::BAD_REQUEST, policy_problem(&v)),
        Err(e) => {
            crate::errors::log_error(&e);
            (
                StatusCode::SERVICE_UNAVAILABLE,
                PasswordProblem::Unavailable,
            )
        }
    };
    let mut view = super::view(&state, &user).await?;
    view.password_error = Some(problem);
    let page = super::render(&user, &nonce.0, status, &view);
    Ok(super::with_retry_after(page, retry_after))
}
