//! Configuration: built-in defaults (a zero-config run works) < `portal.toml` <
//! `PORTAL__SECTION__KEY` environment variables. Unknown or malformed settings stop start-up
//! with a message that names them.

use std::net::SocketAddr;
use std::path::Path;

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use portal_actors::login_throttle::{Limit, ThrottleLimits, REQUEST_WINDOW};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

mod attachments;
mod audit;
mod integration;
mod metrics;
mod notifications;
pub use attachments::{AttachmentSettings, Attachments, S3Settings, TicketSettings};
pub use audit::AuditSettings;
pub use integration::IntegrationSettings;
pub use metrics::MetricsSettings;
pub use notifications::NotificationSettings;

#[derive(Debug, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub session: SessionSettings,
    pub admin: AdminSettings,
    pub log: LogSettings,
    pub domains: DomainSettings,
    pub security: SecuritySettings,
    pub throttle: ThrottleSettings,
    pub mail: MailSettings,
    pub sso: SsoConfig,
    pub tickets: TicketSettings,
    pub attachments: AttachmentSettings,
    pub notifications: NotificationSettings,
    pub integration: IntegrationSettings,
    pub audit: AuditSettings,
    pub metrics: MetricsSettings,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// Where the portal listens.
    pub bind: SocketAddr,
    /// Where `/metrics`, `/healthz`, `/readyz` and `/admin/*` listen.
    pub admin_bind: SocketAddr,
    /// The host users sign in on (the demo prints links to it).
    pub canonical_host: String,
    /// `http` for a local run, `https` behind TLS.
    pub public_scheme: String,
    /// Proxies whose `X-Forwarded-For`, `X-Forwarded-Host` and `X-Forwarded-Proto` are believed
    /// (addresses or CIDR ranges); from any other peer those headers are ignored. A bad entry
    /// stops start-up with a message naming it.
    pub trusted_proxies: Vec<crate::http::forwarded::TrustedProxy>,
    /// Serve HTTPS directly with this PEM certificate chain (and `tls_key`).
    pub tls_cert: Option<std::path::PathBuf>,
    /// The PEM private key for `tls_cert`.
    pub tls_key: Option<std::path::PathBuf>,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    /// Password hashing threads; 0 means one per core.
    pub hashing_threads: usize,
    /// `development` or `production` (decides `domains.dns_check = "auto"`).
    pub environment: String,
    /// Where the integration API (`/integration/v1`) listens on its own; unset: on the admin
    /// listener. When set, the admin listener no longer serves it.
    pub integration_bind: Option<SocketAddr>,
    /// Serve the integration listener over HTTPS with this PEM certificate chain (and
    /// `integration_tls_key`); needs `integration_bind`.
    pub integration_tls_cert: Option<std::path::PathBuf>,
    pub integration_tls_key: Option<std::path::PathBuf>,
    /// On SIGTERM or Ctrl-C: how long in-flight requests get to finish; then the last-seen
    /// times, the audit buffer and the due outbox are written, and the process exits.
    pub shutdown_timeout_seconds: u64,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            admin_bind: SocketAddr::from(([127, 0, 0, 1], 9091)),
            canonical_host: "localhost:8080".into(),
            public_scheme: "http".into(),
            trusted_proxies: Vec::new(),
            tls_cert: None,
            tls_key: None,
            workers: 0,
            hashing_threads: 0,
            environment: "development".into(),
            integration_bind: None,
            integration_tls_cert: None,
            integration_tls_key: None,
            shutdown_timeout_seconds: 10,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://data/portal.db` (default, created on first run) or `postgres://…`.
    pub url: SecretString,
    pub max_connections: u32,
    /// How long a request waits for a database connection before it is answered 503 (an
    /// unreachable database fails fast rather than holding every worker).
    pub acquire_timeout_seconds: u64,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: SecretString::from("sqlite://data/portal.db"),
            max_connections: 16,
            acquire_timeout_seconds: 3,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionSettings {
    pub idle_timeout_minutes: u32,
    pub absolute_timeout_hours: u32,
    /// PostgreSQL: first wait before the revocation listener reconnects (doubles each time).
    pub listener_reconnect_min_ms: u64,
    /// … up to this.
    pub listener_reconnect_max_ms: u64,
}

impl Default for SessionSettings {
    fn default() -> Self {
        let backoff = portal_actors::sessions::listener::ReconnectBackoff::default();
        Self {
            idle_timeout_minutes: 30,
            absolute_timeout_hours: 12,
            listener_reconnect_min_ms: u64::try_from(backoff.min.as_millis()).unwrap_or(500),
            listener_reconnect_max_ms: u64::try_from(backoff.max.as_millis()).unwrap_or(30_000),
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct AdminSettings {
    /// Bearer token for `/metrics` and `/admin/*`; generated into `data/admin.token` when unset.
    pub token: Option<SecretString>,
    /// Mounts `POST /admin/actors/{name}/panic` (supervision tests only).
    pub fault_injection: bool,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    /// `pretty` or `json`.
    pub format: String,
    /// A tracing filter, e.g. `info` or `portal=debug,info`.
    pub level: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: "pretty".into(),
            level: "info".into(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DomainSettings {
    /// Lifetime of a one-time transfer token (at least 5 s).
    pub handoff_ttl_seconds: u32,
    /// Verify the CNAME of not-yet-active domains at handoff: `true`, `false` or `auto`
    /// (= in production). The environment variable `PORTAL_DOMAIN_DNS_CHECK` overrides it.
    /// TOML's `true`/`false` (and `PORTAL__DOMAINS__DNS_CHECK=false`) are taken as the words.
    #[serde(deserialize_with = "switch_word")]
    pub dns_check: String,
    /// What vanity domains must CNAME to; default: the canonical host's name.
    pub cname_target: Option<String>,
    /// DNS servers to ask (`ip:port`); empty: the system's resolvers.
    pub name_servers: Vec<SocketAddr>,
    pub dns_timeout_ms: u64,
    pub dns_positive_ttl_seconds: u64,
    pub dns_negative_ttl_seconds: u64,
    /// How often pending domains are verified.
    pub reverify_interval_seconds: u64,
}

impl Default for DomainSettings {
    fn default() -> Self {
        Self {
            handoff_ttl_seconds: 90,
            dns_check: "auto".into(),
            cname_target: None,
            name_servers: Vec::new(),
            dns_timeout_ms: 3_000,
            dns_positive_ttl_seconds: 300,
            dns_negative_ttl_seconds: 30,
            reverify_interval_seconds: 60,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecuritySettings {
    /// Encrypts two-factor secrets at rest: 32 bytes, base64url. Generated into
    /// `data/secret.key` when unset; every instance sharing one database needs the same key.
    pub encryption_key: Option<SecretString>,
    /// Lifetime of a password-reset link.
    pub password_reset_ttl_minutes: u32,
    /// Lifetime of an invitation link.
    pub invitation_ttl_hours: u32,
    /// Lifetime of the link that confirms a new sign-in email.
    pub email_change_ttl_hours: u32,
    /// How long a sign-in may wait for its second factor.
    pub two_factor_pending_minutes: u32,
}

impl Default for SecuritySettings {
    fn default() -> Self {
        Self {
            encryption_key: None,
            password_reset_ttl_minutes: 30,
            invitation_ttl_hours: 24,
            email_change_ttl_hours: 24,
            two_factor_pending_minutes: 5,
        }
    }
}

/// Brute-force and abuse limits, counted in the database so every instance agrees.
#[derive(Debug, Deserialize, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct ThrottleSettings {
    /// Failed sign-ins per (tenant, email, IP) within `tuple_window_minutes`.
    pub tuple_limit: u32,
    pub tuple_window_minutes: u32,
    /// Failed sign-ins per IP within `ip_window_minutes`.
    pub ip_limit: u32,
    pub ip_window_minutes: u32,
    /// Failed sign-ins per account (tenant, email) within `account_window_minutes`.
    pub account_limit: u32,
    pub account_window_minutes: u32,
    /// Password-reset and organization-discovery requests per email, and per IP, per hour.
    pub request_email_limit: u32,
    pub request_ip_limit: u32,
    /// Single sign-on starts per IP within `ip_window_minutes`.
    pub sso_start_ip_limit: u32,
}

impl ThrottleSettings {
    /// The limits the `LoginThrottle` enforces (requests count per hour).
    pub fn limits(&self) -> ThrottleLimits {
        let request_minutes = REQUEST_WINDOW.num_minutes().try_into().unwrap_or(60);
        ThrottleLimits {
            tuple: Limit::new(self.tuple_limit, self.tuple_window_minutes),
            ip: Limit::new(self.ip_limit, self.ip_window_minutes),
            account: Limit::new(self.account_limit, self.account_window_minutes),
            request_email: Limit::new(self.request_email_limit, request_minutes),
            request_ip: Limit::new(self.request_ip_limit, request_minutes),
            sso_start_ip: Limit::new(self.sso_start_ip_limit, self.ip_window_minutes),
        }
    }
}

impl Default for ThrottleSettings {
    fn default() -> Self {
        Self {
            tuple_limit: 5,
            tuple_window_minutes: 15,
            ip_limit: 30,
            ip_window_minutes: 15,
            account_limit: 100,
            account_window_minutes: 60,
            request_email_limit: 3,
            request_ip_limit: 20,
            sso_start_ip_limit: 60,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    /// `smtp://host:port` (STARTTLS when offered), `smtps://host:port`, with optional
    /// `user:password@`. Unset: emails are written to `mailbox_dir` instead.
    pub smtp_url: Option<SecretString>,
    /// The sender, e.g. `Client Portal <portal@example.com>`.
    pub from: String,
    /// Where emails go when no SMTP server is set: one `.eml` file per message.
    pub mailbox_dir: std::path::PathBuf,
    /// Delivery attempts before a message is marked failed.
    pub max_attempts: u32,
    /// First retry delay; doubled after each failure.
    pub retry_base_seconds: u64,
    /// How often the outbox is polled for due messages.
    pub poll_interval_seconds: u64,
    /// Sent and failed messages older than this many days are deleted (hourly, in batches);
    /// queued ones never are. 0 keeps them forever.
    pub retention_days: u32,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Client Portal <portal@localhost>".into(),
            mailbox_dir: "data/mailbox".into(),
            max_attempts: 8,
            retry_base_seconds: 30,
            poll_interval_seconds: 5,
            retention_days: portal_actors::mailer::retention::DEFAULT_MAIL_RETENTION_DAYS,
        }
    }
}

/// Single sign-on (OpenID Connect) client tunables; providers are configured per tenant.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SsoConfig {
    /// How long a sign-in may stay at the provider before its callback is refused.
    pub flow_ttl_minutes: u32,
    /// How long a provider's discovery document and keys are cached.
    pub metadata_ttl_seconds: u64,
    /// Timeout of each request to a provider.
    pub http_timeout_seconds: u64,
}

impl Default for SsoConfig {
    fn default() -> Self {
        Self {
            flow_ttl_minutes: 10,
            metadata_ttl_seconds: 3600,
            http_timeout_seconds: 10,
        }
    }
}

impl SsoConfig {
    pub fn settings(&self) -> portal_actors::sso::SsoSettings {
        portal_actors::sso::SsoSettings {
            flow_ttl: chrono::Duration::minutes(i64::from(self.flow_ttl_minutes)),
            metadata_ttl: std::time::Duration::from_secs(self.metadata_ttl_seconds),
            http_timeout: std::time::Duration::from_secs(self.http_timeout_seconds),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration error: {0}")]
    Figment(String),
    #[error("configuration error: `{key}` {problem}")]
    Invalid { key: &'static str, problem: String },
}

impl Settings {
    /// Loads defaults, then `path` if it exists, then `PORTAL__*` environment variables.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let settings: Settings = Figment::new()
            .merge(Toml::file(path))
            .merge(Env::prefixed("PORTAL__").split("__"))
            .extract()
            .map_err(|e: figment::Error| {
                ConfigError::Figment(
                    e.into_iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
        let mut settings = settings;
        if let Ok(check) = std::env::var("PORTAL_DOMAIN_DNS_CHECK") {
            settings.domains.dns_check = check.trim().to_ascii_lowercase();
        }
        settings.validate()?;
        Ok(settings)
    }

    /// Whether the exchange endpoint verifies DNS for handoff-eligible domains not yet active.
    pub fn dns_check_enabled(&self) -> bool {
        match self.domains.dns_check.as_str() {
            "true" => true,
            "auto" => self.server.environment == "production",
            _ => false,
        }
    }

    /// The CNAME target vanity domains must point at.
    pub fn cname_target(&self) -> String {
        match &self.domains.cname_target {
            Some(target) => target.trim_end_matches('.').to_ascii_lowercase(),
            None => {
                let host = self.server.canonical_host.to_ascii_lowercase();
                host.rsplit_once(':')
                    .map_or(host.clone(), |(name, _)| name.to_owned())
            }
        }
    }

    pub fn dns_settings(&self) -> portal_actors::dns::DnsSettings {
        let d = &self.domains;
        portal_actors::dns::DnsSettings {
            name_servers: d.name_servers.clone(),
            timeout: std::time::Duration::from_millis(d.dns_timeout_ms),
            positive_ttl: std::time::Duration::from_secs(d.dns_positive_ttl_seconds),
            negative_ttl: std::time::Duration::from_secs(d.dns_negative_ttl_seconds),
            reverify_interval: std::time::Duration::from_secs(d.reverify_interval_seconds),
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key, problem: &str| {
            Err(ConfigError::Invalid {
                key,
                problem: problem.into(),
            })
        };
        if !matches!(self.server.public_scheme.as_str(), "http" | "https") {
            return invalid("server.public_scheme", "must be `http` or `https`");
        }
        let host = &self.server.canonical_host;
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        {
            return invalid(
                "server.canonical_host",
                "must be a host name, optionally with :port",
            );
        }
        let url = self.database.url.expose_secret();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return invalid("database.url", "must start with sqlite:// or postgres://");
        }
        if self.database.max_connections == 0 {
            return invalid("database.max_connections", "must be at least 1");
        }
        if self.session.idle_timeout_minutes == 0 || self.session.absolute_timeout_hours == 0 {
            return invalid(
                "session",
                "idle_timeout_minutes and absolute_timeout_hours must be positive",
            );
        }
        if let Some(token) = &self.admin.token {
            if token.expose_secret().len() < 16 {
                return invalid("admin.token", "must be at least 16 characters");
            }
        }
        if !matches!(
            self.server.environment.as_str(),
            "development" | "production"
        ) {
            return invalid(
                "server.environment",
                "must be `development` or `production`",
            );
        }
        if !matches!(self.domains.dns_check.as_str(), "true" | "false" | "auto") {
            return invalid(
                "domains.dns_check",
                "(or PORTAL_DOMAIN_DNS_CHECK) must be `true`, `false` or `auto`",
            );
        }
        if self.domains.handoff_ttl_seconds < 5 {
            return invalid("domains.handoff_ttl_seconds", "must be at least 5");
        }
        if self.domains.dns_timeout_ms == 0 || self.domains.reverify_interval_seconds == 0 {
            return invalid(
                "domains",
                "dns_timeout_ms and reverify_interval_seconds must be positive",
            );
        }
        let t = &self.throttle;
        // A limit of 0 turns that limit off; a window must be at least a minute.
        if [
            t.tuple_window_minutes,
            t.ip_window_minutes,
            t.account_window_minutes,
        ]
        .contains(&0)
        {
            return invalid("throttle", "windows must be positive");
        }
        let sec = &self.security;
        if sec.password_reset_ttl_minutes == 0
            || sec.invitation_ttl_hours == 0
            || sec.email_change_ttl_hours == 0
            || sec.two_factor_pending_minutes == 0
        {
            return invalid("security", "token lifetimes must be positive");
        }
        if self.mail.max_attempts == 0 || self.mail.poll_interval_seconds == 0 {
            return invalid(
                "mail",
                "max_attempts and poll_interval_seconds must be positive",
            );
        }
        if self.sso.flow_ttl_minutes == 0
            || self.sso.metadata_ttl_seconds == 0
            || self.sso.http_timeout_seconds == 0
        {
            return invalid("sso", "lifetimes and timeout must be positive");
        }
        if !matches!(self.log.format.as_str(), "pretty" | "json") {
            return invalid("log.format", "must be `pretty` or `json`");
        }
        self.attachments()?;
        self.validate_integration()?;
        Ok(())
    }

    /// How the session revocation listener (PostgreSQL) waits between reconnections.
    pub fn listener_backoff(&self) -> portal_actors::sessions::listener::ReconnectBackoff {
        let min = std::time::Duration::from_millis(self.session.listener_reconnect_min_ms.max(1));
        portal_actors::sessions::listener::ReconnectBackoff {
            min,
            max: std::time::Duration::from_millis(self.session.listener_reconnect_max_ms).max(min),
        }
    }

    pub fn idle_timeout(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.session.idle_timeout_minutes))
    }

    pub fn absolute_timeout(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.session.absolute_timeout_hours))
    }
}

/// A `true|false|auto` switch written as a word or as a boolean; kept lower-case as a word.
fn switch_word<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Switch {
        Bool(bool),
        Word(String),
    }
    Ok(match Switch::deserialize(deserializer)? {
        Switch::Bool(b) => b.to_string(),
        Switch::Word(w) => w.trim().to_ascii_lowercase(),
    })
}
