//! `Sso`: sign-in through a tenant's OpenID Connect providers (Google, Keycloak) with the
//! `openidconnect` crate. Authorization code with PKCE, `state` and `nonce`; the sign-in in
//! flight is a `sso_flows` row (state hashed, PKCE verifier sealed) consumed once by the
//! callback, on any instance. Discovery documents and key sets are cached per issuer (moka)
//! and the key set is fetched again when an ID token names a key it does not hold (rotation).

pub mod operators;
pub mod providers;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix::{Actor, AsyncContext, Context, Handler, Message, ResponseFuture, Supervised};
use moka::sync::Cache;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreJsonWebKeySet, CoreProviderMetadata,
};
use openidconnect::{
    AuthUrl, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    IssuerUrl, JsonWebKeySetUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    SignatureVerificationError, TokenResponse, TokenUrl,
};
use secrecy::ExposeSecret;
use uuid::Uuid;

use crate::clock::SharedClock;
use crate::db::{Db, DbError};
use crate::registry::ActorRegistry;
use crate::secret_box::SecretBox;
use crate::store::sso::{self as store, NewFlow};
use crate::supervision::{injected_fault, ActorFault, InjectPanic, Restart};
use crate::tokens;
use providers::{ProviderConfig, ProviderKind, SsoConfigError};

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

/// Why an SSO sign-in failed; `reason()` is the metric label and audit reason.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SsoFailure {
    #[error("no such provider (or it is turned off)")]
    UnknownProvider,
    #[error("state missing, unknown, used or expired")]
    InvalidState,
    #[error("the user declined at the provider")]
    AccessDenied,
    #[error("the provider answered with an error: {0}")]
    ProviderError(String),
    #[error("the provider cannot be reached: {0}")]
    ProviderUnreachable(String),
    #[error("ID token for another audience")]
    WrongAudience,
    #[error("ID token from another issuer")]
    WrongIssuer,
    #[error("ID token nonce does not match")]
    BadNonce,
    #[error("ID token expired")]
    TokenExpired,
    #[error("ID token signature invalid or key unknown")]
    BadSignature,
    #[error("ID token invalid: {0}")]
    InvalidToken(String),
    #[error("the provider gave no email address")]
    NoEmail,
    #[error("the provider has not verified the email address")]
    UnverifiedEmail,
    #[error("the email's domain is not allowed for this provider")]
    DomainNotAllowed,
    #[error("no portal user matches this identity")]
    NoMatchingUser,
    #[error("the user or their company is inactive")]
    Inactive,
    #[error("internal users cannot use the client portal")]
    InternalUser,
    /// Too many sign-ins started from this address; may retry after this many seconds.
    #[error("too many SSO sign-ins started from this address")]
    Throttled { retry_after_seconds: i64 },
    #[error("sign-in unavailable: {0}")]
    Unavailable(String),
}

impl SsoFailure {
    /// The `reason` label (bounded) and audit reason.
    pub fn reason(&self) -> &'static str {
        match self {
            SsoFailure::UnknownProvider => "unknown_provider",
            SsoFailure::InvalidState => "invalid_state",
            SsoFailure::AccessDenied => "access_denied",
            SsoFailure::ProviderError(_) => "provider_error",
            SsoFailure::ProviderUnreachable(_) => "provider_unreachable",
            SsoFailure::WrongAudience => "wrong_audience",
            SsoFailure::WrongIssuer => "wrong_issuer",
            SsoFailure::BadNonce => "bad_nonce",
            SsoFailure::TokenExpired => "token_expired",
            SsoFailure::BadSignature => "bad_signature",
            SsoFailure::InvalidToken(_) => "invalid_token",
            SsoFailure::NoEmail => "no_email",
            SsoFailure::UnverifiedEmail => "unverified_email",
            SsoFailure::DomainNotAllowed => "domain_not_allowed",
            SsoFailure::NoMatchingUser => "no_matching_user",
            SsoFailure::Inactive => "inactive",
            SsoFailure::InternalUser => "internal_user",
            SsoFailure::Throttled { .. } => "throttled",
            SsoFailure::Unavailable(_) => "error",
        }
    }
}

impl From<DbError> for SsoFailure {
    fn from(e: DbError) -> Self {
        SsoFailure::Unavailable(e.to_string())
    }
}

impl From<SsoConfigError> for SsoFailure {
    fn from(e: SsoConfigError) -> Self {
        SsoFailure::Unavailable(e.to_string())
    }
}

/// Every `reason` an SSO sign-in can fail with (for the metric's zero series).
pub const SSO_FAILURE_REASONS: &[&str] = &[
    "unknown_provider",
    "invalid_state",
    "access_denied",
    "provider_error",
    "provider_unreachable",
    "wrong_audience",
    "wrong_issuer",
    "bad_nonce",
    "token_expired",
    "bad_signature",
    "invalid_token",
    "no_email",
    "unverified_email",
    "domain_not_allowed",
    "no_matching_user",
];

/// Starts a sign-in at a provider: the URL to send the browser to, and the `state` it must
/// also keep in a cookie.
#[derive(Message)]
#[rtype(result = "Result<StartedSignIn, SsoFailure>")]
pub struct BeginSignIn {
    pub tenant: Uuid,
    pub provider: String,
    /// The portal's callback URL on the host the user signs in on (registered at the provider).
    pub redirect_uri: String,
    pub return_path: String,
    pub handoff_domain: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StartedSignIn {
    pub authorization_url: String,
    pub state: String,
}

/// What the provider sent back to the callback.
#[derive(Debug, Clone)]
pub enum ProviderAnswer {
    Code(String),
    Error {
        error: String,
        description: Option<String>,
    },
}

/// Finishes a sign-in at the callback: consumes the flow, exchanges the code and verifies the
/// ID token. The result names the flow (tenant, return path) even when it failed after it.
#[derive(Message)]
#[rtype(result = "Result<VerifiedIdentity, FailedSignIn>")]
pub struct CompleteSignIn {
    pub state: String,
    pub answer: ProviderAnswer,
}

/// The sign-in a callback belongs to.
#[derive(Debug, Clone)]
pub struct FlowContext {
    pub tenant: Uuid,
    pub provider: String,
    pub return_path: String,
    pub handoff_domain: Option<String>,
}

/// An identity the provider vouched for, with the provider's settings that apply to it.
#[derive(Debug, Clone)]
pub struct VerifiedIdentity {
    pub flow: FlowContext,
    pub provider: ProviderConfig,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// Authentication method references (`amr`), as the provider listed them.
    pub amr: Vec<String>,
}

impl VerifiedIdentity {
    /// Whether the provider says the user passed more than one factor (RFC 8176 `amr`):
    /// `mfa` itself, or a second-factor method beside another method.
    pub fn multi_factor(&self) -> bool {
        const SECOND_FACTORS: &[&str] = &["otp", "hwk", "swk", "sms", "tel", "sc", "fpt", "face"];
        self.amr.iter().any(|m| m == "mfa")
            || (self.amr.len() >= 2
                && self
                    .amr
                    .iter()
                    .any(|m| SECOND_FACTORS.contains(&m.as_str())))
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{failure}")]
pub struct FailedSignIn {
    /// `None` when no flow matched the state.
    pub flow: Option<FlowContext>,
    pub failure: SsoFailure,
}

/// Forgets every cached discovery document and key set; returns how many.
#[derive(Message)]
#[rtype(result = "Result<u64, SsoFailure>")]
pub struct FlushSsoCache;

/// Deletes sign-ins that expired an hour ago or more; returns how many.
#[derive(Message)]
#[rtype(result = "Result<u64, SsoFailure>")]
pub struct SweepFlows;

/// A provider's endpoints and keys, as discovery gave them.
#[derive(Clone)]
struct ProviderEndpoints {
    auth_url: AuthUrl,
    token_url: TokenUrl,
    jwks_uri: JsonWebKeySetUrl,
    jwks: CoreJsonWebKeySet,
}

#[derive(Clone)]
struct SsoCore {
    db: Db,
    clock: SharedClock,
    secret_box: SecretBox,
    http: reqwest::Client,
    settings: SsoSettings,
    endpoints: Cache<String, Arc<ProviderEndpoints>>,
}

fn flow_context(tenant: Uuid, provider: &str) -> Vec<u8> {
    let mut context = b"sso-flow:".to_vec();
    context.extend_from_slice(tenant.as_bytes());
    context.extend_from_slice(provider.as_bytes());
    context
}

fn unreachable<E: std::error::Error>(e: E) -> SsoFailure {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    SsoFailure::ProviderUnreachable(text)
}

impl SsoCore {
    /// The provider's endpoints, from the cache or its discovery document.
    async fn endpoints(&self, issuer: &str) -> Result<Arc<ProviderEndpoints>, SsoFailure> {
        if let Some(found) = self.endpoints.get(issuer) {
            return Ok(found);
        }
        let issuer_url = IssuerUrl::new(issuer.to_owned())
            .map_err(|e| SsoFailure::ProviderError(format!("issuer: {e}")))?;
        let metadata = CoreProviderMetadata::discover_async(issuer_url, &self.http)
            .await
            .map_err(unreachable)?;
        let token_url = metadata
            .token_endpoint()
            .cloned()
            .ok_or_else(|| SsoFailure::ProviderError("no token endpoint".into()))?;
        let endpoints = Arc::new(ProviderEndpoints {
            auth_url: metadata.authorization_endpoint().clone(),
            token_url,
            jwks_uri: metadata.jwks_uri().clone(),
            jwks: metadata.jwks().clone(),
        });
        self.endpoints.insert(issuer.to_owned(), endpoints.clone());
        Ok(endpoints)
    }

    /// Deletes sign-ins that expired an hour ago or more.
    async fn sweep(&self, registry: &ActorRegistry) -> Result<u64, SsoFailure> {
        let now = self.clock.now();
        let n = store::delete_expired_flows(&self.db, now - chrono::Duration::hours(1)).await?;
        registry.periodic(ACTOR_NAME, now, format!("swept {n} sign-in flow(s)"));
        Ok(n)
    }

    /// The key set again (an ID token named a key the cached set lacks).
    async fn refresh_keys(
        &self,
        issuer: &str,
        endpoints: &ProviderEndpoints,
    ) -> Result<Arc<ProviderEndpoints>, SsoFailure> {
        let jwks = CoreJsonWebKeySet::fetch_async(&endpoints.jwks_uri, &self.http)
            .await
            .map_err(unreachable)?;
        let fresh = Arc::new(ProviderEndpoints {
            jwks,
            ..endpoints.clone()
        });
        self.endpoints.insert(issuer.to_owned(), fresh.clone());
        Ok(fresh)
    }

    async fn provider(&self, tenant: Uuid, slug: &str) -> Result<ProviderConfig, SsoFailure> {
        providers::provider_for_sign_in(&self.db, &self.secret_box, tenant, slug)
            .await?
            .ok_or(SsoFailure::UnknownProvider)
    }

    async fn begin(&self, msg: BeginSignIn) -> Result<StartedSignIn, SsoFailure> {
        let provider = self.provider(msg.tenant, &msg.provider).await?;
        let endpoints = self.endpoints(&provider.issuer).await?;
        let redirect = RedirectUrl::new(msg.redirect_uri.clone())
            .map_err(|e| SsoFailure::Unavailable(format!("redirect URI: {e}")))?;
        let client = CoreClient::new(
            ClientId::new(provider.client_id.clone()),
            IssuerUrl::new(provider.issuer.clone())
                .map_err(|e| SsoFailure::ProviderError(e.to_string()))?,
            endpoints.jwks.clone(),
        )
        .set_auth_uri(endpoints.auth_url.clone())
        .set_redirect_uri(redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let state = tokens::random_token();
        let state_for_url = state.clone();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                move || CsrfToken::new(state_for_url),
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge);
        if provider.kind == ProviderKind::Google {
            // Google: pre-select an account of the allowed Workspace domain when there is one.
            if let [only] = provider.allowed_domains.as_slice() {
                request = request.add_extra_param("hd", only.clone());
            }
        }
        let (url, _, nonce) = request.url();
        let now = self.clock.now();
        let state_hash = tokens::token_hash(&state);
        let sealed_verifier = self
            .secret_box
            .seal(
                verifier.secret().as_bytes(),
                &flow_context(msg.tenant, &state_hash),
            )
            .map_err(|e| SsoFailure::Unavailable(e.to_string()))?;
        store::insert_flow(
            &self.db,
            &NewFlow {
                tenant: msg.tenant,
                state_hash: &state_hash,
                provider: &provider.provider,
                nonce: nonce.secret(),
                pkce_verifier: &sealed_verifier,
                redirect_uri: &msg.redirect_uri,
                return_path: &msg.return_path,
                handoff_domain: msg.handoff_domain.as_deref(),
                created_at: now,
                expires_at: now + self.settings.flow_ttl,
            },
        )
        .await?;
        Ok(StartedSignIn {
            authorization_url: url.to_string(),
            state,
        })
    }

    async fn complete(&self, msg: CompleteSignIn) -> Result<VerifiedIdentity, FailedSignIn> {
        let fail = |flow: Option<&FlowContext>, failure| FailedSignIn {
            flow: flow.cloned(),
            failure,
        };
        if !tokens::is_well_formed(&msg.state) {
            return Err(fail(None, SsoFailure::InvalidState));
        }
        let state_hash = tokens::token_hash(&msg.state);
        let Some(row) = store::consume_flow(&self.db, &state_hash, self.clock.now())
            .await
            .map_err(|e| fail(None, e.into()))?
        else {
            // Used already (a replay) or expired: refused, under its tenant when it existed.
            let known = refused_flow(&self.db, &msg.state).await;
            return Err(fail(known.as_ref(), SsoFailure::InvalidState));
        };
        let flow = FlowContext {
            tenant: row.tenant,
            provider: row.provider.clone(),
            return_path: row.return_path.clone(),
            handoff_domain: row.handoff_domain.clone(),
        };
        let code = match msg.answer {
            ProviderAnswer::Code(code) => code,
            ProviderAnswer::Error { error, description } => {
                let failure = if error == "access_denied" {
                    SsoFailure::AccessDenied
                } else {
                    let text = match description {
                        Some(d) => format!("{error}: {d}"),
                        None => error,
                    };
                    SsoFailure::ProviderError(text.chars().take(200).collect())
                };
                return Err(fail(Some(&flow), failure));
            }
        };
        let provider = self
            .provider(row.tenant, &row.provider)
            .await
            .map_err(|f| fail(Some(&flow), f))?;
        let verifier = self
            .secret_box
            .open(&row.pkce_verifier, &flow_context(row.tenant, &state_hash))
            .map_err(|e| fail(Some(&flow), SsoFailure::Unavailable(e.to_string())))?;
        let verifier = String::from_utf8(verifier.expose_secret().to_vec())
            .map_err(|e| fail(Some(&flow), SsoFailure::Unavailable(e.to_string())))?;
        self.exchange(&provider, &row, code, verifier)
            .await
            .map_err(|f| fail(Some(&flow), f))
            .map(|claims| VerifiedIdentity {
                flow: flow.clone(),
                provider,
                ..claims
            })
    }

    /// Exchanges the code (with the PKCE verifier) and verifies the ID token.
    async fn exchange(
        &self,
        provider: &ProviderConfig,
        row: &store::FlowRow,
        code: String,
        verifier: String,
    ) -> Result<VerifiedIdentity, SsoFailure> {
        let mut endpoints = self.endpoints(&provider.issuer).await?;
        let issuer = IssuerUrl::new(provider.issuer.clone())
            .map_err(|e| SsoFailure::ProviderError(e.to_string()))?;
        let redirect = RedirectUrl::new(row.redirect_uri.clone())
            .map_err(|e| SsoFailure::Unavailable(e.to_string()))?;
        let client = |endpoints: &ProviderEndpoints| {
            CoreClient::new(
                ClientId::new(provider.client_id.clone()),
                issuer.clone(),
                endpoints.jwks.clone(),
            )
            .set_client_secret(ClientSecret::new(
                provider.client_secret.expose_secret().to_owned(),
            ))
            .set_auth_uri(endpoints.auth_url.clone())
            .set_token_uri(endpoints.token_url.clone())
            .set_redirect_uri(redirect.clone())
        };
        let response = client(&endpoints)
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(PkceCodeVerifier::new(verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(answer) => {
                    SsoFailure::ProviderError(format!("token endpoint: {}", answer.error()))
                }
                openidconnect::RequestTokenError::Request(e) => unreachable(e),
                other => SsoFailure::ProviderError(other.to_string()),
            })?;
        let id_token = response
            .id_token()
            .ok_or_else(|| SsoFailure::InvalidToken("no ID token".into()))?;
        let nonce = Nonce::new(row.nonce.clone());
        let mut refreshed = false;
        let claims = loop {
            let client = client(&endpoints);
            let clock = self.clock.clone();
            let verifier = client.id_token_verifier().set_time_fn(move || clock.now());
            match id_token.claims(&verifier, &nonce) {
                Ok(claims) => break claims.clone(),
                Err(ClaimsVerificationError::SignatureVerification(
                    SignatureVerificationError::NoMatchingKey,
                )) if !refreshed => {
                    refreshed = true;
                    endpoints = self.refresh_keys(&provider.issuer, &endpoints).await?;
                }
                Err(e) => return Err(claims_failure(e)),
            }
        };
        Ok(VerifiedIdentity {
            flow: FlowContext {
                tenant: provider.tenant,
                provider: provider.provider.clone(),
                return_path: String::new(),
                handoff_domain: None,
            },
            provider: provider.clone(),
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string().trim().to_lowercase()),
            email_verified: claims.email_verified().unwrap_or(false),
            given_name: claims
                .given_name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            family_name: claims
                .family_name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            amr: claims
                .auth_method_refs()
                .map(|list| list.iter().map(|m| m.to_string()).collect())
                .unwrap_or_default(),
        })
    }
}

/// The flow a refused `state` belongs to, whatever its status (for the audit and the page's
/// branding); `None` when there is none or the store cannot say.
pub async fn refused_flow(db: &Db, state: &str) -> Option<FlowContext> {
    if !tokens::is_well_formed(state) {
        return None;
    }
    let row = store::find_flow(db, &tokens::token_hash(state))
        .await
        .ok()
        .flatten()?;
    Some(FlowContext {
        tenant: row.tenant,
        provider: row.provider,
        return_path: row.return_path,
        handoff_domain: row.handoff_domain,
    })
}

fn claims_failure(e: ClaimsVerificationError) -> SsoFailure {
    match e {
        ClaimsVerificationError::InvalidAudience(_) => SsoFailure::WrongAudience,
        ClaimsVerificationError::InvalidIssuer(_) => SsoFailure::WrongIssuer,
        ClaimsVerificationError::InvalidNonce(_) => SsoFailure::BadNonce,
        ClaimsVerificationError::Expired(_) => SsoFailure::TokenExpired,
        ClaimsVerificationError::SignatureVerification(_) => SsoFailure::BadSignature,
        other => SsoFailure::InvalidToken(other.to_string()),
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

impl Actor for Sso {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        self.registry.started(ACTOR_NAME, self.core.clock.now());
        ctx.run_interval(SWEEP_INTERVAL, |act, ctx| {
            let (core, registry) = (act.core.clone(), act.registry.clone());
            ctx.spawn(actix::fut::wrap_future(async move {
                if let Err(e) = core.sweep(&registry).await {
                    tracing::warn!(error = %e, "SSO flow sweep failed");
                    registry.error(ACTOR_NAME, e.to_string());
                }
            }));
        });
    }

    fn stopped(&mut self, _: &mut Self::Context) {
        self.registry.stopped(ACTOR_NAME);
    }
}

impl Supervised for Sso {
    fn restarting(&mut self, _: &mut Self::Context) {
        self.registry.restarting(ACTOR_NAME);
    }
}

impl Handler<BeginSignIn> for Sso {
    type Result = ResponseFuture<Result<StartedSignIn, SsoFailure>>;

    /// Records the flow and builds the authorization URL.
    fn handle(&mut self, msg: BeginSignIn, _: &mut Self::Context) -> Self::Result {
        self.registry.handled(ACTOR_NAME);
        let core = self.core.clone();
        Box::pin(async move { core.begin(msg).await })
    }
}

impl Handler<CompleteSignIn> for Sso {
    type Result = ResponseFuture<Result<VerifiedIdentity, FailedSignIn>>;

    /// Consumes the flow, exchanges the code and verifies the ID token.
    fn handle(&mut self, msg: CompleteSignIn, _: &mut Self::Context) -> Self::Result {
        self.registry.handled(ACTOR_NAME);
        let core = self.core.clone();
        Box::pin(async move { core.complete(msg).await })
    }
}

impl Handler<FlushSsoCache> for Sso {
    type Result = Result<u64, SsoFailure>;

    /// Empties the discovery/key cache.
    fn handle(&mut self, _: FlushSsoCache, _: &mut Self::Context) -> Self::Result {
        let n = self.core.endpoints.entry_count();
        self.core.endpoints.invalidate_all();
        Ok(n)
    }
}

impl Handler<SweepFlows> for Sso {
    type Result = ResponseFuture<Result<u64, SsoFailure>>;

    /// Deletes sign-ins that expired an hour ago or more.
    fn handle(&mut self, _: SweepFlows, _: &mut Self::Context) -> Self::Result {
        let core = self.core.clone();
        let registry = self.registry.clone();
        Box::pin(async move { core.sweep(&registry).await })
    }
}

impl Handler<InjectPanic> for Sso {
    type Result = Result<(), ActorFault>;

    /// Panics inside the handler (fault-injection tests of supervision).
    fn handle(&mut self, _: InjectPanic, ctx: &mut Self::Context) -> Self::Result {
        crate::guard!(ACTOR_NAME, ctx, injected_fault(), Err(ActorFault))
    }
}

impl Handler<Restart> for Sso {
    type Result = Result<(), ActorFault>;

    /// Stops the actor so that its supervisor starts it again.
    fn handle(&mut self, _: Restart, ctx: &mut Self::Context) -> Self::Result {
        actix::ActorContext::stop(ctx);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    fn identity(amr: &[&str]) -> VerifiedIdentity {
        VerifiedIdentity {
            flow: FlowContext {
                tenant: Uuid::nil(),
                provider: "kc".into(),
                return_path: "/".into(),
                handoff_domain: None,
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
