//! The admin listener: health checks (open), and behind the bearer token the metrics and the
//! operators' actor maintenance.

pub mod actions;
pub mod audit_trail;
pub mod branding;
pub mod domains;
pub mod integration_tokens;
pub mod invitations;
pub mod mailer;
pub mod observability;
pub mod operations;
pub mod roles;
pub mod sso;
pub mod tenants;

use actix_web::http::{header, StatusCode};
use actix_web::middleware::from_fn;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::model::TenantInfo;
use portal_actors::supervision::{InjectPanic, Signal};
use portal_actors::{audit, login_throttle, sessions, tenant_directory};
use serde_json::json;

use crate::app::AppState;
use crate::errors::ApiError;
use crate::http::middleware::require_admin_token;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(show_health))
        .route("/readyz", web::get().to(show_readiness))
        .service(
            web::resource("/metrics")
                .wrap(from_fn(require_admin_token))
                .route(web::get().to(show_metrics)),
        )
        .service(
            web::scope("/admin")
                // Inside the token check: only admitted requests are recorded.
                .wrap(from_fn(actions::record_admin_actions))
                .wrap(from_fn(require_admin_token))
                .route("/actors", web::get().to(list_actors))
                .route("/actions", web::get().to(actions::list_admin_actions))
                .route(
                    "/actors/audit/sweep",
                    web::post().to(operations::sweep_audit),
                )
                .route("/mailer/sweep", web::post().to(operations::sweep_mail))
                .route(
                    "/portal-domains/{domain}/flush",
                    web::post().to(operations::flush_domain),
                )
                .route(
                    "/tenants/{tenant}/cache/flush",
                    web::post().to(operations::flush_tenant),
                )
                .route(
                    "/tenants/{tenant}/sessions/revoke",
                    web::post().to(operations::revoke_tenant_sessions),
                )
                .route(
                    "/tenants/{tenant}/users/{email}/sessions/revoke",
                    web::post().to(operations::revoke_user_sessions),
                )
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
                .route("/audit", web::get().to(audit_trail::list_audit_events))
                .route("/audit.csv", web::get().to(audit_trail::export_audit_csv))
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
                .route("/mailer/deliver", web::post().to(mailer::deliver_mail))
                .route("/notifier/run", web::post().to(mailer::run_notifier))
                .route("/portal-domains", web::get().to(domains::list_domains))
                .route("/portal-domains", web::post().to(domains::add_domain))
                .route(
                    "/portal-domains/{domain}/verify",
                    web::post().to(domains::verify_domain),
                )
                .route(
                    "/portal-domains/{domain}/activate",
                    web::post().to(domains::activate_domain),
                )
                .route(
                    "/portal-domains/{domain}/disable",
                    web::post().to(domains::disable_domain),
                )
                .route(
                    "/invitations",
                    web::post().to(invitations::create_invitation),
                )
                .route(
                    "/tenants/{tenant}/two-factor",
                    web::get().to(tenants::show_two_factor),
                )
                .route(
                    "/tenants/{tenant}/two-factor",
                    web::put().to(tenants::set_two_factor),
                )
                .route(
                    "/tenants/{tenant}/company-editing",
                    web::get().to(tenants::show_company_editing),
                )
                .route(
                    "/tenants/{tenant}/company-editing",
                    web::put().to(tenants::set_company_editing),
                )
                .route(
                    "/tenants/{tenant}/support-email",
                    web::get().to(tenants::show_support_email),
                )
                .route(
                    "/tenants/{tenant}/support-email",
                    web::put().to(tenants::set_support_email_address),
                )
                .route(
                    "/tenants/{tenant}/branding",
                    web::get().to(branding::show_branding),
                )
                .route(
                    "/tenants/{tenant}/branding",
                    web::put().to(branding::set_colors),
                )
                .route(
                    "/tenants/{tenant}/branding/logo",
                    web::put().to(branding::put_logo),
                )
                .route(
                    "/tenants/{tenant}/branding/logo",
                    web::delete().to(branding::delete_logo),
                )
                .route(
                    "/tenants/{tenant}/branding/favicon",
                    web::put().to(branding::put_favicon),
                )
                .route(
                    "/tenants/{tenant}/branding/favicon",
                    web::delete().to(branding::delete_favicon),
                )
                .route("/tenants/{tenant}/roles", web::get().to(roles::list_roles))
                .route(
                    "/tenants/{tenant}/roles/{role}",
                    web::get().to(roles::show_role),
                )
                .route(
                    "/tenants/{tenant}/roles/{role}",
                    web::put().to(roles::put_role),
                )
                .route("/tenants/{tenant}/sso", web::get().to(sso::show_sso))
                .route("/tenants/{tenant}/sso", web::put().to(sso::set_sso_options))
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
                    web::get().to(integration_tokens::list_tokens),
                )
                .route(
                    "/tenants/{tenant}/integration-tokens",
                    web::post().to(integration_tokens::create_token),
                )
                .route(
                    "/tenants/{tenant}/integration-tokens/{token_id}",
                    web::delete().to(integration_tokens::revoke_token),
                )
                .route(
                    "/actors/tenant_data/panic",
                    web::post().to(panic_tenant_data),
                )
                .route(
                    "/actors/active_users/refresh",
                    web::post().to(observability::refresh_activity),
                )
                .route(
                    "/actors/{actor}/stall",
                    web::post().to(observability::stall_actor),
                )
                .route("/actors/{actor}/restart", web::post().to(restart_actor))
                .route("/actors/{actor}/panic", web::post().to(panic_actor))
                .route("/faults/http-panic", web::post().to(panic_in_handler))
                .default_service(web::to(refuse_unknown_path)),
        )
        .default_service(web::to(refuse_unknown_path));
}

/// Anything the admin listener does not serve: `404 not_found`.
#[tracing::instrument(skip_all)]
async fn refuse_unknown_path() -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found("not_found"))
}

/// The tenant with this id or slug: `404 unknown_tenant` when none has it.
pub async fn find_tenant(state: &AppState, key: &str) -> Result<TenantInfo, ApiError> {
    portal_actors::admin::tenants::find_tenant(&state.services.db, key)
        .await?
        .ok_or_else(|| ApiError::not_found("unknown_tenant"))
}

/// `GET /healthz`: the process answers.
#[tracing::instrument(skip_all)]
async fn show_health() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// `GET /readyz`: the database answers and every actor is alive.
#[tracing::instrument(skip_all)]
async fn show_readiness(state: web::Data<AppState>) -> HttpResponse {
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
#[tracing::instrument(skip_all)]
async fn show_metrics(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let text = state.metrics.render().map_err(|e| {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "metrics_failed").caused_by(e)
    })?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        ))
        .body(text))
}

/// `GET /admin/actors`: each actor's state.
#[tracing::instrument(skip_all)]
async fn list_actors(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "actors": state.registry.snapshot(),
        "tenant_data_live": state.tenant_data.live(),
    }))
}

/// The answer of an actor asked for maintenance: its result, or `503 actor_unavailable`.
fn answered<T, E>(sent: Result<Result<T, E>, actix::MailboxError>) -> Result<T, ApiError>
where
    E: Into<anyhow::Error>,
{
    sent.map_err(ApiError::actor_unavailable)?
        .map_err(ApiError::actor_unavailable)
}

/// `POST /admin/actors/sessions/sweep`: ends expired sessions now.
#[tracing::instrument(skip_all)]
async fn sweep_sessions(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let counts = answered(state.services.sessions.send(sessions::SweepSessions).await)?;
    Ok(actions::reported(json!({ "swept": counts })))
}

/// `POST /admin/actors/tenant_directory/flush`: forgets cached tenants.
#[tracing::instrument(skip_all)]
async fn flush_tenant_cache(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let n = answered(state.tenants.send(tenant_directory::FlushTenantCache).await)?;
    Ok(actions::reported(json!({ "flushed": n })))
}

/// `POST /admin/actors/audit/flush`: writes buffered audit events now.
#[tracing::instrument(skip_all)]
async fn flush_audit(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let n = answered(state.services.audit.send(audit::FlushAudit).await)?;
    Ok(actions::reported(json!({ "written": n })))
}

/// `POST /admin/throttle/sweep`: deletes throttle events older than the longest window now.
#[tracing::instrument(skip_all)]
async fn sweep_throttle(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let sweep = state.services.throttle.send(login_throttle::SweepThrottle);
    let n = answered(sweep.await)?;
    Ok(actions::reported(json!({ "swept": n })))
}

/// Sends a supervision signal to the named actor (the table `app.rs` builds): `202`, or
/// `404 unknown_actor` for a name not in it.
async fn signal_actor(
    state: &AppState,
    actor: &str,
    signal: Signal,
) -> Result<HttpResponse, ApiError> {
    match state.supervised.send(actor, signal).await {
        None => Err(ApiError::not_found("unknown_actor")),
        Some(sent) => {
            // A panic the actor turned into a restart (`ActorFault`) is the expected answer too.
            let _done_or_fault = sent.map_err(ApiError::actor_unavailable)?;
            let body = json!({ "actor": actor, "restarting": true });
            Ok(actions::reported_as(StatusCode::ACCEPTED, body))
        }
    }
}

/// `POST /admin/actors/sso/flush`: forgets cached discovery documents and key sets.
#[tracing::instrument(skip_all)]
async fn flush_sso(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let sent = state.sso.send(portal_actors::sso::FlushSsoCache).await;
    let n = sent
        .map_err(ApiError::actor_unavailable)?
        .map_err(ApiError::unavailable)?;
    Ok(actions::reported(json!({ "flushed": n })))
}

/// `POST /admin/actors/sso/sweep`: deletes expired sign-in flows now.
#[tracing::instrument(skip_all)]
async fn sweep_sso(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let sent = state.sso.send(portal_actors::sso::SweepFlows).await;
    let n = sent
        .map_err(ApiError::actor_unavailable)?
        .map_err(ApiError::unavailable)?;
    Ok(actions::reported(json!({ "swept": n })))
}

#[derive(serde::Deserialize)]
struct SweepTenantsQuery {
    /// Stop tenant actors idle at least this long (default: `tickets.tenant_idle_minutes`).
    idle_seconds: Option<u32>,
}

/// `POST /admin/actors/tenant_registry/sweep[?idle_seconds=N]`: stops idle per-tenant data
/// actors now (`idle_seconds=0` stops them all; each starts again on its tenant's next request).
#[tracing::instrument(skip_all)]
async fn sweep_tenant_actors(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let query = web::Query::<SweepTenantsQuery>::from_query(req.query_string())
        .map_err(|e| ApiError::bad_request("invalid_query").caused_by(e))?;
    let idle_for = query.idle_seconds.map_or(state.tenant_idle, |s| {
        chrono::Duration::seconds(i64::from(s))
    });
    let stop = portal_actors::tenant_data::registry::StopIdleTenants { idle_for };
    let stopped = answered(state.tenant_registry.send(stop).await)?;
    Ok(actions::reported(
        json!({ "stopped": stopped, "live": state.tenant_data.live() }),
    ))
}

#[derive(serde::Deserialize)]
struct TenantQuery {
    tenant: String,
}

/// `POST /admin/actors/tenant_data/panic?tenant=<slug>`: fault injection into one tenant's
/// data actor (only when `admin.fault_injection` is on); the next request gets a fresh one.
#[tracing::instrument(skip_all)]
async fn panic_tenant_data(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if !state.fault_injection {
        return Err(ApiError::not_found("not_found"));
    }
    let query = web::Query::<TenantQuery>::from_query(req.query_string())
        .map_err(|e| ApiError::bad_request("invalid_query").caused_by(e))?;
    let key = tenant_directory::TenantKey::Slug(query.tenant.clone());
    let tenant = crate::http::extract::lookup(&state, key)
        .await
        .map_err(ApiError::actor_unavailable)?
        .ok_or_else(|| ApiError::not_found("unknown_tenant"))?;
    let addr = crate::routes::tickets::tenant_data(&state, tenant.id)
        .await
        .map_err(ApiError::actor_unavailable)?;
    // The actor panics on receipt: whatever it answers, it is restarting.
    let _answer = addr
        .send(InjectPanic)
        .await
        .map_err(ApiError::actor_unavailable)?;
    Ok(HttpResponse::Accepted().json(json!({ "actor": "tenant_data", "restarting": true })))
}

/// `POST /admin/actors/{actor}/restart`: restarts one actor through its supervisor.
#[tracing::instrument(skip_all, fields(actor = %actor))]
async fn restart_actor(
    state: web::Data<AppState>,
    actor: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    signal_actor(&state, &actor, Signal::Restart).await
}

/// `POST /admin/faults/http-panic`: a handler that panics (fault injection, only when
/// `admin.fault_injection` is on), to show that a panic is one log line, a count and a 500.
#[tracing::instrument(skip_all)]
async fn panic_in_handler(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if !state.fault_injection {
        return Err(ApiError::not_found("not_found"));
    }
    #[allow(clippy::panic)]
    {
        panic!("injected handler fault")
    }
}

/// `POST /admin/actors/{actor}/panic`: fault injection, only when `admin.fault_injection` is on.
#[tracing::instrument(skip_all, fields(actor = %actor))]
async fn panic_actor(
    state: web::Data<AppState>,
    actor: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    if !state.fault_injection {
        return Err(ApiError::not_found("not_found"));
    }
    signal_actor(&state, &actor, Signal::InjectPanic).await
}
