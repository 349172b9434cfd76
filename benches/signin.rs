//! Sign-in and signed-in page throughput, each against a baseline measured in the same run:
//!
//! 1. argon2id verifications per second on every core (std threads, no HTTP; the mean of one
//!    window before and one after) versus full HTTP password sign-ins per second (GET the form once for its CSRF cookie, then POST sign-ins,
//!    counting only `303` answers that set a session cookie). Sign-in is dominated by argon2id,
//!    so the ratio shows how much the rest (HTTP, actors, SQLite, audit) costs; target >= 0.90.
//! 2. `GET /client-portal/dashboard` (signed in) versus the admin listener's `GET /healthz`,
//!    requests per second with p50/p99 latency.
//!
//! Loopback only, a fresh SQLite database in a temp dir, everything bounded in time and count.
//! `PORTAL_BENCH_SECONDS` sets each measurement window (default 5 s; a 1 s warm-up precedes it).
//! Run: `cargo bench --bench signin`.

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

use std::path::PathBuf;
use std::sync::{Arc, Barrier, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use futures_util::future::join_all;
use portal::http::cookies::SESSION_COOKIE;
use portal::Application;
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::store::users;
use portal_actors::{Db, SharedClock};
use reqwest::header::COOKIE;
use reqwest::StatusCode;

use common::http::{client, fetch_csrf, post_sign_in, Credentials};
use common::numbers::{env_number, ms};
use common::server;
use common::tally::Tally;

/// Every bench user's password (they all share one hash, as the salt makes no difference here).
const PASSWORD: &str = "correct horse battery staple 42";
/// Not measured: lets caches, connections and the SQLite WAL settle.
const WARMUP: Duration = Duration::from_secs(1);
const DEFAULT_SECONDS: u64 = 5;
/// Longest accepted `PORTAL_BENCH_SECONDS`.
const MAX_SECONDS: u64 = 600;
/// Upper bound of requests one client sends in one phase (also bounds the latency vectors).
const MAX_REQUESTS_PER_CLIENT: usize = 2_000_000;
const TARGET_RATIO: f64 = 0.90;

fn main() -> anyhow::Result<()> {
    let seconds = env_number("PORTAL_BENCH_SECONDS", DEFAULT_SECONDS, 1..=MAX_SECONDS)?;
    let duration = Duration::from_secs(seconds);
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let clients = 2 * cores;

    let dir = tempfile::tempdir().context("cannot create a temp dir")?;
    let db_path = dir.path().join("portal.db");
    let server = server::Server::start(move || boot(db_path, cores, clients))?;
    let target = Target::new(server.port, server.admin_port, &server.booted.slug)?;
    println!(
        "portal sign-in benchmark: {cores} cores, {cores} HTTP workers, {cores} hashing threads, \
         {clients} clients, {seconds} s windows after {} s warm-up",
        WARMUP.as_secs()
    );

    let result = run(&target, &server.booted.emails, cores, clients, duration);
    server.stop();
    drop(dir);
    result
}

fn run(
    target: &Target,
    emails: &[String],
    cores: usize,
    clients: usize,
    duration: Duration,
) -> anyhow::Result<()> {
    let secs = duration.as_secs_f64();

    // 1. argon2id alone on every core, before and after the full HTTP sign-ins (this machine's
    //    speed drifts by several percent between windows; the mean of the two brackets it).
    let hash = hash_with(&current_params()?, PASSWORD)?;
    let raw_before = raw_argon2(&hash, cores, duration)? as f64 / secs;
    let signin = run_phase(Work::SignIn, target, emails, clients, cores, duration)?;
    let signin_rate = signin.ok as f64 / secs;
    let raw_after = raw_argon2(&hash, cores, duration)? as f64 / secs;
    let raw_rate = (raw_before + raw_after) / 2.0;
    let ratio = signin_rate / raw_rate;
    let verdict = if ratio >= TARGET_RATIO {
        "PASS"
    } else {
        "BELOW TARGET"
    };

    // 2. Signed-in dashboard against the admin listener's health check.
    let healthz = run_phase(Work::Healthz, target, emails, clients, cores, duration)?;
    let dashboard = run_phase(Work::Dashboard, target, emails, clients, cores, duration)?;
    let healthz_rate = healthz.ok as f64 / secs;
    let dashboard_rate = dashboard.ok as f64 / secs;

    println!();
    println!(
        "{:<50} {:>9.1}   (before {raw_before:.1}, after {raw_after:.1})",
        format!("argon2id raw verifications/s ({cores} threads):"),
        raw_rate
    );
    println!(
        "{:<50} {:>9.1}   ratio {:.3}  {verdict} (target >= {TARGET_RATIO:.2})   p50 {}  p99 {}",
        format!("HTTP password sign-ins/s ({clients} clients):"),
        signin_rate,
        ratio,
        ms(signin.percentile(50)),
        ms(signin.percentile(99)),
    );
    println!(
        "{:<50} {:>9.1}   p50 {}  p99 {}",
        format!("GET /healthz req/s ({clients} clients):"),
        healthz_rate,
        ms(healthz.percentile(50)),
        ms(healthz.percentile(99)),
    );
    println!(
        "{:<50} {:>9.1}   p50 {}  p99 {}   ratio {:.3}",
        format!("GET /client-portal/dashboard req/s ({clients} clients):"),
        dashboard_rate,
        ms(dashboard.percentile(50)),
        ms(dashboard.percentile(99)),
        dashboard_rate / healthz_rate,
    );
    for (name, tally) in [
        ("sign-in", &signin),
        ("healthz", &healthz),
        ("dashboard", &dashboard),
    ] {
        if tally.unexpected + tally.errors > 0 {
            println!(
                "note: {name}: {} unexpected answer(s), {} transport error(s); first: {}",
                tally.unexpected,
                tally.errors,
                tally.first_problem(),
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The server: its own thread with an actix System, a migrated SQLite database, one tenant and
// one client user per bench client.

/// What `boot` hands back: the tenant's slug and the bench users' emails.
struct SignInBench {
    slug: String,
    emails: Vec<String>,
}

async fn boot(
    db_path: PathBuf,
    workers: usize,
    user_count: usize,
) -> anyhow::Result<(Application, SignInBench)> {
    let url = format!("sqlite://{}", db_path.display());
    let settings = server::settings(&url, workers)?;

    let db = Db::connect(&url, settings.database.max_connections).await?;
    db.migrate().await?;
    let clock = SharedClock::system();
    let now = clock.now();
    let tenant = common::seed::tenant(&db, "Bench MSP".into(), now).await?;
    let hash = hash_with(&current_params()?, PASSWORD)?;
    let client_id = users::find_or_create_client(&db, tenant.id, "Bench Co", now).await?;
    let users =
        common::seed::client_users(&db, tenant.id, client_id, user_count, Some(&hash), now).await?;
    let emails = users.into_iter().map(|u| u.email).collect();
    let app = Application::build_with_db(settings, db, clock, false).await?;
    Ok((
        app,
        SignInBench {
            slug: tenant.slug,
            emails,
        },
    ))
}

// ---------------------------------------------------------------------------------------------
// Baseline 1: argon2id verification on `threads` std threads, the way the hashing actor does it
// (parse the stored hash, take its parameters, verify).

fn raw_argon2(hash: &str, threads: usize, duration: Duration) -> anyhow::Result<u64> {
    let barrier = Arc::new(Barrier::new(threads));
    let start: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (hash, barrier, start) = (hash.to_owned(), barrier.clone(), start.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let t0 = *start.get_or_init(Instant::now);
                let (from, until) = (t0 + WARMUP, t0 + WARMUP + duration);
                let mut counted = 0u64;
                while Instant::now() < until {
                    let parsed = PasswordHash::new(&hash).expect("a valid PHC string");
                    let params = Params::try_from(&parsed).expect("argon2 parameters");
                    let ok = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                        .verify_password(PASSWORD.as_bytes(), &parsed)
                        .is_ok();
                    assert!(ok, "the password must verify");
                    let done = Instant::now();
                    if done >= from && done <= until {
                        counted += 1;
                    }
                }
                counted
            })
        })
        .collect();
    let mut total = 0;
    for h in handles {
        total += h
            .join()
            .map_err(|_| anyhow::anyhow!("an argon2 thread panicked"))?;
    }
    Ok(total)
}

// ---------------------------------------------------------------------------------------------
// HTTP load: `clients` keep-alive connections spread over `threads` single-threaded runtimes.

/// Where the clients go; URLs parsed once, so the load generator spends less CPU per request.
#[derive(Clone)]
struct Target {
    signin_form: reqwest::Url,
    signin: reqwest::Url,
    dashboard: reqwest::Url,
    healthz: reqwest::Url,
    /// `http://<host>`, matching the `Host` header the portal sees (sessions are bound to it).
    origin: String,
    slug: String,
}

impl Target {
    fn new(port: u16, admin_port: u16, slug: &str) -> anyhow::Result<Target> {
        let origin = format!("http://127.0.0.1:{port}");
        Ok(Target {
            signin_form: format!("{origin}/auth/client-portal/signin?tenant={slug}").parse()?,
            signin: format!("{origin}/auth/client-portal/signin").parse()?,
            dashboard: format!("{origin}/client-portal/dashboard").parse()?,
            healthz: format!("http://127.0.0.1:{admin_port}/healthz").parse()?,
            origin,
            slug: slug.to_owned(),
        })
    }
}

#[derive(Clone, Copy, Debug)]
enum Work {
    /// POST a password sign-in (after one GET of the form for its CSRF cookie).
    SignIn,
    /// GET /healthz on the admin listener.
    Healthz,
    /// GET /client-portal/dashboard with a session made by one sign-in beforehand.
    Dashboard,
}

/// What a client got ready before the measurement.
enum Prepared {
    Csrf(String),
    Session(String),
    Nothing,
}

/// Runs `clients` clients doing `work`: each prepares, all start together, a warm-up, then a
/// window of `duration` in which completed successful requests are counted and timed.
fn run_phase(
    work: Work,
    target: &Target,
    emails: &[String],
    clients: usize,
    threads: usize,
    duration: Duration,
) -> anyhow::Result<Tally> {
    let threads = threads.clamp(1, clients.max(1));
    let barrier = Arc::new(Barrier::new(threads));
    let start: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let mine: Vec<String> = (t..clients)
                .step_by(threads)
                .map(|i| emails[i % emails.len()].clone())
                .collect();
            let (target, barrier, start) = (target.clone(), barrier.clone(), start.clone());
            std::thread::spawn(move || -> anyhow::Result<Tally> {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                let prepared = match &rt {
                    Ok(rt) => rt.block_on(async {
                        let setups = mine.iter().map(|email| prepare(work, &target, email));
                        join_all(setups)
                            .await
                            .into_iter()
                            .collect::<anyhow::Result<Vec<_>>>()
                    }),
                    Err(e) => Err(anyhow::anyhow!("cannot build a runtime: {e}")),
                };
                // Everyone waits, failed or not, so that no thread is left at the barrier.
                barrier.wait();
                let t0 = *start.get_or_init(Instant::now);
                let (rt, prepared) = (rt?, prepared?);
                let window = (t0 + WARMUP, t0 + WARMUP + duration);
                let tallies = rt.block_on(join_all(prepared.iter().zip(&mine).map(
                    |((client, ready), email)| measure(work, client, ready, &target, email, window),
                )));
                let mut tally = Tally::default();
                for t in tallies {
                    tally.merge(t);
                }
                Ok(tally)
            })
        })
        .collect();
    Tally::join(handles, &format!("a {work:?} client thread panicked"))
}

async fn prepare(
    work: Work,
    target: &Target,
    email: &str,
) -> anyhow::Result<(reqwest::Client, Prepared)> {
    let client = client()?;
    let ready = match work {
        Work::SignIn => Prepared::Csrf(fetch_csrf(&client, target.signin_form.clone()).await?),
        Work::Dashboard => {
            let csrf = fetch_csrf(&client, target.signin_form.clone()).await?;
            let (status, session) = sign_in(&client, target, email, &csrf).await?;
            let session = session
                .filter(|_| status == StatusCode::SEE_OTHER)
                .with_context(|| format!("sign-in for the dashboard answered {status}"))?;
            Prepared::Session(session)
        }
        Work::Healthz => Prepared::Nothing,
    };
    Ok((client, ready))
}

async fn measure(
    work: Work,
    client: &reqwest::Client,
    ready: &Prepared,
    target: &Target,
    email: &str,
    (from, until): (Instant, Instant),
) -> Tally {
    let mut tally = Tally::default();
    for _ in 0..MAX_REQUESTS_PER_CLIENT {
        let sent = Instant::now();
        if sent >= until {
            break;
        }
        let outcome = once(work, client, ready, target, email).await;
        tally
            .record(outcome, sent, Instant::now(), (from, until))
            .await;
    }
    tally
}

/// One request; `Ok(None)` when it succeeded, `Ok(Some(why))` when the answer was wrong.
async fn once(
    work: Work,
    client: &reqwest::Client,
    ready: &Prepared,
    target: &Target,
    email: &str,
) -> anyhow::Result<Option<String>> {
    Ok(match (work, ready) {
        (Work::SignIn, Prepared::Csrf(csrf)) => {
            let (status, session) = sign_in(client, target, email, csrf).await?;
            (status != StatusCode::SEE_OTHER || session.is_none()).then(|| {
                format!(
                    "sign-in answered {status} (session cookie: {})",
                    session.is_some()
                )
            })
        }
        (Work::Healthz, _) => {
            let resp = client.get(target.healthz.clone()).send().await?;
            let status = resp.status();
            resp.bytes().await?;
            (status != StatusCode::OK).then(|| format!("/healthz answered {status}"))
        }
        (Work::Dashboard, Prepared::Session(session)) => {
            let resp = client
                .get(target.dashboard.clone())
                .header(COOKIE, format!("{SESSION_COOKIE}={session}"))
                .send()
                .await?;
            let status = resp.status();
            resp.bytes().await?;
            (status != StatusCode::OK).then(|| format!("dashboard answered {status}"))
        }
        (work, _) => Some(format!("{work:?} was not prepared")),
    })
}

/// POSTs one password sign-in; returns the status and the session cookie, if one was set.
async fn sign_in(
    client: &reqwest::Client,
    target: &Target,
    email: &str,
    csrf: &str,
) -> anyhow::Result<(StatusCode, Option<String>)> {
    let who = Credentials {
        slug: &target.slug,
        email,
        password: PASSWORD,
    };
    post_sign_in(client, target.signin.clone(), &target.origin, &who, csrf).await
}
