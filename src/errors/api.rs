//! `ApiError`: the one JSON error of the admin API, the integration API and
//! `/api/client-portal/*`, serialized as the documented bodies
//! `{"error": code, "field"?: …, "message"?: …}` plus a documented extra (`canonicalHost`,
//! `limit_bytes`). A 5xx logs its whole cause chain (`{:#}`); no cause ever reaches a body.

use std::borrow::Cow;
use std::fmt;

use actix_web::error::{InternalError, JsonPayloadError};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use portal_actors::admin::contacts::ContactError;
use portal_actors::admin::domains::AddDomainError;
use portal_actors::branding::BrandingError;
use portal_actors::directory::input::BatchRefusal;
use portal_actors::integration_tokens::TokenError;
use portal_actors::invitations::InvitationError;
use portal_actors::sso::operators::SsoChangeError;
use portal_actors::sso::providers::SsoConfigError;
use portal_actors::ticket_sync::SyncError;
use portal_actors::DbError;
use serde_json::{Map, Value};

use crate::routes::handoff::exchange::{ExchangeError, ExchangeStatus};

/// A refusal or failure of a JSON API, with the code its documentation promises.
#[derive(Debug)]
pub struct ApiError(Box<Refusal>);

/// What an [`ApiError`] holds (boxed: errors travel in `Result`s and should stay small).
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    code: &'static str,
    field: Option<Cow<'static, str>>,
    message: Option<Cow<'static, str>>,
    /// One documented extra member of the body (e.g. `canonicalHost`).
    extra: Option<(&'static str, Value)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// What went wrong inside: logged for a 5xx, never shown.
    cause: Option<anyhow::Error>,
}

impl ApiError {
    /// `{"error": code}` with this status.
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        Self(Box::new(Refusal {
            status,
            code,
            field: None,
            message: None,
            extra: None,
            headers: Vec::new(),
            cause: None,
        }))
    }

    /// 400 `{"error": code}`.
    pub fn bad_request(code: &'static str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code)
    }

    /// 404 `{"error": code}`.
    pub fn not_found(code: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, code)
    }

    /// 409 `{"error": code}`.
    pub fn conflict(code: &'static str) -> Self {
        Self::new(StatusCode::CONFLICT, code)
    }

    /// 400 `{"error": "invalid_field", "field", "message"}`: a value the API cannot use.
    pub fn invalid_field(
        field: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::bad_request("invalid_field")
            .with_field(field)
            .with_message(message)
    }

    /// 503 `{"error": "unavailable"}`: the database or a service failed (the cause is logged).
    pub fn unavailable(cause: impl Into<anyhow::Error>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable").caused_by(cause)
    }

    /// 503 `{"error": "actor_unavailable"}`: an actor did not answer (the cause is logged).
    pub fn actor_unavailable(cause: impl Into<anyhow::Error>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "actor_unavailable").caused_by(cause)
    }

    /// 401 `{"error": "unauthorized"}` with `WWW-Authenticate: Bearer`.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized")
            .with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))
    }

    /// Names the field the error is about.
    pub fn with_field(mut self, field: impl Into<Cow<'static, str>>) -> Self {
        self.0.field = Some(field.into());
        self
    }

    /// Says what was wrong, for people reading the response.
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.0.message = Some(message.into());
        self
    }

    /// Adds a documented extra member to the body.
    pub fn with_extra(mut self, key: &'static str, value: impl Into<Value>) -> Self {
        self.0.extra = Some((key, value.into()));
        self
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.0.headers.push((name, value));
        self
    }

    /// Keeps what went wrong, to be logged (with its whole chain) when the status is a 5xx.
    pub fn caused_by(mut self, cause: impl Into<anyhow::Error>) -> Self {
        self.0.cause = Some(cause.into());
        self
    }

    /// The error code of the body.
    pub fn code(&self) -> &'static str {
        self.0.code
    }

    fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("error".to_owned(), Value::from(self.0.code));
        if let Some(field) = &self.0.field {
            body.insert("field".to_owned(), Value::from(field.as_ref()));
        }
        if let Some(message) = &self.0.message {
            body.insert("message".to_owned(), Value::from(message.as_ref()));
        }
        if let Some((key, value)) = &self.0.extra {
            body.insert((*key).to_owned(), value.clone());
        }
        Value::Object(body)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.0.code, self.0.status)
    }
}

impl std::error::Error for ApiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .cause
            .as_ref()
            .map(|cause| -> &(dyn std::error::Error + 'static) { cause.as_ref() })
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status
    }

    fn error_response(&self) -> HttpResponse {
        if self.0.status.is_server_error() {
            match &self.0.cause {
                Some(cause) => {
                    tracing::error!(code = self.0.code, error = %format!("{cause:#}"), "request failed");
                }
                None => tracing::error!(code = self.0.code, "request failed"),
            }
        }
        let mut response = HttpResponse::build(self.0.status);
        for (name, value) in &self.0.headers {
            response.insert_header((name.clone(), value.clone()));
        }
        response.json(self.body())
    }
}

/// The one handler of JSON bodies the APIs cannot read: `invalid_json` (400) saying what was
/// wrong (a syntax error, an unknown or mistyped field, a missing content type), or
/// `payload_too_large` (413).
pub fn json_payload_error(err: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let refusal = match &err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
                .with_message(err.to_string())
        }
        JsonPayloadError::Deserialize(e) => {
            ApiError::bad_request("invalid_json").with_message(e.to_string())
        }
        JsonPayloadError::ContentType => ApiError::bad_request("invalid_json")
            .with_message("the body must be JSON (Content-Type: application/json)"),
        _ => ApiError::bad_request("invalid_json").with_message("the body could not be read"),
    };
    InternalError::from_response(err, refusal.error_response()).into()
}

/// The database failed: `unavailable` (503), the cause logged.
impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        ApiError::unavailable(e)
    }
}

impl From<SyncError> for ApiError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Invalid { field, message } => ApiError::invalid_field(field, message),
            SyncError::NotFound => ApiError::not_found("not_found"),
            SyncError::NumberTaken => ApiError::conflict("number_taken")
                .with_field("number")
                .with_message("another record of this kind has this number"),
            SyncError::StaleVersion { current } => ApiError::conflict("stale_version")
                .with_field("version")
                .with_message("the record changed since this version")
                .with_extra("current_version", current),
            SyncError::EmailTaken => ApiError::conflict("email_taken")
                .with_field("email")
                .with_message("another portal user of the tenant signs in with this email"),
            e @ (SyncError::Db(_) | SyncError::Fault(_)) => ApiError::unavailable(e),
        }
    }
}

impl From<BatchRefusal> for ApiError {
    /// 409 `batch_conflict` when every refused item conflicts with what is stored
    /// (`stale_version`, `email_taken`), else 400 `invalid_batch`; `errors` names each item.
    fn from(refusal: BatchRefusal) -> Self {
        let code = if refusal.is_conflict() {
            "batch_conflict"
        } else {
            "invalid_batch"
        };
        let status = if refusal.is_conflict() {
            StatusCode::CONFLICT
        } else {
            StatusCode::BAD_REQUEST
        };
        let message = format!("{} item(s) refused; nothing was written", refusal.0.len());
        let errors = serde_json::to_value(&refusal.0).unwrap_or(Value::Null);
        ApiError::new(status, code)
            .with_message(message)
            .with_extra("errors", errors)
    }
}

impl From<BrandingError> for ApiError {
    /// 400 with the refusal's code and what was wrong (`limit_bytes` for a file too large);
    /// 503 when the store or database failed.
    fn from(e: BrandingError) -> Self {
        match e {
            BrandingError::Store(_) | BrandingError::Db(_) => ApiError::unavailable(e),
            BrandingError::TooLarge { limit } => ApiError::bad_request(e.code())
                .with_message(e.to_string())
                .with_extra("limit_bytes", limit),
            _ => ApiError::bad_request(e.code()).with_message(e.to_string()),
        }
    }
}

impl From<TokenError> for ApiError {
    fn from(e: TokenError) -> Self {
        match e {
            TokenError::Invalid { field, message } => ApiError::invalid_field(field, message),
            TokenError::NotFound => ApiError::not_found("unknown_token"),
            e @ TokenError::Db(_) => ApiError::unavailable(e),
        }
    }
}

impl From<SsoChangeError> for ApiError {
    fn from(e: SsoChangeError) -> Self {
        match e {
            SsoChangeError::Config(SsoConfigError::Invalid { field, message }) => {
                ApiError::invalid_field(field, message)
            }
            SsoChangeError::Config(SsoConfigError::NotFound) => {
                ApiError::not_found("unknown_provider")
            }
            e @ SsoChangeError::LastProvider => {
                ApiError::conflict("last_sso_provider").with_message(e.to_string())
            }
            SsoChangeError::Config(e) => ApiError::unavailable(e),
        }
    }
}

impl From<InvitationError> for ApiError {
    fn from(e: InvitationError) -> Self {
        match e {
            InvitationError::UnknownContact => ApiError::not_found("unknown_contact"),
            InvitationError::AlreadyHasAccount => ApiError::conflict("already_has_account"),
            InvitationError::Inactive => ApiError::conflict("contact_inactive"),
            e @ InvitationError::EmailTaken => {
                ApiError::conflict("email_taken").with_message(e.to_string())
            }
            e @ (InvitationError::Db(_) | InvitationError::Unavailable(_)) => {
                ApiError::unavailable(e)
            }
        }
    }
}

impl From<ContactError> for ApiError {
    fn from(e: ContactError) -> Self {
        match e {
            ContactError::InvalidEmail(_) => ApiError::bad_request("invalid_email"),
            ContactError::UnknownContact => ApiError::not_found("unknown_contact"),
            ContactError::Ambiguous => ApiError::conflict("ambiguous_contact"),
            ContactError::Db(e) => ApiError::unavailable(e),
        }
    }
}

impl From<AddDomainError> for ApiError {
    fn from(e: AddDomainError) -> Self {
        match e {
            AddDomainError::Invalid(e) => ApiError::bad_request("invalid_domain")
                .with_field("domain")
                .with_message(e.to_string()),
            AddDomainError::UnknownTenant => ApiError::not_found("unknown_tenant"),
            AddDomainError::Taken(_) => ApiError::conflict("domain_taken"),
            AddDomainError::Db(e) => ApiError::unavailable(e),
        }
    }
}

/// The domain-session errors: never cached; `domain_inactive` says where to sign in instead.
impl From<ExchangeError> for ApiError {
    fn from(e: ExchangeError) -> Self {
        let refusal = ApiError::new(e.status(), e.code())
            .with_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match e {
            ExchangeError::DomainInactive { canonical_host } => {
                refusal.with_extra("canonicalHost", canonical_host)
            }
            // Logged by the exchange already, with its chain.
            _ => refusal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_have_the_documented_members_only() {
        let e = ApiError::invalid_field("board_id", "unknown board");
        assert_eq!(
            e.body(),
            serde_json::json!({"error": "invalid_field", "field": "board_id", "message": "unknown board"})
        );
        let e = ApiError::not_found("unknown_tenant");
        assert_eq!(e.body(), serde_json::json!({"error": "unknown_tenant"}));
        let e = ApiError::unavailable(anyhow::anyhow!("secret internals"));
        assert_eq!(e.body(), serde_json::json!({"error": "unavailable"}));
        assert_eq!(e.status_code(), StatusCode::SERVICE_UNAVAILABLE);
    }
}
