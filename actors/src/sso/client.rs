//! The OpenID Connect client behind the `Sso` actor: discovery and key sets cached per issuer,
//! the authorization URL with its recorded flow, and the callback's code exchange and ID token
//! verification.

use crate::clock::TimeArith;
use std::sync::Arc;

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

use super::messages::*;
use super::providers::{self, ProviderConfig, ProviderKind};
use super::{SsoSettings, ACTOR_NAME};
use crate::clock::SharedClock;
use crate::db::Db;
use crate::registry::ActorRegistry;
use crate::secret_box::SecretBox;
use crate::store::sso::{self as store, NewFlow};
use crate::tokens;

/// A provider's endpoints and keys, as discovery gave them.
#[derive(Clone)]
pub(super) struct ProviderEndpoints {
    auth_url: AuthUrl,
    token_url: TokenUrl,
    jwks_uri: JsonWebKeySetUrl,
    jwks: CoreJsonWebKeySet,
}

#[derive(Clone)]
pub(super) struct SsoCore {
    pub(super) db: Db,
    pub(super) clock: SharedClock,
    pub(super) secret_box: SecretBox,
    pub(super) http: reqwest::Client,
    pub(super) settings: SsoSettings,
    pub(super) endpoints: Cache<String, Arc<ProviderEndpoints>>,
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
    pub(super) async fn sweep(&self, registry: &ActorRegistry) -> Result<u64, SsoFailure> {
        let now = self.clock.now();
        let n =
            store::delete_expired_flows(&self.db, now.minus(chrono::Duration::hours(1))).await?;
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

    pub(super) async fn begin(&self, msg: BeginSignIn) -> Result<StartedSignIn, SsoFailure> {
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
                expires_at: now.plus(self.settings.flow_ttl),
            },
        )
        .await?;
        Ok(StartedSignIn {
            authorization_url: url.to_string(),
            state,
        })
    }

    pub(super) async fn complete(
        &self,
        msg: CompleteSignIn,
    ) -> Result<VerifiedIdentity, FailedSignIn> {
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
            started_at: row.created_at,
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
                started_at: row.created_at,
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
        started_at: row.created_at,
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
