//! Starting a session in the browser: its cookie, and the end of the session whose cookie that
//! replaces (a browser signing in again, perhaps as someone else), so that no live session is
//! left behind without the cookie that was its only handle.

use actix_web::{HttpRequest, HttpResponse};
use portal_actors::sessions::{RevokeReason, RevokeSession};
use portal_actors::tokens;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{session_cookie, SESSION_COOKIE};

/// Sets the new session's cookie on `response` and ends the session of the cookie it replaces.
pub async fn start_session(
    state: &AppState,
    req: &HttpRequest,
    response: &mut HttpResponse,
    token: &str,
    max_age: chrono::Duration,
) -> Result<(), PortalError> {
    response
        .add_cookie(&session_cookie(token, max_age))
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    end_replaced_session(state, req, token).await;
    Ok(())
}

/// Ends the session of the cookie this request carries, unless it is `new_token`. A failure is
/// logged and does not undo the sign-in (the old session then ends by its own limits).
pub async fn end_replaced_session(state: &AppState, req: &HttpRequest, new_token: &str) {
    let Some(old) = req
        .cookie(SESSION_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|old| tokens::is_well_formed(old) && !tokens::constant_time_eq(old, new_token))
    else {
        return;
    };
    let ended = state
        .auth
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
