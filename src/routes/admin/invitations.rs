//! `POST /admin/invitations`: operators invite a client contact to set up a portal account.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::invitations::{self, InvitationError, InviteRequest, Inviter};
use portal_actors::model::Email;
use portal_actors::store::{invitations as store, tenants};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::json_error;
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

fn failed(e: impl std::fmt::Display) -> HttpResponse {
    tracing::error!(error = %e, "admin invitation failed");
    json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
}

/// Invites the contact (a new link replaces an older one); 201 with the address and expiry.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<InviteBody>,
) -> HttpResponse {
    let tenant = match tenants::find_by_key(&state.services.db, &body.tenant).await {
        Ok(Some(t)) => t,
        Ok(None) => return json_error(StatusCode::NOT_FOUND, "unknown_tenant"),
        Err(e) => return failed(e),
    };
    let contact_id = match (&body.contact_id, &body.email) {
        (Some(id), None) => *id,
        (None, Some(email)) => {
            let Ok(email) = Email::parse(email) else {
                return json_error(StatusCode::BAD_REQUEST, "invalid_email");
            };
            let found = match store::find_by_email(
                state.services.db.exec(),
                tenant.id,
                &email,
                state.clock.now(),
            )
            .await
            {
                Ok(found) => found,
                Err(e) => return failed(e),
            };
            match found.as_slice() {
                [one] => one.contact_id,
                [] => return json_error(StatusCode::NOT_FOUND, "unknown_contact"),
                _ => return json_error(StatusCode::CONFLICT, "ambiguous_contact"),
            }
        }
        _ => return json_error(StatusCode::BAD_REQUEST, "contact_id_or_email"),
    };
    let links = match TenantLinks::for_tenant(&state, &tenant).await {
        Ok(links) => links,
        Err(e) => return failed(e),
    };
    let render = match crate::routes::setup::invitation_renderer(&tenant, &links) {
        Ok(render) => render,
        Err(e) => return failed(e),
    };
    let request = InviteRequest {
        tenant: tenant.clone(),
        contact_id,
        inviter: Inviter::Operator,
        ttl: state.invitation_ttl,
        origin: request_origin(&req),
    };
    match invitations::invite(&state.services, &state.mailer, request, render).await {
        Ok(invited) => HttpResponse::Created().json(json!({
            "email": invited.email,
            "expires_at": invited.expires_at,
        })),
        Err(InvitationError::UnknownContact) => {
            json_error(StatusCode::NOT_FOUND, "unknown_contact")
        }
        Err(InvitationError::AlreadyHasAccount) => {
            json_error(StatusCode::CONFLICT, "already_has_account")
        }
        Err(InvitationError::Inactive) => json_error(StatusCode::CONFLICT, "contact_inactive"),
        Err(e) => failed(e),
    }
}
