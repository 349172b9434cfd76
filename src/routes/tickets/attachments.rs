//! `POST /client-portal/tickets/{number}/attachments` (upload, multipart) and
//! `GET …/attachments/{id}` (download: always `attachment`, `nosniff`, sandboxed, and only for
//! users who may see the ticket).

use actix_multipart::Multipart;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::{AddAttachments, GetAttachment};
use portal_views::tickets::detail::DetailNotice;
use uuid::Uuid;

use super::detail::{render_page, Extras};
use super::upload;
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};

#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn upload(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
    payload: Multipart,
) -> Result<HttpResponse, PortalError> {
    let number = super::ticket_number(&path)?;
    let form = upload::read(&state, &user, payload).await?;
    let problem = form
        .problem
        .map(|p| p.code())
        .or_else(|| form.files.is_empty().then_some("required"));
    if let Some(code) = problem {
        upload::count(&state, &form, "success");
        let extras = Extras {
            attach_error: Some(code.to_owned()),
            ..Extras::default()
        };
        let status = if code == "file_too_large" {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        };
        return render_page(&state, &user, &nonce, number, extras, status).await;
    }
    let msg = AddAttachments {
        user_id: super::user_id(&user),
        number: number.clone(),
        files: form.files.clone(),
    };
    match super::ask(&state, &user, msg).await {
        Ok(()) => {
            upload::count(&state, &form, "success");
            Ok(super::detail::after(
                &number,
                DetailNotice::Attached,
                "attachments",
            ))
        }
        Err(e) => {
            form.forget(&state).await;
            let outcome = match &e {
                PortalError::NotFound => "not_found",
                PortalError::Forbidden(_) => "forbidden",
                _ => "error",
            };
            upload::count(&state, &form, outcome);
            Err(e)
        }
    }
}

#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn download(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PortalError> {
    let (raw_number, raw_id) = path.into_inner();
    let number = super::ticket_number(&raw_number)?;
    let attachment_id = Uuid::parse_str(&raw_id).map_err(|_| PortalError::NotFound)?;
    let record = super::ask(
        &state,
        &user,
        GetAttachment {
            user_id: super::user_id(&user),
            number,
            attachment_id,
        },
    )
    .await?;
    let Some(body) = state
        .attachments
        .open(&record.content_hash)
        .await
        .map_err(PortalError::unavailable)?
    else {
        tracing::error!(attachment = %attachment_id, "attachment contents are missing from the store");
        return Err(PortalError::NotFound);
    };
    if body
        .size()
        .is_some_and(|size| i64::try_from(size).ok() != Some(record.size_bytes))
    {
        // A length the header would contradict: better no file than a truncated one.
        tracing::error!(attachment = %attachment_id, "stored attachment contents have the wrong size");
        return Err(PortalError::unavailable(anyhow::anyhow!(
            "attachment contents have the wrong size"
        )));
    }
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii_fallback(&record.file_name)),
            DispositionParam::FilenameExt(header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: record.file_name.clone().into_bytes(),
            }),
        ],
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, record.content_type.clone()))
        .insert_header((header::CONTENT_LENGTH, record.size_bytes.to_string()))
        .insert_header(disposition)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "sandbox; default-src 'none'",
        ))
        .streaming(body.into_stream()))
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
