//! The operators' audit of admin actions: every `POST`, `PUT` and `DELETE` the admin listener
//! routes is recorded (after the bearer-token check) with its outcome and what it did, by one
//! middleware, so a new route cannot go unrecorded; `GET /admin/actions` reads them back.
//!
//! An action's name comes from its route: the path after `/admin/` without its `{parameters}`,
//! dots for slashes, `_` for `-`, then `.set` for a `PUT` and `.delete` for a `DELETE` (e.g.
//! `actors.sessions.sweep`, `tenants.branding.logo.delete`). Handlers attach what they did
//! (counts, never secrets) with [`reported`] or [`noted`]; a refusal records its error code.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpRequest, HttpResponse};
use portal_actors::admin::actions::{
    recent_admin_actions, record_admin_action, ActionSource, AdminAction,
};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::ApiError;

/// Default and largest page of `GET /admin/actions`.
const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1_000;
/// Path parameters naming what an action was done to, most specific first.
const TARGET_PARAMS: [&str; 7] = [
    "email", "provider", "role", "token_id", "domain", "actor", "tenant",
];
/// `POST`s that create something in a collection: named `<collection>.create`.
const CREATING_POSTS: [&str; 3] = [
    "/admin/portal-domains",
    "/admin/invitations",
    "/admin/tenants/{tenant}/integration-tokens",
];

/// What a handler says it did, for the recorded action.
#[derive(Debug, Clone, Default)]
pub struct ActionNote {
    pub details: Value,
    /// The tenant acted on when the path does not name it (e.g. named in the body).
    pub tenant: Option<Uuid>,
}

/// Attaches what the action did to its response.
pub fn noted(mut response: HttpResponse, note: ActionNote) -> HttpResponse {
    response.extensions_mut().insert(note);
    response
}

/// `200` with `body`, which is also what the recorded action did (counts only: never a secret).
pub fn reported(body: Value) -> HttpResponse {
    reported_as(StatusCode::OK, body)
}

/// [`reported`] with another success status.
pub fn reported_as(status: StatusCode, body: Value) -> HttpResponse {
    let response = HttpResponse::build(status).json(&body);
    noted(
        response,
        ActionNote {
            details: body,
            tenant: None,
        },
    )
}

/// The action name of a route (see the module documentation).
pub fn action_name(method: &Method, pattern: &str) -> String {
    let path = pattern.strip_prefix("/admin/").unwrap_or(pattern);
    let mut parts: Vec<String> = path
        .split('/')
        .filter(|part| !part.is_empty() && !part.starts_with('{'))
        .map(|part| part.replace('-', "_"))
        .collect();
    if *method == Method::PUT {
        parts.push("set".to_owned());
    } else if *method == Method::DELETE {
        parts.push("delete".to_owned());
    } else if CREATING_POSTS.contains(&pattern) {
        parts.push("create".to_owned());
    }
    parts.join(".")
}

/// `ok` (2xx), `refused` (4xx: nothing changed) or `failed`.
fn outcome_of(status: StatusCode) -> &'static str {
    if status.is_success() {
        "ok"
    } else if status.is_client_error() {
        "refused"
    } else {
        "failed"
    }
}

/// What a response says the action did: the handler's note, or the refusal's code.
fn details_of(res: &ServiceResponse<BoxBody>) -> ActionNote {
    if let Some(note) = res.response().extensions().get::<ActionNote>() {
        return note.clone();
    }
    let code = res
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>())
        .map(ApiError::code);
    match code {
        Some(code) => ActionNote {
            details: json!({ "status": res.status().as_u16(), "error": code }),
            tenant: None,
        },
        None if !res.status().is_success() => ActionNote {
            details: json!({ "status": res.status().as_u16() }),
            tenant: None,
        },
        None => ActionNote::default(),
    }
}

/// The action a mutating admin request was, once answered (`None` for reads and unknown paths).
async fn action_of(req: &HttpRequest, res: &ServiceResponse<BoxBody>) -> Option<AdminAction> {
    let method = req.method();
    if !matches!(
        *method,
        Method::POST | Method::PUT | Method::DELETE | Method::PATCH
    ) {
        return None;
    }
    let pattern = req.match_pattern().filter(|p| p.starts_with("/admin/"))?;
    let params = req.match_info();
    let target = TARGET_PARAMS.iter().find_map(|name| params.get(name));
    let mut note = details_of(res);
    let status = res.status();
    if let (None, Some(key), true) = (note.tenant, params.get("tenant"), status.is_success()) {
        let state = req.app_data::<web::Data<AppState>>()?;
        let db = &state.services.db;
        let found = portal_actors::admin::tenants::find_tenant(db, key).await;
        note.tenant = found.ok().flatten().map(|t| t.id);
    }
    Some(AdminAction {
        action: action_name(method, &pattern),
        target: target.map(str::to_owned),
        tenant: note.tenant,
        source: ActionSource::Api,
        outcome: outcome_of(status),
        details: note.details,
    })
}

/// Records each mutating admin request with its outcome (a failed write is logged: the answer
/// stands, the action having happened).
pub async fn record_admin_actions(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let request = res.request().clone();
    let Some(action) = action_of(&request, &res).await else {
        return Ok(res);
    };
    let Some(state) = request.app_data::<web::Data<AppState>>() else {
        return Ok(res);
    };
    let name = action.action.clone();
    if let Err(e) = record_admin_action(&state.services.db, state.clock.now(), action).await {
        tracing::error!(action = %name, error = %e, "admin action not recorded");
    }
    Ok(res)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionsQuery {
    limit: Option<i64>,
    action: Option<String>,
}

/// `GET /admin/actions[?limit=N][&action=name]`: recorded actions, newest first.
#[tracing::instrument(skip_all)]
pub async fn list_admin_actions(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let query = web::Query::<ActionsQuery>::from_query(req.query_string())
        .map_err(|e| ApiError::bad_request("invalid_query").caused_by(e))?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid_field("limit", "from 1 to 1000"));
    }
    let action = query.action.as_deref();
    let valid_name = |a: &str| {
        (1..=100).contains(&a.len())
            && a.bytes()
                .all(|b| b.is_ascii_lowercase() || b"._".contains(&b))
    };
    if action.is_some_and(|a| !valid_name(a)) {
        return Err(ApiError::invalid_field(
            "action",
            "an action name, e.g. actors.sessions.sweep",
        ));
    }
    let actions = recent_admin_actions(&state.services.db, action, limit).await?;
    Ok(HttpResponse::Ok().json(json!({ "actions": actions })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_named_after_their_routes() {
        let cases = [
            (
                Method::POST,
                "/admin/actors/sessions/sweep",
                "actors.sessions.sweep",
            ),
            (
                Method::POST,
                "/admin/actors/{actor}/restart",
                "actors.restart",
            ),
            (
                Method::PUT,
                "/admin/tenants/{tenant}/two-factor",
                "tenants.two_factor.set",
            ),
            (
                Method::DELETE,
                "/admin/tenants/{tenant}/branding/logo",
                "tenants.branding.logo.delete",
            ),
            (
                Method::POST,
                "/admin/portal-domains",
                "portal_domains.create",
            ),
            (
                Method::POST,
                "/admin/tenants/{tenant}/users/{email}/sessions/revoke",
                "tenants.users.sessions.revoke",
            ),
        ];
        for (method, pattern, name) in cases {
            assert_eq!(action_name(&method, pattern), name);
        }
    }
}
