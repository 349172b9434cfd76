//! The injected clock: logic asks a `Clock` for the time so tests can move it (expiry, sweeps).

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the real clock
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to (tests, benchmarks).
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(start),
        }
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        *now = now.plus(by);
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A cheaply cloned handle to whichever clock the application was built with.
#[derive(Clone)]
pub struct SharedClock(Arc<dyn Clock>);

impl SharedClock {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self(clock)
    }

    pub fn system() -> Self {
        Self(Arc::new(SystemClock))
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.0.now()
    }
}

impl std::fmt::Debug for SharedClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SharedClock").field(&self.now()).finish()
    }
}

/// Time arithmetic that cannot panic. chrono's `+` and `-` panic outside its range (about
/// ±262,000 years), which a configured duration or a stored time could reach; these saturate at
/// the ends of the range instead. (`signed_duration_since` never overflows: use it for `a - b`.)
pub trait TimeArith: Sized {
    /// `self + d`, saturating.
    fn plus(self, d: Duration) -> Self;
    /// `self - d`, saturating.
    fn minus(self, d: Duration) -> Self;
}

impl TimeArith for DateTime<Utc> {
    fn plus(self, d: Duration) -> Self {
        self.checked_add_signed(d)
            .unwrap_or(if d < Duration::zero() {
                DateTime::<Utc>::MIN_UTC
            } else {
                DateTime::<Utc>::MAX_UTC
            })
    }

    fn minus(self, d: Duration) -> Self {
        self.checked_sub_signed(d)
            .unwrap_or(if d < Duration::zero() {
                DateTime::<Utc>::MAX_UTC
            } else {
                DateTime::<Utc>::MIN_UTC
            })
    }
}

impl TimeArith for Duration {
    fn plus(self, d: Duration) -> Self {
        self.checked_add(&d).unwrap_or(if d < Duration::zero() {
            Duration::MIN
        } else {
            Duration::MAX
        })
    }

    fn minus(self, d: Duration) -> Self {
        self.checked_sub(&d).unwrap_or(if d < Duration::zero() {
            Duration::MAX
        } else {
            Duration::MIN
        })
    }
}
