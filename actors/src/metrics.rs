//! The portal's Prometheus metrics, one registry per running application (no global state, so
//! tests that run several portals in one process count separately).

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

/// Sign-in methods, the `method` label.
pub const LOGIN_METHODS: &[&str] = &["password", "totp", "recovery_code"];
/// Failure reasons, the `reason` label of failed sign-ins (bounded on purpose).
pub const LOGIN_FAILURE_REASONS: &[&str] = &[
    "unknown_user",
    "bad_password",
    "inactive",
    "internal_user",
    "no_password",
    "invalid_input",
    "csrf",
    "throttled",
    "error",
    "invalid_code",
    "replay",
    "expired",
    "sso_only",
];
/// Why a transfer-token exchange failed: the JSON error codes of the exchange endpoint.
pub const HANDOFF_FAILURE_REASONS: &[&str] = &[
    "ott_required",
    "host_missing",
    "domain_not_found",
    "domain_inactive",
    "domain_mismatch",
    "dns_mismatch",
    "invalid_or_expired",
    "exchange_failed",
    "origin_not_allowed",
];
/// Why sessions end, the `reason` label of `portal_sessions_revoked_total`.
pub const SESSION_REVOKE_REASONS: &[&str] = &[
    "logout",
    "idle",
    "absolute",
    "admin",
    "user",
    "client_admin",
    "password_change",
    "password_reset",
    "replaced",
    "email_change",
];
/// Outcomes of ticket changes, the `outcome` label of the ticket counters.
pub const TICKET_OUTCOMES: &[&str] = &["success", "invalid", "forbidden", "not_found", "error"];
/// Outcomes of attachment uploads, the `outcome` label of `portal_ticket_attachments_uploaded_total`.
pub const ATTACHMENT_OUTCOMES: &[&str] = &[
    "success",
    "too_large",
    "empty",
    "invalid",
    "forbidden",
    "not_found",
    "error",
    "storage_full",
];
/// What retention sweeps delete, the `kind` label of `portal_retention_deleted_total`.
pub const RETENTION_KINDS: &[&str] = &["audit", "admin_actions", "mail"];
/// Delivery outcomes, the `outcome` label of `portal_emails_total`.
pub const EMAIL_OUTCOMES: &[&str] = &["sent", "retry", "failed"];

#[derive(Clone)]
pub struct Metrics {
    pub registry: Registry,
    pub login_attempts: IntCounterVec,
    pub login_duration: HistogramVec,
    pub sessions_active: IntGauge,
    pub sessions_revoked: IntCounterVec,
    pub actor_restarts: IntCounterVec,
    /// `portal_actor_mailbox_depth{actor}`: messages sent and not yet handled (`CountingAddr`).
    pub actor_mailbox_depth: IntGaugeVec,
    /// `portal_active_users{window}` and `portal_active_tenants{window}` (`active_users` actor).
    pub active_users: IntGaugeVec,
    pub active_tenants: IntGaugeVec,
    pub http_requests: IntCounterVec,
    pub http_duration: HistogramVec,
    pub http_panics: IntCounterVec,
    /// `portal_integration_requests_total{route,status}`: integration API requests by route
    /// pattern (`unmatched` for unknown paths) and status code.
    pub integration_requests: IntCounterVec,
    /// `portal_integration_request_duration_seconds{route}`: integration API latency.
    pub integration_duration: HistogramVec,
    pub build_info: IntGaugeVec,
    pub audit_events_written: IntCounter,
    pub handoff_tokens_issued: IntCounter,
    pub handoff_exchanges: IntCounterVec,
    pub handoff_tokens_swept: IntCounter,
    pub dns_verifications: IntCounterVec,
    pub dns_cache_requests: IntCounterVec,
    pub emails: IntCounterVec,
    pub outbox_pending: IntGauge,
    pub outbox_oldest_pending_seconds: IntGauge,
    /// `portal_retention_deleted_total{kind}`: rows deleted for being older than their
    /// retention (`audit`, `admin_actions`, `mail`).
    pub retention_deleted: IntCounterVec,
    pub tickets_created: IntCounterVec,
    pub ticket_comments: IntCounterVec,
    pub attachments_uploaded: IntCounterVec,
    /// `portal_project_documents_uploaded_total{outcome}` (portal and integration uploads).
    pub project_documents_uploaded: IntCounterVec,
    /// `portal_invoice_pdf_uploads_total{outcome}`: PDFs the PSA supplies for its invoices.
    pub invoice_pdf_uploads: IntCounterVec,
    /// `portal_invoice_pdfs_total{source,outcome}`: invoice PDFs clients downloaded (`psa` or
    /// `generated`).
    pub invoice_pdfs: IntCounterVec,
    /// `portal_invoice_pdf_generation_seconds`: drawing one invoice PDF.
    pub invoice_pdf_seconds: prometheus::Histogram,
    pub tenant_data_actors: IntGauge,
    /// 1 while this instance listens for other instances' revocations (PostgreSQL), else 0;
    /// labelled `backend` so that the alert can leave SQLite (one server, no listener) alone.
    pub session_invalidation_listener_up: IntGaugeVec,
}

impl Metrics {
    /// Builds and registers every metric; label sets that dashboards rely on start at zero.
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let login_attempts = IntCounterVec::new(
            Opts::new(
                "portal_login_attempts_total",
                "Sign-in attempts by method, outcome and reason",
            ),
            &["method", "outcome", "reason"],
        )?;
        let login_duration = HistogramVec::new(
            HistogramOpts::new(
                "portal_login_duration_seconds",
                "Time to answer a sign-in attempt",
            )
            .buckets(vec![0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0]),
            &["method"],
        )?;
        let sessions_active = IntGauge::new(
            "portal_sessions_active",
            "Sessions neither expired nor revoked",
        )?;
        let sessions_revoked = IntCounterVec::new(
            Opts::new("portal_sessions_revoked_total", "Sessions ended, by reason"),
            &["reason"],
        )?;
        let actor_restarts = IntCounterVec::new(
            Opts::new(
                "portal_actor_restarts_total",
                "Actor restarts by its supervisor",
            ),
            &["actor"],
        )?;
        let actor_mailbox_depth = IntGaugeVec::new(
            Opts::new(
                "portal_actor_mailbox_depth",
                "Messages waiting in an actor's mailbox (sent, handler not started yet)",
            ),
            &["actor"],
        )?;
        let active_users = IntGaugeVec::new(
            Opts::new(
                "portal_active_users",
                "Users who signed in or used a session within the window (1h, 24h, 7d), \
                 counted from the database: every instance reports the same value",
            ),
            &["window"],
        )?;
        let active_tenants = IntGaugeVec::new(
            Opts::new(
                "portal_active_tenants",
                "Tenants with at least one active user within the window (1h, 24h, 7d), \
                 counted from the database: every instance reports the same value",
            ),
            &["window"],
        )?;
        registry.register(Box::new(active_users.clone()))?;
        registry.register(Box::new(active_tenants.clone()))?;
        for window in crate::active_users::WINDOWS {
            active_users.with_label_values(&[window]);
            active_tenants.with_label_values(&[window]);
        }
        let http_requests = IntCounterVec::new(
            Opts::new(
                "portal_http_requests_total",
                "HTTP requests by route pattern, method, status",
            ),
            &["route", "method", "status"],
        )?;
        let http_panics = IntCounterVec::new(
            Opts::new(
                "portal_http_panics_total",
                "Requests whose handling panicked (answered 500), by route pattern",
            ),
            &["route"],
        )?;
        let http_duration = HistogramVec::new(
            HistogramOpts::new(
                "portal_http_request_duration_seconds",
                "HTTP request latency",
            )
            // 0.3 s: the pages' service level (PortalPageLatencyAboveSlo) is a bucket boundary.
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1.0, 2.5,
            ]),
            &["route", "method"],
        )?;
        let integration_requests = IntCounterVec::new(
            Opts::new(
                "portal_integration_requests_total",
                "Integration API requests by route pattern and status",
            ),
            &["route", "status"],
        )?;
        let integration_duration = HistogramVec::new(
            HistogramOpts::new(
                "portal_integration_request_duration_seconds",
                "Integration API request latency by route pattern",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["route"],
        )?;
        registry.register(Box::new(integration_requests.clone()))?;
        registry.register(Box::new(integration_duration.clone()))?;
        let build_info = IntGaugeVec::new(
            Opts::new("portal_build_info", "Build of the running portal"),
            &["version"],
        )?;
        let audit_events_written = IntCounter::new(
            "portal_audit_events_written_total",
            "Audit events written to the database",
        )?;
        let handoff_tokens_issued = IntCounter::new(
            "portal_handoff_tokens_issued_total",
            "One-time transfer tokens issued for vanity-domain handoffs",
        )?;
        let handoff_exchanges = IntCounterVec::new(
            Opts::new(
                "portal_handoff_exchanges_total",
                "Transfer-token exchanges by outcome and reason",
            ),
            &["outcome", "reason"],
        )?;
        let handoff_tokens_swept = IntCounter::new(
            "portal_handoff_tokens_swept_total",
            "Expired or consumed transfer tokens deleted",
        )?;
        let dns_verifications = IntCounterVec::new(
            Opts::new(
                "portal_dns_verifications_total",
                "CNAME verifications by outcome and source",
            ),
            &["outcome", "source"],
        )?;
        let dns_cache_requests = IntCounterVec::new(
            Opts::new(
                "portal_dns_cache_requests_total",
                "DNS answer cache lookups (hit or miss)",
            ),
            &["result"],
        )?;
        let emails = IntCounterVec::new(
            Opts::new(
                "portal_emails_total",
                "Email delivery attempts by kind and outcome (sent, retry, failed)",
            ),
            &["kind", "outcome"],
        )?;
        let outbox_pending = IntGauge::new(
            "portal_outbox_pending",
            "Emails in the outbox neither sent nor given up on (whole database)",
        )?;
        let outbox_oldest_pending_seconds = IntGauge::new(
            "portal_outbox_oldest_pending_seconds",
            "Age of the oldest email still waiting in the outbox (0 when none)",
        )?;
        let retention_deleted = IntCounterVec::new(
            Opts::new(
                "portal_retention_deleted_total",
                "Rows deleted for being older than their retention, by kind",
            ),
            &["kind"],
        )?;
        let tickets_created = IntCounterVec::new(
            Opts::new(
                "portal_tickets_created_total",
                "Tickets created, by source (portal, integration) and outcome",
            ),
            &["source", "outcome"],
        )?;
        let ticket_comments = IntCounterVec::new(
            Opts::new(
                "portal_ticket_comments_total",
                "Ticket comments added, by author (client, internal) and outcome",
            ),
            &["author", "outcome"],
        )?;
        let attachments_uploaded = IntCounterVec::new(
            Opts::new(
                "portal_ticket_attachments_uploaded_total",
                "Ticket attachment uploads by outcome",
            ),
            &["outcome"],
        )?;
        let project_documents_uploaded = IntCounterVec::new(
            Opts::new(
                "portal_project_documents_uploaded_total",
                "Project document uploads (portal and integration API) by outcome",
            ),
            &["outcome"],
        )?;
        let invoice_pdf_uploads = IntCounterVec::new(
            Opts::new(
                "portal_invoice_pdf_uploads_total",
                "Invoice PDFs the PSA uploaded, by outcome",
            ),
            &["outcome"],
        )?;
        let invoice_pdfs = IntCounterVec::new(
            Opts::new(
                "portal_invoice_pdfs_total",
                "Invoice PDFs served to clients, by source (psa, generated) and outcome",
            ),
            &["source", "outcome"],
        )?;
        let invoice_pdf_seconds = prometheus::Histogram::with_opts(
            prometheus::HistogramOpts::new(
                "portal_invoice_pdf_generation_seconds",
                "Time to draw one invoice PDF",
            )
            .buckets(vec![0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5]),
        )?;
        let tenant_data_actors = IntGauge::new(
            "portal_tenant_data_actors",
            "Per-tenant data actors running in this instance",
        )?;
        let session_invalidation_listener_up = IntGaugeVec::new(
            Opts::new(
                "portal_session_invalidation_listener_up",
                "1 while this instance receives other instances' session revocations \
                 (PostgreSQL LISTEN); 0 while it falls back to the session cache TTL",
            ),
            &["backend"],
        )?;
        registry.register(Box::new(session_invalidation_listener_up.clone()))?;
        registry.register(Box::new(tickets_created.clone()))?;
        registry.register(Box::new(ticket_comments.clone()))?;
        registry.register(Box::new(attachments_uploaded.clone()))?;
        registry.register(Box::new(project_documents_uploaded.clone()))?;
        registry.register(Box::new(invoice_pdf_uploads.clone()))?;
        registry.register(Box::new(invoice_pdfs.clone()))?;
        registry.register(Box::new(invoice_pdf_seconds.clone()))?;
        for source in ["psa", "generated"] {
            for outcome in ["success", "error"] {
                invoice_pdfs.with_label_values(&[source, outcome]);
            }
        }
        registry.register(Box::new(tenant_data_actors.clone()))?;
        for outcome in TICKET_OUTCOMES {
            for source in ["portal", "integration"] {
                tickets_created.with_label_values(&[source, outcome]);
            }
            for author in ["client", "internal"] {
                ticket_comments.with_label_values(&[author, outcome]);
            }
        }
        for outcome in ATTACHMENT_OUTCOMES {
            attachments_uploaded.with_label_values(&[outcome]);
            project_documents_uploaded.with_label_values(&[outcome]);
            invoice_pdf_uploads.with_label_values(&[outcome]);
        }
        registry.register(Box::new(emails.clone()))?;
        registry.register(Box::new(outbox_pending.clone()))?;
        registry.register(Box::new(outbox_oldest_pending_seconds.clone()))?;
        registry.register(Box::new(retention_deleted.clone()))?;
        for kind in RETENTION_KINDS {
            retention_deleted.with_label_values(&[kind]);
        }
        for kind in crate::store::outbox::MailKind::ALL {
            for outcome in EMAIL_OUTCOMES {
                emails.with_label_values(&[kind.as_str(), outcome]);
            }
        }
        registry.register(Box::new(handoff_tokens_issued.clone()))?;
        registry.register(Box::new(handoff_exchanges.clone()))?;
        registry.register(Box::new(handoff_tokens_swept.clone()))?;
        registry.register(Box::new(dns_verifications.clone()))?;
        registry.register(Box::new(dns_cache_requests.clone()))?;
        for reason in HANDOFF_FAILURE_REASONS {
            handoff_exchanges.with_label_values(&["failure", reason]);
        }
        handoff_exchanges.with_label_values(&["success", "none"]);
        for result in ["hit", "miss"] {
            dns_cache_requests.with_label_values(&[result]);
        }
        for outcome in ["match", "mismatch", "not_found", "error"] {
            for source in ["cache", "resolver"] {
                dns_verifications.with_label_values(&[outcome, source]);
            }
        }
        registry.register(Box::new(login_attempts.clone()))?;
        registry.register(Box::new(login_duration.clone()))?;
        registry.register(Box::new(sessions_active.clone()))?;
        registry.register(Box::new(sessions_revoked.clone()))?;
        registry.register(Box::new(actor_restarts.clone()))?;
        registry.register(Box::new(actor_mailbox_depth.clone()))?;
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_duration.clone()))?;
        registry.register(Box::new(http_panics.clone()))?;
        // A series from the start, so dashboards and alerts see zero rather than no data.
        http_panics.with_label_values(&["unmatched"]);
        registry.register(Box::new(build_info.clone()))?;
        registry.register(Box::new(audit_events_written.clone()))?;

        for method in LOGIN_METHODS {
            login_attempts.with_label_values(&[method, "success", "none"]);
            login_attempts.with_label_values(&[method, "second_factor", "none"]);
            for reason in LOGIN_FAILURE_REASONS {
                login_attempts.with_label_values(&[method, "failure", reason]);
            }
            login_duration.with_label_values(&[method]);
        }
        // Single sign-on fails for its own reasons (and a few shared ones).
        login_attempts.with_label_values(&["oidc", "success", "none"]);
        login_attempts.with_label_values(&["oidc", "second_factor", "none"]);
        for reason in crate::sso::SSO_FAILURE_REASONS.iter().chain(&[
            "inactive",
            "internal_user",
            "throttled",
            "error",
        ]) {
            login_attempts.with_label_values(&["oidc", "failure", reason]);
        }
        login_duration.with_label_values(&["oidc"]);
        for reason in SESSION_REVOKE_REASONS {
            sessions_revoked.with_label_values(&[reason]);
        }
        build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        Ok(Metrics {
            registry,
            login_attempts,
            login_duration,
            sessions_active,
            sessions_revoked,
            actor_restarts,
            actor_mailbox_depth,
            active_users,
            active_tenants,
            http_requests,
            http_duration,
            http_panics,
            integration_requests,
            integration_duration,
            build_info,
            audit_events_written,
            handoff_tokens_issued,
            handoff_exchanges,
            handoff_tokens_swept,
            dns_verifications,
            dns_cache_requests,
            emails,
            outbox_pending,
            outbox_oldest_pending_seconds,
            retention_deleted,
            tickets_created,
            ticket_comments,
            attachments_uploaded,
            project_documents_uploaded,
            invoice_pdf_uploads,
            invoice_pdfs,
            invoice_pdf_seconds,
            tenant_data_actors,
            session_invalidation_listener_up,
        })
    }

    /// Counts one sign-in attempt; `reason` is `None` for a success.
    pub fn record_login(&self, method: &str, reason: Option<&str>, seconds: f64) {
        let (outcome, reason) = match reason {
            None => ("success", "none"),
            Some(reason) => ("failure", reason),
        };
        self.login_attempts
            .with_label_values(&[method, outcome, reason])
            .inc();
        self.login_duration
            .with_label_values(&[method])
            .observe(seconds);
    }

    /// Counts a right password whose sign-in now waits for a second factor (neither a success
    /// nor a failure yet: the second step counts that).
    pub fn record_second_factor_due(&self, method: &str, seconds: f64) {
        self.login_attempts
            .with_label_values(&[method, "second_factor", "none"])
            .inc();
        self.login_duration
            .with_label_values(&[method])
            .observe(seconds);
    }

    /// The text exposition format of every metric.
    pub fn render(&self) -> Result<String, prometheus::Error> {
        let mut buffer = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut buffer)?;
        String::from_utf8(buffer).map_err(|e| prometheus::Error::Msg(e.to_string()))
    }
}
