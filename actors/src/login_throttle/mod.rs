//! `LoginThrottle`: brute-force and abuse limits in sliding windows — failed sign-ins per
//! (tenant, email, IP), per IP and per account, and password-reset / organization-discovery
//! requests per email and per IP. The counted events live in the database, so several portal
//! instances agree; everything ages out of its window (no permanent lock-out), and a periodic
//! sweep deletes events older than the longest window.
//!
//! A check and the record that follows it are two statements: concurrent attempts can pass a
//! limit by the few that were in flight at once, never by more.

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
use crate::registry::ActorRegistry;
use crate::store::throttle::{self as store, ThrottleKey};
use crate::supervision::{spawn_periodic, supervised_actor, PeriodicOutcome, PortalActor};

pub const ACTOR_NAME: &str = "login_throttle";
/// How often events older than the longest window are deleted.
pub const SWEEP_INTERVAL: StdDuration = StdDuration::from_secs(5 * 60);
/// Rows deleted per statement, so a sweep never holds the write lock long.
pub const SWEEP_BATCH: i64 = 2_000;
/// Pause between batches, so that sign-ins waiting for the lock get it.
pub const SWEEP_PAUSE: StdDuration = StdDuration::from_millis(10);
/// The window of the password-reset and organization-discovery request limits.
pub const REQUEST_WINDOW: Duration = Duration::hours(1);
/// The `scope` of failed sign-ins (password or second factor).
pub const SCOPE_SIGN_IN: &str = "sign_in";
/// Emails are stored at most this long (longer input is cut, consistently).
const MAX_EMAIL_CHARS: usize = 320;
/// Stands for a request whose client address is unknown.
const UNKNOWN_IP: &str = "unknown";

/// At most `max` events within `window`; `max = 0` turns the limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

impl Limit {
    pub fn new(max: u32, window_minutes: u32) -> Self {
        Self {
            max,
            window: Duration::minutes(i64::from(window_minutes)),
        }
    }
}

/// Every limit the actor enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleLimits {
    /// Failed sign-ins per (tenant, email, IP).
    pub tuple: Limit,
    /// Failed sign-ins per IP, across tenants.
    pub ip: Limit,
    /// Failed sign-ins per (tenant, email), from any IP.
    pub account: Limit,
    /// Requests (reset, discovery) per email.
    pub request_email: Limit,
    /// Requests (reset, discovery) per IP.
    pub request_ip: Limit,
    /// Single sign-on starts per IP (each leaves a pending flow until its callback or the sweep).
    pub sso_start_ip: Limit,
}

impl ThrottleLimits {
    /// The longest window: events older than this count against nothing.
    pub fn longest_window(&self) -> Duration {
        [
            self.tuple,
            self.ip,
            self.account,
            self.request_email,
            self.request_ip,
            self.sso_start_ip,
        ]
        .iter()
        .map(|l| l.window)
        .max()
        .unwrap_or(REQUEST_WINDOW)
    }
}

/// `d` in whole minutes, rounded up, at least 1 (what a person is told).
pub fn minutes_rounded_up(d: Duration) -> i64 {
    let seconds = seconds_rounded_up(d);
    seconds.saturating_add(59).saturating_div(60).max(1)
}

/// `d` in whole seconds, rounded up, at least 1 (`Retry-After`).
pub fn seconds_rounded_up(d: Duration) -> i64 {
    let millis = d.num_milliseconds();
    millis.saturating_add(999).saturating_div(1000).max(1)
}

/// The form emails are counted in: trimmed, lowercase, bounded.
pub fn normalise_email(email: &str) -> String {
    email
        .trim()
        .to_lowercase()
        .chars()
        .take(MAX_EMAIL_CHARS)
        .collect()
}

fn ip_or_unknown(ip: &str) -> String {
    match ip.trim() {
        "" => UNKNOWN_IP.to_owned(),
        ip => ip.to_owned(),
    }
}

pub struct LoginThrottle {
    db: Db,
    clock: SharedClock,
    limits: ThrottleLimits,
    registry: ActorRegistry,
    /// Set while a sweep runs: the periodic sweep skips its turn rather than overlap one.
    sweeping: Arc<AtomicBool>,
}

impl LoginThrottle {
    pub fn new(
        db: Db,
        clock: SharedClock,
        limits: ThrottleLimits,
        registry: ActorRegistry,
    ) -> Self {
        Self {
            db,
            clock,
            limits,
            registry,
            sweeping: Arc::default(),
        }
    }
}

/// Throttled when any enabled limit has `max` events within its window; the wait is the longest
/// over the limits that are reached: until their `max`-th most recent event leaves the window.
pub async fn decide(
    db: &Db,
    scope: &str,
    checks: &[(Limit, ThrottleKey<'_>)],
    now: DateTime<Utc>,
) -> Result<Decision, DbError> {
    let mut wait: Option<Duration> = None;
    for (limit, key) in checks {
        if limit.max == 0 {
            continue;
        }
        let nth = i64::from(limit.max).saturating_sub(1);
        let since = now.minus(limit.window);
        if let Some(at) = store::nth_most_recent(db, scope, *key, since, nth).await? {
            let until = at.plus(limit.window).signed_duration_since(now);
            wait = Some(wait.map_or(until, |w| w.max(until)));
        }
    }
    Ok(match wait {
        Some(retry_after) => Decision::Throttled { retry_after },
        None => Decision::Allowed,
    })
}

/// Deletes events before `before` in bounded batches; returns the total.
pub async fn sweep(db: &Db, before: DateTime<Utc>) -> Result<u64, DbError> {
    let mut total: u64 = 0;
    loop {
        let n = store::sweep_batch(db, before, SWEEP_BATCH).await?;
        total = total.saturating_add(n);
        if n < SWEEP_BATCH as u64 {
            return Ok(total);
        }
        tokio::time::sleep(SWEEP_PAUSE).await;
    }
}

supervised_actor!(LoginThrottle);

impl PortalActor for LoginThrottle {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        spawn_periodic(ctx, SWEEP_INTERVAL, |act: &mut Self, _| {
            if act.sweeping.swap(true, Ordering::AcqRel) {
                return None;
            }
            let (db, sweeping) = (act.db.clone(), act.sweeping.clone());
            let before = act.clock.now().minus(act.limits.longest_window());
            Some(async move {
                let result = sweep(&db, before).await;
                sweeping.store(false, Ordering::Release);
                PeriodicOutcome::of(result, "throttle event sweep failed", |n| {
                    format!("swept {n} event(s)")
                })
            })
        });
    }
}

impl Handler<CheckSignIn> for LoginThrottle {
    type Result = ResponseFuture<Result<Decision, ThrottleError>>;

    /// Checks the per-(tenant, email, IP), per-IP and per-account failure limits.
    #[tracing::instrument(skip_all, fields(tenant = %msg.tenant))]
    fn handle(&mut self, msg: CheckSignIn, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let (db, limits, now) = (self.db.clone(), self.limits, self.clock.now());
        Box::pin(async move {
            let email = normalise_email(&msg.email);
            let ip = ip_or_unknown(&msg.ip);
            let checks = [
                (
                    limits.tuple,
                    ThrottleKey::Tuple {
                        tenant: msg.tenant,
                        email: &email,
                        ip: &ip,
                    },
                ),
                (limits.ip, ThrottleKey::Ip { ip: &ip }),
                (
                    limits.account,
                    ThrottleKey::Account {
                        tenant: msg.tenant,
                        email: &email,
                    },
                ),
            ];
            Ok(decide(&db, SCOPE_SIGN_IN, &checks, now).await?)
        })
    }
}

impl Handler<RecordSignInFailure> for LoginThrottle {
    type Result = ResponseFuture<Result<(), ThrottleError>>;

    /// Stores one failed sign-in, counted by every limit of `CheckSignIn`.
    #[tracing::instrument(skip_all, fields(tenant = %msg.tenant))]
    fn handle(&mut self, msg: RecordSignInFailure, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let (db, now) = (self.db.clone(), self.clock.now());
        Box::pin(async move {
            let email = normalise_email(&msg.email);
            let ip = ip_or_unknown(&msg.ip);
            store::insert(&db, msg.tenant, SCOPE_SIGN_IN, &email, &ip, now).await?;
            Ok(())
        })
    }
}

impl Handler<CheckRequest> for LoginThrottle {
    type Result = ResponseFuture<Result<Decision, ThrottleError>>;

    /// Checks the per-email and per-IP request limits of the scope; records the request if allowed.
    #[tracing::instrument(skip_all, fields(scope = msg.scope.as_str()))]
    fn handle(&mut self, msg: CheckRequest, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let (db, limits, now) = (self.db.clone(), self.limits, self.clock.now());
        Box::pin(async move {
            let tenant = msg.tenant.unwrap_or_else(Uuid::nil);
            let email = normalise_email(&msg.email);
            let ip = ip_or_unknown(&msg.ip);
            let scope = msg.scope.as_str();
            let decision = if msg.scope == RequestScope::SsoStart {
                let checks = [(limits.sso_start_ip, ThrottleKey::Ip { ip: &ip })];
                decide(&db, scope, &checks, now).await?
            } else {
                let checks = [
                    (
                        limits.request_email,
                        ThrottleKey::Account {
                            tenant,
                            email: &email,
                        },
                    ),
                    (limits.request_ip, ThrottleKey::Ip { ip: &ip }),
                ];
                decide(&db, scope, &checks, now).await?
            };
            if decision == Decision::Allowed {
                store::insert(&db, tenant, scope, &email, &ip, now).await?;
            }
            Ok(decision)
        })
    }
}

impl Handler<SweepThrottle> for LoginThrottle {
    type Result = ResponseFuture<Result<u64, ThrottleError>>;

    /// Sweeps now (admin endpoint).
    fn handle(&mut self, _: SweepThrottle, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let (db, clock, registry) = (self.db.clone(), self.clock.clone(), self.registry.clone());
        let before = clock.now().minus(self.limits.longest_window());
        // Runs even while another sweep does; keeps the periodic one from starting meanwhile.
        let sweeping = self.sweeping.clone();
        let was_sweeping = sweeping.swap(true, Ordering::AcqRel);
        Box::pin(async move {
            let result = sweep(&db, before).await;
            if !was_sweeping {
                sweeping.store(false, Ordering::Release);
            }
            let n = result?;
            registry.periodic(
                ACTOR_NAME,
                clock.now(),
                format!("swept {n} event(s) (on demand)"),
            );
            Ok(n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_round_up_to_whole_units_and_at_least_one() {
        assert_eq!(minutes_rounded_up(Duration::seconds(1)), 1);
        assert_eq!(minutes_rounded_up(Duration::seconds(60)), 1);
        assert_eq!(minutes_rounded_up(Duration::seconds(61)), 2);
        assert_eq!(minutes_rounded_up(Duration::minutes(15)), 15);
        assert_eq!(minutes_rounded_up(Duration::zero()), 1);
        assert_eq!(seconds_rounded_up(Duration::milliseconds(1_001)), 2);
        assert_eq!(seconds_rounded_up(Duration::zero()), 1);
    }

    #[test]
    fn emails_count_trimmed_and_lowercase() {
        assert_eq!(normalise_email("  Ada@Example.COM "), "ada@example.com");
        assert_eq!(ip_or_unknown(" "), "unknown");
    }

    #[test]
    fn the_longest_window_bounds_the_sweep() {
        let limits = ThrottleLimits {
            tuple: Limit::new(5, 15),
            ip: Limit::new(30, 15),
            account: Limit::new(100, 60),
            request_email: Limit::new(3, 60),
            request_ip: Limit::new(20, 90),
            sso_start_ip: Limit::new(60, 15),
        };
        assert_eq!(limits.longest_window(), Duration::minutes(90));
    }
}
