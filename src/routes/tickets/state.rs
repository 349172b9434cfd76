//! `POST /client-portal/tickets/{number}/close` and `…/reopen`.

use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::SetTicketOpen;
use portal_views::tickets::detail::DetailNotice;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::PortalUser;

#[derive(Deserialize)]
pub struct StateForm {
    #[serde(default)]
    csrf_token: String,
}

/// Closes or reopens the ticket; one already in that state is simply shown.
async fn set_open(
    state: &AppState,
    user: &PortalUser,
    raw_number: &str,
    csrf_token: &str,
    open: bool,
) -> Result<HttpResponse, PortalError> {
    let number = super::ticket_number(raw_number)?;
    check_csrf(user, csrf_token)?;
    let msg = SetTicketOpen {
        user_id: super::user_id(user),
        number: number.clone(),
        open,
    };
    match super::ask(state, user, msg).await {
        // Already in that state (a second click, another tab): show the ticket as it is.
        Ok(()) | Err(PortalError::BadRequest(_)) => {}
        Err(e) => return Err(e),
    }
    let notice = if open {
        DetailNotice::Reopened
    } else {
        DetailNotice::Closed
    };
    Ok(super::detail::after(&number, notice, "main"))
}

/// `POST …/close`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, ticket = %path.as_str()))]
pub async fn close_ticket(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<String>,
    form: web::Form<StateForm>,
) -> Result<HttpResponse, PortalError> {
    set_open(&state, &user, &path, &form.csrf_token, false).await
}

/// `POST …/reopen`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, ticket = %path.as_str()))]
pub async fn reopen_ticket(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<String>,
    form: web::Form<StateForm>,
) -> Result<HttpResponse, PortalError> {
    set_open(&state, &user, &path, &form.csrf_token, true).await
}
