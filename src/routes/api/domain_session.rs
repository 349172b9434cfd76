//! `POST /api/client-portal/domain-session` (`{ott, returnPath?}`): exchanges a transfer token
//! for a session on this vanity host — the JSON twin of the handoff form, with the same rule:
//! only a request whose `Origin` is the canonical origin (else `403 origin_not_allowed`, the
//! token untouched). Errors are JSON codes; nothing changes on an error.
//!
//! No CORS: browsers hand over through the form (a top-level navigation, which may set the
//! session cookie); a cross-site `fetch` could not set a `SameSite=Lax` cookie anyway, so a
//! preflight from the canonical origin is not granted and its script cannot read answers.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::errors::{ApiError, PortalError};
use crate::http::session::start_session;
use crate::routes::handoff::exchange::exchange;

pub const PATH: &str = "/api/client-portal/domain-session";

#[derive(Deserialize)]
pub struct DomainSessionRequest {
    #[serde(default)]
    ott: Option<String>,
    #[serde(default, rename = "returnPath")]
    return_path: Option<String>,
}

/// Exchanges the token: 200 `{redirectTo, canonicalHost}` with the session cookie, or the
/// exchange's JSON error (never cached).
#[tracing::instrument(skip_all)]
pub async fn create_domain_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<DomainSessionRequest>,
) -> Result<HttpResponse, DomainSessionError> {
    let (ott, return_path) = (body.ott.as_deref(), body.return_path.as_deref());
    let done = exchange(&state, &req, ott, return_path)
        .await
        .map_err(ApiError::from)?;
    let mut response = HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(json!({ "redirectTo": done.redirect_to, "canonicalHost": done.canonical_host }));
    let session = &done.session;
    start_session(&state, &req, &mut response, &session.token, session.max_age).await?;
    Ok(response)
}

/// A refused exchange (JSON), or a session that could not start (the portal's error page).
#[derive(Debug, thiserror::Error)]
pub enum DomainSessionError {
    #[error(transparent)]
    Refused(#[from] ApiError),
    #[error(transparent)]
    Session(#[from] PortalError),
}

impl actix_web::ResponseError for DomainSessionError {
    fn status_code(&self) -> actix_web::http::StatusCode {
        match self {
            DomainSessionError::Refused(e) => e.status_code(),
            DomainSessionError::Session(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            DomainSessionError::Refused(e) => e.error_response(),
            DomainSessionError::Session(e) => e.error_response(),
        }
    }
}
