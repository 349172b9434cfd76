//! `GET /client-portal/dashboard`: who is signed in, their company, their last sign-in, and
//! their tickets at a glance (through the tenant's data actor).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::activity::{ActivityItem, ActivityKind};
use portal_actors::projects::ProjectOverview;
use portal_actors::tenant_data::{ProjectSummaryFor, RecentActivity, TicketSummary};
use portal_actors::tickets::TicketOverview;
use portal_views::activity::{ActivityEntry, ActivityEvent};
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
    activity: Vec<ActivityItem>,
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
        activity: activity.into_iter().filter_map(activity_entry).collect(),
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

/// One activity row as the dashboard lists it (a kind this version does not know is skipped).
fn activity_entry(item: ActivityItem) -> Option<ActivityEntry> {
    let money = || {
        super::billing::views::amount(
            item.amount_minor.unwrap_or_default(),
            item.currency.as_deref().unwrap_or_default(),
        )
    };
    let event = match ActivityKind::parse(&item.kind)? {
        ActivityKind::TicketReply => ActivityEvent::TicketReply {
            number: item.reference.clone(),
            title: item.title.clone(),
            author: item.detail.clone(),
        },
        ActivityKind::TicketStatus => ActivityEvent::TicketStatus {
            number: item.reference.clone(),
            title: item.title.clone(),
            status: item.detail.clone(),
            closes: item.closes,
        },
        ActivityKind::InvoiceFinalized => ActivityEvent::InvoiceFinalized {
            number: item.reference.clone(),
            total: money(),
        },
        ActivityKind::PaymentReceived => ActivityEvent::PaymentReceived {
            invoice: Some(item.reference.clone()).filter(|r| !r.is_empty()),
            amount: money(),
        },
        ActivityKind::ProjectStatus => ActivityEvent::ProjectStatus {
            number: item.reference.clone(),
            name: item.title.clone(),
            status: item.detail.clone(),
        },
        ActivityKind::InvitationAccepted => ActivityEvent::MemberJoined {
            user_id: item.subject_id.to_string(),
            who: if item.title.is_empty() {
                item.reference.clone()
            } else {
                item.title.clone()
            },
        },
    };
    Some(ActivityEntry {
        event,
        at: item.occurred_at,
    })
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
    let recent = RecentActivity {
        user_id: super::tickets::user_id(&user),
    };
    let activity = super::profile::ask(&state, &user, recent).await?;
    let view = dashboard_view(&state, &user, overview, projects, billing, activity);
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
