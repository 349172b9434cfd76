//! A signed-in user's own account security: changing the password (current one required, policy
//! checked, other sessions signed out by default, sign-ins in flight ended) and proving it is
//! them before risky actions.

use crate::mailbox::CountingAddr;
use secrecy::{ExposeSecret, SecretString};

use crate::account_recovery::{mail_locale, PasswordChangedMail};
use crate::mailer::{DeliverNow, Mailer};
use crate::store::outbox::{self, EmailContent, MailKind, OutboxMessage};
use crate::store::recipients;

use crate::audit::{AuditRecord, Record};
use crate::credential_change::end_sign_ins_in_flight;
use crate::credentials::{HashNewPassword, NewPasswordError};
use crate::db::DbError;
use crate::password_policy::PolicyViolation;
use crate::services::Services;
use crate::sessions::{RevokeOtherSessions, RevokeReason};
use crate::store::users;
use crate::two_factor::{self, Subject, TwoFactorError};

#[derive(Debug, thiserror::Error)]
pub enum PasswordChangeError {
    #[error("the current password is not right")]
    WrongCurrent,
    /// Too many wrong passwords or codes lately: refused before the password was checked.
    #[error("too many failed attempts")]
    Throttled { retry_after: chrono::Duration },
    #[error("the new passwords do not match")]
    Mismatch,
    #[error(transparent)]
    Policy(#[from] PolicyViolation),
    #[error("password change unavailable")]
    Store(#[from] DbError),
    #[error("password change unavailable: {0}")]
    Unavailable(String),
}

impl PasswordChangeError {
    fn reason(&self) -> &'static str {
        match self {
            PasswordChangeError::WrongCurrent => "bad_password",
            PasswordChangeError::Throttled { .. } => "throttled",
            PasswordChangeError::Mismatch => "mismatch",
            PasswordChangeError::Policy(_) => "policy",
            PasswordChangeError::Store(_) | PasswordChangeError::Unavailable(_) => "error",
        }
    }
}

pub struct PasswordChange {
    pub current: SecretString,
    pub new: SecretString,
    pub confirm: SecretString,
    /// Sign out every other session of the user (keeping this one).
    pub sign_out_others: bool,
    pub keep_token_hash: String,
}

/// Checks the new password (policy, on the hashing threads) and hashes it.
pub async fn hash_new_password(
    svc: &Services,
    password: SecretString,
    email: &str,
    names: Vec<String>,
) -> Result<String, NewPasswordError> {
    svc.credentials
        .send(HashNewPassword {
            password,
            email: email.to_owned(),
            names,
        })
        .await
        .map_err(|e| {
            NewPasswordError::Credentials(crate::credentials::CredentialsError::Hash(e.to_string()))
        })?
}

/// Changes the password, queues the "password changed" notice in the same transaction, and
/// returns how many other sessions were signed out.
pub async fn change_password(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    who: &Subject,
    names: Vec<String>,
    change: PasswordChange,
    notice: Notice<'_>,
) -> Result<u64, PasswordChangeError> {
    let result = change_inner(svc, mailer, who, names, change, notice).await;
    svc.audit.do_send(Record(AuditRecord {
        tenant: who.tenant,
        event_type: "password_changed",
        outcome: if result.is_ok() { "success" } else { "failure" },
        reason: result.as_ref().err().map(|e| e.reason().to_owned()),
        user_id: Some(who.user_id),
        email: Some(who.email.clone()),
        origin: who.origin.clone(),
        details: result
            .as_ref()
            .ok()
            .map(|n| format!("{{\"other_sessions_ended\":{n}}}")),
    }));
    result
}

/// How the notice email is written: the tenant's default language and a renderer.
pub struct Notice<'a> {
    pub tenant_locale: &'a str,
    pub render: Box<dyn FnOnce(&PasswordChangedMail<'_>) -> EmailContent + 'a>,
}

async fn change_inner(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    who: &Subject,
    names: Vec<String>,
    change: PasswordChange,
    notice: Notice<'_>,
) -> Result<u64, PasswordChangeError> {
    let current = two_factor::check_password(svc, who, change.current);
    match two_factor::throttled(svc, who, current).await {
        Ok(()) => {}
        Err(TwoFactorError::BadPassword) => return Err(PasswordChangeError::WrongCurrent),
        Err(TwoFactorError::Throttled { retry_after }) => {
            return Err(PasswordChangeError::Throttled { retry_after })
        }
        Err(e) => return Err(PasswordChangeError::Unavailable(e.to_string())),
    }
    if change.new.expose_secret() != change.confirm.expose_secret() {
        return Err(PasswordChangeError::Mismatch);
    }
    let hash = match hash_new_password(svc, change.new, &who.email, names).await {
        Ok(hash) => hash,
        Err(NewPasswordError::Policy(v)) => return Err(PasswordChangeError::Policy(v)),
        Err(e) => return Err(PasswordChangeError::Unavailable(e.to_string())),
    };
    let now = svc.clock.now();
    let mut tx = svc.db.begin().await?;
    users::change_password_hash(tx.exec(), who.tenant, who.user_id, &hash, now).await?;
    end_sign_ins_in_flight(&mut tx, who.tenant, who.user_id, now).await?;
    let recipient =
        recipients::find_active_client_by_id(tx.exec(), who.tenant, who.user_id).await?;
    if let Some(recipient) = &recipient {
        let content = (notice.render)(&PasswordChangedMail {
            recipient,
            locale: mail_locale(recipient.locale.as_deref(), notice.tenant_locale),
            changed_at: now,
            ip: who.origin.ip.as_deref(),
        });
        outbox::enqueue(
            tx.exec(),
            &OutboxMessage {
                tenant: who.tenant,
                kind: MailKind::PasswordChanged,
                recipient: recipient.email.clone(),
                content,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    if recipient.is_some() {
        mailer.do_send(DeliverNow);
    }
    if !change.sign_out_others {
        return Ok(0);
    }
    svc.sessions
        .send(RevokeOtherSessions {
            tenant: who.tenant,
            user_id: who.user_id,
            keep_token_hash: change.keep_token_hash,
            reason: RevokeReason::PasswordChange,
        })
        .await
        .map_err(|e| PasswordChangeError::Unavailable(e.to_string()))?
        .map_err(|e| PasswordChangeError::Unavailable(e.to_string()))
}

/// Proof for "sign out everywhere else": the password, or a current two-factor code, checked
/// under the sign-in throttle.
pub async fn prove_identity(
    svc: &Services,
    who: &Subject,
    proof: SecretString,
) -> Result<(), TwoFactorError> {
    two_factor::throttled(svc, who, check_proof(svc, who, proof)).await
}

async fn check_proof(
    svc: &Services,
    who: &Subject,
    proof: SecretString,
) -> Result<(), TwoFactorError> {
    let text = proof.expose_secret().trim();
    let looks_like_code =
        text.len() == crate::totp::DIGITS && text.bytes().all(|b| b.is_ascii_digit());
    if looks_like_code {
        let enabled = two_factor::status(svc, who.tenant, who.user_id)
            .await?
            .enabled_at
            .is_some();
        if enabled {
            return two_factor::verify(svc, who, text).await.map(|_| ());
        }
    }
    two_factor::check_password(svc, who, proof).await
}
