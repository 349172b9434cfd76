//! The `Sessions` actor's messages and the types they carry: what a session is to the portal,
//! why one ended, and what a lookup finds.

use actix::Message;
use chrono::Utc;
use chrono::{DateTime, Duration};
use uuid::Uuid;

use crate::db::DbError;
use crate::model::{RequestOrigin, SessionUser};
use crate::store::sessions::SweepCounts;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("session store unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// Idle and absolute lifetimes.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

/// Why a session ended (the `reason` label and the stored `revoked_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeReason {
    Logout,
    Idle,
    Absolute,
    Admin,
    /// The user ended it from their sessions page.
    User,
    /// A client admin ended it from the company's users page.
    ClientAdmin,
    PasswordChange,
    /// A password reset ends every session of the user.
    PasswordReset,
    /// A new sign-in in the same browser replaced its cookie.
    Replaced,
    /// The PSA deactivated the user's contact or company, or shut the company out of the portal.
    Deactivated,
    /// The user confirmed a new sign-in email: their other sessions end.
    EmailChange,
}

impl RevokeReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RevokeReason::Logout => "logout",
            RevokeReason::Idle => "idle",
            RevokeReason::Absolute => "absolute",
            RevokeReason::Admin => "admin",
            RevokeReason::User => "user",
            RevokeReason::ClientAdmin => "client_admin",
            RevokeReason::PasswordChange => "password_change",
            RevokeReason::PasswordReset => "password_reset",
            RevokeReason::Replaced => "replaced",
            RevokeReason::Deactivated => "deactivated",
            RevokeReason::EmailChange => "email_change",
        }
    }
}

/// A live session as the portal sees it.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub token_hash: String,
    pub user: SessionUser,
    pub host: String,
    pub auth_method: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A resolved session plus its CSRF token (derived from the cookie value, never stored).
#[derive(Debug, Clone)]
pub struct ActiveSession {
    pub record: SessionRecord,
    pub csrf_token: String,
}

#[derive(Debug, Clone)]
pub enum SessionLookup {
    Active(Box<ActiveSession>),
    /// It existed but ended (idle, absolute, revoked): the page may say so.
    Ended {
        tenant: Option<Uuid>,
    },
    Missing,
}

/// A session just created: the cookie value goes to the browser and nowhere else.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
    pub max_age: Duration,
}

#[derive(Message)]
#[rtype(result = "Result<NewSession, SessionError>")]
pub struct CreateSession {
    pub user: SessionUser,
    pub origin: RequestOrigin,
    pub auth_method: String,
}

#[derive(Message)]
#[rtype(result = "Result<SessionLookup, SessionError>")]
pub struct ResolveSession {
    pub token: String,
}

#[derive(Message)]
#[rtype(result = "Result<bool, SessionError>")]
pub struct RevokeSession {
    pub token: String,
    pub reason: RevokeReason,
}

#[derive(Message)]
#[rtype(result = "Result<u64, SessionError>")]
pub struct RevokeUserSessions {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub reason: RevokeReason,
}

/// Ends every session of a client company's users (the company made inactive or shut out of
/// the portal), here and, through the database, on every other instance.
#[derive(Message)]
#[rtype(result = "Result<u64, SessionError>")]
pub struct RevokeClientSessions {
    pub tenant: Uuid,
    pub client_id: Uuid,
    pub reason: RevokeReason,
}

/// Makes every instance read a user's sessions again on their next use (their role, name or
/// email changed): drops the cached copies, ends nothing.
#[derive(Message)]
#[rtype(result = "Result<(), SessionError>")]
pub struct ForgetUserSessions {
    pub tenant: Uuid,
    pub user_id: Uuid,
}

/// Ends one session of a given user (from a security page): nothing happens when the session
/// belongs to someone else.
#[derive(Message)]
#[rtype(result = "Result<bool, SessionError>")]
pub struct RevokeOwnedSession {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub token_hash: String,
    pub reason: RevokeReason,
}

/// Ends every session of a user except the one making the request.
#[derive(Message)]
#[rtype(result = "Result<u64, SessionError>")]
pub struct RevokeOtherSessions {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub keep_token_hash: String,
    pub reason: RevokeReason,
}

#[derive(Message)]
#[rtype(result = "Result<SweepCounts, SessionError>")]
pub struct SweepSessions;

#[derive(Message)]
#[rtype(result = "Result<u64, SessionError>")]
pub struct FlushLastSeen;
