//! `TenantDirectory`: which tenant a host name or slug belongs to, with its settings, cached.

use std::time::Duration as StdDuration;

use actix::{Actor, Context, Handler, Message, ResponseFuture, Supervised};
use moka::sync::Cache;
use uuid::Uuid;

use crate::clock::SharedClock;
use crate::db::{Db, DbError};
use crate::domain::{is_valid_slug, TenantInfo};
use crate::registry::ActorRegistry;
use crate::store::tenants;
use crate::supervision::{injected_fault, ActorFault, InjectPanic, Restart};

pub const ACTOR_NAME: &str = "tenant_directory";
/// Found tenants are trusted this long; settings changes show within it.
pub const POSITIVE_TTL: StdDuration = StdDuration::from_secs(120);
/// Unknown hosts and slugs are remembered this long (bounds lookups for garbage hosts).
pub const NEGATIVE_TTL: StdDuration = StdDuration::from_secs(10);
pub const CACHE_CAPACITY: u64 = 50_000;

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

/// Empties both caches (operators, after editing tenants directly).
#[derive(Message)]
#[rtype(result = "Result<u64, DirectoryError>")]
pub struct FlushTenantCache;

#[derive(Clone)]
struct DirectoryCore {
    db: Db,
    found: Cache<TenantKey, TenantInfo>,
    unknown: Cache<TenantKey, ()>,
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
            TenantKey::Host(host) => tenants::find_by_host(&self.db, host).await?,
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
        Self {
            core: DirectoryCore { db, found, unknown },
            clock,
            registry,
        }
    }
}

impl Actor for TenantDirectory {
    type Context = Context<Self>;

    fn started(&mut self, _: &mut Self::Context) {
        self.registry.started(ACTOR_NAME, self.clock.now());
    }

    fn stopped(&mut self, _: &mut Self::Context) {
        self.registry.stopped(ACTOR_NAME);
    }
}

impl Supervised for TenantDirectory {
    fn restarting(&mut self, _: &mut Self::Context) {
        self.registry.restarting(ACTOR_NAME);
        self.core.found.invalidate_all();
        self.core.unknown.invalidate_all();
    }
}

impl Handler<LookupTenant> for TenantDirectory {
    type Result = ResponseFuture<Result<Option<TenantInfo>, DirectoryError>>;

    /// Finds a tenant by host, slug or id (cache first).
    fn handle(&mut self, msg: LookupTenant, _: &mut Self::Context) -> Self::Result {
        self.registry.handled(ACTOR_NAME);
        let core = self.core.clone();
        Box::pin(async move { core.lookup(msg.0).await })
    }
}

impl Handler<FlushTenantCache> for TenantDirectory {
    type Result = Result<u64, DirectoryError>;

    /// Forgets every cached answer; returns how many entries were dropped.
    fn handle(&mut self, _: FlushTenantCache, _: &mut Self::Context) -> Self::Result {
        let n = self.core.found.entry_count() + self.core.unknown.entry_count();
        self.core.found.invalidate_all();
        self.core.unknown.invalidate_all();
        Ok(n)
    }
}

impl Handler<InjectPanic> for TenantDirectory {
    type Result = Result<(), ActorFault>;

    /// Panics inside the handler (fault-injection tests of supervision).
    fn handle(&mut self, _: InjectPanic, ctx: &mut Self::Context) -> Self::Result {
        crate::guard!(ACTOR_NAME, ctx, injected_fault(), Err(ActorFault))
    }
}

impl Handler<Restart> for TenantDirectory {
    type Result = Result<(), ActorFault>;

    /// Stops the actor so that its supervisor starts it again.
    fn handle(&mut self, _: Restart, ctx: &mut Self::Context) -> Self::Result {
        actix::ActorContext::stop(ctx);
        Ok(())
    }
}
