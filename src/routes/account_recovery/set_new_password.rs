//! `/auth/password-reset/set-new-password`: the page a reset link opens. The token travels in
//! a hidden field (and leaves the address bar); no referrer leaves the page. Setting the
//! password ends every session and does not sign anyone in, so two-factor still applies.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account_recovery::{
    complete_password_reset, reset_token_is_live, CompleteReset, RecoveryError, ResetOutcome,
    ResetRefusal,
};
use portal_actors::model::{RequestOrigin, TenantInfo};
use portal_actors::tokens;
use portal_views::account_recovery::{
    self as views, PasswordProblem, RequestError, ResetFormError, SetNewPasswordView,
};
use secrecy::SecretString;
use serde::Deserialize;

use super::mail::{locales, password_changed_email, TenantLinks, FORGOT_PATH, SIGN_IN_PATH};
use super::{tenant_path, MAX_PASSWORD_BYTES};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{csrf_ok, form_csrf, with_csrf_cookie};
use crate::http::extract::{request_origin, CspNonce};
use crate::http::referrer::no_referrer;
use crate::http::render;
use crate::http::tenant::{NamesTenant, PageTenant, TenantForm};

#[derive(Deserialize)]
pub struct ResetQuery {
    token: Option<String>,
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    tenant: Option<String>,
}

impl NamesTenant for ResetForm {
    fn tenant_slug(&self) -> Option<&str> {
        self.tenant.as_deref()
    }
}

/// "This link cannot be used", with a way to ask for a new one.
fn invalid_link(tenant: Option<&TenantInfo>, nonce: &str) -> HttpResponse {
    let forgot_url = match tenant {
        Some(_) => tenant_path(FORGOT_PATH, tenant),
        None => SIGN_IN_PATH.to_owned(),
    };
    no_referrer(render::page(
        StatusCode::BAD_REQUEST,
        tenant,
        nonce,
        None,
        |shell| views::reset_invalid(shell, &forgot_url),
        views::reset_invalid_title,
    ))
}

fn form_page(
    status: StatusCode,
    tenant: &TenantInfo,
    nonce: &str,
    view: &SetNewPasswordView,
) -> Result<HttpResponse, PortalError> {
    let response = render::page(
        status,
        Some(tenant),
        nonce,
        None,
        |shell| views::set_new_password(shell, view),
        views::reset_title,
    );
    with_csrf_cookie(no_referrer(response), &view.csrf_token)
}

/// `GET`: the form, when the link is live.
#[tracing::instrument(skip_all, fields(tenant = tenant.slug()))]
pub async fn show_set_new_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ResetQuery>,
    tenant: PageTenant,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let token = query.token.clone().unwrap_or_default();
    let Some(tenant) = tenant.tenant else {
        return Ok(invalid_link(None, &nonce.0));
    };
    let live = reset_token_is_live(&state.services, tenant.id, &token)
        .await
        .map_err(PortalError::unavailable)?;
    if !live {
        return Ok(invalid_link(Some(&tenant), &nonce.0));
    }
    let view = SetNewPasswordView {
        token,
        csrf_token: form_csrf(&req),
        tenant_slug: Some(tenant.slug.clone()),
        error: None,
    };
    form_page(StatusCode::OK, &tenant, &nonce.0, &view)
}

/// `POST`: checks the two passwords, then sets the new one with the link.
#[tracing::instrument(skip_all, fields(tenant = submitted.tenant.slug()))]
pub async fn submit_set_new_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: TenantForm<ResetForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let TenantForm { tenant, form } = submitted;
    let Some(tenant) = tenant.tenant else {
        return Ok(invalid_link(None, &nonce.0));
    };
    let page = ResetPage {
        tenant: &tenant,
        nonce: &nonce.0,
        token: &form.token,
    };
    if !csrf_ok(&req, &form.csrf_token) {
        let error = ResetFormError::Request(RequestError::CsrfFailed);
        return page.again(StatusCode::FORBIDDEN, error, tokens::random_token());
    }
    let csrf = form_csrf(&req);
    if let Some(p) = password_problem(&form) {
        return page.again(StatusCode::BAD_REQUEST, ResetFormError::Password(p), csrf);
    }
    let links = TenantLinks::for_tenant(&state, &tenant).await?;
    let request = reset_with(&tenant, &form, request_origin(&req));
    let render = password_changed_email(locales()?, &tenant, &links);
    let outcome = complete_password_reset(&state.services, &state.mailer, request, render).await;
    page.answer(outcome, csrf)
}

fn reset_with(tenant: &TenantInfo, form: &ResetForm, origin: RequestOrigin) -> CompleteReset {
    CompleteReset {
        tenant: tenant.clone(),
        token: form.token.clone(),
        password: SecretString::from(form.password.clone()),
        origin,
    }
}

/// The form of one reset link, shown again or answered.
struct ResetPage<'a> {
    tenant: &'a TenantInfo,
    nonce: &'a str,
    token: &'a str,
}

impl ResetPage<'_> {
    fn again(
        &self,
        status: StatusCode,
        error: ResetFormError,
        csrf_token: String,
    ) -> Result<HttpResponse, PortalError> {
        let view = SetNewPasswordView {
            token: self.token.to_owned(),
            csrf_token,
            tenant_slug: Some(self.tenant.slug.clone()),
            error: Some(error),
        };
        form_page(status, self.tenant, self.nonce, &view)
    }

    /// The answer to a reset: done, a dead link, a password the policy refuses, or a failure.
    fn answer(
        &self,
        outcome: Result<ResetOutcome, RecoveryError>,
        csrf: String,
    ) -> Result<HttpResponse, PortalError> {
        match outcome {
            Ok(ResetOutcome::Done { .. }) => Ok(reset_done(self.tenant, self.nonce)),
            Ok(ResetOutcome::Refused(ResetRefusal::InvalidOrExpired)) => {
                Ok(invalid_link(Some(self.tenant), self.nonce))
            }
            Ok(ResetOutcome::Refused(ResetRefusal::Policy(v))) => {
                let problem = crate::routes::security::password::policy_problem(&v);
                self.again(
                    StatusCode::BAD_REQUEST,
                    ResetFormError::Password(problem),
                    csrf,
                )
            }
            Err(e) => {
                crate::errors::log_error(&e);
                let error = ResetFormError::Request(RequestError::Unavailable);
                self.again(StatusCode::SERVICE_UNAVAILABLE, error, csrf)
            }
        }
    }
}

/// What is wrong with the two passwords before the link is used, if anything.
fn password_problem(form: &ResetForm) -> Option<PasswordProblem> {
    if form.password.is_empty() || form.password_confirm.is_empty() {
        Some(PasswordProblem::Missing)
    } else if form.password.len() > MAX_PASSWORD_BYTES {
        Some(PasswordProblem::TooLong)
    } else if form.password != form.password_confirm {
        Some(PasswordProblem::Mismatch)
    } else {
        None
    }
}

/// "Password changed": sign in with it.
fn reset_done(tenant: &TenantInfo, nonce: &str) -> HttpResponse {
    let sign_in_url = tenant_path(SIGN_IN_PATH, Some(tenant));
    no_referrer(render::page(
        StatusCode::OK,
        Some(tenant),
        nonce,
        None,
        |shell| views::reset_done(shell, &sign_in_url),
        views::reset_done_title,
    ))
}
