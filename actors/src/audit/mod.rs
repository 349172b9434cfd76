//! `Audit`: security events (sign-ins, sign-outs, refusals) buffered and written in batches.

mod messages;
pub mod retention;

use messages::Requeue;
pub use messages::*;
pub use retention::{RetentionReport, SweepAuditRetention};

use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix::{AsyncContext, Context, Handler, ResponseFuture};

use crate::clock::SharedClock;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::store::audit::{self as store, AuditEvent};
use crate::supervision::{spawn_periodic, supervised_actor, PeriodicOutcome, PortalActor};

pub const ACTOR_NAME: &str = "audit";
/// Buffered events are written at least this often.
pub const FLUSH_INTERVAL: StdDuration = StdDuration::from_secs(1);
/// A buffer this full is written at once.
pub const BATCH_SIZE: usize = 100;
/// Events kept in memory while the database is unreachable; older ones are dropped (and logged).
pub const MAX_BUFFERED: usize = 10_000;

pub struct Audit {
    db: Db,
    clock: SharedClock,
    buffer: Vec<AuditEvent>,
    metrics: Metrics,
    registry: ActorRegistry,
    /// One batch is written at a time; a flush waits for the one in flight, so that after
    /// `FlushAudit` every event recorded before it is in the database.
    writing: Arc<tokio::sync::Semaphore>,
    /// Events and operators' actions older than this many days are deleted (0: kept forever).
    retention_days: u32,
}

impl Audit {
    pub fn new(db: Db, clock: SharedClock, metrics: Metrics, registry: ActorRegistry) -> Self {
        Self {
            db,
            clock,
            buffer: Vec::new(),
            metrics,
            registry,
            writing: Arc::new(tokio::sync::Semaphore::new(1)),
            retention_days: retention::DEFAULT_AUDIT_RETENTION_DAYS,
        }
    }

    /// Keeps events and operators' actions `days` days (`audit.retention_days`; 0: forever).
    pub fn with_retention(mut self, days: u32) -> Self {
        self.retention_days = days;
        self
    }

    /// Takes the buffer and writes it; on failure the events go back to the buffer.
    fn write_batch(
        &mut self,
        ctx: &mut Context<Self>,
    ) -> ResponseFuture<Result<usize, AuditError>> {
        let batch = std::mem::take(&mut self.buffer);
        // Taken with the batch (not later in the future), so the order of writes is the order
        // of takes: a flush behind an in-flight write waits for it.
        let permit = self.writing.clone().try_acquire_owned().ok();
        let writing = self.writing.clone();
        let db = self.db.clone();
        let metrics = self.metrics.clone();
        let registry = self.registry.clone();
        let addr = ctx.address();
        Box::pin(async move {
            let _permit = match permit {
                Some(permit) => Some(permit),
                None => writing.acquire_owned().await.ok(),
            };
            if batch.is_empty() {
                return Ok(0);
            }
            let n = batch.len();
            match store::insert_batch(&db, &batch).await {
                Ok(()) => {
                    metrics.audit_events_written.inc_by(n as u64);
                    Ok(n)
                }
                Err(e) => {
                    tracing::warn!(error = %e, events = n, "audit batch write failed; will retry");
                    registry.error(ACTOR_NAME, e.to_string());
                    addr.do_send(Requeue(batch));
                    Err(e.into())
                }
            }
        })
    }
}

supervised_actor!(Audit);

impl PortalActor for Audit {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        self.schedule_retention(ctx);
        spawn_periodic(ctx, FLUSH_INTERVAL, |act: &mut Self, ctx| {
            if act.buffer.is_empty() {
                return None;
            }
            let write = act.write_batch(ctx);
            // A failed write records its own error (and requeues the batch).
            Some(async move {
                match write.await {
                    Ok(n) => PeriodicOutcome::Done(format!("wrote {n} event(s)")),
                    Err(_) => PeriodicOutcome::Recorded,
                }
            })
        });
    }

    /// The buffer is written before the actor stops (a restart loses no event).
    fn on_stopping(&mut self, ctx: &mut Context<Self>) -> actix::Running {
        let fut = self.write_batch(ctx);
        actix::spawn(async move {
            let _ = fut.await;
        });
        actix::Running::Stop
    }
}

impl Handler<Record> for Audit {
    type Result = ();

    /// Buffers one event; a full buffer is written at once.
    fn handle(&mut self, msg: Record, ctx: &mut Self::Context) {
        self.count_handled();
        let r = msg.0;
        self.buffer.push(r.into_event(self.clock.now()));
        if self.buffer.len() >= BATCH_SIZE {
            let fut = self.write_batch(ctx);
            ctx.spawn(actix::fut::wrap_future(async move {
                let _ = fut.await;
            }));
        }
    }
}

impl Handler<Requeue> for Audit {
    type Result = ();

    /// Puts a failed batch back in front of newer events, within the memory bound.
    fn handle(&mut self, msg: Requeue, _: &mut Self::Context) {
        self.count_handled();
        let mut events = msg.0;
        events.append(&mut self.buffer);
        if events.len() > MAX_BUFFERED {
            let dropped = events.len().saturating_sub(MAX_BUFFERED);
            tracing::error!(dropped, "audit buffer full; dropping the oldest events");
            events.drain(..dropped);
        }
        self.buffer = events;
    }
}

impl Handler<FlushAudit> for Audit {
    type Result = ResponseFuture<Result<usize, AuditError>>;

    /// Writes the buffer now (tests, shutdown, operators).
    fn handle(&mut self, _: FlushAudit, ctx: &mut Self::Context) -> Self::Result {
        self.count_handled();
        self.write_batch(ctx)
    }
}
