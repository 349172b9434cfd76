//! Portal (vanity) domains: one per tenant, unique across tenants.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::portal_domain::{DomainStatus, PortalDomain};
use crate::{execute, query_as};

#[derive(sqlx::FromRow)]
struct DomainRow {
    tenant: Uuid,
    domain: String,
    canonical_host: String,
    status: String,
    status_message: Option<String>,
    last_checked_at: Option<DateTime<Utc>>,
    expected_cname: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl DomainRow {
    fn into_domain(self) -> PortalDomain {
        PortalDomain {
            tenant: self.tenant,
            domain: self.domain,
            canonical_host: self.canonical_host,
            // The CHECK constraint admits only known statuses.
            status: DomainStatus::parse(&self.status).unwrap_or(DomainStatus::Disabled),
            status_message: self.status_message,
            last_checked_at: self.last_checked_at,
            expected_cname: self.expected_cname,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const SELECT: &str =
    "SELECT tenant, domain, canonical_host, status, status_message, last_checked_at, \
                      expected_cname, created_at, updated_at FROM portal_domains";

pub async fn find_by_domain(db: &Db, domain: &str) -> Result<Option<PortalDomain>, DbError> {
    let sql = format!("{SELECT} WHERE domain = $1");
    Ok(query_as!(db.exec(), DomainRow, fetch_optional, &sql, domain)?.map(DomainRow::into_domain))
}

pub async fn find_by_tenant(db: &Db, tenant: Uuid) -> Result<Option<PortalDomain>, DbError> {
    let sql = format!("{SELECT} WHERE tenant = $1");
    Ok(query_as!(db.exec(), DomainRow, fetch_optional, &sql, tenant)?.map(DomainRow::into_domain))
}

pub async fn list(db: &Db) -> Result<Vec<PortalDomain>, DbError> {
    let sql = format!("{SELECT} ORDER BY domain");
    Ok(query_as!(db.exec(), DomainRow, fetch_all, &sql)?
        .into_iter()
        .map(DomainRow::into_domain)
        .collect())
}

/// Domains in a status, oldest check first (the DnsVerifier's work list).
pub async fn list_in_status(
    db: &Db,
    statuses: &[DomainStatus],
    limit: i64,
) -> Result<Vec<PortalDomain>, DbError> {
    let mut all = Vec::new();
    for status in statuses {
        let sql = format!("{SELECT} WHERE status = $1 ORDER BY updated_at LIMIT $2");
        let rows = query_as!(
            db.exec(),
            DomainRow,
            fetch_all,
            &sql,
            status.as_str(),
            limit
        )?;
        all.extend(rows.into_iter().map(DomainRow::into_domain));
    }
    Ok(all)
}

/// Registers (or replaces) a tenant's domain in `pending_dns`.
pub async fn upsert(
    db: &Db,
    tenant: Uuid,
    domain: &str,
    canonical_host: &str,
    expected_cname: &str,
    now: DateTime<Utc>,
) -> Result<PortalDomain, DbError> {
    let mut tx = db.begin().await?;
    execute!(
        tx.exec(),
        "DELETE FROM portal_domains WHERE tenant = $1",
        tenant
    )?;
    execute!(
        tx.exec(),
        "INSERT INTO portal_domains (tenant, domain, canonical_host, status, status_message, \
         last_checked_at, expected_cname, created_at, updated_at) \
         VALUES ($1, $2, $3, 'pending_dns', NULL, NULL, $4, $5, $5)",
        tenant,
        domain,
        canonical_host,
        expected_cname,
        now
    )?;
    tx.commit().await?;
    Ok(PortalDomain {
        tenant,
        domain: domain.to_owned(),
        canonical_host: canonical_host.to_owned(),
        status: DomainStatus::PendingDns,
        status_message: None,
        last_checked_at: None,
        expected_cname: expected_cname.to_owned(),
        created_at: now,
        updated_at: now,
    })
}

/// Moves a domain to `status`; with `from`, only when it is still in one of those (compare-and-set).
pub async fn set_status(
    db: &Db,
    tenant: Uuid,
    status: DomainStatus,
    message: Option<&str>,
    checked: bool,
    from: Option<&[DomainStatus]>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let checked_at = checked.then_some(now);
    let n = match from {
        None => execute!(
            db.exec(),
            "UPDATE portal_domains SET status = $2, status_message = $3, \
             last_checked_at = COALESCE($4, last_checked_at), updated_at = $5 WHERE tenant = $1",
            tenant,
            status.as_str(),
            message,
            checked_at,
            now
        )?,
        Some(from) => {
            let mut n = 0;
            for f in from {
                n = execute!(
                    db.exec(),
                    "UPDATE portal_domains SET status = $2, status_message = $3, \
                     last_checked_at = COALESCE($4, last_checked_at), updated_at = $5 \
                     WHERE tenant = $1 AND status = $6",
                    tenant,
                    status.as_str(),
                    message,
                    checked_at,
                    now,
                    f.as_str()
                )?;
                if n > 0 {
                    break;
                }
            }
            n
        }
    };
    Ok(n > 0)
}
