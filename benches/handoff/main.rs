//! Vanity-domain handoff throughput, and what a big sweep of expired transfer tokens does to it,
//! each against a baseline measured in the same run:
//!
//! 1. Issue+exchange handoffs without argon2: `IssueOtt` sent straight to the app's `Handoff`
//!    actor (a snapshot of a seeded client user, for the tenant's Active vanity domain), then what
//!    a browser does with the canonical page's form (the POST binding): `POST
//!    /auth/client-portal/handoff` `ott=…&returnPath=…` with `Host` = that domain and `Origin` =
//!    the canonical origin (`303` and the half-done cookie), then `GET
//!    /auth/client-portal/handoff/complete` with that cookie (each `303` with a session cookie is
//!    one handoff, and one new session). 2 × cores clients for a fixed window; handoffs/s with
//!    p50/p99 of the whole cycle, against the admin listener's `GET /healthz` req/s at the same
//!    concurrency.
//! 2. A sweep of `PORTAL_BENCH_SWEEP_ROWS` expired tokens, bulk-inserted with SQL beforehand,
//!    through the actor (`SweepOtts`, what `POST /admin/actors/handoff/sweep` sends) while the
//!    same clients keep handing off: its total time, the rows deleted (must equal the rows
//!    inserted), and the p99 and worst handoff latency while it ran, against the p99 of (1).
//!
//! Environment:
//! - `PORTAL_BENCH_SECONDS`: each measurement window of (1) (default 5 s; a 1 s warm-up precedes it).
//! - `PORTAL_BENCH_SWEEP_ROWS`: expired tokens to insert and sweep (default 1,000,000).
//! - `PORTAL_BENCH_DATABASE_URL`: a `postgres://…` URL to run on PostgreSQL instead of a fresh
//!   SQLite database in a temp dir. Use a throwaway database: it is migrated, the sweep deletes
//!   every tenant's expired tokens (so other rows there would make the count differ), and the
//!   bench's tenant, users and sessions are left in it.
//!
//! The actor's own once-a-minute sweep would race the measured one (a big sweep under load takes
//! longer than that): while seeding and sweeping, the bench restarts the actor through its
//! supervisor (`Restart`) every 20 s, which re-arms that timer and leaves the sweep running.
//!
//! Loopback only, everything bounded in time and count; stops by itself.
//! Run: `cargo bench --bench handoff`.

// A benchmark is a measuring tool, not request handling: it may index and count plainly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects
)]

#[path = "../common/mod.rs"]
mod common;
mod load;
mod setup;
mod sweep;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use portal::http::cookies::{HANDOFF_COOKIE, SESSION_COOKIE};
use portal::Application;
use portal_actors::handoff::{Handoff, IssueOtt, SweepOtts, SWEEP_BATCH};
use portal_actors::mailbox::CountingAddr as Addr;
use portal_actors::model::{PortalRole, SessionUser, UserType};
use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::{handoff as ott_store, portal_domains, users};
use portal_actors::supervision::Restart;
use portal_actors::{Backend, Db, Metrics, SharedClock};
use reqwest::header::{CONTENT_TYPE, COOKIE, HOST, LOCATION, ORIGIN};
use reqwest::StatusCode;
use uuid::Uuid;

use common::http::{client, cookie_value, REQUEST_TIMEOUT};
use common::numbers::{env_number, ms, percentile};
use load::{run_window, Load, Part, Stats, Target, Work};
use setup::{boot, Server};
use sweep::{bulk_insert, count_bulk_left, rearm};

const CANONICAL: &str = "portal.bench.test";
const RETURN_PATH: &str = "/client-portal/dashboard";
/// Not measured: lets caches, connections and the database settle.
const WARMUP: Duration = Duration::from_secs(1);
const DEFAULT_SECONDS: u64 = 5;
/// Longest accepted `PORTAL_BENCH_SECONDS`.
const MAX_SECONDS: u64 = 600;
const DEFAULT_SWEEP_ROWS: u64 = 1_000_000;
/// Largest accepted `PORTAL_BENCH_SWEEP_ROWS`.
const MAX_SWEEP_ROWS: u64 = 20_000_000;
/// Rows per bulk `INSERT … SELECT` (one transaction each).
const INSERT_CHUNK: u64 = 50_000;
/// How long ago the bulk tokens were issued (they lived the default 90 s).
const BULK_AGE: chrono::Duration = chrono::Duration::hours(2);
const BULK_TTL: chrono::Duration = chrono::Duration::seconds(90);
/// The actor sweeps by itself every 60 s; restarting it through its supervisor re-arms that
/// timer, so while seeding and sweeping it is restarted this often (a periodic sweep would
/// delete bulk rows too and make the count differ).
const REARM_EVERY: Duration = Duration::from_secs(20);
/// Longest the measured sweep may take before the bench gives up on it.
const SWEEP_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// Upper bound of requests one client sends in one phase (also bounds the sample vectors).
const MAX_REQUESTS_PER_CLIENT: usize = 2_000_000;
/// Pause after a transport error, so a dead server does not turn into a busy loop.
const ERROR_BACKOFF: Duration = Duration::from_millis(10);

fn main() -> anyhow::Result<()> {
    let began = Instant::now();
    let seconds = env_number("PORTAL_BENCH_SECONDS", DEFAULT_SECONDS, 1..=MAX_SECONDS)?;
    let sweep_rows = env_number(
        "PORTAL_BENCH_SWEEP_ROWS",
        DEFAULT_SWEEP_ROWS,
        1..=MAX_SWEEP_ROWS,
    )?;
    let duration = Duration::from_secs(seconds);
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let clients = 2 * cores;

    let dir = tempfile::tempdir().context("cannot create a temp dir")?;
    let url = match std::env::var("PORTAL_BENCH_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => url.trim().to_owned(),
        _ => format!("sqlite://{}", dir.path().join("portal.db").display()),
    };
    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let server = {
        let url = url.clone();
        Server::start(move || boot(url, cores, clients))?
    };
    let target = Target::new(&server)?;
    println!(
        "portal handoff benchmark: {backend}, {cores} cores, {cores} HTTP workers, {clients} clients, \
         {seconds} s windows after {} s warm-up, sweep of {sweep_rows} expired tokens",
        WARMUP.as_secs()
    );

    let result = run(&server, &target, &url, cores, clients, duration, sweep_rows);
    server.stop();
    drop(dir);
    println!("whole run: {:.1} s", began.elapsed().as_secs_f64());
    result
}

#[allow(clippy::too_many_arguments)]
fn run(
    server: &Server,
    target: &Target,
    url: &str,
    cores: usize,
    clients: usize,
    duration: Duration,
    sweep_rows: u64,
) -> anyhow::Result<()> {
    let secs = duration.as_secs_f64();
    let users = &server.booted.users;

    // 1. The admin listener's health check, then issue+exchange handoffs, same concurrency.
    eprintln!("measuring GET /healthz …");
    let healthz = run_window(Work::Healthz, target, users, clients, cores, duration)?;
    eprintln!("measuring issue+exchange handoffs …");
    let handoff = run_window(Work::Handoff, target, users, clients, cores, duration)?;
    let healthz_rate = healthz.count() as f64 / secs;
    let handoff_rate = handoff.count() as f64 / secs;

    // 2. Bulk-insert expired tokens, then sweep them while handing off.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot build a runtime")?;
    let db = rt
        .block_on(Db::connect(url, 2))
        .context("cannot open the bench's own database connection")?;
    // What (1) left behind (consumed tokens) goes first, unmeasured.
    let cleared = rt.block_on(sweep_now(&target.handoff))?;
    eprintln!("cleared {cleared} token(s) left by the handoff window; inserting {sweep_rows} expired tokens …");
    let (inserted, insert_time, bulk_expires) =
        rt.block_on(bulk_insert(&db, server, sweep_rows, &target.handoff))?;
    anyhow::ensure!(
        inserted == sweep_rows,
        "inserted {inserted} rows, wanted {sweep_rows}"
    );
    let now = portal_actors::Clock::now(&portal_actors::SystemClock);
    let sweepable = rt.block_on(ott_store::count_sweepable(&db, now, None))?;
    anyhow::ensure!(
        u64::try_from(sweepable) == Ok(sweep_rows),
        "{sweepable} tokens are sweepable before the sweep, expected exactly {sweep_rows} \
         (is the database shared with something else?)"
    );

    eprintln!("sweeping while handing off …");
    let mut load = Load::spawn(Work::Handoff, target, users, clients, cores, SWEEP_TIMEOUT);
    load.ready();
    rt.block_on(rearm(&target.handoff))?;
    let swept_before = server.booted.metrics.handoff_tokens_swept.get();
    // Enqueued before the clients are let go: the sweep reads the time as soon as the actor
    // takes it, and every token the clients consume comes later through the same mailbox (after
    // an IssueOtt round trip), so its `consumed_at` is not before the cut-off: only the bulk
    // rows qualify.
    let request = target.handoff.send(SweepOtts {
        older_than: chrono::Duration::zero(),
        tenant: None,
    });
    let sweep_started = load.go();
    // A sweep this big can outlast the actor's 60 s timer, and its periodic sweep would then
    // delete bulk rows too: keep re-arming it (the on-demand sweep is a detached task that a
    // restart of the actor does not touch).
    let outcome = rt.block_on(async {
        let deadline = tokio::time::sleep(SWEEP_TIMEOUT);
        tokio::pin!(request, deadline);
        loop {
            tokio::select! {
                answer = &mut request => break Some(answer),
                () = &mut deadline => break None,
                () = tokio::time::sleep(REARM_EVERY) => {
                    if let Err(e) = rearm(&target.handoff).await {
                        eprintln!("could not re-arm the handoff actor's timer: {e:#}");
                    }
                }
            }
        }
    });
    let sweep_ended = Instant::now();
    load.stop();
    let during = load.join()?;
    let deleted = outcome
        .with_context(|| format!("the sweep did not finish within {SWEEP_TIMEOUT:?}"))?
        .context("the handoff actor did not answer the sweep")?
        .context("the sweep failed")?;
    let sweep_time = sweep_ended - sweep_started;
    let swept_by_others = server
        .booted
        .metrics
        .handoff_tokens_swept
        .get()
        .saturating_sub(swept_before)
        .saturating_sub(deleted);
    let bulk_left = rt.block_on(count_bulk_left(&db, bulk_expires))?;
    rt.block_on(db.close());
    let in_sweep = Stats::from(during, |s| s.sent >= sweep_started && s.sent < sweep_ended);

    // The table.
    let p99_ratio = |a: &Stats, b: &Stats, part: Part| match (a.pct(part, 99), b.pct(part, 99)) {
        (Some(a), Some(b)) if !b.is_zero() => format!("{:.2}", a.as_secs_f64() / b.as_secs_f64()),
        _ => "-".into(),
    };
    let count_ok = if deleted == sweep_rows {
        "OK"
    } else {
        "MISMATCH"
    };
    println!();
    println!(
        "{:<58} {:>11} {:>10} {:>10} {:>10}   ratio",
        "", "per second", "p50", "p99", "max"
    );
    row(
        &format!("GET /healthz, admin listener ({clients} clients)"),
        healthz_rate,
        &healthz,
        Part::Whole,
        "(baseline)".into(),
    );
    row(
        &format!("handoffs: IssueOtt + POST binding ({clients} cl.)"),
        handoff_rate,
        &handoff,
        Part::Whole,
        format!("{:.3} of /healthz req/s", handoff_rate / healthz_rate),
    );
    row(
        "  of which IssueOtt (actor, SQL insert)",
        f64::NAN,
        &handoff,
        Part::Issue,
        String::new(),
    );
    row(
        "  of which the POST binding (POST + GET …/complete)",
        f64::NAN,
        &handoff,
        Part::Exchange,
        String::new(),
    );
    row(
        &format!("handoffs while the sweep ran ({} cycles)", in_sweep.count()),
        in_sweep.count() as f64 / sweep_time.as_secs_f64(),
        &in_sweep,
        Part::Whole,
        format!(
            "p99 x{} / max x{} of no-sweep p99",
            p99_ratio(&in_sweep, &handoff, Part::Whole),
            max_ratio(&in_sweep, &handoff, Part::Whole),
        ),
    );
    row(
        "  of which IssueOtt (actor, SQL insert)",
        f64::NAN,
        &in_sweep,
        Part::Issue,
        format!("p99 x{}", p99_ratio(&in_sweep, &handoff, Part::Issue)),
    );
    row(
        "  of which the POST binding (POST + GET …/complete)",
        f64::NAN,
        &in_sweep,
        Part::Exchange,
        format!(
            "p99 x{} / max x{} of no-sweep p99",
            p99_ratio(&in_sweep, &handoff, Part::Exchange),
            max_ratio(&in_sweep, &handoff, Part::Exchange),
        ),
    );
    println!(
        "{:<58} {:>11.0} {:>32}   deleted {deleted} of {sweep_rows} {count_ok}",
        format!("sweep of {sweep_rows} expired tokens ({SWEEP_BATCH}/batch)"),
        deleted as f64 / sweep_time.as_secs_f64(),
        format!("total {:.2} s", sweep_time.as_secs_f64()),
    );
    println!(
        "{:<58} {:>11.0} {:>32}   (setup, {INSERT_CHUNK} rows/statement)",
        format!("bulk insert of {sweep_rows} expired tokens"),
        inserted as f64 / insert_time.as_secs_f64(),
        format!("total {:.2} s", insert_time.as_secs_f64()),
    );

    if swept_by_others > 0 {
        println!("note: {swept_by_others} token(s) were swept by the actor's own periodic sweep during the measured one");
    }
    if bulk_left > 0 {
        println!("note: {bulk_left} bulk token(s) are still in the table after the sweep");
    }
    for (name, stats) in [
        ("healthz", &healthz),
        ("handoff", &handoff),
        ("handoff during the sweep", &in_sweep),
    ] {
        if stats.unexpected + stats.errors > 0 {
            println!(
                "note: {name}: {} unexpected answer(s), {} error(s); first: {}",
                stats.unexpected,
                stats.errors,
                stats.first_problem.as_deref().unwrap_or("-"),
            );
        }
    }
    anyhow::ensure!(
        deleted == sweep_rows,
        "the sweep deleted {deleted} rows, expected {sweep_rows}"
    );
    Ok(())
}

fn row(label: &str, rate: f64, stats: &Stats, part: Part, note: String) {
    let rate = if rate.is_nan() {
        "-".to_owned()
    } else {
        format!("{rate:.1}")
    };
    println!(
        "{label:<58} {rate:>11} {:>10} {:>10} {:>10}   {note}",
        ms(stats.pct(part, 50)),
        ms(stats.pct(part, 99)),
        ms(stats.max(part)),
    );
}

fn max_ratio(a: &Stats, b: &Stats, part: Part) -> String {
    match (a.max(part), b.pct(part, 99)) {
        (Some(a), Some(b)) if !b.is_zero() => format!("{:.1}", a.as_secs_f64() / b.as_secs_f64()),
        _ => "-".into(),
    }
}

/// Sweeps now through the actor, as the admin endpoint does.
async fn sweep_now(handoff: &Addr<Handoff>) -> anyhow::Result<u64> {
    Ok(handoff
        .send(SweepOtts {
            older_than: chrono::Duration::zero(),
            tenant: None,
        })
        .await
        .context("the handoff actor did not answer")??)
}
