//! `GET /auth/client-portal/signin`

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::tenant_directory::TenantKey;
use portal_actors::tokens;
use portal_views::signin::{SignInErrorKind, SignInNotice, SignInView};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{csrf_cookie, CSRF_COOKIE};
use crate::http::extract::{
    handoff_domain, lookup, request_host, resolve_tenant, vanity_domain, CspNonce, PortalUser,
};
use crate::http::redirect::{encode_query_value, ReturnPath, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::see_other;

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
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SignInQuery>,
    user: Option<PortalUser>,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let host = request_host(&req);
    if let Some(vanity) = vanity_domain(&state, host.as_deref()).await? {
        return Ok(see_other(
            &canonical_sign_in(&state, &req, &query, &vanity).await?,
        ));
    }
    let mut tenant = resolve_tenant(&state, host.as_deref(), query.tenant.as_deref()).await?;
    if tenant.is_none() {
        if let Some(domain) = &query.portal_domain {
            if let Some(vanity) = vanity_domain(&state, Some(domain)).await? {
                tenant = lookup(&state, TenantKey::Id(vanity.tenant)).await?;
            }
        }
    }
    let domain = match &tenant {
        Some(t) => handoff_domain(&state, t.id).await?,
        None => None,
    };
    let callback = query
        .callback_url
        .as_deref()
        .filter(|raw| {
            ReturnPath::parse_with_domain(raw, domain.as_ref().map(|d| d.domain.as_str())).is_some()
        })
        .unwrap_or(DEFAULT_AFTER_SIGN_IN)
        .to_owned();
    if user.is_some() && domain.is_none() {
        return Ok(see_other(ReturnPath::or_default(Some(&callback)).as_str()));
    }
    let csrf_token = match req.cookie(CSRF_COOKIE) {
        Some(c) if tokens::is_well_formed(c.value()) => c.value().to_owned(),
        _ => tokens::random_token(),
    };
    let (sso_buttons, sso_only) = match &tenant {
        Some(t) => crate::routes::sso::sign_in_options(&state, t, &callback).await?,
        None => (Vec::new(), false),
    };
    let view = SignInView {
        sso_buttons,
        sso_only,
        email: String::new(),
        callback_url: callback,
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
    // A named organization that does not exist is a bad link; no organization at all is the
    // "find your organization" page.
    let status = if tenant.is_none() && query.tenant.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let mut response = super::render_page(status, tenant.as_ref(), &nonce.0, view);
    response
        .add_cookie(&csrf_cookie(&csrf_token))
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    Ok(response)
}

/// The canonical sign-in URL for a visitor of a vanity host, with their query kept.
async fn canonical_sign_in(
    state: &AppState,
    req: &HttpRequest,
    query: &SignInQuery,
    vanity: &portal_actors::portal_domain::PortalDomain,
) -> Result<String, PortalError> {
    let mut params: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("portalDomain=") && !p.starts_with("tenant="))
        .map(str::to_owned)
        .collect();
    if query.tenant.is_none() || params.len() < req.query_string().split('&').count() {
        if let Some(t) = lookup(state, TenantKey::Id(vanity.tenant)).await? {
            params.push(format!("tenant={}", encode_query_value(&t.slug)));
        }
    }
    params.push(format!(
        "portalDomain={}",
        encode_query_value(&vanity.domain)
    ));
    Ok(format!(
        "{}/auth/client-portal/signin?{}",
        state.canonical_origin(),
        params.join("&")
    ))
}
