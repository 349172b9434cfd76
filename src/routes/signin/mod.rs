//! `/auth/client-portal/signin`: the sign-in page and its form.

pub mod get;
pub mod post;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use portal_actors::domain::TenantInfo;
use portal_actors::portal_domain::PortalDomain;
use portal_views::signin::{self, SignInView};

use crate::http::middleware::FormActionTarget;
use crate::http::render;

/// Renders the sign-in page for a tenant, or the "use your portal link" page without one.
/// With a handoff domain the form may be redirected there, which the CSP must allow.
pub fn render_page(
    status: StatusCode,
    tenant: Option<&TenantInfo>,
    nonce: &str,
    view: SignInView,
    handoff_domain: Option<&PortalDomain>,
) -> HttpResponse {
    let mut response = match tenant {
        Some(tenant) => render::page(
            status,
            Some(tenant),
            nonce,
            None,
            |shell| signin::page(shell, &view),
            signin::title,
        ),
        None => render::page(
            StatusCode::BAD_REQUEST,
            None,
            nonce,
            None,
            signin::portal_link_needed,
            signin::portal_link_title,
        ),
    };
    if let Some(domain) = handoff_domain {
        response
            .extensions_mut()
            .insert(FormActionTarget(format!("https://{}", domain.domain)));
    }
    response
}
