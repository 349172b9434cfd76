//! What a client user does to their own profile from the Profile page: save it (through the
//! tenant's `TenantData`, one transaction with the PSA's `profile_updated`), audited, and every
//! instance told to read the user's sessions again so the new name and preferences show at once.

use actix::Addr;

use crate::audit::{AuditRecord, Record};
use crate::model::{RequestOrigin, SessionUser};
use crate::profile::ProfileInput;
use crate::services::Services;
use crate::sessions::ForgetUserSessions;
use crate::tenant_data::{ProfileError, SaveOwnProfile, TenantData};

/// Why a save failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveProfileError {
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error("actor unavailable")]
    Mailbox(#[from] actix::MailboxError),
}

/// Saves `input` as `user`'s profile; the fields that changed (none: nothing was written).
pub async fn save_profile(
    svc: &Services,
    data: &Addr<TenantData>,
    user: &SessionUser,
    input: ProfileInput,
    origin: RequestOrigin,
) -> Result<Vec<String>, SaveProfileError> {
    let saved = SaveOwnProfile {
        user_id: user.user_id,
        input,
    };
    let changed = data.send(saved).await??;
    if changed.is_empty() {
        return Ok(changed);
    }
    svc.audit.do_send(Record(AuditRecord {
        tenant: user.tenant,
        event_type: "profile_updated",
        outcome: "success",
        user_id: Some(user.user_id),
        email: Some(user.email.clone()),
        origin,
        details: Some(serde_json::json!({ "fields": changed }).to_string()),
        ..AuditRecord::default()
    }));
    let forget = ForgetUserSessions {
        tenant: user.tenant,
        user_id: user.user_id,
    };
    // The save stands either way; sessions are re-read at the latest when their cache expires.
    match svc.sessions.send(forget).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "sessions not told to re-read the user"),
        Err(e) => tracing::warn!(error = %e, "sessions not told to re-read the user"),
    }
    Ok(changed)
}
