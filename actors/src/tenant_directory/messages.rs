//! The `TenantDirectory` actor's messages and the types they carry: what a tenant or portal
//! domain is looked up by, and why a lookup failed.

use actix::Message;
use uuid::Uuid;

use crate::db::DbError;
use crate::model::TenantInfo;
use crate::portal_domain::PortalDomain;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    #[error("tenant directory unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// What to look a tenant up by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TenantKey {
    Host(String),
    Slug(String),
    Id(Uuid),
}

#[derive(Message)]
#[rtype(result = "Result<Option<TenantInfo>, DirectoryError>")]
pub struct LookupTenant(pub TenantKey);

/// What to look a portal domain up by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DomainKey {
    Host(String),
    Tenant(Uuid),
}

/// The portal domain of a host or a tenant (cached briefly).
#[derive(Message)]
#[rtype(result = "Result<Option<PortalDomain>, DirectoryError>")]
pub struct LookupDomain(pub DomainKey);

/// Empties both caches (operators, after editing tenants directly).
#[derive(Message)]
#[rtype(result = "Result<u64, DirectoryError>")]
pub struct FlushTenantCache;
