//! Integration API authentication: `Authorization: Bearer <token>` is looked up by its
//! SHA-256 (unknown, malformed and revoked tokens alike get `401 {"error":"unauthorized"}`);
//! the token's tenant travels to the handlers as `Integration`.

use std::future::{ready, Ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, Error, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use portal_actors::integration_tokens::{self, IntegrationClient};

use crate::app::AppState;
use crate::errors::json_error;

fn unauthorized() -> HttpResponse {
    HttpResponse::build(StatusCode::UNAUTHORIZED)
        .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
        .json(serde_json::json!({ "error": "unauthorized" }))
}

/// Lets a request through only with a live integration token, and records whose it is.
pub async fn require_integration_token(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_owned);
    let (Some(token), Some(state)) = (presented, req.app_data::<web::Data<AppState>>().cloned())
    else {
        return Ok(req.into_response(unauthorized()));
    };
    let now = state.clock.now();
    match integration_tokens::authenticate(&state.services.db, &token, now).await {
        Ok(Some(client)) => {
            req.extensions_mut().insert(Integration(client));
            Ok(next.call(req).await?.map_into_boxed_body())
        }
        Ok(None) => Ok(req.into_response(unauthorized())),
        Err(e) => {
            crate::errors::log_error(&e);
            let response = json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable");
            Ok(req.into_response(response))
        }
    }
}

/// The authenticated caller: the tenant its token reaches.
#[derive(Debug, Clone)]
pub struct Integration(pub IntegrationClient);

impl Integration {
    pub fn tenant(&self) -> uuid::Uuid {
        self.0.tenant
    }
}

impl FromRequest for Integration {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let client = req.extensions().get::<Integration>().cloned();
        ready(client.ok_or_else(|| {
            actix_web::error::InternalError::from_response("unauthorized", unauthorized()).into()
        }))
    }
}
