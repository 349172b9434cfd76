//! `/auth/portal/setup`: an invited contact opens the emailed link, sees who is being set up,
//! sets a password (twice, policy checked) and is signed in — through the second-factor step
//! when the tenant requires two-factor. Expired, used and broken links say so; an expired one
//! can ask for a fresh link, which goes to the invited address only.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::auth::{continue_sign_in, SignedInVia};
use portal_actors::invitations::{
    self, AcceptInvitation, InvitationMail, LinkState, SetupOutcome, SetupRefusal,
};
use portal_actors::login_throttle::{CheckRequest, Decision, RequestScope};
use portal_actors::model::TenantInfo;
use portal_actors::store::users;
use portal_views::security::PasswordProblem;
use portal_views::setup::{self as views, LinkProblem, SetupView};
use secrecy::SecretString;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::challenge_cookie;
use crate::http::csrf::{csrf_ok, form_csrf, with_csrf_cookie};
use crate::http::extract::{page_tenant, request_host, request_origin, CspNonce};
use crate::http::redirect::{sign_in_location, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::{self, see_other};
use crate::http::session::start_session;
use crate::routes::account_recovery::mail::{invitation_email, locales, Invitation, TenantLinks};
use crate::routes::security::password::policy_problem;

/// Longest password considered (the policy's maximum is 128 characters).
const MAX_PASSWORD_BYTES: usize = 1024;

#[derive(Deserialize)]
pub struct SetupQuery {
    token: Option<String>,
    tenant: Option<String>,
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

fn no_referrer(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
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

fn setup_page(
    req: &HttpRequest,
    tenant: &TenantInfo,
    nonce: &str,
    status: StatusCode,
    invitee: &portal_actors::store::invitations::Invitee,
    token: &str,
    error: Option<PasswordProblem>,
) -> Result<HttpResponse, PortalError> {
    let csrf = form_csrf(req);
    let view = SetupView {
        full_name: invitee.full_name.clone(),
        email: invitee.email.clone(),
        company: invitee.client_name.clone(),
        is_client_admin: invitee.is_client_admin,
        token: token.to_owned(),
        tenant_slug: tenant.slug.clone(),
        csrf_token: csrf.clone(),
        error,
    };
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

fn problem_of(state: &LinkState) -> Option<LinkProblem> {
    match state {
        LinkState::Live(_) => None,
        LinkState::Expired => Some(LinkProblem::Expired),
        LinkState::Used => Some(LinkProblem::Used),
        LinkState::Invalid => Some(LinkProblem::Invalid),
    }
}

/// `GET /auth/portal/setup?token=…[&tenant=…]`
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SetupQuery>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let host = request_host(&req);
    let token = query.token.clone().unwrap_or_default();
    let Some(tenant) = page_tenant(&state, host.as_deref(), query.tenant.as_deref()).await? else {
        return link_problem(&req, None, &nonce.0, LinkProblem::Invalid, "", false);
    };
    let link = invitations::open(&state.services, tenant.id, &token)
        .await
        .map_err(PortalError::unavailable)?;
    match link {
        LinkState::Live(invitee) => setup_page(
            &req,
            &tenant,
            &nonce.0,
            StatusCode::OK,
            &invitee,
            &token,
            None,
        ),
        other => {
            let problem = problem_of(&other).unwrap_or(LinkProblem::Invalid);
            link_problem(&req, Some(&tenant), &nonce.0, problem, &token, false)
        }
    }
}

/// `POST /auth/portal/setup`: sets the password, creates the account, signs in.
#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SetupForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let form = form.into_inner();
    let host = request_host(&req);
    let Some(tenant) = page_tenant(&state, host.as_deref(), form.tenant.as_deref()).await? else {
        return link_problem(&req, None, &nonce.0, LinkProblem::Invalid, "", false);
    };
    let link = invitations::open(&state.services, tenant.id, &form.token)
        .await
        .map_err(PortalError::unavailable)?;
    let LinkState::Live(invitee) = link else {
        let problem = problem_of(&link).unwrap_or(LinkProblem::Invalid);
        return link_problem(&req, Some(&tenant), &nonce.0, problem, &form.token, false);
    };
    let retry = |status, problem| {
        setup_page(
            &req,
            &tenant,
            &nonce.0,
            status,
            &invitee,
            &form.token,
            Some(problem),
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return retry(StatusCode::FORBIDDEN, PasswordProblem::CsrfFailed);
    }
    if form.new_password.len() > MAX_PASSWORD_BYTES {
        return retry(StatusCode::BAD_REQUEST, PasswordProblem::TooLong);
    }
    let origin = request_origin(&req);
    let outcome = invitations::accept(
        &state.services,
        AcceptInvitation {
            tenant: tenant.clone(),
            token: form.token.clone(),
            password: SecretString::from(form.new_password.clone()),
            confirm: SecretString::from(form.confirm_password.clone()),
            origin: origin.clone(),
        },
    )
    .await;
    let user_id = match outcome {
        Ok(SetupOutcome::Done { user_id, .. }) => user_id,
        Ok(SetupOutcome::Refused(SetupRefusal::Mismatch)) => {
            return retry(StatusCode::BAD_REQUEST, PasswordProblem::Mismatch)
        }
        Ok(SetupOutcome::Refused(SetupRefusal::Policy(v))) => {
            return retry(StatusCode::BAD_REQUEST, policy_problem(&v))
        }
        Ok(SetupOutcome::Refused(refusal)) => {
            let problem = match refusal {
                SetupRefusal::Expired => LinkProblem::Expired,
                SetupRefusal::Used => LinkProblem::Used,
                _ => LinkProblem::Invalid,
            };
            return link_problem(&req, Some(&tenant), &nonce.0, problem, &form.token, false);
        }
        Err(e) => {
            crate::errors::log_error(&e);
            return retry(
                StatusCode::SERVICE_UNAVAILABLE,
                PasswordProblem::Unavailable,
            );
        }
    };
    // Signed in as after a password: two-factor enrollment first when the tenant requires it.
    let user = users::find_login_user(&state.services.db, tenant.id, user_id)
        .await
        .map_err(PortalError::unavailable)?
        .ok_or_else(|| PortalError::Unexpected(anyhow::anyhow!("the new user vanished")))?;
    let signed_in = continue_sign_in(
        &state.services,
        &user,
        origin,
        "password",
        DEFAULT_AFTER_SIGN_IN,
        None,
    )
    .await
    .map_err(PortalError::unavailable)?;
    let mut response = match signed_in.via {
        SignedInVia::Session(session) => {
            let mut r = see_other(DEFAULT_AFTER_SIGN_IN);
            start_session(&state, &req, &mut r, &session.token, session.max_age).await?;
            r
        }
        SignedInVia::SecondFactor(pending) => {
            let mut r = see_other(crate::routes::two_factor::PATH);
            r.add_cookie(&challenge_cookie(&pending.token, pending.max_age))
                .map_err(|e| PortalError::Unexpected(e.into()))?;
            r
        }
        SignedInVia::Handoff { .. } => {
            return Err(PortalError::Unexpected(anyhow::anyhow!(
                "setup does not hand over"
            )))
        }
    };
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
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

/// `POST /auth/portal/setup/resend`: a fresh link for an expired one. Always the same answer;
/// rate limited per address.
pub async fn renew(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<RenewForm>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let host = request_host(&req);
    let Some(tenant) = page_tenant(&state, host.as_deref(), form.tenant.as_deref()).await? else {
        return link_problem(&req, None, &nonce.0, LinkProblem::Invalid, "", false);
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return link_problem(
            &req,
            Some(&tenant),
            &nonce.0,
            LinkProblem::Expired,
            &form.token,
            false,
        )
        .map(|mut r| {
            *r.status_mut() = StatusCode::FORBIDDEN;
            r
        });
    }
    let origin = request_origin(&req);
    let allowed = state
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
    if let Decision::Allowed = allowed {
        let links = TenantLinks::for_tenant(&state, &tenant).await?;
        let render = invitation_renderer(&tenant, &links)?;
        if let Err(e) = invitations::renew(
            &state.services,
            &state.mailer,
            tenant.clone(),
            &form.token,
            state.invitation_ttl,
            origin,
            render,
        )
        .await
        {
            crate::errors::log_error(&e);
        }
    }
    link_problem(
        &req,
        Some(&tenant),
        &nonce.0,
        LinkProblem::Expired,
        "",
        true,
    )
}

/// Renders invitation emails for a tenant (used by every way of inviting).
pub fn invitation_renderer<'a>(
    tenant: &'a TenantInfo,
    links: &'a TenantLinks,
) -> Result<
    impl FnOnce(&InvitationMail<'_>) -> portal_actors::store::outbox::EmailContent + 'a,
    PortalError,
> {
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
