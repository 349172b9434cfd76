//! The confirmation link of an email change. Opening it only shows a page (mail scanners fetch
//! links); its button consumes the link once, atomically, and applies the change in the same
//! transaction: the user's and the contact's address, a `profile_updated` change for the PSA
//! (`{"email": …}`, which bumps the contact's `version`), the end of the user's password-reset
//! links (they went to the old address) and of their sign-ins in flight. Then every other
//! session of the user ends, and the change is audited `email_changed`. An address another
//! user took meanwhile changes nothing (the link stays usable until it expires).

use uuid::Uuid;

use super::{EmailChangeError, EVENT_CHANGED};
use crate::audit::{AuditRecord, Record};
use crate::credential_change::end_sign_ins_in_flight;
use crate::directory_changes::NewChange;
use crate::model::RequestOrigin;
use crate::services::Services;
use crate::sessions::{ForgetUserSessions, RevokeOtherSessions, RevokeReason, RevokeUserSessions};
use crate::store::account_tokens::{self, TokenPurpose};
use crate::store::{directory_changes, email_change as store};
use crate::tokens;

/// The new address a live link of `tenant` would confirm; `None` for a dead or unknown link.
pub async fn email_change_link(
    svc: &Services,
    tenant: Uuid,
    token: &str,
) -> Result<Option<String>, EmailChangeError> {
    if !tokens::is_well_formed(token) {
        return Ok(None);
    }
    let hash = tokens::token_hash(token);
    let purpose = TokenPurpose::EmailChange;
    let now = svc.clock.now();
    let live = account_tokens::find_live(svc.db.exec(), tenant, &hash, purpose, now).await?;
    Ok(live.map(|t| t.email))
}

/// The button of a confirmation page was pressed.
#[derive(Debug, Clone)]
pub struct ConfirmEmailChange {
    pub tenant: Uuid,
    pub token: String,
    pub origin: RequestOrigin,
    /// The browser's own session, if it is signed in to this tenant: (user, session hash).
    /// Kept when it is the changing user's; every other session of theirs ends.
    pub session: Option<(Uuid, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmOutcome {
    Changed {
        user_id: Uuid,
        old_email: String,
        new_email: String,
        /// The confirming browser's session is the user's and stays signed in.
        kept_session: bool,
        sessions_ended: u64,
    },
    /// Expired, used, replaced, cancelled, unknown, another tenant's, or the user is no longer
    /// active: nothing changed.
    InvalidOrExpired,
    /// Another user of the tenant signs in with the address now: nothing changed.
    Taken { email: String },
}

/// Consumes the link and applies the change (see the module's documentation); audited.
#[tracing::instrument(skip_all, fields(tenant = %req.tenant))]
pub async fn confirm_email_change(
    svc: &Services,
    req: ConfirmEmailChange,
) -> Result<ConfirmOutcome, EmailChangeError> {
    let outcome = attempt(svc, &req).await;
    let (result, reason) = match &outcome {
        Ok(ConfirmOutcome::Changed { .. }) => ("success", None),
        Ok(ConfirmOutcome::InvalidOrExpired) => ("failure", Some("invalid_or_expired")),
        Ok(ConfirmOutcome::Taken { .. }) => ("failure", Some("email_taken")),
        Err(_) => ("failure", Some("error")),
    };
    let (user_id, email, details) = match &outcome {
        Ok(ConfirmOutcome::Changed {
            user_id,
            old_email,
            new_email,
            sessions_ended,
            ..
        }) => (
            Some(*user_id),
            Some(new_email.clone()),
            Some(
                serde_json::json!({"old_email": old_email, "new_email": new_email,
                                    "other_sessions_ended": sessions_ended}),
            ),
        ),
        Ok(ConfirmOutcome::Taken { email }) => (None, Some(email.clone()), None),
        _ => (None, None, None),
    };
    svc.audit.do_send(Record(AuditRecord {
        tenant: req.tenant,
        event_type: EVENT_CHANGED,
        outcome: result,
        reason: reason.map(str::to_owned),
        user_id,
        email,
        origin: req.origin.clone(),
        details: details.map(|d| d.to_string()),
    }));
    outcome
}

async fn attempt(
    svc: &Services,
    req: &ConfirmEmailChange,
) -> Result<ConfirmOutcome, EmailChangeError> {
    if !tokens::is_well_formed(&req.token) {
        return Ok(ConfirmOutcome::InvalidOrExpired);
    }
    let (tenant, now) = (req.tenant, svc.clock.now());
    let hash = tokens::token_hash(&req.token);
    let purpose = TokenPurpose::EmailChange;
    let mut tx = svc.db.begin().await?;
    let consumed = account_tokens::consume(tx.exec(), tenant, &hash, purpose, now).await?;
    let Some((user_id, new_email)) = consumed.and_then(|t| t.user_id.map(|u| (u, t.email))) else {
        return Ok(ConfirmOutcome::InvalidOrExpired);
    };
    let Some(user) = store::changing_user(tx.exec(), tenant, user_id).await? else {
        tx.rollback().await?;
        return Ok(ConfirmOutcome::InvalidOrExpired);
    };
    let taken = || ConfirmOutcome::Taken {
        email: new_email.clone(),
    };
    if store::email_taken(tx.exec(), tenant, &new_email, user_id).await? {
        tx.rollback().await?;
        return Ok(taken());
    }
    match store::set_sign_in_email(tx.exec(), tenant, &user, &new_email).await {
        Ok(()) => {}
        Err(e) if e.is_unique_violation() => return Ok(taken()),
        Err(e) => return Err(e.into()),
    }
    store::set_contact_email(tx.exec(), tenant, user.contact_id, &new_email, now).await?;
    let mut fields = serde_json::Map::new();
    fields.insert("email".to_owned(), new_email.clone().into());
    let change = NewChange::profile_updated(user.contact_id, Some(user_id), fields, now);
    directory_changes::record(&mut tx, tenant, &change).await?;
    // Reset links went to the old address; sign-ins begun before the change end with it.
    let reset = TokenPurpose::PasswordReset;
    account_tokens::invalidate_for_user(tx.exec(), tenant, reset, user_id, now).await?;
    end_sign_ins_in_flight(&mut tx, tenant, user_id, now).await?;
    tx.commit().await?;
    let keep = match &req.session {
        Some((session_user, token_hash)) if *session_user == user_id => Some(token_hash.clone()),
        _ => None,
    };
    let kept_session = keep.is_some();
    let sessions_ended = end_other_sessions(svc, tenant, user_id, keep).await?;
    Ok(ConfirmOutcome::Changed {
        user_id,
        old_email: user.email,
        new_email,
        kept_session,
        sessions_ended,
    })
}

/// Ends every session of the user but `keep`, which is read again (it shows the old address).
async fn end_other_sessions(
    svc: &Services,
    tenant: Uuid,
    user_id: Uuid,
    keep: Option<String>,
) -> Result<u64, EmailChangeError> {
    let unavailable = |e: &dyn std::fmt::Display| EmailChangeError::Unavailable(e.to_string());
    let reason = RevokeReason::EmailChange;
    let ended = match keep {
        Some(keep_token_hash) => {
            let others = RevokeOtherSessions {
                tenant,
                user_id,
                keep_token_hash,
                reason,
            };
            let ended = svc
                .sessions
                .send(others)
                .await
                .map_err(|e| unavailable(&e))?
                .map_err(|e| unavailable(&e))?;
            let forget = ForgetUserSessions { tenant, user_id };
            svc.sessions
                .send(forget)
                .await
                .map_err(|e| unavailable(&e))?
                .map_err(|e| unavailable(&e))?;
            ended
        }
        None => {
            let all = RevokeUserSessions {
                tenant,
                user_id,
                reason,
            };
            svc.sessions
                .send(all)
                .await
                .map_err(|e| unavailable(&e))?
                .map_err(|e| unavailable(&e))?
        }
    };
    Ok(ended)
}
