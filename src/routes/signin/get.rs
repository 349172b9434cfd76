//! `GET /auth/client-portal/signin`

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::model::TenantInfo;
use portal_actors::portal_domain::PortalDomain;
use portal_views::signin::{SignInErrorKind, SignInNotice, SignInView};
use portal_views::sso::SsoButton;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::{form_csrf, with_csrf_cookie};
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::redirect::{encode_query_value, ReturnPath, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::see_other;
use crate::http::tenant::{handoff_domain, vanity_tenant, PageTenant};

#[derive(Debug, Deserialize)]
pub struct SignInQuery {
    #[serde(rename = "callbackUrl")]
    callback_url: Option<String>,
    tenant: Option<String>,
    #[serde(rename = "portalDomain")]
    portal_domain: Option<String>,
    error: Option<String>,
    expired: Option<String>,
    signedout: Option<String>,
}

/// Shows the form (or, signed in already, goes where the user was going). On a vanity host
/// signing in happens on the canonical host: the visitor goes there with the query kept.
#[tracing::instrument(skip_all, fields(tenant = page_tenant.slug()))]
pub async fn show_sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SignInQuery>,
    page_tenant: PageTenant,
    user: Option<PortalUser>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    if let Some(vanity) = &page_tenant.vanity {
        let tenant = page_tenant.tenant.as_ref();
        let location = canonical_sign_in(&state, &req, &query, vanity, tenant);
        return Ok(see_other(&location));
    }
    let (tenant, domain) = sign_in_tenant(&state, page_tenant, &query).await?;
    let callback = allowed_callback(query.callback_url.as_deref(), domain.as_ref());
    if user.is_some() && domain.is_none() {
        return Ok(see_other(ReturnPath::or_default(Some(&callback)).as_str()));
    }
    let csrf_token = form_csrf(&req);
    let sso = match &tenant {
        Some(t) => crate::routes::sso::sign_in_options(&state, t, &callback).await?,
        None => (Vec::new(), false),
    };
    let view = sign_in_view(&query, tenant.as_ref(), callback, csrf_token.clone(), sso);
    let status = page_status(tenant.as_ref(), &query);
    let page = super::render_page(status, tenant.as_ref(), &nonce.0, view);
    with_csrf_cookie(page, &csrf_token)
}

/// The tenant signing in (the host's or the query's, else the `portalDomain`'s), and its
/// domain when sign-ins hand over to it.
async fn sign_in_tenant(
    state: &AppState,
    page_tenant: PageTenant,
    query: &SignInQuery,
) -> Result<(Option<TenantInfo>, Option<PortalDomain>), PortalError> {
    let tenant = match page_tenant.tenant {
        Some(t) => Some(t),
        None => vanity_tenant(state, query.portal_domain.as_deref()).await?,
    };
    let domain = match &tenant {
        Some(t) => handoff_domain(state, t.id).await?,
        None => None,
    };
    Ok((tenant, domain))
}

/// A named organization that does not exist is a bad link; no organization at all is the
/// "find your organization" page.
fn page_status(tenant: Option<&TenantInfo>, query: &SignInQuery) -> StatusCode {
    if tenant.is_none() && query.tenant.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}

/// The callback when it is a portal path (or a URL on the handoff domain), else the default.
fn allowed_callback(raw: Option<&str>, domain: Option<&PortalDomain>) -> String {
    raw.filter(|raw| {
        ReturnPath::parse_with_domain(raw, domain.map(|d| d.domain.as_str())).is_some()
    })
    .unwrap_or(DEFAULT_AFTER_SIGN_IN)
    .to_owned()
}

/// The form's view: the tenant's SSO buttons, the callback, and a notice or error the
/// query asks for.
fn sign_in_view(
    query: &SignInQuery,
    tenant: Option<&TenantInfo>,
    callback_url: String,
    csrf_token: String,
    (sso_buttons, sso_only): (Vec<SsoButton>, bool),
) -> SignInView {
    SignInView {
        sso_buttons,
        sso_only,
        email: String::new(),
        callback_url,
        csrf_token,
        tenant_slug: tenant.map(|t| t.slug.clone()),
        error: (query.error.as_deref() == Some("AccessDenied"))
            .then_some(SignInErrorKind::AccessDenied),
        notice: if query.signedout.is_some() {
            Some(SignInNotice::SignedOut)
        } else if query.expired.is_some() {
            Some(SignInNotice::SessionExpired)
        } else {
            None
        },
    }
}

/// The canonical sign-in URL for a visitor of a vanity host, with their query kept.
fn canonical_sign_in(
    state: &AppState,
    req: &HttpRequest,
    query: &SignInQuery,
    vanity: &PortalDomain,
    vanity_tenant: Option<&TenantInfo>,
) -> String {
    let mut params: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("portalDomain=") && !p.starts_with("tenant="))
        .map(str::to_owned)
        .collect();
    if query.tenant.is_none() || params.len() < req.query_string().split('&').count() {
        if let Some(t) = vanity_tenant {
            params.push(format!("tenant={}", encode_query_value(&t.slug)));
        }
    }
    params.push(format!(
        "portalDomain={}",
        encode_query_value(&vanity.domain)
    ));
    format!(
        "{}/auth/client-portal/signin?{}",
        state.canonical_origin(),
        params.join("&")
    )
}
