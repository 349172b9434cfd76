//! Operators' management of portal (vanity) domains and the handoff/DNS actors.

use actix_web::{web, HttpResponse};
use portal_actors::admin::domains::{self as admin, NewDomain};
use portal_actors::dns::{FlushDnsCache, ReverifyDomain};
use portal_actors::handoff::SweepOtts;
use portal_actors::portal_domain::{DomainStatus, PortalDomain};
use portal_actors::tenant_directory::FlushTenantCache;
use serde::Deserialize;
use serde_json::json;

use super::actions::{noted, ActionNote};
use crate::app::AppState;
use crate::errors::ApiError;

/// `GET /admin/portal-domains`
#[tracing::instrument(skip_all)]
pub async fn list_domains(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let domains = admin::list_domains(&state.services.db).await?;
    Ok(HttpResponse::Ok().json(json!({ "domains": domains })))
}

#[derive(Deserialize)]
pub struct AddDomain {
    tenant: String,
    domain: String,
}

/// `POST /admin/portal-domains` `{tenant, domain}`: registers (or replaces) a tenant's domain.
#[tracing::instrument(skip_all, fields(tenant = %body.tenant))]
pub async fn add_domain(
    state: web::Data<AppState>,
    body: web::Json<AddDomain>,
) -> Result<HttpResponse, ApiError> {
    let new = NewDomain {
        tenant: &body.tenant,
        domain: &body.domain,
        canonical_host: &state.canonical_host,
        cname_target: &state.cname_target,
    };
    let created = admin::add_domain(&state.services.db, state.clock.now(), new).await?;
    flush_directory(&state).await;
    let note = ActionNote {
        details: json!({ "domain": created.domain, "status": created.status }),
        tenant: Some(created.tenant),
    };
    Ok(noted(HttpResponse::Created().json(created), note))
}

/// The domain as it now is, and (for the admin-action record) its tenant and new status.
fn status_changed(domain: PortalDomain) -> HttpResponse {
    let note = ActionNote {
        details: json!({ "status": domain.status }),
        tenant: Some(domain.tenant),
    };
    noted(HttpResponse::Ok().json(domain), note)
}

async fn flush_directory(state: &AppState) {
    if let Err(e) = state.tenants.send(FlushTenantCache).await {
        tracing::warn!(error = %e, "tenant cache flush failed");
    }
}

/// The domain named in the path: `404 domain_not_found` when none is.
async fn find_domain(state: &AppState, domain: &str) -> Result<PortalDomain, ApiError> {
    admin::find_domain(&state.services.db, domain)
        .await?
        .ok_or_else(|| ApiError::not_found("domain_not_found"))
}

/// `POST /admin/portal-domains/{domain}/verify`: a fresh DNS check now.
#[tracing::instrument(skip_all, fields(domain = %domain))]
pub async fn verify_domain(
    state: web::Data<AppState>,
    domain: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let found = find_domain(&state, &domain).await?;
    let reverify = ReverifyDomain {
        tenant: found.tenant,
    };
    let result = state.dns.send(reverify).await;
    flush_directory(&state).await;
    let updated = result
        .map_err(ApiError::unavailable)?
        .map_err(ApiError::unavailable)?;
    Ok(status_changed(updated))
}

/// Sets a domain's status (`activate`, `disable`).
async fn set_status(
    state: &AppState,
    domain: &str,
    status: DomainStatus,
    message: &str,
) -> Result<HttpResponse, ApiError> {
    let found = find_domain(state, domain).await?;
    let db = &state.services.db;
    admin::set_domain_status(db, state.clock.now(), found.tenant, status, message).await?;
    flush_directory(state).await;
    let updated = admin::domain_of_tenant(db, found.tenant)
        .await?
        .ok_or_else(|| ApiError::not_found("domain_not_found"))?;
    Ok(status_changed(updated))
}

/// `POST /admin/portal-domains/{domain}/activate`
#[tracing::instrument(skip_all, fields(domain = %domain))]
pub async fn activate_domain(
    state: web::Data<AppState>,
    domain: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let message = "Activated by an operator";
    set_status(&state, &domain, DomainStatus::Active, message).await
}

/// `POST /admin/portal-domains/{domain}/disable`
#[tracing::instrument(skip_all, fields(domain = %domain))]
pub async fn disable_domain(
    state: web::Data<AppState>,
    domain: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let message = "Disabled by an operator";
    set_status(&state, &domain, DomainStatus::Disabled, message).await
}

/// `POST /admin/actors/handoff/sweep`: deletes expired and consumed transfer tokens now.
#[tracing::instrument(skip_all)]
pub async fn sweep_handoff(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let sweep = SweepOtts {
        older_than: chrono::Duration::zero(),
        tenant: None,
    };
    let sent = state.services.handoff.send(sweep).await;
    let n = sent
        .map_err(ApiError::unavailable)?
        .map_err(ApiError::unavailable)?;
    Ok(super::actions::reported(json!({ "swept": n })))
}

/// `POST /admin/actors/dns_verifier/flush`: forgets cached DNS answers.
#[tracing::instrument(skip_all)]
pub async fn flush_dns(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let sent = state.dns.send(FlushDnsCache).await;
    let n = sent
        .map_err(ApiError::unavailable)?
        .map_err(ApiError::unavailable)?;
    Ok(super::actions::reported(json!({ "flushed": n })))
}
