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

/// Sends a comment message; a refused body comes back as `Ok(Err(why))` for the page.
async fn send_comment<M, T>(
    state: &AppState,
    user: &PortalUser,
    msg: M,
) -> Result<Result<T, &'static str>, PortalError>
where
    M: actix::Message<Result = Result<T, TicketError>> + Send + 'static,
    T: Send + 'static,
    TenantData: actix::Handler<M>,
{
    let addr = super::tenant_data(state, user.tenant.id).await?;
    match addr.send(msg).await.map_err(PortalError::unavailable)? {
        Ok(done) => Ok(Ok(done)),
        Err(TicketError::Invalid(e)) => Ok(Err(e.message)),
        Err(e) => Err(super::page_error(e)),
    }
}

/// The ticket's page again (400) with what was typed and why it was refused.
async fn refuse(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    number: String,
    mut extras: Extras,
    why: &str,
) -> Result<HttpResponse, PortalError> {
    extras.comment_error = Some(why.to_owned());
    render_page(state, user, nonce, number, extras, StatusCode::BAD_REQUEST).await
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
    let msg = AddComment {
        user_id: super::user_id(&user),
        number: number.clone(),
        body: body.clone(),
    };
    match send_comment(&state, &user, msg).await? {
        Ok(id) => {
            let anchor = format!("comment-{id}");
            Ok(super::detail::after(
                &number,
                DetailNotice::Commented,
                &anchor,
            ))
        }
        Err(why) => {
            let extras = Extras {
                comment_draft: body,
                ..Extras::default()
            };
            refuse(&state, &user, &nonce, number, extras, why).await
        }
    }
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
    let msg = EditComment {
        user_id: super::user_id(&user),
        number: number.clone(),
        comment_id,
        body: body.clone(),
    };
    match send_comment(&state, &user, msg).await? {
        Ok(()) => {
            let anchor = format!("comment-{comment_id}");
            Ok(super::detail::after(&number, DetailNotice::Edited, &anchor))
        }
        Err(why) => {
            let editing = Some(comment_id.to_string());
            let comment_draft = body;
            let extras = Extras {
                editing,
                comment_draft,
                ..Extras::default()
            };
            refuse(&state, &user, &nonce, number, extras, why).await
        }
    }
}
