//! Operators' tenant settings: the two-factor requirement for all of a tenant's client users.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::store::{tenants, two_factor};
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::errors::json_error;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorPolicy {
    required: bool,
}

fn failed(e: impl std::fmt::Display) -> HttpResponse {
    tracing::error!(error = %e, "admin tenant action failed");
    json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
}

/// `GET /admin/tenants/{tenant}/two-factor`
pub async fn show_two_factor(state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let tenant = match tenants::find_by_key(&state.services.db, &path).await {
        Ok(Some(t)) => t,
        Ok(None) => return json_error(StatusCode::NOT_FOUND, "unknown_tenant"),
        Err(e) => return failed(e),
    };
    match two_factor::tenant_requires(&state.services.db, tenant.id).await {
        Ok(required) => {
            HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "required": required }))
        }
        Err(e) => failed(e),
    }
}

/// `PUT /admin/tenants/{tenant}/two-factor` `{"required": bool}`: when required, client users
/// without two-factor enroll at their next sign-in.
pub async fn set_two_factor(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<TwoFactorPolicy>,
) -> HttpResponse {
    let tenant = match tenants::find_by_key(&state.services.db, &path).await {
        Ok(Some(t)) => t,
        Ok(None) => return json_error(StatusCode::NOT_FOUND, "unknown_tenant"),
        Err(e) => return failed(e),
    };
    match two_factor::set_tenant_requires(&state.services.db, tenant.id, body.required).await {
        Ok(_) => {
            tracing::info!(tenant = %tenant.slug, required = body.required, "two-factor policy set");
            HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "required": body.required }))
        }
        Err(e) => failed(e),
    }
}
