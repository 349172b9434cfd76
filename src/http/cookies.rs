//! The portal's cookies: the session (`__Host-portal.session`), the sign-in form's CSRF
//! double-submit cookie (`__Host-portal.csrf`), a pending second factor (`__Host-portal.2fa`),
//! a single sign-on in flight (`__Host-portal.sso`) and a half-done vanity-domain handoff
//! (`__Host-portal.handoff`). All Secure, HttpOnly, Path=/, host-only: the `__Host-` prefix
//! makes the browser refuse a look-alike planted with `Domain=` by a sibling subdomain.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::HttpResponse;

use crate::errors::PortalError;

pub const SESSION_COOKIE: &str = "__Host-portal.session";
/// The session cookie's name until this release. Still read (after `SESSION_COOKIE`) so that
/// signed-in users are not thrown out: a request carrying only this one gets the session
/// re-issued under the new name and this one removed. Drop it in the next release.
pub const LEGACY_SESSION_COOKIE: &str = "__Secure-portal.session";
pub const CSRF_COOKIE: &str = "__Host-portal.csrf";
/// A pending sign-in (password right, second factor due). Not a session: nothing but the
/// second-factor page reads it.
pub const CHALLENGE_COOKIE: &str = "__Host-portal.2fa";
/// A single sign-on in flight: the `state` sent to the provider, checked at the callback
/// (binds the callback to this browser).
pub const SSO_COOKIE: &str = "__Host-portal.sso";
/// A handoff half done on the vanity host: the new session's token, between the POST that
/// exchanged the transfer token (a cross-site request, which carries no `Lax` cookie) and the
/// same-site step that sets the session cookie and ends the one it replaces.
pub const HANDOFF_COOKIE: &str = "__Host-portal.handoff";
/// The half-done handoff's cookie lives this long (the next step follows at once).
const HANDOFF_COOKIE_MAX_AGE_SECONDS: i64 = 60;
/// The sign-in form's CSRF cookie lives this long.
const CSRF_COOKIE_MAX_AGE_SECONDS: i64 = 2 * 60 * 60;

/// Secure, HttpOnly, Path=/, host-only; `max_age` zero tells the browser to drop it.
fn cookie(
    name: &'static str,
    value: &str,
    same_site: SameSite,
    max_age: CookieDuration,
) -> Cookie<'static> {
    Cookie::build(name, value.to_owned())
        .secure(true)
        .http_only(true)
        .same_site(same_site)
        .path("/")
        .max_age(max_age)
        .finish()
}

fn seconds(d: chrono::Duration) -> CookieDuration {
    CookieDuration::seconds(d.num_seconds())
}

/// The session cookie, living as long as the session's absolute limit.
pub fn session_cookie(token: &str, max_age: chrono::Duration) -> Cookie<'static> {
    cookie(SESSION_COOKIE, token, SameSite::Lax, seconds(max_age))
}

/// Tells the browser to drop the session cookie.
pub fn session_cookie_removal() -> Cookie<'static> {
    cookie(SESSION_COOKIE, "", SameSite::Lax, CookieDuration::ZERO)
}

/// Tells the browser to drop the session cookie under its old name.
pub fn legacy_session_cookie_removal() -> Cookie<'static> {
    cookie(
        LEGACY_SESSION_COOKIE,
        "",
        SameSite::Lax,
        CookieDuration::ZERO,
    )
}

/// A request extension: the session was found through `LEGACY_SESSION_COOKIE` only, so the
/// response re-issues it under `SESSION_COOKIE` (for what is left of its absolute lifetime).
#[derive(Debug, Clone)]
pub struct RenewLegacySession {
    pub token: String,
    pub max_age: chrono::Duration,
}

pub fn csrf_cookie(token: &str) -> Cookie<'static> {
    cookie(
        CSRF_COOKIE,
        token,
        SameSite::Strict,
        CookieDuration::seconds(CSRF_COOKIE_MAX_AGE_SECONDS),
    )
}

/// The pending sign-in's cookie, living as long as the pending sign-in.
/// `Lax`, not `Strict`: after single sign-on the browser reaches the two-factor page through
/// redirects that began at the identity provider, where a `Strict` cookie would be withheld.
/// The code form carries its own CSRF token.
pub fn challenge_cookie(token: &str, max_age: chrono::Duration) -> Cookie<'static> {
    cookie(CHALLENGE_COOKIE, token, SameSite::Lax, seconds(max_age))
}

pub fn challenge_cookie_removal() -> Cookie<'static> {
    cookie(CHALLENGE_COOKIE, "", SameSite::Lax, CookieDuration::ZERO)
}

/// `Lax`: the provider's redirect back to the callback is a cross-site navigation.
pub fn sso_cookie(state: &str, max_age: chrono::Duration) -> Cookie<'static> {
    cookie(SSO_COOKIE, state, SameSite::Lax, seconds(max_age))
}

pub fn sso_cookie_removal() -> Cookie<'static> {
    cookie(SSO_COOKIE, "", SameSite::Lax, CookieDuration::ZERO)
}

/// `Lax`: the step that reads it is a top-level navigation (a redirect after the POST).
pub fn handoff_cookie(session_token: &str) -> Cookie<'static> {
    cookie(
        HANDOFF_COOKIE,
        session_token,
        SameSite::Lax,
        CookieDuration::seconds(HANDOFF_COOKIE_MAX_AGE_SECONDS),
    )
}

pub fn handoff_cookie_removal() -> Cookie<'static> {
    cookie(HANDOFF_COOKIE, "", SameSite::Lax, CookieDuration::ZERO)
}

/// Sets `cookie` on `response` (fails only on a cookie that cannot be a header value).
pub fn set_cookie(response: &mut HttpResponse, cookie: &Cookie<'_>) -> Result<(), PortalError> {
    response
        .add_cookie(cookie)
        .map_err(|e| PortalError::Unexpected(e.into()))
}

/// `response` with `cookie` set.
pub fn with_cookie(
    mut response: HttpResponse,
    cookie: &Cookie<'_>,
) -> Result<HttpResponse, PortalError> {
    set_cookie(&mut response, cookie)?;
    Ok(response)
}
