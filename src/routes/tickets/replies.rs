//! `POST /client-portal/tickets/{number}/comments` (reply) and `…/comments/{id}` (edit one's
//! own). A refused text comes back on the ticket's page with what was typed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::{AddComment, EditComment, TenantData, TicketError};
use portal_views::tickets::detail::DetailNotice;
use serde::Deserialize;
use uuid::Uuid;

use super::detail::{render_page, Extras};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{CspNonce, PortalUser};

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    body: String,
}

/// Sends a comment message. Done: to the comment `done` names on the ticket's page. A refused
/// body: the page again (400) with `extras` and why.
async fn send_comment<M, T>(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    number: String,
    msg: M,
    mut extras: Extras,
    done: impl FnOnce(T) -> (DetailNotice, String),
) -> Result<HttpResponse, PortalError>
where
    M: actix::Message<Result = Result<T, TicketError>> + Send + 'static,
    T: Send + 'static,
    TenantData: actix::Handler<M>,
{
    let addr = super::tenant_data(state, user.tenant.id).await?;
    match addr.send(msg).await.map_err(PortalError::unavailable)? {
        Ok(sent) => {
            let (notice, anchor) = done(sent);
            Ok(super::detail::after(&number, notice, &anchor))
        }
        Err(TicketError::Invalid(e)) => {
            extras.comment_error = Some(e.message.to_owned());
            let status = StatusCode::BAD_REQUEST;
            render_page(state, user, nonce, number, extras, status).await
        }
        Err(e) => Err(super::page_error(e)),
    }
}

/// `POST …/comments`: adds the user's reply to the ticket.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, ticket = %path.as_str()))]
pub async fn submit_reply(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, PortalError> {
    let number = super::ticket_number(&path)?;
    check_csrf(&user, &form.csrf_token)?;
    let body = form.into_inner().body;
    let user_id = super::user_id(&user);
    let msg = AddComment {
        user_id,
        number: number.clone(),
        body: body.clone(),
    };
    let extras = Extras {
        comment_draft: body,
        ..Extras::default()
    };
    let done = |id| (DetailNotice::Commented, format!("comment-{id}"));
    send_comment(&state, &user, &nonce, number, msg, extras, done).await
}

/// `POST …/comments/{id}`: changes one of the user's own comments.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, ticket = %path.0))]
pub async fn submit_comment_edit(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<(String, String)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, PortalError> {
    let (raw_number, raw_comment) = path.into_inner();
    let number = super::ticket_number(&raw_number)?;
    let comment_id = Uuid::parse_str(&raw_comment).map_err(|_| PortalError::NotFound)?;
    check_csrf(&user, &form.csrf_token)?;
    let body = form.into_inner().body;
    let user_id = super::user_id(&user);
    let msg = EditComment {
        user_id,
        number: number.clone(),
        comment_id,
        body: body.clone(),
    };
    let editing = Some(comment_id.to_string());
    let extras = Extras {
        editing,
        comment_draft: body,
        ..Extras::default()
    };
    let done = |()| (DetailNotice::Edited, format!("comment-{comment_id}"));
    send_comment(&state, &user, &nonce, number, msg, extras, done).await
}
