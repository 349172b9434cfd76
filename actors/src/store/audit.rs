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

/// A sign-in or an account event as a client admin sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignInEvent {
    pub occurred_at: DateTime<Utc>,
    /// `sign_in`, or one of [`COMPANY_ACCOUNT_EVENTS`].
    pub event_type: String,
    pub email: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
}

/// What happened to a company's portal users that its admins see beside the sign-ins.
pub const COMPANY_ACCOUNT_EVENTS: [&str; 8] = [
    "user_role_changed",
    "user_deactivated",
    "user_reactivated",
    "password_reset_sent",
    "session_revoked",
    "profile_updated",
    "company_two_factor_required",
    "company_updated",
];

/// The latest sign-in and account events of one company's client users (matched by email, so
/// failed sign-ins are included, or by user id).
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
        "SELECT a.occurred_at, a.event_type, COALESCE(a.email, u.email) AS email, a.outcome, \
                a.ip \
         FROM audit_events a \
         JOIN users u ON u.tenant = a.tenant AND u.user_type = 'client' \
          AND (u.email = a.email OR u.user_id = a.user_id) \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE a.tenant = $1 AND c.client_id = $2 \
           AND (a.event_type = 'sign_in' \
                OR (a.outcome = 'success' AND a.event_type IN ($4, $5, $6, $7, $8, $9, $10, $11))) \
         ORDER BY a.occurred_at DESC LIMIT $3",
        tenant,
        client_id,
        limit,
        COMPANY_ACCOUNT_EVENTS[0],
        COMPANY_ACCOUNT_EVENTS[1],
        COMPANY_ACCOUNT_EVENTS[2],
        COMPANY_ACCOUNT_EVENTS[3],
        COMPANY_ACCOUNT_EVENTS[4],
        COMPANY_ACCOUNT_EVENTS[5],
        COMPANY_ACCOUNT_EVENTS[6],
        COMPANY_ACCOUNT_EVENTS[7]
    )?)
}

/// One event as operators read it: the event and its tenant's slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub tenant: Uuid,
    pub tenant_slug: String,
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

/// Where a page of events ends: the next page holds the events strictly older than this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditCursor {
    pub occurred_at: DateTime<Utc>,
    pub event_id: Uuid,
}

/// Which events to read; every field that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub tenant: Option<Uuid>,
    pub event_type: Option<String>,
    pub outcome: Option<String>,
    pub user_id: Option<Uuid>,
    /// Compared with the stored (lowercase) email exactly.
    pub email: Option<String>,
    /// Events at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Events before this time.
    pub until: Option<DateTime<Utc>>,
    /// Events older than this position (paging).
    pub after: Option<AuditCursor>,
}

/// Events of every tenant matching `filter`, newest first, at most `limit`.
pub async fn search(db: &Db, filter: &AuditFilter, limit: i64) -> Result<Vec<AuditEntry>, DbError> {
    Ok(query_as!(
        db.exec(),
        AuditEntry,
        fetch_all,
        "SELECT a.tenant, t.slug AS tenant_slug, a.event_id, a.occurred_at, a.event_type, \
                a.outcome, a.reason, a.user_id, a.email, a.ip, a.user_agent, a.details \
         FROM audit_events a JOIN tenants t ON t.tenant = a.tenant \
         WHERE ($1 IS NULL OR a.tenant = $1) \
           AND ($2 IS NULL OR a.event_type = $2) \
           AND ($3 IS NULL OR a.outcome = $3) \
           AND ($4 IS NULL OR a.user_id = $4) \
           AND ($5 IS NULL OR a.email = $5) \
           AND ($6 IS NULL OR a.occurred_at >= $6) \
           AND ($7 IS NULL OR a.occurred_at < $7) \
           AND ($8 IS NULL OR a.occurred_at < $8 OR (a.occurred_at = $8 AND a.event_id < $9)) \
         ORDER BY a.occurred_at DESC, a.event_id DESC LIMIT $10",
        filter.tenant,
        filter.event_type.as_deref(),
        filter.outcome.as_deref(),
        filter.user_id,
        filter.email.as_deref(),
        filter.since,
        filter.until,
        filter.after.map(|c| c.occurred_at),
        filter.after.map(|c| c.event_id),
        limit
    )?)
}

/// Deletes up to `batch` events (of any tenant) that occurred before `before`; returns how many.
pub async fn delete_older_than(db: &Db, before: DateTime<Utc>, batch: i64) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM audit_events WHERE (tenant, event_id) IN ( \
             SELECT tenant, event_id FROM audit_events WHERE occurred_at < $1 LIMIT $2)",
        before,
        batch
    )?)
}
