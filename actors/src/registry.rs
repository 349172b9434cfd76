//! The actor status registry: each actor reports start, restart, periodic runs and handled
//! messages here; `GET /admin/actors` shows it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::metrics::Metrics;

#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorStatus {
    pub alive: bool,
    pub restarts: u64,
    pub started_at: Option<DateTime<Utc>>,
    pub last_periodic_run: Option<DateTime<Utc>>,
    pub last_periodic_result: Option<String>,
    pub messages_handled: u64,
    /// Messages sent through its `CountingAddr` whose handler has not started yet.
    pub mailbox_depth: i64,
    pub last_error: Option<String>,
}

#[derive(Clone)]
pub struct ActorRegistry {
    statuses: Arc<Mutex<BTreeMap<&'static str, ActorStatus>>>,
    metrics: Metrics,
}

impl ActorRegistry {
    pub fn new(metrics: Metrics) -> Self {
        Self {
            statuses: Arc::default(),
            metrics,
        }
    }

    fn update(&self, actor: &'static str, f: impl FnOnce(&mut ActorStatus)) {
        let mut statuses = self.statuses.lock().unwrap_or_else(PoisonError::into_inner);
        f(statuses.entry(actor).or_default());
    }

    pub fn started(&self, actor: &'static str, now: DateTime<Utc>) {
        // Touch the counter so the series exists at zero before the first restart.
        self.metrics.actor_restarts.with_label_values(&[actor]);
        self.mailbox_depth(actor);
        self.update(actor, |s| {
            s.alive = true;
            s.started_at = Some(now);
        });
    }

    pub fn stopped(&self, actor: &'static str) {
        self.update(actor, |s| s.alive = false);
    }

    /// Called from `Supervised::restarting`: counts the restart.
    pub fn restarting(&self, actor: &'static str) {
        self.metrics
            .actor_restarts
            .with_label_values(&[actor])
            .inc();
        self.update(actor, |s| {
            s.restarts = s.restarts.saturating_add(1);
            s.alive = false;
        });
    }

    pub fn handled(&self, actor: &'static str) {
        self.update(actor, |s| {
            s.messages_handled = s.messages_handled.saturating_add(1);
        });
    }

    pub fn periodic(&self, actor: &'static str, now: DateTime<Utc>, result: String) {
        self.update(actor, |s| {
            s.last_periodic_run = Some(now);
            s.last_periodic_result = Some(result);
        });
    }

    pub fn error(&self, actor: &'static str, error: String) {
        self.update(actor, |s| s.last_error = Some(error));
    }

    /// The gauge of messages waiting in the actor's mailbox (`portal_actor_mailbox_depth`).
    pub fn mailbox_depth(&self, actor: &str) -> prometheus::IntGauge {
        self.metrics.actor_mailbox_depth.with_label_values(&[actor])
    }

    pub fn snapshot(&self) -> BTreeMap<&'static str, ActorStatus> {
        let mut statuses = self
            .statuses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        for (actor, status) in &mut statuses {
            status.mailbox_depth = self.mailbox_depth(actor).get();
        }
        statuses
    }

    /// Whether every registered actor is alive (readiness).
    pub fn all_alive(&self) -> bool {
        self.snapshot().values().all(|s| s.alive)
    }
}
