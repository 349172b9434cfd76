//! A PSA's first sync of its directory through `POST /integration/v1/directory:batch`, on
//! SQLite and on PostgreSQL, against single `PUT`s measured in the same run:
//!
//! 1. Boots the real portal on a fresh database with one tenant and an integration token.
//! 2. First sync: `PORTAL_BENCH_CLIENTS` clients (default 300) and `PORTAL_BENCH_CONTACTS`
//!    contacts (default 5,000, spread over the clients) in batches of 1,000 (clients first, so
//!    contacts may name a client of the same or an earlier batch). Every batch must answer 200
//!    with one summary per item, every item created at version 1.
//! 3. The same sync again: every item unchanged (version still 1), nothing written.
//! 4. Baseline: `PORTAL_BENCH_SINGLE_PUTS` new contacts (default 300) one `PUT` each, one after
//!    the other, as a PSA without the batch would send them.
//! 5. Checks the database holds exactly what was sent, and prints seconds, records/s and the
//!    ratio of the batch's records/s to single PUTs' records/s.
//!
//! PostgreSQL runs on a private throwaway cluster (`initdb` + `pg_ctl` in a temp dir, durable
//! settings: each PUT's commit is flushed as in production); without PostgreSQL installed that
//! half prints `SKIPPED: postgresql missing`. Exits non-zero when an answer was wrong.
//! Run: `cargo bench --bench directory`; a smoke test:
//! `PORTAL_BENCH_CLIENTS=20 PORTAL_BENCH_CONTACTS=1500 PORTAL_BENCH_SINGLE_PUTS=50 cargo bench --bench directory`.

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

use std::time::{Duration, Instant};

use anyhow::Context as _;
use portal::Application;
use portal_actors::{fetch_one_scalar, Clock as _, Db, SharedClock, SystemClock};
use portal_test_support::pg::{Cluster, ClusterOptions};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::numbers::env_number;
use crate::common::server::{self, ADMIN_TOKEN};

const DEFAULT_CLIENTS: u64 = 300;
const DEFAULT_CONTACTS: u64 = 5_000;
const DEFAULT_SINGLE_PUTS: u64 = 300;
/// The most items one batch takes (`directory::MAX_BATCH_ITEMS`).
const BATCH: usize = portal_actors::directory::MAX_BATCH_ITEMS;
/// HTTP workers of the bench portal (the PSA sends one request at a time).
const WORKERS: usize = 2;
const PG_OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-bench-directory-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c max_connections=50",
    fallback_port: 55434,
};

struct Config {
    clients: usize,
    contacts: usize,
    single_puts: usize,
}

/// One backend's measurements.
struct Report {
    backend: &'static str,
    first_sync: Duration,
    batches: usize,
    again: Duration,
    single: Duration,
}

impl Report {
    fn batch_rate(&self, config: &Config) -> f64 {
        (config.clients + config.contacts) as f64 / self.first_sync.as_secs_f64()
    }

    fn single_rate(&self, config: &Config) -> f64 {
        config.single_puts as f64 / self.single.as_secs_f64()
    }
}

fn main() -> anyhow::Result<()> {
    let config = Config {
        clients: env_number("PORTAL_BENCH_CLIENTS", DEFAULT_CLIENTS, 1..=10_000)? as usize,
        contacts: env_number("PORTAL_BENCH_CONTACTS", DEFAULT_CONTACTS, 0..=100_000)? as usize,
        single_puts: env_number("PORTAL_BENCH_SINGLE_PUTS", DEFAULT_SINGLE_PUTS, 1..=10_000)?
            as usize,
    };
    println!(
        "portal directory sync benchmark: {} clients + {} contacts in batches of {BATCH}, \
         baseline {} single PUTs",
        config.clients, config.contacts, config.single_puts
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

    println!(
        "\n=== summary: first sync of {} clients + {} contacts; ratio = batch records/s ÷ \
         single-PUT records/s ===",
        config.clients, config.contacts
    );
    for r in &reports {
        println!(
            "{:<10} first sync {:>6.2} s ({} batches, {:>7.0} records/s)  same again {:>6.2} s  \
             single PUTs {:>6.0} records/s  ratio {:.1}",
            r.backend,
            r.first_sync.as_secs_f64(),
            r.batches,
            r.batch_rate(&config),
            r.again.as_secs_f64(),
            r.single_rate(&config),
            r.batch_rate(&config) / r.single_rate(&config),
        );
    }
    Ok(())
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

async fn boot(url: String) -> anyhow::Result<(Application, ())> {
    let settings = server::settings(&url, WORKERS)?;
    let db = Db::connect(&url, settings.database.max_connections).await?;
    let app = Application::build_with_db(settings, db, SharedClock::system(), false).await?;
    Ok((app, ()))
}

/// The first sync's items: every client, then the contacts spread over them.
fn directory(config: &Config) -> Vec<Value> {
    let clients: Vec<Uuid> = (0..config.clients).map(|_| Uuid::new_v4()).collect();
    let mut items = Vec::with_capacity(config.clients + config.contacts);
    for (i, id) in clients.iter().enumerate() {
        items.push(json!({"type": "client", "id": id, "record": {
            "name": format!("Client Company {i}"),
            "website": format!("https://client{i}.example"),
            "phone": "+1 555 0100",
            "email": format!("office@client{i}.example"),
            "billing_address": {"line1": format!("{i} Main Street"), "city": "Springfield",
                                "postal_code": "62701", "country": "US"},
            "default_locale": "en",
        }}));
    }
    for i in 0..config.contacts {
        let client = clients[i % clients.len()];
        items.push(json!({"type": "contact", "id": Uuid::new_v4(), "record": {
            "client_id": client,
            "name": format!("Contact Person {i}"),
            "email": format!("person{i}@client{}.example", i % clients.len()),
            "phone": "+1 555 0199",
            "job_title": "Staff",
            "portal_role": if i % clients.len() == 0 { "admin" } else { "user" },
        }}));
    }
    items
}

/// Sends every item in batches; checks each answer (`created` expected on every item).
async fn sync(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    items: &[Value],
    created: bool,
) -> anyhow::Result<usize> {
    let mut batches = 0;
    for chunk in items.chunks(BATCH) {
        let resp = http
            .post(format!("{base}/directory:batch"))
            .bearer_auth(token)
            .json(&json!({ "items": chunk }))
            .send()
            .await?;
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        anyhow::ensure!(status == 200, "batch {batches}: {status} {body}");
        let done = body["items"].as_array().context("no items in the answer")?;
        anyhow::ensure!(
            done.len() == chunk.len(),
            "batch {batches}: wrong item count"
        );
        for d in done {
            anyhow::ensure!(
                d["created"] == created && d["version"] == 1,
                "batch {batches}: unexpected item {d}"
            );
        }
        batches += 1;
    }
    Ok(batches)
}

fn run_backend(backend: &'static str, url: String, config: &Config) -> anyhow::Result<Report> {
    println!("\n=== {backend} ===");
    let rt = runtime()?;
    let slug = rt.block_on(async {
        let db = Db::connect(&url, 2).await?;
        db.migrate().await?;
        let tenant = common::seed::tenant(&db, "Bench MSP".into(), SystemClock.now()).await?;
        db.close().await;
        anyhow::Ok(tenant.slug)
    })?;
    let server = server::Server::start({
        let url = url.clone();
        move || boot(url)
    })?;
    let admin = format!("http://127.0.0.1:{}", server.admin_port);
    let result = rt.block_on(measure(&admin, &slug, config));
    server.stop();
    let (first_sync, batches, again, single) = result?;
    rt.block_on(check_counts(&url, config))?;
    println!(
        "first sync {:.2} s in {batches} batches, same again {:.2} s, {} single PUTs {:.2} s",
        first_sync.as_secs_f64(),
        again.as_secs_f64(),
        config.single_puts,
        single.as_secs_f64()
    );
    Ok(Report {
        backend,
        first_sync,
        batches,
        again,
        single,
    })
}

async fn measure(
    admin: &str,
    slug: &str,
    config: &Config,
) -> anyhow::Result<(Duration, usize, Duration, Duration)> {
    let http = common::http::client()?;
    let resp = http
        .post(format!("{admin}/admin/tenants/{slug}/integration-tokens"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "name": "bench PSA" }))
        .send()
        .await?;
    anyhow::ensure!(resp.status().as_u16() == 201, "token: {}", resp.status());
    let body: Value = resp.json().await?;
    let token = body["token"].as_str().context("no token")?.to_owned();
    let base = format!("{admin}/integration/v1");
    let items = directory(config);

    let started = Instant::now();
    let batches = sync(&http, &base, &token, &items, true).await?;
    let first_sync = started.elapsed();
    let started = Instant::now();
    sync(&http, &base, &token, &items, false).await?;
    let again = started.elapsed();

    let client = items[0]["id"].clone();
    let started = Instant::now();
    for i in 0..config.single_puts {
        let body = json!({"client_id": client, "name": format!("Single Put {i}"),
                          "email": format!("single{i}@client0.example")});
        let resp = http
            .put(format!("{base}/contacts/{}", Uuid::new_v4()))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await?;
        let status = resp.status().as_u16();
        resp.bytes().await?;
        anyhow::ensure!(status == 201, "single PUT {i}: {status}");
    }
    let single = started.elapsed();
    Ok((first_sync, batches, again, single))
}

/// The database holds exactly what was sent.
async fn check_counts(url: &str, config: &Config) -> anyhow::Result<()> {
    let db = Db::connect(url, 1).await?;
    let clients = fetch_one_scalar!(db.exec(), i64, "SELECT COUNT(*) FROM clients")?;
    let contacts = fetch_one_scalar!(db.exec(), i64, "SELECT COUNT(*) FROM contacts")?;
    let bumped = fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM contacts WHERE version <> 1"
    )?;
    db.close().await;
    anyhow::ensure!(
        clients as usize == config.clients
            && contacts as usize == config.contacts + config.single_puts
            && bumped == 0,
        "the database holds {clients} clients, {contacts} contacts ({bumped} re-versioned)"
    );
    Ok(())
}
