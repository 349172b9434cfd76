//! `POST /integration/v1/tickets/{ticket_id}/attachments?file_name=…&client_visible=…`: the raw
//! file as the body, streamed into the attachment store within the size limit. Past the limit
//! `413 too_large`, no bytes `400 empty`, no room left on the attachments disk
//! `507 storage_full`; whichever, nothing is left behind.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use portal_actors::attachments::{StoredBlob, UploadError};
use portal_actors::tenant_data::{RecordInternalAttachment, SyncedTicketExists};
use portal_actors::ticket_sync::input::parse_name;
use portal_actors::ticket_sync::{SyncAttachment, SyncError};
use portal_actors::tickets::{clean_file_name, StoredFile};
use prometheus::IntCounterVec;
use uuid::Uuid;

use super::auth::Integration;
use super::{ask, path_id};
use crate::app::AppState;
use crate::errors::ApiError;

/// The uploader's name shown when the PSA gives none.
pub const DEFAULT_UPLOADER: &str = "Service desk";
/// Longest `Content-Type` kept; a longer or odd one is stored as `application/octet-stream`.
const MAX_CONTENT_TYPE_LEN: usize = 100;

/// What the query string says about the file.
pub(super) struct FileParams {
    pub file_name: String,
    pub client_visible: bool,
    pub uploaded_by: String,
}

pub(super) fn params(req: &HttpRequest) -> Result<FileParams, SyncError> {
    let (mut name, mut visible, mut by) = (None, None, None);
    for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        match key.as_ref() {
            "file_name" => name = Some(value.into_owned()),
            "client_visible" => visible = Some(value.into_owned()),
            "uploaded_by" => by = Some(value.into_owned()),
            _ => {}
        }
    }
    let file_name = clean_file_name(name.as_deref().unwrap_or(""))
        .ok_or_else(|| SyncError::invalid("file_name", "required (a file name)"))?;
    // Hidden unless the PSA says clients may see it.
    let client_visible = match visible.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(SyncError::invalid(
                "client_visible",
                "must be true or false",
            ))
        }
    };
    let uploaded_by = match by.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => DEFAULT_UPLOADER.to_owned(),
        Some(raw) => parse_name("uploaded_by", raw)?,
    };
    Ok(FileParams {
        file_name,
        client_visible,
        uploaded_by,
    })
}

/// The request's media type if it looks like one (`type/subtype[; params]`, printable ASCII).
pub(super) fn content_type(req: &HttpRequest) -> String {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| {
            v.len() <= MAX_CONTENT_TYPE_LEN
                && v.contains('/')
                && v.bytes()
                    .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
        })
        .unwrap_or("application/octet-stream")
        .to_owned()
}

fn count(state: &AppState, outcome: &str) {
    state
        .metrics
        .attachments_uploaded
        .with_label_values(&[outcome])
        .inc();
}

fn upload_failed(counter: &IntCounterVec, e: UploadError) -> ApiError {
    let count = |outcome: &str| counter.with_label_values(&[outcome]).inc();
    match e {
        UploadError::TooLarge { limit } => {
            count("too_large");
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large")
                .with_message(format!("the file is larger than {limit} bytes"))
                .with_extra("limit_bytes", limit)
        }
        UploadError::Empty => {
            count("empty");
            ApiError::bad_request("empty").with_message("the file is empty")
        }
        UploadError::NoSpace { .. } => {
            count("storage_full");
            ApiError::new(StatusCode::INSUFFICIENT_STORAGE, "storage_full").with_message(
                "there is no room to store files right now; nothing was stored, try again later",
            )
        }
        e @ UploadError::Io(_) => {
            count("error");
            ApiError::unavailable(e)
        }
    }
}

fn refused(state: &AppState, e: SyncError) -> ApiError {
    count(state, e.outcome());
    e.into()
}

/// Refuses (`404 not_found`) unless the tenant has this synced ticket.
async fn ensure_ticket(state: &AppState, tenant: Uuid, ticket_id: Uuid) -> Result<(), ApiError> {
    match ask(state, tenant, SyncedTicketExists { ticket_id }).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(refused(state, SyncError::NotFound)),
        Err(e) => Err(refused(state, e)),
    }
}

/// Streams the body into the attachment store, refusing it past the size limit (outcomes
/// counted in `counter`).
pub(super) async fn receive(
    state: &AppState,
    counter: &IntCounterVec,
    req: &HttpRequest,
    mut payload: web::Payload,
) -> Result<StoredBlob, ApiError> {
    let limit = state.max_attachment_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(upload_failed(counter, UploadError::TooLarge { limit }));
    }
    let failed = |e| upload_failed(counter, e);
    let mut pending = state.attachments.begin(limit).await.map_err(failed)?;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            tracing::info!(error = %e, "attachment upload interrupted");
            counter.with_label_values(&["invalid"]).inc();
            ApiError::bad_request("invalid_body").with_message("the upload was interrupted")
        })?;
        pending.write(&chunk).await.map_err(failed)?;
    }
    pending.finish(&state.attachments).await.map_err(failed)
}

/// Records the attachment; when that fails its contents go, unless another attachment shares them.
async fn record(
    state: &AppState,
    tenant: Uuid,
    msg: RecordInternalAttachment,
) -> Result<SyncAttachment, ApiError> {
    let hash = msg.file.content_hash.clone();
    match ask(state, tenant, msg).await {
        Ok(attachment) => Ok(attachment),
        Err(e) => {
            let db = &state.services.db;
            if let Err(cleanup) = state.attachments.forget_unreferenced(db, &[hash]).await {
                crate::errors::log_error(&cleanup);
            }
            Err(refused(state, e))
        }
    }
}

/// `POST /integration/v1/tickets/{ticket_id}/attachments`: 201 with the recorded attachment.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), ticket = %path))]
pub async fn upload_attachment(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let ticket_id = path_id("ticket_id", &path)?;
    let file = params(&req).map_err(|e| refused(&state, e))?;
    ensure_ticket(&state, who.tenant(), ticket_id).await?;
    let blob = receive(&state, &state.metrics.attachments_uploaded, &req, payload).await?;
    let stored = StoredFile {
        file_name: file.file_name,
        content_type: content_type(&req),
        size_bytes: i64::try_from(blob.size_bytes).unwrap_or(i64::MAX),
        content_hash: blob.content_hash,
    };
    let msg = RecordInternalAttachment {
        ticket_id,
        file: stored,
        client_visible: file.client_visible,
        uploaded_by: file.uploaded_by,
    };
    let attachment = record(&state, who.tenant(), msg).await?;
    count(&state, "success");
    Ok(HttpResponse::Created().json(attachment))
}
