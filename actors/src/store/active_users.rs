//! Counts of active users and tenants for the activity gauges: one statement for the three
//! windows, no per-user data leaves it.

use chrono::{DateTime, Utc};

use crate::db::{Db, DbError};
use crate::query_as;

/// Distinct users and tenants seen since each of three instants (shortest window first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ActiveCounts {
    pub users_short: i64,
    pub users_medium: i64,
    pub users_long: i64,
    pub tenants_short: i64,
    pub tenants_medium: i64,
    pub tenants_long: i64,
}

/// Users who signed in (`users.last_login_at`) or used a session (`sessions.last_seen_at`)
/// after each instant, and the tenants they belong to. `long` must be the earliest instant:
/// only rows after it are read.
pub async fn count_since(
    db: &Db,
    short: DateTime<Utc>,
    medium: DateTime<Utc>,
    long: DateTime<Utc>,
) -> Result<ActiveCounts, DbError> {
    Ok(query_as!(
        db.exec(),
        ActiveCounts,
        fetch_one,
        "SELECT \
           COALESCE(SUM(CASE WHEN seen > $1 THEN 1 ELSE 0 END), 0) AS users_short, \
           COALESCE(SUM(CASE WHEN seen > $2 THEN 1 ELSE 0 END), 0) AS users_medium, \
           COUNT(*) AS users_long, \
           COUNT(DISTINCT CASE WHEN seen > $1 THEN tenant END) AS tenants_short, \
           COUNT(DISTINCT CASE WHEN seen > $2 THEN tenant END) AS tenants_medium, \
           COUNT(DISTINCT tenant) AS tenants_long \
         FROM ( \
           SELECT tenant, user_id, MAX(seen) AS seen FROM ( \
             SELECT tenant, user_id, last_login_at AS seen FROM users \
              WHERE last_login_at > $3 \
             UNION ALL \
             SELECT tenant, user_id, last_seen_at AS seen FROM sessions \
              WHERE last_seen_at > $3 \
           ) recent \
           GROUP BY tenant, user_id \
         ) active",
        short,
        medium,
        long
    )?)
}
