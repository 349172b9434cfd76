//! `GET /client-portal/dashboard`: who is signed in, their company, their last sign-in, and
//! their tickets at a glance (through the tenant's data actor).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::projects::ProjectOverview;
use portal_actors::tenant_data::{ProjectSummaryFor, TicketSummary};
use portal_actors::tickets::TicketOverview;
use portal_views::dashboard::{self, DashboardView, RecentTicket, TicketsCard};
use portal_views::layout::NavItem;
use portal_views::projects::{NextDue, ProjectsCard};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::redirect::DEFAULT_AFTER_SIGN_IN;
use crate::http::render;

/// The dashboard's view model: the session's user and their tickets at a glance.
fn dashboard_view(
    state: &AppState,
    user: &PortalUser,
    overview: Option<TicketOverview>,
    projects: Option<ProjectOverview>,
    billing: Option<portal_actors::billing::portal::BillingCard>,
) -> DashboardView {
    let today = state.clock.now().date_naive();
    let record = &user.session.record;
    DashboardView {
        display_name: record.user.display_name(),
        email: record.user.email.clone(),
        company: record.user.client_name.clone(),
        last_sign_in: record.user.previous_login_at,
        signed_in_at: record.created_at,
        sign_in_method: record.auth_method.clone(),
        tickets: overview.map(tickets_card),
        billing: billing.map(|b| portal_views::billing::BillingCard {
            unpaid_count: b.unpaid_count,
            outstanding: b
                .outstanding
                .iter()
                .map(|a| super::billing::views::amount(a.amount_minor, &a.currency))
                .collect(),
            overdue: b.next_due.is_some_and(|d| d < b.today),
            next_due: b.next_due,
        }),
        projects: projects.map(|p| ProjectsCard {
            active: p.active,
            next_due: p.next_due.map(|n| NextDue {
                overdue: n.due_date < today,
                project_number: n.project_number,
                project_name: n.project_name,
                task_name: n.task_name,
                due_date: n.due_date,
            }),
        }),
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
    let projects = super::projects::ask(
        &state,
        &user,
        ProjectSummaryFor {
            user_id: super::tickets::user_id(&user),
        },
    )
    .await?;
    let billing = super::billing::card(&state, &user).await?;
    let view = dashboard_view(&state, &user, overview, projects, billing);
    Ok(render::page(
        StatusCode::OK,
        Some(&user.tenant),
        &nonce.0,
        Some(super::nav(&state, &user, NavItem::Dashboard).await),
        |shell| dashboard::page(shell, &view),
        dashboard::title,
    ))
}

/// `GET /client-portal`: the dashboard is the portal's home.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn redirect_to_dashboard(user: PortalUser) -> HttpResponse {
    render::see_other(DEFAULT_AFTER_SIGN_IN)
}
