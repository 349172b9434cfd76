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

#[path = "common/mod.rs"]
mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use actix::Addr;
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use portal::http::cookies::{HANDOFF_COOKIE, SESSION_COOKIE};
use portal::Application;
use portal_actors::handoff::{Handoff, IssueOtt, SweepOtts, SWEEP_BATCH};
use portal_actors::model::{SessionUser, UserType};
use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::{handoff as ott_store, portal_domains, users};
use portal_actors::supervision::Restart;
use portal_actors::{Backend, Db, Metrics, SharedClock};
use reqwest::header::{CONTENT_TYPE, COOKIE, HOST, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::StatusCode;
use uuid::Uuid;

use common::http::{client, REQUEST_TIMEOUT};
use common::numbers::{env_number, ms, percentile};
use common::server;

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

// ---------------------------------------------------------------------------------------------
// Bulk insert: one `INSERT … SELECT` over a generated series per chunk, one transaction each.
// `token_hash` is 64 hex-like characters, random first (like a SHA-256, so index inserts and
// deletes land all over the B-tree) and unique by its 10-digit row number at the end.

const SQLITE_BULK: &str = "WITH RECURSIVE seq(n) AS (SELECT $1 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < $2) \
     INSERT INTO portal_domain_session_otts (tenant, token_hash, domain, user_id, user_snapshot, \
     return_path, auth_method, created_at, expires_at, consumed_at) \
     SELECT $3, lower(hex(randomblob(27))) || printf('%010d', n), $4, $5, $6, $7, 'password', $8, $9, NULL \
     FROM seq";

const POSTGRES_BULK: &str = "INSERT INTO portal_domain_session_otts (tenant, token_hash, domain, user_id, \
     user_snapshot, return_path, auth_method, created_at, expires_at, consumed_at) \
     SELECT $3, md5(random()::text) || substr(md5(random()::text), 1, 22) || lpad(n::text, 10, '0'), \
     $4, $5, $6, $7, 'password', $8, $9, NULL FROM generate_series($1::bigint, $2::bigint - 1) AS n";

/// Inserts `rows` expired tokens of the first bench user; returns the count, the time it took
/// and their common `expires_at`.
async fn bulk_insert(
    db: &Db,
    server: &Server,
    rows: u64,
    handoff: &Addr<Handoff>,
) -> anyhow::Result<(u64, Duration, DateTime<Utc>)> {
    let user = server.booted.users.first().context("no bench user")?;
    let snapshot = serde_json::to_string(user)?;
    let created = portal_actors::Clock::now(&portal_actors::SystemClock) - BULK_AGE;
    let expires = created + BULK_TTL;
    let sql = match db.backend() {
        Backend::Sqlite => SQLITE_BULK,
        Backend::Postgres => POSTGRES_BULK,
    };
    rearm(handoff).await?;
    let mut rearmed = Instant::now();
    let started = Instant::now();
    let mut inserted = 0u64;
    let mut from = 0u64;
    while from < rows {
        let to = (from + INSERT_CHUNK).min(rows);
        let (a, b) = (i64::try_from(from)?, i64::try_from(to)?);
        let mut tx = db.begin().await?;
        inserted += portal_actors::execute!(
            tx.exec(),
            sql,
            a,
            b,
            user.tenant,
            server.booted.domain.as_str(),
            user.user_id,
            snapshot.as_str(),
            RETURN_PATH,
            created,
            expires
        )
        .context("bulk insert failed")?;
        tx.commit().await?;
        from = to;
        if rearmed.elapsed() >= REARM_EVERY {
            rearm(handoff).await?;
            rearmed = Instant::now();
            eprintln!(
                "  {inserted} rows after {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok((inserted, started.elapsed(), expires))
}

/// Restarts the handoff actor through its supervisor, which re-arms its 60 s sweep timer.
async fn rearm(handoff: &Addr<Handoff>) -> anyhow::Result<()> {
    handoff
        .send(Restart)
        .await
        .context("the handoff actor did not take the restart")?
        .context("the handoff actor failed to restart")?;
    Ok(())
}

/// Bulk tokens still in the table (expired no later than they did, never consumed).
async fn count_bulk_left(db: &Db, bulk_expires: DateTime<Utc>) -> anyhow::Result<i64> {
    Ok(portal_actors::fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM portal_domain_session_otts \
         WHERE consumed_at IS NULL AND expires_at <= $1",
        bulk_expires
    )?)
}

// ---------------------------------------------------------------------------------------------
// The server: its own thread with an actix System, a migrated database, one tenant with an
// Active vanity domain and one client user per bench client.

/// What `boot` hands back: the vanity domain, the bench users' snapshots, the app's `Handoff`
/// actor and metrics.
struct HandoffBench {
    domain: String,
    users: Vec<SessionUser>,
    handoff: Addr<Handoff>,
    metrics: Metrics,
}

type Server = server::Server<HandoffBench>;

async fn boot(
    url: String,
    workers: usize,
    user_count: usize,
) -> anyhow::Result<(Application, HandoffBench)> {
    let mut settings = server::settings(&url, workers)?;
    // No password is ever verified here.
    settings.server.hashing_threads = 1;
    settings.server.canonical_host = CANONICAL.into();
    settings.domains.dns_check = "false".into();

    let db = Db::connect(&url, settings.database.max_connections)
        .await
        .context("cannot open the database")?;
    db.migrate().await.context("cannot migrate the database")?;
    let clock = SharedClock::system();
    let now = clock.now();
    // Unique per run, so that a reused PostgreSQL database takes another run.
    let run_id = Uuid::new_v4().simple().to_string();
    let run_id = &run_id[..12];
    let tenant = common::seed::tenant(&db, format!("Bench MSP {run_id}"), now).await?;
    let client_name = "Bench Co";
    let client_id = users::find_or_create_client(&db, tenant.id, client_name, now).await?;
    let bench_users =
        common::seed::client_users(&db, tenant.id, client_id, user_count, None, now).await?;
    let snapshots = bench_users
        .into_iter()
        .map(|u| SessionUser {
            tenant: tenant.id,
            user_id: u.user_id,
            email: u.email,
            user_type: UserType::Client,
            first_name: u.first_name,
            last_name: u.last_name,
            client_id: Some(client_id),
            client_name: Some(client_name.to_owned()),
            is_client_admin: false,
            previous_login_at: None,
        })
        .collect();
    let domain = format!("portal-{run_id}.bench.test");
    portal_domains::upsert(&db, tenant.id, &domain, CANONICAL, CANONICAL, now).await?;
    let active =
        portal_domains::set_status(&db, tenant.id, DomainStatus::Active, None, true, None, now)
            .await?;
    anyhow::ensure!(active, "the bench domain could not be made Active");
    let app = Application::build_with_db(settings, db, clock, false).await?;
    let bench = HandoffBench {
        domain,
        users: snapshots,
        handoff: app.state.services.handoff.clone(),
        metrics: app.state.metrics.clone(),
    };
    Ok((app, bench))
}

// ---------------------------------------------------------------------------------------------
// Load: `clients` keep-alive connections spread over `threads` single-threaded runtimes.

/// Where the clients go; URLs parsed once, so the load generator spends less CPU per request.
#[derive(Clone)]
struct Target {
    healthz: reqwest::Url,
    /// `POST /auth/client-portal/handoff` on the portal listener.
    exchange: reqwest::Url,
    /// The portal listener, for the redirect to the last step.
    base: String,
    /// The vanity domain, sent as `Host`.
    domain: String,
    /// The canonical origin, sent as `Origin`: the vanity host takes tokens from there only.
    origin: String,
    handoff: Addr<Handoff>,
}

impl Target {
    fn new(server: &Server) -> anyhow::Result<Target> {
        Ok(Target {
            healthz: format!("http://127.0.0.1:{}/healthz", server.admin_port).parse()?,
            exchange: format!(
                "http://127.0.0.1:{}/auth/client-portal/handoff",
                server.port
            )
            .parse()?,
            base: format!("http://127.0.0.1:{}", server.port),
            domain: server.booted.domain.clone(),
            origin: format!("http://{CANONICAL}"),
            handoff: server.booted.handoff.clone(),
        })
    }
}

#[derive(Clone, Copy, Debug)]
enum Work {
    /// GET /healthz on the admin listener.
    Healthz,
    /// IssueOtt to the actor, then the POST binding on the vanity host (POST, then the last step).
    Handoff,
}

/// Which latency of a cycle.
#[derive(Clone, Copy)]
enum Part {
    Whole,
    Issue,
    Exchange,
}

/// One successful cycle.
#[derive(Clone, Copy)]
struct Sample {
    sent: Instant,
    done: Instant,
    /// Time from sending the HTTP request to its full answer (for /healthz: the whole cycle).
    exchange: Duration,
}

#[derive(Default)]
struct Tally {
    samples: Vec<Sample>,
    unexpected: u64,
    errors: u64,
    first_problem: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.samples.extend(other.samples);
        self.unexpected += other.unexpected;
        self.errors += other.errors;
        if self.first_problem.is_none() {
            self.first_problem = other.first_problem;
        }
    }

    fn problem(&mut self, what: String) {
        if self.first_problem.is_none() {
            self.first_problem = Some(what);
        }
    }
}

/// Sorted latencies of the samples kept.
struct Stats {
    whole: Vec<Duration>,
    issue: Vec<Duration>,
    exchange: Vec<Duration>,
    unexpected: u64,
    errors: u64,
    first_problem: Option<String>,
}

impl Stats {
    fn from(tally: Tally, keep: impl Fn(&Sample) -> bool) -> Stats {
        let kept: Vec<Sample> = tally.samples.into_iter().filter(|s| keep(s)).collect();
        let sorted = |f: fn(&Sample) -> Duration| {
            let mut v: Vec<Duration> = kept.iter().map(f).collect();
            v.sort_unstable();
            v
        };
        Stats {
            whole: sorted(|s| s.done - s.sent),
            issue: sorted(|s| (s.done - s.sent).saturating_sub(s.exchange)),
            exchange: sorted(|s| s.exchange),
            unexpected: tally.unexpected,
            errors: tally.errors,
            first_problem: tally.first_problem,
        }
    }

    fn count(&self) -> usize {
        self.whole.len()
    }

    fn part(&self, part: Part) -> &[Duration] {
        match part {
            Part::Whole => &self.whole,
            Part::Issue => &self.issue,
            Part::Exchange => &self.exchange,
        }
    }

    /// The `p`-th percentile.
    fn pct(&self, part: Part, p: usize) -> Option<Duration> {
        percentile(self.part(part), p)
    }

    fn max(&self, part: Part) -> Option<Duration> {
        self.part(part).last().copied()
    }
}

/// Runs `work` for a warm-up and a window of `duration`; keeps the cycles done in the window.
fn run_window(
    work: Work,
    target: &Target,
    users: &[SessionUser],
    clients: usize,
    threads: usize,
    duration: Duration,
) -> anyhow::Result<Stats> {
    let mut load = Load::spawn(work, target, users, clients, threads, WARMUP + duration);
    load.ready();
    let t0 = load.go();
    let tally = load.join()?;
    let (from, until) = (t0 + WARMUP, t0 + WARMUP + duration);
    Ok(Stats::from(tally, |s| s.done >= from && s.done <= until))
}

/// Client threads: each prepares its clients (one warm-up request apiece, which changes
/// nothing), waits at `ready`, then at `go`, and runs until `limit` after the start or `stop`.
struct Load {
    ready: Arc<Barrier>,
    go: Arc<Barrier>,
    start: Arc<OnceLock<Instant>>,
    stop: Arc<AtomicBool>,
    handles: Vec<JoinHandle<anyhow::Result<Tally>>>,
    passed_ready: bool,
    passed_go: bool,
    work: Work,
}

impl Load {
    fn spawn(
        work: Work,
        target: &Target,
        users: &[SessionUser],
        clients: usize,
        threads: usize,
        limit: Duration,
    ) -> Load {
        let threads = threads.clamp(1, clients.max(1));
        let ready = Arc::new(Barrier::new(threads + 1));
        let go = Arc::new(Barrier::new(threads + 1));
        let start: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
        let stop = Arc::new(AtomicBool::new(false));
        let handles = (0..threads)
            .map(|t| {
                let mine: Vec<SessionUser> = (t..clients)
                    .step_by(threads)
                    .map(|i| users[i % users.len()].clone())
                    .collect();
                let (target, ready, go, start, stop) = (
                    target.clone(),
                    ready.clone(),
                    go.clone(),
                    start.clone(),
                    stop.clone(),
                );
                std::thread::spawn(move || -> anyhow::Result<Tally> {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    let prepared = match &rt {
                        Ok(rt) => rt.block_on(async {
                            join_all(mine.iter().map(|_| prepare(work, &target)))
                                .await
                                .into_iter()
                                .collect::<anyhow::Result<Vec<_>>>()
                        }),
                        Err(e) => Err(anyhow::anyhow!("cannot build a runtime: {e}")),
                    };
                    // Everyone waits, failed or not, so that no thread is left at a barrier.
                    ready.wait();
                    go.wait();
                    let t0 = *start.get().context("started without a start time")?;
                    let (rt, prepared) = (rt?, prepared?);
                    let until = t0 + limit;
                    let tallies =
                        rt.block_on(join_all(prepared.iter().zip(&mine).map(
                            |(client, user)| drive(work, client, &target, user, until, &stop),
                        )));
                    let mut tally = Tally::default();
                    for t in tallies {
                        tally.merge(t);
                    }
                    Ok(tally)
                })
            })
            .collect();
        Load {
            ready,
            go,
            start,
            stop,
            handles,
            passed_ready: false,
            passed_go: false,
            work,
        }
    }

    /// Returns once every client is prepared.
    fn ready(&mut self) {
        if !self.passed_ready {
            self.passed_ready = true;
            self.ready.wait();
        }
    }

    /// Lets the clients go; returns the start time.
    fn go(&mut self) -> Instant {
        self.ready();
        let t0 = *self.start.get_or_init(Instant::now);
        if !self.passed_go {
            self.passed_go = true;
            self.go.wait();
        }
        t0
    }

    /// Clients finish the cycle they are in and stop.
    fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    fn join(mut self) -> anyhow::Result<Tally> {
        if !self.passed_go {
            self.stop();
            self.go();
        }
        let mut tally = Tally::default();
        for h in std::mem::take(&mut self.handles) {
            let t = h
                .join()
                .map_err(|_| anyhow::anyhow!("a {:?} client thread panicked", self.work))??;
            tally.merge(t);
        }
        Ok(tally)
    }
}

/// A client with its connection open: `/healthz` once, or an exchange of a well-formed token
/// that was never issued (which must answer `400`, "expired or was already used", and writes
/// nothing).
async fn prepare(work: Work, target: &Target) -> anyhow::Result<reqwest::Client> {
    let client = client()?;
    match work {
        Work::Healthz => {
            let resp = client.get(target.healthz.clone()).send().await?;
            let status = resp.status();
            resp.bytes().await?;
            anyhow::ensure!(status == StatusCode::OK, "/healthz answered {status}");
        }
        Work::Handoff => {
            let (status, _, body) = exchange(&client, target, &"A".repeat(43)).await?;
            anyhow::ensure!(
                status == StatusCode::BAD_REQUEST && body.contains("expired or was already used"),
                "an exchange of an unknown token answered {status}: {body}"
            );
        }
    }
    Ok(client)
}

async fn drive(
    work: Work,
    client: &reqwest::Client,
    target: &Target,
    user: &SessionUser,
    until: Instant,
    stop: &AtomicBool,
) -> Tally {
    let mut tally = Tally::default();
    for _ in 0..MAX_REQUESTS_PER_CLIENT {
        let sent = Instant::now();
        if sent >= until || stop.load(Ordering::Relaxed) {
            break;
        }
        let outcome = match work {
            Work::Healthz => healthz_once(client, target).await,
            Work::Handoff => handoff_once(client, target, user).await,
        };
        let done = Instant::now();
        match outcome {
            Ok(Ok(exchange)) => tally.samples.push(Sample {
                sent,
                done,
                exchange: exchange.unwrap_or(done - sent),
            }),
            Ok(Err(unexpected)) => {
                tally.unexpected += 1;
                tally.problem(unexpected);
            }
            Err(e) => {
                tally.errors += 1;
                tally.problem(format!("{e:#}"));
                tokio::time::sleep(ERROR_BACKOFF).await;
            }
        }
    }
    tally
}

/// `Ok(Ok(exchange time))` on success, `Ok(Err(why))` on a wrong answer.
type Outcome = anyhow::Result<Result<Option<Duration>, String>>;

async fn healthz_once(client: &reqwest::Client, target: &Target) -> Outcome {
    let resp = client.get(target.healthz.clone()).send().await?;
    let status = resp.status();
    resp.bytes().await?;
    Ok(if status == StatusCode::OK {
        Ok(None)
    } else {
        Err(format!("/healthz answered {status}"))
    })
}

/// One handoff: a token from the actor, exchanged over HTTP for a session on the vanity host.
async fn handoff_once(client: &reqwest::Client, target: &Target, user: &SessionUser) -> Outcome {
    let issued = tokio::time::timeout(
        REQUEST_TIMEOUT,
        target.handoff.send(IssueOtt {
            user: user.clone(),
            domain: target.domain.clone(),
            return_path: RETURN_PATH.to_owned(),
            auth_method: "password".to_owned(),
        }),
    )
    .await
    .context("IssueOtt timed out")?
    .context("the handoff actor did not answer IssueOtt")?
    .context("IssueOtt failed")?;
    let sent = Instant::now();
    let (status, session, body) = exchange(client, target, &issued.token).await?;
    let took = sent.elapsed();
    Ok(if status == StatusCode::SEE_OTHER && session {
        Ok(Some(took))
    } else {
        Err(format!(
            "the exchange answered {status} (session cookie: {session}): {body}"
        ))
    })
}

/// What a browser does with the canonical page's form: POSTs `ott=token` on the vanity host
/// from the canonical origin, then follows the redirect to the last step with the half-done
/// cookie. The last answer's status, whether it set a session cookie, and its body (or the
/// POST's, when that did not redirect).
async fn exchange(
    client: &reqwest::Client,
    target: &Target,
    token: &str,
) -> anyhow::Result<(StatusCode, bool, String)> {
    // Tokens are base64url, the return path is encoded by hand: nothing else to escape.
    let resp = client
        .post(target.exchange.clone())
        .header(HOST, &target.domain)
        .header(ORIGIN, &target.origin)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "ott={token}&returnPath=%2Fclient-portal%2Fdashboard"
        ))
        .send()
        .await?;
    let status = resp.status();
    let next = resp
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let pending = cookie_value(&resp, HANDOFF_COOKIE);
    let body = resp.text().await?;
    let (Some(next), Some(pending), StatusCode::SEE_OTHER) = (next, pending, status) else {
        return Ok((status, false, body));
    };
    let resp = client
        .get(format!("{}{next}", target.base))
        .header(HOST, &target.domain)
        .header(COOKIE, format!("{HANDOFF_COOKIE}={pending}"))
        .send()
        .await?;
    let status = resp.status();
    let session = cookie_value(&resp, SESSION_COOKIE).is_some();
    let body = resp.text().await?;
    Ok((status, session, body))
}

/// The non-empty value this response sets the cookie `name` to.
fn cookie_value(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let value = v.strip_prefix(name)?.strip_prefix('=')?;
            let value = value.split(';').next()?.trim();
            (!value.is_empty()).then(|| value.to_owned())
        })
}
