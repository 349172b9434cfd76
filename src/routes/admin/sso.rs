//! Operators' single sign-on settings of a tenant: its OpenID Connect providers (the client
//! secret goes in, never out), SSO-only and just-in-time provisioning, and the redirect URIs
//! to register at the providers. Each change is audited.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::audit::Record;
use portal_actors::model::TenantInfo;
use portal_actors::sso::operators::{self, Audited, OptionsChange, SsoChangeError};
use portal_actors::sso::providers::{ProviderInput, SsoConfigError};
use portal_actors::store::tenants;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::errors::json_error;
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

fn failed(e: impl std::fmt::Display) -> HttpResponse {
    tracing::error!(error = %e, "admin sso action failed");
    json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
}

/// The one mapping of configuration errors to responses.
fn change_failed(e: SsoChangeError) -> HttpResponse {
    match e {
        SsoChangeError::Config(SsoConfigError::Invalid { field, message }) => {
            HttpResponse::BadRequest().json(json!({
                "error": "invalid_field",
                "field": field,
                "message": message,
            }))
        }
        SsoChangeError::Config(SsoConfigError::NotFound) => {
            json_error(StatusCode::NOT_FOUND, "unknown_provider")
        }
        e @ SsoChangeError::LastProvider => HttpResponse::Conflict().json(json!({
            "error": "last_sso_provider",
            "message": e.to_string(),
        })),
        SsoChangeError::Config(e) => {
            crate::errors::log_error(&e);
            json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    }
}

async fn find_tenant(state: &AppState, key: &str) -> Result<TenantInfo, HttpResponse> {
    match tenants::find_by_key(&state.services.db, key).await {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(json_error(StatusCode::NOT_FOUND, "unknown_tenant")),
        Err(e) => Err(failed(e)),
    }
}

/// Hands the change's audit record to the Audit actor and yields the change.
fn audited<T>(state: &AppState, change: Audited<T>) -> T {
    state.services.audit.do_send(Record(change.record));
    change.value
}

/// `GET /admin/tenants/{tenant}/sso`: options, providers and the redirect URIs to register.
pub async fn show(state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let tenant = match find_tenant(&state, &path).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    match operators::overview(&state.services.db, &tenant, &state.canonical_origin()).await {
        Ok(overview) => HttpResponse::Ok().json(overview),
        Err(e) => failed(e),
    }
}

/// `PUT /admin/tenants/{tenant}/sso` `{"sso_only"?, "jit_provisioning"?}`: the new options.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn set_options(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<OptionsBody>,
) -> HttpResponse {
    let tenant = match find_tenant(&state, &path).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    let change = OptionsChange {
        sso_only: body.sso_only,
        jit_provisioning: body.jit_provisioning,
    };
    let origin = request_origin(&req);
    match operators::change_options(&state.services.db, tenant.id, change, &origin).await {
        Ok(changed) => {
            let options = audited(&state, changed);
            HttpResponse::Ok().json(json!({
                "tenant": tenant.slug,
                "sso_only": options.sso_only,
                "jit_provisioning": options.sso_jit_provisioning,
            }))
        }
        Err(e) => change_failed(e),
    }
}

/// `GET /admin/tenants/{tenant}/sso/providers/{provider}`
pub async fn show_provider(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (tenant, provider) = path.into_inner();
    let tenant = match find_tenant(&state, &tenant).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    match operators::find_provider(&state.services.db, tenant.id, &provider).await {
        Ok(Some(summary)) => HttpResponse::Ok().json(summary),
        Ok(None) => json_error(StatusCode::NOT_FOUND, "unknown_provider"),
        Err(e) => failed(e),
    }
}

/// `PUT /admin/tenants/{tenant}/sso/providers/{provider}`: 201 when created, 200 when replaced.
#[tracing::instrument(skip_all, fields(tenant = %path.0, provider = %path.1))]
pub async fn put_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<ProviderBody>,
) -> HttpResponse {
    let (tenant, provider) = path.into_inner();
    let tenant = match find_tenant(&state, &tenant).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    let body = body.into_inner();
    let input = ProviderInput {
        provider,
        kind: body.kind,
        display_name: body.display_name,
        issuer: body.issuer,
        client_id: body.client_id,
        client_secret: body.client_secret.map(SecretString::from),
        allowed_domains: body.allowed_domains,
        enabled: body.enabled,
    };
    let origin = request_origin(&req);
    let saved = operators::save_provider(
        &state.services.db,
        &state.services.secret_box,
        state.clock.now(),
        tenant.id,
        input,
        &origin,
    )
    .await;
    match saved {
        Ok(saved) => {
            let saved = audited(&state, saved);
            let status = if saved.created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            HttpResponse::build(status).json(saved.summary)
        }
        Err(e) => change_failed(e),
    }
}

/// `DELETE /admin/tenants/{tenant}/sso/providers/{provider}`: 204.
#[tracing::instrument(skip_all, fields(tenant = %path.0, provider = %path.1))]
pub async fn delete_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (tenant, provider) = path.into_inner();
    let tenant = match find_tenant(&state, &tenant).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    let origin = request_origin(&req);
    match operators::delete_provider(&state.services.db, tenant.id, &provider, &origin).await {
        Ok(deleted) => {
            audited(&state, deleted);
            HttpResponse::NoContent().finish()
        }
        Err(e) => change_failed(e),
    }
}
