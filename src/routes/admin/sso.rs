//! Operators' single sign-on settings of a tenant: its OpenID Connect providers (the client
//! secret goes in, never out), SSO-only and just-in-time provisioning, and the redirect URIs
//! to register at the providers. Each change is audited.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::audit::Record;
use portal_actors::sso::operators::{self, Audited, OptionsChange};
use portal_actors::sso::providers::ProviderInput;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;

use super::find_tenant;
use crate::app::AppState;
use crate::errors::ApiError;
use crate::http::extract::request_origin;

/// `PUT …/sso/providers/{provider}`: the provider's settings (they replace the stored ones,
/// except the secret, which is kept when omitted).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderBody {
    /// Missing fields are reported by the validation, naming the field.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: Option<String>,
    #[serde(default)]
    allowed_domains: Vec<String>,
    #[serde(default = "enabled_by_default")]
    enabled: bool,
}

impl ProviderBody {
    /// The provider's input under its name from the path.
    fn into_input(self, provider: String) -> ProviderInput {
        ProviderInput {
            provider,
            kind: self.kind,
            display_name: self.display_name,
            issuer: self.issuer,
            client_id: self.client_id,
            client_secret: self.client_secret.map(SecretString::from),
            allowed_domains: self.allowed_domains,
            enabled: self.enabled,
        }
    }
}

fn enabled_by_default() -> bool {
    true
}

/// `PUT …/sso`: the options to change (omitted ones stay).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionsBody {
    #[serde(default)]
    sso_only: Option<bool>,
    #[serde(default)]
    jit_provisioning: Option<bool>,
}

/// Hands the change's audit record to the Audit actor and yields the change.
fn audited<T>(state: &AppState, change: Audited<T>) -> T {
    state.services.audit.do_send(Record(change.record));
    change.value
}

/// `GET /admin/tenants/{tenant}/sso`: options, providers and the redirect URIs to register.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn show_sso(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let origin = state.canonical_origin();
    let overview = operators::overview(&state.services.db, &tenant, &origin)
        .await
        .map_err(ApiError::unavailable)?;
    Ok(HttpResponse::Ok().json(overview))
}

/// `PUT /admin/tenants/{tenant}/sso` `{"sso_only"?, "jit_provisioning"?}`: the new options.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn set_sso_options(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<OptionsBody>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let change = OptionsChange {
        sso_only: body.sso_only,
        jit_provisioning: body.jit_provisioning,
    };
    let origin = request_origin(&req);
    let changed = operators::change_options(&state.services.db, tenant.id, change, &origin).await?;
    let options = audited(&state, changed);
    Ok(HttpResponse::Ok().json(json!({
        "tenant": tenant.slug,
        "sso_only": options.sso_only,
        "jit_provisioning": options.sso_jit_provisioning,
    })))
}

/// `GET /admin/tenants/{tenant}/sso/providers/{provider}`
#[tracing::instrument(skip_all, fields(tenant = %path.0, provider = %path.1))]
pub async fn show_provider(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, provider) = path.into_inner();
    let tenant = find_tenant(&state, &tenant).await?;
    let summary = operators::find_provider(&state.services.db, tenant.id, &provider)
        .await
        .map_err(ApiError::unavailable)?
        .ok_or_else(|| ApiError::not_found("unknown_provider"))?;
    Ok(HttpResponse::Ok().json(summary))
}

/// `PUT /admin/tenants/{tenant}/sso/providers/{provider}`: 201 when created, 200 when replaced.
#[tracing::instrument(skip_all, fields(tenant = %path.0, provider = %path.1))]
pub async fn put_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<ProviderBody>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, provider) = path.into_inner();
    let tenant = find_tenant(&state, &tenant).await?;
    let input = body.into_inner().into_input(provider);
    let origin = request_origin(&req);
    let services = &state.services;
    let now = state.clock.now();
    let saved = operators::save_provider(
        &services.db,
        &services.secret_box,
        now,
        tenant.id,
        input,
        &origin,
    )
    .await?;
    let saved = audited(&state, saved);
    let status = if saved.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status).json(saved.summary))
}

/// `DELETE /admin/tenants/{tenant}/sso/providers/{provider}`: 204.
#[tracing::instrument(skip_all, fields(tenant = %path.0, provider = %path.1))]
pub async fn delete_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, provider) = path.into_inner();
    let tenant = find_tenant(&state, &tenant).await?;
    let origin = request_origin(&req);
    let deleted =
        operators::delete_provider(&state.services.db, tenant.id, &provider, &origin).await?;
    audited(&state, deleted);
    Ok(HttpResponse::NoContent().finish())
}
