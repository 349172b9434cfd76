//! `Audit`: security events (sign-ins, sign-outs, refusals) buffered and written in batches.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix::{Actor, AsyncContext, Context, Handler, Message, ResponseFuture, Supervised};
use uuid::Uuid;

use crate::clock::SharedClock;
use crate::db::{Db, DbError};
use crate::metrics::Metrics;
use crate::model::RequestOrigin;
use crate::registry::ActorRegistry;
use crate::store::audit::{self as store, AuditEvent};
use crate::supervision::{injected_fault, ActorFault, InjectPanic, Restart};

pub const ACTOR_NAME: &str = "audit";
/// Buffered events are written at least this often.
pub const FLUSH_INTERVAL: StdDuration = StdDuration::from_secs(1);
/// A buffer this full is written at once.
pub const BATCH_SIZE: usize = 100;
/// Events kept in memory while the database is unreachable; older ones are dropped (and logged).
pub const MAX_BUFFERED: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("audit store unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// An event to record; the actor stamps the id and time.
#[derive(Debug, Clone, Default)]
pub struct AuditRecord {
    pub tenant: Uuid,
    pub event_type: &'static str,
    pub outcome: &'static str,
    pub reason: Option<String>,
    pub user_id: Option<Uuid>,
    pub email: Option<String>,
    pub origin: RequestOrigin,
    pub details: Option<String>,
}

impl AuditRecord {
    /// The stored event, stamped with an id and `now` (the actor's batches and direct writes).
    pub fn into_event(self, now: chrono::DateTime<chrono::Utc>) -> AuditEvent {
        AuditEvent {
            tenant: self.tenant,
            event_id: Uuid::new_v4(),
            occurred_at: now,
            event_type: self.event_type.to_owned(),
            outcome: self.outcome.to_owned(),
            reason: self.reason,
            user_id: self.user_id,
            email: self.email,
            ip: self.origin.ip,
            user_agent: self.origin.user_agent,
            details: self.details,
        }
    }
}

#[derive(Message)]
#[rtype(result = "()")]
pub struct Record(pub AuditRecord);

/// Writes what is buffered now; returns how many events were written.
#[derive(Message)]
#[rtype(result = "Result<usize, AuditError>")]
pub struct FlushAudit;

pub struct Audit {
    db: Db,
    clock: SharedClock,
    buffer: Vec<AuditEvent>,
    metrics: Metrics,
    registry: ActorRegistry,
    /// One batch is written at a time; a flush waits for the one in flight, so that after
    /// `FlushAudit` every event recorded before it is in the database.
    writing: Arc<tokio::sync::Semaphore>,
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
        }
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

#[derive(Message)]
#[rtype(result = "()")]
struct Requeue(Vec<AuditEvent>);

impl Actor for Audit {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        self.registry.started(ACTOR_NAME, self.clock.now());
        ctx.run_interval(FLUSH_INTERVAL, |act, ctx| {
            if act.buffer.is_empty() {
                return;
            }
            let fut = act.write_batch(ctx);
            let registry = act.registry.clone();
            let now = act.clock.now();
            ctx.spawn(actix::fut::wrap_future(async move {
                if let Ok(n) = fut.await {
                    registry.periodic(ACTOR_NAME, now, format!("wrote {n} event(s)"));
                }
            }));
        });
    }

    fn stopping(&mut self, ctx: &mut Self::Context) -> actix::Running {
        let fut = self.write_batch(ctx);
        actix::spawn(async move {
            let _ = fut.await;
        });
        actix::Running::Stop
    }

    fn stopped(&mut self, _: &mut Self::Context) {
        self.registry.stopped(ACTOR_NAME);
    }
}

impl Supervised for Audit {
    fn restarting(&mut self, _: &mut Self::Context) {
        self.registry.restarting(ACTOR_NAME);
    }
}

impl Handler<Record> for Audit {
    type Result = ();

    /// Buffers one event; a full buffer is written at once.
    fn handle(&mut self, msg: Record, ctx: &mut Self::Context) {
        self.registry.handled(ACTOR_NAME);
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
        self.write_batch(ctx)
    }
}

impl Handler<InjectPanic> for Audit {
    type Result = Result<(), ActorFault>;

    /// Panics inside the handler (fault-injection tests of supervision).
    fn handle(&mut self, _: InjectPanic, ctx: &mut Self::Context) -> Self::Result {
        crate::guard!(ACTOR_NAME, ctx, injected_fault(), Err(ActorFault))
    }
}

impl Handler<Restart> for Audit {
    type Result = Result<(), ActorFault>;

    /// Stops the actor (its buffer is written first) so that its supervisor starts it again.
    fn handle(&mut self, _: Restart, ctx: &mut Self::Context) -> Self::Result {
        actix::ActorContext::stop(ctx);
        Ok(())
    }
}
