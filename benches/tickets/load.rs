//! The real server on a seeded database, the bench users' sessions, and HTTP load: `clients`
//! keep-alive connections spread over `threads` single-threaded runtimes, every answer checked.

use std::sync::{Arc, Barrier, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use futures_util::future::join_all;
use portal::http::cookies::SESSION_COOKIE;
use portal::Application;
use portal_actors::{Db, SharedClock};
use reqwest::header::COOKIE;
use reqwest::StatusCode;

use crate::common::http::{client, fetch_csrf, post_sign_in, Credentials};
use crate::common::server;
pub use crate::common::tally::Tally;
use crate::seed::PASSWORD;

/// Not measured: spawns the tenants' data actors, fills caches and connection pools.
pub const WARMUP: Duration = Duration::from_secs(2);
/// Upper bound of requests one client sends in one phase (also bounds the latency vectors).
const MAX_REQUESTS_PER_CLIENT: usize = 2_000_000;

// ---------------------------------------------------------------------------------------------
// The server: its own thread with an actix System.

/// The portal on the (seeded, migrated) database at `url`, on port 0.
pub type Server = server::Server<()>;

/// Boots the portal on `url` with `workers` HTTP workers.
pub fn start(url: String, workers: usize) -> anyhow::Result<Server> {
    Server::start(move || boot(url, workers))
}

async fn boot(url: String, workers: usize) -> anyhow::Result<(Application, ())> {
    let settings = server::settings(&url, workers)?;
    let db = Db::connect(&url, settings.database.max_connections).await?;
    let app = Application::build_with_db(settings, db, SharedClock::system(), false).await?;
    Ok((app, ()))
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
    Tally::join(handles, "a client thread panicked")
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
        tally
            .record(outcome, sent, Instant::now(), (from, until))
            .await;
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
