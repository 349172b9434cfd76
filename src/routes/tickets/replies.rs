//! `POST /client-portal/tickets/{number}/comments` (reply) and `…/comments/{id}` (edit one's
//! own). A refused text comes back on the ticket's page with what was typed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::{AddComment, EditComment, TicketError};
use portal_views::tickets::detail::DetailNotice;
use serde::Deserialize;
use uuid::Uuid;

use super::detail::{render_page, Extras};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    body: String,
}

/// Sends the message; an invalid body re-renders the page (400) with `extras`.
#[allow(clippy::too_many_arguments)]
async fn submit<M>(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    number: String,
    msg: M,
    mut extras: Extras,
    done: DetailNotice,
    anchor: String,
) -> Result<HttpResponse, PortalError>
where
    M: actix::Message<Result = Result<(), TicketError>> + Send + 'static,
    portal_actors::tenant_data::TenantData: actix::Handler<M>,
{
    let addr = super::tenant_data(state, user.tenant.id).await?;
    match addr.send(msg).await.map_err(PortalError::unavailable)? {
        Ok(()) => Ok(super::detail::after(&number, done, &anchor)),
        Err(TicketError::Invalid(e)) => {
            extras.comment_error = Some(e.message.to_owned());
            render_page(state, user, nonce, number, extras, StatusCode::BAD_REQUEST).await
        }
        Err(e) => Err(super::page_error(e)),
    }
}

#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn add(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, PortalError> {
    let number = super::ticket_number(&path)?;
    crate::http::csrf::check_csrf(&user, &form.csrf_token)?;
    let form = form.into_inner();
    let msg = AddComment {
        user_id: super::user_id(&user),
        number: number.clone(),
        body: form.body.clone(),
    };
    let addr = super::tenant_data(&state, user.tenant.id).await?;
    match addr.send(msg).await.map_err(PortalError::unavailable)? {
        Ok(id) => Ok(super::detail::after(
            &number,
            DetailNotice::Commented,
            &format!("comment-{id}"),
        )),
        Err(TicketError::Invalid(e)) => {
            let extras = Extras {
                comment_error: Some(e.message.to_owned()),
                comment_draft: form.body,
                ..Extras::default()
            };
            render_page(
                &state,
                &user,
                &nonce,
                number,
                extras,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
        Err(e) => Err(super::page_error(e)),
    }
}

#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn edit(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<(String, String)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, PortalError> {
    let (raw_number, raw_comment) = path.into_inner();
    let number = super::ticket_number(&raw_number)?;
    let comment_id = Uuid::parse_str(&raw_comment).map_err(|_| PortalError::NotFound)?;
    crate::http::csrf::check_csrf(&user, &form.csrf_token)?;
    let form = form.into_inner();
    let msg = EditComment {
        user_id: super::user_id(&user),
        number: number.clone(),
        comment_id,
        body: form.body.clone(),
    };
    let extras = Extras {
        editing: Some(comment_id.to_string()),
        comment_draft: form.body,
        ..Extras::default()
    };
    submit(
        &state,
        &user,
        &nonce,
        number,
        msg,
        extras,
        DetailNotice::Edited,
        format!("comment-{comment_id}"),
    )
    .await
}
