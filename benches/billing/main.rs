//! Billing for a client with five years of monthly invoices, on SQLite and on PostgreSQL, against
//! baselines measured in the same run:
//!
//! 1. Seeds one tenant, one client company with `CLIENT_USERS` Finance users (`billing:read`),
//!    and through `billing_sync` — the integration API's code path — `MONTHS` monthly invoices of
//!    `MONTHLY_LINES` lines (all paid but the newest two), one invoice of `PDF_LINES` lines
//!    (`INV-BIG`, no PSA PDF, so it is drawn), a contract, a credit and an hour block. On
//!    PostgreSQL then `VACUUM ANALYZE`, as autovacuum would soon do.
//! 2. In process, on this one thread: the 50-line invoice read as the page reads it, then drawn
//!    as a PDF (`portal_views::billing::pdf::invoice_pdf`) over and over for a window — PDFs per
//!    second on one core — against rendering the same invoice's HTML page in the same way.
//! 3. Boots the real server, signs the users in over HTTP, prints the pages' sizes, then runs,
//!    each in its own window after a warm-up with 2 × cores clients: `GET /healthz` (admin
//!    listener), the billing overview, the invoice list, the big invoice's page and its PDF, and
//!    `/healthz` again. Every answer must be 200 and carry what it must show (the newest invoice,
//!    the contract line, the last line, `%PDF-`). Prints req/s, p50/p99 and the ratio to the mean
//!    of the two `/healthz` windows.
//!
//! PostgreSQL runs on a private throwaway cluster; without PostgreSQL installed that half prints
//! `SKIPPED: postgresql missing`. `PORTAL_BENCH_SECONDS` sets each window (default 3 s, after a
//! 1 s warm-up). Exits non-zero when an answer was wrong.
//! Run: `cargo bench --bench billing`; a smoke test: `PORTAL_BENCH_SECONDS=1 cargo bench --bench billing`.

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
mod seed;

use crate::seed::*;

use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use portal::routes::billing::views::invoice_detail;
use portal::Application;
use portal_actors::billing::portal::InvoiceDetail;
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::store::billing_portal as store;
use portal_actors::store::users;
use portal_actors::{execute, Backend, Clock as _, Db, SharedClock, SystemClock};
use portal_test_support::pg::ClusterOptions;
use portal_views::billing::invoices::{detail_page, pdf_document};
use portal_views::billing::pdf::invoice_pdf;
use portal_views::i18n::Locales;
use portal_views::layout::PageShell;
use portal_views::theme::Branding;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::numbers::env_number;
use crate::common::pages::{
    self, baseline, each_backend, print_page_summary, print_phases, runtime, wrong_answers,
    LoadConfig, PageSize, Phase, Target, WARMUP,
};
use crate::common::server;

const PASSWORD: &str = "correct horse battery staple 42";
/// Five years of monthly invoices.
const MONTHS: u32 = 60;
const MONTHLY_LINES: usize = 8;
/// The invoice whose PDF is measured.
const BIG_NUMBER: &str = "INV-BIG";
const PDF_LINES: usize = 50;
const CONTRACT_LINE: &str = "Managed workstations";
const HOUR_BLOCK: &str = "Project hours";
const CLIENT_USERS: usize = 4;
const DEFAULT_SECONDS: u64 = 3;
const BILLING_PATH: &str = "/client-portal/billing";
const PG_OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-bench-billing-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                     -c full_page_writes=off -c max_connections=200",
    fallback_port: 55436,
};

/// What the load needs to know about the seeded tenant.
struct Seeded {
    slug: String,
    emails: Vec<String>,
    seed_took: Duration,
    /// The newest monthly invoice's number: the overview and the list must show it.
    newest: String,
}

/// Drawing the invoice in process, on one thread.
struct Drawing {
    pdfs_per_second: f64,
    pdf_bytes: usize,
    pages_per_second: f64,
}

struct Report {
    backend: &'static str,
    seed_took: Duration,
    drawing: Drawing,
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
        "portal billing benchmark: {MONTHS} monthly invoices of {MONTHLY_LINES} lines and one of \
         {PDF_LINES} lines; {cores} cores, {cores} HTTP workers, {} clients, {} s windows after \
         {} s warm-up",
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
    // Seed and draw on a runtime of their own, closed before the server starts.
    let rt = runtime()?;
    let (seeded, detail) = rt.block_on(async {
        let db = Db::connect(&url, 2).await?;
        db.migrate().await?;
        let (seeded, tenant, client_id) = seed(&db, SystemClock.now()).await?;
        if db.backend() == Backend::Postgres {
            execute!(db.exec(), "VACUUM ANALYZE").context("VACUUM ANALYZE")?;
        }
        let detail = read_big_invoice(&db, tenant, client_id).await?;
        db.close().await;
        anyhow::Ok((seeded, detail))
    })?;
    drop(rt);
    println!(
        "{MONTHS} invoices with payments and the {PDF_LINES}-line one written in {:.2} s",
        seeded.seed_took.as_secs_f64()
    );
    let drawing = draw(detail, config.window)?;
    println!(
        "drawn in process on one thread: {:.1} PDFs/s ({} bytes each) vs {:.1} HTML pages/s of \
         the same invoice (ratio {:.3})",
        drawing.pdfs_per_second,
        drawing.pdf_bytes,
        drawing.pages_per_second,
        drawing.pdfs_per_second / drawing.pages_per_second.max(f64::MIN_POSITIVE)
    );

    let server = server::Server::start({
        let (url, workers) = (url.clone(), config.cores);
        move || boot(url, workers)
    })?;
    let result = measure(&server, &seeded, config);
    server.stop();
    let (sizes, phases) = result?;
    let report = Report {
        backend,
        seed_took: seeded.seed_took,
        drawing,
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

/// The big invoice with its lines and payments, read as `TenantData` reads it for its page.
async fn read_big_invoice(db: &Db, tenant: Uuid, client_id: Uuid) -> anyhow::Result<InvoiceDetail> {
    let invoice = store::invoice(db, tenant, client_id, BIG_NUMBER)
        .await?
        .context("the big invoice is missing")?;
    let lines = store::invoice_lines(db, tenant, invoice.invoice_id).await?;
    let payments = store::invoice_payments(db, tenant, invoice.invoice_id).await?;
    anyhow::ensure!(lines.len() == PDF_LINES, "{} lines read", lines.len());
    Ok(InvoiceDetail {
        invoice,
        lines,
        payments,
        today: SystemClock.now().date_naive(),
    })
}

/// Counts how many times `step` runs in `window` on this thread, after one untimed run.
fn per_second(
    window: Duration,
    mut step: impl FnMut() -> anyhow::Result<()>,
) -> anyhow::Result<f64> {
    step()?;
    let started = Instant::now();
    let mut done = 0_u64;
    while started.elapsed() < window {
        step()?;
        done += 1;
    }
    Ok(done as f64 / started.elapsed().as_secs_f64())
}

/// PDFs and HTML pages of the big invoice per second, drawn on this one thread.
fn draw(detail: InvoiceDetail, window: Duration) -> anyhow::Result<Drawing> {
    let locales = Locales::load().map_err(|e| anyhow::anyhow!("{e}"))?;
    let t = locales.translator("en");
    let view = invoice_detail(detail);
    let address = vec!["1 Bench Street".to_owned(), "1000 Brussels".to_owned()];
    let doc = pdf_document(t, "Bench MSP", "#0b5563", "Bench Co", &address, &view);
    let mut pdf_bytes = 0;
    let pdfs_per_second = per_second(window, || {
        let pdf = invoice_pdf(&doc)?;
        anyhow::ensure!(pdf.starts_with(b"%PDF-"), "not a PDF");
        pdf_bytes = pdf.len();
        Ok(())
    })?;
    let branding = Branding::default_portal();
    let last = big_line(PDF_LINES - 1);
    let pages_per_second = per_second(window, || {
        let shell = PageShell {
            t,
            title: BIG_NUMBER.to_owned(),
            branding: &branding,
            csp_nonce: "bench",
            signed_in: None,
            scheme: portal_views::theme::ColorScheme::Auto,
        };
        let html = detail_page(&shell, &view).into_string();
        anyhow::ensure!(html.contains(&last), "the page lacks the last line");
        Ok(())
    })?;
    Ok(Drawing {
        pdfs_per_second,
        pdf_bytes,
        pages_per_second,
    })
}

fn measure(
    server: &server::Server<()>,
    seeded: &Seeded,
    config: &LoadConfig,
) -> anyhow::Result<(Vec<PageSize>, Vec<Phase>)> {
    let big = format!("{BILLING_PATH}/invoices/{BIG_NUMBER}");
    let pages: Vec<(String, Vec<String>)> = vec![
        (
            BILLING_PATH.to_owned(),
            vec![CONTRACT_LINE.to_owned(), HOUR_BLOCK.to_owned()],
        ),
        (
            format!("{BILLING_PATH}/invoices"),
            vec![seeded.newest.clone(), BIG_NUMBER.to_owned()],
        ),
        (big.clone(), vec![big_line(PDF_LINES - 1)]),
        (format!("{big}/pdf"), vec!["%PDF-".to_owned()]),
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
        "\n=== summary: {MONTHS} monthly invoices, a {PDF_LINES}-line PDF, {} clients, ratio = \
         req/s ÷ mean /healthz req/s ===",
        config.clients
    );
    for r in reports {
        let base = baseline(&r.phases, config.window);
        println!(
            "{}: seeded in {:.2} s, /healthz {base:.0} req/s; one core: {:.1} PDFs/s ({} bytes), \
             {:.1} HTML pages/s of the same invoice",
            r.backend,
            r.seed_took.as_secs_f64(),
            r.drawing.pdfs_per_second,
            r.drawing.pdf_bytes,
            r.drawing.pages_per_second,
        );
        print_page_summary(&r.phases, &r.sizes, config);
    }
}
