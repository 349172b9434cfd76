//! Two-factor from the Security page: enroll (`GET`/`POST …/two-factor`) and turn off
//! (`POST …/two-factor/disable`).

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use portal_actors::login_throttle::minutes_rounded_up;
use portal_actors::two_factor::{self, TwoFactorError};
use portal_views::layout::NavItem;
use portal_views::security::{self as views, SecurityView};
use portal_views::two_factor::{CodeError, EnrollmentView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
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

/// Pages that show a secret are not named to other sites.
fn no_referrer(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    response
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
    Ok(no_referrer(render::page(
        status,
        Some(&user.tenant),
        nonce,
        Some(crate::routes::nav(state, user, NavItem::Profile).await),
        |shell| views::enroll_page(shell, &view, &user.session.csrf_token, error),
        |t| portal_views::two_factor::title(t, true),
    )))
}

/// The recovery codes, shown once after two-factor is turned on.
async fn codes_page(
    state: &AppState,
    user: &PortalUser,
    nonce: &str,
    codes: &[String],
) -> HttpResponse {
    no_referrer(render::page(
        StatusCode::OK,
        Some(&user.tenant),
        nonce,
        Some(crate::routes::nav(state, user, NavItem::Profile).await),
        |shell| views::codes_page(shell, codes),
        portal_views::two_factor::codes_title,
    ))
}

/// How a refused confirmation shows on a fresh enrollment page, or `None` when it is a fault.
fn enroll_refusal(e: &TwoFactorError) -> Option<(StatusCode, CodeError, Option<Duration>)> {
    match e {
        // Expired, or ended by a new password or revoked sessions: a fresh secret to scan.
        TwoFactorError::NoEnrollment => {
            Some((StatusCode::BAD_REQUEST, CodeError::SetupExpired, None))
        }
        TwoFactorError::InvalidCode => Some((StatusCode::UNAUTHORIZED, CodeError::Invalid, None)),
        TwoFactorError::Throttled { retry_after } => {
            let minutes = minutes_rounded_up(*retry_after);
            let error = CodeError::Throttled { minutes };
            Some((StatusCode::TOO_MANY_REQUESTS, error, Some(*retry_after)))
        }
        _ => None,
    }
}

/// `GET …/two-factor`: the QR code and secret of a pending enrollment.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_enrollment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    enroll_page(&req, &state, &user, &nonce.0, StatusCode::OK, None).await
}

/// `POST …/two-factor`: confirms with a code; shows the recovery codes once.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn confirm_enrollment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<CodeForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let who = super::subject(&req, &user);
    let e = match two_factor::confirm_own_enrollment(&state.services, &who, &form.code).await {
        Ok(codes) => return Ok(codes_page(&state, &user, &nonce.0, &codes).await),
        Err(TwoFactorError::AlreadyEnabled) => return Ok(render::see_other(views::ACTION)),
        Err(e) => e,
    };
    let Some((status, error, retry_after)) = enroll_refusal(&e) else {
        return Err(PortalError::unavailable(e));
    };
    let page = enroll_page(&req, &state, &user, &nonce.0, status, Some(error)).await?;
    Ok(super::with_retry_after(page, retry_after))
}

/// `POST …/two-factor/disable`: needs the password and a code.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn disable_two_factor(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<DisableForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let form = form.into_inner();
    let who = super::subject(&req, &user);
    let password = SecretString::from(form.password);
    match two_factor::disable(&state.services, &who, password, &form.code).await {
        Ok(()) => Ok(super::done("two-factor-off", None)),
        Err(e) => {
            let show = |v: &mut SecurityView, p| v.two_factor_error = Some(p);
            super::refuse_proof(&state, &user, &nonce, e, show).await
        }
    }
}
