//! Faults on real components, each shown on a real part (no mocks): the database stopped under
//! load, the process killed under load, the attachment disk full. They run on PostgreSQL only
//! (the deployment that has several parts to lose); on SQLite they return at once.

mod database;
mod disk_full;
mod dns_silent;
mod killed;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use portal_actors::db::Arg;

use crate::helpers::*;

/// Whether this run is on PostgreSQL (fault tests run there only).
pub fn on_postgres() -> bool {
    backend() == Backend::Postgres
}

/// The bodies of every comment stored for the app's tenant.
pub async fn comment_bodies(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db
        .fetch_all_with(
            "SELECT body FROM ticket_comments WHERE tenant = $1",
            &[Arg::Uuid(app.tenant.id)],
        )
        .await
        .unwrap();
    rows.into_iter().map(|(body,)| body).collect()
}

/// What a writer saw: the replies acknowledged (303) and every other answer's status.
#[derive(Debug, Default)]
pub struct Writes {
    pub acknowledged: Vec<String>,
    pub refused: Vec<u16>,
    /// Transport errors (refused connection, reset): the server was not there.
    pub unreachable: usize,
}

/// Posts numbered replies to `ticket` until `stop`; pauses a little after a refusal.
pub async fn reply_until(
    browser: Browser,
    ticket: String,
    token: String,
    writer: usize,
    stop: Arc<AtomicBool>,
) -> Writes {
    let mut writes = Writes::default();
    let path = format!("/client-portal/tickets/{ticket}/comments");
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        let body = format!("load reply w{writer} n{n}");
        n += 1;
        match browser
            .try_post_form(&path, &[("csrf_token", &token), ("body", &body)])
            .await
        {
            Ok(page) if page.status == 303 => writes.acknowledged.push(body),
            Ok(page) => {
                writes.refused.push(page.status);
                actix_rt::time::sleep(Duration::from_millis(50)).await;
            }
            Err(_) => {
                writes.unreachable += 1;
                actix_rt::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    writes
}
