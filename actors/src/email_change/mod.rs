//! A client user changing their own sign-in email from the Profile page. The request (new
//! address and current password) mails a single-use confirmation link to the new address and a
//! notice to the current one; nothing else changes until the link is used (`confirm`), which
//! moves the user and their contact to the new address in one transaction, records it for the
//! PSA, audits it and signs out the user's other sessions.
//!
//! Only the newest request of a user is live: a new one (or a resend) replaces older unused
//! links, as password reset does. Requests are rate limited like the other emailed requests
//! (`throttle.request_*`, counted per current address and per IP).
//!
//! Re-authentication: the current password is required, checked under the sign-in throttle.
//! A user without a password (signing in only through single sign-on) is refused and told to
//! change the address at their identity provider: a stolen session alone must not be able to
//! move the account to an attacker's mailbox (and from there reset a password or take over
//! sign-in), and without a password the portal has no second proof that it is them.

mod confirm;

pub use confirm::{confirm_email_change, email_change_link, ConfirmEmailChange, ConfirmOutcome};

use crate::mailbox::CountingAddr;
use chrono::{DateTime, Duration, Utc};
use secrecy::SecretString;
use uuid::Uuid;

use crate::audit::{AuditRecord, Record};
use crate::db::DbError;
use crate::login_throttle::{CheckRequest, Decision, RequestScope};
use crate::mailer::{DeliverNow, Mailer};
use crate::model::Email;
use crate::services::Services;
use crate::store::account_tokens::{self, NewAccountToken, TokenPurpose};
use crate::store::email_change::{self as store, ChangingUser};
use crate::store::outbox::{self, EmailContent, MailKind, OutboxMessage};
use crate::tokens;
use crate::two_factor::{self, Subject, TwoFactorError};

pub const EVENT_REQUESTED: &str = "email_change_requested";
pub const EVENT_CHANGED: &str = "email_changed";
pub const EVENT_CANCELLED: &str = "email_change_cancelled";

/// Why a request was refused; nothing was saved or sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailChangeRefusal {
    /// No new address typed.
    Missing,
    /// Not an email address.
    Malformed,
    /// The address the user signs in with already.
    Same,
    /// Another user of this tenant signs in with it (told only after the password was right).
    Taken,
    /// The current password is not right.
    WrongPassword,
    /// Too many wrong passwords or codes lately.
    Throttled { retry_after: Duration },
    /// Too many confirmation links asked for lately.
    TooMany,
    /// The user has no password (single sign-on only): the address changes at their provider.
    NoPassword,
}

impl EmailChangeRefusal {
    /// The audit reason.
    pub fn reason(&self) -> &'static str {
        match self {
            EmailChangeRefusal::Missing => "missing",
            EmailChangeRefusal::Malformed => "malformed",
            EmailChangeRefusal::Same => "same_email",
            EmailChangeRefusal::Taken => "email_taken",
            EmailChangeRefusal::WrongPassword => "bad_password",
            EmailChangeRefusal::Throttled { .. } => "throttled",
            EmailChangeRefusal::TooMany => "too_many_requests",
            EmailChangeRefusal::NoPassword => "no_password",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmailChangeError {
    /// Not an active client user with a contact.
    #[error("no such client user")]
    NotFound,
    #[error("email change store unavailable")]
    Db(#[from] DbError),
    #[error("email change unavailable: {0}")]
    Unavailable(String),
}

/// A request waiting for its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

/// What the Profile page shows of the user's sign-in email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailChangeStatus {
    pub email: String,
    pub has_password: bool,
    pub pending: Option<PendingChange>,
}

/// What the two emails of a request are rendered from.
#[derive(Debug)]
pub struct EmailChangeMail<'a> {
    /// Goes into the confirmation link and nowhere else (empty for the notice).
    pub token: &'a str,
    pub full_name: &'a str,
    pub old_email: &'a str,
    pub new_email: &'a str,
    pub requested_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<&'a str>,
    pub locale: &'a str,
}

/// The renderers of the confirmation (to the new address) and the notice (to the current one).
pub struct EmailChangeMails<'a> {
    pub confirm: Box<dyn Fn(&EmailChangeMail<'_>) -> EmailContent + 'a>,
    pub notice: Box<dyn Fn(&EmailChangeMail<'_>) -> EmailContent + 'a>,
}

/// A new sign-in email asked for.
pub struct EmailChangeRequest {
    pub new_email: String,
    pub password: SecretString,
    /// How long the link lives (`security.email_change_ttl_hours`).
    pub ttl: Duration,
    /// The language of both emails (the user's).
    pub locale: String,
}

/// The user's address, whether they have a password, and their pending request.
pub async fn status(
    svc: &Services,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<EmailChangeStatus, EmailChangeError> {
    let user = store::changing_user(svc.db.exec(), tenant, user_id)
        .await?
        .ok_or(EmailChangeError::NotFound)?;
    let now = svc.clock.now();
    let purpose = TokenPurpose::EmailChange;
    let pending = account_tokens::live_for_user(svc.db.exec(), tenant, purpose, user_id, now)
        .await?
        .map(|t| PendingChange {
            email: t.email,
            expires_at: t.expires_at,
        });
    Ok(EmailChangeStatus {
        email: user.email,
        has_password: user.has_password,
        pending,
    })
}

/// Checks the request (address, password, rate), then issues the link (replacing older ones)
/// and queues both emails in one transaction. Audited either way.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant))]
pub async fn request_email_change(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    who: &Subject,
    req: EmailChangeRequest,
    mails: EmailChangeMails<'_>,
) -> Result<Result<PendingChange, EmailChangeRefusal>, EmailChangeError> {
    let outcome = attempt_request(svc, mailer, who, req, &mails).await;
    let (result, reason, details) = match &outcome {
        Ok(Ok(p)) => (
            "success",
            None,
            Some(serde_json::json!({ "new_email": p.email })),
        ),
        Ok(Err(r)) => ("failure", Some(r.reason().to_owned()), None),
        Err(_) => ("failure", Some("error".to_owned()), None),
    };
    audit(svc, who, EVENT_REQUESTED, result, reason, details);
    outcome
}

async fn attempt_request(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    who: &Subject,
    req: EmailChangeRequest,
    mails: &EmailChangeMails<'_>,
) -> Result<Result<PendingChange, EmailChangeRefusal>, EmailChangeError> {
    let user = store::changing_user(svc.db.exec(), who.tenant, who.user_id)
        .await?
        .ok_or(EmailChangeError::NotFound)?;
    let new = match checked_address(&req.new_email, &user) {
        Ok(new) => new,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if let Err(refusal) = reauthenticate(svc, who, &user, req.password).await? {
        return Ok(Err(refusal));
    }
    // Only now, so that whether an address has an account is told to its owner's password only.
    if store::email_taken(svc.db.exec(), who.tenant, new.as_str(), user.user_id).await? {
        return Ok(Err(EmailChangeRefusal::Taken));
    }
    if !request_allowed(svc, who, &user.email).await? {
        return Ok(Err(EmailChangeRefusal::TooMany));
    }
    let issue = Issue {
        user: &user,
        new_email: new.as_str(),
        ttl: req.ttl,
        locale: &req.locale,
        with_notice: true,
    };
    issue_link(svc, mailer, who, issue, mails).await.map(Ok)
}

/// The new address, trimmed and lowercased, unless it cannot be one.
pub(crate) fn checked_address(raw: &str, user: &ChangingUser) -> Result<Email, EmailChangeRefusal> {
    if raw.trim().is_empty() {
        return Err(EmailChangeRefusal::Missing);
    }
    let email = Email::parse(raw).map_err(|_| EmailChangeRefusal::Malformed)?;
    if email.as_str().eq_ignore_ascii_case(&user.email) {
        return Err(EmailChangeRefusal::Same);
    }
    Ok(email)
}

/// The current password, checked under the sign-in throttle.
async fn reauthenticate(
    svc: &Services,
    who: &Subject,
    user: &ChangingUser,
    password: SecretString,
) -> Result<Result<(), EmailChangeRefusal>, EmailChangeError> {
    if !user.has_password {
        return Ok(Err(EmailChangeRefusal::NoPassword));
    }
    let check = two_factor::check_password(svc, who, password);
    match two_factor::throttled(svc, who, check).await {
        Ok(()) => Ok(Ok(())),
        Err(TwoFactorError::BadPassword) => Ok(Err(EmailChangeRefusal::WrongPassword)),
        Err(TwoFactorError::Throttled { retry_after }) => {
            Ok(Err(EmailChangeRefusal::Throttled { retry_after }))
        }
        Err(e) => Err(EmailChangeError::Unavailable(e.to_string())),
    }
}

/// The rate limit of emailed requests; counters that cannot be read refuse (no unmetered mail).
async fn request_allowed(
    svc: &Services,
    who: &Subject,
    current_email: &str,
) -> Result<bool, EmailChangeError> {
    let check = CheckRequest {
        scope: RequestScope::EmailChange,
        tenant: Some(who.tenant),
        email: current_email.to_owned(),
        ip: who.origin.ip.clone().unwrap_or_default(),
    };
    let decision = svc
        .throttle
        .send(check)
        .await
        .map_err(|e| EmailChangeError::Unavailable(e.to_string()))?
        .map_err(|e| EmailChangeError::Unavailable(e.to_string()))?;
    Ok(decision == Decision::Allowed)
}

/// One link to issue.
struct Issue<'a> {
    user: &'a ChangingUser,
    new_email: &'a str,
    ttl: Duration,
    locale: &'a str,
    /// Also tell the current address (a new request; a resend does not repeat it).
    with_notice: bool,
}

/// Replaces the user's unused links with a new one and queues the emails, in one transaction.
async fn issue_link(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    who: &Subject,
    issue: Issue<'_>,
    mails: &EmailChangeMails<'_>,
) -> Result<PendingChange, EmailChangeError> {
    let now = svc.clock.now();
    let expires_at = now
        .checked_add_signed(issue.ttl)
        .ok_or_else(|| EmailChangeError::Unavailable("link lifetime out of range".into()))?;
    let (tenant, user) = (who.tenant, issue.user);
    let token = tokens::random_token();
    let token_hash = tokens::token_hash(&token);
    let purpose = TokenPurpose::EmailChange;
    let mut tx = svc.db.begin().await?;
    account_tokens::invalidate_for_user(tx.exec(), tenant, purpose, user.user_id, now).await?;
    let new_token = NewAccountToken {
        tenant,
        token_hash: &token_hash,
        purpose,
        user_id: Some(user.user_id),
        contact_id: Some(user.contact_id),
        email: issue.new_email,
        created_by: None,
        created_at: now,
        expires_at,
    };
    account_tokens::insert(tx.exec(), &new_token).await?;
    let mail = EmailChangeMail {
        token: &token,
        full_name: &user.full_name,
        old_email: &user.email,
        new_email: issue.new_email,
        requested_at: now,
        expires_at,
        ip: who.origin.ip.as_deref(),
        locale: issue.locale,
    };
    let mut queued = vec![(
        MailKind::EmailChangeConfirm,
        issue.new_email,
        (mails.confirm)(&mail),
    )];
    if issue.with_notice {
        let notice = (mails.notice)(&EmailChangeMail { token: "", ..mail });
        queued.push((MailKind::EmailChangeNotice, user.email.as_str(), notice));
    }
    for (kind, recipient, content) in queued {
        let message = OutboxMessage {
            tenant,
            kind,
            recipient: recipient.to_owned(),
            content,
        };
        outbox::enqueue(tx.exec(), &message, now).await?;
    }
    tx.commit().await?;
    mailer.do_send(DeliverNow);
    Ok(PendingChange {
        email: issue.new_email.to_owned(),
        expires_at,
    })
}

/// Sends the pending request's link again (a new link: only hashes are kept), replacing the
/// old one; `None` when nothing is pending. Rate limited like a new request.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant))]
pub async fn resend_email_change(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    who: &Subject,
    ttl: Duration,
    locale: &str,
    mails: EmailChangeMails<'_>,
) -> Result<Result<Option<PendingChange>, EmailChangeRefusal>, EmailChangeError> {
    let user = store::changing_user(svc.db.exec(), who.tenant, who.user_id)
        .await?
        .ok_or(EmailChangeError::NotFound)?;
    let Some(pending) = status(svc, who.tenant, who.user_id).await?.pending else {
        return Ok(Ok(None));
    };
    if !request_allowed(svc, who, &user.email).await? {
        return Ok(Err(EmailChangeRefusal::TooMany));
    }
    let issue = Issue {
        user: &user,
        new_email: &pending.email,
        ttl,
        locale,
        with_notice: false,
    };
    let sent = issue_link(svc, mailer, who, issue, &mails).await?;
    let details = serde_json::json!({ "new_email": sent.email, "resent": true });
    audit(svc, who, EVENT_REQUESTED, "success", None, Some(details));
    Ok(Ok(Some(sent)))
}

/// Ends the user's pending request, if any (its link stops working); whether one was pending.
pub async fn cancel_email_change(svc: &Services, who: &Subject) -> Result<bool, EmailChangeError> {
    let now = svc.clock.now();
    let purpose = TokenPurpose::EmailChange;
    let ended =
        account_tokens::invalidate_for_user(svc.db.exec(), who.tenant, purpose, who.user_id, now)
            .await?;
    if ended > 0 {
        audit(svc, who, EVENT_CANCELLED, "success", None, None);
    }
    Ok(ended > 0)
}

fn audit(
    svc: &Services,
    who: &Subject,
    event_type: &'static str,
    outcome: &'static str,
    reason: Option<String>,
    details: Option<serde_json::Value>,
) {
    svc.audit.do_send(Record(AuditRecord {
        tenant: who.tenant,
        event_type,
        outcome,
        reason,
        user_id: Some(who.user_id),
        email: Some(who.email.clone()),
        origin: who.origin.clone(),
        details: details.map(|d| d.to_string()),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> ChangingUser {
        ChangingUser {
            user_id: Uuid::nil(),
            email: "alice@acme.example".into(),
            contact_id: Uuid::nil(),
            full_name: "Alice".into(),
            has_password: true,
        }
    }

    #[test]
    fn the_new_address_is_checked_before_anything_else() {
        let user = alice();
        let check = |raw: &str| checked_address(raw, &user).map(|e| e.as_str().to_owned());
        assert_eq!(check("  "), Err(EmailChangeRefusal::Missing));
        assert_eq!(check("alice@"), Err(EmailChangeRefusal::Malformed));
        assert_eq!(check("not an address"), Err(EmailChangeRefusal::Malformed));
        assert_eq!(check(" Alice@ACME.example "), Err(EmailChangeRefusal::Same));
        assert_eq!(
            check(" Alice.M@Example.org "),
            Ok("alice.m@example.org".to_owned())
        );
    }
}
