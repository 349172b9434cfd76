//! Portal access from the PSA: send a contact the invitation email (the same flow, email and
//! link lifetime as the admin API's invitations) and read whether the contact has an account,
//! two-factor on, their last sign-in and a pending invitation.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::invitations::{self, InvitationError, InviteRequest, Inviter};
use portal_actors::tenant_data::PortalAccessOf;
use serde_json::json;

use super::auth::Integration;
use super::{ask, path_id};
use crate::app::AppState;
use crate::errors::ApiError;
use crate::http::extract::request_origin;
use crate::routes::account_recovery::mail::TenantLinks;

/// The integration API's codes for a refused invitation.
fn refusal(e: InvitationError) -> ApiError {
    match e {
        InvitationError::UnknownContact => ApiError::not_found("not_found"),
        InvitationError::Inactive => ApiError::conflict("inactive")
            .with_message("the contact, their company or their portal user is inactive"),
        InvitationError::AlreadyHasAccount => ApiError::conflict("already_has_account")
            .with_message("the contact already signs in with a password"),
        e => ApiError::from(e),
    }
}

/// `POST /integration/v1/contacts/{contact_id}/invitation`: emails a new link (replacing an
/// older one); 201 with `state`, `email` and `expires_at`.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), contact = %path))]
pub async fn send_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let contact_id = path_id("contact_id", &path)?;
    let tenant =
        portal_actors::admin::tenants::find_tenant(&state.services.db, &who.tenant().to_string())
            .await?
            .ok_or_else(|| ApiError::unavailable(anyhow::anyhow!("the token's tenant is gone")))?;
    let links = TenantLinks::for_tenant(&state, &tenant)
        .await
        .map_err(ApiError::unavailable)?;
    let render = crate::routes::setup::invitation_renderer(&tenant, &links)
        .map_err(ApiError::unavailable)?;
    let request = InviteRequest {
        tenant: tenant.clone(),
        contact_id,
        inviter: Inviter::Integration,
        ttl: state.invitation_ttl,
        origin: request_origin(&req),
    };
    let invited = invitations::invite(&state.services, &state.mailer, request, render)
        .await
        .map_err(refusal)?;
    Ok(HttpResponse::Created().json(json!({
        "state": "invited",
        "email": invited.email,
        "expires_at": invited.expires_at,
    })))
}

/// `GET /integration/v1/contacts/{contact_id}/invitation`: the contact's portal access.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), contact = %path))]
pub async fn show_portal_access(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let contact_id = path_id("contact_id", &path)?;
    let access = ask(&state, who.tenant(), PortalAccessOf { contact_id }).await?;
    Ok(HttpResponse::Ok().json(access))
}
