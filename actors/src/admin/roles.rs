//! Operators' table of what each client role (Admin, Finance, User) may do in one tenant
//! (admin API `…/tenants/{tenant}/roles` and CLI `portal tenant role`): read it, and replace one
//! role's permissions with a set taken only from the known list (`resource:action` over
//! `store::tenants::all_permissions`), audited. Permissions are read per request, so a
//! change applies on each user's next request.
//!
//! The guard: the Admin role is how a company manages its portal users (the company settings
//! page is its holders'), so it always keeps `user:read` and `user:update` — no tenant can lose
//! its last way to manage users.

use std::collections::BTreeMap;

use serde_json::json;
use uuid::Uuid;

use crate::audit::AuditRecord;
use crate::db::{Db, DbError};
use crate::model::{PortalRole, RequestOrigin};
use crate::sso::operators::Audited;
use crate::store::tenants;

/// The audit event of a role's permissions replaced (details: `role`, `old`, `new`).
pub const EVENT_PERMISSIONS_CHANGED: &str = "role_permissions_changed";

/// What the Admin role always keeps, so that every company can manage its users: company
/// settings, which the page is gated on.
pub const USER_MANAGEMENT: [&str; 1] = ["company:manage"];

/// A role and the permissions it holds (`resource:action`, sorted).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RolePermissions {
    pub role: PortalRole,
    pub permissions: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RolePermissionsError {
    /// Not a known permission: named, so the caller can say which one.
    #[error("`{0}` is not a known permission (resource:action, e.g. ticket:read)")]
    UnknownPermission(String),
    /// The Admin role would lose `user:read` or `user:update`.
    #[error(
        "the Admin role must keep company:manage: without it no one could manage the company's \
         portal users"
    )]
    LastUserManager,
    /// The tenant has no client role of this name (a tenant created without its roles).
    #[error("the tenant has no client role {0}")]
    NoSuchRole(&'static str),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Every permission a role can hold, in `tenants::all_permissions` order.
pub fn known_permissions() -> Vec<String> {
    tenants::all_permissions()
        .map(|(r, a)| format!("{r}:{a}"))
        .collect()
}

/// Checks a requested set: every entry known (trimmed), repeats dropped, sorted; the Admin
/// role keeps what manages users.
pub fn parse_permissions(
    role: PortalRole,
    requested: &[String],
) -> Result<Vec<(&'static str, &'static str)>, RolePermissionsError> {
    let mut granted: Vec<(&'static str, &'static str)> = Vec::new();
    for raw in requested {
        let wanted = raw.trim();
        let known = wanted
            .split_once(':')
            .and_then(|(r, a)| tenants::all_permissions().find(|&(kr, ka)| kr == r && ka == a));
        let pair = known.ok_or_else(|| RolePermissionsError::UnknownPermission(raw.clone()))?;
        if !granted.contains(&pair) {
            granted.push(pair);
        }
    }
    granted.sort_unstable();
    if role == PortalRole::Admin {
        let keeps = |p: &str| granted.iter().any(|(r, a)| format!("{r}:{a}") == p);
        if !USER_MANAGEMENT.iter().all(|p| keeps(p)) {
            return Err(RolePermissionsError::LastUserManager);
        }
    }
    Ok(granted)
}

/// What one client role holds in `tenant`.
pub async fn role_permissions(
    db: &Db,
    tenant: Uuid,
    role: PortalRole,
) -> Result<RolePermissions, RolePermissionsError> {
    let permissions = tenants::role_permissions(db.exec(), tenant, role.role_name())
        .await?
        .ok_or(RolePermissionsError::NoSuchRole(role.role_name()))?;
    Ok(RolePermissions { role, permissions })
}

/// The effective table of `tenant`: each client role (`admin`, `finance`, `user`) and what it
/// holds.
pub async fn role_table(
    db: &Db,
    tenant: Uuid,
) -> Result<BTreeMap<&'static str, Vec<String>>, RolePermissionsError> {
    let mut table = BTreeMap::new();
    for role in PortalRole::ALL {
        let held = role_permissions(db, tenant, role).await?;
        table.insert(role.as_str(), held.permissions);
    }
    Ok(table)
}

/// Replaces what `role` holds in `tenant` with `requested` (all or nothing: a refusal changes
/// nothing), and returns the new set with its `role_permissions_changed` record (old and new).
pub async fn set_role_permissions(
    db: &Db,
    tenant: Uuid,
    role: PortalRole,
    requested: &[String],
    origin: &RequestOrigin,
) -> Result<Audited<RolePermissions>, RolePermissionsError> {
    let granted = parse_permissions(role, requested)?;
    let mut tx = db.begin().await?;
    let old = tenants::role_permissions(tx.exec(), tenant, role.role_name())
        .await?
        .ok_or(RolePermissionsError::NoSuchRole(role.role_name()))?;
    if !tenants::replace_role_permissions(&mut tx, tenant, role.role_name(), &granted).await? {
        return Err(RolePermissionsError::NoSuchRole(role.role_name()));
    }
    let new = tenants::role_permissions(tx.exec(), tenant, role.role_name())
        .await?
        .unwrap_or_default();
    tx.commit().await?;
    tracing::info!(%tenant, role = role.as_str(), old = old.len(), new = new.len(),
        "role permissions replaced");
    let details = json!({
        "by": "operator",
        "role": role.as_str(),
        "old": old,
        "new": new,
    });
    Ok(Audited {
        record: AuditRecord {
            tenant,
            event_type: EVENT_PERMISSIONS_CHANGED,
            outcome: "success",
            reason: None,
            user_id: None,
            email: None,
            origin: origin.clone(),
            details: Some(details.to_string()),
        },
        value: RolePermissions {
            role,
            permissions: new,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tenants::{ACTIONS, RESOURCES};

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn only_known_permissions_are_taken_and_the_unknown_one_is_named() {
        let ok = parse_permissions(
            PortalRole::User,
            &strings(&["ticket:read", " ticket:read", "billing:update"]),
        );
        assert_eq!(
            ok.ok(),
            Some(vec![("billing", "update"), ("ticket", "read")])
        );
        for bad in ["ticket:fly", "rocket:read", "ticket", "", "ticket:read:x"] {
            match parse_permissions(PortalRole::User, &strings(&["ticket:read", bad])) {
                Err(RolePermissionsError::UnknownPermission(p)) => assert_eq!(p, bad),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_admin_role_keeps_what_manages_users() {
        let without = parse_permissions(PortalRole::Admin, &strings(&["user:read"]));
        assert!(matches!(
            without,
            Err(RolePermissionsError::LastUserManager)
        ));
        assert!(parse_permissions(PortalRole::Admin, &strings(&USER_MANAGEMENT)).is_ok());
        assert!(parse_permissions(PortalRole::Finance, &[]).is_ok());
    }

    #[test]
    fn the_known_list_is_every_resource_and_action() {
        let known = known_permissions();
        assert_eq!(
            known.len(),
            RESOURCES.len() * ACTIONS.len() + tenants::EXTRA_PERMISSIONS.len()
        );
        assert!(known.contains(&"billing:read".to_owned()));
        assert!(known.contains(&"project:upload".to_owned()));
        assert!(known.contains(&"company:manage".to_owned()));
        assert!(!known.contains(&"billing:upload".to_owned()));
    }
}
