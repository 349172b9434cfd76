//! `GET /client-portal/projects`: the company's projects, filtered, sorted and paged by the URL.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::projects::{ProjectFilter, ProjectPage, RawProjectFilter};
use portal_actors::tenant_data::ListProjects;
use portal_views::layout::NavItem;
use portal_views::projects::list::{self as views, FilterValues, ListItem, ListView, StatusOption};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

fn list_view(page: ProjectPage) -> ListView {
    let page_count = page.page_count();
    let f = &page.filter;
    ListView {
        total: page.total,
        page: f.page,
        page_count,
        filter: FilterValues {
            status: f.status.to_string(),
            q: f.search.clone().unwrap_or_default(),
            sort: f.sort.as_str().to_owned(),
            dir: f.direction.as_str().to_owned(),
        },
        query: f
            .query_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
        statuses: page
            .statuses
            .into_iter()
            .map(|s| StatusOption {
                value: s.status_id.to_string(),
                label: s.name,
            })
            .collect(),
        items: page
            .items
            .into_iter()
            .map(|i| ListItem {
                number: i.project_number,
                name: i.name,
                wbs_code: i.wbs_code,
                status: i.status_name,
                is_closed: i.status_closed,
                start_date: i.start_date,
                end_date: i.end_date,
                tasks_total: i.tasks_total,
                tasks_done: i.tasks_done,
            })
            .collect(),
    }
}

/// `GET /client-portal/projects[?status=…&q=…&sort=…&dir=…&page=…]`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_projects(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let raw = web::Query::<RawProjectFilter>::from_query(req.query_string())
        .map_err(|e| PortalError::BadRequest(e.to_string()))?;
    let filter = ProjectFilter::parse(&raw).map_err(|e| PortalError::BadRequest(e.to_string()))?;
    let msg = ListProjects {
        user_id: crate::routes::tickets::user_id(&user),
        filter,
    };
    let page = super::ask(&state, &user, msg).await?;
    let view = list_view(page);
    let nav = crate::routes::nav(&state, &user, NavItem::Projects).await;
    Ok(render::page(
        StatusCode::OK,
        Some(&user.tenant),
        &nonce.0,
        Some(nav),
        |shell| views::page(shell, &view),
        portal_views::projects::title,
    ))
}
