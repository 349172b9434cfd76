//! Retention of the audit trail: events and operators' actions older than
//! `audit.retention_days` are deleted, a batch per statement (no long lock), on a schedule and
//! when an operator asks (`SweepAuditRetention`). Every instance may sweep: a batch deletes
//! only rows past the cut-off, so sweeps running side by side just find less to do.

use std::future::Future;
use std::time::Duration as StdDuration;

use actix::{Context, Handler, ResponseFuture};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{Audit, AuditError};
use crate::db::{Db, DbError};
use crate::metrics::Metrics;
use crate::store::{admin_actions, audit as store};
use crate::supervision::{spawn_periodic, PeriodicOutcome, PortalActor};

/// Rows deleted per statement.
pub const RETENTION_BATCH: i64 = 1_000;
/// How often old rows are swept.
pub const RETENTION_INTERVAL: StdDuration = StdDuration::from_secs(3_600);
/// The default of `audit.retention_days`.
pub const DEFAULT_AUDIT_RETENTION_DAYS: u32 = 400;

/// What one audit retention sweep deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RetentionReport {
    pub audit_events: u64,
    pub admin_actions: u64,
    /// Rows older than this were deleted (`None`: retention is off).
    pub cutoff: Option<DateTime<Utc>>,
}

/// Deletes old audit events and operators' actions now; answers what went.
#[derive(actix::Message)]
#[rtype(result = "Result<RetentionReport, AuditError>")]
pub struct SweepAuditRetention;

/// `now - days`, or `None` when `days` is 0 (keep forever).
pub fn cutoff(now: DateTime<Utc>, days: u32) -> Option<DateTime<Utc>> {
    (days > 0)
        .then(|| now.checked_sub_signed(Duration::days(i64::from(days))))
        .flatten()
}

/// Runs `delete_batch` until a batch deletes fewer than [`RETENTION_BATCH`] rows; the total.
pub async fn delete_in_batches<F, Fut>(mut delete_batch: F) -> Result<u64, DbError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<u64, DbError>>,
{
    let full = u64::try_from(RETENTION_BATCH).unwrap_or(u64::MAX);
    let mut total = 0_u64;
    loop {
        let n = delete_batch().await?;
        total = total.saturating_add(n);
        if n < full {
            return Ok(total);
        }
    }
}

/// Deletes audit events and operators' actions older than `cutoff`, counted in metrics.
async fn sweep(
    db: Db,
    metrics: Metrics,
    cutoff: Option<DateTime<Utc>>,
) -> Result<RetentionReport, DbError> {
    let Some(before) = cutoff else {
        return Ok(RetentionReport::default());
    };
    let audit_events =
        delete_in_batches(|| store::delete_older_than(&db, before, RETENTION_BATCH)).await?;
    metrics
        .retention_deleted
        .with_label_values(&["audit"])
        .inc_by(audit_events);
    let admin_actions =
        delete_in_batches(|| admin_actions::delete_older_than(&db, before, RETENTION_BATCH))
            .await?;
    metrics
        .retention_deleted
        .with_label_values(&["admin_actions"])
        .inc_by(admin_actions);
    Ok(RetentionReport {
        audit_events,
        admin_actions,
        cutoff: Some(before),
    })
}

impl Audit {
    fn retention_sweep(&self) -> impl Future<Output = Result<RetentionReport, DbError>> + 'static {
        let cutoff = cutoff(self.clock.now(), self.retention_days);
        sweep(self.db.clone(), self.metrics.clone(), cutoff)
    }

    /// Sweeps on a schedule (called when the actor starts).
    pub(super) fn schedule_retention(&self, ctx: &mut Context<Self>) {
        spawn_periodic(ctx, RETENTION_INTERVAL, |act: &mut Self, _| {
            let run = act.retention_sweep();
            Some(async move {
                PeriodicOutcome::of(run.await, "audit retention sweep failed", |r| {
                    format!(
                        "retention: deleted {} event(s), {} admin action(s)",
                        r.audit_events, r.admin_actions
                    )
                })
            })
        });
    }
}

impl Handler<SweepAuditRetention> for Audit {
    type Result = ResponseFuture<Result<RetentionReport, AuditError>>;

    /// Deletes what is past `audit.retention_days` now (operators' admin endpoint).
    fn handle(&mut self, _: SweepAuditRetention, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let run = self.retention_sweep();
        Box::pin(async move { Ok(run.await?) })
    }
}
