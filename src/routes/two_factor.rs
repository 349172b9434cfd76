//! `/auth/client-portal/two-factor`: the second step of a sign-in (a code or a recovery code),
//! or enrollment first when the tenant requires two-factor. The pending sign-in lives in its own
//! cookie and table: it is never a session.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{
    complete_second_factor, open_challenge, ChallengeKind, OpenChallenge, Refusal,
    SecondFactorError, SignInError, SignedInVia,
};
use portal_actors::login_throttle::{minutes_rounded_up, seconds_rounded_up};
use portal_actors::tenant_directory::TenantKey;
use portal_actors::tokens;
use portal_actors::two_factor::{self, TwoFactorError};
use portal_views::two_factor::{
    self as views, AfterCodes, ChallengeView, CodeError, EnrollmentView,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{challenge_cookie_removal, CHALLENGE_COOKIE};
use crate::http::extract::{lookup, request_origin, CspNonce};
use crate::http::redirect::sign_in_location;
use crate::http::render::{self, see_other};
use crate::http::session::start_session;

pub const PATH: &str = "/auth/client-portal/two-factor";

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
}

struct Pending {
    token: String,
    challenge: OpenChallenge,
    tenant: portal_actors::model::TenantInfo,
}

async fn pending(req: &HttpRequest, state: &AppState) -> Result<Option<Pending>, PortalError> {
    let Some(token) = req.cookie(CHALLENGE_COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(None);
    };
    let origin = request_origin(req);
    let Some(challenge) = open_challenge(&state.services, &token, &origin)
        .await
        .map_err(PortalError::unavailable)?
    else {
        return Ok(None);
    };
    let Some(tenant) = lookup(state, TenantKey::Id(challenge.tenant)).await? else {
        return Ok(None);
    };
    Ok(Some(Pending {
        token,
        challenge,
        tenant,
    }))
}

/// The pending sign-in is gone: say so, with a way back to sign-in.
fn expired(
    nonce: &str,
    tenant: Option<&portal_actors::model::TenantInfo>,
) -> Result<HttpResponse, PortalError> {
    let href = sign_in_location(None, tenant.map(|t| t.slug.as_str()), None);
    let mut response = render::page(
        StatusCode::GONE,
        tenant,
        nonce,
        None,
        |shell| views::expired_page(shell, &href),
        |t| views::title(t, false),
    );
    response
        .add_cookie(&challenge_cookie_removal())
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    Ok(response)
}

async fn render_challenge(
    state: &AppState,
    p: &Pending,
    nonce: &str,
    status: StatusCode,
    error: Option<CodeError>,
) -> Result<HttpResponse, PortalError> {
    let enrollment = match p.challenge.kind {
        ChallengeKind::Verify => None,
        ChallengeKind::Enroll => {
            let e =
                two_factor::begin_enrollment(&state.services, &p.challenge.subject, &p.tenant.name)
                    .await
                    .map_err(PortalError::unavailable)?;
            Some(EnrollmentView {
                otpauth_url: e.otpauth_url,
                secret_base32: e.secret_base32,
            })
        }
    };
    let view = ChallengeView {
        display_name: p.challenge.display_name.clone(),
        action: PATH.to_owned(),
        csrf_token: crate::http::csrf::pending_sign_in_csrf(&p.token),
        enrollment,
        error,
    };
    let enrolling = view.enrollment.is_some();
    let response = render::page(
        status,
        Some(&p.tenant),
        nonce,
        None,
        |shell| views::challenge_page(shell, &view),
        |t| views::title(t, enrolling),
    );
    // The form posts here only: a handoff answers with a page of its own (`post_binding`).
    Ok(response)
}

/// `GET`: the code form, or the enrollment page.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    match pending(&req, &state).await? {
        Some(p) => render_challenge(&state, &p, &nonce.0, StatusCode::OK, None).await,
        None => expired(&nonce.0, None),
    }
}

/// `POST`: checks the code; on success signs in (session here or handoff), showing the
/// recovery codes first when this sign-in enrolled the user.
#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CodeForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let Some(p) = pending(&req, &state).await? else {
        return expired(&nonce.0, None);
    };
    if !tokens::constant_time_eq(
        &crate::http::csrf::pending_sign_in_csrf(&p.token),
        &form.csrf_token,
    ) {
        return render_challenge(
            &state,
            &p,
            &nonce.0,
            StatusCode::FORBIDDEN,
            Some(CodeError::CsrfFailed),
        )
        .await;
    }
    let done =
        match complete_second_factor(&state.services, &p.challenge, &p.token, &form.code).await {
            Ok(done) => done,
            Err(SecondFactorError::Refused(TwoFactorError::Replay)) => {
                return render_challenge(
                    &state,
                    &p,
                    &nonce.0,
                    StatusCode::UNAUTHORIZED,
                    Some(CodeError::Replay),
                )
                .await
            }
            Err(SecondFactorError::Refused(e)) if e.is_refusal() => {
                return render_challenge(
                    &state,
                    &p,
                    &nonce.0,
                    StatusCode::UNAUTHORIZED,
                    Some(CodeError::Invalid),
                )
                .await
            }
            Err(SecondFactorError::SignIn(SignInError::Refused(Refusal::Throttled {
                retry_after,
            }))) => {
                let mut response = render_challenge(
                    &state,
                    &p,
                    &nonce.0,
                    StatusCode::TOO_MANY_REQUESTS,
                    Some(CodeError::Throttled {
                        minutes: minutes_rounded_up(retry_after),
                    }),
                )
                .await?;
                response.headers_mut().insert(
                    actix_web::http::header::RETRY_AFTER,
                    actix_web::http::header::HeaderValue::from(seconds_rounded_up(retry_after)),
                );
                return Ok(response);
            }
            Err(
                SecondFactorError::Expired | SecondFactorError::SignIn(SignInError::Refused(_)),
            ) => return expired(&nonce.0, Some(&p.tenant)),
            Err(e) => {
                crate::errors::log_error(&e);
                return render_challenge(
                    &state,
                    &p,
                    &nonce.0,
                    StatusCode::SERVICE_UNAVAILABLE,
                    Some(CodeError::Unavailable),
                )
                .await;
            }
        };
    let (session, handoff) = match done.signed_in.via {
        SignedInVia::Session(session) => (Some(session), None),
        SignedInVia::Handoff { ott, target } => (None, Some((ott, target))),
        SignedInVia::SecondFactor(_) => {
            return Err(PortalError::Unexpected(anyhow::anyhow!(
                "a second factor asked for a third"
            )))
        }
    };
    let mut response = match (&done.recovery_codes, &handoff) {
        (Some(codes), handoff) => {
            // The codes first; then a link here, or a button that POSTs the token (no script).
            let post = handoff
                .as_ref()
                .map(|(ott, target)| crate::routes::handoff::handoff_post(ott, target));
            let next = match &post {
                Some(post) => AfterCodes::Handoff(post),
                None => AfterCodes::Link(&done.return_path),
            };
            let page = render::page(
                StatusCode::OK,
                Some(&p.tenant),
                &nonce.0,
                None,
                |shell| views::recovery_codes_page(shell, codes, next),
                views::codes_title,
            );
            match handoff {
                Some((_, target)) => crate::routes::handoff::allow_post_to(page, &target.domain),
                None => {
                    let mut page = page;
                    page.headers_mut().insert(
                        actix_web::http::header::REFERRER_POLICY,
                        actix_web::http::header::HeaderValue::from_static("no-referrer"),
                    );
                    page
                }
            }
        }
        (None, Some((ott, target))) => {
            crate::routes::handoff::post_binding(Some(&p.tenant), &nonce.0, ott, target)
        }
        (None, None) => see_other(&done.return_path),
    };
    response
        .add_cookie(&challenge_cookie_removal())
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    if let Some(session) = session {
        start_session(&state, &req, &mut response, &session.token, session.max_age).await?;
    }
    Ok(response)
}
