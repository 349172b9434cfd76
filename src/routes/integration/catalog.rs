//! Upserts and lists of what tickets refer to: boards, statuses, priorities, categories,
//! visibility groups, and contacts' ticket access.

use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::{
    GetTicketAccess, ListSyncBoards, ListSyncCategories, ListSyncPriorities, ListVisibilityGroups,
    SyncBoard, SyncCategory, SyncPriority, SyncStatus, SyncTicketAccess, SyncVisibilityGroup,
};
use portal_actors::ticket_sync::input::{
    BoardInput, CategoryInput, PriorityInput, StatusInput, TicketAccessInput, VisibilityGroupInput,
};
use serde_json::{json, Value};

use super::auth::Integration;
use super::{ask, ok, path_id, sync_failed, upserted};
use crate::app::AppState;

type Body = web::Json<Value>;

/// Reads `$id` from the path (400 naming `$field`) and `$input` from the body.
macro_rules! parse {
    ($field:literal, $path:expr, $input:ty, $body:expr) => {{
        let id = match path_id($field, &$path) {
            Ok(id) => id,
            Err(e) => return sync_failed(e),
        };
        match <$input>::parse($body.into_inner()) {
            Ok(input) => (id, input),
            Err(e) => return sync_failed(e),
        }
    }};
}

/// `PUT /integration/v1/boards/{board_id}`
pub async fn put_board(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> HttpResponse {
    let (board_id, board) = parse!("board_id", path, BoardInput, body);
    upserted(ask(&state, who.tenant(), SyncBoard { board_id, board }).await)
}

/// `PUT /integration/v1/statuses/{status_id}`
pub async fn put_status(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> HttpResponse {
    let (status_id, status) = parse!("status_id", path, StatusInput, body);
    upserted(ask(&state, who.tenant(), SyncStatus { status_id, status }).await)
}

/// `PUT /integration/v1/priorities/{priority_id}`
pub async fn put_priority(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> HttpResponse {
    let (priority_id, priority) = parse!("priority_id", path, PriorityInput, body);
    let msg = SyncPriority {
        priority_id,
        priority,
    };
    upserted(ask(&state, who.tenant(), msg).await)
}

/// `PUT /integration/v1/categories/{category_id}`
pub async fn put_category(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> HttpResponse {
    let (category_id, category) = parse!("category_id", path, CategoryInput, body);
    let msg = SyncCategory {
        category_id,
        category,
    };
    upserted(ask(&state, who.tenant(), msg).await)
}

/// `PUT /integration/v1/visibility-groups/{group_id}`
pub async fn put_group(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> HttpResponse {
    let (group_id, group) = parse!("group_id", path, VisibilityGroupInput, body);
    upserted(
        ask(
            &state,
            who.tenant(),
            SyncVisibilityGroup { group_id, group },
        )
        .await,
    )
}

/// `PUT /integration/v1/contacts/{contact_id}/ticket-access`
pub async fn put_access(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> HttpResponse {
    let (contact_id, access) = parse!("contact_id", path, TicketAccessInput, body);
    ok(ask(
        &state,
        who.tenant(),
        SyncTicketAccess { contact_id, access },
    )
    .await)
}

/// `GET /integration/v1/contacts/{contact_id}/ticket-access`
pub async fn show_access(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> HttpResponse {
    let contact_id = match path_id("contact_id", &path) {
        Ok(id) => id,
        Err(e) => return sync_failed(e),
    };
    ok(ask(&state, who.tenant(), GetTicketAccess { contact_id }).await)
}

/// `GET /integration/v1/boards`: every board with its statuses.
pub async fn list_boards(state: web::Data<AppState>, who: Integration) -> HttpResponse {
    match ask(&state, who.tenant(), ListSyncBoards).await {
        Ok(boards) => HttpResponse::Ok().json(json!({ "boards": boards })),
        Err(e) => sync_failed(e),
    }
}

/// `GET /integration/v1/priorities`
pub async fn list_priorities(state: web::Data<AppState>, who: Integration) -> HttpResponse {
    match ask(&state, who.tenant(), ListSyncPriorities).await {
        Ok(priorities) => HttpResponse::Ok().json(json!({ "priorities": priorities })),
        Err(e) => sync_failed(e),
    }
}

/// `GET /integration/v1/categories`
pub async fn list_categories(state: web::Data<AppState>, who: Integration) -> HttpResponse {
    match ask(&state, who.tenant(), ListSyncCategories).await {
        Ok(categories) => HttpResponse::Ok().json(json!({ "categories": categories })),
        Err(e) => sync_failed(e),
    }
}

/// `GET /integration/v1/visibility-groups`
pub async fn list_groups(state: web::Data<AppState>, who: Integration) -> HttpResponse {
    match ask(&state, who.tenant(), ListVisibilityGroups).await {
        Ok(groups) => HttpResponse::Ok().json(json!({ "visibility_groups": groups })),
        Err(e) => sync_failed(e),
    }
}
