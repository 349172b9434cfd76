//! What a client admin does to their company's sessions from the company settings page: sign
//! one session out, or every session of a member. Each target is checked against the admin's
//! own company (anything else is `NotFound`, like an id that does not exist) and audited.

use actix::Addr;
use chrono::Duration;
use uuid::Uuid;

use crate::audit::{AuditRecord, Record};
use crate::model::{RequestOrigin, SessionUser};
use crate::services::Services;
use crate::sessions::{RevokeOwnedSession, RevokeReason, RevokeUserSessions, SessionError};
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
