//! What a client admin does from the company settings page: sign one session out, or every
//! session of a member; change a member's role; deactivate or reactivate a member. Each target
//! is checked against the admin's own company (anything else is `NotFound`, like an id that does
//! not exist) and audited. The company never loses its last active admin.

use actix::Addr;
use chrono::Duration;
use uuid::Uuid;

use crate::audit::{AuditRecord, Record};
use crate::model::{PortalRole, RequestOrigin, SessionUser};
use crate::roles::{RoleChangeError, RoleTarget};
use crate::services::Services;
use crate::sessions::{RevokeOwnedSession, RevokeReason, RevokeUserSessions, SessionError};
use crate::store::{company_members, users};
use crate::tenant_data::{CompanyError, CompanyOfAdmin, CompanySessions, TenantData};

/// Why a client admin's action was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum CompanyActionError {
    /// Not a client admin (any more).
    #[error("company settings are for client admins")]
    NotAdmin,
    /// The session or member is not one of the admin's company.
    #[error("no such session or member in the admin's company")]
    NotFound,
    #[error("company data unavailable")]
    Company(#[source] CompanyError),
    #[error("sessions unavailable")]
    Sessions(#[from] SessionError),
    #[error("actor unavailable")]
    Mailbox(#[from] actix::MailboxError),
    /// The change would leave the company without an active admin.
    #[error("the company's last active admin cannot be demoted or deactivated")]
    LastAdmin,
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("the member's role was changed meanwhile; try again")]
    Conflict,
    /// The MSP does not let client admins edit their company's details.
    #[error("the service provider keeps the company's details")]
    NotAllowed,
}

/// The member `member` (a user id as a form sends it) of the admin's company, for an action on
/// them: `NotAdmin` for anyone but a client admin, `NotFound` for anyone else's member.
pub async fn member_of_company(
    data: &Addr<TenantData>,
    admin: &ClientAdmin<'_>,
    member: &str,
) -> Result<crate::store::users::CompanyUser, CompanyActionError> {
    let company = data
        .send(CompanyOfAdmin {
            user_id: admin.user.user_id,
        })
        .await??;
    Uuid::parse_str(member.trim())
        .ok()
        .and_then(|id| company.members.into_iter().find(|m| m.user_id == id))
        .ok_or(CompanyActionError::NotFound)
}

/// `password_reset_sent`: a client admin had a reset link emailed to a member.
pub fn audit_reset_sent(
    svc: &Services,
    admin: &ClientAdmin<'_>,
    member: &crate::store::users::CompanyUser,
) {
    svc.audit.do_send(Record(AuditRecord {
        tenant: admin.user.tenant,
        event_type: "password_reset_sent",
        outcome: "success",
        user_id: Some(member.user_id),
        email: Some(member.email.clone()),
        origin: admin.origin.clone(),
        details: Some(
            serde_json::json!({"by": format!("client_admin:{}", admin.user.user_id)}).to_string(),
        ),
        ..AuditRecord::default()
    }));
}

/// Requires two-factor of everyone in the admin's company (or stops requiring it): users
/// without it set it up at their next sign-in. Audited `company_two_factor_required` when it
/// changed; whether it did.
pub async fn set_company_two_factor(
    svc: &Services,
    data: &Addr<TenantData>,
    admin: ClientAdmin<'_>,
    required: bool,
) -> Result<bool, CompanyActionError> {
    let company = data
        .send(CompanyOfAdmin {
            user_id: admin.user.user_id,
        })
        .await??;
    let tenant = admin.user.tenant;
    let changed = company_members::set_requires_two_factor(
        svc.db.exec(),
        tenant,
        company.client_id,
        required,
    )
    .await?;
    if changed {
        svc.audit.do_send(Record(AuditRecord {
            tenant,
            event_type: "company_two_factor_required",
            outcome: "success",
            user_id: Some(admin.user.user_id),
            email: Some(admin.user.email.clone()),
            origin: admin.origin,
            details: Some(
                serde_json::json!({"required": required, "client_id": company.client_id})
                    .to_string(),
            ),
            ..AuditRecord::default()
        }));
    }
    Ok(changed)
}

/// Edits the company's phone, email, website and billing address, when the MSP allows client
/// admins to (`NotAllowed` otherwise): one transaction with a `company_updated` change of the
/// fields that changed (bumping the client's version); audited. The fields that changed.
pub async fn edit_company(
    svc: &Services,
    data: &Addr<TenantData>,
    admin: ClientAdmin<'_>,
    edit: &crate::directory::input::CompanyEdit,
) -> Result<Vec<String>, CompanyActionError> {
    let company = data
        .send(CompanyOfAdmin {
            user_id: admin.user.user_id,
        })
        .await??;
    let tenant = admin.user.tenant;
    if !company_members::company_editing_allowed(svc.db.exec(), tenant).await? {
        return Err(CompanyActionError::NotAllowed);
    }
    let now = svc.clock.now();
    let mut tx = svc.db.begin().await?;
    company_members::lock_company(&mut tx, tenant, company.client_id).await?;
    let (phone, email, website, address) =
        company_members::company_details(tx.exec(), tenant, company.client_id).await?;
    let stored_address = crate::directory::Address::from_stored(address.as_deref());
    let next_address = edit.billing_address.clone().unwrap_or_default();
    let mut changes = serde_json::Map::new();
    let mut note = |field: &str, before: Option<String>, after: Option<String>| {
        if before != after {
            changes.insert(
                field.to_owned(),
                after.map_or(serde_json::Value::Null, Into::into),
            );
        }
    };
    note("phone", phone, edit.phone.clone());
    note("email", email, edit.email.clone());
    note("website", website, edit.website.clone());
    if stored_address != next_address {
        let value = edit
            .billing_address
            .as_ref()
            .and_then(|a| serde_json::to_value(a).ok())
            .unwrap_or(serde_json::Value::Null);
        changes.insert("billing_address".to_owned(), value);
    }
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    company_members::set_company_details(tx.exec(), tenant, company.client_id, edit, now).await?;
    let fields: Vec<String> = changes.keys().cloned().collect();
    let change = crate::directory_changes::NewChange::company_updated(
        company.client_id,
        Some(admin.user.user_id),
        changes,
        now,
    );
    crate::store::directory_changes::record(&mut tx, tenant, &change).await?;
    tx.commit().await?;
    svc.audit.do_send(Record(AuditRecord {
        tenant,
        event_type: "company_updated",
        outcome: "success",
        user_id: Some(admin.user.user_id),
        email: Some(admin.user.email.clone()),
        origin: admin.origin,
        details: Some(serde_json::json!({ "fields": fields }).to_string()),
        ..AuditRecord::default()
    }));
    Ok(fields)
}

/// What a client admin changes about a member of their company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberChange {
    Role(PortalRole),
    Deactivate,
    Reactivate,
}

impl MemberChange {
    /// Whether the change takes the Admin role away from an active admin.
    fn removes_admin(self) -> bool {
        matches!(
            self,
            MemberChange::Deactivate | MemberChange::Role(PortalRole::Finance | PortalRole::User)
        )
    }
}

/// Changes a member of the admin's company (`member`: their user id as the form sends it) in one
/// transaction that holds the company's row, so two admins cannot demote each other at once:
/// the role (with a `role_changed` for the PSA), or active or not (with `user_deactivated` /
/// `user_reactivated`; a deactivated member's sessions end at once on every instance). Whether
/// anything changed.
pub async fn change_member(
    svc: &Services,
    data: &Addr<TenantData>,
    admin: ClientAdmin<'_>,
    member: &str,
    change: MemberChange,
) -> Result<bool, CompanyActionError> {
    let tenant = admin.user.tenant;
    let company = data
        .send(CompanyOfAdmin {
            user_id: admin.user.user_id,
        })
        .await??;
    let target = Uuid::parse_str(member.trim())
        .ok()
        .and_then(|id| company.members.iter().find(|m| m.user_id == id))
        .ok_or(CompanyActionError::NotFound)?;
    let now = svc.clock.now();
    let mut tx = svc.db.begin().await?;
    company_members::lock_company(&mut tx, tenant, company.client_id).await?;
    let holder = users::role_holder_by_user(tx.exec(), tenant, target.user_id)
        .await?
        .ok_or(CompanyActionError::NotFound)?;
    let inactive = company_members::is_inactive(tx.exec(), tenant, target.user_id).await?;
    let is_active_admin = holder.portal_role == PortalRole::Admin.as_str() && !inactive;
    if is_active_admin && change.removes_admin() {
        let others = company_members::other_active_admins(
            tx.exec(),
            tenant,
            company.client_id,
            target.user_id,
        )
        .await?;
        if others == 0 {
            return Err(CompanyActionError::LastAdmin);
        }
    }
    let by = format!("client_admin:{}", admin.user.user_id);
    let (changed, record) = match change {
        MemberChange::Role(role) => {
            let audited = crate::roles::change_portal_role_in(
                &mut tx,
                now,
                tenant,
                RoleTarget::User(target.user_id),
                role,
                &by,
                &admin.origin,
            )
            .await
            .map_err(|e| match e {
                RoleChangeError::NotFound => CompanyActionError::NotFound,
                RoleChangeError::Conflict => CompanyActionError::Conflict,
                RoleChangeError::Db(e) => CompanyActionError::Db(e),
            })?;
            (audited.value.changed(), audited.record)
        }
        MemberChange::Deactivate | MemberChange::Reactivate => {
            let deactivate = change == MemberChange::Deactivate;
            let changed = inactive != deactivate;
            if changed {
                users::set_inactive_in(&mut tx, tenant, target.user_id, deactivate, now).await?;
            }
            let record = AuditRecord {
                tenant,
                event_type: if deactivate {
                    "user_deactivated"
                } else {
                    "user_reactivated"
                },
                outcome: "success",
                user_id: Some(target.user_id),
                email: Some(target.email.clone()),
                origin: admin.origin.clone(),
                details: Some(serde_json::json!({"by": by, "changed": changed}).to_string()),
                ..AuditRecord::default()
            };
            (changed, record)
        }
    };
    tx.commit().await?;
    if changed && change == MemberChange::Deactivate {
        let revoke = RevokeUserSessions {
            tenant,
            user_id: target.user_id,
            reason: RevokeReason::ClientAdmin,
        };
        svc.sessions.send(revoke).await??;
    }
    if changed {
        svc.audit.do_send(Record(record));
    }
    Ok(changed)
}

impl From<CompanyError> for CompanyActionError {
    fn from(e: CompanyError) -> Self {
        match e {
            CompanyError::NotAdmin => CompanyActionError::NotAdmin,
            e @ CompanyError::Db(_) => CompanyActionError::Company(e),
        }
    }
}

/// The admin making the change, and from where.
pub struct ClientAdmin<'a> {
    pub user: &'a SessionUser,
    pub origin: RequestOrigin,
}

/// Signs out the company session whose token hash is `token_hash` (sessions idle longer than
/// `session_idle` are already over and not found).
pub async fn sign_out_company_session(
    svc: &Services,
    data: &Addr<TenantData>,
    admin: ClientAdmin<'_>,
    token_hash: &str,
    session_idle: Duration,
) -> Result<(), CompanyActionError> {
    let ask = CompanySessions {
        user_id: admin.user.user_id,
        session_idle,
    };
    let (_, sessions) = data.send(ask).await??;
    let target = sessions
        .into_iter()
        .find(|s| s.token_hash == token_hash)
        .ok_or(CompanyActionError::NotFound)?;
    let revoke = RevokeOwnedSession {
        tenant: admin.user.tenant,
        user_id: target.user_id,
        token_hash: target.token_hash,
        reason: RevokeReason::ClientAdmin,
    };
    if svc.sessions.send(revoke).await?? {
        audit(svc, admin, target.user_id, 1);
    }
    Ok(())
}

/// Signs a member of the admin's company out everywhere; how many sessions ended.
pub async fn sign_out_company_member(
    svc: &Services,
    data: &Addr<TenantData>,
    admin: ClientAdmin<'_>,
    member: &str,
) -> Result<u64, CompanyActionError> {
    let company = data
        .send(CompanyOfAdmin {
            user_id: admin.user.user_id,
        })
        .await??;
    let target = Uuid::parse_str(member.trim())
        .ok()
        .filter(|id| company.members.iter().any(|m| m.user_id == *id))
        .ok_or(CompanyActionError::NotFound)?;
    let revoke = RevokeUserSessions {
        tenant: admin.user.tenant,
        user_id: target,
        reason: RevokeReason::ClientAdmin,
    };
    let count = svc.sessions.send(revoke).await??;
    audit(svc, admin, target, count);
    Ok(count)
}

/// `session_revoked` by a client admin: whose sessions, how many, and which admin.
fn audit(svc: &Services, admin: ClientAdmin<'_>, target: Uuid, count: u64) {
    svc.audit.do_send(Record(AuditRecord {
        tenant: admin.user.tenant,
        event_type: "session_revoked",
        outcome: "success",
        user_id: Some(target),
        origin: admin.origin,
        details: Some(format!(
            "{{\"sessions\":{count},\"by\":\"client_admin\",\"admin_user_id\":\"{}\"}}",
            admin.user.user_id
        )),
        ..AuditRecord::default()
    }));
}
