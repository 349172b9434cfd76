//! JSON APIs of the portal listener.

pub mod domain_session;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;

use crate::errors::ApiError;

/// `405 method_not_allowed` (JSON) for the other methods of an API path.
#[tracing::instrument(skip_all)]
pub async fn refuse_method() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    ))
}
