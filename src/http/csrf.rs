//! CSRF protection for every form, in one place. Signed-in forms carry the session's token;
//! forms shown before sign-in use a double-submit cookie; the two-factor form derives its token
//! from the pending sign-in's cookie.

use actix_web::{HttpRequest, HttpResponse};
use portal_actors::tokens;

use crate::errors::PortalError;
use crate::http::cookies::{csrf_cookie, set_cookie, CSRF_COOKIE};
use crate::http::extract::PortalUser;

/// Refuses a state-changing form without the session's CSRF token.
pub fn check_csrf(user: &PortalUser, presented: &str) -> Result<(), PortalError> {
    if tokens::constant_time_eq(&user.session.csrf_token, presented) {
        Ok(())
    } else {
        Err(PortalError::Forbidden(
            "security form without a valid CSRF token".into(),
        ))
    }
}

/// A pre-sign-in form's CSRF token: the cookie's when it is well formed, else a new one.
pub fn form_csrf(req: &HttpRequest) -> String {
    match req.cookie(CSRF_COOKIE) {
        Some(c) if tokens::is_well_formed(c.value()) => c.value().to_owned(),
        _ => tokens::random_token(),
    }
}

/// Whether a pre-sign-in form's posted token matches its cookie (double submit).
pub fn csrf_ok(req: &HttpRequest, presented: &str) -> bool {
    req.cookie(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|c| tokens::is_well_formed(c))
        .is_some_and(|expected| tokens::constant_time_eq(&expected, presented))
}

/// Adds the CSRF cookie a pre-sign-in page's form relies on.
pub fn with_csrf_cookie(
    mut response: HttpResponse,
    token: &str,
) -> Result<HttpResponse, PortalError> {
    set_cookie(&mut response, &csrf_cookie(token))?;
    Ok(response)
}

/// The two-factor form's token for a pending sign-in: derived from its cookie, never stored.
pub fn pending_sign_in_csrf(challenge_token: &str) -> String {
    tokens::derive_token("two-factor-csrf", challenge_token)
}
