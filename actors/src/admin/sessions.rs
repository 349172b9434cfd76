//! Operators ending sessions: every session of one user, or of a whole tenant. Through the
//! admin API the `Sessions` actor does it (this instance's cache at once, the others through
//! PostgreSQL `NOTIFY`); from the command line the database is changed directly (on PostgreSQL
//! the same `NOTIFY` reaches running servers; on SQLite a running server re-reads a cached
//! session within its cache TTL and then refuses it). Either way the tenant's audit trail gets a
//! `sessions_revoked` event with the count.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::audit::{AuditRecord, Record};
use crate::db::{Db, DbError};
use crate::model::{Email, RequestOrigin, UserType};
use crate::services::Services;
use crate::sessions::{RevokeReason, RevokeTenantSessions, RevokeUserSessions, SessionError};
use crate::store::{audit, sessions, users};

/// Why sessions could not be ended.
#[derive(Debug, thiserror::Error)]
pub enum RevokeSessionsError {
    #[error("no user with this email in the tenant")]
    UnknownUser,
    #[error("session store unavailable")]
    Db(#[from] DbError),
    #[error("sessions actor unavailable")]
    Sessions(#[from] SessionError),
    #[error("sessions actor unreachable")]
    Mailbox(#[from] actix::MailboxError),
}

/// Whose sessions end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevokeScope {
    /// Every user (client or internal) of the tenant with this email.
    User {
        email: String,
    },
    Tenant,
}

/// The users of `tenant` with this email (a client and an internal account may share one);
/// an unusable email has none.
pub async fn users_with_email(db: &Db, tenant: Uuid, email: &str) -> Result<Vec<Uuid>, DbError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for user_type in [UserType::Client, UserType::Internal] {
        if let Some(id) = users::find_id(db, tenant, &email, user_type).await? {
            found.push(id);
        }
    }
    Ok(found)
}

/// The `sessions_revoked` event of an operator's revocation.
fn revocation_event(
    tenant: Uuid,
    scope: &RevokeScope,
    users: &[Uuid],
    revoked: u64,
    source: &str,
) -> AuditRecord {
    let (scope_name, email) = match scope {
        RevokeScope::User { email } => ("user", Some(email.to_ascii_lowercase())),
        RevokeScope::Tenant => ("tenant", None),
    };
    AuditRecord {
        tenant,
        event_type: "sessions_revoked",
        outcome: "success",
        reason: Some(RevokeReason::Admin.as_str().to_owned()),
        user_id: users.first().copied(),
        email,
        origin: RequestOrigin {
            host: source.to_owned(),
            ..RequestOrigin::default()
        },
        details: Some(
            serde_json::json!({
                "sessions": revoked, "by": "operator", "scope": scope_name, "source": source,
            })
            .to_string(),
        ),
    }
}

/// The users a scope covers: `UnknownUser` when a user scope finds none.
async fn covered_users(
    db: &Db,
    tenant: Uuid,
    scope: &RevokeScope,
) -> Result<Vec<Uuid>, RevokeSessionsError> {
    match scope {
        RevokeScope::Tenant => Ok(Vec::new()),
        RevokeScope::User { email } => {
            let found = users_with_email(db, tenant, email).await?;
            if found.is_empty() {
                return Err(RevokeSessionsError::UnknownUser);
            }
            Ok(found)
        }
    }
}

/// Ends the sessions of `scope` through the `Sessions` actor (admin API); answers how many
/// were live. The audit event goes through the `Audit` actor.
pub async fn revoke_sessions(
    services: &Services,
    tenant: Uuid,
    scope: RevokeScope,
) -> Result<u64, RevokeSessionsError> {
    let users = covered_users(&services.db, tenant, &scope).await?;
    let reason = RevokeReason::Admin;
    let mut revoked = 0_u64;
    match scope {
        RevokeScope::Tenant => {
            let msg = RevokeTenantSessions { tenant, reason };
            revoked = services.sessions.send(msg).await??;
        }
        RevokeScope::User { .. } => {
            for &user_id in &users {
                let msg = RevokeUserSessions {
                    tenant,
                    user_id,
                    reason,
                };
                revoked = revoked.saturating_add(services.sessions.send(msg).await??);
            }
        }
    }
    let event = revocation_event(tenant, &scope, &users, revoked, "api");
    services.audit.do_send(Record(event));
    Ok(revoked)
}

/// Ends the sessions of `scope` in the database directly (the command line, where no actor
/// runs); the audit event is written at once. Answers how many were live.
pub async fn revoke_sessions_in_db(
    db: &Db,
    now: DateTime<Utc>,
    tenant: Uuid,
    scope: RevokeScope,
) -> Result<u64, RevokeSessionsError> {
    let users = covered_users(db, tenant, &scope).await?;
    let reason = RevokeReason::Admin.as_str();
    let mut revoked = 0_u64;
    match scope {
        RevokeScope::Tenant => revoked = sessions::revoke_tenant(db, tenant, reason, now).await?,
        RevokeScope::User { .. } => {
            for &user_id in &users {
                let n = sessions::revoke_user(db, tenant, user_id, reason, now).await?;
                revoked = revoked.saturating_add(n);
            }
        }
    }
    let event = revocation_event(tenant, &scope, &users, revoked, "cli").into_event(now);
    audit::insert_batch(db, &[event]).await?;
    Ok(revoked)
}
