//! Roles from the command line: `portal user role` (a client user's portal role) and
//! `portal tenant role` (what each client role may do in a tenant). Both call the domain
//! functions the admin API calls, and write their audit records directly.

use anyhow::Context;
use clap::{Args, ValueEnum};
use portal_actors::admin::roles::{self as role_table, RolePermissionsError};
use portal_actors::model::{Email, PortalRole, UserType};
use portal_actors::roles::{change_portal_role, RoleChangeError, RoleTarget};
use portal_actors::store::users;
use portal_actors::{Db, SharedClock};

use super::{audited, cli_origin, find_tenant};

/// A client contact's portal role on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Manages the company's portal users and settings.
    Admin,
    /// Sees and pays the company's invoices.
    Finance,
    /// Raises and follows support tickets.
    User,
}

impl From<RoleArg> for PortalRole {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Admin => PortalRole::Admin,
            RoleArg::Finance => PortalRole::Finance,
            RoleArg::User => PortalRole::User,
        }
    }
}

#[derive(Debug, Args)]
pub struct UserRole {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// The client user's email.
    #[arg(long)]
    pub email: String,
    #[arg(long, value_enum)]
    pub role: RoleArg,
}

#[derive(Debug, Args)]
pub struct TenantRole {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// The role to show or change (every role when omitted).
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
    /// Replace the role's permissions: `resource:action` separated by commas (`''`: none).
    #[arg(long, value_delimiter = ',', requires = "role")]
    pub set: Option<Vec<String>>,
}

/// `portal user role`: changes a client user's portal role; it applies on their next request.
pub async fn change_user_role(db: &Db, clock: &SharedClock, args: UserRole) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let email = Email::parse(&args.email).context("--email")?;
    let user_id = users::find_id(db, tenant.id, &email, UserType::Client)
        .await?
        .with_context(|| format!("no client user {email} in tenant {}", tenant.slug))?;
    let role = PortalRole::from(args.role);
    let origin = cli_origin();
    let change = change_portal_role(
        db,
        clock.now(),
        tenant.id,
        RoleTarget::User(user_id),
        role,
        "operator",
        &origin,
    )
    .await
    .map_err(|e| match e {
        RoleChangeError::NotFound => {
            anyhow::anyhow!("{email} has no contact in tenant {}", tenant.slug)
        }
        other => anyhow::Error::new(other),
    })?;
    if !change.value.changed() {
        println!("{email} already has the role {}.", role.as_str());
        return Ok(());
    }
    let change = audited(db, clock, change).await?;
    println!(
        "Role of {email} changed from {} to {}; it applies on their next request.",
        change.old.as_str(),
        change.new.as_str()
    );
    Ok(())
}

/// `portal tenant role`: prints the effective table, or replaces one role's permissions.
pub async fn tenant_role(db: &Db, clock: &SharedClock, args: TenantRole) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let roles: Vec<PortalRole> = match args.role {
        Some(role) => vec![role.into()],
        None => PortalRole::ALL.to_vec(),
    };
    if let (Some(set), [role]) = (&args.set, roles.as_slice()) {
        let wanted: Vec<String> = set
            .iter()
            .filter(|p| !p.trim().is_empty())
            .cloned()
            .collect();
        let changed =
            role_table::set_role_permissions(db, tenant.id, *role, &wanted, &cli_origin())
                .await
                .map_err(refusal)?;
        audited(db, clock, changed).await?;
        println!(
            "Permissions of {} in {} replaced.",
            role.as_str(),
            tenant.slug
        );
    }
    for role in roles {
        let held = role_table::role_permissions(db, tenant.id, role)
            .await
            .map_err(refusal)?;
        println!("{}: {}", role.as_str(), held.permissions.join(","));
    }
    Ok(())
}

/// A refused change, said plainly (the unknown permission named).
fn refusal(e: RolePermissionsError) -> anyhow::Error {
    match e {
        RolePermissionsError::Db(e) => anyhow::Error::new(e),
        other => anyhow::anyhow!("refused: {other}"),
    }
}
