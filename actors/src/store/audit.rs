//! Audit events: security-relevant facts, written in batches by the `Audit` actor.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::{execute, query_as};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEvent {
    pub tenant: Uuid,
    pub event_id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub event_type: String,
    pub outcome: String,
    pub reason: Option<String>,
    pub user_id: Option<Uuid>,
    pub email: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub details: Option<String>,
}

/// Writes the events in one transaction.
pub async fn insert_batch(db: &Db, events: &[AuditEvent]) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    for e in events {
        execute!(
            tx.exec(),
            "INSERT INTO audit_events (tenant, event_id, occurred_at, event_type, outcome, reason, \
             user_id, email, ip, user_agent, details) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            e.tenant,
            e.event_id,
            e.occurred_at,
            &e.event_type,
            &e.outcome,
            e.reason.as_deref(),
            e.user_id,
            e.email.as_deref(),
            e.ip.as_deref(),
            e.user_agent.as_deref(),
            e.details.as_deref()
        )?;
    }
    tx.commit().await
}

/// The most recent events of a tenant, newest first.
pub async fn recent(db: &Db, tenant: Uuid, limit: i64) -> Result<Vec<AuditEvent>, DbError> {
    Ok(query_as!(
        db.exec(),
        AuditEvent,
        fetch_all,
        "SELECT tenant, event_id, occurred_at, event_type, outcome, reason, user_id, email, ip, \
                user_agent, details \
         FROM audit_events WHERE tenant = $1 ORDER BY occurred_at DESC LIMIT $2",
        tenant,
        limit
    )?)
}

/// A sign-in event as a client admin sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignInEvent {
    pub occurred_at: DateTime<Utc>,
    pub email: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
}

/// The latest sign-in events of one company's client users (matched by email, so failures
/// before the user was known are included).
pub async fn company_sign_ins(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    limit: i64,
) -> Result<Vec<SignInEvent>, DbError> {
    Ok(query_as!(
        db.exec(),
        SignInEvent,
        fetch_all,
        "SELECT a.occurred_at, a.email, a.outcome, a.ip FROM audit_events a \
         JOIN users u ON u.tenant = a.tenant AND u.email = a.email AND u.user_type = 'client' \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE a.tenant = $1 AND c.client_id = $2 AND a.event_type = 'sign_in' \
         ORDER BY a.occurred_at DESC LIMIT $3",
        tenant,
        client_id,
        limit
    )?)
}
