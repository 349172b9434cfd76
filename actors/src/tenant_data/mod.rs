//! `TenantData`: one actor per tenant, spawned on demand by `TenantRegistry`, owning that
//! tenant's data access. Its tenant id is fixed when it is spawned and no message carries one,
//! so a request can only ever read or write its own tenant's rows. It stops itself when idle.
//!
//! Every query passes the signed-in user; the actor resolves what they may see (company,
//! contact scope, board visibility group, `ticket:*` permissions) from the database each time,
//! so a changed role or scope applies at once. A ticket the user may not see is `NotFound`,
//! exactly like one that does not exist.

mod billing_pages;
mod billing_sync;
mod changes;
pub mod company;
mod directory;
mod integration;
mod messages;
mod notices;
mod own_profile;
pub mod profile;
mod project_pages;
mod projects;
pub mod registry;
mod ticket_handlers;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration as StdDuration;

use actix::{Actor, ActorContext, AsyncContext, Context, Handler};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub use billing_pages::*;
pub use billing_sync::*;
pub use company::{CompanyError, CompanyOfAdmin, CompanySessions, CompanySettings};
pub use messages::*;
pub use notices::{
    GetNotificationChoices, RecentActivity, SaveNotificationChoices, TurnOffNotification,
};
pub use own_profile::{
    ExportOwnData, ExportedProfile, GetOwnAccount, GetOwnProfile, ProfileError, SaveOwnProfile,
    YourData,
};
pub use project_pages::*;
pub use registry::{TenantDataFor, TenantDataView, TenantRegistry};

use crate::clock::SharedClock;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::store::tickets as store;
use crate::supervision::{inject_panic_handler, PortalActor};
use crate::tickets::Choice;

/// The name the per-tenant actors report under in `/admin/actors` (all of them together).
pub const ACTOR_NAME: &str = "tenant_data";
/// How often an actor checks whether it has been idle long enough to stop.
pub const IDLE_CHECK_INTERVAL: StdDuration = StdDuration::from_secs(60);

/// What every handler needs, cloned into its future.
#[derive(Clone)]
struct TenantCore {
    tenant: Uuid,
    db: Db,
    clock: SharedClock,
    metrics: Metrics,
    /// The tenant's boards, statuses, priorities and categories, read at most every
    /// `CATALOG_TTL` (changes through this actor forget it at once).
    catalog: Arc<Mutex<Option<CachedCatalog>>>,
}

/// The catalog and when it was read.
type CachedCatalog = (DateTime<Utc>, Arc<Catalog>);

/// How long the ticket catalog is reused; changes made on another instance show within it.
pub const CATALOG_TTL: chrono::Duration = chrono::Duration::seconds(30);

/// What tickets are filed under: the active boards and every status, priority and category.
#[derive(Debug)]
struct Catalog {
    boards: Vec<store::BoardRow>,
    statuses: Vec<Choice>,
    priorities: Vec<Choice>,
    categories: Vec<Choice>,
}

pub struct TenantData {
    core: TenantCore,
    registry: ActorRegistry,
    idle_ttl: chrono::Duration,
    last_used: DateTime<Utc>,
    /// Set when the actor stops because it was idle (not because it failed).
    stopping_idle: bool,
}

impl TenantData {
    pub fn new(
        tenant: Uuid,
        db: Db,
        clock: SharedClock,
        metrics: Metrics,
        registry: ActorRegistry,
        idle_ttl: chrono::Duration,
    ) -> Self {
        let last_used = clock.now();
        TenantData {
            core: TenantCore {
                tenant,
                db,
                clock,
                metrics,
                catalog: Arc::default(),
            },
            registry,
            idle_ttl,
            last_used,
            stopping_idle: false,
        }
    }

    /// Marks the actor used and hands out the core for a handler's future.
    fn serve(&mut self) -> TenantCore {
        self.last_used = self.core.clock.now();
        self.count_handled();
        self.core.clone()
    }

    fn idle_for(&self) -> chrono::Duration {
        self.core.clock.now().signed_duration_since(self.last_used)
    }
}

impl Actor for TenantData {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        self.core.metrics.tenant_data_actors.inc();
        ctx.run_interval(IDLE_CHECK_INTERVAL, |act, ctx| {
            if act.idle_for() >= act.idle_ttl {
                act.stopping_idle = true;
                ctx.stop();
            }
        });
    }

    fn stopped(&mut self, _: &mut Self::Context) {
        self.core.metrics.tenant_data_actors.dec();
        if !self.stopping_idle {
            // Stopped by a failure: counted as a restart; the registry starts a fresh one on the
            // tenant's next request, so the pool itself stays alive.
            self.registry.restarting(ACTOR_NAME);
            self.registry.started(ACTOR_NAME, self.core.clock.now());
        }
    }
}

impl TenantCore {
    /// The catalog, from memory while it is fresh.
    async fn catalog(&self) -> Result<Arc<Catalog>, TicketError> {
        let now = self.clock.now();
        {
            let cached = self.catalog.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((at, catalog)) = cached.as_ref() {
                if now.signed_duration_since(*at) < CATALOG_TTL {
                    return Ok(catalog.clone());
                }
            }
        }
        let catalog = Arc::new(Catalog {
            boards: store::boards(&self.db, self.tenant).await?,
            statuses: store::statuses(&self.db, self.tenant).await?,
            priorities: store::priorities(&self.db, self.tenant).await?,
            categories: store::categories(&self.db, self.tenant).await?,
        });
        *self.catalog.lock().unwrap_or_else(PoisonError::into_inner) = Some((now, catalog.clone()));
        Ok(catalog)
    }

    /// Forgets the cached catalog (after a board, status, priority or category changed).
    fn forget_catalog(&self) {
        *self.catalog.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

impl Handler<StopIfIdle> for TenantData {
    type Result = bool;

    /// Stops now when idle at least `idle_for` (operators' sweep).
    fn handle(&mut self, msg: StopIfIdle, ctx: &mut Self::Context) -> bool {
        self.count_handled();
        if self.idle_for() >= msg.idle_for {
            self.stopping_idle = true;
            ctx.stop();
            return true;
        }
        false
    }
}

/// The pool of tenant actors reports under one name; its lifecycle is its own (above): an idle
/// stop is not a failure, and the registry, not a supervisor, starts the next one.
impl PortalActor for TenantData {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.core.clock
    }
}

inject_panic_handler!(TenantData);
