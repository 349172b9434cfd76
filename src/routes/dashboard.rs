//! `GET /client-portal/dashboard`: who is signed in, their company, their last sign-in, and
//! their tickets at a glance (through the tenant's data actor).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::TicketSummary;
use portal_actors::tickets::TicketOverview;
use portal_views::dashboard::{self, DashboardView, RecentTicket, TicketsCard};
use portal_views::layout::NavItem;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::redirect::DEFAULT_AFTER_SIGN_IN;
use crate::http::render;

/// The dashboard's view model: the session's user and their tickets at a glance.
fn dashboard_view(user: &PortalUser, overview: Option<TicketOverview>) -> DashboardView {
    let record = &user.session.record;
    DashboardView {
        display_name: record.user.display_name(),
        email: record.user.email.clone(),
        company: record.user.client_name.clone(),
        last_sign_in: record.user.previous_login_at,
        signed_in_at: record.created_at,
        sign_in_method: record.auth_method.clone(),
        tickets: overview.map(tickets_card),
    }
}

/// The tickets card: counts and the most recently updated tickets.
fn tickets_card(o: TicketOverview) -> TicketsCard {
    TicketsCard {
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
    }
}

/// `GET /client-portal/dashboard`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_dashboard(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let summary = TicketSummary {
        user_id: super::tickets::user_id(&user),
    };
    let overview = super::tickets::ask(&state, &user, summary).await?;
    let view = dashboard_view(&user, overview);
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
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn redirect_to_dashboard(user: PortalUser) -> HttpResponse {
    render::see_other(DEFAULT_AFTER_SIGN_IN)
}
