//! Several portal instances on one PostgreSQL database: the one way tests get more than one
//! instance. Multi-instance tests run on PostgreSQL only (SQLite is one server: no NOTIFY, one
//! writer), so on SQLite `spawn_instances` says the test is skipped and answers `None`.
//! The instances share one attachment folder (as servers behind a load balancer share a volume)
//! and their manual clocks are set and advanced together.

use std::ops::Index;

use chrono::{DateTime, Duration, Utc};
use portal::config::Settings;

use super::{backend, spawn_app_on, Backend, Browser, NowUtc, TestApp};

/// Instances started by `spawn_instances`; `[0]` created the database and its tenant.
pub struct Instances {
    apps: Vec<TestApp>,
    _files: tempfile::TempDir,
}

/// `n` instances (at least one) on one new PostgreSQL database, each set up by `configure`
/// (called with the instance's index, after the harness's own settings); `None` on SQLite (the
/// test is skipped, saying so) or when PostgreSQL is missing (`missing` says so, or fails under
/// `PORTAL_TEST_STRICT=1`).
pub async fn spawn_instances(
    n: usize,
    configure: impl Fn(usize, &mut Settings),
) -> Option<Instances> {
    if backend() != Backend::Postgres {
        eprintln!(
            "SKIPPED: several instances run on PostgreSQL only (PORTAL_TEST_BACKEND=postgres)"
        );
        return None;
    }
    let files = tempfile::tempdir().expect("shared attachment folder");
    let shared = files.path().join("attachments");
    let mut apps: Vec<TestApp> = Vec::with_capacity(n);
    for i in 0..n.max(1) {
        let settings = |s: &mut Settings| {
            s.attachments.dir = Some(shared.clone());
            configure(i, s);
        };
        let app = spawn_app_on(apps.first(), settings).await?;
        apps.push(app);
    }
    let instances = Instances {
        apps,
        _files: files,
    };
    instances.set_now(instances[0].clock.now_utc());
    Some(instances)
}

impl Instances {
    pub fn iter(&self) -> std::slice::Iter<'_, TestApp> {
        self.apps.iter()
    }

    /// The instance a round-robin load balancer sends request `i` to.
    pub fn round_robin(&self, i: usize) -> &TestApp {
        &self.apps[i % self.apps.len()]
    }

    /// Sets every instance's clock to `now`.
    pub fn set_now(&self, now: DateTime<Utc>) {
        for app in &self.apps {
            app.clock.set(now);
        }
    }

    /// Moves every instance's clock forward by `by`, together.
    pub fn advance(&self, by: Duration) {
        self.set_now(self[0].clock.now_utc() + by);
    }

    /// The same request to every instance at once (e.g. an admin sweep), the answers in order.
    pub async fn all_at_once<'a, F, Fut, T>(&'a self, each: F) -> Vec<T>
    where
        F: Fn(&'a TestApp) -> Fut,
        Fut: std::future::Future<Output = T> + 'a,
    {
        futures_util::future::join_all(self.apps.iter().map(each)).await
    }
}

impl Index<usize> for Instances {
    type Output = TestApp;

    fn index(&self, i: usize) -> &TestApp {
        &self.apps[i]
    }
}

impl Browser {
    /// This browser's cookies as they are now, sent to `app` as a load balancer would: the
    /// host it signed in at stays the `Host` every instance sees. (A copy: what the original
    /// later signs out of stays in this one, as in another tab or a stolen cookie.)
    pub fn through(&self, app: &TestApp) -> Browser {
        let host = self.host.clone().unwrap_or_else(|| {
            self.base
                .trim_start_matches("http://")
                .trim_start_matches("https://")
                .to_owned()
        });
        let cookies = self.jar.lock().unwrap().clone();
        Browser {
            base: app.base.clone(),
            host: Some(host),
            client: self.client.clone(),
            jar: std::sync::Arc::new(std::sync::Mutex::new(cookies)),
        }
    }
}
