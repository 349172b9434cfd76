//! `POST /client-portal/tickets/{number}/attachments` (upload, multipart) and
//! `GET …/attachments/{id}` (download: always `attachment`, `nosniff`, sandboxed, and only for
//! users who may see the ticket).

use actix_multipart::Multipart;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpResponse};
use portal_actors::attachments::BlobBody;
use portal_actors::tenant_data::{AddAttachments, GetAttachment};
use portal_views::tickets::detail::DetailNotice;
use uuid::Uuid;

use super::detail::{render_page, Extras};
use super::upload::{self, UploadForm};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};

/// The code shown under the upload form when the files were refused, or none were sent.
fn refusal_code(form: &UploadForm) -> Option<&'static str> {
    form.problem
        .map(|p| p.code())
        .or_else(|| form.files.is_empty().then_some("required"))
}

/// The `outcome` label of an upload the tenant's actor refused.
fn refused_outcome(e: &PortalError) -> &'static str {
    match e {
        PortalError::NotFound => "not_found",
        PortalError::Forbidden(_) => "forbidden",
        _ => "error",
    }
}

/// The ticket's page again with why the files were refused (413 when one was too large, 507
/// when the disk is full).
async fn refuse(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    number: String,
    code: &str,
) -> Result<HttpResponse, PortalError> {
    let extras = Extras {
        attach_error: Some(code.to_owned()),
        ..Extras::default()
    };
    let status = upload::refusal_status(code);
    render_page(state, user, nonce, number, extras, status).await
}

/// Counts the upload, and forgets its files when the ticket's actor refused them.
async fn settle(state: &AppState, form: &UploadForm, added: &Result<(), PortalError>) {
    match added {
        Ok(()) => upload::count(state, form, "success"),
        Err(e) => {
            form.forget(state).await;
            upload::count(state, form, refused_outcome(e));
        }
    }
}

/// `POST …/attachments`: adds the form's files to the ticket.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, ticket = %path.as_str()))]
pub async fn upload_attachments(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
    payload: Multipart,
) -> Result<HttpResponse, PortalError> {
    let number = super::ticket_number(&path)?;
    let form = upload::read(&state, &user, payload).await?;
    if let Some(code) = refusal_code(&form) {
        upload::count(&state, &form, "success");
        return refuse(&state, &user, &nonce, number, code).await;
    }
    let msg = AddAttachments {
        user_id: super::user_id(&user),
        number: number.clone(),
        files: form.files.clone(),
    };
    let added = super::ask(&state, &user, msg).await;
    settle(&state, &form, &added).await;
    added?;
    let anchor = "attachments";
    Ok(super::detail::after(
        &number,
        DetailNotice::Attached,
        anchor,
    ))
}

/// `GET …/attachments/{id}`: the file, when the user may see its ticket.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, ticket = %path.0))]
pub async fn download_attachment(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PortalError> {
    let (raw_number, raw_id) = path.into_inner();
    let number = super::ticket_number(&raw_number)?;
    let attachment_id = Uuid::parse_str(&raw_id).map_err(|_| PortalError::NotFound)?;
    let msg = GetAttachment {
        user_id: super::user_id(&user),
        number,
        attachment_id,
    };
    let record = super::ask(&state, &user, msg).await?;
    let body = contents(
        &state,
        &record.content_hash,
        record.size_bytes,
        attachment_id,
    )
    .await?;
    Ok(attachment_response(
        &record.file_name,
        &record.content_type,
        record.size_bytes,
        body,
    ))
}

/// The stored contents, when they are there and as long as the row says.
pub(crate) async fn contents(
    state: &AppState,
    content_hash: &str,
    size_bytes: i64,
    attachment_id: Uuid,
) -> Result<BlobBody, PortalError> {
    let Some(body) = state
        .attachments
        .open(content_hash)
        .await
        .map_err(PortalError::unavailable)?
    else {
        tracing::error!(attachment = %attachment_id, "attachment contents are missing from the store");
        return Err(PortalError::NotFound);
    };
    if body
        .size()
        .is_some_and(|size| i64::try_from(size).ok() != Some(size_bytes))
    {
        // A length the header would contradict: better no file than a truncated one.
        tracing::error!(attachment = %attachment_id, "stored attachment contents have the wrong size");
        return Err(PortalError::unavailable(anyhow::anyhow!(
            "attachment contents have the wrong size"
        )));
    }
    Ok(body)
}

/// Always a download (`attachment`), never sniffed, sandboxed and not cached.
pub(crate) fn attachment_response(
    file_name: &str,
    content_type: &str,
    size_bytes: i64,
    body: BlobBody,
) -> HttpResponse {
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii_fallback(file_name)),
            DispositionParam::FilenameExt(header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: file_name.as_bytes().to_vec(),
            }),
        ],
    };
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
        .insert_header((header::CONTENT_LENGTH, size_bytes.to_string()))
        .insert_header(disposition)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "sandbox; default-src 'none'",
        ))
        .streaming(body.into_stream())
}

/// The file name with anything outside printable ASCII replaced, for old clients.
fn ascii_fallback(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
