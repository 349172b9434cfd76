//! `GET /auth/client-portal/signin`

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::tokens;
use portal_views::signin::{SignInErrorKind, SignInNotice, SignInView};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{csrf_cookie, CSRF_COOKIE};
use crate::http::extract::{request_host, resolve_tenant, CspNonce, PortalUser};
use crate::http::redirect::ReturnPath;
use crate::http::render::see_other;

#[derive(Debug, Deserialize)]
pub struct SignInQuery {
    #[serde(rename = "callbackUrl")]
    callback_url: Option<String>,
    tenant: Option<String>,
    error: Option<String>,
    expired: Option<String>,
    signedout: Option<String>,
}

/// Shows the form (or, signed in already, goes where the user was going).
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SignInQuery>,
    user: Option<PortalUser>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let callback = ReturnPath::or_default(query.callback_url.as_deref());
    if user.is_some() {
        return Ok(see_other(callback.as_str()));
    }
    let host = request_host(&req);
    let tenant = resolve_tenant(&state, host.as_deref(), query.tenant.as_deref()).await?;
    let csrf_token = match req.cookie(CSRF_COOKIE) {
        Some(c) if tokens::is_well_formed(c.value()) => c.value().to_owned(),
        _ => tokens::random_token(),
    };
    let view = SignInView {
        email: String::new(),
        callback_url: callback.as_str().to_owned(),
        csrf_token: csrf_token.clone(),
        tenant_slug: tenant.as_ref().map(|t| t.slug.clone()),
        error: (query.error.as_deref() == Some("AccessDenied"))
            .then_some(SignInErrorKind::AccessDenied),
        notice: if query.signedout.is_some() {
            Some(SignInNotice::SignedOut)
        } else if query.expired.is_some() {
            Some(SignInNotice::SessionExpired)
        } else {
            None
        },
    };
    let mut response = super::render_page(StatusCode::OK, tenant.as_ref(), &nonce.0, view);
    response
        .add_cookie(&csrf_cookie(&csrf_token))
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    Ok(response)
}
