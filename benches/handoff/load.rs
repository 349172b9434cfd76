//! Load: `clients` keep-alive connections spread over `threads` single-threaded runtimes.

use crate::*;

/// Where the clients go; URLs parsed once, so the load generator spends less CPU per request.
#[derive(Clone)]
pub(crate) struct Target {
    pub(crate) healthz: reqwest::Url,
    /// `POST /auth/client-portal/handoff` on the portal listener.
    pub(crate) exchange: reqwest::Url,
    /// The portal listener, for the redirect to the last step.
    pub(crate) base: String,
    /// The vanity domain, sent as `Host`.
    pub(crate) domain: String,
    /// The canonical origin, sent as `Origin`: the vanity host takes tokens from there only.
    pub(crate) origin: String,
    pub(crate) handoff: Addr<Handoff>,
}

impl Target {
    pub(crate) fn new(server: &Server) -> anyhow::Result<Target> {
        Ok(Target {
            healthz: format!("http://127.0.0.1:{}/healthz", server.admin_port).parse()?,
            exchange: format!(
                "http://127.0.0.1:{}/auth/client-portal/handoff",
                server.port
            )
            .parse()?,
            base: format!("http://127.0.0.1:{}", server.port),
            domain: server.booted.domain.clone(),
            origin: format!("http://{CANONICAL}"),
            handoff: server.booted.handoff.clone(),
        })
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Work {
    /// GET /healthz on the admin listener.
    Healthz,
    /// IssueOtt to the actor, then the POST binding on the vanity host (POST, then the last step).
    Handoff,
}

/// Which latency of a cycle.
#[derive(Clone, Copy)]
pub(crate) enum Part {
    Whole,
    Issue,
    Exchange,
}

/// One successful cycle.
#[derive(Clone, Copy)]
pub(crate) struct Sample {
    pub(crate) sent: Instant,
    pub(crate) done: Instant,
    /// Time from sending the HTTP request to its full answer (for /healthz: the whole cycle).
    pub(crate) exchange: Duration,
}

#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) samples: Vec<Sample>,
    pub(crate) unexpected: u64,
    pub(crate) errors: u64,
    pub(crate) first_problem: Option<String>,
}

impl Tally {
    pub(crate) fn merge(&mut self, other: Tally) {
        self.samples.extend(other.samples);
        self.unexpected += other.unexpected;
        self.errors += other.errors;
        if self.first_problem.is_none() {
            self.first_problem = other.first_problem;
        }
    }

    pub(crate) fn problem(&mut self, what: String) {
        if self.first_problem.is_none() {
            self.first_problem = Some(what);
        }
    }
}

/// Sorted latencies of the samples kept.
pub(crate) struct Stats {
    pub(crate) whole: Vec<Duration>,
    pub(crate) issue: Vec<Duration>,
    pub(crate) exchange: Vec<Duration>,
    pub(crate) unexpected: u64,
    pub(crate) errors: u64,
    pub(crate) first_problem: Option<String>,
}

impl Stats {
    pub(crate) fn from(tally: Tally, keep: impl Fn(&Sample) -> bool) -> Stats {
        let kept: Vec<Sample> = tally.samples.into_iter().filter(|s| keep(s)).collect();
        let sorted = |f: fn(&Sample) -> Duration| {
            let mut v: Vec<Duration> = kept.iter().map(f).collect();
            v.sort_unstable();
            v
        };
        Stats {
            whole: sorted(|s| s.done - s.sent),
            issue: sorted(|s| (s.done - s.sent).saturating_sub(s.exchange)),
            exchange: sorted(|s| s.exchange),
            unexpected: tally.unexpected,
            errors: tally.errors,
            first_problem: tally.first_problem,
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.whole.len()
    }

    pub(crate) fn part(&self, part: Part) -> &[Duration] {
        match part {
            Part::Whole => &self.whole,
            Part::Issue => &self.issue,
            Part::Exchange => &self.exchange,
        }
    }

    /// The `p`-th percentile.
    pub(crate) fn pct(&self, part: Part, p: usize) -> Option<Duration> {
        percentile(self.part(part), p)
    }

    pub(crate) fn max(&self, part: Part) -> Option<Duration> {
        self.part(part).last().copied()
    }
}

/// Runs `work` for a warm-up and a window of `duration`; keeps the cycles done in the window.
pub(crate) fn run_window(
    work: Work,
    target: &Target,
    users: &[SessionUser],
    clients: usize,
    threads: usize,
    duration: Duration,
) -> anyhow::Result<Stats> {
    let mut load = Load::spawn(work, target, users, clients, threads, WARMUP + duration);
    load.ready();
    let t0 = load.go();
    let tally = load.join()?;
    let (from, until) = (t0 + WARMUP, t0 + WARMUP + duration);
    Ok(Stats::from(tally, |s| s.done >= from && s.done <= until))
}

/// Client threads: each prepares its clients (one warm-up request apiece, which changes
/// nothing), waits at `ready`, then at `go`, and runs until `limit` after the start or `stop`.
pub(crate) struct Load {
    pub(crate) ready: Arc<Barrier>,
    pub(crate) go: Arc<Barrier>,
    pub(crate) start: Arc<OnceLock<Instant>>,
    pub(crate) stop: Arc<AtomicBool>,
    pub(crate) handles: Vec<JoinHandle<anyhow::Result<Tally>>>,
    pub(crate) passed_ready: bool,
    pub(crate) passed_go: bool,
    pub(crate) work: Work,
}

impl Load {
    pub(crate) fn spawn(
        work: Work,
        target: &Target,
        users: &[SessionUser],
        clients: usize,
        threads: usize,
        limit: Duration,
    ) -> Load {
        let threads = threads.clamp(1, clients.max(1));
        let ready = Arc::new(Barrier::new(threads + 1));
        let go = Arc::new(Barrier::new(threads + 1));
        let start: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
        let stop = Arc::new(AtomicBool::new(false));
        let handles = (0..threads)
            .map(|t| {
                let mine: Vec<SessionUser> = (t..clients)
                    .step_by(threads)
                    .map(|i| users[i % users.len()].clone())
                    .collect();
                let (target, ready, go, start, stop) = (
                    target.clone(),
                    ready.clone(),
                    go.clone(),
                    start.clone(),
                    stop.clone(),
                );
                std::thread::spawn(move || -> anyhow::Result<Tally> {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    let prepared = match &rt {
                        Ok(rt) => rt.block_on(async {
                            join_all(mine.iter().map(|_| prepare(work, &target)))
                                .await
                                .into_iter()
                                .collect::<anyhow::Result<Vec<_>>>()
                        }),
                        Err(e) => Err(anyhow::anyhow!("cannot build a runtime: {e}")),
                    };
                    // Everyone waits, failed or not, so that no thread is left at a barrier.
                    ready.wait();
                    go.wait();
                    let t0 = *start.get().context("started without a start time")?;
                    let (rt, prepared) = (rt?, prepared?);
                    let until = t0 + limit;
                    let tallies =
                        rt.block_on(join_all(prepared.iter().zip(&mine).map(
                            |(client, user)| drive(work, client, &target, user, until, &stop),
                        )));
                    let mut tally = Tally::default();
                    for t in tallies {
                        tally.merge(t);
                    }
                    Ok(tally)
                })
            })
            .collect();
        Load {
            ready,
            go,
            start,
            stop,
            handles,
            passed_ready: false,
            passed_go: false,
            work,
        }
    }

    /// Returns once every client is prepared.
    pub(crate) fn ready(&mut self) {
        if !self.passed_ready {
            self.passed_ready = true;
            self.ready.wait();
        }
    }

    /// Lets the clients go; returns the start time.
    pub(crate) fn go(&mut self) -> Instant {
        self.ready();
        let t0 = *self.start.get_or_init(Instant::now);
        if !self.passed_go {
            self.passed_go = true;
            self.go.wait();
        }
        t0
    }

    /// Clients finish the cycle they are in and stop.
    pub(crate) fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    pub(crate) fn join(mut self) -> anyhow::Result<Tally> {
        if !self.passed_go {
            self.stop();
            self.go();
        }
        let mut tally = Tally::default();
        for h in std::mem::take(&mut self.handles) {
            let t = h
                .join()
                .map_err(|_| anyhow::anyhow!("a {:?} client thread panicked", self.work))??;
            tally.merge(t);
        }
        Ok(tally)
    }
}

/// A client with its connection open: `/healthz` once, or an exchange of a well-formed token
/// that was never issued (which must answer `400`, "expired or was already used", and writes
/// nothing).
pub(crate) async fn prepare(work: Work, target: &Target) -> anyhow::Result<reqwest::Client> {
    let client = client()?;
    match work {
        Work::Healthz => {
            let resp = client.get(target.healthz.clone()).send().await?;
            let status = resp.status();
            resp.bytes().await?;
            anyhow::ensure!(status == StatusCode::OK, "/healthz answered {status}");
        }
        Work::Handoff => {
            let (status, _, body) = exchange(&client, target, &"A".repeat(43)).await?;
            anyhow::ensure!(
                status == StatusCode::BAD_REQUEST && body.contains("expired or was already used"),
                "an exchange of an unknown token answered {status}: {body}"
            );
        }
    }
    Ok(client)
}

pub(crate) async fn drive(
    work: Work,
    client: &reqwest::Client,
    target: &Target,
    user: &SessionUser,
    until: Instant,
    stop: &AtomicBool,
) -> Tally {
    let mut tally = Tally::default();
    for _ in 0..MAX_REQUESTS_PER_CLIENT {
        let sent = Instant::now();
        if sent >= until || stop.load(Ordering::Relaxed) {
            break;
        }
        let outcome = match work {
            Work::Healthz => healthz_once(client, target).await,
            Work::Handoff => handoff_once(client, target, user).await,
        };
        let done = Instant::now();
        match outcome {
            Ok(Ok(exchange)) => tally.samples.push(Sample {
                sent,
                done,
                exchange: exchange.unwrap_or(done - sent),
            }),
            Ok(Err(unexpected)) => {
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

/// `Ok(Ok(exchange time))` on success, `Ok(Err(why))` on a wrong answer.
pub(crate) type Outcome = anyhow::Result<Result<Option<Duration>, String>>;

pub(crate) async fn healthz_once(client: &reqwest::Client, target: &Target) -> Outcome {
    let resp = client.get(target.healthz.clone()).send().await?;
    let status = resp.status();
    resp.bytes().await?;
    Ok(if status == StatusCode::OK {
        Ok(None)
    } else {
        Err(format!("/healthz answered {status}"))
    })
}

/// One handoff: a token from the actor, exchanged over HTTP for a session on the vanity host.
pub(crate) async fn handoff_once(
    client: &reqwest::Client,
    target: &Target,
    user: &SessionUser,
) -> Outcome {
    let issued = tokio::time::timeout(
        REQUEST_TIMEOUT,
        target.handoff.send(IssueOtt {
            user: user.clone(),
            domain: target.domain.clone(),
            return_path: RETURN_PATH.to_owned(),
            auth_method: "password".to_owned(),
        }),
    )
    .await
    .context("IssueOtt timed out")?
    .context("the handoff actor did not answer IssueOtt")?
    .context("IssueOtt failed")?;
    let sent = Instant::now();
    let (status, session, body) = exchange(client, target, &issued.token).await?;
    let took = sent.elapsed();
    Ok(if status == StatusCode::SEE_OTHER && session {
        Ok(Some(took))
    } else {
        Err(format!(
            "the exchange answered {status} (session cookie: {session}): {body}"
        ))
    })
}

/// What a browser does with the canonical page's form: POSTs `ott=token` on the vanity host
/// from the canonical origin, then follows the redirect to the last step with the half-done
/// cookie. The last answer's status, whether it set a session cookie, and its body (or the
/// POST's, when that did not redirect).
pub(crate) async fn exchange(
    client: &reqwest::Client,
    target: &Target,
    token: &str,
) -> anyhow::Result<(StatusCode, bool, String)> {
    // Tokens are base64url, the return path is encoded by hand: nothing else to escape.
    let resp = client
        .post(target.exchange.clone())
        .header(HOST, &target.domain)
        .header(ORIGIN, &target.origin)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "ott={token}&returnPath=%2Fclient-portal%2Fdashboard"
        ))
        .send()
        .await?;
    let status = resp.status();
    let next = resp
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let pending = cookie_value(&resp, HANDOFF_COOKIE);
    let body = resp.text().await?;
    let (Some(next), Some(pending), StatusCode::SEE_OTHER) = (next, pending, status) else {
        return Ok((status, false, body));
    };
    let resp = client
        .get(format!("{}{next}", target.base))
        .header(HOST, &target.domain)
        .header(COOKIE, format!("{HANDOFF_COOKIE}={pending}"))
        .send()
        .await?;
    let status = resp.status();
    let session = cookie_value(&resp, SESSION_COOKIE).is_some();
    let body = resp.text().await?;
    Ok((status, session, body))
}
