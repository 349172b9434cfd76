//! `/auth/email-change/confirm`: the page the confirmation link opens. `GET` only shows a button
//! (mail scanners fetch links, and must not spend them); the token travels on in a hidden field
//! and leaves the address bar, and no referrer leaves the page. `POST` applies the change,
//! signed in or not: a signed-in browser of the same user stays signed in (every other session
//! of the user ends); otherwise the page leads to sign-in.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::email_change::{
    confirm_email_change, email_change_link, ConfirmEmailChange, ConfirmOutcome,
};
use portal_actors::model::TenantInfo;
use portal_views::email_change::{self as views, ConfirmView, Unusable};
use portal_views::layout::{NavItem, SignedInNav};
use portal_views::profile::PROFILE_PATH;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{csrf_ok, form_csrf, with_csrf_cookie};
use crate::http::extract::{request_origin, CspNonce, PortalUser};
use crate::http::referrer::no_referrer;
use crate::http::render;
use crate::http::tenant::{NamesTenant, PageTenant, TenantForm};
use crate::routes::account_recovery::mail::SIGN_IN_PATH;
use crate::routes::account_recovery::tenant_path;

#[derive(Deserialize)]
pub struct LinkQuery {
    token: Option<String>,
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    tenant: Option<String>,
}

impl NamesTenant for ConfirmForm {
    fn tenant_slug(&self) -> Option<&str> {
        self.tenant.as_deref()
    }
}

/// The browser's session when it is signed in to `tenant` (its navigation, language and id).
async fn own_session<'a>(
    state: &AppState,
    user: &'a Option<PortalUser>,
    tenant: &TenantInfo,
) -> Option<(&'a PortalUser, SignedInNav)> {
    let user = user.as_ref().filter(|u| u.tenant.id == tenant.id)?;
    Some((
        user,
        crate::routes::nav(state, user, NavItem::Profile).await,
    ))
}

/// A page of the link, for `tenant` (or none), in the signed-in user's language if any.
fn link_page(
    status: StatusCode,
    tenant: Option<&TenantInfo>,
    nonce: &str,
    nav: Option<SignedInNav>,
    build: impl FnOnce(&portal_views::layout::PageShell<'_>) -> maud::Markup,
    title: impl FnOnce(portal_views::i18n::Translator<'_>) -> String,
) -> HttpResponse {
    no_referrer(render::page(status, tenant, nonce, nav, build, title))
}

/// "This link cannot be used" (or the address was taken meanwhile): nothing changed.
fn unusable(
    tenant: Option<&TenantInfo>,
    nonce: &str,
    nav: Option<SignedInNav>,
    why: Unusable,
) -> HttpResponse {
    let status = match why {
        Unusable::Invalid => StatusCode::BAD_REQUEST,
        Unusable::Taken { .. } => StatusCode::CONFLICT,
    };
    let profile = tenant_path(PROFILE_PATH, tenant);
    let title_why = why.clone();
    link_page(
        status,
        tenant,
        nonce,
        nav,
        |shell| views::unusable(shell, &why, &profile),
        |t| views::unusable_title(t, &title_why),
    )
}

/// `GET`: the button, when the link is live.
#[tracing::instrument(skip_all, fields(tenant = tenant.slug()))]
pub async fn show_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LinkQuery>,
    tenant: PageTenant,
    user: Option<PortalUser>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let token = query.token.clone().unwrap_or_default();
    let Some(tenant) = tenant.tenant else {
        return Ok(unusable(None, &nonce.0, None, Unusable::Invalid));
    };
    confirm_page(&state, &req, &tenant, &user, token, &nonce.0).await
}

/// The confirmation page of a live link, else the dead-link page.
async fn confirm_page(
    state: &AppState,
    req: &HttpRequest,
    tenant: &TenantInfo,
    user: &Option<PortalUser>,
    token: String,
    nonce: &str,
) -> Result<HttpResponse, PortalError> {
    let nav = own_session(state, user, tenant).await.map(|(_, nav)| nav);
    let live = email_change_link(&state.services, tenant.id, &token)
        .await
        .map_err(PortalError::unavailable)?;
    let Some(new_email) = live else {
        return Ok(unusable(Some(tenant), nonce, nav, Unusable::Invalid));
    };
    let view = ConfirmView {
        token,
        csrf_token: form_csrf(req),
        tenant_slug: Some(tenant.slug.clone()),
        new_email,
    };
    let build = |shell: &portal_views::layout::PageShell<'_>| views::confirm(shell, &view);
    let page = link_page(
        StatusCode::OK,
        Some(tenant),
        nonce,
        nav,
        build,
        views::confirm_title,
    );
    with_csrf_cookie(page, &view.csrf_token)
}

/// `POST`: consumes the link and applies the change.
#[tracing::instrument(skip_all, fields(tenant = submitted.tenant.slug()))]
pub async fn submit_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: TenantForm<ConfirmForm>,
    user: Option<PortalUser>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let TenantForm { tenant, form } = submitted;
    let Some(tenant) = tenant.tenant else {
        return Ok(unusable(None, &nonce.0, None, Unusable::Invalid));
    };
    if !csrf_ok(&req, &form.csrf_token) {
        // An expired form: the same page again, with a fresh token, to press once more.
        return confirm_page(&state, &req, &tenant, &user, form.token, &nonce.0).await;
    }
    let own = own_session(&state, &user, &tenant).await;
    let confirm = ConfirmEmailChange {
        tenant: tenant.id,
        token: form.token,
        origin: request_origin(&req),
        session: own.as_ref().map(|(u, _)| {
            let record = &u.session.record;
            (record.user.user_id, record.token_hash.clone())
        }),
    };
    let outcome = confirm_email_change(&state.services, confirm)
        .await
        .map_err(PortalError::unavailable)?;
    let nav = own.map(|(_, nav)| nav);
    Ok(answer(&tenant, &nonce.0, nav, outcome))
}

/// The page after the button: done (on to the profile, or to sign-in), or why nothing changed.
fn answer(
    tenant: &TenantInfo,
    nonce: &str,
    nav: Option<SignedInNav>,
    outcome: ConfirmOutcome,
) -> HttpResponse {
    match outcome {
        ConfirmOutcome::Changed {
            new_email,
            kept_session,
            ..
        } => {
            let next = if kept_session {
                PROFILE_PATH.to_owned()
            } else {
                tenant_path(SIGN_IN_PATH, Some(tenant))
            };
            // Signed out by the change (another user's browser keeps its own header).
            let nav = nav.filter(|_| kept_session);
            let build = |shell: &portal_views::layout::PageShell<'_>| {
                views::done(shell, &new_email, &next, kept_session)
            };
            link_page(
                StatusCode::OK,
                Some(tenant),
                nonce,
                nav,
                build,
                views::done_title,
            )
        }
        ConfirmOutcome::InvalidOrExpired => unusable(Some(tenant), nonce, nav, Unusable::Invalid),
        ConfirmOutcome::Taken { email } => {
            unusable(Some(tenant), nonce, nav, Unusable::Taken { email })
        }
    }
}
