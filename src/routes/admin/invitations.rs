//! `POST /admin/invitations`: operators invite a client contact to set up a portal account.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::admin::contacts::find_contact_by_email;
use portal_actors::invitations::{self, InviteRequest, Inviter};
use portal_actors::model::TenantInfo;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::find_tenant;
use crate::app::AppState;
use crate::errors::ApiError;
use crate::http::extract::request_origin;
use crate::routes::account_recovery::mail::TenantLinks;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteBody {
    tenant: String,
    /// The contact, by id …
    #[serde(default)]
    contact_id: Option<Uuid>,
    /// … or by email (when only one contact of the tenant has it).
    #[serde(default)]
    email: Option<String>,
}

/// The contact the body names, by id or by an email only one contact of the tenant has.
async fn invited_contact(
    state: &AppState,
    tenant: &TenantInfo,
    body: &InviteBody,
) -> Result<Uuid, ApiError> {
    match (&body.contact_id, &body.email) {
        (Some(id), None) => Ok(*id),
        (None, Some(email)) => {
            let now = state.clock.now();
            Ok(find_contact_by_email(&state.services.db, tenant.id, email, now).await?)
        }
        _ => Err(ApiError::bad_request("contact_id_or_email")),
    }
}

/// Invites the contact (a new link replaces an older one); 201 with the address and expiry.
#[tracing::instrument(skip_all, fields(tenant = %body.tenant))]
pub async fn create_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<InviteBody>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &body.tenant).await?;
    let contact_id = invited_contact(&state, &tenant, &body).await?;
    let links = TenantLinks::for_tenant(&state, &tenant)
        .await
        .map_err(ApiError::unavailable)?;
    let render = crate::routes::setup::invitation_renderer(&tenant, &links)
        .map_err(ApiError::unavailable)?;
    let request = InviteRequest {
        tenant: tenant.clone(),
        contact_id,
        inviter: Inviter::Operator,
        ttl: state.invitation_ttl,
        origin: request_origin(&req),
    };
    let invited = invitations::invite(&state.services, &state.mailer, request, render).await?;
    let body = json!({ "email": invited.email, "expires_at": invited.expires_at });
    let note = super::actions::ActionNote {
        details: body.clone(),
        tenant: Some(tenant.id),
    };
    Ok(super::actions::noted(
        HttpResponse::Created().json(body),
        note,
    ))
}
