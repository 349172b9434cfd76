//! Configuration: built-in defaults (a zero-config run works) < `portal.toml` <
//! `PORTAL__SECTION__KEY` environment variables. Unknown or malformed settings stop start-up
//! with a message that names them.

use std::net::SocketAddr;
use std::path::Path;

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub session: SessionSettings,
    pub admin: AdminSettings,
    pub log: LogSettings,
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
    /// Use the first `X-Forwarded-For` address as the client's (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    /// Password hashing threads; 0 means one per core.
    pub hashing_threads: usize,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            admin_bind: SocketAddr::from(([127, 0, 0, 1], 9091)),
            canonical_host: "localhost:8080".into(),
            public_scheme: "http".into(),
            trust_forwarded_for: false,
            workers: 0,
            hashing_threads: 0,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://data/portal.db` (default, created on first run) or `postgres://…`.
    pub url: SecretString,
    pub max_connections: u32,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: SecretString::from("sqlite://data/portal.db"),
            max_connections: 16,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionSettings {
    pub idle_timeout_minutes: u32,
    pub absolute_timeout_hours: u32,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            idle_timeout_minutes: 30,
            absolute_timeout_hours: 12,
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
        settings.validate()?;
        Ok(settings)
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
        if !matches!(self.log.format.as_str(), "pretty" | "json") {
            return invalid("log.format", "must be `pretty` or `json`");
        }
        Ok(())
    }

    pub fn idle_timeout(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.session.idle_timeout_minutes))
    }

    pub fn absolute_timeout(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.session.absolute_timeout_hours))
    }
}
