//! The session cache shared by `Sessions` (lookups, sign-outs) and the invalidation listener.
//!
//! An entry is trusted for the TTL counted from when it was read from the database (injected
//! clock) and use never extends that; last-seen times move in an atomic inside the entry, so a
//! hit neither re-inserts the entry nor takes a lock (except once per flush interval, to queue
//! the write-behind). Every invalidation bumps a generation under a small lock, and a record read
//! on a miss is cached only if no invalidation happened since the read began: a revocation that
//! lands during the database read is never overwritten by the stale record.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use moka::sync::Cache;
use uuid::Uuid;

use super::revocation::RevocationScope;
use super::SessionRecord;

/// A session as cached: the record read from the database, when it was read, and the latest use.
#[derive(Debug)]
pub struct CachedSession {
    record: SessionRecord,
    read_at: DateTime<Utc>,
    /// Microseconds since the epoch of the latest use (never moves backwards).
    last_seen: AtomicI64,
    /// Whether the entry waits in the write-behind queue.
    queued: AtomicBool,
}

impl CachedSession {
    pub fn record(&self) -> &SessionRecord {
        &self.record
    }

    pub fn read_at(&self) -> DateTime<Utc> {
        self.read_at
    }

    /// The latest use seen by this instance (or the stored one).
    pub fn last_seen(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.last_seen.load(Ordering::SeqCst))
            .unwrap_or(self.record.last_seen_at)
    }

    /// The record as of the latest use.
    pub fn current_record(&self) -> SessionRecord {
        let mut record = self.record.clone();
        record.last_seen_at = self.last_seen();
        record
    }
}

/// The generation of the cache when a database read began (see [`SessionCache::insert`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadTicket(u64);

/// Cheap to clone: every clone is the same cache.
#[derive(Clone)]
pub struct SessionCache {
    inner: Arc<Inner>,
}

struct Inner {
    entries: Cache<String, Arc<CachedSession>>,
    ttl: Duration,
    /// Bumped by every invalidation, under `invalidation`.
    generation: AtomicU64,
    /// Makes "check the generation, then insert" and "invalidate, then bump" atomic.
    invalidation: Mutex<()>,
    /// Entries whose last-seen time waits to be written, by token hash.
    dirty: Mutex<HashMap<String, Arc<CachedSession>>>,
}

impl SessionCache {
    /// A cache of up to `capacity` sessions, each trusted for `ttl` after its database read.
    pub fn new(capacity: u64, ttl: StdDuration) -> Self {
        // moka's own time-to-live (wall clock, counted from the insert) only bounds memory; the
        // TTL that decides trust is `read_at` on the injected clock.
        let entries = Cache::builder()
            .max_capacity(capacity)
            .time_to_live(ttl)
            .build();
        Self {
            inner: Arc::new(Inner {
                entries,
                ttl: Duration::from_std(ttl).unwrap_or(Duration::MAX),
                generation: AtomicU64::new(0),
                invalidation: Mutex::new(()),
                dirty: Mutex::default(),
            }),
        }
    }

    /// The entry of `token_hash` when it was read from the database less than the TTL ago.
    pub fn fresh(&self, token_hash: &str, now: DateTime<Utc>) -> Option<Arc<CachedSession>> {
        let entry = self.inner.entries.get(token_hash)?;
        let expires = entry.read_at.checked_add_signed(self.inner.ttl)?;
        (now < expires).then_some(entry)
    }

    /// Call before reading a session from the database; pass the ticket to [`Self::insert`].
    pub fn ticket(&self) -> ReadTicket {
        ReadTicket(self.inner.generation.load(Ordering::SeqCst))
    }

    /// Caches a record read from the database at `read_at` (with a ticket taken before the
    /// read), unless an invalidation happened since: then the record may be stale and is only
    /// handed back. A last-seen time still waiting to be written is kept.
    pub fn insert(
        &self,
        ticket: ReadTicket,
        record: SessionRecord,
        read_at: DateTime<Utc>,
    ) -> Arc<CachedSession> {
        let pending = self
            .lock_dirty()
            .get(&record.token_hash)
            .map(|e| e.last_seen());
        let last_seen = pending.map_or(record.last_seen_at, |p| p.max(record.last_seen_at));
        let entry = Arc::new(CachedSession {
            last_seen: AtomicI64::new(last_seen.timestamp_micros()),
            queued: AtomicBool::new(false),
            read_at,
            record,
        });
        let _guard = self.lock_invalidation();
        if self.inner.generation.load(Ordering::SeqCst) == ticket.0 {
            self.inner
                .entries
                .insert(entry.record.token_hash.clone(), Arc::clone(&entry));
        }
        entry
    }

    /// Records a use of a cached session (queued for the write-behind at most once per flush).
    pub fn touch(&self, entry: &Arc<CachedSession>, now: DateTime<Utc>) {
        let micros = now.timestamp_micros();
        let before = entry.last_seen.fetch_max(micros, Ordering::SeqCst);
        if micros > before
            && !entry.queued.load(Ordering::SeqCst)
            && !entry.queued.swap(true, Ordering::SeqCst)
        {
            self.lock_dirty()
                .insert(entry.record.token_hash.clone(), Arc::clone(entry));
        }
    }

    /// Forgets every cached session the scope covers (and their pending last-seen writes, except
    /// for `All`, which only forgets), then bumps the generation; returns how many were cached.
    pub fn invalidate(&self, scope: &RevocationScope) -> u64 {
        let _guard = self.lock_invalidation();
        let forgotten = match scope {
            RevocationScope::All => {
                let n = self.inner.entries.entry_count();
                self.inner.entries.invalidate_all();
                n
            }
            RevocationScope::Session { token_hash } => {
                self.lock_dirty().remove(token_hash);
                self.inner
                    .entries
                    .remove(token_hash.as_str())
                    .map_or(0, |_| 1)
            }
            _ => {
                let keys: Vec<Arc<String>> = self
                    .inner
                    .entries
                    .iter()
                    .filter(|(_, entry)| scope.covers(&entry.record))
                    .map(|(key, _)| key)
                    .collect();
                let mut dirty = self.lock_dirty();
                for key in &keys {
                    dirty.remove(key.as_str());
                    self.inner.entries.invalidate(key.as_str());
                }
                u64::try_from(keys.len()).unwrap_or(u64::MAX)
            }
        };
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        forgotten
    }

    /// Takes the queued last-seen times: (tenant, token hash, last seen).
    pub fn take_dirty(&self) -> Vec<(Uuid, String, DateTime<Utc>)> {
        let drained: Vec<Arc<CachedSession>> = self.lock_dirty().drain().map(|(_, e)| e).collect();
        drained
            .into_iter()
            .map(|entry| {
                // Unqueue first, then read: a use in between is either seen here or queues again.
                entry.queued.store(false, Ordering::SeqCst);
                (
                    entry.record.user.tenant,
                    entry.record.token_hash.clone(),
                    entry.last_seen(),
                )
            })
            .collect()
    }

    /// How many sessions are cached (approximately; moka counts lazily).
    pub fn len(&self) -> u64 {
        self.inner.entries.entry_count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock_invalidation(&self) -> std::sync::MutexGuard<'_, ()> {
        self.inner
            .invalidation
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_dirty(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<CachedSession>>> {
        self.inner
            .dirty
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
