//! Getting back in by email: `/auth/client-portal/forgot-password` (ask for a reset link),
//! `/auth/password-reset/set-new-password` (the link's page) and
//! `/auth/client-portal/find-organization` (email the sign-in links of every organization).

pub mod find_organization;
pub mod forgot;
pub mod mail;
pub mod set_new_password;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use portal_actors::model::{RequestOrigin, TenantInfo};
use portal_views::account_recovery::{self as views, EmailRequestView, RequestError};

use crate::app::AppState;
use crate::http::csrf::{csrf_ok, form_csrf};
use crate::http::extract::request_origin;
use crate::http::redirect::encode_query_value;
use crate::http::render;
use portal_actors::login_throttle::{CheckRequest, Decision, RequestScope};
use portal_actors::tokens;

/// Longest password considered (the policy's maximum is 128 characters).
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Longest email address accepted.
pub const MAX_EMAIL_LEN: usize = 254;

/// Which emailed request is being made (what the rate limits count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailRequest {
    PasswordReset,
    OrganizationDiscovery,
}

/// The rate limit of both emailed requests, per email and per IP (`throttle.request_*`),
/// counted by the `LoginThrottle` in the database so every instance agrees. When the counters
/// cannot be read the request is refused (and logged): no unmetered email sending.
pub async fn request_allowed(
    state: &AppState,
    kind: EmailRequest,
    tenant: Option<&TenantInfo>,
    email: &str,
    origin: &RequestOrigin,
) -> bool {
    let check = CheckRequest {
        scope: match kind {
            EmailRequest::PasswordReset => RequestScope::PasswordReset,
            EmailRequest::OrganizationDiscovery => RequestScope::OrgDiscovery,
        },
        tenant: tenant.map(|t| t.id),
        email: email.to_owned(),
        ip: origin.ip.clone().unwrap_or_default(),
    };
    match state.services.throttle.send(check).await {
        Ok(Ok(Decision::Allowed)) => true,
        Ok(Ok(Decision::Throttled { .. })) => false,
        Ok(Err(e)) => {
            crate::errors::log_error(&e);
            false
        }
        Err(e) => {
            crate::errors::log_error(&e);
            false
        }
    }
}

/// The checks both emailed requests make before any work: the form's CSRF token, an address,
/// the rate limit. A refusal carries the form token to show the form again with.
pub async fn checked_request(
    state: &AppState,
    req: &HttpRequest,
    kind: EmailRequest,
    tenant: Option<&TenantInfo>,
    email: &str,
    csrf_token: &str,
) -> Result<RequestOrigin, (RequestError, String)> {
    if !csrf_ok(req, csrf_token) {
        // A new form token, so the visitor can simply submit again.
        return Err((RequestError::CsrfFailed, tokens::random_token()));
    }
    if email.trim().is_empty() {
        return Err((RequestError::EmailMissing, form_csrf(req)));
    }
    let origin = request_origin(req);
    if !request_allowed(state, kind, tenant, email, &origin).await {
        return Err((RequestError::TooMany, form_csrf(req)));
    }
    Ok(origin)
}

/// A portal path with the tenant's slug (harmless on a tenant's own host, needed elsewhere).
pub fn tenant_path(path: &str, tenant: Option<&TenantInfo>) -> String {
    match tenant {
        Some(t) => format!("{path}?tenant={}", encode_query_value(&t.slug)),
        None => path.to_owned(),
    }
}

/// A trimmed, bounded copy of what the visitor typed, to fill the field again.
pub fn typed_email(raw: &str) -> String {
    raw.trim().chars().take(MAX_EMAIL_LEN).collect()
}

/// The "find your organization" page (the sign-in page without an organization).
pub fn find_organization_page(
    status: StatusCode,
    nonce: &str,
    view: &EmailRequestView,
) -> HttpResponse {
    render::page(
        status,
        None,
        nonce,
        None,
        |shell| views::find_organization(shell, view),
        views::find_title,
    )
}

/// The status of a request form sent back with `error`.
pub fn request_error_status(error: RequestError) -> StatusCode {
    match error {
        RequestError::CsrfFailed => StatusCode::FORBIDDEN,
        RequestError::EmailMissing => StatusCode::BAD_REQUEST,
        RequestError::TooMany => StatusCode::TOO_MANY_REQUESTS,
        RequestError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    }
}
