//! `POST /auth/client-portal/signin`

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{
    password_sign_in, HandoffTarget, PasswordSignIn, Refusal, SignInError, METHOD_PASSWORD,
};
use portal_actors::login_throttle::{minutes_rounded_up, seconds_rounded_up};
use portal_actors::model::TenantInfo;
use portal_actors::portal_domain::PortalDomain;
use portal_views::signin::{SignInErrorKind, SignInView};
use portal_views::sso::SsoButton;
use secrecy::SecretString;
use serde::Deserialize;

use super::outcome::answer_sign_in;
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{csrf_ok, form_csrf, with_csrf_cookie};
use crate::http::extract::{host_without_port, request_host, request_origin, CspNonce};
use crate::http::redirect::{ReturnPath, DEFAULT_AFTER_SIGN_IN};
use crate::http::tenant::{handoff_domain, NamesTenant, TenantForm};

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

impl NamesTenant for SignInForm {
    fn tenant_slug(&self) -> Option<&str> {
        self.tenant.as_deref()
    }
}

/// Checks the form and signs the user in: a session here, or, when the tenant has a portal
/// domain ready for it, a one-time transfer token and a page that POSTs it to that domain.
#[tracing::instrument(skip_all, fields(tenant = submitted.tenant.slug()))]
pub async fn submit_sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: TenantForm<SignInForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let TenantForm { tenant, form } = submitted;
    let Some(tenant) = tenant.tenant else {
        return tenantless(&req, &nonce.0);
    };
    let prepared = prepare(&state, &req, &tenant, &nonce.0, &form).await?;
    prepared.sign_in(&state, &req, form).await
}

/// What the attempt and every answer to it need: the domain to hand over to (unless this
/// request already is on it), the return path, and the form to show again.
struct Prepared<'a> {
    domain: Option<PortalDomain>,
    return_path: ReturnPath,
    again: FormAgain<'a>,
}

async fn prepare<'a>(
    state: &AppState,
    req: &HttpRequest,
    tenant: &'a TenantInfo,
    nonce: &'a str,
    form: &SignInForm,
) -> Result<Prepared<'a>, PortalError> {
    let host = request_host(req);
    let domain = handoff_domain(state, tenant.id)
        .await?
        .filter(|d| host.as_deref().map(host_without_port) != Some(d.domain.as_str()));
    let (callback_url, return_path) = chosen_callback(form.callback_url.as_deref(), &domain);
    let (sso_buttons, sso_only) =
        crate::routes::sso::sign_in_options(state, tenant, &callback_url).await?;
    let again = FormAgain {
        tenant,
        nonce,
        email: form.email.trim().chars().take(254).collect(),
        callback_url,
        sso_buttons,
        sso_only,
    };
    Ok(Prepared {
        domain,
        return_path,
        again,
    })
}

impl Prepared<'_> {
    /// Checks the form, then signs in (`password_sign_in` counts and audits it) and answers.
    async fn sign_in(
        self,
        state: &AppState,
        req: &HttpRequest,
        form: SignInForm,
    ) -> Result<HttpResponse, PortalError> {
        let again = &self.again;
        if !csrf_ok(req, &form.csrf_token) {
            return again.csrf_failed(state);
        }
        let csrf_token = form_csrf(req);
        if let Some((reason, status, error)) = refused_early(&form, again.sso_only) {
            state
                .metrics
                .record_login(METHOD_PASSWORD, Some(reason), 0.0);
            return Ok(again.render(status, error, csrf_token));
        }
        let (tenant, nonce) = (again.tenant, again.nonce);
        let return_path = self.return_path.as_str();
        let attempt = attempt(req, tenant, form, return_path, self.domain);
        match password_sign_in(&state.services, attempt).await {
            Ok(signed_in) => {
                let answer = answer_sign_in(state, nonce, Some(tenant), signed_in, return_path);
                answer.await?.send(state, req).await
            }
            Err(e) => Ok(again.refused(&e, csrf_token)),
        }
    }
}

/// No organization: the "find your organization" page, with a form token.
fn tenantless(req: &HttpRequest, nonce: &str) -> Result<HttpResponse, PortalError> {
    let csrf_token = form_csrf(req);
    let view = SignInView {
        csrf_token: csrf_token.clone(),
        ..SignInView::default()
    };
    let page = super::render_page(StatusCode::BAD_REQUEST, None, nonce, view);
    with_csrf_cookie(page, &csrf_token)
}

/// The callback as the form shows it again, and the return path it allows (on the vanity
/// domain too when the sign-in hands over).
fn chosen_callback(raw: Option<&str>, domain: &Option<PortalDomain>) -> (String, ReturnPath) {
    let vanity_name = domain.as_ref().map(|d| d.domain.as_str());
    let callback_raw = raw
        .filter(|raw| ReturnPath::parse_with_domain(raw, vanity_name).is_some())
        .unwrap_or(DEFAULT_AFTER_SIGN_IN)
        .to_owned();
    let return_path = ReturnPath::parse_with_domain(&callback_raw, vanity_name)
        .unwrap_or_else(|| ReturnPath::or_default(None));
    (callback_raw, return_path)
}

/// A form refused before the password is looked at: its metric reason, status and message.
fn refused_early(
    form: &SignInForm,
    sso_only: bool,
) -> Option<(&'static str, StatusCode, SignInErrorKind)> {
    if sso_only {
        // The tenant signs in through its identity providers only.
        return Some(("sso_only", StatusCode::FORBIDDEN, SignInErrorKind::SsoOnly));
    }
    let missing = form.email.trim().is_empty()
        || form.password.is_empty()
        || form.password.len() > MAX_PASSWORD_BYTES;
    missing.then_some((
        "invalid_input",
        StatusCode::BAD_REQUEST,
        SignInErrorKind::MissingFields,
    ))
}

fn attempt(
    req: &HttpRequest,
    tenant: &TenantInfo,
    form: SignInForm,
    return_path: &str,
    domain: Option<PortalDomain>,
) -> PasswordSignIn {
    PasswordSignIn {
        tenant: tenant.clone(),
        email: form.email,
        password: SecretString::from(form.password),
        origin: request_origin(req),
        return_path: return_path.to_owned(),
        handoff: domain.map(|d| HandoffTarget {
            domain: d.domain,
            return_path: return_path.to_owned(),
        }),
    }
}

/// The sign-in form shown again, with what was typed and what went wrong.
struct FormAgain<'a> {
    tenant: &'a TenantInfo,
    nonce: &'a str,
    email: String,
    callback_url: String,
    sso_buttons: Vec<SsoButton>,
    sso_only: bool,
}

impl FormAgain<'_> {
    fn render(
        &self,
        status: StatusCode,
        error: SignInErrorKind,
        csrf_token: String,
    ) -> HttpResponse {
        let view = SignInView {
            sso_buttons: self.sso_buttons.clone(),
            sso_only: self.sso_only,
            email: self.email.clone(),
            callback_url: self.callback_url.clone(),
            csrf_token,
            tenant_slug: Some(self.tenant.slug.clone()),
            error: Some(error),
            notice: None,
        };
        super::render_page(status, Some(self.tenant), self.nonce, view)
    }

    /// A form without its CSRF token: a new token, so the user can simply submit again.
    fn csrf_failed(&self, state: &AppState) -> Result<HttpResponse, PortalError> {
        state
            .metrics
            .record_login(METHOD_PASSWORD, Some("csrf"), 0.0);
        let token = portal_actors::tokens::random_token();
        let page = self.render(
            StatusCode::FORBIDDEN,
            SignInErrorKind::CsrfFailed,
            token.clone(),
        );
        with_csrf_cookie(page, &token)
    }

    /// A refused or failed sign-in (`password_sign_in` counted and audited it).
    fn refused(&self, error: &SignInError, csrf_token: String) -> HttpResponse {
        match error {
            SignInError::Refused(Refusal::Throttled { retry_after }) => {
                let minutes = minutes_rounded_up(*retry_after);
                let mut response = self.render(
                    StatusCode::TOO_MANY_REQUESTS,
                    SignInErrorKind::Throttled { minutes },
                    csrf_token,
                );
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    header::HeaderValue::from(seconds_rounded_up(*retry_after)),
                );
                response
            }
            SignInError::Refused(Refusal::InternalUser) => self.render(
                StatusCode::FORBIDDEN,
                SignInErrorKind::AccessDenied,
                csrf_token,
            ),
            SignInError::Refused(_) => self.render(
                StatusCode::UNAUTHORIZED,
                SignInErrorKind::InvalidCredentials,
                csrf_token,
            ),
            e => {
                crate::errors::log_error(e);
                self.render(
                    StatusCode::SERVICE_UNAVAILABLE,
                    SignInErrorKind::Unavailable,
                    csrf_token,
                )
            }
        }
    }
}
