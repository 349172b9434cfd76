//! Operators' tenant settings: the two-factor requirement for all of a tenant's client users,
//! whether client admins may edit their company's details, and the MSP's support address.

use actix_web::{web, HttpResponse};
use portal_actors::admin::tenants::{
    allow_company_editing, company_editing_allowed, require_two_factor, set_support_email,
    support_email, two_factor_required,
};
use portal_actors::model::Email;
use serde::Deserialize;
use serde_json::json;

use super::find_tenant;
use crate::app::AppState;
use crate::errors::ApiError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorPolicy {
    required: bool,
}

/// `GET /admin/tenants/{tenant}/two-factor`
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn show_two_factor(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let required = two_factor_required(&state.services.db, tenant.id).await?;
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "required": required })))
}

/// `PUT /admin/tenants/{tenant}/two-factor` `{"required": bool}`: when required, client users
/// without two-factor enroll at their next sign-in.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn set_two_factor(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<TwoFactorPolicy>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    require_two_factor(&state.services.db, tenant.id, body.required).await?;
    tracing::info!(tenant = %tenant.slug, required = body.required, "two-factor policy set");
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "required": body.required })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyEditing {
    allowed: bool,
}

/// `GET /admin/tenants/{tenant}/company-editing`
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn show_company_editing(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let allowed = company_editing_allowed(&state.services.db, tenant.id).await?;
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "allowed": allowed })))
}

/// `PUT /admin/tenants/{tenant}/company-editing` `{"allowed": bool}`: whether client admins may
/// edit their company's phone, email, website and billing address (each change fed to the PSA
/// as `company_updated`).
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn set_company_editing(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<CompanyEditing>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    allow_company_editing(&state.services.db, tenant.id, body.allowed).await?;
    tracing::info!(tenant = %tenant.slug, allowed = body.allowed, "company editing set");
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "allowed": body.allowed })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportEmail {
    /// `null` clears it.
    address: Option<String>,
}

/// `GET /admin/tenants/{tenant}/support-email`
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn show_support_email(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let address = support_email(&state.services.db, tenant.id).await?;
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "address": address })))
}

/// `PUT /admin/tenants/{tenant}/support-email` `{"address": "help@msp.example" | null}`: the
/// `Reply-To` of notification emails, so a client answering one by email reaches the help desk.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn set_support_email_address(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<SupportEmail>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let address = match body.address.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(Email::parse(raw).map_err(|e| {
            ApiError::invalid_field("address", format!("not an email address: {e}"))
        })?),
    };
    set_support_email(&state.services.db, tenant.id, address.as_ref()).await?;
    let shown = address.as_ref().map(Email::as_str);
    tracing::info!(tenant = %tenant.slug, address = ?shown, "support address set");
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "address": shown })))
}
