//! `/auth/client-portal/sso/{provider}` starts a sign-in at one of the tenant's OpenID Connect
//! providers; `/auth/client-portal/sso/callback` is where the provider sends the browser back.

pub mod callback;
pub mod start;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use portal_actors::model::TenantInfo;
use portal_actors::sso::providers;
use portal_actors::sso::SsoFailure;
use portal_views::sso::{self as views, SsoButton, SsoFailedView, SsoFailureKind};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::redirect::{encode_query_value, sign_in_location};
use crate::http::render;

/// The redirect URI operators register at their provider (on each host users sign in on).
pub use portal_actors::sso::operators::CALLBACK_PATH;

/// The tenant's SSO buttons for the sign-in page, and whether the password form is hidden
/// (SSO only, and at least one provider to sign in with).
pub async fn sign_in_options(
    state: &AppState,
    tenant: &TenantInfo,
    callback_url: &str,
) -> Result<(Vec<SsoButton>, bool), PortalError> {
    let db = &state.services.db;
    let found = providers::buttons(db, tenant.id)
        .await
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    if found.is_empty() {
        // No provider: nothing to show, and SSO-only cannot apply (one query, not two).
        return Ok((Vec::new(), false));
    }
    let options = providers::options(db, tenant.id)
        .await
        .map_err(|e| PortalError::Unexpected(e.into()))?;
    let buttons: Vec<SsoButton> = found
        .into_iter()
        .map(|b| SsoButton {
            href: format!(
                "/auth/client-portal/sso/{}?tenant={}&callbackUrl={}",
                b.provider,
                encode_query_value(&tenant.slug),
                encode_query_value(callback_url)
            ),
            name: b.display_name,
            kind: b.kind.as_str().to_owned(),
        })
        .collect();
    let sso_only = options.sso_only && !buttons.is_empty();
    Ok((buttons, sso_only))
}

/// How a failure shows to the user, and its status.
fn failure_kind(failure: &SsoFailure) -> (SsoFailureKind, StatusCode) {
    match failure {
        SsoFailure::UnknownProvider => (SsoFailureKind::UnknownProvider, StatusCode::NOT_FOUND),
        SsoFailure::InvalidState => (SsoFailureKind::InvalidState, StatusCode::BAD_REQUEST),
        SsoFailure::AccessDenied => (SsoFailureKind::Denied, StatusCode::FORBIDDEN),
        SsoFailure::ProviderUnreachable(_) => {
            (SsoFailureKind::Unreachable, StatusCode::BAD_GATEWAY)
        }
        SsoFailure::ProviderError(_)
        | SsoFailure::WrongAudience
        | SsoFailure::WrongIssuer
        | SsoFailure::BadNonce
        | SsoFailure::TokenExpired
        | SsoFailure::BadSignature
        | SsoFailure::InvalidToken(_) => (SsoFailureKind::TokenRejected, StatusCode::UNAUTHORIZED),
        SsoFailure::NoEmail => (SsoFailureKind::NoEmail, StatusCode::FORBIDDEN),
        SsoFailure::UnverifiedEmail => (SsoFailureKind::UnverifiedEmail, StatusCode::FORBIDDEN),
        SsoFailure::DomainNotAllowed => (SsoFailureKind::DomainNotAllowed, StatusCode::FORBIDDEN),
        SsoFailure::NoMatchingUser => (SsoFailureKind::NoMatchingUser, StatusCode::FORBIDDEN),
        SsoFailure::Inactive => (SsoFailureKind::Inactive, StatusCode::FORBIDDEN),
        SsoFailure::InternalUser => (SsoFailureKind::InternalUser, StatusCode::FORBIDDEN),
        SsoFailure::Throttled {
            retry_after_seconds,
        } => (
            SsoFailureKind::Throttled {
                minutes: retry_after_seconds
                    .saturating_add(59)
                    .saturating_div(60)
                    .max(1),
            },
            StatusCode::TOO_MANY_REQUESTS,
        ),
        SsoFailure::Unavailable(_) => {
            (SsoFailureKind::Unavailable, StatusCode::SERVICE_UNAVAILABLE)
        }
    }
}

/// The page explaining a failed SSO sign-in, branded for the tenant when it is known.
pub fn failure_page(
    tenant: Option<&TenantInfo>,
    provider_name: Option<String>,
    failure: &SsoFailure,
    nonce: &str,
) -> HttpResponse {
    let (kind, status) = failure_kind(failure);
    let view = SsoFailedView {
        kind,
        provider_name,
        reference: failure.reason().to_owned(),
        sign_in_href: sign_in_location(None, tenant.map(|t| t.slug.as_str()), None),
    };
    let mut response = render::page(
        status,
        tenant,
        nonce,
        None,
        |shell| views::failed(shell, &view),
        views::failed_title,
    );
    if let SsoFailure::Throttled {
        retry_after_seconds,
    } = failure
    {
        response.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(*retry_after_seconds),
        );
    }
    response
}

/// The provider's display name, for the failure page (its slug when it is gone).
async fn provider_name(state: &AppState, tenant: uuid::Uuid, provider: &str) -> Option<String> {
    portal_actors::auth::provider_display_name(&state.services, tenant, provider).await
}
