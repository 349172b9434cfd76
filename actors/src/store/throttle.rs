//! Throttle events: failed sign-ins and rate-limited requests, counted in sliding windows by the
//! `LoginThrottle` actor. Kept in the database so that every instance sees the same counts.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::{execute, fetch_one_scalar, query_as};

/// The events a throttle limit counts: which columns must match.
#[derive(Debug, Clone, Copy)]
pub enum ThrottleKey<'a> {
    /// One email at one tenant from one IP.
    Tuple {
        tenant: Uuid,
        email: &'a str,
        ip: &'a str,
    },
    /// One email at one tenant, from anywhere.
    Account { tenant: Uuid, email: &'a str },
    /// One IP, at every tenant.
    Ip { ip: &'a str },
}

#[derive(sqlx::FromRow)]
struct OccurredAt {
    occurred_at: DateTime<Utc>,
}

/// Records one event.
pub async fn insert(
    db: &Db,
    tenant: Uuid,
    scope: &str,
    email: &str,
    ip: &str,
    occurred_at: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO throttle_events (tenant, event_id, scope, email, ip, occurred_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        tenant,
        Uuid::new_v4(),
        scope,
        email,
        ip,
        occurred_at
    )?;
    Ok(())
}

/// The time of the `nth` most recent event (0 = the newest) of `scope` matching `key` that
/// happened after `since`; `None` when fewer than `nth + 1` such events exist.
pub async fn nth_most_recent(
    db: &Db,
    scope: &str,
    key: ThrottleKey<'_>,
    since: DateTime<Utc>,
    nth: i64,
) -> Result<Option<DateTime<Utc>>, DbError> {
    let row = match key {
        ThrottleKey::Tuple { tenant, email, ip } => query_as!(
            db.exec(),
            OccurredAt,
            fetch_optional,
            "SELECT occurred_at FROM throttle_events \
             WHERE tenant = $1 AND scope = $2 AND email = $3 AND ip = $4 AND occurred_at > $5 \
             ORDER BY occurred_at DESC LIMIT 1 OFFSET $6",
            tenant,
            scope,
            email,
            ip,
            since,
            nth
        )?,
        ThrottleKey::Account { tenant, email } => query_as!(
            db.exec(),
            OccurredAt,
            fetch_optional,
            "SELECT occurred_at FROM throttle_events \
             WHERE tenant = $1 AND scope = $2 AND email = $3 AND occurred_at > $4 \
             ORDER BY occurred_at DESC LIMIT 1 OFFSET $5",
            tenant,
            scope,
            email,
            since,
            nth
        )?,
        ThrottleKey::Ip { ip } => query_as!(
            db.exec(),
            OccurredAt,
            fetch_optional,
            "SELECT occurred_at FROM throttle_events \
             WHERE scope = $1 AND ip = $2 AND occurred_at > $3 \
             ORDER BY occurred_at DESC LIMIT 1 OFFSET $4",
            scope,
            ip,
            since,
            nth
        )?,
    };
    Ok(row.map(|r| r.occurred_at))
}

/// Deletes up to `batch` events that happened before `before`; returns how many.
pub async fn sweep_batch(db: &Db, before: DateTime<Utc>, batch: i64) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM throttle_events WHERE event_id IN ( \
           SELECT event_id FROM throttle_events WHERE occurred_at < $1 LIMIT $2)",
        before,
        batch
    )?)
}

/// How many events are stored (operators, tests).
pub async fn count(db: &Db) -> Result<i64, DbError> {
    Ok(fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM throttle_events"
    )?)
}
