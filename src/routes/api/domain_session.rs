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
use crate::errors::PortalError;
use crate::http::session::start_session;
use crate::routes::handoff::exchange::{exchange, ExchangeError, ExchangeStatus};

pub const PATH: &str = "/api/client-portal/domain-session";

#[derive(Deserialize)]
pub struct DomainSessionRequest {
    #[serde(default)]
    ott: Option<String>,
    #[serde(default, rename = "returnPath")]
    return_path: Option<String>,
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<DomainSessionRequest>,
) -> Result<HttpResponse, PortalError> {
    match exchange(
        &state,
        &req,
        body.ott.as_deref(),
        body.return_path.as_deref(),
    )
    .await
    {
        Ok(done) => {
            let mut response = HttpResponse::Ok()
                .insert_header(("cache-control", "no-store"))
                .json(
                    json!({ "redirectTo": done.redirect_to, "canonicalHost": done.canonical_host }),
                );
            start_session(
                &state,
                &req,
                &mut response,
                &done.session.token,
                done.session.max_age,
            )
            .await?;
            Ok(response)
        }
        Err(e) => {
            let body = match &e {
                ExchangeError::DomainInactive { canonical_host } => {
                    json!({ "error": e.code(), "canonicalHost": canonical_host })
                }
                _ => json!({ "error": e.code() }),
            };
            Ok(HttpResponse::build(e.status())
                .insert_header(("cache-control", "no-store"))
                .json(body))
        }
    }
}

/// Malformed JSON bodies get a JSON error too.
pub fn json_error(err: actix_web::error::JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let status = match err {
        actix_web::error::JsonPayloadError::Overflow { .. }
        | actix_web::error::JsonPayloadError::OverflowKnownLength { .. } => {
            actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
        }
        _ => actix_web::http::StatusCode::BAD_REQUEST,
    };
    let code = if status == actix_web::http::StatusCode::BAD_REQUEST {
        "invalid_json"
    } else {
        "payload_too_large"
    };
    actix_web::error::InternalError::from_response(
        err,
        HttpResponse::build(status).json(json!({ "error": code })),
    )
    .into()
}
