//! `Handoff`: one-time transfer tokens (OTTs) that carry a signed-in user from the canonical host
//! to the tenant's vanity domain. 32 random bytes, base64url; only the SHA-256 is stored; bound to
//! one domain; consumed exactly once by one atomic update; expired and consumed ones are swept
//! every minute in bounded batches.

mod messages;

pub use messages::*;

use crate::clock::TimeArith;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix::{Context, Handler, ResponseFuture};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::clock::SharedClock;
use crate::db::{Db, DbError};
use crate::metrics::Metrics;
use crate::model::SessionUser;
use crate::registry::ActorRegistry;
use crate::store::handoff as store;
use crate::supervision::{spawn_periodic, supervised_actor, PeriodicOutcome, PortalActor};
use crate::tokens;

pub const ACTOR_NAME: &str = "handoff";
/// How often expired and consumed tokens are deleted.
pub const SWEEP_INTERVAL: StdDuration = StdDuration::from_secs(60);
/// Rows deleted per statement, so a sweep never holds the write lock long.
pub const SWEEP_BATCH: i64 = 2_000;
/// Pause between batches, so that sign-ins and exchanges waiting for the lock get it.
pub const SWEEP_PAUSE: StdDuration = StdDuration::from_millis(10);
/// Shortest allowed token lifetime.
pub const MIN_TTL_SECONDS: i64 = 5;

pub struct Handoff {
    db: Db,
    clock: SharedClock,
    ttl: Duration,
    metrics: Metrics,
    registry: ActorRegistry,
    /// Set while a sweep runs: the periodic sweep skips its turn rather than overlap one.
    sweeping: Arc<AtomicBool>,
}

impl Handoff {
    /// `ttl` below the minimum is raised to it.
    pub fn new(
        db: Db,
        clock: SharedClock,
        ttl: Duration,
        metrics: Metrics,
        registry: ActorRegistry,
    ) -> Self {
        let ttl = ttl.max(Duration::seconds(MIN_TTL_SECONDS));
        Self {
            db,
            clock,
            ttl,
            metrics,
            registry,
            sweeping: Arc::default(),
        }
    }
}

/// Deletes in bounded batches until nothing is left; returns the total.
pub async fn sweep(db: &Db, before: DateTime<Utc>, tenant: Option<Uuid>) -> Result<u64, DbError> {
    let mut total: u64 = 0;
    loop {
        let n = store::sweep_batch(db, before, tenant, SWEEP_BATCH).await?;
        total = total.saturating_add(n);
        if n < SWEEP_BATCH as u64 {
            return Ok(total);
        }
        tokio::time::sleep(SWEEP_PAUSE).await;
    }
}

supervised_actor!(Handoff);

impl PortalActor for Handoff {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        spawn_periodic(ctx, SWEEP_INTERVAL, |act: &mut Self, _| {
            let (db, clock, metrics) = (act.db.clone(), act.clock.clone(), act.metrics.clone());
            Some(async move {
                let swept = sweep(&db, clock.now(), None).await;
                if let Ok(n) = swept {
                    metrics.handoff_tokens_swept.inc_by(n);
                }
                PeriodicOutcome::of(swept, "handoff token sweep failed", |n| {
                    format!("swept {n} token(s)")
                })
            })
        });
    }
}

impl Handler<IssueOtt> for Handoff {
    type Result = ResponseFuture<Result<IssuedOtt, HandoffError>>;

    /// Stores a new token for the user, bound to the domain, living `ttl`.
    fn handle(&mut self, msg: IssueOtt, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let (db, metrics) = (self.db.clone(), self.metrics.clone());
        let now = self.clock.now();
        let expires_at = now.plus(self.ttl);
        Box::pin(async move {
            let token = tokens::random_token();
            let token_hash = tokens::token_hash(&token);
            let snapshot = serde_json::to_string(&msg.user)?;
            store::insert(
                &db,
                &store::NewOtt {
                    tenant: msg.user.tenant,
                    token_hash: &token_hash,
                    domain: &msg.domain,
                    user_id: msg.user.user_id,
                    user_snapshot: &snapshot,
                    return_path: &msg.return_path,
                    auth_method: &msg.auth_method,
                    created_at: now,
                    expires_at,
                },
            )
            .await?;
            metrics.handoff_tokens_issued.inc();
            Ok(IssuedOtt { token, expires_at })
        })
    }
}

impl Handler<ConsumeOtt> for Handoff {
    type Result = ResponseFuture<Result<ConsumeOutcome, HandoffError>>;

    /// Consumes the token at this domain, exactly once.
    fn handle(&mut self, msg: ConsumeOtt, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let db = self.db.clone();
        let now = self.clock.now();
        Box::pin(async move {
            if !tokens::is_well_formed(&msg.token) {
                return Ok(ConsumeOutcome::InvalidOrExpired);
            }
            let token_hash = tokens::token_hash(&msg.token);
            match store::consume(&db, &token_hash, &msg.domain, now).await? {
                Some(row) => {
                    let user: SessionUser = serde_json::from_str(&row.user_snapshot)?;
                    Ok(ConsumeOutcome::Consumed {
                        user: Box::new(user),
                        return_path: row.return_path,
                        auth_method: row.auth_method,
                        consumed_at: now,
                    })
                }
                None => match store::live_domain(&db, &token_hash, now).await? {
                    Some(_) => Ok(ConsumeOutcome::WrongDomain),
                    None => Ok(ConsumeOutcome::InvalidOrExpired),
                },
            }
        })
    }
}

impl Handler<ReleaseOtt> for Handoff {
    type Result = ResponseFuture<Result<bool, HandoffError>>;

    /// Undoes one consumption, so a failed exchange changes nothing.
    fn handle(&mut self, msg: ReleaseOtt, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let db = self.db.clone();
        Box::pin(async move {
            Ok(store::release(&db, &tokens::token_hash(&msg.token), msg.consumed_at).await?)
        })
    }
}

impl Handler<SweepOtts> for Handoff {
    type Result = ResponseFuture<Result<u64, HandoffError>>;

    /// Sweeps now (admin endpoint, CLI).
    fn handle(&mut self, msg: SweepOtts, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let (db, clock, metrics, registry) = (
            self.db.clone(),
            self.clock.clone(),
            self.metrics.clone(),
            self.registry.clone(),
        );
        // Runs even while another sweep does; keeps the periodic one from starting meanwhile.
        let sweeping = self.sweeping.clone();
        let was_sweeping = sweeping.swap(true, Ordering::AcqRel);
        Box::pin(async move {
            let result = sweep(&db, clock.now().minus(msg.older_than), msg.tenant).await;
            if !was_sweeping {
                sweeping.store(false, Ordering::Release);
            }
            let n = result?;
            metrics.handoff_tokens_swept.inc_by(n);
            registry.periodic(
                ACTOR_NAME,
                clock.now(),
                format!("swept {n} token(s) (on demand)"),
            );
            Ok(n)
        })
    }
}
