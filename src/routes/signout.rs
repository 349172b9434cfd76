//! `POST /auth/client-portal/signout`: ends the session server-side, then clears the cookie.

use actix_web::{web, HttpResponse};
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::model::RequestOrigin;
use portal_actors::sessions::{RevokeReason, RevokeSession};
use portal_actors::tokens;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{legacy_session_cookie_removal, session_cookie_removal, set_cookie};
use crate::http::extract::{request_origin, PortalUser};
use crate::http::redirect::sign_in_location;
use crate::http::render::see_other;

#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf_token: String,
}

/// Ends the session (server-side first), audits it, and clears the cookie under both names.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn submit_sign_out(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<SignOutForm>,
) -> Result<HttpResponse, PortalError> {
    if !tokens::constant_time_eq(&user.session.csrf_token, &form.csrf_token) {
        return Err(PortalError::Forbidden(
            "sign-out without a valid CSRF token".into(),
        ));
    }
    end_session(&state, &user).await?;
    audit_sign_out(&state, &user, request_origin(&req));
    let location = sign_in_location(None, Some(&user.tenant.slug), Some("signedout=1"));
    let mut response = see_other(&location);
    // Both names: a browser may still carry the old one (see `LEGACY_SESSION_COOKIE`).
    for removal in [session_cookie_removal(), legacy_session_cookie_removal()] {
        set_cookie(&mut response, &removal)?;
    }
    Ok(response)
}

async fn end_session(state: &AppState, user: &PortalUser) -> Result<(), PortalError> {
    state
        .services
        .sessions
        .send(RevokeSession {
            token: user.token.clone(),
            reason: RevokeReason::Logout,
        })
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)?;
    Ok(())
}

fn audit_sign_out(state: &AppState, user: &PortalUser, origin: RequestOrigin) {
    let record = &user.session.record;
    state.services.audit.do_send(Record(AuditRecord {
        tenant: user.tenant.id,
        event_type: "sign_out",
        outcome: "success",
        user_id: Some(record.user.user_id),
        email: Some(record.user.email.clone()),
        origin,
        ..AuditRecord::default()
    }));
}
