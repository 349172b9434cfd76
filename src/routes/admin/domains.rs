//! Operators' management of portal (vanity) domains and the handoff/DNS actors.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::dns::{FlushDnsCache, ReverifyDomain};
use portal_actors::handoff::SweepOtts;
use portal_actors::portal_domain::{parse_domain, DomainStatus};
use portal_actors::store::{portal_domains, tenants};
use portal_actors::tenant_directory::FlushTenantCache;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::errors::json_error;

fn failed(e: impl std::fmt::Display) -> HttpResponse {
    tracing::error!(error = %e, "admin domain action failed");
    json_error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
}

/// `GET /admin/portal-domains`
pub async fn list(state: web::Data<AppState>) -> HttpResponse {
    match portal_domains::list(&state.services.db).await {
        Ok(domains) => HttpResponse::Ok().json(json!({ "domains": domains })),
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
pub struct AddDomain {
    tenant: String,
    domain: String,
}

/// `POST /admin/portal-domains` `{tenant, domain}`: registers (or replaces) a tenant's domain.
pub async fn add(state: web::Data<AppState>, body: web::Json<AddDomain>) -> HttpResponse {
    let domain =
        match parse_domain(&body.domain, &state.canonical_host) {
            Ok(domain) => domain,
            Err(e) => return HttpResponse::BadRequest().json(
                json!({ "error": "invalid_domain", "field": "domain", "message": e.to_string() }),
            ),
        };
    let tenant = match tenants::find_by_key(&state.services.db, &body.tenant).await {
        Ok(Some(tenant)) => tenant,
        Ok(None) => return json_error(StatusCode::NOT_FOUND, "unknown_tenant"),
        Err(e) => return failed(e),
    };
    let now = state.clock.now();
    match portal_domains::upsert(
        &state.services.db,
        tenant.id,
        &domain,
        &state.canonical_host,
        &state.cname_target,
        now,
    )
    .await
    {
        Ok(created) => {
            flush_directory(&state).await;
            HttpResponse::Created().json(created)
        }
        Err(e) if e.is_unique_violation() => json_error(StatusCode::CONFLICT, "domain_taken"),
        Err(e) => failed(e),
    }
}

async fn flush_directory(state: &AppState) {
    if let Err(e) = state.tenants.send(FlushTenantCache).await {
        tracing::warn!(error = %e, "tenant cache flush failed");
    }
}

async fn find(
    state: &AppState,
    domain: &str,
) -> Result<portal_actors::portal_domain::PortalDomain, HttpResponse> {
    let name = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    match portal_domains::find_by_domain(&state.services.db, &name).await {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(json_error(StatusCode::NOT_FOUND, "domain_not_found")),
        Err(e) => Err(failed(e)),
    }
}

/// `POST /admin/portal-domains/{domain}/verify`: a fresh DNS check now.
pub async fn verify(state: web::Data<AppState>, domain: web::Path<String>) -> HttpResponse {
    let found = match find(&state, &domain).await {
        Ok(d) => d,
        Err(response) => return response,
    };
    let result = state
        .dns
        .send(ReverifyDomain {
            tenant: found.tenant,
        })
        .await;
    flush_directory(&state).await;
    match result {
        Ok(Ok(updated)) => HttpResponse::Ok().json(updated),
        Ok(Err(e)) => failed(e),
        Err(e) => failed(e),
    }
}

/// Sets a domain's status (`activate`, `disable`).
async fn set(state: &AppState, domain: &str, status: DomainStatus, message: &str) -> HttpResponse {
    let found = match find(state, domain).await {
        Ok(d) => d,
        Err(response) => return response,
    };
    let now = state.clock.now();
    if let Err(e) = portal_domains::set_status(
        &state.services.db,
        found.tenant,
        status,
        Some(message),
        false,
        None,
        now,
    )
    .await
    {
        return failed(e);
    }
    flush_directory(state).await;
    match portal_domains::find_by_tenant(&state.services.db, found.tenant).await {
        Ok(Some(updated)) => HttpResponse::Ok().json(updated),
        Ok(None) => json_error(StatusCode::NOT_FOUND, "domain_not_found"),
        Err(e) => failed(e),
    }
}

/// `POST /admin/portal-domains/{domain}/activate`
pub async fn activate(state: web::Data<AppState>, domain: web::Path<String>) -> HttpResponse {
    set(
        &state,
        &domain,
        DomainStatus::Active,
        "Activated by an operator",
    )
    .await
}

/// `POST /admin/portal-domains/{domain}/disable`
pub async fn disable(state: web::Data<AppState>, domain: web::Path<String>) -> HttpResponse {
    set(
        &state,
        &domain,
        DomainStatus::Disabled,
        "Disabled by an operator",
    )
    .await
}

/// `POST /admin/actors/handoff/sweep`: deletes expired and consumed transfer tokens now.
pub async fn sweep_handoff(state: web::Data<AppState>) -> HttpResponse {
    match state
        .services
        .handoff
        .send(SweepOtts {
            older_than: chrono::Duration::zero(),
            tenant: None,
        })
        .await
    {
        Ok(Ok(n)) => HttpResponse::Ok().json(json!({ "swept": n })),
        Ok(Err(e)) => failed(e),
        Err(e) => failed(e),
    }
}

/// `POST /admin/actors/dns_verifier/flush`: forgets cached DNS answers.
pub async fn flush_dns(state: web::Data<AppState>) -> HttpResponse {
    match state.dns.send(FlushDnsCache).await {
        Ok(Ok(n)) => HttpResponse::Ok().json(json!({ "flushed": n })),
        Ok(Err(e)) => failed(e),
        Err(e) => failed(e),
    }
}
