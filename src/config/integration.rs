//! `[integration]` and the integration listener's `server.integration_*` settings: where the
//! PSA reaches `/integration/v1` and how many requests a minute each of its tokens may make.

use portal_actors::rate_limit::RateLimit;
use serde::Deserialize;

use super::{ConfigError, ServerSettings};

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IntegrationSettings {
    /// Sustained requests a minute per integration token, counted by each instance on its own
    /// (N instances behind a balancer let a token make up to N times as many); 0 turns it off.
    pub requests_per_minute: u32,
    /// Requests a token may make at once before the sustained rate applies.
    pub burst: u32,
}

impl Default for IntegrationSettings {
    fn default() -> Self {
        Self {
            requests_per_minute: 600,
            burst: 100,
        }
    }
}

impl IntegrationSettings {
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit {
            per_minute: self.requests_per_minute,
            burst: self.burst,
        }
    }
}

impl super::Settings {
    /// Refuses an integration listener set-up that cannot work as written (also checked when
    /// the listener starts, for settings built in code).
    pub fn validate_integration(&self) -> Result<(), ConfigError> {
        validate(&self.server, &self.integration)
    }
}

fn validate(server: &ServerSettings, integration: &IntegrationSettings) -> Result<(), ConfigError> {
    let invalid = |key, problem: &str| {
        Err(ConfigError::Invalid {
            key,
            problem: problem.into(),
        })
    };
    if server.integration_tls_cert.is_some() != server.integration_tls_key.is_some() {
        return invalid(
            "server.integration_tls_cert",
            "and server.integration_tls_key must be set together",
        );
    }
    if server.integration_tls_cert.is_some() && server.integration_bind.is_none() {
        return invalid(
            "server.integration_tls_cert",
            "needs server.integration_bind (the admin listener does not speak TLS)",
        );
    }
    if let Some(bind) = server.integration_bind {
        if bind.port() != 0 && (bind == server.bind || bind == server.admin_bind) {
            return invalid(
                "server.integration_bind",
                "must differ from server.bind and server.admin_bind",
            );
        }
    }
    if integration.burst == 0 {
        return invalid("integration.burst", "must be at least 1");
    }
    Ok(())
}
