//! `POST /client-portal/profile/security/password`: change the password.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account::{change_password, PasswordChange, PasswordChangeError};
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
    super::check_csrf(&user, &form.csrf_token)?;
    let form = form.into_inner();
    let change = PasswordChange {
        current: SecretString::from(form.current_password),
        new: SecretString::from(form.new_password),
        confirm: SecretString::from(form.confirm_password),
        sign_out_others: form.sign_out_others.is_some(),
        keep_token_hash: user.session.record.token_hash.clone(),
    };
    let who = super::subject(&req, &user);
    let (status, problem) = match change_password(&state.auth, &who, super::names(&user), change)
        .await
    {
        Ok(ended) => return Ok(super::done("password", Some(ended))),
        Err(PasswordChangeError::WrongCurrent) => {
            (StatusCode::UNAUTHORIZED, PasswordProblem::WrongCurrent)
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
    Ok(super::render(&user, &nonce.0, status, &view))
}
