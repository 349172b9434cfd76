//! `GET /client-portal/tickets/{number}`: one ticket with its visible conversation and files.
//! Also renders the page again when a reply, an edit or an upload on it is refused.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::GetTicket;
use portal_actors::tickets::TicketDetail;
use portal_views::layout::NavItem;
use portal_views::tickets::detail::{
    self as views, AttachmentItem, CommentItem, DetailNotice, DetailView,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

/// What the page shows besides the ticket: a notice, an edit in progress, a refused form.
#[derive(Default)]
pub struct Extras {
    pub notice: Option<DetailNotice>,
    pub editing: Option<String>,
    pub comment_error: Option<String>,
    pub comment_draft: String,
    pub attach_error: Option<String>,
}

#[derive(Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    edit: Option<String>,
}

fn detail_view(state: &AppState, user: &PortalUser, d: TicketDetail, extras: Extras) -> DetailView {
    let me = super::user_id(user);
    let t = d.ticket;
    DetailView {
        csrf_token: user.session.csrf_token.clone(),
        number: t.ticket_number,
        title: t.title,
        description: t.description,
        board: t.board_name,
        status: t.status_name,
        is_closed: t.is_closed,
        priority: t.priority_name,
        priority_color: t.priority_color,
        category: t.category_name,
        company: t.client_name,
        contact: t.contact_name,
        assignee: t.assignee_name,
        response_state: t.response_state,
        entered_at: t.entered_at,
        updated_at: t.updated_at,
        closed_at: t.closed_at,
        due_at: t.due_at,
        comments: d
            .comments
            .into_iter()
            .map(|c| CommentItem {
                id: c.comment_id.to_string(),
                from_support: c.author_type == "internal",
                is_yours: c.author_type == "client" && c.author_user_id == Some(me),
                author_name: c.author_name,
                body: c.body,
                created_at: c.created_at,
                edited_at: c.edited_at,
            })
            .collect(),
        attachments: d
            .attachments
            .into_iter()
            .map(|a| AttachmentItem {
                id: a.attachment_id.to_string(),
                name: a.file_name,
                size_bytes: a.size_bytes,
                uploaded_by: a.uploaded_by_name,
                created_at: a.created_at,
            })
            .collect(),
        can_update: d.can_update,
        editing: extras.editing,
        notice: extras.notice,
        comment_error: extras.comment_error,
        comment_draft: extras.comment_draft,
        attach_error: extras.attach_error,
        max_megabytes: super::max_megabytes(state),
        max_files: state.max_files_per_upload,
        now: state.clock.now(),
    }
}

/// The ticket's page with `extras`, answered with `status`.
pub async fn render_page(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    number: String,
    extras: Extras,
    status: StatusCode,
) -> Result<HttpResponse, PortalError> {
    let detail = super::ask(
        state,
        user,
        GetTicket {
            user_id: super::user_id(user),
            number,
        },
    )
    .await?;
    let view = detail_view(state, user, detail, extras);
    Ok(render::page(
        status,
        Some(&user.tenant),
        &nonce.0,
        Some(crate::routes::nav(state, user, NavItem::Tickets).await),
        |shell| views::page(shell, &view),
        |_| view.number.clone(),
    ))
}

/// `GET /client-portal/tickets/{number}[?done=…|?edit=…]`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, ticket = %path.as_str()))]
pub async fn show_ticket(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, PortalError> {
    let number = super::ticket_number(&path)?;
    let query = query.into_inner();
    let extras = Extras {
        notice: query.done.as_deref().and_then(DetailNotice::parse),
        editing: query.edit.filter(|e| uuid::Uuid::parse_str(e).is_ok()),
        ..Extras::default()
    };
    render_page(&state, &user, &nonce, number, extras, StatusCode::OK).await
}

/// Where a form on the ticket's page leads after it worked.
pub fn after(number: &str, notice: DetailNotice, anchor: &str) -> HttpResponse {
    render::see_other(&format!(
        "{}?done={}#{anchor}",
        portal_views::tickets::ticket_path(number),
        notice.as_str()
    ))
}
