//! `Sessions`: opaque server-side sessions. The cookie holds 32 random bytes; the database holds
//! their SHA-256. A cache answers most lookups without a query, each entry trusted for
//! `CACHE_TTL` after its database read ([`cache`]); last-seen times are written behind in
//! batches; a periodic sweep ends sessions past their idle or absolute limit. Revocations made
//! by other instances arrive through PostgreSQL `LISTEN/NOTIFY` ([`listener`], [`revocation`]).

pub mod cache;
pub mod listener;
mod messages;
pub mod revocation;
mod tenant_revoke;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix::{Context, Handler, ResponseFuture};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

pub use cache::{CachedSession, SessionCache};
pub use messages::*;
pub use revocation::RevocationScope;
pub use tenant_revoke::RevokeTenantSessions;

use crate::clock::SharedClock;
use crate::db::{Db, DbError};
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::store::sessions::{self as store, NewSessionRow, SweepCounts};
use crate::supervision::{
    spawn_periodic, spawn_run, supervised_actor, PeriodicOutcome, PortalActor,
};
use crate::tokens;

pub const ACTOR_NAME: &str = "sessions";
/// How often expired sessions are ended and old ones deleted.
pub const SWEEP_INTERVAL: StdDuration = StdDuration::from_secs(60);
/// How often batched last-seen times are written.
pub const FLUSH_INTERVAL: StdDuration = StdDuration::from_secs(15);
/// How long a cached session is trusted before it is read again (bounds how late a revocation
/// made by another instance is seen here).
pub const CACHE_TTL: StdDuration = StdDuration::from_secs(30);
pub const CACHE_CAPACITY: u64 = 200_000;
/// Ended sessions are kept this long for the security pages, then deleted.
pub const RETAIN_ENDED_DAYS: i64 = 7;
/// Expired reset and invitation links are kept this long (to say "expired", not "broken").
pub const RETAIN_EXPIRED_LINKS_DAYS: i64 = 30;

/// The state shared by the actor and the futures it hands out.
#[derive(Clone)]
struct SessionCore {
    db: Db,
    clock: SharedClock,
    policy: SessionPolicy,
    cache: SessionCache,
    metrics: Metrics,
}

impl SessionCore {
    async fn create(&self, msg: CreateSession) -> Result<NewSession, SessionError> {
        let now = self.clock.now();
        let token = tokens::random_token();
        let token_hash = tokens::token_hash(&token);
        let expires_at = now
            .checked_add_signed(self.policy.absolute)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        // A revocation of this user landing during the insert must not leave the new session
        // cached: the ticket is taken before the write.
        let ticket = self.cache.ticket();
        store::insert(
            &self.db,
            &NewSessionRow {
                tenant: msg.user.tenant,
                token_hash: &token_hash,
                user_id: msg.user.user_id,
                host: &msg.origin.host,
                auth_method: &msg.auth_method,
                ip: msg.origin.ip.as_deref(),
                user_agent: msg.origin.user_agent.as_deref(),
                created_at: now,
                expires_at,
                previous_login_at: msg.user.previous_login_at,
            },
        )
        .await?;
        self.metrics.sessions_active.inc();
        let record = SessionRecord {
            token_hash,
            user: msg.user,
            host: msg.origin.host,
            auth_method: msg.auth_method,
            created_at: now,
            last_seen_at: now,
            expires_at,
        };
        self.cache.insert(ticket, record, now);
        Ok(NewSession {
            csrf_token: tokens::derive_token("csrf", &token),
            token,
            expires_at,
            max_age: self.policy.absolute,
        })
    }

    async fn resolve(&self, token: String) -> Result<SessionLookup, SessionError> {
        if !tokens::is_well_formed(&token) {
            return Ok(SessionLookup::Missing);
        }
        let token_hash = tokens::token_hash(&token);
        let now = self.clock.now();
        let entry = match self.cache.fresh(&token_hash, now) {
            Some(entry) => entry,
            None => match self.load(&token_hash, now).await? {
                Ok(entry) => entry,
                Err(lookup) => return Ok(lookup),
            },
        };
        let record = entry.record();
        if now >= record.expires_at {
            self.end(&token_hash, RevokeReason::Absolute, now).await?;
            return Ok(SessionLookup::Ended {
                tenant: Some(record.user.tenant),
            });
        }
        let idle_until = entry
            .last_seen()
            .checked_add_signed(self.policy.idle)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        if now >= idle_until {
            self.end(&token_hash, RevokeReason::Idle, now).await?;
            return Ok(SessionLookup::Ended {
                tenant: Some(record.user.tenant),
            });
        }
        self.cache.touch(&entry, now);
        Ok(SessionLookup::Active(Box::new(ActiveSession {
            record: entry.current_record(),
            csrf_token: tokens::derive_token("csrf", &token),
        })))
    }

    /// Reads a session from the database (a miss, or a cached copy older than the TTL) and
    /// caches it unless a revocation happened meanwhile; `Err` is the answer when it is not live.
    async fn load(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<Arc<CachedSession>, SessionLookup>, SessionError> {
        let ticket = self.cache.ticket();
        let Some(row) = store::find(&self.db, token_hash).await? else {
            return Ok(Err(SessionLookup::Missing));
        };
        if row.revoked_at.is_some() {
            return Ok(Err(SessionLookup::Ended {
                tenant: Some(row.tenant),
            }));
        }
        let Some(user) = row.user() else {
            return Ok(Err(SessionLookup::Missing));
        };
        if row.user_inactive {
            self.end(token_hash, RevokeReason::Admin, now).await?;
            return Ok(Err(SessionLookup::Ended {
                tenant: Some(row.tenant),
            }));
        }
        let record = SessionRecord {
            token_hash: row.token_hash,
            user,
            host: row.host,
            auth_method: row.auth_method,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            expires_at: row.expires_at,
        };
        // `now` was taken before the read: the copy is trusted from then, never longer.
        Ok(Ok(self.cache.insert(ticket, record, now)))
    }

    /// Ends one session everywhere: database (which tells the other instances), then this
    /// instance's cache and pending last-seen write.
    async fn end(
        &self,
        token_hash: &str,
        reason: RevokeReason,
        now: DateTime<Utc>,
    ) -> Result<bool, SessionError> {
        let ended = store::revoke(&self.db, token_hash, reason.as_str(), now).await?;
        self.forget(token_hash);
        if ended {
            self.metrics
                .sessions_revoked
                .with_label_values(&[reason.as_str()])
                .inc();
            self.metrics.sessions_active.dec();
        }
        Ok(ended)
    }

    async fn revoke_user(&self, msg: RevokeUserSessions) -> Result<u64, SessionError> {
        let now = self.clock.now();
        let n =
            store::revoke_user(&self.db, msg.tenant, msg.user_id, msg.reason.as_str(), now).await?;
        self.cache
            .invalidate(&RevocationScope::user(msg.tenant, msg.user_id));
        self.drop_pending_enrollment(msg.tenant, msg.user_id)
            .await?;
        self.metrics
            .sessions_revoked
            .with_label_values(&[msg.reason.as_str()])
            .inc_by(n);
        Ok(n)
    }

    async fn revoke_client(&self, msg: RevokeClientSessions) -> Result<u64, SessionError> {
        let now = self.clock.now();
        let n = store::revoke_client(
            &self.db,
            msg.tenant,
            msg.client_id,
            msg.reason.as_str(),
            now,
        )
        .await?;
        self.cache.invalidate(&RevocationScope::Client {
            tenant: msg.tenant,
            client_id: msg.client_id,
        });
        self.metrics
            .sessions_revoked
            .with_label_values(&[msg.reason.as_str()])
            .inc_by(n);
        Ok(n)
    }

    /// Drops the user's cached sessions here and tells the other instances to (not a revocation).
    async fn forget_user(&self, msg: ForgetUserSessions) -> Result<(), SessionError> {
        let scope = RevocationScope::user(msg.tenant, msg.user_id);
        self.cache.invalidate(&scope);
        store::notify_revoked(self.db.exec(), &scope).await?;
        Ok(())
    }

    async fn revoke_owned(&self, msg: RevokeOwnedSession) -> Result<bool, SessionError> {
        let now = self.clock.now();
        let ended = store::revoke_owned(
            &self.db,
            msg.tenant,
            msg.user_id,
            &msg.token_hash,
            msg.reason.as_str(),
            now,
        )
        .await?;
        if ended {
            // Forgotten here before anything else can fail: the database already says "ended".
            self.forget(&msg.token_hash);
            self.metrics
                .sessions_revoked
                .with_label_values(&[msg.reason.as_str()])
                .inc();
            self.metrics.sessions_active.dec();
            self.drop_pending_enrollment(msg.tenant, msg.user_id)
                .await?;
        }
        Ok(ended)
    }

    async fn revoke_others(&self, msg: RevokeOtherSessions) -> Result<u64, SessionError> {
        let now = self.clock.now();
        let n = store::revoke_others(
            &self.db,
            msg.tenant,
            msg.user_id,
            &msg.keep_token_hash,
            msg.reason.as_str(),
            now,
        )
        .await?;
        self.cache.invalidate(&RevocationScope::User {
            tenant: msg.tenant,
            user_id: msg.user_id,
            keep: Some(msg.keep_token_hash),
        });
        self.drop_pending_enrollment(msg.tenant, msg.user_id)
            .await?;
        self.metrics
            .sessions_revoked
            .with_label_values(&[msg.reason.as_str()])
            .inc_by(n);
        Ok(n)
    }

    /// A revocation (as opposed to a sign-out or expiry) also ends a two-factor enrollment begun
    /// and not confirmed: a session being revoked may have been the one that saw its secret.
    async fn drop_pending_enrollment(&self, tenant: Uuid, user_id: Uuid) -> Result<(), DbError> {
        crate::two_factor::drop_pending_secret(self.db.exec(), tenant, user_id).await?;
        Ok(())
    }

    /// Drops a session from the cache and the pending last-seen writes.
    fn forget(&self, token_hash: &str) {
        self.cache.invalidate(&RevocationScope::Session {
            token_hash: token_hash.to_owned(),
        });
    }

    async fn flush(&self) -> Result<u64, SessionError> {
        let batch = self.cache.take_dirty();
        if batch.is_empty() {
            return Ok(0);
        }
        Ok(store::touch(&self.db, &batch).await?)
    }

    async fn sweep(&self) -> Result<SweepCounts, SessionError> {
        self.flush().await?;
        let now = self.clock.now();
        let idle_before = now
            .checked_sub_signed(self.policy.idle)
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let retain_before = now
            .checked_sub_signed(Duration::days(RETAIN_ENDED_DAYS))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let mut counts = store::sweep(&self.db, now, idle_before, retain_before).await?;
        self.metrics
            .sessions_revoked
            .with_label_values(&["idle"])
            .inc_by(counts.idle_expired);
        self.metrics
            .sessions_revoked
            .with_label_values(&["absolute"])
            .inc_by(counts.absolute_expired);
        if counts.idle_expired > 0 || counts.absolute_expired > 0 {
            self.cache.invalidate(&RevocationScope::All);
        }
        // Pending second-factor sign-ins and emailed links expire too; drop the stale ones here.
        let challenges_before = now
            .checked_sub_signed(Duration::hours(1))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        counts.challenges_deleted =
            crate::store::challenges::delete_expired(&self.db, challenges_before).await?;
        let links_before = now
            .checked_sub_signed(Duration::days(RETAIN_EXPIRED_LINKS_DAYS))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        counts.links_deleted =
            crate::store::account_tokens::delete_expired(self.db.exec(), links_before).await?;
        let active = store::count_active(&self.db, now, idle_before).await?;
        self.metrics.sessions_active.set(active);
        Ok(counts)
    }
}

/// What a sweep did, as `/admin/actors` shows it.
fn summary(c: &SweepCounts) -> String {
    format!(
        "{} idle, {} absolute, {} deleted, {} challenge(s), {} link(s) deleted",
        c.idle_expired, c.absolute_expired, c.deleted, c.challenges_deleted, c.links_deleted
    )
}

pub struct Sessions {
    core: SessionCore,
    registry: ActorRegistry,
}

impl Sessions {
    pub fn new(
        db: Db,
        clock: SharedClock,
        policy: SessionPolicy,
        metrics: Metrics,
        registry: ActorRegistry,
    ) -> Self {
        Self {
            core: SessionCore {
                db,
                clock,
                policy,
                cache: SessionCache::new(CACHE_CAPACITY, CACHE_TTL),
                metrics,
            },
            registry,
        }
    }

    /// The cache this actor answers from, for the invalidation listener.
    pub fn cache(&self) -> SessionCache {
        self.core.cache.clone()
    }

    /// The periodic expiry sweep: ends sessions past their limits, deletes old ones.
    fn sweep_run(&self) -> impl std::future::Future<Output = PeriodicOutcome> + 'static {
        let core = self.core.clone();
        async move {
            match core.sweep().await {
                Ok(c) => PeriodicOutcome::Done(format!("sweep: {}", summary(&c))),
                Err(e) => PeriodicOutcome::Failed {
                    log: "periodic sweep failed",
                    error: format!("sweep: {e}"),
                },
            }
        }
    }

    /// The periodic write of batched last-seen times.
    fn flush_run(&self) -> impl std::future::Future<Output = PeriodicOutcome> + 'static {
        let core = self.core.clone();
        async move {
            match core.flush().await {
                Ok(n) => PeriodicOutcome::Done(format!("flushed {n} last-seen time(s)")),
                Err(e) => PeriodicOutcome::Failed {
                    log: "periodic flush failed",
                    error: format!("flush: {e}"),
                },
            }
        }
    }
}

supervised_actor!(Sessions);

impl PortalActor for Sessions {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.core.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        spawn_run(self, ctx, self.sweep_run());
        spawn_periodic(ctx, SWEEP_INTERVAL, |act: &mut Self, _| {
            Some(act.sweep_run())
        });
        spawn_periodic(ctx, FLUSH_INTERVAL, |act: &mut Self, _| {
            Some(act.flush_run())
        });
    }

    // No flush at stop: a restart keeps the cache (the next periodic flush writes it), and a
    // shutdown flushes through `FlushLastSeen` before the pool closes (src/shutdown.rs).
}

impl Handler<CreateSession> for Sessions {
    type Result = ResponseFuture<Result<NewSession, SessionError>>;

    /// Creates a session with a new random id for a user who just signed in.
    fn handle(&mut self, msg: CreateSession, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.create(msg).await })
    }
}

impl Handler<ResolveSession> for Sessions {
    type Result = ResponseFuture<Result<SessionLookup, SessionError>>;

    /// Looks a cookie value up (cache first), enforcing the idle and absolute limits.
    fn handle(&mut self, msg: ResolveSession, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.resolve(msg.token).await })
    }
}

impl Handler<RevokeSession> for Sessions {
    type Result = ResponseFuture<Result<bool, SessionError>>;

    /// Ends the session of this cookie value at once (sign-out).
    fn handle(&mut self, msg: RevokeSession, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move {
            let now = core.clock.now();
            core.end(&tokens::token_hash(&msg.token), msg.reason, now)
                .await
        })
    }
}

impl Handler<RevokeUserSessions> for Sessions {
    type Result = ResponseFuture<Result<u64, SessionError>>;

    /// Ends every session of one user (password change, deactivation, admin action).
    fn handle(&mut self, msg: RevokeUserSessions, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.revoke_user(msg).await })
    }
}

impl Handler<RevokeClientSessions> for Sessions {
    type Result = ResponseFuture<Result<u64, SessionError>>;

    /// Ends every session of a client company's users (company deactivated or shut out).
    fn handle(&mut self, msg: RevokeClientSessions, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.revoke_client(msg).await })
    }
}

impl Handler<ForgetUserSessions> for Sessions {
    type Result = ResponseFuture<Result<(), SessionError>>;

    /// Makes every instance read the user's sessions again (their role or email changed).
    fn handle(&mut self, msg: ForgetUserSessions, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.forget_user(msg).await })
    }
}

impl Handler<RevokeOwnedSession> for Sessions {
    type Result = ResponseFuture<Result<bool, SessionError>>;

    /// Ends one session of a user (security pages); refuses others' sessions by not finding them.
    fn handle(&mut self, msg: RevokeOwnedSession, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.revoke_owned(msg).await })
    }
}

impl Handler<RevokeOtherSessions> for Sessions {
    type Result = ResponseFuture<Result<u64, SessionError>>;

    /// Ends a user's sessions except the current one ("sign out everywhere else").
    fn handle(&mut self, msg: RevokeOtherSessions, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.revoke_others(msg).await })
    }
}

impl Handler<SweepSessions> for Sessions {
    type Result = ResponseFuture<Result<SweepCounts, SessionError>>;

    /// Runs the expiry sweep now (operators' admin endpoint).
    fn handle(&mut self, _: SweepSessions, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        let registry = self.registry.clone();
        Box::pin(async move {
            let counts = core.sweep().await?;
            registry.periodic(
                ACTOR_NAME,
                core.clock.now(),
                format!("sweep (on demand): {}", summary(&counts)),
            );
            Ok(counts)
        })
    }
}

impl Handler<FlushLastSeen> for Sessions {
    type Result = ResponseFuture<Result<u64, SessionError>>;

    /// Writes the batched last-seen times now.
    fn handle(&mut self, _: FlushLastSeen, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.flush().await })
    }
}
