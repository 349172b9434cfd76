//! The admin listener: health checks (open), and behind the bearer token the metrics and the
//! operators' actor maintenance.

pub mod audit_trail;
pub mod domains;
pub mod integration_tokens;
pub mod invitations;
pub mod mailer;
pub mod sso;
pub mod tenants;

use actix_web::error::JsonPayloadError;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::from_fn;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::supervision::{InjectPanic, Signal};
use portal_actors::{audit, login_throttle, sessions, tenant_directory};
use serde_json::json;

use crate::app::AppState;
use crate::errors::json_error;
use crate::http::middleware::require_admin_token;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz))
        .service(
            web::resource("/metrics")
                .wrap(from_fn(require_admin_token))
                .route(web::get().to(metrics)),
        )
        .service(
            web::scope("/admin")
                .wrap(from_fn(require_admin_token))
                .route("/actors", web::get().to(list_actors))
                .route("/actors/sessions/sweep", web::post().to(sweep_sessions))
                .route(
                    "/actors/tenant_directory/flush",
                    web::post().to(flush_tenant_cache),
                )
                .route("/actors/audit/flush", web::post().to(flush_audit))
                .route("/throttle/sweep", web::post().to(sweep_throttle))
                .route(
                    "/actors/login_throttle/sweep",
                    web::post().to(sweep_throttle),
                )
                .route("/audit", web::get().to(audit_trail::list))
                .route("/audit.csv", web::get().to(audit_trail::export_csv))
                .route(
                    "/actors/handoff/sweep",
                    web::post().to(domains::sweep_handoff),
                )
                .route(
                    "/actors/dns_verifier/flush",
                    web::post().to(domains::flush_dns),
                )
                .route("/actors/sso/flush", web::post().to(flush_sso))
                .route("/actors/sso/sweep", web::post().to(sweep_sso))
                .route(
                    "/actors/tenant_registry/sweep",
                    web::post().to(sweep_tenant_actors),
                )
                .route("/mailer/deliver", web::post().to(mailer::deliver))
                .route("/portal-domains", web::get().to(domains::list))
                .route("/portal-domains", web::post().to(domains::add))
                .route(
                    "/portal-domains/{domain}/verify",
                    web::post().to(domains::verify),
                )
                .route(
                    "/portal-domains/{domain}/activate",
                    web::post().to(domains::activate),
                )
                .route(
                    "/portal-domains/{domain}/disable",
                    web::post().to(domains::disable),
                )
                .route("/invitations", web::post().to(invitations::create))
                .route(
                    "/tenants/{tenant}/two-factor",
                    web::get().to(tenants::show_two_factor),
                )
                .route(
                    "/tenants/{tenant}/two-factor",
                    web::put().to(tenants::set_two_factor),
                )
                .route("/tenants/{tenant}/sso", web::get().to(sso::show))
                .route("/tenants/{tenant}/sso", web::put().to(sso::set_options))
                .route(
                    "/tenants/{tenant}/sso/providers/{provider}",
                    web::get().to(sso::show_provider),
                )
                .route(
                    "/tenants/{tenant}/sso/providers/{provider}",
                    web::put().to(sso::put_provider),
                )
                .route(
                    "/tenants/{tenant}/sso/providers/{provider}",
                    web::delete().to(sso::delete_provider),
                )
                .route(
                    "/tenants/{tenant}/integration-tokens",
                    web::get().to(integration_tokens::list),
                )
                .route(
                    "/tenants/{tenant}/integration-tokens",
                    web::post().to(integration_tokens::create),
                )
                .route(
                    "/tenants/{tenant}/integration-tokens/{token_id}",
                    web::delete().to(integration_tokens::revoke),
                )
                .route(
                    "/actors/tenant_data/panic",
                    web::post().to(panic_tenant_data),
                )
                .route("/actors/{actor}/restart", web::post().to(restart_actor))
                .route("/actors/{actor}/panic", web::post().to(panic_actor))
                .route("/faults/http-panic", web::post().to(panic_in_handler))
                .default_service(web::to(|| async {
                    json_error(StatusCode::NOT_FOUND, "not_found")
                })),
        )
        .default_service(web::to(|| async {
            json_error(StatusCode::NOT_FOUND, "not_found")
        }));
}

/// A JSON body the admin API cannot read: `invalid_json` (400) with what was wrong (a syntax
/// error, an unknown or mistyped field, a missing content type), or `payload_too_large` (413).
pub fn json_payload_error(err: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let (status, code, message) = match &err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            err.to_string(),
        ),
        JsonPayloadError::Deserialize(e) => {
            (StatusCode::BAD_REQUEST, "invalid_json", e.to_string())
        }
        JsonPayloadError::ContentType => (
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "the body must be JSON (Content-Type: application/json)".to_owned(),
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "the body could not be read".to_owned(),
        ),
    };
    let response = HttpResponse::build(status).json(json!({ "error": code, "message": message }));
    actix_web::error::InternalError::from_response(err, response).into()
}

/// `GET /healthz`: the process answers.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// `GET /readyz`: the database answers and every actor is alive.
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let database = state.services.db.ping().await.is_ok();
    let actors = state.registry.all_alive();
    let status = if database && actors {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    HttpResponse::build(status).json(json!({ "database": database, "actors": actors }))
}

/// `GET /metrics`: Prometheus text format.
async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    match state.metrics.render() {
        Ok(text) => HttpResponse::Ok()
            .insert_header((
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ))
            .body(text),
        Err(e) => {
            tracing::error!(error = %e, "metrics encoding failed");
            json_error(StatusCode::INTERNAL_SERVER_ERROR, "metrics_failed")
        }
    }
}

/// `GET /admin/actors`: each actor's state.
async fn list_actors(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "actors": state.registry.snapshot(),
        "tenant_data_live": state.tenant_data.live(),
    }))
}

fn mailbox_failed(e: impl std::fmt::Display) -> HttpResponse {
    tracing::error!(error = %e, "admin action failed");
    json_error(StatusCode::SERVICE_UNAVAILABLE, "actor_unavailable")
}

/// `POST /admin/actors/sessions/sweep`: ends expired sessions now.
async fn sweep_sessions(state: web::Data<AppState>) -> HttpResponse {
    match state.services.sessions.send(sessions::SweepSessions).await {
        Ok(Ok(counts)) => HttpResponse::Ok().json(json!({ "swept": counts })),
        Ok(Err(e)) => mailbox_failed(e),
        Err(e) => mailbox_failed(e),
    }
}

/// `POST /admin/actors/tenant_directory/flush`: forgets cached tenants.
async fn flush_tenant_cache(state: web::Data<AppState>) -> HttpResponse {
    match state.tenants.send(tenant_directory::FlushTenantCache).await {
        Ok(Ok(n)) => HttpResponse::Ok().json(json!({ "flushed": n })),
        Ok(Err(e)) => mailbox_failed(e),
        Err(e) => mailbox_failed(e),
    }
}

/// `POST /admin/actors/audit/flush`: writes buffered audit events now.
async fn flush_audit(state: web::Data<AppState>) -> HttpResponse {
    match state.services.audit.send(audit::FlushAudit).await {
        Ok(Ok(n)) => HttpResponse::Ok().json(json!({ "written": n })),
        Ok(Err(e)) => mailbox_failed(e),
        Err(e) => mailbox_failed(e),
    }
}

/// `POST /admin/throttle/sweep`: deletes throttle events older than the longest window now.
async fn sweep_throttle(state: web::Data<AppState>) -> HttpResponse {
    match state
        .services
        .throttle
        .send(login_throttle::SweepThrottle)
        .await
    {
        Ok(Ok(n)) => HttpResponse::Ok().json(json!({ "swept": n })),
        Ok(Err(e)) => mailbox_failed(e),
        Err(e) => mailbox_failed(e),
    }
}

/// Sends a supervision signal to the named actor (the table `app.rs` builds).
async fn signal_actor(state: &AppState, actor: &str, signal: Signal) -> HttpResponse {
    match state.supervised.send(actor, signal).await {
        None => json_error(StatusCode::NOT_FOUND, "unknown_actor"),
        Some(Ok(_)) => HttpResponse::Accepted().json(json!({ "actor": actor, "restarting": true })),
        Some(Err(e)) => mailbox_failed(e),
    }
}

/// `POST /admin/actors/sso/flush`: forgets cached discovery documents and key sets.
async fn flush_sso(state: web::Data<AppState>) -> HttpResponse {
    match state.sso.send(portal_actors::sso::FlushSsoCache).await {
        Ok(Ok(n)) => HttpResponse::Ok().json(json!({ "flushed": n })),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "SSO cache flush failed");
            json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
        Err(e) => mailbox_failed(e),
    }
}

/// `POST /admin/actors/sso/sweep`: deletes expired sign-in flows now.
async fn sweep_sso(state: web::Data<AppState>) -> HttpResponse {
    match state.sso.send(portal_actors::sso::SweepFlows).await {
        Ok(Ok(n)) => HttpResponse::Ok().json(json!({ "swept": n })),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "SSO flow sweep failed");
            json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
        Err(e) => mailbox_failed(e),
    }
}

#[derive(serde::Deserialize)]
struct SweepTenantsQuery {
    /// Stop tenant actors idle at least this long (default: `tickets.tenant_idle_minutes`).
    idle_seconds: Option<u32>,
}

/// `POST /admin/actors/tenant_registry/sweep[?idle_seconds=N]`: stops idle per-tenant data
/// actors now (`idle_seconds=0` stops them all; each starts again on its tenant's next request).
async fn sweep_tenant_actors(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let Ok(query) = web::Query::<SweepTenantsQuery>::from_query(req.query_string()) else {
        return json_error(StatusCode::BAD_REQUEST, "invalid_query");
    };
    let idle_for = query.idle_seconds.map_or(state.tenant_idle, |s| {
        chrono::Duration::seconds(i64::from(s))
    });
    match state
        .tenant_registry
        .send(portal_actors::tenant_data::registry::StopIdleTenants { idle_for })
        .await
    {
        Ok(Ok(stopped)) => {
            HttpResponse::Ok().json(json!({ "stopped": stopped, "live": state.tenant_data.live() }))
        }
        Ok(Err(e)) => mailbox_failed(e),
        Err(e) => mailbox_failed(e),
    }
}

#[derive(serde::Deserialize)]
struct TenantQuery {
    tenant: String,
}

/// `POST /admin/actors/tenant_data/panic?tenant=<slug>`: fault injection into one tenant's
/// data actor (only when `admin.fault_injection` is on); the next request gets a fresh one.
async fn panic_tenant_data(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    if !state.fault_injection {
        return json_error(StatusCode::NOT_FOUND, "not_found");
    }
    let Ok(query) = web::Query::<TenantQuery>::from_query(req.query_string()) else {
        return json_error(StatusCode::BAD_REQUEST, "invalid_query");
    };
    let tenant = match crate::http::extract::lookup(
        &state,
        tenant_directory::TenantKey::Slug(query.tenant.clone()),
    )
    .await
    {
        Ok(Some(tenant)) => tenant,
        Ok(None) => return json_error(StatusCode::NOT_FOUND, "unknown_tenant"),
        Err(e) => return mailbox_failed(e),
    };
    let addr = match crate::routes::tickets::tenant_data(&state, tenant.id).await {
        Ok(addr) => addr,
        Err(e) => return mailbox_failed(e),
    };
    match addr.send(InjectPanic).await {
        Ok(_) => {
            HttpResponse::Accepted().json(json!({ "actor": "tenant_data", "restarting": true }))
        }
        Err(e) => mailbox_failed(e),
    }
}

/// `POST /admin/actors/{actor}/restart`: restarts one actor through its supervisor.
async fn restart_actor(state: web::Data<AppState>, actor: web::Path<String>) -> HttpResponse {
    signal_actor(&state, &actor, Signal::Restart).await
}

/// `POST /admin/faults/http-panic`: a handler that panics (fault injection, only when
/// `admin.fault_injection` is on), to show that a panic is one log line, a count and a 500.
async fn panic_in_handler(state: web::Data<AppState>) -> HttpResponse {
    if !state.fault_injection {
        return json_error(StatusCode::NOT_FOUND, "not_found");
    }
    #[allow(clippy::panic)]
    {
        panic!("injected handler fault")
    }
}

/// `POST /admin/actors/{actor}/panic`: fault injection, only when `admin.fault_injection` is on.
async fn panic_actor(state: web::Data<AppState>, actor: web::Path<String>) -> HttpResponse {
    if !state.fault_injection {
        return json_error(StatusCode::NOT_FOUND, "not_found");
    }
    signal_actor(&state, &actor, Signal::InjectPanic).await
}
