//! `POST /integration/v1/projects/{project_id}/documents?file_name=…&client_visible=…
//! [&task_id=…][&uploaded_by=…]`: the raw file as the body, streamed into the attachment store
//! (the one ticket attachments use) within the size limit; nothing is left behind when refused.
//! `GET …/documents` lists every document of the project (clients' uploads included) and
//! `GET …/documents/{document_id}` downloads one, so the PSA can mirror what clients add.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::project_sync::NewDocument;
use portal_actors::tenant_data::{
    GetSyncDocument, GetSyncProject, ListSyncDocuments, RecordProjectDocument,
};
use portal_actors::ticket_sync::SyncError;
use portal_actors::tickets::StoredFile;
use uuid::Uuid;

use super::attachments::{content_type, params, receive};
use super::auth::Integration;
use super::{ask, path_id};
use crate::app::AppState;
use crate::errors::ApiError;

fn refused(state: &AppState, e: SyncError) -> ApiError {
    state
        .metrics
        .project_documents_uploaded
        .with_label_values(&[e.outcome()])
        .inc();
    e.into()
}

/// The optional `task_id` of the query string.
fn task_id(req: &HttpRequest) -> Result<Option<Uuid>, SyncError> {
    let raw = url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == "task_id")
        .map(|(_, v)| v.into_owned());
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Uuid::parse_str(v)
            .map(Some)
            .map_err(|_| SyncError::invalid("task_id", "must be a UUID")),
    }
}

/// `POST /integration/v1/projects/{project_id}/documents`: 201 with the recorded document.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), project = %path))]
pub async fn upload_project_document(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let project_id = path_id("project_id", &path)?;
    let file = params(&req).map_err(|e| refused(&state, e))?;
    let task_id = task_id(&req).map_err(|e| refused(&state, e))?;
    ask(&state, who.tenant(), GetSyncProject { project_id })
        .await
        .map_err(|e| refused(&state, e))?;
    let counter = &state.metrics.project_documents_uploaded;
    let blob = receive(&state, counter, &req, payload).await?;
    let stored = StoredFile {
        file_name: file.file_name,
        content_type: content_type(&req),
        size_bytes: i64::try_from(blob.size_bytes).unwrap_or(i64::MAX),
        content_hash: blob.content_hash,
    };
    let hash = stored.content_hash.clone();
    let msg = RecordProjectDocument(NewDocument {
        project_id,
        task_id,
        file: stored,
        client_visible: file.client_visible,
        uploaded_by: file.uploaded_by,
    });
    match ask(&state, who.tenant(), msg).await {
        Ok(document) => {
            counter.with_label_values(&["success"]).inc();
            Ok(HttpResponse::Created().json(document))
        }
        Err(e) => {
            let db = &state.services.db;
            if let Err(cleanup) = state.attachments.forget_unreferenced(db, &[hash]).await {
                crate::errors::log_error(&cleanup);
            }
            Err(refused(&state, e))
        }
    }
}

/// `GET /integration/v1/projects/{project_id}/documents`: every document, oldest first.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), project = %path))]
pub async fn list_project_documents(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let project_id = path_id("project_id", &path)?;
    let documents = ask(&state, who.tenant(), ListSyncDocuments { project_id }).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "documents": documents })))
}

/// `GET /integration/v1/projects/{project_id}/documents/{document_id}`: the file, always as a
/// download (`attachment`, `nosniff`, sandboxed).
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), project = %path.0))]
pub async fn download_project_document(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (raw_project, raw_document) = path.into_inner();
    let project_id = path_id("project_id", &raw_project)?;
    let document_id = path_id("document_id", &raw_document)?;
    let msg = GetSyncDocument {
        project_id,
        document_id,
    };
    let stored = ask(&state, who.tenant(), msg).await?;
    let doc = &stored.document;
    let body = crate::routes::tickets::attachments::contents(
        &state,
        &stored.content_hash,
        doc.size_bytes,
        document_id,
    )
    .await
    .map_err(|e| match e {
        crate::errors::PortalError::NotFound => ApiError::from(SyncError::NotFound),
        e => ApiError::unavailable(e),
    })?;
    Ok(crate::routes::tickets::attachments::attachment_response(
        &doc.file_name,
        &doc.content_type,
        doc.size_bytes,
        body,
    ))
}
