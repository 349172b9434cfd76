//! `GET /client-portal/dashboard`: who is signed in, their company, their last sign-in.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use portal_views::dashboard::{self, DashboardView};
use portal_views::layout::NavItem;

use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::redirect::DEFAULT_AFTER_SIGN_IN;
use crate::http::render;

pub async fn show(user: PortalUser, nonce: CspNonce) -> Result<HttpResponse, PortalError> {
    let record = &user.session.record;
    let view = DashboardView {
        display_name: record.user.display_name(),
        email: record.user.email.clone(),
        company: record.user.client_name.clone(),
        last_sign_in: record.user.previous_login_at,
        signed_in_at: record.created_at,
        sign_in_method: record.auth_method.clone(),
    };
    Ok(render::page(
        StatusCode::OK,
        Some(&user.tenant),
        &nonce.0,
        Some(super::signed_in_nav(&user, NavItem::Dashboard)),
        |shell| dashboard::page(shell, &view),
        dashboard::title,
    ))
}

/// `GET /client-portal`: the dashboard is the portal's home.
pub async fn redirect(_user: PortalUser) -> HttpResponse {
    render::see_other(DEFAULT_AFTER_SIGN_IN)
}
