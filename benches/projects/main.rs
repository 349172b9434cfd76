//! A big project's page, on SQLite and on PostgreSQL, against `/healthz` measured in the same
//! run:
//!
//! 1. Seeds one tenant, one client company with `CLIENT_USERS` client users (role User, so
//!    `project:read`), and the project `PRJ-1` through `project_sync` — the code path of the
//!    integration API: 500 tasks in 10 phases and 4 columns, every task field shown, and 800
//!    dependencies forming a DAG (each from a lower to a higher task, deterministic, no
//!    duplicates). On PostgreSQL then `VACUUM ANALYZE`, as autovacuum would soon do.
//! 2. Where the time goes, in process and one at a time: each SQL read of the project's page
//!    (`store::projects::portal`, as `TenantData` runs them) and the dependency graph's analysis
//!    and drawing (`portal_views::projects::graph`), mean per call.
//! 3. Boots the real server, signs the users in over HTTP, prints the pages' sizes, then runs,
//!    each in its own window after a warm-up and with 2 × cores clients: `GET /healthz` (admin
//!    listener), `GET /client-portal/projects/PRJ-1?view=kanban` (the page with the kanban and
//!    the inline dependency SVG), `…?view=list`, `GET /client-portal/projects`, and `/healthz`
//!    again. Every answer must be 200 and carry what that page must show (the SVG, the last
//!    task); anything else is counted and printed. Prints req/s, p50/p99 and the ratio to the
//!    mean of the two `/healthz` windows.
//!
//! PostgreSQL runs on a private throwaway cluster (`initdb` + `pg_ctl` in a temp dir; fsync off);
//! without PostgreSQL installed that half prints `SKIPPED: postgresql missing`.
//! `PORTAL_BENCH_SECONDS` sets each window (default 3 s, after a 1 s warm-up). Exits non-zero
//! when an answer was wrong.
//! Run: `cargo bench --bench projects`; a smoke test: `PORTAL_BENCH_SECONDS=1 cargo bench --bench projects`.

// A benchmark is a measuring tool, not request handling: it may index and count plainly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects
)]

mod breakdown;
#[path = "../common/mod.rs"]
mod common;
mod seed;

use crate::breakdown::*;
use crate::seed::*;

use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::sync::{Arc, Barrier, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use portal::http::cookies::SESSION_COOKIE;
use portal::Application;
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::project_sync::plan::PlanInput;
use portal_actors::project_sync::{apply, ProjectInput, ProjectStatusInput};
use portal_actors::store::projects::portal as store;
use portal_actors::store::users;
use portal_actors::{execute, Backend, Clock as _, Db, SharedClock, SystemClock};
use portal_test_support::pg::{Cluster, ClusterOptions};
use portal_views::projects::graph::{self, GraphEdge, GraphTask};
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use reqwest::header::COOKIE;
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::http::{client, fetch_csrf, post_sign_in, Credentials};
use crate::common::numbers::{env_number, ms};
use crate::common::server;
use crate::common::tally::Tally;

const PASSWORD: &str = "correct horse battery staple 42";
const NUMBER: &str = "PRJ-1";
const TASKS: usize = 500;
const PHASES: usize = 10;
const DEPENDENCIES: usize = 800;
/// A dependency reaches at most this many tasks ahead: long chains, not a hairball.
const DEPENDENCY_REACH: usize = 40;
/// The kanban's columns: (name, closed).
const COLUMNS: [(&str, bool); 4] = [
    ("To do", false),
    ("In progress", false),
    ("Waiting for you", false),
    ("Done", true),
];
const CLIENT_USERS: usize = 4;
const DEFAULT_SECONDS: u64 = 3;
const WARMUP: Duration = Duration::from_secs(1);
/// Calls of each in-process step timed for the breakdown.
const BREAKDOWN_CALLS: u32 = 50;
/// Upper bound of requests one client sends in one phase (also bounds the latency vectors).
const MAX_REQUESTS_PER_CLIENT: usize = 2_000_000;
const LIST_PATH: &str = "/client-portal/projects";
const PG_OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-bench-projects-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                     -c full_page_writes=off -c max_connections=200",
    fallback_port: 55435,
};

struct Config {
    window: Duration,
    cores: usize,
    clients: usize,
}

/// What the load needs to know about the seeded tenant.
struct Seeded {
    slug: String,
    emails: Vec<String>,
    plan_took: Duration,
    /// The last task's name: every view of the page must show it.
    last_task: String,
}

/// A page's path and its size in bytes.
type PageSize = (String, usize);

/// One measured page or baseline.
struct Phase {
    label: String,
    tally: Tally,
}

struct Report {
    backend: &'static str,
    plan_took: Duration,
    breakdown: Vec<(String, Duration)>,
    sizes: Vec<PageSize>,
    phases: Vec<Phase>,
}

fn main() -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let config = Config {
        window: Duration::from_secs(env_number(
            "PORTAL_BENCH_SECONDS",
            DEFAULT_SECONDS,
            1..=600,
        )?),
        cores,
        clients: 2 * cores,
    };
    println!(
        "portal project page benchmark: {TASKS} tasks in {PHASES} phases and {} columns, \
         {DEPENDENCIES} dependencies; {cores} cores, {cores} HTTP workers, {} clients, {} s \
         windows after {} s warm-up",
        COLUMNS.len(),
        config.clients,
        config.window.as_secs(),
        WARMUP.as_secs()
    );
    let mut reports = Vec::new();
    let dir = tempfile::tempdir().context("cannot create a temp dir")?;
    let sqlite_url = format!("sqlite://{}", dir.path().join("portal.db").display());
    reports.push(run_backend("SQLite", sqlite_url, &config)?);
    drop(dir);

    match Cluster::start(&PG_OPTIONS) {
        Ok(Some(cluster)) => {
            let url = runtime()?.block_on(cluster.new_database("bench"))?;
            reports.push(run_backend("PostgreSQL", url, &config)?);
            drop(cluster);
        }
        Ok(None) => println!(
            "\n!!!!! SKIPPED: postgresql missing (no initdb/pg_ctl; Debian package postgresql) !!!!!"
        ),
        Err(e) => println!("\n!!!!! SKIPPED: postgresql did not start: {e:#} !!!!!"),
    }

    summary(&reports, &config);
    let wrong: u64 = reports
        .iter()
        .flat_map(|r| &r.phases)
        .map(|p| p.tally.unexpected + p.tally.errors)
        .sum();
    anyhow::ensure!(wrong == 0, "{wrong} wrong answer(s)");
    Ok(())
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

fn run_backend(backend: &'static str, url: String, config: &Config) -> anyhow::Result<Report> {
    println!("\n=== {backend} ===");
    // Seed and break down on a runtime of their own, closed before the server starts.
    let rt = runtime()?;
    let (seeded, breakdown) = rt.block_on(async {
        let db = Db::connect(&url, 2).await?;
        db.migrate().await?;
        let (seeded, tenant, client_id) = seed(&db, SystemClock.now()).await?;
        // The statistics autovacuum would have by then; without them PostgreSQL counts the
        // tasks with a nested loop per task (SQLite runs no ANALYZE in production either).
        if db.backend() == Backend::Postgres {
            execute!(db.exec(), "VACUUM ANALYZE").context("VACUUM ANALYZE")?;
        }
        let breakdown = breakdown(&db, tenant, client_id).await?;
        db.close().await;
        anyhow::Ok((seeded, breakdown))
    })?;
    drop(rt);
    println!(
        "plan of {TASKS} tasks and {DEPENDENCIES} dependencies written in {:.2} s",
        seeded.plan_took.as_secs_f64()
    );
    println!(
        "where a page's time goes (in process, one call at a time, mean of {BREAKDOWN_CALLS}):"
    );
    for (step, took) in &breakdown {
        println!("  {step:<44} {}", ms(Some(*took)));
    }

    let server = server::Server::start({
        let (url, workers) = (url.clone(), config.cores);
        move || boot(url, workers)
    })?;
    let result = measure(&server, &seeded, config);
    server.stop();
    let (sizes, phases) = result?;
    let report = Report {
        backend,
        plan_took: seeded.plan_took,
        breakdown,
        sizes,
        phases,
    };
    print_phases(&report, config);
    Ok(report)
}

async fn boot(url: String, workers: usize) -> anyhow::Result<(Application, ())> {
    let settings = server::settings(&url, workers)?;
    let db = Db::connect(&url, settings.database.max_connections).await?;
    let app = Application::build_with_db(settings, db, SharedClock::system(), false).await?;
    Ok((app, ()))
}

// ---------------------------------------------------------------------------------------------
// The data: written as the integration API writes it (bodies parsed as it parses them).

/// GETs the tenant's sign-in form for its CSRF cookie, POSTs the password; the session cookie.
async fn sign_in(
    client: &reqwest::Client,
    origin: &str,
    slug: &str,
    email: &str,
) -> anyhow::Result<String> {
    let csrf = fetch_csrf(
        client,
        format!("{origin}/auth/client-portal/signin?tenant={slug}"),
    )
    .await?;
    let who = Credentials {
        slug,
        email,
        password: PASSWORD,
    };
    let (status, session) = post_sign_in(
        client,
        format!("{origin}/auth/client-portal/signin"),
        origin,
        &who,
        &csrf,
    )
    .await?;
    session
        .filter(|_| status == StatusCode::SEE_OTHER)
        .with_context(|| format!("the sign-in answered {status} without a session"))
}

/// What one phase requests: `GET url`, with a session when `check` is given; a page's answer
/// must be 200 and contain every string of `check`.
#[derive(Clone)]
struct Work {
    url: String,
    check: Option<Arc<Vec<String>>>,
}

fn measure(
    server: &server::Server<()>,
    seeded: &Seeded,
    config: &Config,
) -> anyhow::Result<(Vec<PageSize>, Vec<Phase>)> {
    let origin = format!("http://127.0.0.1:{}", server.port);
    let detail = format!("{LIST_PATH}/{NUMBER}");
    let svg = "<svg".to_owned();
    let pages: Vec<(String, Vec<String>)> = vec![
        (
            format!("{detail}?view=kanban"),
            vec![svg.clone(), seeded.last_task.clone()],
        ),
        (
            format!("{detail}?view=list"),
            vec![svg, seeded.last_task.clone()],
        ),
        (LIST_PATH.to_owned(), vec![NUMBER.to_owned()]),
    ];
    let (sessions, sizes) = runtime()?.block_on(async {
        let http = client()?;
        let mut sessions = Vec::new();
        for email in &seeded.emails {
            let cookie = sign_in(&http, &origin, &seeded.slug, email)
                .await
                .with_context(|| format!("signing in {email}"))?;
            sessions.push(cookie);
        }
        let mut sizes = Vec::new();
        for (path, _) in &pages {
            let resp = http
                .get(format!("{origin}{path}"))
                .header(COOKIE, format!("{SESSION_COOKIE}={}", sessions[0]))
                .send()
                .await?;
            let status = resp.status();
            let body = resp.bytes().await?;
            anyhow::ensure!(status == StatusCode::OK, "{path} answered {status}");
            sizes.push((path.clone(), body.len()));
        }
        anyhow::Ok((sessions, sizes))
    })?;
    println!("page sizes:");
    for (path, bytes) in &sizes {
        println!(
            "  {path:<44} {bytes:>9} bytes ({:.0} KiB)",
            *bytes as f64 / 1024.0
        );
    }
    let sessions = Arc::new(sessions);

    let healthz = Work {
        url: format!("http://127.0.0.1:{}/healthz", server.admin_port),
        check: None,
    };
    let mut work = vec![("GET /healthz".to_owned(), healthz.clone())];
    for (path, check) in pages {
        let page = Work {
            url: format!("{origin}{path}"),
            check: Some(Arc::new(check)),
        };
        work.push((format!("GET {path}"), page));
    }
    work.push(("GET /healthz (again)".to_owned(), healthz));
    let mut phases = Vec::new();
    for (label, work) in work {
        eprintln!("  measuring {label}");
        let tally = run_phase(&work, &sessions, config)?;
        phases.push(Phase { label, tally });
    }
    Ok((sizes, phases))
}

/// Runs `config.clients` clients doing `work` over `config.cores` single-threaded runtimes,
/// client `i` with session `i` (modulo): all start together, a warm-up, then a window in which
/// completed, checked requests are counted and timed.
fn run_phase(work: &Work, sessions: &Arc<Vec<String>>, config: &Config) -> anyhow::Result<Tally> {
    let threads = config.cores.clamp(1, config.clients.max(1));
    let barrier = Arc::new(Barrier::new(threads));
    let start: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let mine: Vec<usize> = (t..config.clients).step_by(threads).collect();
            let (work, sessions) = (work.clone(), sessions.clone());
            let (barrier, start, duration) = (barrier.clone(), start.clone(), config.window);
            std::thread::spawn(move || -> anyhow::Result<Tally> {
                let rt = runtime();
                let url = work.url.parse::<reqwest::Url>();
                // Everyone waits, failed or not, so that no thread is left at the barrier.
                barrier.wait();
                let t0 = *start.get_or_init(Instant::now);
                let (rt, url) = (rt?, url?);
                let window = (t0 + WARMUP, t0 + WARMUP + duration);
                let tallies = rt.block_on(join_all(mine.iter().map(|&c| {
                    let cookie = &sessions[c % sessions.len()];
                    client_loop(&work, &url, cookie, window)
                })));
                let mut tally = Tally::default();
                for t in tallies {
                    tally.merge(t?);
                }
                Ok(tally)
            })
        })
        .collect();
    Tally::join(handles, "a client thread panicked")
}

async fn client_loop(
    work: &Work,
    url: &reqwest::Url,
    cookie: &str,
    (from, until): (Instant, Instant),
) -> anyhow::Result<Tally> {
    let http = client()?;
    let mut tally = Tally::default();
    for _ in 0..MAX_REQUESTS_PER_CLIENT {
        let sent = Instant::now();
        if sent >= until {
            break;
        }
        let outcome = once(work, &http, url, cookie).await;
        tally
            .record(outcome, sent, Instant::now(), (from, until))
            .await;
    }
    Ok(tally)
}

/// One request; `Ok(None)` when the answer is right, `Ok(Some(why))` when it is not.
async fn once(
    work: &Work,
    http: &reqwest::Client,
    url: &reqwest::Url,
    cookie: &str,
) -> anyhow::Result<Option<String>> {
    let mut request = http.get(url.clone());
    if work.check.is_some() {
        request = request.header(COOKIE, format!("{SESSION_COOKIE}={cookie}"));
    }
    let resp = request.send().await?;
    let status = resp.status();
    let body = resp.bytes().await?;
    let path = url.path();
    if status != StatusCode::OK {
        return Ok(Some(format!("{path} answered {status}")));
    }
    let body = String::from_utf8_lossy(&body);
    let want = work.check.as_deref().map(Vec::as_slice).unwrap_or_default();
    Ok(want
        .iter()
        .find(|s| !body.contains(s.as_str()))
        .map(|s| format!("{path} lacks `{s}` ({} bytes)", body.len())))
}

// ---------------------------------------------------------------------------------------------
// Printing.

/// Requests per second of a phase's window.
fn rate(tally: &Tally, window: Duration) -> f64 {
    tally.ok as f64 / window.as_secs_f64()
}

/// The baseline: the mean rate of the `/healthz` windows (this machine drifts between windows).
fn baseline(phases: &[Phase], window: Duration) -> f64 {
    let rates: Vec<f64> = phases
        .iter()
        .filter(|p| p.label.starts_with("GET /healthz"))
        .map(|p| rate(&p.tally, window))
        .collect();
    rates.iter().sum::<f64>() / rates.len().max(1) as f64
}

fn print_phases(report: &Report, config: &Config) {
    let base = baseline(&report.phases, config.window);
    println!(
        "\n{} results ({} clients, {} s windows):",
        report.backend,
        config.clients,
        config.window.as_secs()
    );
    println!(
        "  {:<44} {:>9} {:>10} {:>10} {:>8} {:>6}",
        "", "req/s", "p50", "p99", "ratio", "wrong"
    );
    for p in &report.phases {
        let r = rate(&p.tally, config.window);
        println!(
            "  {:<44} {:>9.1} {:>10} {:>10} {:>8.3} {:>6}",
            p.label,
            r,
            ms(p.tally.percentile(50)),
            ms(p.tally.percentile(99)),
            r / base,
            p.tally.unexpected + p.tally.errors
        );
        for problem in &p.tally.problems {
            println!("      FAILURE: {problem}");
        }
    }
}

fn summary(reports: &[Report], config: &Config) {
    println!(
        "\n=== summary: {TASKS} tasks, {DEPENDENCIES} dependencies, {} clients, ratio = req/s ÷ \
         mean /healthz req/s ===",
        config.clients
    );
    for r in reports {
        let base = baseline(&r.phases, config.window);
        let reads: Duration = r
            .breakdown
            .iter()
            .filter(|(step, _)| step.starts_with("store::"))
            .map(|(_, took)| *took)
            .sum();
        let drawing: Duration = r
            .breakdown
            .iter()
            .filter(|(step, _)| step.starts_with("graph::"))
            .map(|(_, took)| *took)
            .sum();
        println!(
            "{}: plan written in {:.2} s, /healthz {base:.0} req/s; in process: reads {}, graph {}",
            r.backend,
            r.plan_took.as_secs_f64(),
            ms(Some(reads)),
            ms(Some(drawing)),
        );
        for p in r
            .phases
            .iter()
            .filter(|p| p.label.starts_with("GET /client"))
        {
            let rate = rate(&p.tally, config.window);
            let path = p.label.trim_start_matches("GET ");
            let bytes = r
                .sizes
                .iter()
                .find(|(sized, _)| sized == path)
                .map_or(0, |(_, b)| *b);
            println!(
                "  {path:<40} {rate:>8.1} req/s  p50 {:>10}  p99 {:>10}  ratio {:.3}  {bytes} bytes  \
                 wrong {}",
                ms(p.tally.percentile(50)),
                ms(p.tally.percentile(99)),
                rate / base,
                p.tally.unexpected + p.tally.errors
            );
        }
    }
}
