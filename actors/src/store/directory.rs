//! Host names that serve a tenant's portal.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::execute;

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
