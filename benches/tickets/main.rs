//! Ticket list throughput at scale, on SQLite and on PostgreSQL, each against `/healthz`
//! measured in the same run:
//!
//! 1. Seeds `PORTAL_BENCH_TENANTS` tenants (default 100) × `PORTAL_BENCH_TICKETS` tickets
//!    (default 10,000) with bulk `INSERT`s, and times it. Half of each tenant's tickets belong to
//!    the company of its bench user (a client user, role User, ticket scope `client`); about
//!    60 % are open, so `?status=open` has some 120 pages of 25 there.
//! 2. Prints the plans of the list and count queries (`store::tickets::list_query` /
//!    `count_query`, the SQL the page runs) for each measured filter, and checks that tickets
//!    are reached through an index: PASS/FAIL per plan.
//! 3. Boots the real server on that database, signs every bench user in over HTTP, then runs,
//!    each in its own window after a warm-up and with the same number of clients (2 × cores,
//!    each cycling through the sessions of several tenants): `GET /healthz` (admin listener),
//!    `GET /client-portal/tickets?status=open` (page 1), `…&page=50`, `…&q=printer`, and
//!    `/healthz` again. Every answer must be 200 and carry each ticket number that page must
//!    show for that tenant; anything else is counted as a failure and printed. Prints req/s,
//!    p50/p99 and the ratio to the mean of the two `/healthz` windows.
//!
//! PostgreSQL runs on a private throwaway cluster (`initdb` + `pg_ctl` in a temp dir; fsync off);
//! without PostgreSQL installed that half prints `SKIPPED: postgresql missing`.
//! `PORTAL_BENCH_SECONDS` sets each window (default 5 s, after a 2 s warm-up). Exits non-zero
//! when a plan does not use an index or an answer was wrong.
//! Run: `cargo bench --bench tickets`; a smoke test:
//! `PORTAL_BENCH_TENANTS=3 PORTAL_BENCH_TICKETS=2000 PORTAL_BENCH_SECONDS=1 cargo bench --bench tickets`.

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
mod plans;
mod seed;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use portal_actors::tickets::{TicketFilter, PAGE_SIZE};
use portal_actors::{Clock as _, Db, SystemClock};

use portal_test_support::pg::{Cluster, ClusterOptions};

use crate::common::numbers::{env_number, ms};
use crate::load::{Server, Tally, Work, WARMUP};
use crate::plans::PlanCheck;
use crate::seed::{Seeded, SEARCH_WORD};

const DEFAULT_SECONDS: u64 = 5;
const MAX_SECONDS: u64 = 600;
const DEFAULT_TENANTS: u64 = 100;
const MAX_TENANTS: u64 = 1_000;
const DEFAULT_TICKETS: u64 = 10_000;
const MAX_TICKETS: u64 = 100_000;
/// The deep page measured (or the last page, when a smaller data set has fewer).
const DEEP_PAGE: usize = 50;
/// Connections used for seeding and explaining.
const SEED_CONNECTIONS: u32 = 2;
const LIST_PATH: &str = "/client-portal/tickets";
/// The bench cluster: durability off (the data is thrown away; the measured part only reads),
/// buffers big enough to hold the hot part of 1M tickets.
const PG_OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-bench-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                     -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB \
                     -c work_mem=8MB -c maintenance_work_mem=256MB -c max_wal_size=4GB \
                     -c autovacuum=off",
    fallback_port: 55433,
};

struct Config {
    tenants: usize,
    tickets: usize,
    window: Duration,
    cores: usize,
    clients: usize,
}

/// One measured page or baseline of a backend.
struct Phase {
    label: String,
    tally: Tally,
}

struct Report {
    backend: &'static str,
    seeded: Seeded,
    analyze: Duration,
    size: String,
    plans: Vec<PlanCheck>,
    phases: Vec<Phase>,
    deep_page: usize,
}

fn main() -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let config = Config {
        tenants: env_number("PORTAL_BENCH_TENANTS", DEFAULT_TENANTS, 1..=MAX_TENANTS)? as usize,
        tickets: env_number("PORTAL_BENCH_TICKETS", DEFAULT_TICKETS, 1..=MAX_TICKETS)? as usize,
        window: Duration::from_secs(env_number(
            "PORTAL_BENCH_SECONDS",
            DEFAULT_SECONDS,
            1..=MAX_SECONDS,
        )?),
        cores,
        clients: 2 * cores,
    };
    println!(
        "portal ticket list benchmark: {} tenants × {} tickets, {cores} cores, {cores} HTTP \
         workers, {} clients, {} s windows after {} s warm-up",
        config.tenants,
        config.tickets,
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
    let bad_plans = reports
        .iter()
        .flat_map(|r| &r.plans)
        .filter(|p| !p.pass)
        .count();
    let bad_answers: u64 = reports
        .iter()
        .flat_map(|r| &r.phases)
        .map(|p| p.tally.unexpected + p.tally.errors)
        .sum();
    anyhow::ensure!(
        bad_plans == 0 && bad_answers == 0,
        "{bad_plans} plan(s) without an index, {bad_answers} wrong answer(s)"
    );
    Ok(())
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// The list filters measured and explained: (label, query string, filter).
fn filters(deep_page: usize) -> Vec<(String, String, TicketFilter)> {
    let open = TicketFilter::default();
    vec![
        ("status=open".into(), "status=open".into(), open.clone()),
        (
            format!("status=open&page={deep_page}"),
            format!("status=open&page={deep_page}"),
            TicketFilter {
                page: deep_page as i64,
                ..open.clone()
            },
        ),
        (
            format!("status=open&q={SEARCH_WORD}"),
            format!("status=open&q={SEARCH_WORD}"),
            TicketFilter {
                search: Some(SEARCH_WORD.into()),
                ..open
            },
        ),
    ]
}

/// The ticket numbers page `page` (1-based) of `numbers` shows.
fn page_of(numbers: &[String], page: usize) -> Vec<String> {
    let size = PAGE_SIZE as usize;
    numbers
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .cloned()
        .collect()
}

fn run_backend(backend: &'static str, url: String, config: &Config) -> anyhow::Result<Report> {
    println!("\n=== {backend} ===");
    // Seed and explain on a runtime of their own, closed before the server starts.
    let rt = runtime()?;
    let (seeded, analyze, size, plans, deep_page) = rt.block_on(async {
        let db = Db::connect(&url, SEED_CONNECTIONS).await?;
        db.migrate().await?;
        println!(
            "seeding {} tenants × {} tickets…",
            config.tenants, config.tickets
        );
        let seeded = seed::seed(&db, config.tenants, config.tickets, SystemClock.now()).await?;
        let started = Instant::now();
        seed::analyze(&db).await?;
        let analyze = started.elapsed();
        let size = database_size(&db, &url).await?;
        let deep_page = seeded
            .tenants
            .iter()
            .map(|t| t.open_numbers.len().div_ceil(PAGE_SIZE as usize))
            .min()
            .unwrap_or(1)
            .clamp(1, DEEP_PAGE);
        let first = seeded.tenants.first().context("no tenant seeded")?;
        let explained: Vec<(String, TicketFilter)> = filters(deep_page)
            .into_iter()
            .map(|(label, _, f)| (label, f))
            .collect();
        let plans = plans::check(&db, first.tenant, first.user_id, &explained).await?;
        db.close().await;
        anyhow::Ok((seeded, analyze, size, plans, deep_page))
    })?;
    drop(rt);
    println!(
        "seeded {} tickets in {:.1} s ({:.0} tickets/s), statistics in {:.1} s, database {size}",
        seeded.tickets,
        seeded.took.as_secs_f64(),
        seeded.tickets as f64 / seeded.took.as_secs_f64(),
        analyze.as_secs_f64(),
    );
    print_plans(backend, &plans);

    let server = load::start(url, config.cores)?;
    let result = measure(&server, &seeded, deep_page, config);
    server.stop();
    let phases = result?;
    let report = Report {
        backend,
        seeded,
        analyze,
        size,
        plans,
        phases,
        deep_page,
    };
    print_phases(&report, config);
    Ok(report)
}

fn measure(
    server: &Server,
    seeded: &Seeded,
    deep_page: usize,
    config: &Config,
) -> anyhow::Result<Vec<Phase>> {
    let users: Vec<(String, String)> = seeded
        .tenants
        .iter()
        .map(|t| (t.slug.clone(), t.email.clone()))
        .collect();
    let started = Instant::now();
    let sessions = load::sign_in_all(server.port, &users)?;
    println!(
        "signed in {} bench users in {:.1} s",
        sessions.len(),
        started.elapsed().as_secs_f64()
    );
    let origin = format!("http://127.0.0.1:{}", server.port);
    let healthz = format!("http://127.0.0.1:{}/healthz", server.admin_port);
    let pages = [
        seeded
            .tenants
            .iter()
            .map(|t| page_of(&t.open_numbers, 1))
            .collect::<Vec<_>>(),
        seeded
            .tenants
            .iter()
            .map(|t| page_of(&t.open_numbers, deep_page))
            .collect(),
        seeded
            .tenants
            .iter()
            .map(|t| page_of(&t.open_search_numbers, 1))
            .collect(),
    ];
    let mut work = vec![("GET /healthz".to_owned(), Work::Healthz)];
    for ((_, query, _), expected) in filters(deep_page).into_iter().zip(pages) {
        if expected.iter().any(Vec::is_empty) {
            println!("note: `{query}` has no expected tickets for some tenant (small data set)");
        }
        let path = format!("{LIST_PATH}?{query}");
        work.push((
            format!("GET {path}"),
            Work::Page {
                path,
                expected: Arc::new(expected),
            },
        ));
    }
    work.push(("GET /healthz (again)".to_owned(), Work::Healthz));
    let mut phases = Vec::new();
    for (label, work) in work {
        eprintln!("  measuring {label}");
        let tally = load::run_phase(
            &work,
            &origin,
            &healthz,
            &sessions,
            config.clients,
            config.cores,
            config.window,
        )?;
        phases.push(Phase { label, tally });
    }
    Ok(phases)
}

async fn database_size(db: &Db, url: &str) -> anyhow::Result<String> {
    let bytes = match db {
        Db::Postgres(pool) => {
            sqlx::query_scalar::<_, i64>("SELECT pg_database_size(current_database())")
                .fetch_one(pool)
                .await?
        }
        Db::Sqlite(_) => {
            let path = url.trim_start_matches("sqlite://");
            ["", "-wal"]
                .iter()
                .filter_map(|suffix| std::fs::metadata(format!("{path}{suffix}")).ok())
                .map(|m| m.len() as i64)
                .sum()
        }
    };
    Ok(format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0)))
}

fn print_plans(backend: &str, plans: &[PlanCheck]) {
    println!("\nquery plans ({backend}, first tenant's bench user):");
    for p in plans {
        let verdict = if p.pass { "PASS" } else { "FAIL" };
        let time = plans::execution_time(&p.plan)
            .map(|t| format!(" [{t}]"))
            .unwrap_or_default();
        println!("--- {}: {verdict}: {}{time}", p.label, p.verdict);
        for line in &p.plan {
            println!("      {line}");
        }
    }
}

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
        "  {:<58} {:>9} {:>10} {:>10} {:>8} {:>6}",
        "", "req/s", "p50", "p99", "ratio", "wrong"
    );
    for p in &report.phases {
        let r = rate(&p.tally, config.window);
        println!(
            "  {:<58} {:>9.1} {:>10} {:>10} {:>8.3} {:>6}",
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
        "\n=== summary: {} tenants × {} tickets, {} clients, ratio = req/s ÷ mean /healthz req/s ===",
        config.tenants, config.tickets, config.clients
    );
    for r in reports {
        let base = baseline(&r.phases, config.window);
        let plans_ok = r.plans.iter().filter(|p| p.pass).count();
        println!(
            "{}: seeded in {:.1} s (+{:.1} s statistics), {}, plans {plans_ok}/{} PASS, \
             /healthz {base:.0} req/s",
            r.backend,
            r.seeded.took.as_secs_f64(),
            r.analyze.as_secs_f64(),
            r.size,
            r.plans.len(),
        );
        for p in r
            .phases
            .iter()
            .filter(|p| p.label.starts_with("GET /client"))
        {
            let rate = rate(&p.tally, config.window);
            println!(
                "  {:<52} {:>8.1} req/s  p99 {:>10}  ratio {:.3}  wrong {}",
                p.label.trim_start_matches("GET /client-portal/tickets"),
                rate,
                ms(p.tally.percentile(99)),
                rate / base,
                p.tally.unexpected + p.tally.errors
            );
        }
        if r.deep_page != DEEP_PAGE {
            println!(
                "  (deep page is {} here: the data set has no page {DEEP_PAGE})",
                r.deep_page
            );
        }
    }
}
