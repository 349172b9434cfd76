//! `/auth/portal/setup`: an invited contact opens the emailed link, sees who is being set up,
//! sets a password (twice, policy checked) and is signed in — through the second-factor step
//! when the tenant requires two-factor. Expired, used and broken links say so; an expired one
//! can ask for a fresh link, which goes to the invited address only.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account_recovery::EmailContent;
use portal_actors::auth::sign_in_after_setup;
use portal_actors::invitations::{
    self, AcceptInvitation, InvitationError, InvitationMail, Invitee, LinkState, SetupOutcome,
    SetupRefusal,
};
use portal_actors::login_throttle::{CheckRequest, Decision, RequestScope};
use portal_actors::model::{RequestOrigin, TenantInfo};
use portal_views::security::PasswordProblem;
use portal_views::setup::{self as views, LinkProblem, SetupView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{csrf_ok, form_csrf, with_csrf_cookie};
use crate::http::extract::{request_origin, CspNonce};
use crate::http::redirect::{sign_in_location, DEFAULT_AFTER_SIGN_IN};
use crate::http::referrer::no_referrer;
use crate::http::render;
use crate::http::tenant::{NamesTenant, PageTenant, TenantForm};
use crate::routes::account_recovery::mail::{invitation_email, locales, Invitation, TenantLinks};
use crate::routes::security::password::policy_problem;
use crate::routes::signin::outcome::answer_sign_in;

/// Longest password considered (the policy's maximum is 128 characters).
const MAX_PASSWORD_BYTES: usize = 1024;

#[derive(Deserialize)]
pub struct SetupQuery {
    token: Option<String>,
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    tenant: Option<String>,
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

impl NamesTenant for SetupForm {
    fn tenant_slug(&self) -> Option<&str> {
        self.tenant.as_deref()
    }
}

/// The page for a link that does not work (or, after a renewal request, the neutral answer).
fn link_problem(
    req: &HttpRequest,
    tenant: Option<&TenantInfo>,
    nonce: &str,
    problem: LinkProblem,
    token: &str,
    requested: bool,
) -> Result<HttpResponse, PortalError> {
    let csrf = form_csrf(req);
    let slug = tenant.map(|t| t.slug.clone()).unwrap_or_default();
    let sign_in = sign_in_location(None, tenant.map(|t| t.slug.as_str()), None);
    let status = match (requested, problem) {
        (true, _) => StatusCode::OK,
        (false, LinkProblem::Invalid) => StatusCode::NOT_FOUND,
        (false, _) => StatusCode::GONE,
    };
    let response = render::page(
        status,
        tenant,
        nonce,
        None,
        |shell| views::link_problem_page(shell, problem, token, &slug, &csrf, &sign_in, requested),
        views::title,
    );
    with_csrf_cookie(no_referrer(response), &csrf)
}

/// The setup form for a live link.
fn setup_page(
    req: &HttpRequest,
    tenant: &TenantInfo,
    nonce: &str,
    status: StatusCode,
    invitee: &Invitee,
    token: &str,
    error: Option<PasswordProblem>,
) -> Result<HttpResponse, PortalError> {
    let csrf = form_csrf(req);
    let view = setup_view(tenant, invitee, token, csrf.clone(), error);
    let response = render::page(
        status,
        Some(tenant),
        nonce,
        None,
        |shell| views::page(shell, &view),
        views::title,
    );
    with_csrf_cookie(no_referrer(response), &csrf)
}

fn setup_view(
    tenant: &TenantInfo,
    invitee: &Invitee,
    token: &str,
    csrf_token: String,
    error: Option<PasswordProblem>,
) -> SetupView {
    SetupView {
        full_name: invitee.full_name.clone(),
        email: invitee.email.clone(),
        company: invitee.client_name.clone(),
        role: crate::routes::company::member_role(invitee.role()),
        token: token.to_owned(),
        tenant_slug: tenant.slug.clone(),
        csrf_token,
        error,
    }
}

fn problem_of(state: &LinkState) -> LinkProblem {
    match state {
        LinkState::Expired => LinkProblem::Expired,
        LinkState::Used => LinkProblem::Used,
        LinkState::Live(_) | LinkState::Invalid => LinkProblem::Invalid,
    }
}

/// The invitation behind `token`, or the page saying why the link does not work.
async fn open_link(
    state: &AppState,
    req: &HttpRequest,
    tenant: &TenantInfo,
    nonce: &str,
    token: &str,
) -> Result<Result<Invitee, HttpResponse>, PortalError> {
    let link = invitations::open(&state.services, tenant.id, token)
        .await
        .map_err(PortalError::unavailable)?;
    match link {
        LinkState::Live(invitee) => Ok(Ok(invitee)),
        other => link_problem(req, Some(tenant), nonce, problem_of(&other), token, false).map(Err),
    }
}

/// `GET /auth/portal/setup?token=…[&tenant=…]`
#[tracing::instrument(skip_all, fields(tenant = tenant.slug()))]
pub async fn show_setup(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SetupQuery>,
    tenant: PageTenant,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let token = query.token.clone().unwrap_or_default();
    let Some(tenant) = tenant.tenant else {
        return link_problem(&req, None, &nonce.0, LinkProblem::Invalid, "", false);
    };
    match open_link(&state, &req, &tenant, &nonce.0, &token).await? {
        Ok(invitee) => setup_page(
            &req,
            &tenant,
            &nonce.0,
            StatusCode::OK,
            &invitee,
            &token,
            None,
        ),
        Err(problem_page) => Ok(problem_page),
    }
}

/// `POST /auth/portal/setup`: sets the password, creates the account, signs in.
#[tracing::instrument(skip_all, fields(tenant = submitted.tenant.slug()))]
pub async fn submit_setup(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: TenantForm<SetupForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let TenantForm { tenant, form } = submitted;
    let Some(tenant) = tenant.tenant else {
        return link_problem(&req, None, &nonce.0, LinkProblem::Invalid, "", false);
    };
    let invitee = match open_link(&state, &req, &tenant, &nonce.0, &form.token).await? {
        Ok(invitee) => invitee,
        Err(problem_page) => return Ok(problem_page),
    };
    let page = SetupPage {
        req: &req,
        tenant: &tenant,
        nonce: &nonce.0,
        invitee: &invitee,
        token: &form.token,
    };
    page.submit(&state, &form).await
}

/// The setup form of one live link, shown again.
struct SetupPage<'a> {
    req: &'a HttpRequest,
    tenant: &'a TenantInfo,
    nonce: &'a str,
    invitee: &'a Invitee,
    token: &'a str,
}

impl SetupPage<'_> {
    /// Checks the form, accepts the invitation and signs the new user in.
    async fn submit(
        &self,
        state: &AppState,
        form: &SetupForm,
    ) -> Result<HttpResponse, PortalError> {
        if !csrf_ok(self.req, &form.csrf_token) {
            return self.retry(StatusCode::FORBIDDEN, PasswordProblem::CsrfFailed);
        }
        if form.new_password.len() > MAX_PASSWORD_BYTES {
            return self.retry(StatusCode::BAD_REQUEST, PasswordProblem::TooLong);
        }
        let origin = request_origin(self.req);
        let acceptance = acceptance(self.tenant, form, &origin);
        let user_id = match invitations::accept(&state.services, acceptance).await {
            Ok(SetupOutcome::Done { user_id, .. }) => user_id,
            Ok(SetupOutcome::Refused(refusal)) => return self.refused(Ok(refusal)),
            Err(e) => return self.refused(Err(e)),
        };
        sign_in_new_user(state, self.req, self.tenant, user_id, origin, self.nonce).await
    }

    fn retry(
        &self,
        status: StatusCode,
        problem: PasswordProblem,
    ) -> Result<HttpResponse, PortalError> {
        let (req, tenant, invitee) = (self.req, self.tenant, self.invitee);
        setup_page(
            req,
            tenant,
            self.nonce,
            status,
            invitee,
            self.token,
            Some(problem),
        )
    }

    /// An invitation not accepted: the form again, or the page of a dead link.
    fn refused(
        &self,
        refusal: Result<SetupRefusal, InvitationError>,
    ) -> Result<HttpResponse, PortalError> {
        match refusal {
            Ok(SetupRefusal::Mismatch) => {
                self.retry(StatusCode::BAD_REQUEST, PasswordProblem::Mismatch)
            }
            Ok(SetupRefusal::Policy(v)) => self.retry(StatusCode::BAD_REQUEST, policy_problem(&v)),
            Ok(refusal) => {
                let problem = link_problem_of(&refusal);
                link_problem(
                    self.req,
                    Some(self.tenant),
                    self.nonce,
                    problem,
                    self.token,
                    false,
                )
            }
            Err(e) => {
                crate::errors::log_error(&e);
                let unavailable = StatusCode::SERVICE_UNAVAILABLE;
                self.retry(unavailable, PasswordProblem::Unavailable)
            }
        }
    }
}

fn acceptance(tenant: &TenantInfo, form: &SetupForm, origin: &RequestOrigin) -> AcceptInvitation {
    AcceptInvitation {
        tenant: tenant.clone(),
        token: form.token.clone(),
        password: SecretString::from(form.new_password.clone()),
        confirm: SecretString::from(form.confirm_password.clone()),
        origin: origin.clone(),
    }
}

fn link_problem_of(refusal: &SetupRefusal) -> LinkProblem {
    match refusal {
        SetupRefusal::Expired => LinkProblem::Expired,
        SetupRefusal::Used => LinkProblem::Used,
        _ => LinkProblem::Invalid,
    }
}

/// Signed in as after a password: two-factor enrollment first when the tenant requires it.
async fn sign_in_new_user(
    state: &AppState,
    req: &HttpRequest,
    tenant: &TenantInfo,
    user_id: uuid::Uuid,
    origin: RequestOrigin,
    nonce: &str,
) -> Result<HttpResponse, PortalError> {
    let signed_in = sign_in_after_setup(
        &state.services,
        tenant.id,
        user_id,
        origin,
        DEFAULT_AFTER_SIGN_IN,
    )
    .await
    .map_err(PortalError::unavailable)?
    .ok_or_else(|| PortalError::Unexpected(anyhow::anyhow!("the new user vanished")))?;
    if let portal_actors::auth::SignedInVia::Handoff { .. } = signed_in.via {
        return Err(PortalError::Unexpected(anyhow::anyhow!(
            "setup does not hand over"
        )));
    }
    let answer = answer_sign_in(state, nonce, Some(tenant), signed_in, DEFAULT_AFTER_SIGN_IN);
    let response = answer.await?.send(state, req).await?;
    Ok(no_referrer(response))
}

#[derive(Deserialize)]
pub struct RenewForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    tenant: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

impl NamesTenant for RenewForm {
    fn tenant_slug(&self) -> Option<&str> {
        self.tenant.as_deref()
    }
}

/// `POST /auth/portal/setup/resend`: a fresh link for an expired one. Always the same answer;
/// rate limited per address.
#[tracing::instrument(skip_all, fields(tenant = submitted.tenant.slug()))]
pub async fn renew_setup_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: TenantForm<RenewForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let TenantForm { tenant, form } = submitted;
    let Some(tenant) = tenant.tenant else {
        return link_problem(&req, None, &nonce.0, LinkProblem::Invalid, "", false);
    };
    let expired = LinkProblem::Expired;
    if !csrf_ok(&req, &form.csrf_token) {
        let mut page = link_problem(&req, Some(&tenant), &nonce.0, expired, &form.token, false)?;
        *page.status_mut() = StatusCode::FORBIDDEN;
        return Ok(page);
    }
    let origin = request_origin(&req);
    if renewal_allowed(&state, &tenant, &origin).await? {
        renew_link(&state, &tenant, &form.token, origin).await?;
    }
    link_problem(&req, Some(&tenant), &nonce.0, expired, "", true)
}

/// Sends a fresh link when `token` is an expired invitation (a failure is logged: the answer
/// stays the same).
async fn renew_link(
    state: &AppState,
    tenant: &TenantInfo,
    token: &str,
    origin: RequestOrigin,
) -> Result<(), PortalError> {
    let links = TenantLinks::for_tenant(state, tenant).await?;
    let render = invitation_renderer(tenant, &links)?;
    let (services, mailer, ttl) = (&state.services, &state.mailer, state.invitation_ttl);
    let renewed = invitations::renew(services, mailer, tenant.clone(), token, ttl, origin, render);
    if let Err(e) = renewed.await {
        crate::errors::log_error(&e);
    }
    Ok(())
}

/// Renewal requests are limited per client address.
async fn renewal_allowed(
    state: &AppState,
    tenant: &TenantInfo,
    origin: &RequestOrigin,
) -> Result<bool, PortalError> {
    let decision = state
        .services
        .throttle
        .send(CheckRequest {
            scope: RequestScope::InvitationRenewal,
            tenant: Some(tenant.id),
            email: String::new(),
            ip: origin.ip.clone().unwrap_or_default(),
        })
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)?;
    Ok(matches!(decision, Decision::Allowed))
}

/// Renders invitation emails for a tenant (used by every way of inviting).
pub fn invitation_renderer<'a>(
    tenant: &'a TenantInfo,
    links: &'a TenantLinks,
) -> Result<impl FnOnce(&InvitationMail<'_>) -> EmailContent + 'a, PortalError> {
    let locales = locales()?;
    Ok(move |m: &InvitationMail<'_>| {
        invitation_email(
            locales,
            tenant,
            links,
            Invitation {
                invitee_name: &m.invitee.full_name,
                token: m.token,
                expires_at: m.expires_at,
                locale: m.locale,
            },
        )
    })
}
