//! What a revocation covers, and how it travels between instances: on PostgreSQL every statement
//! that ends sessions sends `NOTIFY session_revoked` with a small JSON payload naming its scope
//! (never a list of token hashes: payloads stop at 8,000 bytes), in the same transaction.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::SessionRecord;

/// The PostgreSQL channel of revocations.
pub const CHANNEL: &str = "session_revoked";

/// The sessions a revocation (or a change that sessions cache, such as deactivating a user)
/// makes stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum RevocationScope {
    /// One session, by the SHA-256 of its cookie value.
    Session { token_hash: String },
    /// Every session of a user, except `keep` ("sign out everywhere else").
    User {
        tenant: Uuid,
        user_id: Uuid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        keep: Option<String>,
    },
    /// Every session of a client company's users.
    Client { tenant: Uuid, client_id: Uuid },
    /// Every session of a tenant.
    Tenant { tenant: Uuid },
    /// Everything (notifications may have been lost, or a payload was not understood).
    All,
}

impl RevocationScope {
    /// Every session of a user.
    pub fn user(tenant: Uuid, user_id: Uuid) -> Self {
        RevocationScope::User {
            tenant,
            user_id,
            keep: None,
        }
    }

    /// The NOTIFY payload.
    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| String::from(r#"{"scope":"all"}"#))
    }

    /// Reads a NOTIFY payload; one it does not understand means everything (the safe reading).
    pub fn from_payload(payload: &str) -> Self {
        serde_json::from_str(payload).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "unreadable session_revoked payload: forgetting every cached session");
            RevocationScope::All
        })
    }

    /// Whether a cached session falls under this revocation.
    pub fn covers(&self, record: &SessionRecord) -> bool {
        let user = &record.user;
        match self {
            RevocationScope::Session { token_hash } => record.token_hash == *token_hash,
            RevocationScope::User {
                tenant,
                user_id,
                keep,
            } => {
                user.tenant == *tenant
                    && user.user_id == *user_id
                    && keep.as_deref() != Some(record.token_hash.as_str())
            }
            RevocationScope::Client { tenant, client_id } => {
                user.tenant == *tenant && user.client_id == Some(*client_id)
            }
            RevocationScope::Tenant { tenant } => user.tenant == *tenant,
            RevocationScope::All => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_stay_small() {
        let widest = RevocationScope::User {
            tenant: Uuid::new_v4(),
            user_id: Uuid::new_v4(),
            keep: Some("a".repeat(64)),
        };
        let payload = widest.to_payload();
        assert!(payload.len() < 300, "{payload}");
        assert_eq!(RevocationScope::from_payload(&payload), widest);
        for scope in [
            RevocationScope::Session {
                token_hash: "b".repeat(64),
            },
            RevocationScope::user(Uuid::new_v4(), Uuid::new_v4()),
            RevocationScope::Client {
                tenant: Uuid::new_v4(),
                client_id: Uuid::new_v4(),
            },
            RevocationScope::Tenant {
                tenant: Uuid::new_v4(),
            },
            RevocationScope::All,
        ] {
            assert_eq!(RevocationScope::from_payload(&scope.to_payload()), scope);
        }
    }

    #[test]
    fn an_unreadable_payload_means_everything() {
        for payload in ["", "{", "null", r#"{"scope":"galaxy"}"#, "\u{0}\u{ffff}"] {
            assert_eq!(RevocationScope::from_payload(payload), RevocationScope::All);
        }
    }
}
