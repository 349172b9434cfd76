//! `POST /auth/client-portal/signout`: ends the session server-side, then clears the cookie.

use actix_web::{web, HttpResponse};
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::sessions::{RevokeReason, RevokeSession};
use portal_actors::tokens;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{legacy_session_cookie_removal, session_cookie_removal};
use crate::http::extract::PortalUser;
use crate::http::redirect::sign_in_location;
use crate::http::render::see_other;

#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf_token: String,
}

pub async fn submit(
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
    let record = &user.session.record;
    state.services.audit.do_send(Record(AuditRecord {
        tenant: user.tenant.id,
        event_type: "sign_out",
        outcome: "success",
        user_id: Some(record.user.user_id),
        email: Some(record.user.email.clone()),
        origin: crate::http::extract::request_origin(&req),
        ..AuditRecord::default()
    }));
    let mut response = see_other(&sign_in_location(
        None,
        Some(&user.tenant.slug),
        Some("signedout=1"),
    ));
    // Both names: a browser may still carry the old one (see `LEGACY_SESSION_COOKIE`).
    for removal in [session_cookie_removal(), legacy_session_cookie_removal()] {
        response
            .add_cookie(&removal)
            .map_err(|e| PortalError::Unexpected(e.into()))?;
    }
    Ok(response)
}
