//! What committed directory writes ask of the other actors, done after the commit: sessions of
//! shut-out companies and deactivated contacts (ended in the write's transaction, which told the
//! other instances on commit) are dropped from this instance's cache at once, sessions of
//! users whose role, name or email changed are read again, sign-in email and role changes are audited
//! and their notices (queued in the transaction) delivered now.

use actix::MailboxError;

use crate::mailbox::CountingAddr;
use uuid::Uuid;

use super::{Effects, EVENT_USER_EMAIL_CHANGED};
use crate::audit::{AuditRecord, Record};
use crate::mailer::{DeliverNow, Mailer};
use crate::model::RequestOrigin;
use crate::roles::EVENT_ROLE_CHANGED;
use crate::services::Services;
use crate::sessions::{
    ForgetUserSessions, RevokeClientSessions, RevokeReason, RevokeUserSessions, SessionError,
};
use crate::supervision::ActorFault;
use crate::ticket_sync::SyncError;

fn session_failure(e: SessionError) -> SyncError {
    match e {
        SessionError::Db(e) => SyncError::Db(e),
        SessionError::Fault(f) => SyncError::Fault(f),
    }
}

fn unreachable_actor(_: MailboxError) -> SyncError {
    SyncError::Fault(ActorFault)
}

/// Audits, mails, and ends or refreshes sessions for what `effects` records.
#[tracing::instrument(skip_all, fields(tenant = %tenant))]
pub async fn settle(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    tenant: Uuid,
    effects: &Effects,
) -> Result<(), SyncError> {
    for change in &effects.email_changes {
        let details = serde_json::json!({
            "contact_id": change.contact_id,
            "old": change.old,
            "new": change.new,
            "by": "integration",
        });
        svc.audit.do_send(Record(AuditRecord {
            tenant,
            event_type: EVENT_USER_EMAIL_CHANGED,
            outcome: "success",
            reason: None,
            user_id: Some(change.user_id),
            email: Some(change.new.clone()),
            origin: RequestOrigin::default(),
            details: Some(details.to_string()),
        }));
    }
    for change in &effects.role_changes {
        let details = serde_json::json!({
            "by": "integration",
            "contact_id": change.contact_id,
            "client_id": change.client_id,
            "old": change.old.as_str(),
            "new": change.new.as_str(),
            "changed": true,
        });
        svc.audit.do_send(Record(AuditRecord {
            tenant,
            event_type: EVENT_ROLE_CHANGED,
            outcome: "success",
            reason: None,
            user_id: Some(change.user_id),
            email: Some(change.email.clone()),
            origin: RequestOrigin::default(),
            details: Some(details.to_string()),
        }));
    }
    if !effects.email_changes.is_empty() {
        mailer.do_send(DeliverNow);
    }
    // Ended in the committed transaction, so the `Sessions` messages below find nothing left
    // to end: they are counted here.
    svc.metrics
        .sessions_revoked
        .with_label_values(&[RevokeReason::Deactivated.as_str()])
        .inc_by(effects.sessions_ended);
    for client_id in &effects.end_client_sessions {
        let msg = RevokeClientSessions {
            tenant,
            client_id: *client_id,
            reason: RevokeReason::Deactivated,
        };
        svc.sessions
            .send(msg)
            .await
            .map_err(unreachable_actor)?
            .map_err(session_failure)?;
    }
    for user_id in &effects.end_user_sessions {
        let msg = RevokeUserSessions {
            tenant,
            user_id: *user_id,
            reason: RevokeReason::Deactivated,
        };
        svc.sessions
            .send(msg)
            .await
            .map_err(unreachable_actor)?
            .map_err(session_failure)?;
    }
    for user_id in &effects.refresh_user_sessions {
        let msg = ForgetUserSessions {
            tenant,
            user_id: *user_id,
        };
        svc.sessions
            .send(msg)
            .await
            .map_err(unreachable_actor)?
            .map_err(session_failure)?;
    }
    Ok(())
}
