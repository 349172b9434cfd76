//! `/client-portal/account` (Profile → Account): the user's role and what it lets them
//! do, in words, and their company's details from the directory.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::model::PortalRole;
use portal_actors::tenant_data::GetOwnAccount;
use portal_views::account::{self as views, AccountView, CompanyDetails};
use portal_views::layout::NavItem;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

/// `GET /client-portal/account`.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_account(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let user_id = user.session.record.user.user_id;
    let a = crate::routes::profile::ask(&state, &user, GetOwnAccount { user_id }).await?;
    let permissions = a.permissions;
    let v = AccountView {
        full_name: a.full_name,
        email: a.email,
        role: a.role.map(PortalRole::as_str),
        permissions,
        company: CompanyDetails {
            name: a.company.name,
            phone: a.company.phone,
            email: a.company.email,
            website: a.company.website,
            billing_address: a.company.billing_address,
            shipping_address: a.company.shipping_address,
        },
    };
    Ok(render::page(
        StatusCode::OK,
        Some(&user.tenant),
        &nonce.0,
        Some(crate::routes::nav(&state, &user, NavItem::Profile).await),
        |shell| views::page(shell, &v),
        views::title,
    ))
}
