//! Starting a session in the browser: its cookie, and the end of the session whose cookie that
//! replaces (a browser signing in again, perhaps as someone else), so that no live session is
//! left behind without the cookie that was its only handle.

use actix_web::{HttpRequest, HttpResponse};
use portal_actors::sessions::{RevokeReason, RevokeSession};
use portal_actors::tokens;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{
    legacy_session_cookie_removal, session_cookie, set_cookie, LEGACY_SESSION_COOKIE,
    SESSION_COOKIE,
};

/// Sets the new session's cookie on `response` and ends the session of the cookie it replaces.
pub async fn start_session(
    state: &AppState,
    req: &HttpRequest,
    response: &mut HttpResponse,
    token: &str,
    max_age: chrono::Duration,
) -> Result<(), PortalError> {
    set_cookie(response, &session_cookie(token, max_age))?;
    if req.cookie(LEGACY_SESSION_COOKIE).is_some() {
        set_cookie(response, &legacy_session_cookie_removal())?;
    }
    end_replaced_session(state, req, token).await;
    Ok(())
}

/// Ends the sessions of the cookies this request carries (under the new name and the old one),
/// unless one is `new_token`. A failure is logged and does not undo the sign-in (the old session
/// then ends by its own limits).
pub async fn end_replaced_session(state: &AppState, req: &HttpRequest, new_token: &str) {
    for name in [SESSION_COOKIE, LEGACY_SESSION_COOKIE] {
        if let Some(old) = req
            .cookie(name)
            .map(|c| c.value().to_owned())
            .filter(|old| tokens::is_well_formed(old) && !tokens::constant_time_eq(old, new_token))
        {
            end_session(state, old).await;
        }
    }
}

async fn end_session(state: &AppState, old: String) {
    let ended = state
        .services
        .sessions
        .send(RevokeSession {
            token: old,
            reason: RevokeReason::Replaced,
        })
        .await;
    match ended {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => crate::errors::log_error(&e),
        Err(e) => crate::errors::log_error(&e),
    }
}
