//! Integration API authentication: `Authorization: Bearer <token>` is looked up by its
//! SHA-256 (unknown, malformed and revoked tokens alike get `401 {"error":"unauthorized"}`);
//! the token's tenant travels to the handlers as `Integration`.

use std::future::{ready, Ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, Error, FromRequest, HttpMessage, HttpRequest, ResponseError};
use portal_actors::integration_tokens::{self, IntegrationClient};

use crate::app::AppState;
use crate::errors::ApiError;

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
        return Ok(req.into_response(ApiError::unauthorized().error_response()));
    };
    let now = state.clock.now();
    match integration_tokens::authenticate(&state.services.db, &token, now).await {
        Ok(Some(client)) => {
            req.extensions_mut().insert(Integration(client));
            Ok(next.call(req).await?.map_into_boxed_body())
        }
        Ok(None) => Ok(req.into_response(ApiError::unauthorized().error_response())),
        Err(e) => Ok(req.into_response(ApiError::from(e).error_response())),
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
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let client = req.extensions().get::<Integration>().cloned();
        ready(client.ok_or_else(ApiError::unauthorized))
    }
}
