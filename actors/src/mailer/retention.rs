//! Retention of the outbox: messages sent, or failed for good, more than `mail.retention_days`
//! ago are deleted, a batch per statement, on a schedule and when an operator asks
//! (`SweepMailRetention`). Messages still queued are never deleted, however old.

use std::future::Future;

use actix::{Context, Handler, ResponseFuture};

use super::{Mailer, MailerError};
use crate::audit::retention::{cutoff, delete_in_batches, RETENTION_BATCH, RETENTION_INTERVAL};
use crate::db::DbError;
use crate::store::outbox as store;
use crate::supervision::{spawn_periodic, PeriodicOutcome, PortalActor};

/// The default of `mail.retention_days`.
pub const DEFAULT_MAIL_RETENTION_DAYS: u32 = 30;

/// Deletes old sent and failed messages now; answers how many went.
#[derive(actix::Message)]
#[rtype(result = "Result<u64, MailerError>")]
pub struct SweepMailRetention;

impl Mailer {
    fn retention_sweep(&self) -> impl Future<Output = Result<u64, DbError>> + 'static {
        let core = self.core.clone();
        async move {
            let Some(before) = cutoff(core.clock.now(), core.config.retention_days) else {
                return Ok(0);
            };
            let deleted = delete_in_batches(|| {
                store::delete_finished_before(&core.db, before, RETENTION_BATCH)
            })
            .await?;
            core.metrics
                .retention_deleted
                .with_label_values(&["mail"])
                .inc_by(deleted);
            Ok(deleted)
        }
    }

    /// Sweeps on a schedule (called when the actor starts).
    pub(super) fn schedule_retention(&self, ctx: &mut Context<Self>) {
        spawn_periodic(ctx, RETENTION_INTERVAL, |act: &mut Self, _| {
            let run = act.retention_sweep();
            Some(async move {
                PeriodicOutcome::of(run.await, "outbox retention sweep failed", |n| {
                    format!("retention: deleted {n} message(s)")
                })
            })
        });
    }
}

impl Handler<SweepMailRetention> for Mailer {
    type Result = ResponseFuture<Result<u64, MailerError>>;

    /// Deletes what is past `mail.retention_days` now (operators' admin endpoint).
    fn handle(&mut self, _: SweepMailRetention, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let run = self.retention_sweep();
        Box::pin(async move { Ok(run.await?) })
    }
}
