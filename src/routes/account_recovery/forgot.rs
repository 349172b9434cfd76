//! `/auth/client-portal/forgot-password`: the email form of one organization's portal, and its
//! answer — the same page and status whether or not the address has an account.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account_recovery::{request_password_reset, ResetRequest};
use portal_actors::model::TenantInfo;
use portal_views::account_recovery::{self as views, EmailRequestView, RequestError};
use serde::Deserialize;

use super::mail::{locales, reset_email, TenantLinks, SIGN_IN_PATH};
use super::{request_allowed, request_error_status, tenant_path, typed_email, EmailRequest};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{csrf_ok, form_csrf, with_csrf_cookie};
use crate::http::extract::{page_tenant, request_host, request_origin, CspNonce, TenantQuery};
use crate::http::render;

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    tenant: Option<String>,
}

/// Without an organization there is nothing to reset: the "find your organization" page.
async fn tenantless(req: &HttpRequest, nonce: &str) -> Result<HttpResponse, PortalError> {
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

/// `GET`: the form.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TenantQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let host = request_host(&req);
    let Some(tenant) = page_tenant(&state, host.as_deref(), query.tenant()).await? else {
        return tenantless(&req, &nonce.0).await;
    };
    let csrf = form_csrf(&req);
    let view = EmailRequestView {
        email: String::new(),
        csrf_token: csrf.clone(),
        tenant_slug: Some(tenant.slug.clone()),
        sign_in_url: tenant_path(SIGN_IN_PATH, Some(&tenant)),
        error: None,
    };
    with_csrf_cookie(form_page(StatusCode::OK, &tenant, &nonce.0, &view), &csrf)
}

/// `POST`: queues the reset email when the address is an active client user, and answers
/// the same either way.
#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ForgotForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let form = form.into_inner();
    let host = request_host(&req);
    let Some(tenant) = page_tenant(&state, host.as_deref(), form.tenant.as_deref()).await? else {
        return tenantless(&req, &nonce.0).await;
    };
    let sign_in_url = tenant_path(SIGN_IN_PATH, Some(&tenant));
    let form_error = |error: RequestError, csrf: String| {
        let view = EmailRequestView {
            email: typed_email(&form.email),
            csrf_token: csrf.clone(),
            tenant_slug: Some(tenant.slug.clone()),
            sign_in_url: sign_in_url.clone(),
            error: Some(error),
        };
        with_csrf_cookie(
            form_page(request_error_status(error), &tenant, &nonce.0, &view),
            &csrf,
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return form_error(
            RequestError::CsrfFailed,
            portal_actors::tokens::random_token(),
        );
    }
    if form.email.trim().is_empty() {
        return form_error(RequestError::EmailMissing, form_csrf(&req));
    }
    let origin = request_origin(&req);
    let allowed = request_allowed(
        &state,
        EmailRequest::PasswordReset,
        Some(&tenant),
        &form.email,
        &origin,
    )
    .await;
    if !allowed {
        return form_error(RequestError::TooMany, form_csrf(&req));
    }
    let links = TenantLinks::for_tenant(&state, &tenant).await?;
    let request = ResetRequest {
        tenant: tenant.clone(),
        email: form.email.clone(),
        origin,
        ttl: state.password_reset_ttl,
    };
    let render = reset_email(locales()?, &tenant, &links);
    if let Err(e) = request_password_reset(&state.services, &state.mailer, request, render).await {
        crate::errors::log_error(&e);
        return form_error(RequestError::Unavailable, form_csrf(&req));
    }
    Ok(render::page(
        StatusCode::OK,
        Some(&tenant),
        &nonce.0,
        None,
        |shell| views::forgot_sent(shell, state.password_reset_ttl.num_minutes(), &sign_in_url),
        views::forgot_sent_title,
    ))
}
