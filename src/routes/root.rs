//! `GET /`: the dashboard when signed in (or on a tenant's vanity host), else the sign-in page.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{query_tenant_slug, request_host, vanity_domain, PortalUser};
use crate::http::redirect::{sign_in_location, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::see_other;

/// `GET /`
#[tracing::instrument(skip_all)]
pub async fn redirect_root(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: Option<PortalUser>,
) -> Result<HttpResponse, PortalError> {
    if user.is_some()
        || vanity_domain(&state, request_host(&req).as_deref())
            .await?
            .is_some()
    {
        return Ok(see_other(DEFAULT_AFTER_SIGN_IN));
    }
    Ok(see_other(&sign_in_location(
        None,
        query_tenant_slug(&req).as_deref(),
        None,
    )))
}
