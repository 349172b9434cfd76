//! `POST /auth/client-portal/signin`

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{
    password_sign_in, HandoffTarget, PasswordSignIn, Refusal, SignInError, SignedInVia,
    METHOD_PASSWORD,
};
use portal_actors::login_throttle::{minutes_rounded_up, seconds_rounded_up};
use portal_actors::tokens;
use portal_views::signin::{SignInErrorKind, SignInView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{challenge_cookie, csrf_cookie, CSRF_COOKIE};
use crate::http::extract::{
    handoff_domain, host_without_port, request_host, request_origin, resolve_tenant, CspNonce,
};
use crate::http::redirect::{ReturnPath, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::see_other;
use crate::http::session::start_session;
use crate::routes::handoff::post_binding;

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

/// Checks the form and signs the user in: a session here, or, when the tenant has a portal
/// domain ready for it, a one-time transfer token and a page that POSTs it to that domain.
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
    let Some(tenant) = tenant else {
        let csrf_token = crate::http::csrf::form_csrf(&req);
        let page = super::render_page(
            StatusCode::BAD_REQUEST,
            None,
            &nonce.0,
            SignInView {
                csrf_token: csrf_token.clone(),
                ..SignInView::default()
            },
        );
        return crate::http::csrf::with_csrf_cookie(page, &csrf_token);
    };
    // Hand over to the tenant's domain, unless this request already is on it.
    let domain = handoff_domain(&state, tenant.id)
        .await?
        .filter(|d| host.as_deref().map(host_without_port) != Some(d.domain.as_str()));
    let vanity_name = domain.as_ref().map(|d| d.domain.as_str());
    let callback_raw = form
        .callback_url
        .as_deref()
        .filter(|raw| ReturnPath::parse_with_domain(raw, vanity_name).is_some())
        .unwrap_or(DEFAULT_AFTER_SIGN_IN)
        .to_owned();
    let return_path = ReturnPath::parse_with_domain(&callback_raw, vanity_name)
        .unwrap_or_else(|| ReturnPath::or_default(None));
    let fresh_csrf = req
        .cookie(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|c| tokens::is_well_formed(c));
    let (sso_buttons, sso_only) =
        crate::routes::sso::sign_in_options(&state, &tenant, &callback_raw).await?;
    let render_error = |status: StatusCode, error, csrf_token: String| {
        let view = SignInView {
            sso_buttons: sso_buttons.clone(),
            sso_only,
            email: form.email.trim().chars().take(254).collect(),
            callback_url: callback_raw.clone(),
            csrf_token,
            tenant_slug: Some(tenant.slug.clone()),
            error: Some(error),
            notice: None,
        };
        super::render_page(status, Some(&tenant), &nonce.0, view)
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
        let mut response = render_error(
            StatusCode::FORBIDDEN,
            SignInErrorKind::CsrfFailed,
            token.clone(),
        );
        response
            .add_cookie(&csrf_cookie(&token))
            .map_err(|e| PortalError::Unexpected(e.into()))?;
        return Ok(response);
    }
    let csrf_token = fresh_csrf.unwrap_or_default();
    if sso_only {
        // The tenant signs in through its identity providers only.
        state
            .metrics
            .record_login(METHOD_PASSWORD, Some("sso_only"), 0.0);
        return Ok(render_error(
            StatusCode::FORBIDDEN,
            SignInErrorKind::SsoOnly,
            csrf_token,
        ));
    }
    if form.email.trim().is_empty()
        || form.password.is_empty()
        || form.password.len() > MAX_PASSWORD_BYTES
    {
        state
            .metrics
            .record_login(METHOD_PASSWORD, Some("invalid_input"), 0.0);
        return Ok(render_error(
            StatusCode::BAD_REQUEST,
            SignInErrorKind::MissingFields,
            csrf_token,
        ));
    }
    let attempt = PasswordSignIn {
        tenant: tenant.clone(),
        email: form.email.clone(),
        password: SecretString::from(form.password.clone()),
        origin: request_origin(&req),
        return_path: return_path.as_str().to_owned(),
        handoff: domain.as_ref().map(|d| HandoffTarget {
            domain: d.domain.clone(),
            return_path: return_path.as_str().to_owned(),
        }),
    };
    match password_sign_in(&state.services, attempt).await {
        Ok(signed_in) => match signed_in.via {
            SignedInVia::Session(session) => {
                let mut response = see_other(return_path.as_str());
                start_session(&state, &req, &mut response, &session.token, session.max_age).await?;
                Ok(response)
            }
            SignedInVia::Handoff { ott, target } => {
                Ok(post_binding(Some(&tenant), &nonce.0, &ott, &target))
            }
            SignedInVia::SecondFactor(pending) => {
                let mut response = see_other(crate::routes::two_factor::PATH);
                response
                    .add_cookie(&challenge_cookie(&pending.token, pending.max_age))
                    .map_err(|e| PortalError::Unexpected(e.into()))?;
                Ok(response)
            }
        },
        Err(SignInError::Refused(Refusal::Throttled { retry_after })) => {
            let mut response = render_error(
                StatusCode::TOO_MANY_REQUESTS,
                SignInErrorKind::Throttled {
                    minutes: minutes_rounded_up(retry_after),
                },
                csrf_token,
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from(seconds_rounded_up(retry_after)),
            );
            Ok(response)
        }
        Err(SignInError::Refused(Refusal::InternalUser)) => Ok(render_error(
            StatusCode::FORBIDDEN,
            SignInErrorKind::AccessDenied,
            csrf_token,
        )),
        Err(SignInError::Refused(_)) => Ok(render_error(
            StatusCode::UNAUTHORIZED,
            SignInErrorKind::InvalidCredentials,
            csrf_token,
        )),
        Err(e) => {
            crate::errors::log_error(&e);
            Ok(render_error(
                StatusCode::SERVICE_UNAVAILABLE,
                SignInErrorKind::Unavailable,
                csrf_token,
            ))
        }
    }
}
