//! `POST /integration/v1/tickets/{ticket_id}/attachments?file_name=…&client_visible=…`: the raw
//! file as the body, streamed into the attachment store within the size limit. Past the limit
//! `413 too_large`, no bytes `400 empty`; either way nothing is left behind.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use portal_actors::attachments::UploadError;
use portal_actors::tenant_data::{RecordInternalAttachment, SyncedTicketExists};
use portal_actors::ticket_sync::input::parse_name;
use portal_actors::ticket_sync::SyncError;
use portal_actors::tickets::{clean_file_name, StoredFile};
use serde_json::json;

use super::auth::Integration;
use super::{ask, path_id, sync_failed};
use crate::app::AppState;

/// The uploader's name shown when the PSA gives none.
pub const DEFAULT_UPLOADER: &str = "Service desk";
/// Longest `Content-Type` kept; a longer or odd one is stored as `application/octet-stream`.
const MAX_CONTENT_TYPE_LEN: usize = 100;

/// What the query string says about the file.
struct FileParams {
    file_name: String,
    client_visible: bool,
    uploaded_by: String,
}

fn params(req: &HttpRequest) -> Result<FileParams, SyncError> {
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
fn content_type(req: &HttpRequest) -> String {
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

fn upload_failed(state: &AppState, e: UploadError) -> HttpResponse {
    match e {
        UploadError::TooLarge { limit } => {
            count(state, "too_large");
            HttpResponse::PayloadTooLarge().json(json!({
                "error": "too_large",
                "message": format!("the file is larger than {limit} bytes"),
                "limit_bytes": limit,
            }))
        }
        UploadError::Empty => {
            count(state, "empty");
            HttpResponse::BadRequest()
                .json(json!({ "error": "empty", "message": "the file is empty" }))
        }
        UploadError::Io(e) => {
            count(state, "error");
            super::unavailable(&e)
        }
    }
}

fn refused(state: &AppState, e: SyncError) -> HttpResponse {
    count(state, e.outcome());
    sync_failed(e)
}

#[tracing::instrument(skip_all, fields(ticket = %path))]
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    mut payload: web::Payload,
) -> HttpResponse {
    let ticket_id = match path_id("ticket_id", &path) {
        Ok(id) => id,
        Err(e) => return sync_failed(e),
    };
    let file = match params(&req) {
        Ok(p) => p,
        Err(e) => return refused(&state, e),
    };
    match ask(&state, who.tenant(), SyncedTicketExists { ticket_id }).await {
        Ok(true) => {}
        Ok(false) => return refused(&state, SyncError::NotFound),
        Err(e) => return refused(&state, e),
    }
    let limit = state.max_attachment_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return upload_failed(&state, UploadError::TooLarge { limit });
    }
    let mut pending = match state.attachments.begin(limit).await {
        Ok(p) => p,
        Err(e) => return upload_failed(&state, e),
    };
    while let Some(chunk) = payload.next().await {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => {
                tracing::info!(error = %e, "attachment upload interrupted");
                count(&state, "invalid");
                return HttpResponse::build(StatusCode::BAD_REQUEST).json(
                    json!({ "error": "invalid_body", "message": "the upload was interrupted" }),
                );
            }
        };
        if let Err(e) = pending.write(&chunk).await {
            return upload_failed(&state, e);
        }
    }
    let blob = match pending.finish(&state.attachments).await {
        Ok(b) => b,
        Err(e) => return upload_failed(&state, e),
    };
    let stored = StoredFile {
        file_name: file.file_name,
        content_type: content_type(&req),
        size_bytes: i64::try_from(blob.size_bytes).unwrap_or(i64::MAX),
        content_hash: blob.content_hash.clone(),
    };
    let msg = RecordInternalAttachment {
        ticket_id,
        file: stored,
        client_visible: file.client_visible,
        uploaded_by: file.uploaded_by,
    };
    match ask(&state, who.tenant(), msg).await {
        Ok(attachment) => {
            count(&state, "success");
            HttpResponse::Created().json(attachment)
        }
        Err(e) => {
            // Not recorded: its contents go unless another attachment shares them.
            let hashes = [blob.content_hash];
            if let Err(cleanup) = state
                .attachments
                .forget_unreferenced(&state.services.db, &hashes)
                .await
            {
                crate::errors::log_error(&cleanup);
            }
            refused(&state, e)
        }
    }
}
