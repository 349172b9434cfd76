//! `/auth/client-portal/two-factor`: the second step of a sign-in (a code or a recovery code),
//! or enrollment first when the tenant requires two-factor. The pending sign-in lives in its own
//! cookie and table: it is never a session.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{
    complete_second_factor, open_challenge, ChallengeKind, OpenChallenge, Refusal,
    SecondFactorDone, SecondFactorError, SignInError, SignedInVia,
};
use portal_actors::login_throttle::{minutes_rounded_up, seconds_rounded_up};
use portal_actors::model::TenantInfo;
use portal_actors::tenant_directory::TenantKey;
use portal_actors::tokens;
use portal_actors::two_factor::{self, TwoFactorError};
use portal_views::two_factor::{
    self as views, AfterCodes, ChallengeView, CodeError, EnrollmentView,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{challenge_cookie_removal, with_cookie, CHALLENGE_COOKIE};
use crate::http::csrf::pending_sign_in_csrf;
use crate::http::extract::{request_origin, CspNonce};
use crate::http::redirect::sign_in_location;
use crate::http::referrer::no_referrer;
use crate::http::render;
use crate::http::tenant::lookup;
use crate::routes::handoff::{allow_post_to, handoff_post};
use crate::routes::signin::outcome::{answer_sign_in, SignInAnswer};

pub const PATH: &str = "/auth/client-portal/two-factor";

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
}

/// The pending sign-in of this browser's cookie, and its tenant.
struct Pending {
    token: String,
    challenge: OpenChallenge,
    tenant: TenantInfo,
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
fn expired(nonce: &str, tenant: Option<&TenantInfo>) -> Result<HttpResponse, PortalError> {
    let href = sign_in_location(None, tenant.map(|t| t.slug.as_str()), None);
    let page = render::page(
        StatusCode::GONE,
        tenant,
        nonce,
        None,
        |shell| views::expired_page(shell, &href),
        |t| views::title(t, false),
    );
    with_cookie(page, &challenge_cookie_removal())
}

/// The code form (or the enrollment page) of one pending sign-in.
struct ChallengePage<'a> {
    state: &'a AppState,
    pending: &'a Pending,
    nonce: &'a str,
}

impl ChallengePage<'_> {
    async fn render(
        &self,
        status: StatusCode,
        error: Option<CodeError>,
    ) -> Result<HttpResponse, PortalError> {
        let p = self.pending;
        let view = ChallengeView {
            display_name: p.challenge.display_name.clone(),
            action: PATH.to_owned(),
            csrf_token: pending_sign_in_csrf(&p.token),
            enrollment: self.enrollment().await?,
            error,
        };
        let enrolling = view.enrollment.is_some();
        // The form posts here only: a handoff answers with a page of its own (`post_binding`).
        Ok(render::page(
            status,
            Some(&p.tenant),
            self.nonce,
            None,
            |shell| views::challenge_page(shell, &view),
            |t| views::title(t, enrolling),
        ))
    }

    /// A new secret to enroll, when the pending sign-in enrolls first.
    async fn enrollment(&self) -> Result<Option<EnrollmentView>, PortalError> {
        let p = self.pending;
        if p.challenge.kind == ChallengeKind::Verify {
            return Ok(None);
        }
        let services = &self.state.services;
        let e = two_factor::begin_enrollment(services, &p.challenge.subject, &p.tenant.name)
            .await
            .map_err(PortalError::unavailable)?;
        Ok(Some(EnrollmentView {
            otpauth_url: e.otpauth_url,
            secret_base32: e.secret_base32,
        }))
    }

    /// Checks the form's token and the code: the sign-in's answer, or the page saying why not.
    async fn complete(
        &self,
        form: &CodeForm,
    ) -> Result<Result<SignInAnswer, HttpResponse>, PortalError> {
        let p = self.pending;
        if !tokens::constant_time_eq(&pending_sign_in_csrf(&p.token), &form.csrf_token) {
            let forbidden = StatusCode::FORBIDDEN;
            return self
                .render(forbidden, Some(CodeError::CsrfFailed))
                .await
                .map(Err);
        }
        let services = &self.state.services;
        let done = match complete_second_factor(services, &p.challenge, &p.token, &form.code).await
        {
            Ok(done) => done,
            Err(e) => return self.refused(e).await.map(Err),
        };
        answer_done(self.state, &p.tenant, self.nonce, done)
            .await
            .map(Ok)
    }

    /// A code that did not complete the sign-in.
    async fn refused(&self, error: SecondFactorError) -> Result<HttpResponse, PortalError> {
        let unauthorized = StatusCode::UNAUTHORIZED;
        match error {
            SecondFactorError::Refused(TwoFactorError::Replay) => {
                self.render(unauthorized, Some(CodeError::Replay)).await
            }
            SecondFactorError::Refused(e) if e.is_refusal() => {
                self.render(unauthorized, Some(CodeError::Invalid)).await
            }
            SecondFactorError::SignIn(SignInError::Refused(Refusal::Throttled { retry_after })) => {
                let minutes = minutes_rounded_up(retry_after);
                let error = CodeError::Throttled { minutes };
                let mut response = self
                    .render(StatusCode::TOO_MANY_REQUESTS, Some(error))
                    .await?;
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    header::HeaderValue::from(seconds_rounded_up(retry_after)),
                );
                Ok(response)
            }
            SecondFactorError::Expired | SecondFactorError::SignIn(SignInError::Refused(_)) => {
                expired(self.nonce, Some(&self.pending.tenant))
            }
            e => {
                crate::errors::log_error(&e);
                let unavailable = StatusCode::SERVICE_UNAVAILABLE;
                self.render(unavailable, Some(CodeError::Unavailable)).await
            }
        }
    }
}

/// `GET`: the code form, or the enrollment page.
#[tracing::instrument(skip_all)]
pub async fn show_two_factor(
    req: HttpRequest,
    state: web::Data<AppState>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let Some(pending) = pending(&req, &state).await? else {
        return expired(&nonce.0, None);
    };
    let page = ChallengePage {
        state: &state,
        pending: &pending,
        nonce: &nonce.0,
    };
    page.render(StatusCode::OK, None).await
}

/// `POST`: checks the code; on success signs in (session here or handoff), showing the
/// recovery codes first when this sign-in enrolled the user.
#[tracing::instrument(skip_all)]
pub async fn submit_two_factor(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CodeForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let Some(p) = pending(&req, &state).await? else {
        return expired(&nonce.0, None);
    };
    let page = ChallengePage {
        state: &state,
        pending: &p,
        nonce: &nonce.0,
    };
    match page.complete(&form).await? {
        Ok(answer) => {
            let answer = answer.with_cookie(&challenge_cookie_removal())?;
            answer.send(&state, &req).await
        }
        Err(refused) => Ok(refused),
    }
}

/// How a completed sign-in continues: the recovery codes first when it just enrolled, else
/// as every sign-in does.
async fn answer_done(
    state: &AppState,
    tenant: &TenantInfo,
    nonce: &str,
    done: SecondFactorDone,
) -> Result<SignInAnswer, PortalError> {
    if let SignedInVia::SecondFactor(_) = done.signed_in.via {
        return Err(third_factor());
    }
    let return_path = &done.return_path;
    match &done.recovery_codes {
        Some(codes) => codes_first(tenant, nonce, codes, done.signed_in.via, return_path),
        None => answer_sign_in(state, nonce, Some(tenant), done.signed_in, return_path).await,
    }
}

fn third_factor() -> PortalError {
    PortalError::Unexpected(anyhow::anyhow!("a second factor asked for a third"))
}

/// The recovery codes of a sign-in that just enrolled; then a link here, or a button that
/// POSTs the transfer token (no script).
fn codes_first(
    tenant: &TenantInfo,
    nonce: &str,
    codes: &[String],
    via: SignedInVia,
    return_path: &str,
) -> Result<SignInAnswer, PortalError> {
    let (session, handoff) = match via {
        SignedInVia::Session(session) => (Some(session), None),
        SignedInVia::Handoff { ott, target } => (None, Some((ott, target))),
        SignedInVia::SecondFactor(_) => return Err(third_factor()),
    };
    let post = handoff
        .as_ref()
        .map(|(ott, target)| handoff_post(ott, target));
    let next = match &post {
        Some(post) => AfterCodes::Handoff(post),
        None => AfterCodes::Link(return_path),
    };
    let page = render::page(
        StatusCode::OK,
        Some(tenant),
        nonce,
        None,
        |shell| views::recovery_codes_page(shell, codes, next),
        views::codes_title,
    );
    let page = match &handoff {
        Some((_, target)) => allow_post_to(page, &target.domain),
        None => no_referrer(page),
    };
    Ok(SignInAnswer::new(page, session))
}
