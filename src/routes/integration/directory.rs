//! The MSP's directory through the integration API: client companies and contacts upserted
//! under the PSA's ids (guarded by `version`), read back, and synced in batches of up to 1,000
//! records, all or nothing. What a committed change asks of other actors (sessions to end,
//! audit, mail) is done by `directory::settle` before the answer.

use actix_web::{web, HttpResponse};
use portal_actors::directory::batch::BatchOutcome;
use portal_actors::directory::input::{parse_batch, ClientInput, ContactInput};
use portal_actors::directory::settle::settle;
use portal_actors::tenant_data::{
    GetClient, GetContact, SyncClient, SyncContact, SyncDirectoryBatch,
};
use serde_json::{json, Value};

use super::auth::Integration;
use super::{ask, path_id, upserted};
use crate::app::AppState;
use crate::errors::ApiError;

type Body = web::Json<Value>;

/// `PUT /integration/v1/clients/{client_id}`: 201 created, 200 replaced or unchanged.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), client = %path))]
pub async fn put_client(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let client_id = path_id("client_id", &path)?;
    let client = ClientInput::parse(body.into_inner())?;
    let written = ask(&state, who.tenant(), SyncClient { client_id, client }).await?;
    settle(
        &state.services,
        &state.mailer,
        who.tenant(),
        &written.effects,
    )
    .await?;
    Ok(upserted(written.upserted))
}

/// `GET /integration/v1/clients/{client_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), client = %path))]
pub async fn show_client(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let client_id = path_id("client_id", &path)?;
    let client = ask(&state, who.tenant(), GetClient { client_id }).await?;
    Ok(HttpResponse::Ok().json(client))
}

/// `PUT /integration/v1/contacts/{contact_id}`: 201 created, 200 replaced or unchanged.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), contact = %path))]
pub async fn put_contact(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let contact_id = path_id("contact_id", &path)?;
    let contact = ContactInput::parse(body.into_inner())?;
    let msg = SyncContact {
        contact_id,
        contact,
    };
    let written = ask(&state, who.tenant(), msg).await?;
    settle(
        &state.services,
        &state.mailer,
        who.tenant(),
        &written.effects,
    )
    .await?;
    Ok(upserted(written.upserted))
}

/// `GET /integration/v1/contacts/{contact_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), contact = %path))]
pub async fn show_contact(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let contact_id = path_id("contact_id", &path)?;
    let contact = ask(&state, who.tenant(), GetContact { contact_id }).await?;
    Ok(HttpResponse::Ok().json(contact))
}

/// `POST /integration/v1/directory:batch`: 200 with each item's summary, or every refused
/// item named by index (nothing written).
#[tracing::instrument(skip_all, fields(tenant = %who.tenant()))]
pub async fn sync_directory_batch(
    state: web::Data<AppState>,
    who: Integration,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let items = parse_batch(body.into_inner())??;
    match ask(&state, who.tenant(), SyncDirectoryBatch { items }).await? {
        BatchOutcome::Done { items, effects } => {
            settle(&state.services, &state.mailer, who.tenant(), &effects).await?;
            Ok(HttpResponse::Ok().json(json!({ "items": items })))
        }
        BatchOutcome::Refused(refusal) => Err(refusal.into()),
    }
}
