//! `GET /client-portal/projects/{number}/documents/{id}` (download: always `attachment`,
//! `nosniff`, sandboxed, only for users who may see the project and, for a task's document,
//! the task) and `POST …/tasks/{task}/documents` (upload to a task, when the project takes
//! uploads and the user holds `project:upload`).

use actix_multipart::Multipart;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::{AddTaskDocuments, GetProjectDocument};
use portal_views::projects::project_path;
use uuid::Uuid;

use super::detail::{render_page, Extras};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;
use crate::routes::tickets::attachments::{attachment_response, contents};
use crate::routes::tickets::upload::{self, UploadForm};

/// `GET …/documents/{id}`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, project = %path.0))]
pub async fn download_document(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PortalError> {
    let (raw_number, raw_id) = path.into_inner();
    let number = super::project_number(&raw_number)?;
    let document_id = Uuid::parse_str(&raw_id).map_err(|_| PortalError::NotFound)?;
    let msg = GetProjectDocument {
        user_id: crate::routes::tickets::user_id(&user),
        number,
        document_id,
    };
    let doc = super::ask(&state, &user, msg).await?;
    let body = contents(&state, &doc.content_hash, doc.size_bytes, document_id).await?;
    Ok(attachment_response(
        &doc.file_name,
        &doc.content_type,
        doc.size_bytes,
        body,
    ))
}

fn count(state: &AppState, form: &UploadForm, outcome: &str) {
    upload::count_in(&state.metrics.project_documents_uploaded, form, outcome);
}

/// `POST …/tasks/{task}/documents`: adds the form's files to the task.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, project = %path.0))]
pub async fn upload_documents(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<(String, String)>,
    payload: Multipart,
) -> Result<HttpResponse, PortalError> {
    let (raw_number, raw_task) = path.into_inner();
    let number = super::project_number(&raw_number)?;
    let task_id = Uuid::parse_str(&raw_task).map_err(|_| PortalError::NotFound)?;
    let form = upload::read(&state, &user, payload).await?;
    let refusal = form
        .problem
        .map(|p| p.code())
        .or_else(|| form.files.is_empty().then_some("required"));
    if let Some(code) = refusal {
        count(&state, &form, "success");
        let extras = Extras {
            upload_error: Some((task_id, code)),
            ..Extras::default()
        };
        let status = upload::refusal_status(code);
        return render_page(&state, &user, &nonce, number, extras, status).await;
    }
    let msg = AddTaskDocuments {
        user_id: crate::routes::tickets::user_id(&user),
        number: number.clone(),
        task_id,
        files: form.files.clone(),
    };
    match super::ask(&state, &user, msg).await {
        Ok(_) => {
            count(&state, &form, "success");
            Ok(render::see_other(&format!(
                "{}?done=uploaded#documents",
                project_path(&number)
            )))
        }
        Err(e) => {
            form.forget(&state).await;
            let outcome = match &e {
                PortalError::NotFound => "not_found",
                PortalError::Forbidden(_) => "forbidden",
                _ => "error",
            };
            count(&state, &form, outcome);
            Err(e)
        }
    }
}
