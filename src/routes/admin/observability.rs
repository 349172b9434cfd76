//! What operators look at besides the metrics scrape: counting the activity gauges now, and
//! (fault injection only) holding an actor's mailbox shut so that its depth can be seen.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::active_users::RefreshActivity;
use portal_actors::supervision::Signal;
use serde_json::json;

use crate::app::AppState;
use crate::errors::ApiError;

/// Longest stall the fault-injection endpoint accepts.
const MAX_STALL_MS: u64 = 60_000;

/// `POST /admin/actors/active_users/refresh`: counts active users and tenants now; answers
/// the counts the gauges now show.
#[tracing::instrument(skip_all)]
pub async fn refresh_activity(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let activity = state
        .active_users
        .send(RefreshActivity)
        .await
        .map_err(ApiError::actor_unavailable)?
        .map_err(ApiError::unavailable)?;
    Ok(HttpResponse::Ok().json(activity))
}

#[derive(serde::Deserialize)]
struct StallQuery {
    ms: u64,
}

/// `POST /admin/actors/{actor}/stall?ms=N` (only with `admin.fault_injection`): the actor
/// handles nothing else for N milliseconds (at most a minute), so messages sent meanwhile wait
/// in its mailbox and show in `mailbox_depth`. `400 invalid_query` for a missing or larger N.
#[tracing::instrument(skip_all, fields(actor = %actor))]
pub async fn stall_actor(
    state: web::Data<AppState>,
    actor: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if !state.fault_injection {
        return Err(ApiError::not_found("not_found"));
    }
    let ms = web::Query::<StallQuery>::from_query(req.query_string())
        .map_err(|e| ApiError::bad_request("invalid_query").caused_by(e))?
        .ms;
    if ms > MAX_STALL_MS {
        return Err(ApiError::bad_request("invalid_query")
            .with_field("ms")
            .with_message(format!("at most {MAX_STALL_MS}")));
    }
    let stall = Signal::Stall(std::time::Duration::from_millis(ms));
    match state.supervised.send(&actor, stall).await {
        None => Err(ApiError::not_found("unknown_actor")),
        Some(sent) => {
            let _stalled = sent.map_err(ApiError::actor_unavailable)?;
            Ok(HttpResponse::Accepted().json(json!({ "actor": &*actor, "stalled_ms": ms })))
        }
    }
}
