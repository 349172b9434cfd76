//! What the `Sso` actor is asked and answers: the messages, the verified identity, and why a
//! sign-in failed (`SsoFailure`, whose `reason()` is the metric label and audit reason).

use actix::Message;
use uuid::Uuid;

use super::providers::{ProviderConfig, SsoConfigError};
use crate::db::DbError;

/// Why an SSO sign-in failed; `reason()` is the metric label and audit reason.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SsoFailure {
    #[error("no such provider (or it is turned off)")]
    UnknownProvider,
    #[error("state missing, unknown, used or expired")]
    InvalidState,
    #[error("the user declined at the provider")]
    AccessDenied,
    #[error("the provider answered with an error: {0}")]
    ProviderError(String),
    #[error("the provider cannot be reached: {0}")]
    ProviderUnreachable(String),
    #[error("ID token for another audience")]
    WrongAudience,
    #[error("ID token from another issuer")]
    WrongIssuer,
    #[error("ID token nonce does not match")]
    BadNonce,
    #[error("ID token expired")]
    TokenExpired,
    #[error("ID token signature invalid or key unknown")]
    BadSignature,
    #[error("ID token invalid: {0}")]
    InvalidToken(String),
    #[error("the provider gave no email address")]
    NoEmail,
    #[error("the provider has not verified the email address")]
    UnverifiedEmail,
    #[error("the email's domain is not allowed for this provider")]
    DomainNotAllowed,
    #[error("no portal user matches this identity")]
    NoMatchingUser,
    #[error("the user or their company is inactive")]
    Inactive,
    #[error("internal users cannot use the client portal")]
    InternalUser,
    /// Too many sign-ins started from this address; may retry after this many seconds.
    #[error("too many SSO sign-ins started from this address")]
    Throttled { retry_after_seconds: i64 },
    #[error("sign-in unavailable: {0}")]
    Unavailable(String),
}

impl SsoFailure {
    /// The `reason` label (bounded) and audit reason.
    pub fn reason(&self) -> &'static str {
        match self {
            SsoFailure::UnknownProvider => "unknown_provider",
            SsoFailure::InvalidState => "invalid_state",
            SsoFailure::AccessDenied => "access_denied",
            SsoFailure::ProviderError(_) => "provider_error",
            SsoFailure::ProviderUnreachable(_) => "provider_unreachable",
            SsoFailure::WrongAudience => "wrong_audience",
            SsoFailure::WrongIssuer => "wrong_issuer",
            SsoFailure::BadNonce => "bad_nonce",
            SsoFailure::TokenExpired => "token_expired",
            SsoFailure::BadSignature => "bad_signature",
            SsoFailure::InvalidToken(_) => "invalid_token",
            SsoFailure::NoEmail => "no_email",
            SsoFailure::UnverifiedEmail => "unverified_email",
            SsoFailure::DomainNotAllowed => "domain_not_allowed",
            SsoFailure::NoMatchingUser => "no_matching_user",
            SsoFailure::Inactive => "inactive",
            SsoFailure::InternalUser => "internal_user",
            SsoFailure::Throttled { .. } => "throttled",
            SsoFailure::Unavailable(_) => "error",
        }
    }
}

impl From<DbError> for SsoFailure {
    fn from(e: DbError) -> Self {
        SsoFailure::Unavailable(e.to_string())
    }
}

impl From<SsoConfigError> for SsoFailure {
    fn from(e: SsoConfigError) -> Self {
        SsoFailure::Unavailable(e.to_string())
    }
}

/// Every `reason` an SSO sign-in can fail with (for the metric's zero series).
pub const SSO_FAILURE_REASONS: &[&str] = &[
    "unknown_provider",
    "invalid_state",
    "access_denied",
    "provider_error",
    "provider_unreachable",
    "wrong_audience",
    "wrong_issuer",
    "bad_nonce",
    "token_expired",
    "bad_signature",
    "invalid_token",
    "no_email",
    "unverified_email",
    "domain_not_allowed",
    "no_matching_user",
];

/// Starts a sign-in at a provider: the URL to send the browser to, and the `state` it must
/// also keep in a cookie.
#[derive(Message)]
#[rtype(result = "Result<StartedSignIn, SsoFailure>")]
pub struct BeginSignIn {
    pub tenant: Uuid,
    pub provider: String,
    /// The portal's callback URL on the host the user signs in on (registered at the provider).
    pub redirect_uri: String,
    pub return_path: String,
    pub handoff_domain: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StartedSignIn {
    pub authorization_url: String,
    pub state: String,
}

/// What the provider sent back to the callback.
#[derive(Debug, Clone)]
pub enum ProviderAnswer {
    Code(String),
    Error {
        error: String,
        description: Option<String>,
    },
}

/// Finishes a sign-in at the callback: consumes the flow, exchanges the code and verifies the
/// ID token. The result names the flow (tenant, return path) even when it failed after it.
#[derive(Message)]
#[rtype(result = "Result<VerifiedIdentity, FailedSignIn>")]
pub struct CompleteSignIn {
    pub state: String,
    pub answer: ProviderAnswer,
}

/// The sign-in a callback belongs to.
#[derive(Debug, Clone)]
pub struct FlowContext {
    pub tenant: Uuid,
    pub provider: String,
    pub return_path: String,
    pub handoff_domain: Option<String>,
    /// When the sign-in was sent to the provider (one begun before the user's password last
    /// changed is refused).
    pub started_at: chrono::DateTime<chrono::Utc>,
}

/// An identity the provider vouched for, with the provider's settings that apply to it.
#[derive(Debug, Clone)]
pub struct VerifiedIdentity {
    pub flow: FlowContext,
    pub provider: ProviderConfig,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// Authentication method references (`amr`), as the provider listed them.
    pub amr: Vec<String>,
}

impl VerifiedIdentity {
    /// Whether the provider says the user passed more than one factor (RFC 8176 `amr`):
    /// `mfa` itself, or a second-factor method beside another method.
    pub fn multi_factor(&self) -> bool {
        const SECOND_FACTORS: &[&str] = &["otp", "hwk", "swk", "sms", "tel", "sc", "fpt", "face"];
        self.amr.iter().any(|m| m == "mfa")
            || (self.amr.len() >= 2
                && self
                    .amr
                    .iter()
                    .any(|m| SECOND_FACTORS.contains(&m.as_str())))
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{failure}")]
pub struct FailedSignIn {
    /// `None` when no flow matched the state.
    pub flow: Option<FlowContext>,
    pub failure: SsoFailure,
}

/// Forgets every cached discovery document and key set; returns how many.
#[derive(Message)]
#[rtype(result = "Result<u64, SsoFailure>")]
pub struct FlushSsoCache;

/// Deletes sign-ins that expired an hour ago or more; returns how many.
#[derive(Message)]
#[rtype(result = "Result<u64, SsoFailure>")]
pub struct SweepFlows;
