//! The directory changes feed's read throughput (rows/s), on SQLite and on PostgreSQL, against
//! a plain `SELECT` of the same rows measured in the same run:
//!
//! 1. Seeds one tenant with 200 contacts and `PORTAL_BENCH_CHANGES` changes (default 20,000),
//!    recorded the way writers record them (`store::directory_changes::record`, which also bumps
//!    the contact's version) in transactions of 100 — so PostgreSQL has many writer ids — and
//!    times it.
//! 2. Boots the real server on that database, creates an integration token and pages through
//!    the whole feed once to check it: every change exactly once, in `seq` order here (one
//!    writer at a time). A wrong answer fails the bench.
//! 3. Then, `PORTAL_BENCH_ROUNDS` times each (default 5, median reported), walks every row with
//!    pages of 500: a plain keyset `SELECT … WHERE seq > $2 ORDER BY seq LIMIT 501` of the same
//!    columns (decoding the same JSON) — the baseline —, `store::directory_changes::page` (the
//!    feed's query with its snapshot watermark on PostgreSQL), `GET /integration/v1/changes`
//!    over HTTP (actor, JSON, one request per page), and the baseline again. Prints rows/s and
//!    each one's ratio to the mean of the two baselines.
//!
//! PostgreSQL runs on a private throwaway cluster (`initdb` + `pg_ctl` in a temp dir; fsync off);
//! without PostgreSQL installed that half prints `SKIPPED: postgresql missing`.
//! Run: `cargo bench --bench directory_feed`; a smoke test:
//! `PORTAL_BENCH_CHANGES=2000 PORTAL_BENCH_ROUNDS=1 cargo bench --bench directory_feed`.

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

use std::collections::HashSet;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use portal::Application;
use portal_actors::directory_changes::{ChangesPage, ChangesQuery, FeedCursor, NewChange};
use portal_actors::model::Email;
use portal_actors::store::{directory_changes, users};
use portal_actors::{query_as, Clock as _, Db, SharedClock, SystemClock};
use portal_test_support::pg::{Cluster, ClusterOptions};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::numbers::env_number;
use crate::common::server::{self, Server, ADMIN_TOKEN};

const DEFAULT_CHANGES: u64 = 20_000;
const MAX_CHANGES: u64 = 1_000_000;
const DEFAULT_ROUNDS: u64 = 5;
const CONTACTS: usize = 200;
/// Changes recorded per seeding transaction.
const PER_TRANSACTION: usize = 100;
/// The feed's largest page, used by every reader.
const PAGE: i64 = 500;
/// How long the check waits for the feed to show every change (PostgreSQL's watermark).
const PATIENCE: Duration = Duration::from_secs(60);
const PG_OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-bench-feed-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                     -c full_page_writes=off -c max_connections=100 -c shared_buffers=128MB",
    fallback_port: 55434,
};

struct Config {
    changes: usize,
    rounds: usize,
}

/// The rows/s of one reader, median of its rounds.
struct Measured {
    label: &'static str,
    rows_per_s: f64,
}

struct Report {
    backend: &'static str,
    seed: Duration,
    measured: Vec<Measured>,
}

fn main() -> anyhow::Result<()> {
    let config = Config {
        changes: env_number("PORTAL_BENCH_CHANGES", DEFAULT_CHANGES, 500..=MAX_CHANGES)? as usize,
        rounds: env_number("PORTAL_BENCH_ROUNDS", DEFAULT_ROUNDS, 1..=100)? as usize,
    };
    println!(
        "portal directory changes feed benchmark: {} changes of {CONTACTS} contacts, pages of \
         {PAGE}, {} rounds per reader",
        config.changes, config.rounds
    );
    let mut reports = Vec::new();
    let dir = tempfile::tempdir().context("cannot create a temp dir")?;
    let sqlite_url = format!("sqlite://{}", dir.path().join("portal.db").display());
    reports.push(run_backend("SQLite", sqlite_url, &config)?);
    drop(dir);
    match Cluster::start(&PG_OPTIONS) {
        Ok(Some(cluster)) => {
            let url = runtime()?.block_on(cluster.new_database("feed_bench"))?;
            reports.push(run_backend("PostgreSQL", url, &config)?);
            drop(cluster);
        }
        Ok(None) => println!(
            "\n!!!!! SKIPPED: postgresql missing (no initdb/pg_ctl; Debian package postgresql) !!!!!"
        ),
        Err(e) => println!("\n!!!!! SKIPPED: postgresql did not start: {e:#} !!!!!"),
    }
    println!("\n=== summary: rows/s (ratio to the plain SELECT baseline) ===");
    for report in &reports {
        let base = baseline(&report.measured);
        let cells: Vec<String> = report
            .measured
            .iter()
            .map(|m| {
                format!(
                    "{} {:.0} ({:.2})",
                    m.label,
                    m.rows_per_s,
                    m.rows_per_s / base
                )
            })
            .collect();
        println!(
            "{:<10} seeded in {:.1} s | {}",
            report.backend,
            report.seed.as_secs_f64(),
            cells.join(" | ")
        );
    }
    Ok(())
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// The mean of the two plain-SELECT windows.
fn baseline(measured: &[Measured]) -> f64 {
    let plain: Vec<f64> = measured
        .iter()
        .filter(|m| m.label.starts_with("plain SELECT"))
        .map(|m| m.rows_per_s)
        .collect();
    plain.iter().sum::<f64>() / plain.len().max(1) as f64
}

fn run_backend(backend: &'static str, url: String, config: &Config) -> anyhow::Result<Report> {
    println!("\n=== {backend} ===");
    let rt = runtime()?;
    let (tenant, seed) = rt.block_on(async {
        let db = Db::connect(&url, 2).await?;
        db.migrate().await?;
        let started = Instant::now();
        let tenant = seed(&db, config.changes).await?;
        let took = started.elapsed();
        db.close().await;
        anyhow::Ok((tenant, took))
    })?;
    println!(
        "recorded {} changes in {:.1} s ({:.0} changes/s, {PER_TRANSACTION} per transaction)",
        config.changes,
        seed.as_secs_f64(),
        config.changes as f64 / seed.as_secs_f64()
    );
    let boot_url = url.clone();
    let server = Server::start(move || boot(boot_url))?;
    let result = rt.block_on(measure(&server, &url, &tenant, config));
    server.stop();
    let measured = result?;
    let base = baseline(&measured);
    for m in &measured {
        println!(
            "  {:<34} {:>10.0} rows/s  ({:.2} × baseline)",
            m.label,
            m.rows_per_s,
            m.rows_per_s / base
        );
    }
    Ok(Report {
        backend,
        seed,
        measured,
    })
}

async fn boot(url: String) -> anyhow::Result<(Application, ())> {
    let settings = server::settings(&url, 2)?;
    let db = Db::connect(&url, settings.database.max_connections).await?;
    let app = Application::build_with_db(settings, db, SharedClock::system(), false).await?;
    Ok((app, ()))
}

/// The bench tenant (its slug and id): contacts and `changes` recorded changes.
struct Tenant {
    id: Uuid,
    slug: String,
}

async fn seed(db: &Db, changes: usize) -> anyhow::Result<Tenant> {
    let now = SystemClock.now();
    let tenant = common::seed::tenant(db, "Feed Bench MSP".into(), now).await?;
    let client_id = users::find_or_create_client(db, tenant.id, "Bench Co", now).await?;
    let mut contacts = Vec::with_capacity(CONTACTS);
    for i in 0..CONTACTS {
        let contact = users::NewContact {
            client_id,
            full_name: format!("Bench Contact {i}"),
            email: Email::parse(&format!("contact{i}@bench-co.example"))?,
            phone: None,
            portal_role: portal_actors::model::PortalRole::User,
        };
        contacts.push(users::create_contact(db, tenant.id, &contact, now).await?);
    }
    let mut done = 0;
    while done < changes {
        let mut tx = db.begin().await?;
        for n in done..changes.min(done + PER_TRANSACTION) {
            let mut fields = serde_json::Map::new();
            fields.insert("job_title".into(), json!(format!("Engineer grade {n}")));
            fields.insert(
                "phone".into(),
                json!(format!("+44 20 7946 {:04}", n % 10_000)),
            );
            let contact = contacts[n % CONTACTS];
            let change = NewChange::profile_updated(contact, None, fields, now);
            directory_changes::record(&mut tx, tenant.id, &change).await?;
        }
        tx.commit().await?;
        done = changes.min(done + PER_TRANSACTION);
    }
    Ok(Tenant {
        id: tenant.id,
        slug: tenant.slug,
    })
}

async fn measure(
    server: &Server<()>,
    url: &str,
    tenant: &Tenant,
    config: &Config,
) -> anyhow::Result<Vec<Measured>> {
    let db = Db::connect(url, 2).await?;
    let http = common::http::client()?;
    let token = integration_token(&http, server.admin_port, &tenant.slug).await?;
    let feed = format!(
        "http://127.0.0.1:{}/integration/v1/changes",
        server.admin_port
    );
    check(&http, &feed, &token, config.changes).await?;
    let mut measured = Vec::new();
    for label in [
        "plain SELECT (baseline)",
        "store::directory_changes::page",
        "GET /integration/v1/changes",
        "plain SELECT (baseline, again)",
    ] {
        let mut rates = Vec::with_capacity(config.rounds);
        for _ in 0..config.rounds {
            let started = Instant::now();
            let rows = match label {
                "store::directory_changes::page" => walk_store(&db, tenant.id).await?,
                "GET /integration/v1/changes" => walk_http(&http, &feed, &token).await?.len(),
                _ => walk_plain(&db, tenant.id).await?,
            };
            anyhow::ensure!(
                rows == config.changes,
                "{label} read {rows} rows, not {}",
                config.changes
            );
            rates.push(rows as f64 / started.elapsed().as_secs_f64());
        }
        rates.sort_by(f64::total_cmp);
        measured.push(Measured {
            label,
            rows_per_s: rates[rates.len() / 2],
        });
    }
    db.close().await;
    Ok(measured)
}

async fn integration_token(
    http: &reqwest::Client,
    admin_port: u16,
    slug: &str,
) -> anyhow::Result<String> {
    let resp = http
        .post(format!(
            "http://127.0.0.1:{admin_port}/admin/tenants/{slug}/integration-tokens"
        ))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"name": "feed bench"}))
        .send()
        .await?;
    anyhow::ensure!(resp.status().as_u16() == 201, "token: {}", resp.status());
    let body: Value = resp.json().await?;
    body["token"]
        .as_str()
        .map(str::to_owned)
        .context("no token in the answer")
}

/// The feed read once through HTTP: every change exactly once, in `seq` order.
async fn check(
    http: &reqwest::Client,
    feed: &str,
    token: &str,
    changes: usize,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut all = Vec::new();
    let mut cursor = String::new();
    while all.len() < changes && started.elapsed() < PATIENCE {
        let (more, next) = walk_http_from(http, feed, token, &cursor).await?;
        all.extend(more);
        cursor = next;
        if all.len() < changes {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let seqs: Vec<i64> = all
        .iter()
        .map(|c| c["seq"].as_i64().unwrap_or(-1))
        .collect();
    let ids: HashSet<&str> = all.iter().filter_map(|c| c["change_id"].as_str()).collect();
    anyhow::ensure!(
        all.len() == changes && ids.len() == changes,
        "the feed gave {} changes ({} distinct), not {changes}",
        all.len(),
        ids.len()
    );
    anyhow::ensure!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "the feed is not in seq order"
    );
    println!("checked: the feed hands out all {changes} changes once, in order");
    Ok(())
}

async fn walk_http(http: &reqwest::Client, feed: &str, token: &str) -> anyhow::Result<Vec<Value>> {
    Ok(walk_http_from(http, feed, token, "").await?.0)
}

/// Pages through the feed from `after` until `has_more` is false.
async fn walk_http_from(
    http: &reqwest::Client,
    feed: &str,
    token: &str,
    after: &str,
) -> anyhow::Result<(Vec<Value>, String)> {
    let mut all = Vec::new();
    let mut cursor = after.to_owned();
    loop {
        let resp = http
            .get(format!("{feed}?limit={PAGE}&after={cursor}"))
            .bearer_auth(token)
            .send()
            .await?;
        anyhow::ensure!(resp.status().is_success(), "feed: {}", resp.status());
        let mut page: Value = resp.json().await?;
        let Value::Array(changes) = page["changes"].take() else {
            anyhow::bail!("no changes array");
        };
        all.extend(changes);
        cursor = page["next_cursor"]
            .as_str()
            .context("no next_cursor")?
            .to_owned();
        if page["has_more"] != Value::Bool(true) {
            return Ok((all, cursor));
        }
    }
}

async fn walk_store(db: &Db, tenant: Uuid) -> anyhow::Result<usize> {
    let mut query = ChangesQuery {
        after: FeedCursor::START,
        limit: PAGE,
    };
    let mut rows = 0;
    loop {
        let found = directory_changes::page(db.exec(), tenant, &query).await?;
        let page = ChangesPage::from_rows(found, &query);
        rows += page.changes.len();
        if !page.has_more {
            return Ok(rows);
        }
        query.after = FeedCursor::decode(&page.next_cursor).context("cursor")?;
    }
}

#[derive(sqlx::FromRow)]
#[allow(dead_code)]
struct PlainRow {
    seq: i64,
    change_id: Uuid,
    kind: String,
    occurred_at: DateTime<Utc>,
    contact_id: Option<Uuid>,
    client_id: Option<Uuid>,
    user_id: Option<Uuid>,
    version: i64,
    data: String,
}

/// The same rows and columns by a plain keyset on `seq` (no watermark), JSON decoded alike.
async fn walk_plain(db: &Db, tenant: Uuid) -> anyhow::Result<usize> {
    let (mut after, mut rows) = (0_i64, 0);
    loop {
        let found: Vec<PlainRow> = query_as!(
            db.exec(),
            PlainRow,
            fetch_all,
            "SELECT seq, change_id, kind, occurred_at, contact_id, client_id, user_id, version, \
                    data FROM directory_changes WHERE tenant = $1 AND seq > $2 \
             ORDER BY seq LIMIT $3",
            tenant,
            after,
            PAGE + 1
        )?;
        let more = found.len() as i64 > PAGE;
        for row in found.iter().take(PAGE as usize) {
            let _: Value = serde_json::from_str(&row.data)?;
            after = row.seq;
            rows += 1;
        }
        if !more {
            return Ok(rows);
        }
    }
}
