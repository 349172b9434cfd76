//! `GET /client-portal/dashboard`: who is signed in, their company, their last sign-in, and
//! their tickets at a glance (through the tenant's data actor).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::TicketSummary;
use portal_views::dashboard::{self, DashboardView, RecentTicket, TicketsCard};
use portal_views::layout::NavItem;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::redirect::DEFAULT_AFTER_SIGN_IN;
use crate::http::render;

pub async fn show(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let summary = TicketSummary {
        user_id: super::tickets::user_id(&user),
    };
    let tickets = super::tickets::ask(&state, &user, summary)
        .await?
        .map(|o| TicketsCard {
            open: o.open,
            awaiting_client: o.awaiting_client,
            can_create: o.can_create,
            recent: o
                .recent
                .into_iter()
                .map(|r| RecentTicket {
                    number: r.ticket_number,
                    title: r.title,
                    status: r.status_name,
                    response_state: r.response_state,
                    updated_at: r.updated_at,
                })
                .collect(),
        });
    let record = &user.session.record;
    let view = DashboardView {
        display_name: record.user.display_name(),
        email: record.user.email.clone(),
        company: record.user.client_name.clone(),
        last_sign_in: record.user.previous_login_at,
        signed_in_at: record.created_at,
        sign_in_method: record.auth_method.clone(),
        tickets,
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
