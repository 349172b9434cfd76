//! `TenantDirectory`: which tenant a host name or slug belongs to, with its settings, cached.

mod flush;
mod messages;

pub use flush::FlushTenant;
pub use messages::*;

use std::time::Duration as StdDuration;

use actix::{Handler, ResponseFuture};
use moka::sync::Cache;

use crate::clock::SharedClock;
use crate::db::Db;
use crate::model::{is_valid_slug, TenantInfo};
use crate::portal_domain::PortalDomain;
use crate::registry::ActorRegistry;
use crate::store::portal_domains;
use crate::store::tenants;
use crate::supervision::{supervised_actor, PortalActor};

pub const ACTOR_NAME: &str = "tenant_directory";
/// Found tenants are trusted this long; settings changes show within it.
pub const POSITIVE_TTL: StdDuration = StdDuration::from_secs(120);
/// Unknown hosts and slugs are remembered this long (bounds lookups for garbage hosts).
pub const NEGATIVE_TTL: StdDuration = StdDuration::from_secs(10);
pub const CACHE_CAPACITY: u64 = 50_000;
/// Portal-domain answers (found or not) are trusted this long: status changes made by another
/// instance show within it (this instance's own changes flush at once).
pub const DOMAIN_TTL: StdDuration = StdDuration::from_secs(15);

#[derive(Clone)]
struct DirectoryCore {
    db: Db,
    found: Cache<TenantKey, TenantInfo>,
    unknown: Cache<TenantKey, ()>,
    domains: Cache<DomainKey, Option<PortalDomain>>,
}

/// A read-only view of the directory's cache of found tenants, for the HTTP workers' hot path
/// (a signed-in page then needs no round trip to the actor when the tenant is cached). Misses
/// still go to the actor, which alone fills and flushes the cache.
#[derive(Clone)]
pub struct TenantCacheView(Cache<TenantKey, TenantInfo>);

impl TenantCacheView {
    pub fn peek(&self, key: &TenantKey) -> Option<TenantInfo> {
        self.0.get(key)
    }
}

impl DirectoryCore {
    async fn lookup(&self, key: TenantKey) -> Result<Option<TenantInfo>, DirectoryError> {
        if let Some(info) = self.found.get(&key) {
            return Ok(Some(info));
        }
        if self.unknown.contains_key(&key) {
            return Ok(None);
        }
        let info = match &key {
            TenantKey::Host(host) => match tenants::find_by_host(&self.db, host).await? {
                Some(info) => Some(info),
                None => match self.domain(DomainKey::Host(host.clone())).await? {
                    Some(domain) => tenants::find_by_id(&self.db, domain.tenant).await?,
                    None => None,
                },
            },
            TenantKey::Slug(slug) if is_valid_slug(slug) => {
                tenants::find_by_slug(&self.db, slug).await?
            }
            TenantKey::Slug(_) => None,
            TenantKey::Id(id) => tenants::find_by_id(&self.db, *id).await?,
        };
        match &info {
            Some(info) => self.found.insert(key, info.clone()),
            None => self.unknown.insert(key, ()),
        }
        Ok(info)
    }

    async fn domain(&self, key: DomainKey) -> Result<Option<PortalDomain>, DirectoryError> {
        if let Some(found) = self.domains.get(&key) {
            return Ok(found);
        }
        let found = match &key {
            DomainKey::Host(host) => portal_domains::find_by_domain(&self.db, host).await?,
            DomainKey::Tenant(tenant) => portal_domains::find_by_tenant(&self.db, *tenant).await?,
        };
        self.domains.insert(key, found.clone());
        Ok(found)
    }

    fn flush(&self) -> u64 {
        let n = [
            &self.found.entry_count(),
            &self.unknown.entry_count(),
            &self.domains.entry_count(),
        ]
        .into_iter()
        .fold(0u64, |sum, n| sum.saturating_add(*n));
        self.found.invalidate_all();
        self.unknown.invalidate_all();
        self.domains.invalidate_all();
        n
    }
}

pub struct TenantDirectory {
    core: DirectoryCore,
    clock: SharedClock,
    registry: ActorRegistry,
}

impl TenantDirectory {
    pub fn new(db: Db, clock: SharedClock, registry: ActorRegistry) -> Self {
        let found = Cache::builder()
            .max_capacity(CACHE_CAPACITY)
            .time_to_live(POSITIVE_TTL)
            .build();
        let unknown = Cache::builder()
            .max_capacity(CACHE_CAPACITY)
            .time_to_live(NEGATIVE_TTL)
            .build();
        let domains = Cache::builder()
            .max_capacity(CACHE_CAPACITY)
            .time_to_live(DOMAIN_TTL)
            .build();
        Self {
            core: DirectoryCore {
                db,
                found,
                unknown,
                domains,
            },
            clock,
            registry,
        }
    }
}

impl TenantDirectory {
    /// The read-only cache view to hand to the HTTP workers (take it before starting the actor).
    pub fn cache_view(&self) -> TenantCacheView {
        TenantCacheView(self.core.found.clone())
    }
}

supervised_actor!(TenantDirectory);

impl PortalActor for TenantDirectory {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.clock
    }

    fn on_restarting(&mut self) {
        self.core.flush();
    }
}

impl Handler<LookupTenant> for TenantDirectory {
    type Result = ResponseFuture<Result<Option<TenantInfo>, DirectoryError>>;

    /// Finds a tenant by host, slug or id (cache first).
    fn handle(&mut self, msg: LookupTenant, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.lookup(msg.0).await })
    }
}

impl Handler<LookupDomain> for TenantDirectory {
    type Result = ResponseFuture<Result<Option<PortalDomain>, DirectoryError>>;

    /// Finds the portal domain of a host or tenant (cache first).
    fn handle(&mut self, msg: LookupDomain, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.domain(msg.0).await })
    }
}

impl Handler<FlushTenantCache> for TenantDirectory {
    type Result = Result<u64, DirectoryError>;

    /// Forgets every cached answer; returns how many entries were dropped.
    fn handle(&mut self, _: FlushTenantCache, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        Ok(self.core.flush())
    }
}
