//! The `Handoff` actor's messages and the types they carry: a token issued, what consuming
//! one found, and why the store failed.

use actix::Message;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::db::DbError;
use crate::model::SessionUser;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum HandoffError {
    #[error("handoff store unavailable")]
    Db(#[from] DbError),
    #[error("the user snapshot could not be encoded or decoded")]
    Snapshot(#[from] serde_json::Error),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// A token just issued: the value goes into the canonical host's auto-POST form (the request
/// body sent to the vanity host) and nowhere else — never into a URL.
#[derive(Debug, Clone)]
pub struct IssuedOtt {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Message)]
#[rtype(result = "Result<IssuedOtt, HandoffError>")]
pub struct IssueOtt {
    pub user: SessionUser,
    pub domain: String,
    pub return_path: String,
    pub auth_method: String,
}

/// What presenting a token at a domain gave.
#[derive(Debug, Clone)]
pub enum ConsumeOutcome {
    Consumed {
        user: Box<SessionUser>,
        return_path: String,
        auth_method: String,
        /// When it was consumed (to release it if the session cannot be created).
        consumed_at: DateTime<Utc>,
    },
    /// The token is live but was issued for another domain (it stays unused).
    WrongDomain,
    InvalidOrExpired,
}

#[derive(Message)]
#[rtype(result = "Result<ConsumeOutcome, HandoffError>")]
pub struct ConsumeOtt {
    pub token: String,
    pub domain: String,
}

/// Makes a token consumed at `consumed_at` usable again (its exchange failed after consuming).
#[derive(Message)]
#[rtype(result = "Result<bool, HandoffError>")]
pub struct ReleaseOtt {
    pub token: String,
    pub consumed_at: DateTime<Utc>,
}

/// Deletes tokens expired or consumed more than `older_than` ago (all tenants or one).
#[derive(Message)]
#[rtype(result = "Result<u64, HandoffError>")]
pub struct SweepOtts {
    pub older_than: Duration,
    pub tenant: Option<Uuid>,
}
