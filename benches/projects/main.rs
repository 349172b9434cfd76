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
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use portal::Application;
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::project_sync::plan::PlanInput;
use portal_actors::project_sync::{apply, ProjectInput, ProjectStatusInput};
use portal_actors::store::projects::portal as store;
use portal_actors::store::users;
use portal_actors::{execute, Backend, Clock as _, Db, SharedClock, SystemClock};
use portal_test_support::pg::ClusterOptions;
use portal_views::projects::graph::{self, GraphEdge, GraphTask};
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::numbers::{env_number, ms};
use crate::common::pages::{
    self, baseline, each_backend, print_page_summary, print_phases, runtime, wrong_answers,
    LoadConfig, PageSize, Phase, Target, WARMUP,
};
use crate::common::server;

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
/// Calls of each in-process step timed for the breakdown.
const BREAKDOWN_CALLS: u32 = 50;
const LIST_PATH: &str = "/client-portal/projects";
const PG_OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-bench-projects-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                     -c full_page_writes=off -c max_connections=200",
    fallback_port: 55435,
};

/// What the load needs to know about the seeded tenant.
struct Seeded {
    slug: String,
    emails: Vec<String>,
    plan_took: Duration,
    /// The last task's name: every view of the page must show it.
    last_task: String,
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
    let config = LoadConfig {
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
    let reports = each_backend(&PG_OPTIONS, |backend, url| {
        run_backend(backend, url, &config)
    })?;
    summary(&reports, &config);
    let wrong = wrong_answers(reports.iter().flat_map(|r| &r.phases));
    anyhow::ensure!(wrong == 0, "{wrong} wrong answer(s)");
    Ok(())
}

fn run_backend(backend: &'static str, url: String, config: &LoadConfig) -> anyhow::Result<Report> {
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
    print_phases(report.backend, &report.phases, config);
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

fn measure(
    server: &server::Server<()>,
    seeded: &Seeded,
    config: &LoadConfig,
) -> anyhow::Result<(Vec<PageSize>, Vec<Phase>)> {
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
    let target = Target {
        port: server.port,
        admin_port: server.admin_port,
        slug: &seeded.slug,
        emails: &seeded.emails,
        password: PASSWORD,
    };
    pages::measure(&target, pages, config)
}

fn summary(reports: &[Report], config: &LoadConfig) {
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
        print_page_summary(&r.phases, &r.sizes, config);
    }
}
