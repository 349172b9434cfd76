//! Tickets through the integration API: upsert, the changed-tickets feed, one ticket with its
//! whole conversation, and MSP replies and internal notes.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::tenant_data::{
    GetSyncedTicket, PostInternalComment, SyncTicketUpsert, TicketChanges,
};
use portal_actors::ticket_sync::input::{CommentInput, FeedQuery, TicketInput};
use portal_actors::ticket_sync::SyncError;
use serde_json::Value;

use super::auth::Integration;
use super::{ask, path_id, upserted};
use crate::app::AppState;
use crate::errors::ApiError;

/// `PUT /integration/v1/tickets/{ticket_id}`: 201 when created, 200 when replaced (or unchanged).
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), ticket = %path))]
pub async fn put_ticket(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let ticket_id = path_id("ticket_id", &path)?;
    let ticket = TicketInput::parse(body.into_inner())?;
    let msg = SyncTicketUpsert { ticket_id, ticket };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// The feed's `updated_since`, `cursor` and `limit` (others are ignored).
fn feed_query(req: &HttpRequest) -> Result<FeedQuery, SyncError> {
    let (mut since, mut cursor, mut limit) = (None, None, None);
    for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        match key.as_ref() {
            "updated_since" => since = Some(value.into_owned()),
            "cursor" => cursor = Some(value.into_owned()),
            "limit" => limit = Some(value.into_owned()),
            _ => {}
        }
    }
    FeedQuery::parse(since.as_deref(), cursor.as_deref(), limit.as_deref())
}

/// `GET /integration/v1/tickets?updated_since=&cursor=&limit=`: changed tickets, oldest first.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant()))]
pub async fn list_changed_tickets(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Integration,
) -> Result<HttpResponse, ApiError> {
    let query = feed_query(&req)?;
    let changes = ask(&state, who.tenant(), TicketChanges { query }).await?;
    Ok(HttpResponse::Ok().json(changes))
}

/// `GET /integration/v1/tickets/{ticket_id}`: every field, comment and attachment.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), ticket = %path))]
pub async fn show_ticket(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let ticket_id = path_id("ticket_id", &path)?;
    let ticket = ask(&state, who.tenant(), GetSyncedTicket { ticket_id }).await?;
    Ok(HttpResponse::Ok().json(ticket))
}

/// `POST /integration/v1/tickets/{ticket_id}/comments`: 201 when added, 200 for a replay.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), ticket = %path))]
pub async fn add_comment(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let ticket_id = path_id("ticket_id", &path)?;
    let comment = CommentInput::parse(body.into_inner())?;
    let msg = PostInternalComment { ticket_id, comment };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}
