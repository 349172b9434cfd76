//! The count of one load phase: answers that were right (with their latencies), wrong, or
//! failed, and the first few distinct problems to print.

use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::numbers::percentile;

/// Distinct problems kept per phase, to print.
const PROBLEMS_KEPT: usize = 3;
/// Pause after a transport error, so a dead server does not turn into a busy loop.
const ERROR_BACKOFF: Duration = Duration::from_millis(10);

#[derive(Default)]
pub struct Tally {
    pub ok: u64,
    pub unexpected: u64,
    pub errors: u64,
    pub latencies: Vec<Duration>,
    pub problems: Vec<String>,
}

impl Tally {
    pub fn merge(&mut self, other: Tally) {
        self.ok += other.ok;
        self.unexpected += other.unexpected;
        self.errors += other.errors;
        self.latencies.extend(other.latencies);
        for p in other.problems {
            self.problem(p);
        }
    }

    pub fn problem(&mut self, what: String) {
        if self.problems.len() < PROBLEMS_KEPT && !self.problems.contains(&what) {
            self.problems.push(what);
        }
    }

    /// The first problem seen, `-` when there was none.
    pub fn first_problem(&self) -> &str {
        self.problems.first().map_or("-", String::as_str)
    }

    /// Counts one request sent at `sent` and answered at `done`: `Ok(None)` is right (counted
    /// and timed when it ended within the window `from..=until`), `Ok(Some(why))` wrong, `Err`
    /// failed (then it backs off a little).
    pub async fn record(
        &mut self,
        outcome: anyhow::Result<Option<String>>,
        sent: Instant,
        done: Instant,
        (from, until): (Instant, Instant),
    ) {
        let counted = done >= from && done <= until;
        match outcome {
            Ok(None) if counted => {
                self.ok += 1;
                self.latencies.push(done - sent);
            }
            Ok(None) => {}
            Ok(Some(unexpected)) => {
                self.unexpected += 1;
                self.problem(unexpected);
            }
            Err(e) => {
                self.errors += 1;
                self.problem(format!("{e:#}"));
                tokio::time::sleep(ERROR_BACKOFF).await;
            }
        }
    }

    /// The `p`-th percentile of the counted requests' latencies (once sorted by the phase).
    pub fn percentile(&self, p: usize) -> Option<Duration> {
        percentile(&self.latencies, p)
    }

    /// Joins the client threads and merges their tallies, latencies sorted for `percentile`;
    /// `panicked` says which threads when one of them panicked.
    pub fn join(
        handles: Vec<JoinHandle<anyhow::Result<Tally>>>,
        panicked: &str,
    ) -> anyhow::Result<Tally> {
        let mut tally = Tally::default();
        for h in handles {
            let t = h.join().map_err(|_| anyhow::anyhow!("{panicked}"))??;
            tally.merge(t);
        }
        tally.latencies.sort_unstable();
        Ok(tally)
    }
}
