//! The `LoginThrottle` actor's messages and the types they carry: what is checked or
//! recorded, whether an attempt may go ahead, and why the store failed.

use actix::Message;
use chrono::Duration;
use uuid::Uuid;

use crate::db::DbError;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum ThrottleError {
    #[error("throttle store unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// Whether an attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// Refused; enough events age out of their windows after `retry_after`.
    Throttled {
        retry_after: Duration,
    },
}

impl Decision {
    pub fn is_throttled(&self) -> bool {
        matches!(self, Decision::Throttled { .. })
    }
}

/// What a rate-limited request is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestScope {
    PasswordReset,
    OrgDiscovery,
    /// A fresh invitation link asked for from an expired one.
    InvitationRenewal,
    /// A sign-in sent to an SSO provider (limited per IP only).
    SsoStart,
    /// A confirmation link for a new sign-in email (counted per current address and per IP).
    EmailChange,
}

impl RequestScope {
    /// The stored `scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestScope::PasswordReset => "password_reset",
            RequestScope::OrgDiscovery => "org_discovery",
            RequestScope::InvitationRenewal => "invitation_renewal",
            RequestScope::SsoStart => "sso_start",
            RequestScope::EmailChange => "email_change",
        }
    }
}

/// May this (tenant, email, ip) try to sign in now?
#[derive(Message, Debug, Clone)]
#[rtype(result = "Result<Decision, ThrottleError>")]
pub struct CheckSignIn {
    pub tenant: Uuid,
    pub email: String,
    /// The client address (`request_origin`); empty when unknown.
    pub ip: String,
}

/// Counts one failed sign-in (wrong password, unknown user, wrong second factor, …).
#[derive(Message, Debug, Clone)]
#[rtype(result = "Result<(), ThrottleError>")]
pub struct RecordSignInFailure {
    pub tenant: Uuid,
    pub email: String,
    pub ip: String,
}

/// May this request (password reset, organization discovery) go ahead? Recorded when allowed.
#[derive(Message, Debug, Clone)]
#[rtype(result = "Result<Decision, ThrottleError>")]
pub struct CheckRequest {
    pub scope: RequestScope,
    /// `None` for requests outside any tenant (discovery): counted under the nil id.
    pub tenant: Option<Uuid>,
    pub email: String,
    pub ip: String,
}

/// Deletes events older than the longest window now; returns how many.
#[derive(Message, Debug, Clone, Copy)]
#[rtype(result = "Result<u64, ThrottleError>")]
pub struct SweepThrottle;
