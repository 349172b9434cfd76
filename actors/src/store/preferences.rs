//! A user's preferences (`user_preferences`): small named values such as the project view they
//! last chose or their time zone. Every function takes an executor, so it runs on the pool or
//! inside a caller's transaction.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::{execute, query_as};

/// A user's preference, if set.
pub async fn get(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    key: &str,
) -> Result<Option<String>, DbError> {
    Ok(query_as!(
        exec,
        (String,),
        fetch_optional,
        "SELECT pref_value FROM user_preferences \
         WHERE tenant = $1 AND user_id = $2 AND pref_key = $3",
        tenant,
        user_id,
        key
    )?
    .map(|(v,)| v))
}

/// Sets a preference (`None` removes it, so the default applies again).
pub async fn set(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    key: &str,
    value: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    match value {
        Some(value) => execute!(
            exec,
            "INSERT INTO user_preferences (tenant, user_id, pref_key, pref_value, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant, user_id, pref_key) DO UPDATE SET \
                 pref_value = excluded.pref_value, updated_at = excluded.updated_at",
            tenant,
            user_id,
            key,
            value,
            now
        )?,
        None => execute!(
            exec,
            "DELETE FROM user_preferences WHERE tenant = $1 AND user_id = $2 AND pref_key = $3",
            tenant,
            user_id,
            key
        )?,
    };
    Ok(())
}
