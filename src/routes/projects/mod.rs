//! `/client-portal/projects…`: the project pages. Like the ticket pages, every handler sends
//! the tenant's `TenantData` actor one message naming the signed-in user; the actor decides
//! what that user may see (`project:read`, `project:upload`, their company) and reads only the
//! fields the project shows.

pub mod detail;
pub mod documents;
pub mod list;

use portal_actors::projects::is_valid_project_number;
use portal_actors::tenant_data::{ProjectError, TenantData};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::PortalUser;

/// Sends a message to the user's tenant actor and maps its refusal to an error page.
pub async fn ask<M, T>(state: &AppState, user: &PortalUser, msg: M) -> Result<T, PortalError>
where
    M: actix::Message<Result = Result<T, ProjectError>> + Send + 'static,
    T: Send + 'static,
    TenantData: actix::Handler<M>,
{
    crate::routes::tickets::tenant_data(state, user.tenant.id)
        .await?
        .send(msg)
        .await
        .map_err(PortalError::unavailable)?
        .map_err(page_error)
}

/// Another tenant's or company's project (or document) is plain 404.
pub fn page_error(e: ProjectError) -> PortalError {
    match e {
        ProjectError::NotFound => PortalError::NotFound,
        ProjectError::Forbidden(what) => PortalError::Forbidden(format!("projects: {what}")),
        e @ (ProjectError::Db(_) | ProjectError::Fault(_)) => PortalError::unavailable(e),
    }
}

/// The `{number}` of a project URL; malformed ones are simply not found.
pub fn project_number(raw: &str) -> Result<String, PortalError> {
    if is_valid_project_number(raw) {
        Ok(raw.to_owned())
    } else {
        Err(PortalError::NotFound)
    }
}
