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
use super::{ask, path_id, upserted};
use crate::app::AppState;
use crate::errors::ApiError;

type Body = web::Json<Value>;

/// `PUT /integration/v1/boards/{board_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), board = %path))]
pub async fn put_board(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let board_id = path_id("board_id", &path)?;
    let board = BoardInput::parse(body.into_inner())?;
    let msg = SyncBoard { board_id, board };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `PUT /integration/v1/statuses/{status_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), status = %path))]
pub async fn put_status(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let status_id = path_id("status_id", &path)?;
    let status = StatusInput::parse(body.into_inner())?;
    let msg = SyncStatus { status_id, status };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `PUT /integration/v1/priorities/{priority_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), priority = %path))]
pub async fn put_priority(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let priority_id = path_id("priority_id", &path)?;
    let priority = PriorityInput::parse(body.into_inner())?;
    let msg = SyncPriority {
        priority_id,
        priority,
    };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `PUT /integration/v1/categories/{category_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), category = %path))]
pub async fn put_category(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let category_id = path_id("category_id", &path)?;
    let category = CategoryInput::parse(body.into_inner())?;
    let msg = SyncCategory {
        category_id,
        category,
    };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `PUT /integration/v1/visibility-groups/{group_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), group = %path))]
pub async fn put_group(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let group_id = path_id("group_id", &path)?;
    let group = VisibilityGroupInput::parse(body.into_inner())?;
    let msg = SyncVisibilityGroup { group_id, group };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `PUT /integration/v1/contacts/{contact_id}/ticket-access`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), contact = %path))]
pub async fn put_access(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let contact_id = path_id("contact_id", &path)?;
    let access = TicketAccessInput::parse(body.into_inner())?;
    let msg = SyncTicketAccess { contact_id, access };
    Ok(HttpResponse::Ok().json(ask(&state, who.tenant(), msg).await?))
}

/// `GET /integration/v1/contacts/{contact_id}/ticket-access`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), contact = %path))]
pub async fn show_access(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let contact_id = path_id("contact_id", &path)?;
    let access = ask(&state, who.tenant(), GetTicketAccess { contact_id }).await?;
    Ok(HttpResponse::Ok().json(access))
}

/// `GET /integration/v1/boards`: every board with its statuses.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant()))]
pub async fn list_boards(
    state: web::Data<AppState>,
    who: Integration,
) -> Result<HttpResponse, ApiError> {
    let boards = ask(&state, who.tenant(), ListSyncBoards).await?;
    Ok(HttpResponse::Ok().json(json!({ "boards": boards })))
}

/// `GET /integration/v1/priorities`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant()))]
pub async fn list_priorities(
    state: web::Data<AppState>,
    who: Integration,
) -> Result<HttpResponse, ApiError> {
    let priorities = ask(&state, who.tenant(), ListSyncPriorities).await?;
    Ok(HttpResponse::Ok().json(json!({ "priorities": priorities })))
}

/// `GET /integration/v1/categories`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant()))]
pub async fn list_categories(
    state: web::Data<AppState>,
    who: Integration,
) -> Result<HttpResponse, ApiError> {
    let categories = ask(&state, who.tenant(), ListSyncCategories).await?;
    Ok(HttpResponse::Ok().json(json!({ "categories": categories })))
}

/// `GET /integration/v1/visibility-groups`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant()))]
pub async fn list_groups(
    state: web::Data<AppState>,
    who: Integration,
) -> Result<HttpResponse, ApiError> {
    let groups = ask(&state, who.tenant(), ListVisibilityGroups).await?;
    Ok(HttpResponse::Ok().json(json!({ "visibility_groups": groups })))
}
