//! Measuring pages under load against `/healthz` in the same run: sign the bench users in,
//! print each page's size, then one window per page with `2 × cores` clients over `cores`
//! single-threaded runtimes. Every answer must be 200 and contain what the page must show;
//! anything else is counted and printed. Used by the projects and billing benches.

use std::sync::{Arc, Barrier, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use futures_util::future::join_all;
use portal::http::cookies::SESSION_COOKIE;
use reqwest::header::COOKIE;
use reqwest::StatusCode;

use super::http::{client, fetch_csrf, post_sign_in, Credentials};
use super::numbers::ms;
use super::tally::Tally;

/// Before each window, so connections and caches are warm.
pub const WARMUP: Duration = Duration::from_secs(1);
/// Upper bound of requests one client sends in one phase (also bounds the latency vectors).
const MAX_REQUESTS_PER_CLIENT: usize = 2_000_000;

/// How long each window lasts and how many clients load it.
pub struct LoadConfig {
    pub window: Duration,
    pub cores: usize,
    pub clients: usize,
}

/// The running portal and who signs in to it.
pub struct Target<'a> {
    pub port: u16,
    pub admin_port: u16,
    pub slug: &'a str,
    pub emails: &'a [String],
    pub password: &'a str,
}

/// A page's path and its size in bytes.
pub type PageSize = (String, usize);

/// One measured page or baseline.
pub struct Phase {
    pub label: String,
    pub tally: Tally,
}

/// Runs `run` on a fresh SQLite file, then on a database of a private PostgreSQL cluster
/// started with `pg` (or prints why that half was skipped); the reports of what ran.
pub fn each_backend<R>(
    pg: &portal_test_support::pg::ClusterOptions,
    mut run: impl FnMut(&'static str, String) -> anyhow::Result<R>,
) -> anyhow::Result<Vec<R>> {
    let mut reports = Vec::new();
    let dir = tempfile::tempdir().context("cannot create a temp dir")?;
    let sqlite_url = format!("sqlite://{}", dir.path().join("portal.db").display());
    reports.push(run("SQLite", sqlite_url)?);
    drop(dir);
    match portal_test_support::pg::Cluster::start(pg) {
        Ok(Some(cluster)) => {
            let url = runtime()?.block_on(cluster.new_database("bench"))?;
            reports.push(run("PostgreSQL", url)?);
            drop(cluster);
        }
        Ok(None) => println!(
            "\n!!!!! SKIPPED: postgresql missing (no initdb/pg_ctl; Debian package postgresql) !!!!!"
        ),
        Err(e) => println!("\n!!!!! SKIPPED: postgresql did not start: {e:#} !!!!!"),
    }
    Ok(reports)
}

/// Wrong or failed answers over every phase.
pub fn wrong_answers<'a>(phases: impl IntoIterator<Item = &'a Phase>) -> u64 {
    phases
        .into_iter()
        .map(|p| p.tally.unexpected + p.tally.errors)
        .sum()
}

/// A single-threaded Tokio runtime with I/O and time.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// GETs the tenant's sign-in form for its CSRF cookie, POSTs the password; the session cookie.
pub async fn sign_in(
    client: &reqwest::Client,
    origin: &str,
    slug: &str,
    email: &str,
    password: &str,
) -> anyhow::Result<String> {
    let csrf = fetch_csrf(
        client,
        format!("{origin}/auth/client-portal/signin?tenant={slug}"),
    )
    .await?;
    let who = Credentials {
        slug,
        email,
        password,
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

/// Signs `emails` in on `slug` with `password`, prints each page's size, then measures
/// `/healthz` (admin listener), each of `pages` (a path and what its answer must contain), and
/// `/healthz` again, each phase in its own window.
pub fn measure(
    target: &Target<'_>,
    pages: Vec<(String, Vec<String>)>,
    config: &LoadConfig,
) -> anyhow::Result<(Vec<PageSize>, Vec<Phase>)> {
    let origin = format!("http://127.0.0.1:{}", target.port);
    let (sessions, sizes) = runtime()?.block_on(async {
        let http = client()?;
        let mut sessions = Vec::new();
        for email in target.emails {
            let cookie = sign_in(&http, &origin, target.slug, email, target.password)
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
        url: format!("http://127.0.0.1:{}/healthz", target.admin_port),
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
fn run_phase(
    work: &Work,
    sessions: &Arc<Vec<String>>,
    config: &LoadConfig,
) -> anyhow::Result<Tally> {
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

/// Requests per second of a phase's window.
pub fn rate(tally: &Tally, window: Duration) -> f64 {
    tally.ok as f64 / window.as_secs_f64()
}

/// The baseline: the mean rate of the `/healthz` windows (this machine drifts between windows).
pub fn baseline(phases: &[Phase], window: Duration) -> f64 {
    let rates: Vec<f64> = phases
        .iter()
        .filter(|p| p.label.starts_with("GET /healthz"))
        .map(|p| rate(&p.tally, window))
        .collect();
    rates.iter().sum::<f64>() / rates.len().max(1) as f64
}

/// The phases of one backend: req/s, p50/p99, the ratio to `/healthz` and wrong answers.
pub fn print_phases(backend: &str, phases: &[Phase], config: &LoadConfig) {
    let base = baseline(phases, config.window);
    println!(
        "\n{} results ({} clients, {} s windows):",
        backend,
        config.clients,
        config.window.as_secs()
    );
    println!(
        "  {:<44} {:>9} {:>10} {:>10} {:>8} {:>6}",
        "", "req/s", "p50", "p99", "ratio", "wrong"
    );
    for p in phases {
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

/// One line per client page: req/s, p50/p99, the ratio to `/healthz`, its size, wrong answers.
pub fn print_page_summary(phases: &[Phase], sizes: &[PageSize], config: &LoadConfig) {
    let base = baseline(phases, config.window);
    for p in phases.iter().filter(|p| p.label.starts_with("GET /client")) {
        let rate = rate(&p.tally, config.window);
        let path = p.label.trim_start_matches("GET ");
        let bytes = sizes
            .iter()
            .find(|(sized, _)| sized == path)
            .map_or(0, |(_, b)| *b);
        println!(
            "  {path:<44} {rate:>8.1} req/s  p50 {:>10}  p99 {:>10}  ratio {:.3}  {bytes} bytes  \
             wrong {}",
            ms(p.tally.percentile(50)),
            ms(p.tally.percentile(99)),
            rate / base,
            p.tally.unexpected + p.tally.errors
        );
    }
}
