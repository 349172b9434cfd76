//! Operators' integration API tokens of a tenant: create (the token is in this one response),
//! list (never the token) and revoke. Each change is audited.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::audit::Record;
use portal_actors::integration_tokens::{self, TokenError};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::find_tenant;
use crate::app::AppState;
use crate::errors::ApiError;
use crate::http::extract::request_origin;

/// `POST …/integration-tokens`: what to call the token (e.g. the PSA's name).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    /// A missing name is reported by the validation, naming the field.
    #[serde(default)]
    name: String,
}

/// `POST /admin/tenants/{tenant}/integration-tokens` `{"name"}`: 201 with the token, shown once.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<NewTokenBody>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let (origin, now) = (request_origin(&req), state.clock.now());
    let created =
        integration_tokens::create(&state.services.db, now, tenant.id, &body.name, &origin).await?;
    state.services.audit.do_send(Record(created.record));
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(created.value))
}

/// `GET /admin/tenants/{tenant}/integration-tokens`: the tokens (never their secrets).
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn list_tokens(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let tokens = integration_tokens::list(&state.services.db, tenant.id).await?;
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "tokens": tokens })))
}

/// `DELETE /admin/tenants/{tenant}/integration-tokens/{token_id}`: revoked at once; 200 with
/// the token's summary (revoking again is harmless).
#[tracing::instrument(skip_all, fields(tenant = %path.0, token = %path.1))]
pub async fn revoke_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, token_id) = path.into_inner();
    let tenant = find_tenant(&state, &tenant).await?;
    let Ok(token_id) = Uuid::parse_str(&token_id) else {
        return Err(TokenError::NotFound.into());
    };
    let (origin, now, db) = (request_origin(&req), state.clock.now(), &state.services.db);
    match integration_tokens::revoke(db, now, tenant.id, token_id, &origin).await? {
        Some(revoked) => {
            state.services.audit.do_send(Record(revoked.record));
            Ok(HttpResponse::Ok().json(revoked.value))
        }
        None => match integration_tokens::find(db, tenant.id, token_id).await? {
            Some(summary) => Ok(HttpResponse::Ok().json(summary)),
            None => Err(TokenError::NotFound.into()),
        },
    }
}
