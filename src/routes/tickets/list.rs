//! `GET /client-portal/tickets`: the user's tickets, filtered, sorted and paged by the URL.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::tenant_data::ListTickets;
use portal_actors::tickets::{RawTicketFilter, TicketFilter, TicketPage};
use portal_views::layout::NavItem;
use portal_views::tickets::list::{self as views, FilterValues, ListItem, ListView};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

fn list_view(state: &AppState, page: TicketPage) -> ListView {
    let f = &page.filter;
    let filter = FilterValues {
        status: f.status.to_string(),
        response: f
            .response
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
        priority: f.priority.map(|p| p.to_string()).unwrap_or_default(),
        category: f.category.map(|c| c.to_string()).unwrap_or_default(),
        q: f.search.clone().unwrap_or_default(),
        sort: f.sort.as_str().to_owned(),
        dir: f.direction.as_str().to_owned(),
    };
    let query = f
        .query_pairs()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    ListView {
        total: page.total,
        page: f.page,
        page_count: page.page_count(),
        filter,
        query,
        statuses: super::choice_options(&page.statuses, &page.boards),
        priorities: super::choice_options(&page.priorities, &page.boards),
        categories: super::choice_options(&page.categories, &page.boards),
        can_create: page.can_create,
        now: state.clock.now(),
        items: page
            .items
            .into_iter()
            .map(|i| ListItem {
                number: i.ticket_number,
                title: i.title,
                status: i.status_name,
                is_closed: i.is_closed,
                priority: i.priority_name,
                priority_color: i.priority_color,
                category: i.category_name,
                contact: i.contact_name,
                response_state: i.response_state,
                updated_at: i.updated_at,
                due_at: i.due_at,
            })
            .collect(),
    }
}

/// The URL's filter, sort and page; a malformed one is 400.
fn parse_filter(req: &HttpRequest) -> Result<TicketFilter, PortalError> {
    let raw = web::Query::<RawTicketFilter>::from_query(req.query_string())
        .map_err(|e| PortalError::BadRequest(e.to_string()))?;
    TicketFilter::parse(&raw).map_err(|e| PortalError::BadRequest(e.to_string()))
}

/// `GET /client-portal/tickets[?status=…&sort=…&page=…]`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_tickets(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let msg = ListTickets {
        user_id: super::user_id(&user),
        filter: parse_filter(&req)?,
    };
    let page = super::ask(&state, &user, msg).await?;
    let view = list_view(&state, page);
    Ok(render::page(
        StatusCode::OK,
        Some(&user.tenant),
        &nonce.0,
        Some(crate::routes::nav(&state, &user, NavItem::Tickets).await),
        |shell| views::page(shell, &view),
        portal_views::tickets::title,
    ))
}
