//! The portal's cookies: the session (`__Secure-portal.session`) and the sign-in form's CSRF
//! double-submit cookie (`__Host-portal.csrf`). Both Secure, HttpOnly, Path=/, host-only.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};

pub const SESSION_COOKIE: &str = "__Secure-portal.session";
pub const CSRF_COOKIE: &str = "__Host-portal.csrf";
/// A pending sign-in (password right, second factor due). Not a session: nothing but the
/// second-factor page reads it.
pub const CHALLENGE_COOKIE: &str = "__Host-portal.2fa";
/// The sign-in form's CSRF cookie lives this long.
const CSRF_COOKIE_MAX_AGE_SECONDS: i64 = 2 * 60 * 60;

/// The session cookie, living as long as the session's absolute limit.
pub fn session_cookie(token: &str, max_age: chrono::Duration) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_owned())
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(CookieDuration::seconds(max_age.num_seconds()))
        .finish()
}

/// Tells the browser to drop the session cookie.
pub fn session_cookie_removal() -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, "")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(CookieDuration::ZERO)
        .finish()
}

pub fn csrf_cookie(token: &str) -> Cookie<'static> {
    Cookie::build(CSRF_COOKIE, token.to_owned())
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .max_age(CookieDuration::seconds(CSRF_COOKIE_MAX_AGE_SECONDS))
        .finish()
}

/// The pending sign-in's cookie, living as long as the pending sign-in.
/// `Lax`, not `Strict`: after single sign-on the browser reaches the two-factor page through
/// redirects that began at the identity provider, where a `Strict` cookie would be withheld.
/// The code form carries its own CSRF token.
pub fn challenge_cookie(token: &str, max_age: chrono::Duration) -> Cookie<'static> {
    Cookie::build(CHALLENGE_COOKIE, token.to_owned())
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(CookieDuration::seconds(max_age.num_seconds()))
        .finish()
}

pub fn challenge_cookie_removal() -> Cookie<'static> {
    Cookie::build(CHALLENGE_COOKIE, "")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(CookieDuration::ZERO)
        .finish()
}

/// A single sign-on in flight: the `state` sent to the provider, checked at the callback
/// (binds the callback to this browser). `Lax`: the provider's redirect back is cross-site.
pub const SSO_COOKIE: &str = "__Host-portal.sso";

pub fn sso_cookie(state: &str, max_age: chrono::Duration) -> Cookie<'static> {
    Cookie::build(SSO_COOKIE, state.to_owned())
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(CookieDuration::seconds(max_age.num_seconds()))
        .finish()
}

pub fn sso_cookie_removal() -> Cookie<'static> {
    Cookie::build(SSO_COOKIE, "")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(CookieDuration::ZERO)
        .finish()
}
