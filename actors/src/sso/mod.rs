//! `Sso`: sign-in through a tenant's OpenID Connect providers (Google, Keycloak) with the
//! `openidconnect` crate. Authorization code with PKCE, `state` and `nonce`; the sign-in in
//! flight is a `sso_flows` row (state hashed, PKCE verifier sealed) consumed once by the
//! callback, on any instance. Discovery documents and key sets are cached per issuer (moka)
//! and the key set is fetched again when an ID token names a key it does not hold (rotation).

mod client;
mod messages;
pub mod operators;
pub mod providers;

pub use client::refused_flow;
pub use messages::*;

use std::time::Duration as StdDuration;

use actix::{Context, Handler, ResponseFuture};
use moka::sync::Cache;

use crate::clock::SharedClock;
use crate::db::Db;
use crate::registry::ActorRegistry;
use crate::secret_box::SecretBox;
use crate::supervision::{spawn_periodic, supervised_actor, PeriodicOutcome, PortalActor};
use client::SsoCore;

pub const ACTOR_NAME: &str = "sso";
/// How often expired sign-in flows are deleted.
const SWEEP_INTERVAL: StdDuration = StdDuration::from_secs(600);

/// Tunables of the SSO client.
#[derive(Debug, Clone)]
pub struct SsoSettings {
    /// How long a sign-in may stay at the provider.
    pub flow_ttl: chrono::Duration,
    /// How long a discovery document and key set are trusted before being fetched again.
    pub metadata_ttl: StdDuration,
    /// Timeout of each request to a provider.
    pub http_timeout: StdDuration,
}

impl Default for SsoSettings {
    fn default() -> Self {
        SsoSettings {
            flow_ttl: chrono::Duration::minutes(10),
            metadata_ttl: StdDuration::from_secs(3600),
            http_timeout: StdDuration::from_secs(10),
        }
    }
}

pub struct Sso {
    core: SsoCore,
    registry: ActorRegistry,
}

impl Sso {
    pub fn new(
        db: Db,
        clock: SharedClock,
        secret_box: SecretBox,
        settings: SsoSettings,
        registry: ActorRegistry,
    ) -> Result<Self, SsoFailure> {
        let http = reqwest::Client::builder()
            // Following redirects would open the client to SSRF.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.http_timeout)
            .connect_timeout(settings.http_timeout)
            .build()
            .map_err(|e| SsoFailure::Unavailable(e.to_string()))?;
        let endpoints = Cache::builder()
            .max_capacity(10_000)
            .time_to_live(settings.metadata_ttl)
            .build();
        Ok(Sso {
            core: SsoCore {
                db,
                clock,
                secret_box,
                http,
                settings,
                endpoints,
            },
            registry,
        })
    }
}

supervised_actor!(Sso);

impl PortalActor for Sso {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.core.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        spawn_periodic(ctx, SWEEP_INTERVAL, |act: &mut Self, _| {
            let (core, registry) = (act.core.clone(), act.registry.clone());
            // A sweep records its own summary.
            Some(async move {
                match core.sweep(&registry).await {
                    Ok(_) => PeriodicOutcome::Recorded,
                    Err(e) => PeriodicOutcome::Failed {
                        log: "SSO flow sweep failed",
                        error: e.to_string(),
                    },
                }
            })
        });
    }
}

impl Handler<BeginSignIn> for Sso {
    type Result = ResponseFuture<Result<StartedSignIn, SsoFailure>>;

    /// Records the flow and builds the authorization URL.
    fn handle(&mut self, msg: BeginSignIn, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.begin(msg).await })
    }
}

impl Handler<CompleteSignIn> for Sso {
    type Result = ResponseFuture<Result<VerifiedIdentity, FailedSignIn>>;

    /// Consumes the flow, exchanges the code and verifies the ID token.
    fn handle(&mut self, msg: CompleteSignIn, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.complete(msg).await })
    }
}

impl Handler<FlushSsoCache> for Sso {
    type Result = Result<u64, SsoFailure>;

    /// Empties the discovery/key cache.
    fn handle(&mut self, _: FlushSsoCache, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let n = self.core.endpoints.entry_count();
        self.core.endpoints.invalidate_all();
        Ok(n)
    }
}

impl Handler<SweepFlows> for Sso {
    type Result = ResponseFuture<Result<u64, SsoFailure>>;

    /// Deletes sign-ins that expired an hour ago or more.
    fn handle(&mut self, _: SweepFlows, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        let registry = self.registry.clone();
        Box::pin(async move { core.sweep(&registry).await })
    }
}

#[cfg(test)]
mod tests {
    use super::providers::{ProviderConfig, ProviderKind};
    use super::*;
    use secrecy::SecretString;
    use uuid::Uuid;

    fn identity(amr: &[&str]) -> VerifiedIdentity {
        VerifiedIdentity {
            flow: FlowContext {
                tenant: Uuid::nil(),
                provider: "kc".into(),
                return_path: "/".into(),
                handoff_domain: None,
                started_at: chrono::DateTime::UNIX_EPOCH,
            },
            provider: ProviderConfig {
                tenant: Uuid::nil(),
                provider: "kc".into(),
                kind: ProviderKind::Keycloak,
                display_name: "Keycloak".into(),
                issuer: "https://id.example/realms/a".into(),
                client_id: "c".into(),
                client_secret: SecretString::from("s"),
                allowed_domains: Vec::new(),
            },
            issuer: "https://id.example/realms/a".into(),
            subject: "s".into(),
            email: None,
            email_verified: false,
            given_name: None,
            family_name: None,
            amr: amr.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn multi_factor_needs_mfa_or_a_second_factor_beside_another_method() {
        assert!(identity(&["mfa"]).multi_factor());
        assert!(identity(&["pwd", "otp"]).multi_factor());
        assert!(identity(&["pwd", "hwk"]).multi_factor());
        assert!(!identity(&["pwd"]).multi_factor());
        assert!(!identity(&["otp"]).multi_factor());
        assert!(!identity(&["pwd", "kba"]).multi_factor());
        assert!(!identity(&[]).multi_factor());
    }

    #[test]
    fn every_failure_reason_is_a_declared_label() {
        let failures = [
            SsoFailure::UnknownProvider,
            SsoFailure::InvalidState,
            SsoFailure::AccessDenied,
            SsoFailure::ProviderError(String::new()),
            SsoFailure::ProviderUnreachable(String::new()),
            SsoFailure::WrongAudience,
            SsoFailure::WrongIssuer,
            SsoFailure::BadNonce,
            SsoFailure::TokenExpired,
            SsoFailure::BadSignature,
            SsoFailure::InvalidToken(String::new()),
            SsoFailure::NoEmail,
            SsoFailure::UnverifiedEmail,
            SsoFailure::DomainNotAllowed,
            SsoFailure::NoMatchingUser,
        ];
        for failure in failures {
            assert!(
                SSO_FAILURE_REASONS.contains(&failure.reason()),
                "{failure:?}"
            );
        }
        for shared in [
            SsoFailure::Inactive,
            SsoFailure::InternalUser,
            SsoFailure::Throttled {
                retry_after_seconds: 1,
            },
            SsoFailure::Unavailable(String::new()),
        ] {
            assert!(
                crate::metrics::LOGIN_FAILURE_REASONS.contains(&shared.reason()),
                "{shared:?}"
            );
        }
    }
}
