//! `ActiveUsers`: how many users and tenants used the portal in the last hour, day and week,
//! as the gauges `portal_active_users{window}` and `portal_active_tenants{window}`.
//!
//! Active means: signed in (`users.last_login_at`) or used a session (`sessions.last_seen_at`,
//! written behind within a minute) inside the window. The counts come from the database, so
//! every instance reports the same numbers (dashboards take `max()`); they are counted every
//! `metrics.activity_interval_seconds` and on demand (`RefreshActivity`), never on a scrape.

use std::time::Duration as StdDuration;

use actix::{Context, Handler, Message, ResponseFuture};
use chrono::Duration;
use serde::Serialize;

use crate::clock::{SharedClock, TimeArith};
use crate::db::{Db, DbError};
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::store::active_users::{self as store, ActiveCounts};
use crate::supervision::{
    spawn_periodic, spawn_run, supervised_actor, PeriodicOutcome, PortalActor,
};

pub const ACTOR_NAME: &str = "active_users";
/// The `window` label values, shortest first.
pub const WINDOWS: [&str; 3] = ["1h", "24h", "7d"];
/// Shortest allowed time between two counts.
pub const MIN_INTERVAL: StdDuration = StdDuration::from_secs(1);

/// Counts active users and tenants into the gauges.
pub struct ActiveUsers {
    db: Db,
    clock: SharedClock,
    metrics: Metrics,
    registry: ActorRegistry,
    interval: StdDuration,
}

/// Counts now, sets the gauges and answers what they now say.
#[derive(Message, Debug, Clone, Copy)]
#[rtype(result = "Result<Activity, DbError>")]
pub struct RefreshActivity;

/// Active users and tenants per window (`"1h"`, `"24h"`, `"7d"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    pub users: std::collections::BTreeMap<&'static str, i64>,
    pub tenants: std::collections::BTreeMap<&'static str, i64>,
}

impl From<ActiveCounts> for Activity {
    fn from(c: ActiveCounts) -> Self {
        let users = [c.users_short, c.users_medium, c.users_long];
        let tenants = [c.tenants_short, c.tenants_medium, c.tenants_long];
        Activity {
            users: WINDOWS.into_iter().zip(users).collect(),
            tenants: WINDOWS.into_iter().zip(tenants).collect(),
        }
    }
}

impl ActiveUsers {
    /// Counts every `interval` (at least `MIN_INTERVAL`).
    pub fn new(
        db: Db,
        clock: SharedClock,
        metrics: Metrics,
        registry: ActorRegistry,
        interval: StdDuration,
    ) -> Self {
        Self {
            db,
            clock,
            metrics,
            registry,
            interval: interval.max(MIN_INTERVAL),
        }
    }

    /// One count, as a future that sets the gauges when it ends.
    fn refresh(&self) -> impl std::future::Future<Output = Result<Activity, DbError>> + 'static {
        let (db, metrics) = (self.db.clone(), self.metrics.clone());
        let now = self.clock.now();
        async move {
            let counts = store::count_since(
                &db,
                now.minus(Duration::hours(1)),
                now.minus(Duration::hours(24)),
                now.minus(Duration::days(7)),
            )
            .await?;
            let activity = Activity::from(counts);
            for window in WINDOWS {
                let users = activity.users.get(window).copied().unwrap_or_default();
                let tenants = activity.tenants.get(window).copied().unwrap_or_default();
                metrics.active_users.with_label_values(&[window]).set(users);
                metrics
                    .active_tenants
                    .with_label_values(&[window])
                    .set(tenants);
            }
            Ok(activity)
        }
    }
}

/// What a periodic run leaves in `/admin/actors`.
fn summary(activity: Activity) -> String {
    let users: Vec<String> = activity
        .users
        .iter()
        .map(|(w, n)| format!("{w}: {n}"))
        .collect();
    format!("active users {}", users.join(", "))
}

supervised_actor!(ActiveUsers);

impl PortalActor for ActiveUsers {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.clock
    }

    /// Counts at once (the gauges are right from the first scrape), then every interval.
    fn on_started(&mut self, ctx: &mut Context<Self>) {
        let first = self.refresh();
        spawn_run(self, ctx, async move {
            PeriodicOutcome::of(first.await, "counting active users failed", summary)
        });
        spawn_periodic(ctx, self.interval, |act: &mut Self, _| {
            let run = act.refresh();
            Some(
                async move { PeriodicOutcome::of(run.await, "counting active users failed", summary) },
            )
        });
    }
}

impl Handler<RefreshActivity> for ActiveUsers {
    type Result = ResponseFuture<Result<Activity, DbError>>;

    /// Counts now (operators, tests) and sets the gauges.
    fn handle(&mut self, _: RefreshActivity, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        Box::pin(self.refresh())
    }
}
