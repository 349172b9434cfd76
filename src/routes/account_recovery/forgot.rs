//! `/auth/client-portal/forgot-password`: the email form of one organization's portal, and its
//! answer — the same page and status whether or not the address has an account.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account_recovery::{request_password_reset, ResetRequest};
use portal_actors::model::{RequestOrigin, TenantInfo};
use portal_views::account_recovery::{self as views, EmailRequestView, RequestError};
use serde::Deserialize;

use super::mail::{locales, reset_email, TenantLinks, SIGN_IN_PATH};
use super::{checked_request, request_error_status, tenant_path, typed_email, EmailRequest};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{form_csrf, with_csrf_cookie};
use crate::http::extract::CspNonce;
use crate::http::render;
use crate::http::tenant::{NamesTenant, PageTenant, TenantForm};

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    tenant: Option<String>,
}

impl NamesTenant for ForgotForm {
    fn tenant_slug(&self) -> Option<&str> {
        self.tenant.as_deref()
    }
}

/// Without an organization there is nothing to reset: the "find your organization" page.
fn tenantless(req: &HttpRequest, nonce: &str) -> Result<HttpResponse, PortalError> {
    let csrf = form_csrf(req);
    let view = EmailRequestView {
        csrf_token: csrf.clone(),
        ..EmailRequestView::default()
    };
    with_csrf_cookie(
        super::find_organization_page(StatusCode::BAD_REQUEST, nonce, &view),
        &csrf,
    )
}

fn form_page(
    status: StatusCode,
    tenant: &TenantInfo,
    nonce: &str,
    view: &EmailRequestView,
) -> HttpResponse {
    render::page(
        status,
        Some(tenant),
        nonce,
        None,
        |shell| views::forgot(shell, view),
        views::forgot_title,
    )
}

/// The form's view: what was typed, and what went wrong.
fn request_view(
    tenant: &TenantInfo,
    email: String,
    csrf_token: String,
    error: Option<RequestError>,
) -> EmailRequestView {
    EmailRequestView {
        email,
        csrf_token,
        tenant_slug: Some(tenant.slug.clone()),
        sign_in_url: tenant_path(SIGN_IN_PATH, Some(tenant)),
        error,
    }
}

/// `GET`: the form.
#[tracing::instrument(skip_all, fields(tenant = tenant.slug()))]
pub async fn show_forgot_password(
    req: HttpRequest,
    tenant: PageTenant,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let Some(tenant) = tenant.tenant else {
        return tenantless(&req, &nonce.0);
    };
    let csrf = form_csrf(&req);
    let view = request_view(&tenant, String::new(), csrf.clone(), None);
    with_csrf_cookie(form_page(StatusCode::OK, &tenant, &nonce.0, &view), &csrf)
}

/// `POST`: queues the reset email when the address is an active client user, and answers
/// the same either way.
#[tracing::instrument(skip_all, fields(tenant = submitted.tenant.slug()))]
pub async fn submit_forgot_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: TenantForm<ForgotForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let TenantForm { tenant, form } = submitted;
    let Some(tenant) = tenant.tenant else {
        return tenantless(&req, &nonce.0);
    };
    let form_error = |error: RequestError, csrf: String| {
        let view = request_view(&tenant, typed_email(&form.email), csrf.clone(), Some(error));
        let page = form_page(request_error_status(error), &tenant, &nonce.0, &view);
        with_csrf_cookie(page, &csrf)
    };
    let kind = EmailRequest::PasswordReset;
    let (email, csrf_token) = (&form.email, &form.csrf_token);
    let origin = match checked_request(&state, &req, kind, Some(&tenant), email, csrf_token).await {
        Ok(origin) => origin,
        Err((error, csrf)) => return form_error(error, csrf),
    };
    let links = TenantLinks::for_tenant(&state, &tenant).await?;
    let render = reset_email(locales()?, &tenant, &links);
    let request = reset_request(&state, &tenant, form.email.clone(), origin);
    if let Err(e) = request_password_reset(&state.services, &state.mailer, request, render).await {
        crate::errors::log_error(&e);
        return form_error(RequestError::Unavailable, form_csrf(&req));
    }
    Ok(sent_page(&state, &tenant, &nonce.0))
}

/// The same answer whether or not the address has an account.
fn sent_page(state: &AppState, tenant: &TenantInfo, nonce: &str) -> HttpResponse {
    let sign_in_url = tenant_path(SIGN_IN_PATH, Some(tenant));
    let minutes = state.password_reset_ttl.num_minutes();
    render::page(
        StatusCode::OK,
        Some(tenant),
        nonce,
        None,
        |shell| views::forgot_sent(shell, minutes, &sign_in_url),
        views::forgot_sent_title,
    )
}

/// A reset request for `email` in `tenant`, valid for the configured time.
pub(crate) fn reset_request(
    state: &AppState,
    tenant: &TenantInfo,
    email: String,
    origin: RequestOrigin,
) -> ResetRequest {
    ResetRequest {
        tenant: tenant.clone(),
        email,
        origin,
        ttl: state.password_reset_ttl,
    }
}
