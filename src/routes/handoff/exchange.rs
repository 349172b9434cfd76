//! The edge of exchanging a one-time transfer token (`portal_actors::auth::exchange_handoff`):
//! the checks of `POST /api/client-portal/domain-session`, shared with the POST binding's form
//! (`POST /auth/client-portal/handoff`). A token is taken only from the canonical origin: a
//! token sent from anywhere else (a link, another site's form, no `Origin`) is login CSRF.

use actix_web::http::StatusCode;
use actix_web::HttpRequest;
use portal_actors::auth::{exchange_handoff, ExchangeRequest};
use portal_actors::portal_domain::PortalDomain;
use portal_actors::sessions::NewSession;

pub use portal_actors::auth::ExchangeError;

use crate::app::AppState;
use crate::http::extract::{host_without_port, request_host, request_origin};
use crate::http::origin;
use crate::http::redirect::ReturnPath;

/// The HTTP status of each exchange error (its code is `ExchangeError::code`).
pub trait ExchangeStatus {
    /// The status the API and the form answer with.
    fn status(&self) -> StatusCode;
}

impl ExchangeStatus for ExchangeError {
    fn status(&self) -> StatusCode {
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
}

/// A successful exchange: the new session and where to go.
pub struct Exchanged {
    pub session: NewSession,
    pub redirect_to: String,
    pub canonical_host: String,
    pub domain: PortalDomain,
}

/// Runs every check, consumes the token (once), and starts a session for this host; the
/// request's `returnPath` wins over the token's when it is a portal path.
pub async fn exchange(
    state: &AppState,
    req: &HttpRequest,
    ott: Option<&str>,
    return_path: Option<&str>,
) -> Result<Exchanged, ExchangeError> {
    let host = request_host(req);
    let request = ExchangeRequest {
        origin_allowed: origin::is(req, &state.canonical_origin()),
        ott,
        host: host.as_deref().map(host_without_port),
        origin: request_origin(req),
        dns: state.dns_check.then_some(&state.dns),
    };
    let done = exchange_handoff(&state.services, request).await?;
    let redirect_to = return_path
        .and_then(ReturnPath::parse)
        .or_else(|| ReturnPath::parse(&done.token_return_path))
        .unwrap_or_else(|| ReturnPath::or_default(None));
    Ok(Exchanged {
        session: done.session,
        redirect_to: redirect_to.as_str().to_owned(),
        canonical_host: done.canonical_host,
        domain: done.domain,
    })
}
