//! `POST /auth/client-portal/find-organization`: emails the sign-in links of every organization
//! where the address is an active client user; the answer on screen is always the same.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account_recovery::find_organizations;
use portal_views::account_recovery::{self as views, EmailRequestView, RequestError};
use serde::Deserialize;

use super::mail::{discovery_email, locales};
use super::{
    checked_request, find_organization_page, request_error_status, typed_email, EmailRequest,
};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{form_csrf, with_csrf_cookie};
use crate::http::extract::CspNonce;
use crate::http::render;

#[derive(Deserialize)]
pub struct FindForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
}

/// Emails the sign-in links (when the address has any), answering the same either way.
#[tracing::instrument(skip_all)]
pub async fn submit_find_organization(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<FindForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let form_error = |error, csrf| form_again(&nonce.0, &form.email, error, csrf);
    let kind = EmailRequest::OrganizationDiscovery;
    let checked = checked_request(&state, &req, kind, None, &form.email, &form.csrf_token);
    let origin = match checked.await {
        Ok(origin) => origin,
        Err((error, csrf)) => return form_error(error, csrf),
    };
    let render = discovery_email(locales()?, &state);
    let (services, mailer) = (&state.services, &state.mailer);
    if let Err(e) = find_organizations(services, mailer, &form.email, origin, render).await {
        crate::errors::log_error(&e);
        return form_error(RequestError::Unavailable, form_csrf(&req));
    }
    Ok(render::page(
        StatusCode::OK,
        None,
        &nonce.0,
        None,
        views::find_sent,
        views::find_sent_title,
    ))
}

/// The form again, with what was typed and what went wrong.
fn form_again(
    nonce: &str,
    email: &str,
    error: RequestError,
    csrf: String,
) -> Result<HttpResponse, PortalError> {
    let view = EmailRequestView {
        email: typed_email(email),
        csrf_token: csrf.clone(),
        error: Some(error),
        ..EmailRequestView::default()
    };
    let page = find_organization_page(request_error_status(error), nonce, &view);
    with_csrf_cookie(page, &csrf)
}
