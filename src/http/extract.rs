//! Extractors: the request's host and origin, the CSP nonce, the tenant, and `PortalUser` (the
//! signed-in client, or a redirect to sign-in).

use std::convert::Infallible;
use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use portal_actors::domain::{RequestOrigin, TenantInfo, UserType};
use portal_actors::sessions::{ActiveSession, ResolveSession, SessionLookup};
use portal_actors::tenant_directory::{LookupTenant, TenantKey};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::SESSION_COOKIE;
use crate::http::redirect::{sign_in_location, ReturnPath};

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

/// The `Host` header, lowercased, without a trailing dot; `None` when absent or malformed.
/// (Deliberately not `X-Forwarded-Host`: a client could claim any tenant with it.)
pub fn request_host(req: &HttpRequest) -> Option<String> {
    let raw = match req.headers().get(header::HOST) {
        Some(value) => value.to_str().ok()?.to_owned(),
        None => req.uri().authority()?.to_string(),
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
        return host
            .split(']')
            .next()
            .map_or(host, |h| &host[..h.len() + 1]);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// Who is asking: host, client address and User-Agent, for sessions and audit.
pub fn request_origin(req: &HttpRequest, trust_forwarded_for: bool) -> RequestOrigin {
    let forwarded = trust_forwarded_for
        .then(|| req.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_owned())
        .filter(|v| v.parse::<std::net::IpAddr>().is_ok());
    let ip = forwarded.or_else(|| req.peer_addr().map(|a| a.ip().to_string()));
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

/// The `tenant` query parameter, if well formed.
pub fn query_tenant_slug(req: &HttpRequest) -> Option<String> {
    web::Query::<TenantQuery>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.into_inner().tenant)
        .filter(|s| portal_actors::domain::is_valid_slug(s))
}

#[derive(serde::Deserialize)]
pub struct TenantQuery {
    tenant: Option<String>,
}

/// Finds the tenant a request is for: by its host, else by the slug it names.
pub async fn resolve_tenant(
    state: &AppState,
    host: Option<&str>,
    slug: Option<&str>,
) -> Result<Option<TenantInfo>, PortalError> {
    if let Some(host) = host {
        let candidates = [host, host_without_port(host)];
        for (i, candidate) in candidates.iter().enumerate() {
            if i == 1 && candidate == &host {
                break;
            }
            let found = lookup(state, TenantKey::Host((*candidate).to_owned())).await?;
            if found.is_some() {
                return Ok(found);
            }
        }
    }
    match slug {
        Some(slug) => lookup(state, TenantKey::Slug(slug.to_owned())).await,
        None => Ok(None),
    }
}

pub async fn lookup(state: &AppState, key: TenantKey) -> Result<Option<TenantInfo>, PortalError> {
    state
        .tenants
        .send(LookupTenant(key))
        .await
        .map_err(PortalError::unavailable)?
        .map_err(PortalError::unavailable)
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
        let token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned());
        let host = request_host(req);
        let slug = query_tenant_slug(req);
        let path = match req.uri().path_and_query() {
            Some(pq) => pq.as_str().to_owned(),
            None => req.path().to_owned(),
        };
        Box::pin(async move {
            let state =
                state.ok_or_else(|| PortalError::Unexpected(anyhow::anyhow!("no app state")))?;
            let callback = ReturnPath::parse(&path);
            let sign_in = |slug: Option<&str>, extra: Option<&str>| PortalError::SignInRequired {
                location: sign_in_location(callback.as_ref(), slug, extra),
            };
            let Some(token) = token else {
                return Err(sign_in(slug.as_deref(), None));
            };
            let lookup_result = state
                .auth
                .sessions
                .send(ResolveSession {
                    token: token.clone(),
                })
                .await
                .map_err(PortalError::unavailable)?
                .map_err(PortalError::unavailable)?;
            let session = match lookup_result {
                SessionLookup::Active(session) => *session,
                SessionLookup::Ended { tenant } => {
                    let slug = match tenant {
                        Some(id) => lookup(&state, TenantKey::Id(id)).await?.map(|t| t.slug),
                        None => slug,
                    };
                    return Err(sign_in(slug.as_deref(), Some("expired=1")));
                }
                SessionLookup::Missing => return Err(sign_in(slug.as_deref(), None)),
            };
            // A session belongs to the host it was created on.
            if host.as_deref() != Some(session.record.host.as_str()) {
                return Err(sign_in(slug.as_deref(), None));
            }
            let Some(tenant) = lookup(&state, TenantKey::Id(session.record.user.tenant)).await?
            else {
                return Err(sign_in(None, None));
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
            Ok(PortalUser {
                session,
                tenant,
                token,
            })
        })
    }
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
