//! Graceful shutdown: on SIGTERM or Ctrl-C the listeners stop accepting, in-flight requests
//! finish, then what the actors hold in memory is written (last-seen times, the audit buffer)
//! and the due outbox is delivered, all within `server.shutdown_timeout_seconds`; the database
//! pool is closed last.

use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use portal_actors::audit::FlushAudit;
use portal_actors::mailer::DeliverDue;
use portal_actors::sessions::FlushLastSeen;

use crate::app::AppState;

/// How a shutdown's time is shared: in-flight requests first, then the flushes.
#[derive(Debug, Clone, Copy)]
pub struct ShutdownBudget {
    /// The whole shutdown, from the signal to the exit.
    pub total: Duration,
}

impl ShutdownBudget {
    pub fn from_seconds(seconds: u64) -> Self {
        Self {
            total: Duration::from_secs(seconds.max(1)),
        }
    }

    /// Kept for the flushes: a third of the budget, at most 3 s.
    fn flush_reserve(self) -> Duration {
        self.total
            .checked_div(3)
            .unwrap_or_default()
            .min(Duration::from_secs(3))
    }

    /// How long the HTTP servers wait for in-flight requests (whole seconds, at least 1).
    pub fn in_flight_seconds(self) -> u64 {
        self.total
            .saturating_sub(self.flush_reserve())
            .as_secs()
            .max(1)
    }
}

/// Resolves on the first SIGTERM or SIGINT (Ctrl-C); the signal's name.
pub async fn signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            (Ok(mut term), Ok(mut int)) => tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            },
            (Err(e), _) | (_, Err(e)) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM/SIGINT; Ctrl-C only");
                let _ = tokio::signal::ctrl_c().await;
                "SIGINT"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}

/// Stops every listener: no new connections; in-flight requests get the servers' own
/// shutdown timeout.
pub async fn stop_listeners(handles: &[ServerHandle]) {
    futures_util::future::join_all(handles.iter().map(|h| h.stop(true))).await;
}

/// Writes what the actors hold in memory and delivers the due outbox, each bounded by what is
/// left of `deadline`. What cannot be written in time is logged (never silently dropped).
pub async fn flush_actors(state: &AppState, deadline: Instant) {
    let left = || deadline.saturating_duration_since(Instant::now());
    let services = &state.services;
    match settle(tokio::time::timeout(left(), services.sessions.send(FlushLastSeen)).await) {
        Ok(n) => tracing::info!(sessions = n, "shutdown: last-seen times written"),
        Err(e) => tracing::warn!(error = %e, "shutdown: last-seen times not written"),
    }
    match settle(tokio::time::timeout(left(), services.audit.send(FlushAudit)).await) {
        Ok(n) => tracing::info!(events = n, "shutdown: audit buffer written"),
        Err(e) => tracing::error!(error = %e, "shutdown: audit buffer NOT written"),
    }
    match settle(tokio::time::timeout(left(), state.mailer.send(DeliverDue)).await) {
        Ok(report) => tracing::info!(?report, "shutdown: due outbox delivered"),
        // Queued email stays in the outbox table and goes out after the next start.
        Err(e) => tracing::warn!(error = %e, "shutdown: outbox not delivered; it stays queued"),
    }
}

/// An actor's answer within the time left, or why there is none.
fn settle<T, E: std::fmt::Display>(
    answer: Result<Result<Result<T, E>, actix::MailboxError>, tokio::time::error::Elapsed>,
) -> Result<T, String> {
    match answer {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(e))) => Err(e.to_string()),
        Ok(Err(e)) => Err(format!("actor did not answer: {e}")),
        Err(_) => Err("out of time (server.shutdown_timeout_seconds)".to_owned()),
    }
}
