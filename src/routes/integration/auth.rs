//! Integration API authentication: `Authorization: Bearer <token>` is looked up by its
//! SHA-256 (unknown, malformed and revoked tokens alike get `401 {"error":"unauthorized"}`);
//! the token's tenant travels to the handlers as `Integration`. Each token then has a rate
//! limit (`[integration]`, kept per instance): over it, `429 {"error":"rate_limited"}` with
//! `Retry-After`, and nothing is done.

use std::future::{ready, Ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, Error, FromRequest, HttpMessage, HttpRequest, ResponseError};
use portal_actors::integration_tokens::{self, IntegrationClient};
use portal_actors::rate_limit::Limited;

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
            // Only live tokens get a bucket: garbage tokens cannot grow the limiter's memory.
            if let Err(limited) = state.integration_limiter.check(client.token_id, now) {
                return Ok(req.into_response(rate_limited(limited).error_response()));
            }
            req.extensions_mut().insert(Integration(client));
            Ok(next.call(req).await?.map_into_boxed_body())
        }
        Ok(None) => Ok(req.into_response(ApiError::unauthorized().error_response())),
        Err(e) => Ok(req.into_response(ApiError::from(e).error_response())),
    }
}

/// `429 {"error":"rate_limited"}` with `Retry-After` in whole seconds.
fn rate_limited(limited: Limited) -> ApiError {
    let seconds = limited.retry_after_seconds();
    ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited")
        .with_message(format!(
            "this token made more requests than its limit allows; try again in {seconds} s"
        ))
        .with_header(header::RETRY_AFTER, HeaderValue::from(seconds))
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
