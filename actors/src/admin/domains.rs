//! Operators' management of portal (vanity) domains: list, register, find and set a status.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::portal_domain::{parse_domain, DomainNameError, DomainStatus, PortalDomain};
use crate::store::{portal_domains, tenants};

/// Why a domain could not be registered.
#[derive(Debug, thiserror::Error)]
pub enum AddDomainError {
    #[error(transparent)]
    Invalid(#[from] DomainNameError),
    #[error("no tenant has this id or slug")]
    UnknownTenant,
    #[error("another tenant has this domain")]
    Taken(#[source] DbError),
    #[error("portal domains unavailable")]
    Db(#[from] DbError),
}

/// What to register: the tenant (id or slug), its domain, and where the domain must point.
pub struct NewDomain<'a> {
    pub tenant: &'a str,
    pub domain: &'a str,
    pub canonical_host: &'a str,
    pub cname_target: &'a str,
}

/// Every registered domain.
pub async fn list_domains(db: &Db) -> Result<Vec<PortalDomain>, DbError> {
    portal_domains::list(db).await
}

/// Registers (or replaces) the tenant's domain, pending its DNS check.
pub async fn add_domain(
    db: &Db,
    now: DateTime<Utc>,
    new: NewDomain<'_>,
) -> Result<PortalDomain, AddDomainError> {
    let domain = parse_domain(new.domain, new.canonical_host)?;
    let tenant = tenants::find_by_key(db, new.tenant)
        .await?
        .ok_or(AddDomainError::UnknownTenant)?;
    let added = portal_domains::upsert(
        db,
        tenant.id,
        &domain,
        new.canonical_host,
        new.cname_target,
        now,
    )
    .await;
    added.map_err(|e| {
        if e.is_unique_violation() {
            AddDomainError::Taken(e)
        } else {
            AddDomainError::Db(e)
        }
    })
}

/// The domain with this name (case and a trailing dot do not matter).
pub async fn find_domain(db: &Db, name: &str) -> Result<Option<PortalDomain>, DbError> {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    portal_domains::find_by_domain(db, &name).await
}

/// The tenant's domain, if it has one.
pub async fn domain_of_tenant(db: &Db, tenant: Uuid) -> Result<Option<PortalDomain>, DbError> {
    portal_domains::find_by_tenant(db, tenant).await
}

/// Sets the tenant's domain to `status` by an operator's decision (not a DNS check).
pub async fn set_domain_status(
    db: &Db,
    now: DateTime<Utc>,
    tenant: Uuid,
    status: DomainStatus,
    message: &str,
) -> Result<(), DbError> {
    portal_domains::set_status(db, tenant, status, Some(message), false, None, now).await?;
    Ok(())
}
