//! One mapping from what can go wrong at the HTTP edge to what people (an HTML page,
//! [`PortalError`]) or tools (a JSON error code, [`ApiError`]) see. The full cause chain is
//! logged; internals never reach a response.

mod api;

pub use api::{json_payload_error, ApiError};

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use portal_views::errors::ErrorKind;
use portal_views::theme::Branding;

use crate::http::render;

#[derive(Debug, thiserror::Error)]
pub enum PortalError {
    /// No usable session: go to the sign-in page (the location is already validated).
    #[error("sign-in required")]
    SignInRequired { location: String },
    /// A session of a user who may not use the client portal.
    #[error("access denied to the client portal")]
    AccessDenied { location: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    #[error("unexpected error")]
    Unexpected(#[from] anyhow::Error),
}

impl PortalError {
    pub fn unavailable(e: impl Into<anyhow::Error>) -> Self {
        PortalError::Unavailable(e.into())
    }

    fn kind(&self) -> ErrorKind {
        match self {
            PortalError::BadRequest(_) => ErrorKind::BadRequest,
            PortalError::Forbidden(_) | PortalError::AccessDenied { .. } => ErrorKind::Forbidden,
            PortalError::NotFound | PortalError::SignInRequired { .. } => ErrorKind::NotFound,
            PortalError::MethodNotAllowed => ErrorKind::MethodNotAllowed,
            PortalError::PayloadTooLarge => ErrorKind::PayloadTooLarge,
            PortalError::Unavailable(_) => ErrorKind::Unavailable,
            PortalError::Unexpected(_) => ErrorKind::Internal,
        }
    }
}

/// Logs an error with its whole cause chain.
pub fn log_error(e: &(dyn std::error::Error + 'static)) {
    let mut chain = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    tracing::error!(error = %chain, "request failed");
}

impl ResponseError for PortalError {
    fn status_code(&self) -> StatusCode {
        match self {
            PortalError::SignInRequired { .. } | PortalError::AccessDenied { .. } => {
                StatusCode::SEE_OTHER
            }
            other => StatusCode::from_u16(other.kind().status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            PortalError::SignInRequired { location } | PortalError::AccessDenied { location } => {
                return render::see_other(location);
            }
            PortalError::Unavailable(_) | PortalError::Unexpected(_) => log_error(self),
            _ => {}
        }
        let kind = self.kind();
        let branding = Branding::default_portal();
        let body = render::error_page(&branding, kind);
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ));
        response.insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
        if kind == ErrorKind::Unavailable {
            response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
        }
        response.body(body)
    }
}
