//! `portal user revoke-sessions` and `portal tenant revoke-sessions`: end sessions in the
//! database directly. On PostgreSQL running servers learn at once (`NOTIFY`); on SQLite a
//! running server refuses a revoked session once its cached copy is older than the session
//! cache TTL (30 s). Audited: the tenant's `sessions_revoked` event and an admin action.

use anyhow::bail;
use clap::Args;
use portal_actors::admin::sessions::{revoke_sessions_in_db, RevokeScope, RevokeSessionsError};
use portal_actors::{Db, SharedClock};
use serde_json::json;

use super::admin_actions::{record, CliAction};
use super::find_tenant;

#[derive(Debug, Args)]
pub struct UserRevokeSessions {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// The user's sign-in email.
    pub email: String,
}

#[derive(Debug, Args)]
pub struct TenantRevokeSessions {
    /// Tenant id or slug.
    pub tenant: String,
}

/// Ends every session of the tenant's user(s) with this email.
pub async fn revoke_user(
    db: &Db,
    clock: &SharedClock,
    args: UserRevokeSessions,
) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let scope = RevokeScope::User {
        email: args.email.clone(),
    };
    let revoked = match revoke_sessions_in_db(db, clock.now(), tenant.id, scope).await {
        Err(RevokeSessionsError::UnknownUser) => {
            bail!("no user {} in tenant {}", args.email, tenant.slug)
        }
        other => other?,
    };
    let email = args.email.to_ascii_lowercase();
    let action = CliAction {
        action: "user.revoke_sessions".into(),
        target: Some(email.clone()),
        tenant: Some(tenant.id.to_string()),
    };
    record(db, clock, action, json!({ "revoked": revoked })).await?;
    println!(
        "Ended {revoked} session(s) of {email} in tenant {}.",
        tenant.slug
    );
    Ok(())
}

/// Ends every session of the tenant.
pub async fn revoke_tenant(
    db: &Db,
    clock: &SharedClock,
    args: TenantRevokeSessions,
) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let revoked = revoke_sessions_in_db(db, clock.now(), tenant.id, RevokeScope::Tenant).await?;
    let action = CliAction {
        action: "tenant.revoke_sessions".into(),
        target: Some(tenant.slug.clone()),
        tenant: Some(tenant.id.to_string()),
    };
    record(db, clock, action, json!({ "revoked": revoked })).await?;
    println!("Ended {revoked} session(s) in tenant {}.", tenant.slug);
    Ok(())
}
