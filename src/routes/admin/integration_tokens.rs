//! Operators' integration API tokens of a tenant: create (the token is in this one response),
//! list (never the token) and revoke. Each change is audited.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::audit::Record;
use portal_actors::integration_tokens::{self, TokenError};
use portal_actors::model::TenantInfo;
use portal_actors::store::tenants;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::json_error;
use crate::http::extract::request_origin;

/// `POST …/integration-tokens`: what to call the token (e.g. the PSA's name).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    /// A missing name is reported by the validation, naming the field.
    #[serde(default)]
    name: String,
}

/// The one mapping of token errors to responses.
fn token_failed(e: TokenError) -> HttpResponse {
    match e {
        TokenError::Invalid { field, message } => HttpResponse::BadRequest().json(json!({
            "error": "invalid_field",
            "field": field,
            "message": message,
        })),
        TokenError::NotFound => json_error(StatusCode::NOT_FOUND, "unknown_token"),
        TokenError::Db(e) => {
            crate::errors::log_error(&e);
            json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    }
}

async fn find_tenant(state: &AppState, key: &str) -> Result<TenantInfo, HttpResponse> {
    match tenants::find_by_key(&state.services.db, key).await {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(json_error(StatusCode::NOT_FOUND, "unknown_tenant")),
        Err(e) => Err(token_failed(TokenError::Db(e))),
    }
}

/// `POST /admin/tenants/{tenant}/integration-tokens` `{"name"}`: 201 with the token, shown once.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<NewTokenBody>,
) -> HttpResponse {
    let tenant = match find_tenant(&state, &path).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    let origin = request_origin(&req);
    let now = state.clock.now();
    match integration_tokens::create(&state.services.db, now, tenant.id, &body.name, &origin).await
    {
        Ok(created) => {
            state.services.audit.do_send(Record(created.record));
            HttpResponse::Created()
                .insert_header(("Cache-Control", "no-store"))
                .json(created.value)
        }
        Err(e) => token_failed(e),
    }
}

/// `GET /admin/tenants/{tenant}/integration-tokens`: the tokens (never their secrets).
pub async fn list(state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let tenant = match find_tenant(&state, &path).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    match integration_tokens::list(&state.services.db, tenant.id).await {
        Ok(tokens) => HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "tokens": tokens })),
        Err(e) => token_failed(e),
    }
}

/// `DELETE /admin/tenants/{tenant}/integration-tokens/{token_id}`: revoked at once; 200 with
/// the token's summary (revoking again is harmless).
#[tracing::instrument(skip_all, fields(tenant = %path.0, token = %path.1))]
pub async fn revoke(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (tenant, token_id) = path.into_inner();
    let tenant = match find_tenant(&state, &tenant).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    let Ok(token_id) = Uuid::parse_str(&token_id) else {
        return json_error(StatusCode::NOT_FOUND, "unknown_token");
    };
    let origin = request_origin(&req);
    let now = state.clock.now();
    let db = &state.services.db;
    match integration_tokens::revoke(db, now, tenant.id, token_id, &origin).await {
        Ok(Some(revoked)) => {
            state.services.audit.do_send(Record(revoked.record));
            HttpResponse::Ok().json(revoked.value)
        }
        Ok(None) => {
            match portal_actors::store::integration_tokens::find(db, tenant.id, token_id).await {
                Ok(Some(summary)) => HttpResponse::Ok().json(summary),
                Ok(None) => json_error(StatusCode::NOT_FOUND, "unknown_token"),
                Err(e) => token_failed(TokenError::Db(e)),
            }
        }
        Err(e) => token_failed(e),
    }
}
