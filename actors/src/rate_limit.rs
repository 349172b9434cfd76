//! Request rate limits per key (the integration API's token ids), kept in this instance's
//! memory: each instance enforces the limit on its own share of the traffic. A generic cell
//! rate algorithm (a token bucket stored as one time per key): `per_minute` requests a minute
//! on average, up to `burst` at once. Time comes from the caller (the injected clock).

use chrono::{DateTime, Duration, Utc};
use moka::ops::compute::Op;
use uuid::Uuid;

use crate::clock::TimeArith;

/// Keys remembered at most (one per live integration token in practice).
const MAX_KEYS: u64 = 100_000;
/// A key unused for this long is forgotten (its bucket is full again long before).
const MIN_IDLE: std::time::Duration = std::time::Duration::from_secs(60);

/// How many requests a key may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// The sustained rate; 0 turns the limit off.
    pub per_minute: u32,
    /// How many requests may come at once (at least 1).
    pub burst: u32,
}

/// A refused request: the caller may try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    pub retry_after: Duration,
}

impl Limited {
    /// The wait in whole seconds, rounded up (a `Retry-After` value; at least 1).
    pub fn retry_after_seconds(&self) -> u64 {
        let micros = self
            .retry_after
            .num_microseconds()
            .unwrap_or(i64::MAX)
            .max(1);
        u64::try_from(micros)
            .unwrap_or(u64::MAX)
            .div_ceil(1_000_000)
            .max(1)
    }
}

/// Per-key buckets; cheap to clone (the buckets are shared).
#[derive(Clone)]
pub struct RateLimiter {
    /// Time between two requests at the sustained rate; `None` when the limit is off.
    interval: Option<Duration>,
    /// How far ahead of now a key's schedule may run: `interval * (burst - 1)`.
    tolerance: Duration,
    /// Each key's theoretical arrival time of its next request.
    schedules: moka::sync::Cache<Uuid, DateTime<Utc>>,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> Self {
        let interval = 60_000_000_i64
            .checked_div(i64::from(limit.per_minute))
            .map(Duration::microseconds);
        let burst = i32::try_from(limit.burst.max(1)).unwrap_or(i32::MAX);
        let tolerance = interval.map_or(Duration::zero(), |t| {
            t.checked_mul(burst.saturating_sub(1))
                .unwrap_or(Duration::MAX)
        });
        let refill = interval
            .and_then(|t| t.checked_mul(burst))
            .and_then(|d| d.to_std().ok())
            .unwrap_or(MIN_IDLE);
        Self {
            interval,
            tolerance,
            schedules: moka::sync::Cache::builder()
                .max_capacity(MAX_KEYS)
                .time_to_idle(refill.max(MIN_IDLE))
                .build(),
        }
    }

    /// Counts one request of `key` at `now`, or refuses it (and counts nothing).
    pub fn check(&self, key: Uuid, now: DateTime<Utc>) -> Result<(), Limited> {
        let Some(interval) = self.interval else {
            return Ok(());
        };
        let mut verdict = Ok(());
        self.schedules.entry(key).and_compute_with(|entry| {
            let due = entry.map_or(now, |e| e.into_value()).max(now);
            let earliest = due.minus(self.tolerance);
            if earliest > now {
                verdict = Err(Limited {
                    retry_after: earliest.signed_duration_since(now),
                });
                Op::Nop
            } else {
                Op::Put(due.plus(interval))
            }
        });
        verdict
    }

    /// How many keys have a bucket now (operators and tests: garbage keys never get one).
    pub fn tracked_keys(&self) -> u64 {
        self.schedules.run_pending_tasks();
        self.schedules.entry_count()
    }
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("interval", &self.interval)
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    }

    #[test]
    fn a_burst_passes_then_the_next_request_waits_one_interval() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 60,
            burst: 3,
        });
        let key = Uuid::new_v4();
        for _ in 0..3 {
            assert_eq!(limiter.check(key, start()), Ok(()));
        }
        let refused = limiter.check(key, start()).unwrap_err();
        assert_eq!(refused.retry_after, Duration::seconds(1));
        assert_eq!(refused.retry_after_seconds(), 1);
        // Refusals count nothing: one second later exactly one more request passes.
        let later = start() + Duration::seconds(1);
        assert_eq!(limiter.check(key, later), Ok(()));
        assert!(limiter.check(key, later).is_err());
    }

    #[test]
    fn keys_do_not_share_a_bucket() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 60,
            burst: 1,
        });
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        assert_eq!(limiter.check(a, start()), Ok(()));
        assert!(limiter.check(a, start()).is_err());
        assert_eq!(limiter.check(b, start()), Ok(()));
    }

    #[test]
    fn the_bucket_refills_at_the_sustained_rate() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 600,
            burst: 2,
        });
        let key = Uuid::new_v4();
        assert!(limiter.check(key, start()).is_ok());
        assert!(limiter.check(key, start()).is_ok());
        let refused = limiter.check(key, start()).unwrap_err();
        assert_eq!(refused.retry_after, Duration::milliseconds(100));
        // A partial second rounds up to a whole one.
        assert_eq!(refused.retry_after_seconds(), 1);
        // After a long pause the full burst is back, no more.
        let later = start() + Duration::minutes(5);
        assert!(limiter.check(key, later).is_ok());
        assert!(limiter.check(key, later).is_ok());
        assert!(limiter.check(key, later).is_err());
    }

    #[test]
    fn a_rate_of_zero_turns_the_limit_off() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 0,
            burst: 1,
        });
        let key = Uuid::new_v4();
        for _ in 0..1_000 {
            assert_eq!(limiter.check(key, start()), Ok(()));
        }
    }
}
