//! The real server on a seeded database, the bench users' sessions, and HTTP load: `clients`
//! keep-alive connections spread over `threads` single-threaded runtimes, every answer checked.

use std::sync::{mpsc, Arc, Barrier, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use futures_util::future::join_all;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use portal::config::Settings;
use portal::http::cookies::{CSRF_COOKIE, SESSION_COOKIE};
use portal::Application;
use portal_actors::{Db, SharedClock};
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use reqwest::StatusCode;
use secrecy::SecretString;

use crate::seed::PASSWORD;

const ADMIN_TOKEN: &str = "bench-admin-token-0123456789abcdef";
/// Not measured: spawns the tenants' data actors, fills caches and connection pools.
pub const WARMUP: Duration = Duration::from_secs(2);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const STARTUP_TIMEOUT: Duration = Duration::from_secs(120);
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(15);
/// Upper bound of requests one client sends in one phase (also bounds the latency vectors).
const MAX_REQUESTS_PER_CLIENT: usize = 2_000_000;
/// Pause after a transport error, so a dead server does not turn into a busy loop.
const ERROR_BACKOFF: Duration = Duration::from_millis(10);
/// Distinct problems kept per phase, to print.
const PROBLEMS_KEPT: usize = 3;

// ---------------------------------------------------------------------------------------------
// The server: its own thread with an actix System.

pub struct Server {
    pub port: u16,
    pub admin_port: u16,
    system: actix_rt::System,
    stopped: mpsc::Receiver<()>,
    thread: JoinHandle<()>,
}

type Booted = (u16, u16, actix_rt::System);

impl Server {
    /// Boots the portal on the (seeded, migrated) database at `url`, on port 0.
    pub fn start(url: String, workers: usize) -> anyhow::Result<Server> {
        let (booted_tx, booted_rx) = mpsc::channel::<anyhow::Result<Booted>>();
        let (stopped_tx, stopped) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("portal-system".into())
            .spawn(move || {
                let sys = actix_rt::System::new();
                let booted = sys.block_on(async move {
                    let app = boot(&url, workers).await?;
                    let (port, admin_port) = (app.port(), app.admin_port());
                    actix_rt::spawn(async move {
                        if let Err(e) = app.run_until_stopped().await {
                            eprintln!("portal server stopped with an error: {e}");
                        }
                    });
                    Ok((port, admin_port, actix_rt::System::current()))
                });
                let ok = booted.is_ok();
                let _ = booted_tx.send(booted);
                if ok {
                    let _ = sys.run();
                }
                let _ = stopped_tx.send(());
            })
            .context("cannot start the server thread")?;
        let (port, admin_port, system) = booted_rx
            .recv_timeout(STARTUP_TIMEOUT)
            .context("the portal did not start in time")??;
        Ok(Server {
            port,
            admin_port,
            system,
            stopped,
            thread,
        })
    }

    /// Stops the actix System; waits a bounded time for its thread.
    pub fn stop(self) {
        self.system.stop();
        if self.stopped.recv_timeout(SHUTDOWN_TIMEOUT).is_ok() {
            let _ = self.thread.join();
        } else {
            eprintln!("the portal did not stop within {SHUTDOWN_TIMEOUT:?}; going on anyway");
        }
    }
}

async fn boot(url: &str, workers: usize) -> anyhow::Result<Application> {
    let mut settings = Settings::default();
    settings.server.bind = "127.0.0.1:0".parse()?;
    settings.server.admin_bind = "127.0.0.1:0".parse()?;
    settings.server.workers = workers;
    settings.server.hashing_threads = 0;
    settings.database.url = SecretString::from(url.to_owned());
    settings.admin.token = Some(SecretString::from(ADMIN_TOKEN));
    settings.security.encryption_key = Some(SecretString::from(
        portal_actors::secret_box::SecretBox::generate_key(),
    ));
    let db = Db::connect(url, settings.database.max_connections).await?;
    Application::build_with_db(settings, db, SharedClock::system(), false).await
}

// ---------------------------------------------------------------------------------------------
// Sessions: one sign-in per bench user (one per tenant), over HTTP like a browser.

/// A signed-in bench user: the index of their tenant and their session cookie's value.
#[derive(Clone)]
pub struct Session {
    pub tenant: usize,
    pub cookie: String,
}

/// Signs in every `(slug, email)` in turn; bounded by the request timeouts.
pub fn sign_in_all(port: u16, users: &[(String, String)]) -> anyhow::Result<Vec<Session>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let client = client()?;
        let origin = format!("http://127.0.0.1:{port}");
        let mut sessions = Vec::with_capacity(users.len());
        for (tenant, (slug, email)) in users.iter().enumerate() {
            let cookie = sign_in(&client, &origin, slug, email)
                .await
                .with_context(|| format!("signing in {email} at {slug}"))?;
            sessions.push(Session { tenant, cookie });
        }
        Ok(sessions)
    })
}

fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(REQUEST_TIMEOUT)
        .build()
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

fn enc(value: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(value, NON_ALPHANUMERIC)
}

/// GETs the tenant's sign-in form for its CSRF cookie, POSTs the password; the session cookie.
async fn sign_in(
    client: &reqwest::Client,
    origin: &str,
    slug: &str,
    email: &str,
) -> anyhow::Result<String> {
    let resp = client
        .get(format!("{origin}/auth/client-portal/signin?tenant={slug}"))
        .send()
        .await?;
    let status = resp.status();
    let csrf = set_cookie(&resp, CSRF_COOKIE);
    resp.bytes().await?;
    anyhow::ensure!(
        status == StatusCode::OK,
        "the sign-in form answered {status}"
    );
    let csrf = csrf.context("the sign-in form set no CSRF cookie")?;
    let body = format!(
        "email={}&password={}&csrf_token={}&tenant={}",
        enc(email),
        enc(PASSWORD),
        enc(&csrf),
        enc(slug)
    );
    let resp = client
        .post(format!("{origin}/auth/client-portal/signin"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, format!("{CSRF_COOKIE}={csrf}"))
        .header(ORIGIN, origin)
        .body(body)
        .send()
        .await?;
    let status = resp.status();
    let session = set_cookie(&resp, SESSION_COOKIE);
    resp.bytes().await?;
    session
        .filter(|_| status == StatusCode::SEE_OTHER)
        .with_context(|| format!("the sign-in answered {status} without a session"))
}

// ---------------------------------------------------------------------------------------------
// Load phases.

/// What one phase requests.
#[derive(Clone)]
pub enum Work {
    /// `GET /healthz` on the admin listener.
    Healthz,
    /// A signed-in page of the main listener; the answer must be 200 and contain, for the
    /// session's tenant, every string of `expected[tenant]` (the ticket numbers of that page).
    Page {
        path: String,
        expected: Arc<Vec<Vec<String>>>,
    },
}

#[derive(Default)]
pub struct Tally {
    pub ok: u64,
    pub unexpected: u64,
    pub errors: u64,
    pub latencies: Vec<Duration>,
    pub problems: Vec<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.ok += other.ok;
        self.unexpected += other.unexpected;
        self.errors += other.errors;
        self.latencies.extend(other.latencies);
        for p in other.problems {
            self.problem(p);
        }
    }

    fn problem(&mut self, what: String) {
        if self.problems.len() < PROBLEMS_KEPT && !self.problems.contains(&what) {
            self.problems.push(what);
        }
    }

    /// The `p`-th percentile of the counted requests' latencies (sorted by `run_phase`).
    pub fn percentile(&self, p: usize) -> Option<Duration> {
        let n = self.latencies.len();
        (n > 0).then(|| self.latencies[(n * p / 100).min(n - 1)])
    }
}

/// Runs `clients` clients doing `work` (client `i` cycling through the sessions `i`,
/// `i + clients`, …): all start together, a warm-up, then a window of `duration` in which
/// completed, checked requests are counted and timed.
pub fn run_phase(
    work: &Work,
    origin: &str,
    healthz: &str,
    sessions: &[Session],
    clients: usize,
    threads: usize,
    duration: Duration,
) -> anyhow::Result<Tally> {
    anyhow::ensure!(!sessions.is_empty(), "no sessions");
    let threads = threads.clamp(1, clients.max(1));
    let barrier = Arc::new(Barrier::new(threads));
    let start: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let mine: Vec<Vec<Session>> = (t..clients)
                .step_by(threads)
                .map(|c| {
                    let own: Vec<Session> =
                        sessions.iter().skip(c).step_by(clients).cloned().collect();
                    if own.is_empty() {
                        vec![sessions[c % sessions.len()].clone()]
                    } else {
                        own
                    }
                })
                .collect();
            let (work, barrier, start) = (work.clone(), barrier.clone(), start.clone());
            let url = match &work {
                Work::Healthz => healthz.to_owned(),
                Work::Page { path, .. } => format!("{origin}{path}"),
            };
            std::thread::spawn(move || -> anyhow::Result<Tally> {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                let url = url.parse::<reqwest::Url>();
                // Everyone waits, failed or not, so that no thread is left at the barrier.
                barrier.wait();
                let t0 = *start.get_or_init(Instant::now);
                let (rt, url) = (rt?, url?);
                let window = (t0 + WARMUP, t0 + WARMUP + duration);
                let tallies = rt.block_on(join_all(
                    mine.iter().map(|own| measure(&work, &url, own, window)),
                ));
                let mut tally = Tally::default();
                for t in tallies {
                    tally.merge(t?);
                }
                Ok(tally)
            })
        })
        .collect();
    let mut tally = Tally::default();
    for h in handles {
        let t = h
            .join()
            .map_err(|_| anyhow::anyhow!("a client thread panicked"))??;
        tally.merge(t);
    }
    tally.latencies.sort_unstable();
    Ok(tally)
}

async fn measure(
    work: &Work,
    url: &reqwest::Url,
    sessions: &[Session],
    (from, until): (Instant, Instant),
) -> anyhow::Result<Tally> {
    let client = client()?;
    let mut tally = Tally::default();
    for i in 0..MAX_REQUESTS_PER_CLIENT {
        let sent = Instant::now();
        if sent >= until {
            break;
        }
        let session = &sessions[i % sessions.len()];
        let outcome = once(work, &client, url, session).await;
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
    Ok(tally)
}

/// One request; `Ok(None)` when the answer is right, `Ok(Some(why))` when it is not.
async fn once(
    work: &Work,
    client: &reqwest::Client,
    url: &reqwest::Url,
    session: &Session,
) -> anyhow::Result<Option<String>> {
    Ok(match work {
        Work::Healthz => {
            let resp = client.get(url.clone()).send().await?;
            let status = resp.status();
            resp.bytes().await?;
            (status != StatusCode::OK).then(|| format!("/healthz answered {status}"))
        }
        Work::Page { path, expected } => {
            let resp = client
                .get(url.clone())
                .header(COOKIE, format!("{SESSION_COOKIE}={}", session.cookie))
                .send()
                .await?;
            let status = resp.status();
            let body = resp.bytes().await?;
            if status != StatusCode::OK {
                return Ok(Some(format!("{path} answered {status}")));
            }
            let body = String::from_utf8_lossy(&body);
            let want = expected
                .get(session.tenant)
                .map(Vec::as_slice)
                .unwrap_or_default();
            want.iter().find(|n| !body.contains(n.as_str())).map(|n| {
                format!(
                    "{path} (tenant #{}) lacks ticket {n} ({} bytes)",
                    session.tenant,
                    body.len()
                )
            })
        }
    })
}
