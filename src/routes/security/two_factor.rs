//! Two-factor from the Security page: enroll (`GET`/`POST …/two-factor`) and turn off
//! (`POST …/two-factor/disable`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::login_throttle::minutes_rounded_up;
use portal_actors::two_factor::{self, TwoFactorError};
use portal_views::layout::NavItem;
use portal_views::security as views;
use portal_views::two_factor::{CodeError, EnrollmentView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
pub struct DisableForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

async fn enroll_page(
    req: &HttpRequest,
    state: &AppState,
    user: &PortalUser,
    nonce: &str,
    status: StatusCode,
    error: Option<CodeError>,
) -> Result<HttpResponse, PortalError> {
    let who = super::subject(req, user);
    let enrollment =
        match two_factor::begin_enrollment(&state.services, &who, &user.tenant.name).await {
            Ok(e) => e,
            Err(TwoFactorError::AlreadyEnabled) => return Ok(render::see_other(views::ACTION)),
            Err(e) => return Err(PortalError::unavailable(e)),
        };
    let view = EnrollmentView {
        otpauth_url: enrollment.otpauth_url,
        secret_base32: enrollment.secret_base32,
    };
    let mut response = render::page(
        status,
        Some(&user.tenant),
        nonce,
        Some(crate::routes::signed_in_nav(user, NavItem::Security)),
        |shell| views::enroll_page(shell, &view, &user.session.csrf_token, error),
        |t| portal_views::two_factor::title(t, true),
    );
    response.headers_mut().insert(
        actix_web::http::header::REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// `GET …/two-factor`: the QR code and secret of a pending enrollment.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    enroll_page(&req, &state, &user, &nonce.0, StatusCode::OK, None).await
}

/// `POST …/two-factor`: confirms with a code; shows the recovery codes once.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<CodeForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    crate::http::csrf::check_csrf(&user, &form.csrf_token)?;
    let who = super::subject(&req, &user);
    match two_factor::confirm_own_enrollment(&state.services, &who, &form.code).await {
        Ok(codes) => {
            let mut response = render::page(
                StatusCode::OK,
                Some(&user.tenant),
                &nonce.0,
                Some(crate::routes::signed_in_nav(&user, NavItem::Security)),
                |shell| views::codes_page(shell, &codes),
                portal_views::two_factor::codes_title,
            );
            response.headers_mut().insert(
                actix_web::http::header::REFERRER_POLICY,
                actix_web::http::header::HeaderValue::from_static("no-referrer"),
            );
            Ok(response)
        }
        Err(TwoFactorError::AlreadyEnabled) => Ok(render::see_other(views::ACTION)),
        // Expired, or ended by a new password or revoked sessions: a fresh secret to scan.
        Err(TwoFactorError::NoEnrollment) => {
            enroll_page(
                &req,
                &state,
                &user,
                &nonce.0,
                StatusCode::BAD_REQUEST,
                Some(CodeError::SetupExpired),
            )
            .await
        }
        Err(TwoFactorError::InvalidCode) => {
            enroll_page(
                &req,
                &state,
                &user,
                &nonce.0,
                StatusCode::UNAUTHORIZED,
                Some(CodeError::Invalid),
            )
            .await
        }
        Err(TwoFactorError::Throttled { retry_after }) => {
            let error = CodeError::Throttled {
                minutes: minutes_rounded_up(retry_after),
            };
            let status = StatusCode::TOO_MANY_REQUESTS;
            let page = enroll_page(&req, &state, &user, &nonce.0, status, Some(error)).await?;
            Ok(super::with_retry_after(page, Some(retry_after)))
        }
        Err(e) => Err(PortalError::unavailable(e)),
    }
}

/// `POST …/two-factor/disable`: needs the password and a code.
pub async fn disable(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<DisableForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    crate::http::csrf::check_csrf(&user, &form.csrf_token)?;
    let form = form.into_inner();
    let who = super::subject(&req, &user);
    match two_factor::disable(
        &state.services,
        &who,
        SecretString::from(form.password),
        &form.code,
    )
    .await
    {
        Ok(()) => Ok(super::done("two-factor-off", None)),
        Err(e) => match super::proof_problem(&e) {
            Some(problem) => {
                let mut view = super::view(&state, &user).await?;
                view.two_factor_error = Some(problem);
                let status = super::refusal_status(&e);
                let page = super::render(&user, &nonce.0, status, &view);
                Ok(super::with_retry_after(page, super::throttled_for(&e)))
            }
            None => Err(PortalError::unavailable(e)),
        },
    }
}
