//! Exchanging a one-time transfer token for a session on the vanity host: the checks of
//! `POST /api/client-portal/domain-session`, shared with the POST binding's form
//! (`POST /auth/client-portal/handoff`). A token is taken only from the canonical origin: a
//! token sent from anywhere else (a link, another site's form, no `Origin`) is login CSRF.

use actix_web::http::StatusCode;
use actix_web::HttpRequest;
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::dns::VerifyCname;
use portal_actors::handoff::{ConsumeOtt, ConsumeOutcome, ReleaseOtt};
use portal_actors::portal_domain::{DomainStatus, PortalDomain};
use portal_actors::sessions::{CreateSession, NewSession};
use portal_actors::store::portal_domains;

use crate::app::AppState;
use crate::http::extract::{host_without_port, request_host, request_origin};
use crate::http::origin;
use crate::http::redirect::ReturnPath;

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
    ExchangeFailed(#[source] anyhow::Error),
}

impl ExchangeError {
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

    pub fn status(&self) -> StatusCode {
        match self {
            ExchangeError::OttRequired
            | ExchangeError::HostMissing
            | ExchangeError::InvalidOrExpired => StatusCode::BAD_REQUEST,
            ExchangeError::DomainNotFound => StatusCode::NOT_FOUND,
            ExchangeError::OriginNotAllowed
            | ExchangeError::DomainInactive { .. }
            | ExchangeError::DomainMismatch => StatusCode::FORBIDDEN,
            ExchangeError::DnsMismatch => StatusCode::CONFLICT,
            ExchangeError::ExchangeFailed(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn failed(e: impl std::fmt::Display) -> Self {
        ExchangeError::ExchangeFailed(anyhow::anyhow!("{e}"))
    }
}

/// A successful exchange: the new session and where to go.
pub struct Exchanged {
    pub session: NewSession,
    pub redirect_to: String,
    pub canonical_host: String,
    pub domain: PortalDomain,
}

/// Runs every check, consumes the token (once), and starts a session for this host.
pub async fn exchange(
    state: &AppState,
    req: &HttpRequest,
    ott: Option<&str>,
    return_path: Option<&str>,
) -> Result<Exchanged, ExchangeError> {
    let result = run(state, req, ott, return_path).await;
    let (outcome, reason) = match &result {
        Ok(_) => ("success", "none"),
        Err(e) => ("failure", e.code()),
    };
    state
        .metrics
        .handoff_exchanges
        .with_label_values(&[outcome, reason])
        .inc();
    if let Err(ExchangeError::ExchangeFailed(e)) = &result {
        tracing::error!(error = ?e, "handoff exchange failed");
    }
    result
}

async fn run(
    state: &AppState,
    req: &HttpRequest,
    ott: Option<&str>,
    return_path: Option<&str>,
) -> Result<Exchanged, ExchangeError> {
    // First, before anything is looked up or consumed: only the canonical host's pages may
    // hand a token over (a missing, `null` or other `Origin` is refused).
    if !origin::is(req, &state.canonical_origin()) {
        return Err(ExchangeError::OriginNotAllowed);
    }
    let ott = ott
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(ExchangeError::OttRequired)?;
    let host = request_host(req).ok_or(ExchangeError::HostMissing)?;
    let name = host_without_port(&host);
    // Read fresh (not cached): a domain just disabled must stop accepting handoffs at once.
    let domain = portal_domains::find_by_domain(&state.services.db, name)
        .await
        .map_err(ExchangeError::failed)?
        .ok_or(ExchangeError::DomainNotFound)?;
    if !domain.status.is_handoff_eligible() {
        return Err(ExchangeError::DomainInactive {
            canonical_host: domain.canonical_host,
        });
    }
    // Active domains were verified at registration; proxies may hide their CNAME since.
    if domain.status != DomainStatus::Active && state.dns_check {
        let check = state
            .dns
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
    let consumed = state
        .services
        .handoff
        .send(ConsumeOtt {
            token: ott.to_owned(),
            domain: domain.domain.clone(),
        })
        .await
        .map_err(ExchangeError::failed)?
        .map_err(ExchangeError::failed)?;
    let (user, token_return, auth_method, consumed_at) = match consumed {
        ConsumeOutcome::Consumed {
            user,
            return_path,
            auth_method,
            consumed_at,
        } => (user, return_path, auth_method, consumed_at),
        ConsumeOutcome::WrongDomain => return Err(ExchangeError::DomainMismatch),
        ConsumeOutcome::InvalidOrExpired => return Err(ExchangeError::InvalidOrExpired),
    };
    let redirect_to = return_path
        .and_then(ReturnPath::parse)
        .or_else(|| ReturnPath::parse(&token_return))
        .unwrap_or_else(|| ReturnPath::or_default(None));
    let origin = request_origin(req);
    let created = state
        .services
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
            // Give the token back: a failed exchange changes nothing.
            let released = state
                .services
                .handoff
                .send(ReleaseOtt {
                    token: ott.to_owned(),
                    consumed_at,
                })
                .await;
            if !matches!(released, Ok(Ok(true))) {
                tracing::error!(
                    "a consumed transfer token could not be released after a failed exchange"
                );
            }
            return Err(e);
        }
    };
    state.services.audit.do_send(Record(AuditRecord {
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
        redirect_to: redirect_to.as_str().to_owned(),
        canonical_host: domain.canonical_host.clone(),
        domain,
    })
}
