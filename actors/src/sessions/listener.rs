//! `SessionInvalidationListener` (PostgreSQL only): listens on `session_revoked` and makes this
//! instance's session cache forget what other instances revoked, within about a second.
//!
//! It holds one dedicated connection (`application_name` [`APPLICATION_NAME`]), checked by a
//! heartbeat when it has been quiet for a while. When the connection is lost, notifications may be lost with it: the gauge
//! `portal_session_invalidation_listener_up` drops to 0, the cache falls back to its TTL, and the
//! listener reconnects with a doubling backoff; once it listens again it forgets every cached
//! session (whatever was revoked meanwhile is read again) and the gauge is 1.

use std::time::Duration as StdDuration;

use actix::{ActorFutureExt, Addr, AsyncContext, Context, Supervisor, WrapFuture};
use sqlx::postgres::{PgListener, PgPool, PgPoolOptions};

use super::cache::SessionCache;
use super::revocation::{RevocationScope, CHANNEL};
use crate::clock::SharedClock;
use crate::db::{Backend, Db};
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::supervision::{supervised_actor, PortalActor};

pub const ACTOR_NAME: &str = "session_listener";
/// The listener connection's `application_name` (how operators find it in `pg_stat_activity`).
pub const APPLICATION_NAME: &str = "portal-session-listener";
/// How long one connection attempt may take.
const CONNECT_TIMEOUT: StdDuration = StdDuration::from_secs(10);
/// After this long without a notification the connection is asked to answer (a half-open TCP
/// connection would otherwise look like a quiet one) …
const HEARTBEAT: StdDuration = StdDuration::from_secs(30);
/// … within this long.
const HEARTBEAT_TIMEOUT: StdDuration = StdDuration::from_secs(10);

/// How long to wait before reconnecting: `min` after the first loss, doubling up to `max`.
#[derive(Debug, Clone, Copy)]
pub struct ReconnectBackoff {
    pub min: StdDuration,
    pub max: StdDuration,
}

impl Default for ReconnectBackoff {
    fn default() -> Self {
        Self {
            min: StdDuration::from_millis(500),
            max: StdDuration::from_secs(30),
        }
    }
}

pub struct SessionInvalidationListener {
    pool: PgPool,
    cache: SessionCache,
    clock: SharedClock,
    metrics: Metrics,
    registry: ActorRegistry,
    backoff: ReconnectBackoff,
    next_delay: StdDuration,
}

/// Starts the listener under a supervisor on PostgreSQL; on SQLite (one server, local
/// invalidation) there is nothing to listen to. Either way the gauge exists, at 0, from here on.
pub fn start(
    db: &Db,
    cache: SessionCache,
    clock: SharedClock,
    metrics: Metrics,
    registry: ActorRegistry,
    backoff: ReconnectBackoff,
) -> Option<Addr<SessionInvalidationListener>> {
    let backend = match db.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    metrics
        .session_invalidation_listener_up
        .with_label_values(&[backend])
        .set(0);
    let Db::Postgres(pool) = db else {
        return None;
    };
    let listener = SessionInvalidationListener::new(pool, cache, clock, metrics, registry, backoff);
    Some(Supervisor::start(move |_| listener))
}

impl SessionInvalidationListener {
    /// A listener on its own one-connection pool, opened lazily with the main pool's options.
    pub fn new(
        main: &PgPool,
        cache: SessionCache,
        clock: SharedClock,
        metrics: Metrics,
        registry: ActorRegistry,
        backoff: ReconnectBackoff,
    ) -> Self {
        let options = (*main.connect_options())
            .clone()
            .application_name(APPLICATION_NAME);
        // Two: a connection given up on (a failed heartbeat) may take a while to close, and must
        // not keep the next one from opening.
        let pool = PgPoolOptions::new()
            .max_connections(2)
            .min_connections(0)
            .max_lifetime(None)
            .idle_timeout(None)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_lazy_with(options);
        let min = backoff.min.max(StdDuration::from_millis(1));
        Self {
            pool,
            cache,
            clock,
            metrics,
            registry,
            backoff: ReconnectBackoff {
                min,
                max: backoff.max.max(min),
            },
            next_delay: min,
        }
    }

    fn set_up(&self, up: bool) {
        self.metrics
            .session_invalidation_listener_up
            .with_label_values(&["postgres"])
            .set(i64::from(up));
    }

    /// Connects and subscribes; then receives until the connection is lost.
    fn connect(&mut self, ctx: &mut Context<Self>) {
        let pool = self.pool.clone();
        let subscribe = async move {
            let mut subscription = Subscription(Some(PgListener::connect_with(&pool).await?));
            if let Some(listener) = subscription.0.as_mut() {
                // A lost connection is reported (`Ok(None)`), not silently re-established: the
                // backoff and the cache flush are ours to do.
                listener.eager_reconnect(false);
                listener.listen(CHANNEL).await?;
            }
            Ok::<_, sqlx::Error>(subscription)
        };
        ctx.spawn(
            subscribe
                .into_actor(self)
                .map(|result, act, ctx| match result {
                    Ok(listener) => act.listening(listener, ctx),
                    Err(e) => act.lost(format!("cannot listen: {e}"), ctx),
                }),
        );
    }

    fn listening(&mut self, mut listener: Subscription, ctx: &mut Context<Self>) {
        // Revocations made while nobody listened were missed: forget everything cached.
        let forgotten = self.cache.invalidate(&RevocationScope::All);
        self.set_up(true);
        self.next_delay = self.backoff.min;
        tracing::info!(
            actor = ACTOR_NAME,
            forgotten,
            "listening for session revocations"
        );
        self.registry.periodic(
            ACTOR_NAME,
            self.clock.now(),
            format!("listening on {CHANNEL}"),
        );
        let cache = self.cache.clone();
        let registry = self.registry.clone();
        let receive = async move {
            let Some(listener) = listener.0.as_mut() else {
                return String::from("no connection");
            };
            loop {
                // `try_recv` is cancel-safe: a timeout loses no notification.
                match tokio::time::timeout(HEARTBEAT, listener.try_recv()).await {
                    Ok(Ok(Some(notification))) => {
                        registry.handled(ACTOR_NAME);
                        cache.invalidate(&RevocationScope::from_payload(notification.payload()));
                    }
                    Ok(Ok(None)) => return String::from("connection lost"),
                    Ok(Err(e)) => return e.to_string(),
                    Err(_quiet) => {
                        let ping = sqlx::query("SELECT 1").execute(&mut *listener);
                        match tokio::time::timeout(HEARTBEAT_TIMEOUT, ping).await {
                            Ok(Ok(_)) => {}
                            Ok(Err(e)) => return format!("heartbeat failed: {e}"),
                            Err(_) => return String::from("heartbeat timed out"),
                        }
                    }
                }
            }
        };
        ctx.spawn(
            receive
                .into_actor(self)
                .map(|why, act, ctx| act.lost(why, ctx)),
        );
    }

    fn lost(&mut self, why: String, ctx: &mut Context<Self>) {
        self.set_up(false);
        let delay = self.next_delay;
        self.next_delay = delay.saturating_mul(2).min(self.backoff.max);
        tracing::warn!(
            actor = ACTOR_NAME,
            error = %why,
            retry_in_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            "not listening for session revocations: the session cache falls back to its TTL"
        );
        self.registry.error(ACTOR_NAME, why);
        self.registry.periodic(
            ACTOR_NAME,
            self.clock.now(),
            format!("not listening; reconnecting in {delay:?}"),
        );
        ctx.run_later(delay, |act, ctx| act.connect(ctx));
    }
}

/// A subscribed `PgListener` that may be dropped after the runtime is gone (at shutdown): its own
/// drop spawns a task (`UNLISTEN`, then return the connection), which needs a runtime. Without
/// one it is dropped inside a throwaway runtime, whose end drops that task and with it the
/// connection, closing its socket (forgetting it instead left the session open on the server).
struct Subscription(Option<PgListener>);

impl Drop for Subscription {
    fn drop(&mut self) {
        if tokio::runtime::Handle::try_current().is_ok() {
            return;
        }
        let Some(listener) = self.0.take() else {
            return;
        };
        match tokio::runtime::Builder::new_current_thread().build() {
            Ok(runtime) => runtime.block_on(async move { drop(listener) }),
            Err(e) => {
                tracing::warn!(error = %e, "cannot close the listener connection");
                std::mem::forget(listener);
            }
        }
    }
}

supervised_actor!(SessionInvalidationListener);

impl PortalActor for SessionInvalidationListener {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        self.connect(ctx);
    }

    /// Stopping drops the connection: the gauge says so.
    fn on_stopped(&mut self) {
        self.set_up(false);
    }

    /// A fresh start reconnects at once.
    fn on_restarting(&mut self) {
        self.set_up(false);
        self.next_delay = self.backoff.min;
    }
}
