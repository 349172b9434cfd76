//! Operators' targeted maintenance: end every session of one user or of a tenant, flush one
//! domain from the DNS cache (and verify it again), flush one tenant from the tenant cache, and
//! run the audit and outbox retention sweeps now. Each answers what it did, which is also what
//! the admin-action audit records.

use actix_web::{web, HttpResponse};
use portal_actors::admin::sessions::{revoke_sessions, RevokeScope, RevokeSessionsError};
use portal_actors::audit::SweepAuditRetention;
use portal_actors::dns::{DnsError, FlushDomain};
use portal_actors::mailer::SweepMailRetention;
use portal_actors::tenant_directory::FlushTenant;
use serde_json::json;

use super::actions::reported;
use super::{answered, find_tenant};
use crate::app::AppState;
use crate::errors::ApiError;

/// `404 unknown_user`, or `503` when the sessions could not be reached.
fn revoke_refusal(e: RevokeSessionsError) -> ApiError {
    match e {
        RevokeSessionsError::UnknownUser => ApiError::not_found("unknown_user"),
        other => ApiError::actor_unavailable(other),
    }
}

/// `POST /admin/tenants/{tenant}/users/{email}/sessions/revoke`: ends every session of the
/// tenant's user(s) with this email, on every instance; answers how many.
#[tracing::instrument(skip_all)]
pub async fn revoke_user_sessions(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, email) = path.into_inner();
    let tenant = find_tenant(&state, &tenant).await?;
    let scope = RevokeScope::User {
        email: email.clone(),
    };
    let revoked = revoke_sessions(&state.services, tenant.id, scope)
        .await
        .map_err(revoke_refusal)?;
    Ok(reported(
        json!({ "tenant": tenant.slug, "email": email.to_ascii_lowercase(), "revoked": revoked }),
    ))
}

/// `POST /admin/tenants/{tenant}/sessions/revoke`: ends every session of the tenant, on every
/// instance; answers how many.
#[tracing::instrument(skip_all)]
pub async fn revoke_tenant_sessions(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let revoked = revoke_sessions(&state.services, tenant.id, RevokeScope::Tenant)
        .await
        .map_err(revoke_refusal)?;
    Ok(reported(
        json!({ "tenant": tenant.slug, "revoked": revoked }),
    ))
}

/// `POST /admin/portal-domains/{domain}/flush`: forgets this domain's cached DNS answer (the
/// others' stay) and verifies it now; answers the fresh check and the domain's state.
#[tracing::instrument(skip_all, fields(domain = %domain))]
pub async fn flush_domain(
    state: web::Data<AppState>,
    domain: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let found = portal_actors::admin::domains::find_domain(&state.services.db, &domain)
        .await?
        .ok_or_else(|| ApiError::not_found("domain_not_found"))?;
    let sent = state.dns.send(FlushDomain {
        tenant: found.tenant,
    });
    let flushed = match sent.await.map_err(ApiError::actor_unavailable)? {
        Ok(flushed) => flushed,
        Err(DnsError::UnknownDomain) => return Err(ApiError::not_found("domain_not_found")),
        Err(e) => return Err(ApiError::unavailable(e)),
    };
    // The directory caches domain statuses too: a moved one shows at once.
    let forget = FlushTenant {
        tenant: found.tenant,
        slug: None,
    };
    if let Err(e) = state.tenants.send(forget).await {
        tracing::warn!(error = %e, "tenant cache flush after a domain flush failed");
    }
    let body = json!({
        "domain": flushed.domain,
        "check": flushed.check,
        "forgotten": flushed.forgotten,
        "status_moved": flushed.status_moved,
        "cached_answers": flushed.cached_answers,
    });
    Ok(reported(body))
}

/// `POST /admin/tenants/{tenant}/cache/flush`: forgets what the tenant cache holds about this
/// tenant (by slug, id, hosts and domain); other tenants' entries stay.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn flush_tenant(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let msg = FlushTenant {
        tenant: tenant.id,
        slug: Some(tenant.slug.clone()),
    };
    let flushed = answered(state.tenants.send(msg).await)?;
    Ok(reported(
        json!({ "tenant": tenant.slug, "flushed": flushed }),
    ))
}

/// `POST /admin/actors/audit/sweep`: deletes audit events and admin actions older than
/// `audit.retention_days` now.
#[tracing::instrument(skip_all)]
pub async fn sweep_audit(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let report = answered(state.services.audit.send(SweepAuditRetention).await)?;
    Ok(reported(json!({
        "deleted": { "audit_events": report.audit_events, "admin_actions": report.admin_actions },
        "cutoff": report.cutoff,
    })))
}

/// `POST /admin/mailer/sweep`: deletes sent and failed outbox messages older than
/// `mail.retention_days` now (queued ones stay).
#[tracing::instrument(skip_all)]
pub async fn sweep_mail(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let deleted = answered(state.mailer.send(SweepMailRetention).await)?;
    Ok(reported(json!({ "deleted": deleted })))
}
