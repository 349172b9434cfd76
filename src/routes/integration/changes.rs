//! The directory changes feed through the integration API: what changed in the portal's
//! directory (users invited, activated, deactivated and reactivated, role changes, profile and
//! company edits), oldest first, for the PSA to mirror. Tickets have their own feed.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::directory_changes::ChangesQuery;
use portal_actors::tenant_data::DirectoryChanges;
use portal_actors::ticket_sync::SyncError;

use super::ask;
use super::auth::Integration;
use crate::app::AppState;
use crate::errors::ApiError;

/// The feed's `after` and `limit` (others are ignored).
fn changes_query(req: &HttpRequest) -> Result<ChangesQuery, SyncError> {
    let (mut after, mut limit) = (None, None);
    for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        match key.as_ref() {
            "after" => after = Some(value.into_owned()),
            "limit" => limit = Some(value.into_owned()),
            _ => {}
        }
    }
    ChangesQuery::parse(after.as_deref(), limit.as_deref())
}

/// `GET /integration/v1/changes?after=&limit=`: the next page of directory changes.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant()))]
pub async fn list_directory_changes(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Integration,
) -> Result<HttpResponse, ApiError> {
    let query = changes_query(&req)?;
    let page = ask(&state, who.tenant(), DirectoryChanges { query }).await?;
    Ok(HttpResponse::Ok().json(page))
}
