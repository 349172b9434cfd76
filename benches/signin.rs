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

use std::path::PathBuf;
use std::sync::{mpsc, Arc, Barrier, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use futures_util::future::join_all;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use portal::config::Settings;
use portal::http::cookies::{CSRF_COOKIE, SESSION_COOKIE};
use portal::Application;
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::model::{Email, UserType};
use portal_actors::store::{tenants, users};
use portal_actors::{Db, SharedClock};
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use reqwest::StatusCode;
use secrecy::SecretString;

/// Every bench user's password (they all share one hash, as the salt makes no difference here).
const PASSWORD: &str = "correct horse battery staple 42";
const ADMIN_TOKEN: &str = "bench-admin-token-0123456789abcdef";
/// Not measured: lets caches, connections and the SQLite WAL settle.
const WARMUP: Duration = Duration::from_secs(1);
const DEFAULT_SECONDS: u64 = 5;
/// Longest accepted `PORTAL_BENCH_SECONDS`.
const MAX_SECONDS: u64 = 600;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const STARTUP_TIMEOUT: Duration = Duration::from_secs(120);
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(15);
/// Upper bound of requests one client sends in one phase (also bounds the latency vectors).
const MAX_REQUESTS_PER_CLIENT: usize = 2_000_000;
/// Pause after a transport error, so a dead server does not turn into a busy loop.
const ERROR_BACKOFF: Duration = Duration::from_millis(10);
const TARGET_RATIO: f64 = 0.90;

fn main() -> anyhow::Result<()> {
    let seconds = match std::env::var("PORTAL_BENCH_SECONDS") {
        Ok(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| (1..=MAX_SECONDS).contains(s))
            .with_context(|| {
                format!("PORTAL_BENCH_SECONDS must be a whole number of seconds in 1..={MAX_SECONDS}, not `{v}`")
            })?,
        Err(_) => DEFAULT_SECONDS,
    };
    let duration = Duration::from_secs(seconds);
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let clients = 2 * cores;

    let dir = tempfile::tempdir().context("cannot create a temp dir")?;
    let server = Server::start(dir.path().join("portal.db"), cores, clients)?;
    let target = Target::new(server.port, server.admin_port, &server.slug)?;
    println!(
        "portal sign-in benchmark: {cores} cores, {cores} HTTP workers, {cores} hashing threads, \
         {clients} clients, {seconds} s windows after {} s warm-up",
        WARMUP.as_secs()
    );

    let result = run(&target, &server.emails, cores, clients, duration);
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
                tally.first_problem.as_deref().unwrap_or("-"),
            );
        }
    }
    Ok(())
}

fn ms(d: Option<Duration>) -> String {
    match d {
        Some(d) => format!("{:.2} ms", d.as_secs_f64() * 1e3),
        None => "-".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// The server: its own thread with an actix System, a migrated SQLite database, one tenant and
// one client user per bench client.

struct Server {
    port: u16,
    admin_port: u16,
    slug: String,
    emails: Vec<String>,
    system: actix_rt::System,
    stopped: mpsc::Receiver<()>,
    thread: JoinHandle<()>,
}

type Booted = (u16, u16, String, Vec<String>, actix_rt::System);

impl Server {
    fn start(db_path: PathBuf, workers: usize, users: usize) -> anyhow::Result<Server> {
        let (booted_tx, booted_rx) = mpsc::channel::<anyhow::Result<Booted>>();
        let (stopped_tx, stopped) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("portal-system".into())
            .spawn(move || {
                let sys = actix_rt::System::new();
                let booted = sys.block_on(async move {
                    let (app, slug, emails) = boot(db_path, workers, users).await?;
                    let (port, admin_port) = (app.port(), app.admin_port());
                    actix_rt::spawn(async move {
                        if let Err(e) = app.run_until_stopped().await {
                            eprintln!("portal server stopped with an error: {e}");
                        }
                    });
                    Ok((port, admin_port, slug, emails, actix_rt::System::current()))
                });
                let ok = booted.is_ok();
                let _ = booted_tx.send(booted);
                if ok {
                    let _ = sys.run();
                }
                let _ = stopped_tx.send(());
            })
            .context("cannot start the server thread")?;
        let (port, admin_port, slug, emails, system) =
            booted_rx
                .recv_timeout(STARTUP_TIMEOUT)
                .context("the portal did not start in time")??;
        Ok(Server {
            port,
            admin_port,
            slug,
            emails,
            system,
            stopped,
            thread,
        })
    }

    /// Stops the actix System; waits a bounded time for its thread.
    fn stop(self) {
        self.system.stop();
        if self.stopped.recv_timeout(SHUTDOWN_TIMEOUT).is_ok() {
            let _ = self.thread.join();
        } else {
            eprintln!("the portal did not stop within {SHUTDOWN_TIMEOUT:?}; exiting anyway");
        }
    }
}

async fn boot(
    db_path: PathBuf,
    workers: usize,
    user_count: usize,
) -> anyhow::Result<(Application, String, Vec<String>)> {
    let url = format!("sqlite://{}", db_path.display());
    let mut settings = Settings::default();
    settings.server.bind = "127.0.0.1:0".parse()?;
    settings.server.admin_bind = "127.0.0.1:0".parse()?;
    settings.server.workers = workers;
    settings.server.hashing_threads = 0;
    settings.database.url = SecretString::from(url.clone());
    settings.admin.token = Some(SecretString::from(ADMIN_TOKEN));
    settings.security.encryption_key = Some(SecretString::from(
        portal_actors::secret_box::SecretBox::generate_key(),
    ));

    let db = Db::connect(&url, settings.database.max_connections).await?;
    db.migrate().await?;
    let clock = SharedClock::system();
    let now = clock.now();
    let tenant = tenants::create(
        &db,
        now,
        &tenants::NewTenant {
            name: "Bench MSP".into(),
            slug: None,
            host: None,
            primary_color: "#0b5563".into(),
            accent_color: "#e07a1f".into(),
            default_locale: "en".into(),
        },
    )
    .await?;
    let hash = hash_with(&current_params()?, PASSWORD)?;
    let client_id = users::find_or_create_client(&db, tenant.id, "Bench Co", now).await?;
    let mut emails = Vec::with_capacity(user_count);
    for i in 0..user_count {
        let email = Email::parse(&format!("user{i}@bench-co.example"))?;
        let contact = users::NewContact {
            client_id,
            full_name: format!("Bench User {i}"),
            email: email.clone(),
            phone: None,
            is_client_admin: false,
        };
        let contact_id = users::create_contact(&db, tenant.id, &contact, now).await?;
        let user = users::NewUser {
            email: email.clone(),
            user_type: UserType::Client,
            first_name: "Bench".into(),
            last_name: format!("User {i}"),
            contact_id: Some(contact_id),
            password_hash: Some(hash.clone()),
            is_inactive: false,
        };
        let user_id = users::create_user(&db, tenant.id, &user, now).await?;
        users::assign_role(&db, tenant.id, user_id, "User", true).await?;
        emails.push(email.as_str().to_owned());
    }
    let app = Application::build_with_db(settings, db, clock, false).await?;
    Ok((app, tenant.slug, emails))
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

#[derive(Default)]
struct Tally {
    ok: u64,
    unexpected: u64,
    errors: u64,
    latencies: Vec<Duration>,
    first_problem: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.ok += other.ok;
        self.unexpected += other.unexpected;
        self.errors += other.errors;
        self.latencies.extend(other.latencies);
        if self.first_problem.is_none() {
            self.first_problem = other.first_problem;
        }
    }

    fn problem(&mut self, what: String) {
        if self.first_problem.is_none() {
            self.first_problem = Some(what);
        }
    }

    /// The `p`-th percentile of the latencies of the counted requests (sorted by `run_phase`).
    fn percentile(&self, p: usize) -> Option<Duration> {
        let n = self.latencies.len();
        (n > 0).then(|| self.latencies[(n * p / 100).min(n - 1)])
    }
}

fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(REQUEST_TIMEOUT)
        .build()
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
    let mut tally = Tally::default();
    for h in handles {
        let t = h
            .join()
            .map_err(|_| anyhow::anyhow!("a {work:?} client thread panicked"))??;
        tally.merge(t);
    }
    tally.latencies.sort_unstable();
    Ok(tally)
}

async fn prepare(
    work: Work,
    target: &Target,
    email: &str,
) -> anyhow::Result<(reqwest::Client, Prepared)> {
    let client = client()?;
    let ready = match work {
        Work::SignIn => Prepared::Csrf(fetch_csrf(&client, target).await?),
        Work::Dashboard => {
            let csrf = fetch_csrf(&client, target).await?;
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
        let done = Instant::now();
        let counted = done >= from && done <= until;
        match outcome {
            Ok(None) if counted => {
                tally.ok += 1;
                tally.latencies.push(done - sent);
            }
            Ok(None) => {}
            Ok(Some(unexpected)) => {
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

/// The value of the cookie `name` set by this response.
fn set_cookie(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let value = v.strip_prefix(name)?.strip_prefix('=')?;
            Some(value.split(';').next().unwrap_or_default().to_owned())
        })
}

/// Loads the sign-in form for the tenant and returns its CSRF cookie.
async fn fetch_csrf(client: &reqwest::Client, target: &Target) -> anyhow::Result<String> {
    let resp = client.get(target.signin_form.clone()).send().await?;
    let status = resp.status();
    let csrf = set_cookie(&resp, CSRF_COOKIE);
    resp.bytes().await?;
    anyhow::ensure!(
        status == StatusCode::OK,
        "the sign-in form answered {status}"
    );
    csrf.context("the sign-in form set no CSRF cookie")
}

fn enc(value: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(value, NON_ALPHANUMERIC)
}

/// POSTs one password sign-in; returns the status and the session cookie, if one was set.
async fn sign_in(
    client: &reqwest::Client,
    target: &Target,
    email: &str,
    csrf: &str,
) -> anyhow::Result<(StatusCode, Option<String>)> {
    let body = format!(
        "email={}&password={}&csrf_token={}&tenant={}",
        enc(email),
        enc(PASSWORD),
        enc(csrf),
        enc(&target.slug)
    );
    let resp = client
        .post(target.signin.clone())
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, format!("{CSRF_COOKIE}={csrf}"))
        .header(ORIGIN, &target.origin)
        .body(body)
        .send()
        .await?;
    let status = resp.status();
    let session = set_cookie(&resp, SESSION_COOKIE);
    resp.bytes().await?;
    Ok((status, session))
}
