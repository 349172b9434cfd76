//! `/auth/client-portal/signin`: the sign-in page and its form.

pub mod get;
pub mod outcome;
pub mod post;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use portal_actors::model::TenantInfo;
use portal_views::signin::{self, SignInView};

use crate::http::render;

/// Renders the sign-in page for a tenant, or without one the "find your organization" page
/// (use the portal link, or have the sign-in links emailed).
/// The form posts to this host only (a handoff answers with a page of its own), so the CSP's
/// `form-action 'self'` stays as it is.
pub fn render_page(
    status: StatusCode,
    tenant: Option<&TenantInfo>,
    nonce: &str,
    view: SignInView,
) -> HttpResponse {
    match tenant {
        Some(tenant) => render::page(
            status,
            Some(tenant),
            nonce,
            None,
            |shell| signin::page(shell, &view),
            signin::title,
        ),
        None => crate::routes::account_recovery::find_organization_page(
            status,
            nonce,
            &portal_views::account_recovery::EmailRequestView {
                csrf_token: view.csrf_token,
                ..Default::default()
            },
        ),
    }
}
