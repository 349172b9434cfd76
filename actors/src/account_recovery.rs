//! Getting back into an account by email: password reset (request a single-use link, then set a
//! new password with it) and organization discovery (email the sign-in links of every tenant
//! where an address has an account).
//!
//! Both requests answer the same whether or not the address has an account, and do the same
//! work either way (for an unknown address in a transaction that is rolled back); emails are
//! queued in the outbox in the transaction of the change that causes them and the `Mailer` is
//! kicked to send them at once. The HTTP edge
//! renders the emails (it knows the links and the views): these functions hand it the facts.

use crate::mailbox::CountingAddr;
use chrono::{DateTime, Duration, Utc};
use secrecy::SecretString;
use uuid::Uuid;

use crate::account::hash_new_password;
use crate::audit::{AuditRecord, Record};
use crate::credential_change::end_sign_ins_in_flight;
use crate::credentials::NewPasswordError;
use crate::db::DbError;
use crate::mailer::{DeliverNow, Mailer};
use crate::model::{Email, RequestOrigin, TenantInfo};
use crate::password_policy::PolicyViolation;
use crate::services::Services;
use crate::sessions::{RevokeReason, RevokeUserSessions, SessionError};
use crate::store::account_tokens::{self, NewAccountToken, TokenPurpose};
/// What the edge's renderers hand back: a rendered email for the outbox.
pub use crate::store::outbox::EmailContent;
use crate::store::outbox::{self, MailKind, OutboxMessage};
use crate::store::recipients::{self, ClientRecipient, Membership};
use crate::store::users;
use crate::tokens;

pub const EVENT_RESET_REQUESTED: &str = "password_reset_requested";
pub const EVENT_RESET: &str = "password_reset";
pub const EVENT_DISCOVERY: &str = "organization_discovery_requested";
/// The language of the discovery email rendered (and rolled back) for an unknown address.
const DISCOVERY_FALLBACK_LOCALE: &str = "en";

#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error("account store unavailable")]
    Db(#[from] DbError),
    #[error("sessions unavailable")]
    Session(#[from] SessionError),
    #[error("service unavailable: {0}")]
    Unavailable(String),
}

/// A request for a reset link.
#[derive(Debug, Clone)]
pub struct ResetRequest {
    pub tenant: TenantInfo,
    pub email: String,
    pub origin: RequestOrigin,
    pub ttl: Duration,
}

/// What the reset email is rendered from.
#[derive(Debug)]
pub struct ResetMail<'a> {
    /// Goes into the link and nowhere else.
    pub token: &'a str,
    pub ttl_minutes: i64,
    pub recipient: &'a ClientRecipient,
    pub locale: &'a str,
}

/// What a reset request did (the visitor is told the same either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetRequested {
    Queued,
    NoAccount,
}

/// The language of an email: the user's, else the tenant's default.
pub fn mail_locale<'a>(user_locale: Option<&'a str>, tenant_default: &'a str) -> &'a str {
    user_locale
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(tenant_default)
}

/// Issues a reset link for the active client user with this email (replacing older unused
/// ones) and queues the email. For anyone else it does the same work — the same statements,
/// the email rendered for a stand-in recipient — in a transaction that is rolled back, so
/// neither timing nor the database tells the two apart.
#[tracing::instrument(skip_all, fields(tenant = %req.tenant.slug))]
pub async fn request_password_reset(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    req: ResetRequest,
    render: impl FnOnce(&ResetMail<'_>) -> EmailContent,
) -> Result<ResetRequested, RecoveryError> {
    let now = svc.clock.now();
    let tenant = req.tenant.id;
    let email = Email::parse(&req.email).ok();
    let recipient = match &email {
        Some(email) => recipients::find_active_client(svc.db.exec(), tenant, email).await?,
        None => None,
    };
    let outcome = match recipient {
        Some(_) => ResetRequested::Queued,
        None => ResetRequested::NoAccount,
    };
    let user = recipient.clone().unwrap_or_else(|| ClientRecipient {
        tenant,
        user_id: Uuid::nil(),
        email: email
            .as_ref()
            .map_or_else(|| req.email.clone(), |e| e.as_str().to_owned()),
        full_name: String::new(),
        locale: None,
    });
    let expires_at = now
        .checked_add_signed(req.ttl)
        .ok_or_else(|| RecoveryError::Unavailable("reset link lifetime out of range".into()))?;
    let mut tx = svc.db.begin().await?;
    account_tokens::invalidate_for_user(
        tx.exec(),
        tenant,
        TokenPurpose::PasswordReset,
        user.user_id,
        now,
    )
    .await?;
    let token = tokens::random_token();
    let token_hash = tokens::token_hash(&token);
    account_tokens::insert(
        tx.exec(),
        &NewAccountToken {
            tenant,
            token_hash: &token_hash,
            purpose: TokenPurpose::PasswordReset,
            user_id: Some(user.user_id),
            contact_id: None,
            email: &user.email,
            created_by: None,
            created_at: now,
            expires_at,
        },
    )
    .await?;
    let content = render(&ResetMail {
        token: &token,
        ttl_minutes: req.ttl.num_minutes(),
        recipient: &user,
        locale: mail_locale(user.locale.as_deref(), &req.tenant.default_locale),
    });
    outbox::enqueue(
        tx.exec(),
        &OutboxMessage {
            tenant,
            kind: MailKind::PasswordReset,
            recipient: user.email.clone(),
            content,
        },
        now,
    )
    .await?;
    match outcome {
        ResetRequested::Queued => {
            tx.commit().await?;
            mailer.do_send(DeliverNow);
        }
        ResetRequested::NoAccount => tx.rollback().await?,
    }
    svc.audit.do_send(Record(AuditRecord {
        tenant,
        event_type: EVENT_RESET_REQUESTED,
        outcome: match outcome {
            ResetRequested::Queued => "success",
            ResetRequested::NoAccount => "failure",
        },
        reason: match (&email, outcome) {
            (None, _) => Some("invalid_input".to_owned()),
            (Some(_), ResetRequested::NoAccount) => Some("unknown_user".to_owned()),
            _ => None,
        },
        user_id: recipient.as_ref().map(|r| r.user_id),
        email: Some(req.email.trim().to_lowercase().chars().take(254).collect()),
        origin: req.origin,
        details: None,
    }));
    Ok(outcome)
}

/// Whether `token` is a live reset link of `tenant` (the form is shown only for one).
pub async fn reset_token_is_live(
    svc: &Services,
    tenant: Uuid,
    token: &str,
) -> Result<bool, RecoveryError> {
    if !tokens::is_well_formed(token) {
        return Ok(false);
    }
    let hash = tokens::token_hash(token);
    let found = account_tokens::find_live(
        svc.db.exec(),
        tenant,
        &hash,
        TokenPurpose::PasswordReset,
        svc.clock.now(),
    )
    .await?;
    Ok(found.is_some())
}

/// Setting a new password with a reset link.
#[derive(Debug)]
pub struct CompleteReset {
    pub tenant: TenantInfo,
    pub token: String,
    pub password: SecretString,
    pub origin: RequestOrigin,
}

/// What the "password changed" notice is rendered from.
#[derive(Debug)]
pub struct PasswordChangedMail<'a> {
    pub recipient: &'a ClientRecipient,
    pub locale: &'a str,
    pub changed_at: DateTime<Utc>,
    pub ip: Option<&'a str>,
}

/// Why a new password was not set; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResetRefusal {
    /// Expired, used, replaced, tampered with, another tenant's, or the user is no longer active.
    InvalidOrExpired,
    /// The new password breaks the policy; the link stays usable.
    Policy(PolicyViolation),
}

impl ResetRefusal {
    /// The audit reason.
    pub fn reason(&self) -> &'static str {
        match self {
            ResetRefusal::InvalidOrExpired => "invalid_or_expired",
            ResetRefusal::Policy(v) => policy_reason(v),
        }
    }
}

/// A short, stable name for a policy violation (audit reasons).
pub fn policy_reason(v: &PolicyViolation) -> &'static str {
    match v {
        PolicyViolation::TooShort => "policy_too_short",
        PolicyViolation::TooLong => "policy_too_long",
        PolicyViolation::ContainsEmail => "policy_contains_email",
        PolicyViolation::ContainsName => "policy_contains_name",
        PolicyViolation::TooWeak { .. } => "policy_too_weak",
    }
}

#[derive(Debug)]
pub enum ResetOutcome {
    /// The password is set, every session ended, the notice queued.
    Done {
        user_id: Uuid,
        sessions_revoked: u64,
    },
    Refused(ResetRefusal),
}

/// Checks the policy (before spending the link), consumes the link once, sets the password,
/// queues the "password changed" notice in the same transaction, then ends every session of
/// the user. It never signs anyone in: two-factor still applies at the next sign-in.
#[tracing::instrument(skip_all, fields(tenant = %req.tenant.slug))]
pub async fn complete_password_reset(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    req: CompleteReset,
    render: impl FnOnce(&PasswordChangedMail<'_>) -> EmailContent,
) -> Result<ResetOutcome, RecoveryError> {
    let outcome = attempt_reset(svc, mailer, &req, render).await;
    let (result, reason, user_id) = match &outcome {
        Ok(ResetOutcome::Done { user_id, .. }) => ("success", None, Some(*user_id)),
        Ok(ResetOutcome::Refused(r)) => ("failure", Some(r.reason().to_owned()), None),
        Err(_) => ("failure", Some("error".to_owned()), None),
    };
    svc.audit.do_send(Record(AuditRecord {
        tenant: req.tenant.id,
        event_type: EVENT_RESET,
        outcome: result,
        reason,
        user_id,
        email: None,
        origin: req.origin.clone(),
        details: None,
    }));
    outcome
}

async fn attempt_reset(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    req: &CompleteReset,
    render: impl FnOnce(&PasswordChangedMail<'_>) -> EmailContent,
) -> Result<ResetOutcome, RecoveryError> {
    let refused = |r| Ok(ResetOutcome::Refused(r));
    let tenant = req.tenant.id;
    if !tokens::is_well_formed(&req.token) {
        return refused(ResetRefusal::InvalidOrExpired);
    }
    let hash = tokens::token_hash(&req.token);
    let purpose = TokenPurpose::PasswordReset;
    let live =
        account_tokens::find_live(svc.db.exec(), tenant, &hash, purpose, svc.clock.now()).await?;
    let Some(user_id) = live.and_then(|t| t.user_id) else {
        return refused(ResetRefusal::InvalidOrExpired);
    };
    let Some(user) = recipients::find_active_client_by_id(svc.db.exec(), tenant, user_id).await?
    else {
        return refused(ResetRefusal::InvalidOrExpired);
    };
    let new_hash =
        match hash_new_password(svc, req.password.clone(), &user.email.clone(), user.names()).await
        {
            Ok(h) => h,
            Err(NewPasswordError::Policy(v)) => return refused(ResetRefusal::Policy(v)),
            Err(e) => return Err(RecoveryError::Unavailable(e.to_string())),
        };
    let now = svc.clock.now();
    let mut tx = svc.db.begin().await?;
    let consumed = account_tokens::consume(tx.exec(), tenant, &hash, purpose, now).await?;
    if consumed.and_then(|t| t.user_id) != Some(user.user_id) {
        // Another request spent it between the check and now; the transaction rolls back.
        return refused(ResetRefusal::InvalidOrExpired);
    }
    users::change_password_hash(tx.exec(), tenant, user.user_id, &new_hash, now).await?;
    end_sign_ins_in_flight(&mut tx, tenant, user.user_id, now).await?;
    let content = render(&PasswordChangedMail {
        recipient: &user,
        locale: mail_locale(user.locale.as_deref(), &req.tenant.default_locale),
        changed_at: now,
        ip: req.origin.ip.as_deref(),
    });
    outbox::enqueue(
        tx.exec(),
        &OutboxMessage {
            tenant,
            kind: MailKind::PasswordChanged,
            recipient: user.email.clone(),
            content,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    mailer.do_send(DeliverNow);
    let sessions_revoked = svc
        .sessions
        .send(RevokeUserSessions {
            tenant,
            user_id: user.user_id,
            reason: RevokeReason::PasswordReset,
        })
        .await
        .map_err(|e| RecoveryError::Unavailable(e.to_string()))??;
    Ok(ResetOutcome::Done {
        user_id: user.user_id,
        sessions_revoked,
    })
}

/// What the discovery email is rendered from.
#[derive(Debug)]
pub struct DiscoveryMail<'a> {
    pub email: &'a str,
    pub locale: &'a str,
    /// Every tenant where the address is an active client user, by name.
    pub tenants: &'a [Membership],
}

/// Queues one email listing the sign-in links of every tenant where `email` is an active
/// client user; returns how many tenants it lists (0: nothing queued). For an address without
/// such an account it does the same work — the same statements, the email rendered — in a
/// transaction that is rolled back.
#[tracing::instrument(skip_all)]
pub async fn find_organizations(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    email: &str,
    origin: RequestOrigin,
    render: impl FnOnce(&DiscoveryMail<'_>) -> EmailContent,
) -> Result<usize, RecoveryError> {
    let now = svc.clock.now();
    let Ok(email) = Email::parse(email) else {
        return Ok(0);
    };
    let tenants = recipients::memberships(svc.db.exec(), &email).await?;
    // The outbox is tenant-owned; a message listing several tenants is filed under the first
    // (a rolled-back one under any tenant: there is none only when no account exists at all).
    let Some(filed_under) =
        recipients::filing_tenant(svc.db.exec(), tenants.first().map(|m| m.tenant)).await?
    else {
        return Ok(0);
    };
    let content = render(&DiscoveryMail {
        email: email.as_str(),
        locale: tenants.first().map_or(DISCOVERY_FALLBACK_LOCALE, |first| {
            mail_locale(first.locale.as_deref(), &first.default_locale)
        }),
        tenants: &tenants,
    });
    let mut tx = svc.db.begin().await?;
    outbox::enqueue(
        tx.exec(),
        &OutboxMessage {
            tenant: filed_under,
            kind: MailKind::OrganizationDiscovery,
            recipient: email.as_str().to_owned(),
            content,
        },
        now,
    )
    .await?;
    if tenants.is_empty() {
        tx.rollback().await?;
        return Ok(0);
    }
    tx.commit().await?;
    mailer.do_send(DeliverNow);
    for membership in &tenants {
        svc.audit.do_send(Record(AuditRecord {
            tenant: membership.tenant,
            event_type: EVENT_DISCOVERY,
            outcome: "success",
            reason: None,
            user_id: None,
            email: Some(email.as_str().to_owned()),
            origin: origin.clone(),
            details: None,
        }));
    }
    Ok(tenants.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_language_wins_over_the_tenants() {
        assert_eq!(mail_locale(Some("de"), "en"), "de");
        assert_eq!(mail_locale(Some(" "), "fr"), "fr");
        assert_eq!(mail_locale(None, "en"), "en");
    }
}
