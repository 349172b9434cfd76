//! Request facts (host, scheme, client address, origin), the CSP nonce, and `PortalUser` (the
//! signed-in client, or a redirect to sign-in). Which tenant a request is for is `http::tenant`.

use std::convert::Infallible;
use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use portal_actors::model::{RequestOrigin, TenantInfo, UserType};
use portal_actors::sessions::{ActiveSession, ResolveSession, SessionLookup};
use portal_actors::tenant_directory::TenantKey;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{RenewLegacySession, LEGACY_SESSION_COOKIE, SESSION_COOKIE};
use crate::http::forwarded::{self, TrustedProxy};
use crate::http::redirect::{sign_in_location, ReturnPath};
use crate::http::tenant::canonical_sign_in_for_vanity;
// Re-exported for the routes that still import them from here (`http::tenant` owns them).
pub use crate::http::tenant::{lookup, query_tenant_slug, vanity_domain};

/// Longest Host header considered.
const MAX_HOST_LEN: usize = 261;
/// Longest User-Agent kept with sessions and audit events.
const MAX_USER_AGENT_LEN: usize = 512;

/// The nonce the security middleware put in this response's CSP.
#[derive(Debug, Clone, Default)]
pub struct CspNonce(pub String);

impl FromRequest for CspNonce {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(req
            .extensions()
            .get::<CspNonce>()
            .cloned()
            .unwrap_or_default()))
    }
}

/// The configured proxies, when the direct peer is one of them.
fn trusted_proxies_of_peer(req: &HttpRequest) -> Option<&[TrustedProxy]> {
    let peer = req.peer_addr()?;
    let state = req.app_data::<web::Data<AppState>>()?;
    forwarded::is_trusted(&state.trusted_proxies, peer.ip())
        .then_some(state.trusted_proxies.as_slice())
}

/// Every line of header `name`, in order (lines that are not text are skipped).
fn header_lines<'a>(req: &'a HttpRequest, name: &str) -> Vec<&'a str> {
    req.headers()
        .get_all(name)
        .filter_map(|v| v.to_str().ok())
        .collect()
}

/// `X-Forwarded-Host` or `X-Forwarded-Proto`, believed only from a trusted proxy. Proxies that
/// append to these (as to `X-Forwarded-For`) put what they saw last, and anything further left may
/// have come from the client, so the rightmost value counts: the one the nearest trusted proxy
/// wrote. Proxies that overwrite the header leave a single value, the same answer.
fn forwarded(req: &HttpRequest, name: &str) -> Option<String> {
    trusted_proxies_of_peer(req)?;
    forwarded::rightmost(header_lines(req, name).into_iter()).map(str::to_owned)
}

/// `https` or `http` as the client used it (TLS here, or `X-Forwarded-Proto` from a trusted proxy).
pub fn request_scheme(req: &HttpRequest) -> &'static str {
    match forwarded(req, "x-forwarded-proto").as_deref() {
        Some("https") => "https",
        Some(_) => "http",
        None if req.connection_info().scheme() == "https" => "https",
        None => "http",
    }
}

/// The host the client asked for, lowercased, without a trailing dot; `None` when absent or
/// malformed. `X-Forwarded-Host` counts only from a trusted proxy: anyone else could claim any
/// tenant with it.
pub fn request_host(req: &HttpRequest) -> Option<String> {
    let raw = match (
        forwarded(req, "x-forwarded-host"),
        req.headers().get(header::HOST),
    ) {
        (Some(host), _) => host,
        (None, Some(value)) => value.to_str().ok()?.to_owned(),
        (None, None) => req.uri().authority()?.to_string(),
    };
    let host = raw.trim().trim_end_matches('.').to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.len() <= MAX_HOST_LEN
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    valid.then_some(host)
}

/// The host without its port.
pub fn host_without_port(host: &str) -> &str {
    if host.starts_with('[') {
        // `[v6]` or `[v6]:port`; a bracket never closed is kept whole (it names no tenant).
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// The client's address: the peer, or behind trusted proxies the first address in
/// `X-Forwarded-For` from the right that is not one of them (`forwarded::client_ip`).
pub fn client_ip(req: &HttpRequest) -> Option<std::net::IpAddr> {
    let peer = req.peer_addr()?.ip();
    Some(match trusted_proxies_of_peer(req) {
        Some(trusted) => forwarded::client_ip(
            peer,
            header_lines(req, "x-forwarded-for").into_iter(),
            trusted,
        ),
        None => peer.to_canonical(),
    })
}

/// Who is asking: host, client address and User-Agent, for sessions and audit.
pub fn request_origin(req: &HttpRequest) -> RequestOrigin {
    let ip = client_ip(req).map(|ip| ip.to_string());
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.chars().take(MAX_USER_AGENT_LEN).collect());
    RequestOrigin {
        ip,
        user_agent,
        host: request_host(req).unwrap_or_default(),
    }
}

/// A signed-in client user of this host's portal.
#[derive(Debug, Clone)]
pub struct PortalUser {
    pub session: ActiveSession,
    pub tenant: TenantInfo,
    /// The cookie value (needed to revoke the session).
    pub token: String,
}

impl FromRequest for PortalUser {
    type Error = PortalError;
    type Future = LocalBoxFuture<'static, Result<Self, PortalError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        // The new name first; the old one only when the new one is absent (never as a fallback
        // for a new cookie that does not resolve: that would let a planted old cookie win).
        let (token, legacy) = match req.cookie(SESSION_COOKIE) {
            Some(c) => (Some(c.value().to_owned()), false),
            None => (
                req.cookie(LEGACY_SESSION_COOKIE)
                    .map(|c| c.value().to_owned()),
                true,
            ),
        };
        let host = request_host(req);
        let slug = query_tenant_slug(req);
        let path = match req.uri().path_and_query() {
            Some(pq) => pq.as_str().to_owned(),
            None => req.path().to_owned(),
        };
        let request = req.clone();
        Box::pin(async move {
            let state =
                state.ok_or_else(|| PortalError::Unexpected(anyhow::anyhow!("no app state")))?;
            let callback = ReturnPath::parse(&path);
            let host = host.as_deref();
            // No cookie and an unknown cookie end the same way.
            let lookup_result = match &token {
                Some(token) => state
                    .services
                    .sessions
                    .send(ResolveSession {
                        token: token.clone(),
                    })
                    .await
                    .map_err(PortalError::unavailable)?
                    .map_err(PortalError::unavailable)?,
                None => SessionLookup::Missing,
            };
            let (session, token) = match (lookup_result, token) {
                (SessionLookup::Active(session), Some(token)) => (*session, token),
                (SessionLookup::Ended { tenant }, _) => {
                    let slug = match tenant {
                        Some(id) => lookup(&state, TenantKey::Id(id)).await?.map(|t| t.slug),
                        None => slug,
                    };
                    return Err(sign_in_required(
                        &state,
                        host,
                        callback.as_ref(),
                        slug.as_deref(),
                        Some("expired=1"),
                    )
                    .await);
                }
                _ => {
                    return Err(sign_in_required(
                        &state,
                        host,
                        callback.as_ref(),
                        slug.as_deref(),
                        None,
                    )
                    .await);
                }
            };
            // A session belongs to the host it was created on.
            if host != Some(session.record.host.as_str()) {
                return Err(sign_in_required(
                    &state,
                    host,
                    callback.as_ref(),
                    slug.as_deref(),
                    None,
                )
                .await);
            }
            let Some(tenant) = lookup(&state, TenantKey::Id(session.record.user.tenant)).await?
            else {
                return Err(sign_in_required(&state, host, None, None, None).await);
            };
            if session.record.user.user_type != UserType::Client {
                return Err(PortalError::AccessDenied {
                    location: sign_in_location(
                        None,
                        Some(&tenant.slug),
                        Some("error=AccessDenied"),
                    ),
                });
            }
            if legacy {
                let max_age = session
                    .record
                    .expires_at
                    .signed_duration_since(state.clock.now())
                    .max(chrono::Duration::zero());
                request.extensions_mut().insert(RenewLegacySession {
                    token: token.clone(),
                    max_age,
                });
            }
            Ok(PortalUser {
                session,
                tenant,
                token,
            })
        })
    }
}

/// Where a visitor without a usable session goes: this host's sign-in page, or on a vanity
/// host the canonical one with an absolute `callbackUrl` back here.
async fn sign_in_required(
    state: &AppState,
    host: Option<&str>,
    callback: Option<&ReturnPath>,
    slug: Option<&str>,
    extra: Option<&str>,
) -> PortalError {
    let vanity = match vanity_domain(state, host).await {
        Ok(vanity) => vanity,
        Err(e) => return e,
    };
    let location = match vanity {
        Some(domain) => match lookup(state, TenantKey::Id(domain.tenant)).await {
            Ok(Some(tenant)) => {
                let path =
                    callback.map_or(crate::http::redirect::DEFAULT_AFTER_SIGN_IN, |c| c.as_str());
                canonical_sign_in_for_vanity(state, &domain, &tenant.slug, path)
            }
            Ok(None) => sign_in_location(callback, slug, extra),
            Err(e) => return e,
        },
        None => sign_in_location(callback, slug, extra),
    };
    PortalError::SignInRequired { location }
}

#[cfg(test)]
mod tests {
    use super::host_without_port;

    #[test]
    fn ports_are_stripped() {
        assert_eq!(host_without_port("portal.example:8443"), "portal.example");
        assert_eq!(host_without_port("portal.example"), "portal.example");
        assert_eq!(host_without_port("[::1]:8080"), "[::1]");
    }
}
