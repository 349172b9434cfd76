//! Middleware: HTTP metrics by route pattern, security headers with a per-response CSP nonce,
//! the `Origin` check on state-changing requests, and the admin bearer token.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpResponse, ResponseError};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::RngCore;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{
    legacy_session_cookie_removal, session_cookie, RenewLegacySession, LEGACY_SESSION_COOKIE,
    SESSION_COOKIE,
};
use crate::http::extract::{request_host, CspNonce};

/// Counts and times every request under its route pattern (never the raw path).
pub async fn http_metrics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let started = Instant::now();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let method_label = method_label(req.method());
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let res = match next.call(req).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(e) => return Err(e),
    };
    if let Some(metrics) = metrics {
        let status = res.status().as_u16().to_string();
        metrics
            .http_requests
            .with_label_values(&[&route, method_label, &status])
            .inc();
        metrics
            .http_duration
            .with_label_values(&[&route, method_label])
            .observe(started.elapsed().as_secs_f64());
    }
    Ok(res)
}

/// The `method` label: the common methods by name, anything else as `other` (bounded).
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    STANDARD_NO_PAD.encode(bytes)
}

/// A response extension: another origin this page's forms may lead to (the vanity domain a
/// sign-in hands over to), added to `form-action`.
#[derive(Debug, Clone)]
pub struct FormActionTarget(pub String);

/// Adds CSP (with a nonce the views put on their inline style), HSTS and friends.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let nonce = new_nonce();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.call(req).await?.map_into_boxed_body();
    let form_action = match res.response().extensions().get::<FormActionTarget>() {
        Some(FormActionTarget(origin))
            if origin
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b';' && b != b',') =>
        {
            format!("'self' {origin}")
        }
        _ => "'self'".to_owned(),
    };
    let csp = format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action {form_action}; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    let headers = res.headers_mut();
    // A response with its own, stricter policy keeps it (downloads: `sandbox; default-src 'none'`).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(value) = HeaderValue::from_str(&csp) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    headers.insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=63072000; includeSubDomains"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::REFERRER_POLICY) {
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
    }
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    Ok(res)
}

/// Moves a session found under the cookie's old name to the new one: the `PortalUser`
/// extractor marks the request, and unless the handler set the session cookie itself (sign-in,
/// sign-out) the response re-issues it as `__Host-portal.session` and removes the old one.
pub async fn renew_legacy_session_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let mut res = next.call(req).await?.map_into_boxed_body();
    let renew = res
        .request()
        .extensions()
        .get::<RenewLegacySession>()
        .cloned();
    let Some(renew) = renew else {
        return Ok(res);
    };
    let handled = res
        .response()
        .cookies()
        .any(|c| c.name() == SESSION_COOKIE || c.name() == LEGACY_SESSION_COOKIE);
    if !handled {
        let response = res.response_mut();
        response.add_cookie(&session_cookie(&renew.token, renew.max_age))?;
        response.add_cookie(&legacy_session_cookie_removal())?;
    }
    Ok(res)
}

/// The host part of an `Origin` or `Referer` value (`scheme://host[:port][/…]`).
pub(crate) fn origin_host(value: &str) -> Option<String> {
    let rest = value.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Paths with a stricter rule of their own: the vanity host's handoff endpoints take a POST only
/// from the canonical origin (another site by design), and refuse a missing `Origin` too.
const OWN_ORIGIN_RULE: [&str; 2] = [
    portal_views::handoff::HANDOFF_ACTION,
    crate::routes::api::domain_session::PATH,
];

/// Refuses a state-changing request whose `Origin` (or, without it, `Referer`) is another site.
pub async fn check_origin(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // One-click unsubscribe (RFC 8058): mail providers POST from their own origin; the signed
    // token in the path is the whole authority, and it can only turn one kind of email off.
    let unsubscribe = req
        .path()
        .starts_with(crate::notifications::UNSUBSCRIBE_PATH);
    if !safe && !unsubscribe && !OWN_ORIGIN_RULE.contains(&req.path()) {
        let host = request_host(req.request());
        let claimed = req
            .headers()
            .get(header::ORIGIN)
            .or_else(|| req.headers().get(header::REFERER))
            .map(|v| v.to_str().ok().and_then(origin_host));
        let allowed = match claimed {
            None => true, // no header at all: the CSRF token alone decides
            Some(Some(origin)) => host.as_deref() == Some(origin.as_str()),
            Some(None) => false, // "null" or garbage
        };
        if !allowed {
            let response = PortalError::Forbidden("cross-origin request".into()).error_response();
            return Ok(req.into_response(response));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Admits admin requests carrying the admin bearer token; anything else gets a bare 401.
pub async fn require_admin_token(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let ok = match (presented, req.app_data::<web::Data<AppState>>()) {
        (Some(token), Some(state)) => state.admin_token_matches(token),
        _ => false,
    };
    if !ok {
        let response = HttpResponse::build(StatusCode::UNAUTHORIZED)
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .finish();
        return Ok(req.into_response(response));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::origin_host;

    #[test]
    fn origin_hosts_are_extracted() {
        assert_eq!(
            origin_host("https://portal.example"),
            Some("portal.example".into())
        );
        assert_eq!(
            origin_host("http://localhost:8080/x?y"),
            Some("localhost:8080".into())
        );
        assert_eq!(origin_host("null"), None);
        assert_eq!(origin_host("https://"), None);
    }
}
