//! `POST /auth/client-portal/signin`

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{
    password_sign_in, PasswordSignIn, Refusal, SignInError, METHOD_PASSWORD,
};
use portal_actors::tokens;
use portal_views::signin::{SignInErrorKind, SignInView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{session_cookie, CSRF_COOKIE};
use crate::http::extract::{request_host, request_origin, resolve_tenant, CspNonce};
use crate::http::redirect::ReturnPath;
use crate::http::render::see_other;

/// Longest password considered (argon2 work is bounded; the policy's maximum is 128).
const MAX_PASSWORD_BYTES: usize = 1024;

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
    #[serde(default, rename = "callbackUrl")]
    callback_url: Option<String>,
    #[serde(default)]
    tenant: Option<String>,
}

/// Checks the form, signs the user in, sets the session cookie and redirects.
#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignInForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let form = form.into_inner();
    let host = request_host(&req);
    let tenant = resolve_tenant(&state, host.as_deref(), form.tenant.as_deref()).await?;
    let callback = ReturnPath::or_default(form.callback_url.as_deref());
    let Some(tenant) = tenant else {
        return Ok(super::render_page(
            StatusCode::BAD_REQUEST,
            None,
            &nonce.0,
            SignInView::default(),
        ));
    };
    let fresh_csrf = req
        .cookie(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|c| tokens::is_well_formed(c));
    let view = |error| SignInView {
        email: form.email.trim().chars().take(254).collect(),
        callback_url: callback.as_str().to_owned(),
        csrf_token: fresh_csrf.clone().unwrap_or_else(tokens::random_token),
        tenant_slug: Some(tenant.slug.clone()),
        error: Some(error),
        notice: None,
    };
    let csrf_ok = fresh_csrf
        .as_deref()
        .is_some_and(|expected| tokens::constant_time_eq(expected, &form.csrf_token));
    if !csrf_ok {
        state
            .metrics
            .record_login(METHOD_PASSWORD, Some("csrf"), 0.0);
        // A new form token, so the user can simply submit again.
        let token = tokens::random_token();
        let mut page_view = view(SignInErrorKind::CsrfFailed);
        page_view.csrf_token = token.clone();
        let mut response =
            super::render_page(StatusCode::FORBIDDEN, Some(&tenant), &nonce.0, page_view);
        response
            .add_cookie(&crate::http::cookies::csrf_cookie(&token))
            .map_err(|e| PortalError::Unexpected(e.into()))?;
        return Ok(response);
    }
    if form.email.trim().is_empty()
        || form.password.is_empty()
        || form.password.len() > MAX_PASSWORD_BYTES
    {
        state
            .metrics
            .record_login(METHOD_PASSWORD, Some("invalid_input"), 0.0);
        return Ok(super::render_page(
            StatusCode::BAD_REQUEST,
            Some(&tenant),
            &nonce.0,
            view(SignInErrorKind::MissingFields),
        ));
    }
    let attempt = PasswordSignIn {
        tenant: tenant.clone(),
        email: form.email.clone(),
        password: SecretString::from(form.password.clone()),
        origin: request_origin(&req, state.trust_forwarded_for),
    };
    match password_sign_in(&state.auth, attempt).await {
        Ok(signed_in) => {
            let mut response = see_other(callback.as_str());
            response
                .add_cookie(&session_cookie(
                    &signed_in.session.token,
                    signed_in.session.max_age,
                ))
                .map_err(|e| PortalError::Unexpected(e.into()))?;
            Ok(response)
        }
        Err(SignInError::Refused(Refusal::InternalUser)) => Ok(super::render_page(
            StatusCode::FORBIDDEN,
            Some(&tenant),
            &nonce.0,
            view(SignInErrorKind::AccessDenied),
        )),
        Err(SignInError::Refused(_)) => Ok(super::render_page(
            StatusCode::UNAUTHORIZED,
            Some(&tenant),
            &nonce.0,
            view(SignInErrorKind::InvalidCredentials),
        )),
        Err(e) => {
            crate::errors::log_error(&e);
            Ok(super::render_page(
                StatusCode::SERVICE_UNAVAILABLE,
                Some(&tenant),
                &nonce.0,
                view(SignInErrorKind::Unavailable),
            ))
        }
    }
}
