//! `Mailer`: delivers the outbox. Polls for due messages every `poll_interval` and whenever it is
//! kicked (`DeliverNow`, sent right after an email is queued), claims each message with one
//! compare-and-set UPDATE (so several instances on one database never send one twice), and
//! sends it over SMTP (lettre) or, without an SMTP server, writes it as an `.eml` file into a
//! mailbox folder. A failed attempt is retried after `retry_base * 2^(attempts-1)` (capped at
//! an hour); after `max_attempts` the message is marked failed.

mod messages;
pub mod retention;

pub use messages::*;
pub use retention::SweepMailRetention;

use crate::clock::TimeArith;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix::{AsyncContext, Context, Handler, ResponseFuture};
use chrono::{DateTime, Duration, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::clock::SharedClock;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::store::outbox::{self as store, PendingMessage};
use crate::supervision::{spawn_periodic, supervised_actor, PeriodicOutcome, PortalActor};

pub const ACTOR_NAME: &str = "mailer";
/// Messages claimed per query; a run keeps going until nothing is due.
pub const BATCH: i64 = 50;
/// How long a claimed message is reserved for the instance sending it.
pub const CLAIM_LEASE_SECONDS: i64 = 300;
/// The longest wait between two attempts.
pub const MAX_RETRY_DELAY_SECONDS: i64 = 3_600;
/// How long one SMTP conversation may take.
pub const SMTP_TIMEOUT: StdDuration = StdDuration::from_secs(30);
/// Longest error text kept with a message.
const MAX_ERROR_LEN: usize = 500;

/// Where messages go.
#[derive(Clone)]
pub enum Delivery {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `.eml` file per message in this folder (the demo's local mailbox).
    Mailbox(PathBuf),
}

impl Delivery {
    /// SMTP when a URL is set: `smtps://` is TLS from the start, `smtp://` upgrades with STARTTLS
    /// when the server offers it (plain on loopback, where there is nothing to protect);
    /// `user:password@` are the credentials. Without a URL: the mailbox folder.
    pub fn from_settings(
        smtp_url: Option<&str>,
        mailbox_dir: PathBuf,
    ) -> Result<Self, MailerError> {
        let Some(url) = smtp_url else {
            return Ok(Delivery::Mailbox(mailbox_dir));
        };
        let bad = |e: &dyn std::fmt::Display| MailerError::SmtpUrl(e.to_string());
        let parsed = url::Url::parse(url).map_err(|e| bad(&e))?;
        let host = parsed.host_str().unwrap_or_default().to_owned();
        let explicit_tls = parsed.query_pairs().any(|(k, _)| k == "tls");
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| bad(&e))?
            .timeout(Some(SMTP_TIMEOUT));
        if parsed.scheme() == "smtp" && !explicit_tls && !is_loopback(&host) {
            let params = TlsParameters::new(host).map_err(|e| bad(&e))?;
            builder = builder.tls(Tls::Opportunistic(params));
        }
        Ok(Delivery::Smtp(builder.build()))
    }
}

fn is_loopback(host: &str) -> bool {
    let trimmed = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || trimmed
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The delivery settings.
#[derive(Clone)]
pub struct MailerConfig {
    pub delivery: Delivery,
    pub from: Mailbox,
    pub max_attempts: u32,
    pub retry_base: Duration,
    pub poll_interval: StdDuration,
    /// Sent and failed messages older than this many days are deleted (0: kept forever).
    pub retention_days: u32,
}

impl MailerConfig {
    pub fn parse_from(from: &str) -> Result<Mailbox, MailerError> {
        from.parse::<Mailbox>()
            .map_err(|_| MailerError::From(from.to_owned()))
    }
}

/// The state the actor shares with the runs it spawns.
#[derive(Clone)]
struct MailerCore {
    db: Db,
    clock: SharedClock,
    config: MailerConfig,
    metrics: Metrics,
    registry: ActorRegistry,
    /// Set while a run is under way; a kick meanwhile sets `again` instead of starting another.
    running: Arc<AtomicBool>,
    again: Arc<AtomicBool>,
}

pub struct Mailer {
    core: MailerCore,
}

impl Mailer {
    pub fn new(
        db: Db,
        clock: SharedClock,
        config: MailerConfig,
        metrics: Metrics,
        registry: ActorRegistry,
    ) -> Self {
        Self {
            core: MailerCore {
                db,
                clock,
                config,
                metrics,
                registry,
                running: Arc::default(),
                again: Arc::default(),
            },
        }
    }
}

/// `retry_base * 2^(attempts-1)`, at most an hour.
pub fn retry_delay(retry_base: Duration, attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let seconds = retry_base
        .num_seconds()
        .max(1)
        .saturating_mul(1_i64 << exponent);
    Duration::seconds(seconds.min(MAX_RETRY_DELAY_SECONDS))
}

impl MailerCore {
    /// Runs unless a run is under way (which then runs once more); loops while kicked meanwhile.
    async fn run_once_or_flag(&self) {
        if self.running.swap(true, Ordering::AcqRel) {
            self.again.store(true, Ordering::Release);
            return;
        }
        loop {
            self.again.store(false, Ordering::Release);
            if let Err(e) = self.deliver_due().await {
                tracing::warn!(error = %e, "outbox delivery run failed");
                self.registry.error(ACTOR_NAME, e.to_string());
            }
            if !self.again.swap(false, Ordering::AcqRel) {
                break;
            }
        }
        self.running.store(false, Ordering::Release);
    }

    /// Delivers every message due now; returns what happened.
    async fn deliver_due(&self) -> Result<DeliveryReport, MailerError> {
        let mut report = DeliveryReport::default();
        loop {
            let now = self.clock.now();
            let due = store::due(&self.db, now, BATCH).await?;
            let fetched = due.len();
            let mut progressed = false;
            for msg in due {
                let now = self.clock.now();
                let lease = now.plus(Duration::seconds(CLAIM_LEASE_SECONDS));
                if !store::claim(&self.db, &msg, now, lease).await? {
                    report.skipped = report.skipped.saturating_add(1);
                    continue;
                }
                progressed = true;
                self.deliver_claimed(&msg, &mut report).await?;
            }
            if fetched < BATCH as usize || !progressed {
                break;
            }
        }
        self.update_backlog().await?;
        self.registry.periodic(
            ACTOR_NAME,
            self.clock.now(),
            format!(
                "sent {}, retry {}, failed {}",
                report.sent, report.retry, report.failed
            ),
        );
        Ok(report)
    }

    async fn deliver_claimed(
        &self,
        msg: &PendingMessage,
        report: &mut DeliveryReport,
    ) -> Result<(), MailerError> {
        let attempts = msg.attempts.saturating_add(1);
        let kind = store::MailKind::label(&msg.kind);
        match self.send(msg).await {
            Ok(()) => {
                store::mark_sent(&self.db, msg.tenant, msg.message_id, self.clock.now()).await?;
                tracing::info!(message_id = %msg.message_id, kind, attempts, "email delivered");
                self.count(kind, "sent");
                report.sent = report.sent.saturating_add(1);
            }
            Err(error) => {
                let error: String = error.chars().take(MAX_ERROR_LEN).collect();
                let now = self.clock.now();
                let give_up =
                    u32::try_from(attempts).unwrap_or(u32::MAX) >= self.config.max_attempts;
                let retry_at =
                    (!give_up).then(|| now.plus(retry_delay(self.config.retry_base, attempts)));
                store::mark_failed_attempt(
                    &self.db,
                    msg.tenant,
                    msg.message_id,
                    &error,
                    now,
                    retry_at,
                )
                .await?;
                if give_up {
                    tracing::error!(message_id = %msg.message_id, kind, attempts, error = %error,
                        "email delivery failed for good");
                    self.count(kind, "failed");
                    report.failed = report.failed.saturating_add(1);
                } else {
                    tracing::warn!(message_id = %msg.message_id, kind, attempts, error = %error,
                        retry_at = ?retry_at, "email delivery failed; will retry");
                    self.count(kind, "retry");
                    report.retry = report.retry.saturating_add(1);
                }
            }
        }
        Ok(())
    }

    fn count(&self, kind: &str, outcome: &str) {
        self.metrics
            .emails
            .with_label_values(&[kind, outcome])
            .inc();
    }

    async fn update_backlog(&self) -> Result<(), MailerError> {
        let backlog = store::backlog(&self.db).await?;
        self.metrics.outbox_pending.set(backlog.pending);
        let age = backlog.oldest.map_or(0, |oldest| {
            self.clock
                .now()
                .signed_duration_since(oldest)
                .num_seconds()
                .max(0)
        });
        self.metrics.outbox_oldest_pending_seconds.set(age);
        Ok(())
    }

    /// One delivery attempt; the error text is what the outbox keeps.
    async fn send(&self, msg: &PendingMessage) -> Result<(), String> {
        let email = build_message(&self.config.from, msg, self.clock.now())?;
        match &self.config.delivery {
            Delivery::Smtp(transport) => transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Delivery::Mailbox(dir) => {
                write_eml(dir, msg.message_id, &email.formatted(), self.clock.now()).await
            }
        }
    }
}

/// The MIME message: text and HTML alternatives, UTF-8.
fn build_message(
    from: &Mailbox,
    msg: &PendingMessage,
    now: DateTime<Utc>,
) -> Result<lettre::Message, String> {
    let to: Mailbox = msg
        .recipient
        .parse()
        .map_err(|e| format!("recipient `{}`: {e}", msg.recipient))?;
    let mut builder = lettre::Message::builder().from(from.clone()).to(to);
    // A reply to a notification reaches the MSP's help desk (an unusable address is left out
    // rather than holding the email back).
    if let Some(reply_to) = msg
        .reply_to
        .as_deref()
        .and_then(|r| r.parse::<Mailbox>().ok())
    {
        builder = builder.reply_to(reply_to);
    }
    // RFC 8058 one-click unsubscribe (mail providers POST `List-Unsubscribe=One-Click`).
    if let Some(url) = msg.list_unsubscribe.as_deref() {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder
        .subject(msg.subject.clone())
        .date(now.into())
        .message_id(Some(format!(
            "<{}@{}>",
            msg.message_id,
            from.email.domain()
        )))
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(readable_text(&msg.body_text)),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(msg.body_html.clone()),
                ),
        )
        .map_err(|e| e.to_string())
}

/// The plain-text part as 8bit when it can be (a mailbox `.eml` then shows its links as they
/// are, ready to copy), else whatever encoding lettre picks.
fn readable_text(text: &str) -> Body {
    use lettre::message::header::ContentTransferEncoding;
    Body::new_with_encoding(text.to_owned(), ContentTransferEncoding::EightBit)
        .unwrap_or_else(|_| Body::new(text.to_owned()))
}

/// Writes `<time>-<id>.eml` into the mailbox folder (created when missing).
async fn write_eml(
    dir: &std::path::Path,
    id: uuid::Uuid,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("mailbox {}: {e}", dir.display());
    tokio::fs::create_dir_all(dir).await.map_err(fail)?;
    let name = format!("{}-{id}.eml", now.format("%Y%m%dT%H%M%SZ"));
    let tmp = dir.join(format!(".{name}.tmp"));
    tokio::fs::write(&tmp, bytes).await.map_err(fail)?;
    tokio::fs::rename(&tmp, dir.join(name)).await.map_err(fail)
}

supervised_actor!(Mailer);

impl PortalActor for Mailer {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.core.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.core.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        // Anything queued while no instance ran goes out now.
        ctx.notify(DeliverNow);
        self.schedule_retention(ctx);
        spawn_periodic(ctx, self.core.config.poll_interval, |act: &mut Self, _| {
            let core = act.core.clone();
            // A run records its own outcome (and failures) as it goes.
            Some(async move {
                core.run_once_or_flag().await;
                PeriodicOutcome::Recorded
            })
        });
    }

    fn on_restarting(&mut self) {
        // A run that died with the old actor must not block the new one's runs.
        self.core.running.store(false, Ordering::Release);
    }
}

impl Handler<DeliverNow> for Mailer {
    type Result = ();

    /// Starts a delivery run (or asks the current one to go again).
    fn handle(&mut self, _: DeliverNow, ctx: &mut Self::Context) {
        self.count_handled();
        let core = self.core.clone();
        ctx.spawn(actix::fut::wrap_future(async move {
            core.run_once_or_flag().await;
        }));
    }
}

impl Handler<DeliverDue> for Mailer {
    type Result = ResponseFuture<Result<DeliveryReport, MailerError>>;

    /// Runs a delivery pass now and reports it (operators' admin endpoint).
    fn handle(&mut self, _: DeliverDue, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.deliver_due().await })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delay_doubles_and_is_capped() {
        let base = Duration::seconds(30);
        assert_eq!(retry_delay(base, 1), Duration::seconds(30));
        assert_eq!(retry_delay(base, 2), Duration::seconds(60));
        assert_eq!(retry_delay(base, 3), Duration::seconds(120));
        assert_eq!(retry_delay(base, 10), Duration::seconds(3_600));
        assert_eq!(retry_delay(base, 1_000), Duration::seconds(3_600));
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("[::1]"));
        assert!(is_loopback("localhost"));
        assert!(!is_loopback("smtp.example.com"));
    }

    #[test]
    fn smtp_urls_are_checked() {
        assert!(Delivery::from_settings(Some("smtp://127.0.0.1:2525"), "x".into()).is_ok());
        assert!(Delivery::from_settings(Some("smtps://u:p@mail.example.com"), "x".into()).is_ok());
        assert!(Delivery::from_settings(Some("smtp://mail.example.com"), "x".into()).is_ok());
        assert!(Delivery::from_settings(Some("ftp://x"), "x".into()).is_err());
        assert!(matches!(
            Delivery::from_settings(None, "box".into()),
            Ok(Delivery::Mailbox(_))
        ));
    }
}
