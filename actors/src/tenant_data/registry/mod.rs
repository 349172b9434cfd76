//! `TenantRegistry`: hands out each tenant's `TenantData` actor, spawning it on first use and
//! again after it stopped (idle, or failed: that is its supervision). HTTP workers read a
//! shared view of the live actors first, so a warm tenant costs no extra round trip.

mod messages;

pub use messages::*;

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration as StdDuration;

use actix::{Actor, Addr, Context, Handler, ResponseFuture};
use uuid::Uuid;

use super::{StopIfIdle, TenantData};
use crate::clock::SharedClock;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::supervision::{
    spawn_periodic, supervised_actor, ActorFault, PeriodicOutcome, PortalActor,
};

pub const ACTOR_NAME: &str = "tenant_registry";
/// How often stopped actors are dropped from the table.
pub const PRUNE_INTERVAL: StdDuration = StdDuration::from_secs(60);

type Table = Arc<RwLock<HashMap<Uuid, Addr<TenantData>>>>;

/// A read-only view of the live per-tenant actors, for the HTTP workers' hot path.
#[derive(Clone, Default)]
pub struct TenantDataView(Table);

impl TenantDataView {
    /// The tenant's actor if it is running.
    pub fn peek(&self, tenant: Uuid) -> Option<Addr<TenantData>> {
        let table = self.0.read().unwrap_or_else(PoisonError::into_inner);
        table.get(&tenant).filter(|a| a.connected()).cloned()
    }

    /// How many per-tenant actors are running.
    pub fn live(&self) -> usize {
        let table = self.0.read().unwrap_or_else(PoisonError::into_inner);
        table.values().filter(|a| a.connected()).count()
    }
}

pub struct TenantRegistry {
    db: Db,
    clock: SharedClock,
    metrics: Metrics,
    registry: ActorRegistry,
    idle_ttl: chrono::Duration,
    table: Table,
}

impl TenantRegistry {
    /// `idle_ttl`: how long a tenant's actor may go unused before it stops.
    pub fn new(
        db: Db,
        clock: SharedClock,
        metrics: Metrics,
        registry: ActorRegistry,
        idle_ttl: chrono::Duration,
    ) -> Self {
        TenantRegistry {
            db,
            clock,
            metrics,
            registry,
            idle_ttl,
            table: Table::default(),
        }
    }

    /// The view HTTP workers read (shares the table, survives restarts of the registry).
    pub fn view(&self) -> TenantDataView {
        TenantDataView(self.table.clone())
    }

    fn prune(&self) -> usize {
        let mut table = self.table.write().unwrap_or_else(PoisonError::into_inner);
        table.retain(|_, addr| addr.connected());
        table.len()
    }
}

supervised_actor!(TenantRegistry);

impl PortalActor for TenantRegistry {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        // The pool of tenant actors is alive while its registry is.
        self.registry.started(super::ACTOR_NAME, self.clock.now());
        spawn_periodic(ctx, PRUNE_INTERVAL, |act: &mut Self, _| {
            let live = act.prune();
            Some(std::future::ready(PeriodicOutcome::Done(format!(
                "{live} tenant actor(s) live"
            ))))
        });
    }
}

impl Handler<TenantDataFor> for TenantRegistry {
    type Result = Result<Addr<TenantData>, ActorFault>;

    /// Finds or spawns the tenant's actor (its tenant id fixed from here on).
    fn handle(&mut self, msg: TenantDataFor, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let mut table = self.table.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(addr) = table.get(&msg.0).filter(|a| a.connected()) {
            return Ok(addr.clone());
        }
        let addr = TenantData::new(
            msg.0,
            self.db.clone(),
            self.clock.clone(),
            self.metrics.clone(),
            self.registry.clone(),
            self.idle_ttl,
        )
        .start();
        table.insert(msg.0, addr.clone());
        Ok(addr)
    }
}

impl Handler<StopIdleTenants> for TenantRegistry {
    type Result = ResponseFuture<Result<u64, ActorFault>>;

    /// Asks each live actor to stop if idle, then drops the stopped ones from the table.
    fn handle(&mut self, msg: StopIdleTenants, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let addrs: Vec<Addr<TenantData>> = {
            let table = self.table.read().unwrap_or_else(PoisonError::into_inner);
            table.values().cloned().collect()
        };
        let (table, registry, clock) = (
            self.table.clone(),
            self.registry.clone(),
            self.clock.clone(),
        );
        Box::pin(async move {
            let answers = futures_util::future::join_all(addrs.iter().map(|a| {
                a.send(StopIfIdle {
                    idle_for: msg.idle_for,
                })
            }))
            .await;
            let stopped = answers
                .into_iter()
                .filter(|a| matches!(a, Ok(true)))
                .count();
            let live = {
                let mut table = table.write().unwrap_or_else(PoisonError::into_inner);
                table.retain(|_, addr| addr.connected());
                table.len()
            };
            registry.periodic(
                ACTOR_NAME,
                clock.now(),
                format!("stopped {stopped} idle tenant actor(s) (on demand); {live} live"),
            );
            Ok(stopped as u64)
        })
    }
}

impl Handler<LiveTenants> for TenantRegistry {
    type Result = usize;

    fn handle(&mut self, _: LiveTenants, _: &mut Self::Context) -> usize {
        self.count_handled();
        self.prune()
    }
}
