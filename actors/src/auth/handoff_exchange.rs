//! Exchanging a one-time transfer token for a session on the vanity host: the fresh domain
//! read, the DNS re-check, consuming the token (once), the session, giving the token back when
//! the session cannot be made, the audit event and the `portal_handoff_exchanges_total` count.
//! The HTTP edge only supplies the request's facts and maps the outcome.

use crate::mailbox::CountingAddr;

use crate::audit::{AuditRecord, Record};
use crate::dns::{DnsVerifier, VerifyCname};
use crate::handoff::{ConsumeOtt, ConsumeOutcome, ReleaseOtt};
use crate::model::RequestOrigin;
use crate::portal_domain::{DomainStatus, PortalDomain};
use crate::services::Services;
use crate::sessions::{CreateSession, NewSession};
use crate::store::portal_domains;

/// Why an exchange failed: each a JSON error code of the API.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("origin_not_allowed")]
    OriginNotAllowed,
    #[error("ott_required")]
    OttRequired,
    #[error("host_missing")]
    HostMissing,
    #[error("domain_not_found")]
    DomainNotFound,
    #[error("domain_inactive")]
    DomainInactive { canonical_host: String },
    #[error("domain_mismatch")]
    DomainMismatch,
    #[error("dns_mismatch")]
    DnsMismatch,
    #[error("invalid_or_expired")]
    InvalidOrExpired,
    #[error("exchange_failed")]
    ExchangeFailed(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ExchangeError {
    /// The error code of the API (and the metric's `reason`).
    pub fn code(&self) -> &'static str {
        match self {
            ExchangeError::OriginNotAllowed => "origin_not_allowed",
            ExchangeError::OttRequired => "ott_required",
            ExchangeError::HostMissing => "host_missing",
            ExchangeError::DomainNotFound => "domain_not_found",
            ExchangeError::DomainInactive { .. } => "domain_inactive",
            ExchangeError::DomainMismatch => "domain_mismatch",
            ExchangeError::DnsMismatch => "dns_mismatch",
            ExchangeError::InvalidOrExpired => "invalid_or_expired",
            ExchangeError::ExchangeFailed(_) => "exchange_failed",
        }
    }

    fn failed(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        ExchangeError::ExchangeFailed(Box::new(e))
    }
}

/// What the HTTP edge knows of an exchange request.
pub struct ExchangeRequest<'a> {
    /// Whether `Origin` is the canonical origin: checked first, before anything is looked up.
    pub origin_allowed: bool,
    pub ott: Option<&'a str>,
    /// The host asked for, without its port (`None` when absent or malformed).
    pub host: Option<&'a str>,
    pub origin: RequestOrigin,
    /// Re-checks the CNAME of a domain not yet active (`None` when DNS checks are off).
    pub dns: Option<&'a CountingAddr<DnsVerifier>>,
}

/// A successful exchange: the new session, and where the token said to go.
pub struct Exchanged {
    pub session: NewSession,
    /// The return path the token was issued with (not yet validated).
    pub token_return_path: String,
    pub canonical_host: String,
    pub domain: PortalDomain,
}

/// Runs every check, consumes the token (once), and starts a session for this host; counts
/// every outcome.
#[tracing::instrument(skip_all)]
pub async fn exchange_handoff(
    svc: &Services,
    req: ExchangeRequest<'_>,
) -> Result<Exchanged, ExchangeError> {
    let result = run(svc, req).await;
    let (outcome, reason) = match &result {
        Ok(_) => ("success", "none"),
        Err(e) => ("failure", e.code()),
    };
    svc.metrics
        .handoff_exchanges
        .with_label_values(&[outcome, reason])
        .inc();
    if let Err(ExchangeError::ExchangeFailed(e)) = &result {
        tracing::error!(error = ?e, "handoff exchange failed");
    }
    result
}

async fn run(svc: &Services, req: ExchangeRequest<'_>) -> Result<Exchanged, ExchangeError> {
    // First, before anything is looked up or consumed: only the canonical host's pages may
    // hand a token over (a missing, `null` or other `Origin` is refused).
    if !req.origin_allowed {
        return Err(ExchangeError::OriginNotAllowed);
    }
    let ott = req
        .ott
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(ExchangeError::OttRequired)?;
    let name = req.host.ok_or(ExchangeError::HostMissing)?;
    let domain = eligible_domain(svc, name, req.dns).await?;
    let consumed = svc
        .handoff
        .send(ConsumeOtt {
            token: ott.to_owned(),
            domain: domain.domain.clone(),
        })
        .await
        .map_err(ExchangeError::failed)?
        .map_err(ExchangeError::failed)?;
    let (user, token_return_path, auth_method, consumed_at) = match consumed {
        ConsumeOutcome::Consumed {
            user,
            return_path,
            auth_method,
            consumed_at,
        } => (user, return_path, auth_method, consumed_at),
        ConsumeOutcome::WrongDomain => return Err(ExchangeError::DomainMismatch),
        ConsumeOutcome::InvalidOrExpired => return Err(ExchangeError::InvalidOrExpired),
    };
    let origin = req.origin;
    let created = svc
        .sessions
        .send(CreateSession {
            user: (*user).clone(),
            origin: origin.clone(),
            auth_method,
        })
        .await
        .map_err(ExchangeError::failed)
        .and_then(|r| r.map_err(ExchangeError::failed));
    let session = match created {
        Ok(session) => session,
        Err(e) => {
            release(svc, ott, consumed_at).await;
            return Err(e);
        }
    };
    svc.audit.do_send(Record(AuditRecord {
        tenant: user.tenant,
        event_type: "handoff",
        outcome: "success",
        user_id: Some(user.user_id),
        email: Some(user.email.clone()),
        origin,
        details: Some(serde_json::json!({ "domain": domain.domain }).to_string()),
        ..AuditRecord::default()
    }));
    Ok(Exchanged {
        session,
        token_return_path,
        canonical_host: domain.canonical_host.clone(),
        domain,
    })
}

/// The portal domain named `name`, read fresh (not cached: a domain just disabled must stop
/// accepting handoffs at once), when it may take a handoff.
async fn eligible_domain(
    svc: &Services,
    name: &str,
    dns: Option<&CountingAddr<DnsVerifier>>,
) -> Result<PortalDomain, ExchangeError> {
    let domain = portal_domains::find_by_domain(&svc.db, name)
        .await
        .map_err(ExchangeError::failed)?
        .ok_or(ExchangeError::DomainNotFound)?;
    if !domain.status.is_handoff_eligible() {
        return Err(ExchangeError::DomainInactive {
            canonical_host: domain.canonical_host,
        });
    }
    // Active domains were verified at registration; proxies may hide their CNAME since.
    if let (false, Some(dns)) = (domain.status == DomainStatus::Active, dns) {
        let check = dns
            .send(VerifyCname {
                domain: domain.domain.clone(),
                expected: domain.expected_cname.clone(),
            })
            .await
            .map_err(ExchangeError::failed)?
            .map_err(ExchangeError::failed)?;
        if !check.matches {
            return Err(ExchangeError::DnsMismatch);
        }
    }
    Ok(domain)
}

/// Gives a consumed token back: a failed exchange changes nothing.
async fn release(svc: &Services, ott: &str, consumed_at: chrono::DateTime<chrono::Utc>) {
    let released = svc
        .handoff
        .send(ReleaseOtt {
            token: ott.to_owned(),
            consumed_at,
        })
        .await;
    if !matches!(released, Ok(Ok(true))) {
        tracing::error!("a consumed transfer token could not be released after a failed exchange");
    }
}
