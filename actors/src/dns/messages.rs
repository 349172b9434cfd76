//! The `DnsVerifier` actor's messages and the types they carry: what one CNAME check found,
//! and why a verification failed.

use actix::Message;
use serde::Serialize;
use uuid::Uuid;

use crate::db::DbError;
use crate::portal_domain::PortalDomain;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum DnsError {
    #[error("domain store unavailable")]
    Db(#[from] DbError),
    #[error("no portal domain for this tenant")]
    UnknownDomain,
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// The result of one verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsCheck {
    pub matches: bool,
    pub chain: Vec<String>,
    /// `cache` or `resolver`.
    pub source: &'static str,
    /// Set when the resolver failed (timeout, refused); never cached.
    pub error: Option<String>,
}

impl DnsCheck {
    pub(super) fn outcome(&self) -> &'static str {
        match (&self.error, self.matches, self.chain.is_empty()) {
            (Some(_), _, _) => "error",
            (None, true, _) => "match",
            (None, false, true) => "not_found",
            (None, false, false) => "mismatch",
        }
    }

    /// A line for the domain's status message.
    pub fn describe(&self, expected: &str) -> String {
        match (&self.error, self.chain.last()) {
            (Some(e), _) => format!("DNS lookup failed: {e}"),
            (None, None) => format!("No CNAME record found; point it at {expected}"),
            (None, Some(_)) if self.matches => {
                format!("CNAME verified ({})", self.chain.join(" → "))
            }
            (None, Some(_)) => format!(
                "CNAME points to {}, expected {expected}",
                self.chain.join(" → ")
            ),
        }
    }
}

/// Checks that `domain`'s CNAME chain reaches `expected`.
#[derive(Message)]
#[rtype(result = "Result<DnsCheck, DnsError>")]
pub struct VerifyCname {
    pub domain: String,
    pub expected: String,
}

/// Forgets every cached answer; returns how many.
#[derive(Message)]
#[rtype(result = "Result<u64, DnsError>")]
pub struct FlushDnsCache;

/// Re-verifies one tenant's domain now (fresh lookup) and moves its status accordingly.
#[derive(Message)]
#[rtype(result = "Result<PortalDomain, DnsError>")]
pub struct ReverifyDomain {
    pub tenant: Uuid,
}

/// Runs the scheduled verification of pending domains now; returns how many were checked.
#[derive(Message)]
#[rtype(result = "Result<usize, DnsError>")]
pub struct VerifyPending;
