//! Ending sessions from the Security page: one (`…/sessions/revoke`) or every other one
//! (`…/sessions/revoke-others`, which needs the password or a two-factor code).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account::prove_identity;
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::sessions::{
    RevokeOtherSessions, RevokeOwnedSession, RevokeReason, SessionError, Sessions,
};
use portal_views::security::{ProofProblem, SecurityView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
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

/// Sends a message to the Sessions actor; either failure shows as "unavailable".
pub async fn ask_sessions<M, T>(state: &AppState, msg: M) -> Result<T, PortalError>
where
    M: actix::Message<Result = Result<T, SessionError>> + Send + 'static,
    T: Send + 'static,
    M: portal_actors::mailbox::HandledBy<Sessions>,
{
    state
        .services
        .sessions
        .send(msg)
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)
}

/// `POST …/sessions/revoke`: ends one of the user's own sessions (not the current one).
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn revoke_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<RevokeForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let record = &user.session.record;
    if form.session == record.token_hash {
        return Err(PortalError::BadRequest(
            "use sign-out to end this session".into(),
        ));
    }
    let msg = RevokeOwnedSession {
        tenant: record.user.tenant,
        user_id: record.user.user_id,
        token_hash: form.session.clone(),
        reason: RevokeReason::User,
    };
    if !ask_sessions(&state, msg).await? {
        // Not one of this user's live sessions: nothing to end, nothing to reveal.
        return Err(PortalError::NotFound);
    }
    audit(&state, &super::subject(&req, &user), "session_revoked", 1);
    Ok(super::done("session", None))
}

/// `POST …/sessions/revoke-others`: "sign out everywhere else".
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn revoke_other_sessions(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<RevokeOthersForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let who = super::subject(&req, &user);
    let proof = form.into_inner().proof;
    let show_problem = |v: &mut SecurityView, p| v.sessions_error = Some(p);
    if proof.trim().is_empty() {
        let (status, problem) = (StatusCode::BAD_REQUEST, ProofProblem::NeedsProof);
        let set = |v: &mut SecurityView| show_problem(v, problem);
        return super::render_with(&state, &user, &nonce, status, set).await;
    }
    if let Err(e) = prove_identity(&state.services, &who, SecretString::from(proof)).await {
        if super::proof_problem(&e).is_some() {
            audit_refusal(&state, &who, e.reason());
        }
        return super::refuse_proof(&state, &user, &nonce, e, show_problem).await;
    }
    let record = &user.session.record;
    let msg = RevokeOtherSessions {
        tenant: record.user.tenant,
        user_id: record.user.user_id,
        keep_token_hash: record.token_hash.clone(),
        reason: RevokeReason::User,
    };
    let count = ask_sessions(&state, msg).await?;
    audit(&state, &who, "sessions_revoked", count);
    Ok(super::done("others", Some(count)))
}
