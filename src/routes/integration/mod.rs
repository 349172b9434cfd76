//! The integration API (`/integration/v1/…` on the admin listener, or on its own with
//! `server.integration_bind`): the MSP's PSA feeds the
//! portal boards, statuses, priorities, categories, visibility groups, contacts' ticket access
//! and tickets, posts replies, notes and files, and pulls changed tickets; it upserts its
//! directory (client companies and contacts) and projects, invites contacts to the portal and
//! pulls the portal's directory changes. A per-tenant bearer
//! token chooses the tenant (never the path); every read and write goes to that tenant's
//! `TenantData` actor. Described in `openapi.json` (served at `/integration/v1/openapi.json`).

pub mod attachments;
pub mod auth;
pub mod billing;
pub mod catalog;
pub mod changes;
pub mod directory;
pub mod metrics;
pub mod portal_access;
pub mod project_documents;
pub mod projects;
pub mod tickets;

use actix::dev::ToEnvelope;
use actix::{Addr, Handler, Message};
use actix_web::http::StatusCode;
use actix_web::middleware::from_fn;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::{TenantData, TenantDataFor};
use portal_actors::ticket_sync::{SyncError, Upserted};
use serde::Serialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::ApiError;

/// The API's base path.
pub const BASE: &str = "/integration/v1";
/// Largest JSON body (a ticket's description or a comment may be 20,000 characters).
pub const MAX_JSON_BYTES: usize = 256 * 1024;
/// Largest `directory:batch` body (1,000 records of up to a few kilobytes each).
pub const MAX_BATCH_JSON_BYTES: usize = 8 * 1024 * 1024;
/// The OpenAPI 3.1 document of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The integration listener's routes: the API, and `404 unknown_endpoint` for any other path.
pub fn configure_own_listener(cfg: &mut web::ServiceConfig) {
    configure(cfg);
    cfg.default_service(web::to(refuse_unknown_endpoint));
}

/// Registers the API (on the admin listener, or its own).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource(format!("{BASE}/openapi.json"))
            .route(web::get().to(show_openapi))
            .default_service(web::to(refuse_method)),
    )
    .service(
        web::scope(BASE)
            .wrap(from_fn(auth::require_integration_token))
            .app_data(
                web::JsonConfig::default()
                    .limit(MAX_JSON_BYTES)
                    .error_handler(crate::errors::json_payload_error),
            )
            .service(resource("/boards").route(web::get().to(catalog::list_boards)))
            .service(resource("/boards/{board_id}").route(web::put().to(catalog::put_board)))
            .service(resource("/statuses/{status_id}").route(web::put().to(catalog::put_status)))
            .service(resource("/priorities").route(web::get().to(catalog::list_priorities)))
            .service(
                resource("/priorities/{priority_id}").route(web::put().to(catalog::put_priority)),
            )
            .service(resource("/categories").route(web::get().to(catalog::list_categories)))
            .service(
                resource("/categories/{category_id}").route(web::put().to(catalog::put_category)),
            )
            .service(resource("/visibility-groups").route(web::get().to(catalog::list_groups)))
            .service(
                resource("/visibility-groups/{group_id}").route(web::put().to(catalog::put_group)),
            )
            .service(
                resource("/contacts/{contact_id}/ticket-access")
                    .route(web::get().to(catalog::show_access))
                    .route(web::put().to(catalog::put_access)),
            )
            .service(
                resource("/clients/{client_id}")
                    .route(web::get().to(directory::show_client))
                    .route(web::put().to(directory::put_client)),
            )
            .service(
                resource("/contacts/{contact_id}")
                    .route(web::get().to(directory::show_contact))
                    .route(web::put().to(directory::put_contact)),
            )
            .service(
                resource("/directory:batch")
                    .app_data(
                        web::JsonConfig::default()
                            .limit(MAX_BATCH_JSON_BYTES)
                            .error_handler(crate::errors::json_payload_error),
                    )
                    .route(web::post().to(directory::sync_directory_batch)),
            )
            .service(
                resource("/contacts/{contact_id}/invitation")
                    .route(web::get().to(portal_access::show_portal_access))
                    .route(web::post().to(portal_access::send_invitation)),
            )
            .service(resource("/changes").route(web::get().to(changes::list_directory_changes)))
            .service(
                resource("/project-statuses/{status_id}")
                    .route(web::put().to(projects::put_project_status)),
            )
            .service(
                resource("/projects/{project_id}")
                    .route(web::get().to(projects::show_project))
                    .route(web::put().to(projects::put_project)),
            )
            .service(
                resource("/projects/{project_id}/plan")
                    .app_data(
                        web::JsonConfig::default()
                            .limit(MAX_BATCH_JSON_BYTES)
                            .error_handler(crate::errors::json_payload_error),
                    )
                    .route(web::get().to(projects::show_project_plan))
                    .route(web::put().to(projects::put_project_plan)),
            )
            .service(
                resource("/projects/{project_id}/documents")
                    .route(web::get().to(project_documents::list_project_documents))
                    .route(web::post().to(project_documents::upload_project_document)),
            )
            .service(
                resource("/projects/{project_id}/documents/{document_id}")
                    .route(web::get().to(project_documents::download_project_document)),
            )
            .service(
                resource("/invoices/{invoice_id}")
                    .app_data(
                        web::JsonConfig::default()
                            .limit(MAX_BATCH_JSON_BYTES)
                            .error_handler(crate::errors::json_payload_error),
                    )
                    .route(web::get().to(billing::show_invoice))
                    .route(web::put().to(billing::put_invoice)),
            )
            .service(
                resource("/invoices/{invoice_id}/pdf")
                    .route(web::put().to(billing::put_invoice_pdf)),
            )
            .service(
                resource("/payments/{payment_id}")
                    .route(web::get().to(billing::show_payment))
                    .route(web::put().to(billing::put_payment)),
            )
            .service(
                resource("/contracts/{contract_id}")
                    .route(web::get().to(billing::show_contract))
                    .route(web::put().to(billing::put_contract)),
            )
            .service(
                resource("/credits/{entry_id}")
                    .route(web::get().to(billing::show_credit))
                    .route(web::put().to(billing::put_credit)),
            )
            .service(
                resource("/usage/{usage_id}")
                    .route(web::get().to(billing::show_usage))
                    .route(web::put().to(billing::put_usage)),
            )
            .service(
                resource("/hour-blocks/{block_id}")
                    .route(web::get().to(billing::show_hour_block))
                    .route(web::put().to(billing::put_hour_block)),
            )
            .service(
                resource("/billable-time/{entry_id}")
                    .route(web::get().to(billing::show_billable_time))
                    .route(web::put().to(billing::put_billable_time)),
            )
            .service(resource("/tickets").route(web::get().to(tickets::list_changed_tickets)))
            .service(
                resource("/tickets/{ticket_id}")
                    .route(web::get().to(tickets::show_ticket))
                    .route(web::put().to(tickets::put_ticket)),
            )
            .service(
                resource("/tickets/{ticket_id}/comments")
                    .route(web::post().to(tickets::add_comment)),
            )
            .service(
                resource("/tickets/{ticket_id}/attachments")
                    .route(web::post().to(attachments::upload_attachment)),
            )
            .default_service(web::to(refuse_unknown_endpoint)),
    );
}

/// A resource whose other methods get `405 method_not_allowed`.
fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(refuse_method))
}

/// `404 unknown_endpoint`: no such path in the API.
#[tracing::instrument(skip_all)]
async fn refuse_unknown_endpoint() -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found("unknown_endpoint"))
}

/// `405 method_not_allowed`: the path exists, not with this method.
#[tracing::instrument(skip_all)]
async fn refuse_method() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    ))
}

/// `GET /integration/v1/openapi.json` (no token needed: it holds no data).
#[tracing::instrument(skip_all)]
async fn show_openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(OPENAPI)
}

/// 201 with the record when the upsert created it, else 200.
pub fn upserted<T: Serialize>(upserted: Upserted<T>) -> HttpResponse {
    if upserted.created {
        HttpResponse::Created().json(upserted.record)
    } else {
        HttpResponse::Ok().json(upserted.record)
    }
}

/// Sends a message to the tenant's data actor (started if it is not running).
pub async fn ask<M, T>(state: &AppState, tenant: Uuid, msg: M) -> Result<T, SyncError>
where
    M: Message<Result = Result<T, SyncError>> + Send + 'static,
    T: Send + 'static,
    TenantData: Handler<M>,
    <TenantData as actix::Actor>::Context: ToEnvelope<TenantData, M>,
{
    let addr: Addr<TenantData> = match state.tenant_data.peek(tenant) {
        Some(addr) => addr,
        None => state
            .tenant_registry
            .send(TenantDataFor(tenant))
            .await
            .map_err(|_| SyncError::Fault(portal_actors::supervision::ActorFault))??,
    };
    addr.send(msg)
        .await
        .map_err(|_| SyncError::Fault(portal_actors::supervision::ActorFault))?
}

/// A path segment that must be a UUID; refused naming `field` otherwise.
pub fn path_id(field: &str, raw: &str) -> Result<Uuid, SyncError> {
    portal_actors::ticket_sync::input::parse_path_id(field, raw)
}
