//! `/client-portal/tickets…`: the support-ticket pages. Every handler asks `TenantRegistry` for
//! the tenant's `TenantData` actor and sends it one message naming the signed-in user; the
//! actor decides what that user may see or do.

pub mod attachments;
pub mod create;
pub mod detail;
pub mod list;
pub mod replies;
pub mod state;
pub(crate) mod upload;

use actix::Addr;
use portal_actors::tenant_data::{TenantData, TenantDataFor, TicketError};
use portal_actors::tickets::{is_valid_ticket_number, Choice};
use portal_views::tickets::ChoiceOption;
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::PortalUser;

/// The tenant's data actor: the running one, else one the registry starts.
pub async fn tenant_data(state: &AppState, tenant: Uuid) -> Result<Addr<TenantData>, PortalError> {
    if let Some(addr) = state.tenant_data.peek(tenant) {
        return Ok(addr);
    }
    state
        .tenant_registry
        .send(TenantDataFor(tenant))
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)
}

/// Sends a message to a tenant's data actor; any failure shows as "unavailable".
pub async fn ask_tenant_data<M, T, E>(
    state: &AppState,
    tenant: Uuid,
    msg: M,
) -> Result<T, PortalError>
where
    M: actix::Message<Result = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Into<anyhow::Error> + Send + 'static,
    TenantData: actix::Handler<M>,
{
    tenant_data(state, tenant)
        .await?
        .send(msg)
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)
}

/// Sends a message to the user's tenant actor and maps its refusal to an error page.
pub async fn ask<M, T>(state: &AppState, user: &PortalUser, msg: M) -> Result<T, PortalError>
where
    M: actix::Message<Result = Result<T, TicketError>> + Send + 'static,
    T: Send + 'static,
    TenantData: actix::Handler<M>,
{
    tenant_data(state, user.tenant.id)
        .await?
        .send(msg)
        .await
        .map_err(PortalError::unavailable)?
        .map_err(page_error)
}

/// How a refusal shows: another tenant's, company's or contact's ticket is plain 404.
pub fn page_error(e: TicketError) -> PortalError {
    match e {
        TicketError::NotFound => PortalError::NotFound,
        TicketError::Forbidden(what) => PortalError::Forbidden(format!("tickets: {what}")),
        TicketError::Invalid(e) => PortalError::BadRequest(e.to_string()),
        TicketError::Conflict => PortalError::BadRequest("the ticket changed meanwhile".into()),
        e @ (TicketError::Db(_) | TicketError::Fault(_)) => PortalError::unavailable(e),
    }
}

/// The `{number}` of a ticket URL; malformed ones are simply not found.
pub fn ticket_number(raw: &str) -> Result<String, PortalError> {
    if is_valid_ticket_number(raw) {
        Ok(raw.to_owned())
    } else {
        Err(PortalError::NotFound)
    }
}

/// The signed-in user's id, which every ticket message names.
pub fn user_id(user: &PortalUser) -> Uuid {
    user.session.record.user.user_id
}

/// Choices for a select, labelled with their board's name when limited to one board.
pub fn choice_options(choices: &[Choice], boards: &[Choice]) -> Vec<ChoiceOption> {
    choices
        .iter()
        .map(|c| ChoiceOption {
            value: c.id.to_string(),
            label: c.name.clone(),
            group: c
                .board_id
                .and_then(|b| boards.iter().find(|x| x.id == b).map(|x| x.name.clone())),
        })
        .collect()
}

/// Whole megabytes of the attachment limit, for messages.
pub fn max_megabytes(state: &AppState) -> u64 {
    state.max_attachment_bytes.div_ceil(1024 * 1024)
}
