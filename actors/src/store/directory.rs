//! Host names that serve a tenant's portal.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::{execute, query_as};

pub async fn add_host(
    db: &Db,
    tenant: Uuid,
    host: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO tenant_hosts (tenant, host, created_at) VALUES ($1, $2, $3)",
        tenant,
        host,
        now
    )?;
    Ok(())
}

/// The host names that serve the tenant's portal directly, by name.
pub async fn hosts_of(db: &Db, tenant: Uuid) -> Result<Vec<String>, DbError> {
    let rows: Vec<(String,)> = query_as!(
        db.exec(),
        (String,),
        fetch_all,
        "SELECT host FROM tenant_hosts WHERE tenant = $1 ORDER BY host",
        tenant
    )?;
    Ok(rows.into_iter().map(|(host,)| host).collect())
}
