//! `POST /client-portal/tickets/{number}/close` and `…/reopen`.

use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::SetTicketOpen;
use portal_views::tickets::detail::DetailNotice;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::PortalUser;

#[derive(Deserialize)]
pub struct StateForm {
    #[serde(default)]
    csrf_token: String,
}

async fn set_open(
    state: &AppState,
    user: &PortalUser,
    raw_number: &str,
    csrf_token: &str,
    open: bool,
) -> Result<HttpResponse, PortalError> {
    let number = super::ticket_number(raw_number)?;
    crate::http::csrf::check_csrf(user, csrf_token)?;
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

pub async fn close(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<String>,
    form: web::Form<StateForm>,
) -> Result<HttpResponse, PortalError> {
    set_open(&state, &user, &path, &form.csrf_token, false).await
}

pub async fn reopen(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<String>,
    form: web::Form<StateForm>,
) -> Result<HttpResponse, PortalError> {
    set_open(&state, &user, &path, &form.csrf_token, true).await
}
