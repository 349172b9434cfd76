//! Tickets through the integration API: upsert, the changed-tickets feed, one ticket with its
//! whole conversation, and MSP replies and internal notes.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::tenant_data::{
    GetSyncedTicket, PostInternalComment, SyncTicketUpsert, TicketChanges,
};
use portal_actors::ticket_sync::input::{CommentInput, FeedQuery, TicketInput};
use serde_json::Value;

use super::auth::Integration;
use super::{ask, ok, path_id, sync_failed, upserted};
use crate::app::AppState;

/// `PUT /integration/v1/tickets/{ticket_id}`: 201 when created, 200 when replaced (or unchanged).
#[tracing::instrument(skip_all, fields(ticket = %path))]
pub async fn put(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> HttpResponse {
    let ticket_id = match path_id("ticket_id", &path) {
        Ok(id) => id,
        Err(e) => return sync_failed(e),
    };
    let ticket = match TicketInput::parse(body.into_inner()) {
        Ok(t) => t,
        Err(e) => return sync_failed(e),
    };
    upserted(ask(&state, who.tenant(), SyncTicketUpsert { ticket_id, ticket }).await)
}

/// `GET /integration/v1/tickets?updated_since=&cursor=&limit=`: changed tickets, oldest first.
pub async fn feed(req: HttpRequest, state: web::Data<AppState>, who: Integration) -> HttpResponse {
    let (mut since, mut cursor, mut limit) = (None, None, None);
    for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        match key.as_ref() {
            "updated_since" => since = Some(value.into_owned()),
            "cursor" => cursor = Some(value.into_owned()),
            "limit" => limit = Some(value.into_owned()),
            _ => {}
        }
    }
    let query = match FeedQuery::parse(since.as_deref(), cursor.as_deref(), limit.as_deref()) {
        Ok(q) => q,
        Err(e) => return sync_failed(e),
    };
    ok(ask(&state, who.tenant(), TicketChanges { query }).await)
}

/// `GET /integration/v1/tickets/{ticket_id}`: every field, comment and attachment.
pub async fn show(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> HttpResponse {
    let ticket_id = match path_id("ticket_id", &path) {
        Ok(id) => id,
        Err(e) => return sync_failed(e),
    };
    ok(ask(&state, who.tenant(), GetSyncedTicket { ticket_id }).await)
}

/// `POST /integration/v1/tickets/{ticket_id}/comments`: 201 when added, 200 for a replay.
#[tracing::instrument(skip_all, fields(ticket = %path))]
pub async fn comment(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> HttpResponse {
    let ticket_id = match path_id("ticket_id", &path) {
        Ok(id) => id,
        Err(e) => return sync_failed(e),
    };
    let comment = match CommentInput::parse(body.into_inner()) {
        Ok(c) => c,
        Err(e) => return sync_failed(e),
    };
    upserted(
        ask(
            &state,
            who.tenant(),
            PostInternalComment { ticket_id, comment },
        )
        .await,
    )
}
