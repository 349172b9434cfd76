//! Ending sessions from the Security page: one (`…/sessions/revoke`) or every other one
//! (`…/sessions/revoke-others`, which needs the password or a two-factor code).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account::prove_identity;
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::sessions::{RevokeOtherSessions, RevokeOwnedSession, RevokeReason};
use portal_views::security::ProofProblem;
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    session: String,
}

#[derive(Deserialize)]
pub struct RevokeOthersForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    proof: String,
}

fn audit(
    state: &AppState,
    who: &portal_actors::two_factor::Subject,
    event: &'static str,
    count: u64,
) {
    state.services.audit.do_send(Record(AuditRecord {
        tenant: who.tenant,
        event_type: event,
        outcome: "success",
        user_id: Some(who.user_id),
        email: Some(who.email.clone()),
        origin: who.origin.clone(),
        details: Some(format!("{{\"sessions\":{count},\"by\":\"user\"}}")),
        ..AuditRecord::default()
    }));
}

/// A refused "sign out everywhere else" (wrong proof, throttled).
fn audit_refusal(state: &AppState, who: &portal_actors::two_factor::Subject, reason: &str) {
    state.services.audit.do_send(Record(AuditRecord {
        tenant: who.tenant,
        event_type: "sessions_revoked",
        outcome: "failure",
        reason: Some(reason.to_owned()),
        user_id: Some(who.user_id),
        email: Some(who.email.clone()),
        origin: who.origin.clone(),
        details: Some("{\"by\":\"user\"}".to_owned()),
    }));
}

/// `POST …/sessions/revoke`: ends one of the user's own sessions (not the current one).
pub async fn revoke(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<RevokeForm>,
) -> Result<HttpResponse, PortalError> {
    crate::http::csrf::check_csrf(&user, &form.csrf_token)?;
    let record = &user.session.record;
    if form.session == record.token_hash {
        return Err(PortalError::BadRequest(
            "use sign-out to end this session".into(),
        ));
    }
    let ended = state
        .services
        .sessions
        .send(RevokeOwnedSession {
            tenant: record.user.tenant,
            user_id: record.user.user_id,
            token_hash: form.session.clone(),
            reason: RevokeReason::User,
        })
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)?;
    if !ended {
        // Not one of this user's live sessions: nothing to end, nothing to reveal.
        return Err(PortalError::NotFound);
    }
    audit(&state, &super::subject(&req, &user), "session_revoked", 1);
    Ok(super::done("session", None))
}

/// `POST …/sessions/revoke-others`: "sign out everywhere else".
pub async fn revoke_others(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<RevokeOthersForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    crate::http::csrf::check_csrf(&user, &form.csrf_token)?;
    let who = super::subject(&req, &user);
    let form = form.into_inner();
    if form.proof.trim().is_empty() {
        let mut view = super::view(&state, &user).await?;
        view.sessions_error = Some(ProofProblem::NeedsProof);
        return Ok(super::render(
            &user,
            &nonce.0,
            StatusCode::BAD_REQUEST,
            &view,
        ));
    }
    if let Err(e) = prove_identity(&state.services, &who, SecretString::from(form.proof)).await {
        return match super::proof_problem(&e) {
            Some(problem) => {
                audit_refusal(&state, &who, e.reason());
                let mut view = super::view(&state, &user).await?;
                view.sessions_error = Some(problem);
                let status = super::refusal_status(&e);
                let page = super::render(&user, &nonce.0, status, &view);
                Ok(super::with_retry_after(page, super::throttled_for(&e)))
            }
            None => Err(PortalError::unavailable(e)),
        };
    }
    let record = &user.session.record;
    let count = state
        .services
        .sessions
        .send(RevokeOtherSessions {
            tenant: record.user.tenant,
            user_id: record.user.user_id,
            keep_token_hash: record.token_hash.clone(),
            reason: RevokeReason::User,
        })
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)?;
    audit(&state, &who, "sessions_revoked", count);
    Ok(super::done("others", Some(count)))
}
