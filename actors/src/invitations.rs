//! Invitations: a client admin (for their own company) or an operator invites a contact; the
//! email holds a single-use link (only its SHA-256 stored, `security.invitation_ttl_hours`;
//! re-inviting replaces the old link); following it, the contact sets a password and gets a
//! client user with role Admin (client admins) or User, then is signed in.

use crate::clock::TimeArith;
use crate::mailbox::CountingAddr;
use chrono::{DateTime, Duration, Utc};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

use crate::account::hash_new_password;
use crate::activity::NewActivity;
use crate::audit::{AuditRecord, Record};
use crate::credentials::NewPasswordError;
use crate::db::{Db, DbError};
use crate::directory_changes::{Activation, NewChange, PortalUserRef};
use crate::mailer::{DeliverNow, Mailer};
use crate::model::{Email, RequestOrigin, TenantInfo, UserType};
use crate::password_policy::PolicyViolation;
use crate::services::Services;
use crate::store::account_tokens::{self, NewAccountToken, TokenPurpose};
use crate::store::invitations as store;
/// Who an invitation is for (what the setup page shows).
pub use crate::store::invitations::Invitee;
use crate::store::outbox::{self, EmailContent, MailKind, OutboxMessage};
use crate::store::{directory_changes, users};
use crate::tokens;

pub const EVENT_SENT: &str = "invitation_sent";
pub const EVENT_ACCEPTED: &str = "invitation_accepted";

#[derive(Debug, thiserror::Error)]
pub enum InvitationError {
    #[error("no such contact")]
    UnknownContact,
    #[error("the contact already has a portal account")]
    AlreadyHasAccount,
    #[error("the contact or their company is inactive")]
    Inactive,
    /// Another contact of the tenant already has a portal user with this email.
    #[error("another contact's portal user has this email")]
    EmailTaken,
    #[error("invitation store unavailable")]
    Db(#[from] DbError),
    #[error("invitations unavailable: {0}")]
    Unavailable(String),
}

impl InvitationError {
    fn reason(&self) -> &'static str {
        match self {
            InvitationError::UnknownContact => "unknown_contact",
            InvitationError::AlreadyHasAccount => "already_has_account",
            InvitationError::Inactive => "inactive",
            InvitationError::EmailTaken => "email_taken",
            InvitationError::Db(_) | InvitationError::Unavailable(_) => "error",
        }
    }
}

/// Who sends an invitation.
#[derive(Debug, Clone)]
pub enum Inviter {
    /// A client admin, who may invite only contacts of their own company.
    ClientAdmin {
        user_id: Uuid,
        client_id: Uuid,
        name: String,
    },
    /// An operator (admin API or CLI).
    Operator,
    /// The invitee, asking for a fresh link after theirs expired.
    Invitee,
    /// The MSP's PSA, through the integration API.
    Integration,
}

impl Inviter {
    fn created_by(&self) -> String {
        match self {
            Inviter::ClientAdmin { user_id, .. } => format!("client_admin:{user_id}"),
            Inviter::Operator => "operator".to_owned(),
            Inviter::Invitee => "invitee".to_owned(),
            Inviter::Integration => "integration".to_owned(),
        }
    }
}

/// What the invitation email is rendered from.
#[derive(Debug)]
pub struct InvitationMail<'a> {
    pub token: &'a str,
    pub invitee: &'a Invitee,
    pub inviter_name: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
    pub locale: &'a str,
}

pub struct InviteRequest {
    pub tenant: TenantInfo,
    pub contact_id: Uuid,
    pub inviter: Inviter,
    pub ttl: Duration,
    pub origin: RequestOrigin,
}

#[derive(Debug, Clone)]
pub struct Invited {
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

/// Invites a contact from the running portal: queues the email, kicks the Mailer, audits.
#[tracing::instrument(skip_all, fields(tenant = %req.tenant.slug))]
pub async fn invite(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    req: InviteRequest,
    render: impl FnOnce(&InvitationMail<'_>) -> EmailContent,
) -> Result<Invited, InvitationError> {
    let result = send(&svc.db, svc.clock.now(), &req, render).await;
    if result.is_ok() {
        mailer.do_send(DeliverNow);
    }
    svc.audit.do_send(Record(audit_record(&req, &result)));
    result
}

/// The `invitation_sent` audit event of an attempt.
pub fn audit_record(req: &InviteRequest, result: &Result<Invited, InvitationError>) -> AuditRecord {
    AuditRecord {
        tenant: req.tenant.id,
        event_type: EVENT_SENT,
        outcome: if result.is_ok() { "success" } else { "failure" },
        reason: result.as_ref().err().map(|e| e.reason().to_owned()),
        user_id: match &req.inviter {
            Inviter::ClientAdmin { user_id, .. } => Some(*user_id),
            Inviter::Operator | Inviter::Invitee | Inviter::Integration => None,
        },
        email: result.as_ref().ok().map(|i| i.email.clone()),
        origin: req.origin.clone(),
        details: Some(format!(
            "{{\"contact_id\":\"{}\",\"by\":\"{}\"}}",
            req.contact_id,
            req.inviter.created_by()
        )),
    }
}

/// Replaces any older link of the contact and queues the email, in one transaction (no actors:
/// the CLI calls it too; a running portal's Mailer picks the email up).
pub async fn send(
    db: &Db,
    now: DateTime<Utc>,
    req: &InviteRequest,
    render: impl FnOnce(&InvitationMail<'_>) -> EmailContent,
) -> Result<Invited, InvitationError> {
    let tenant = req.tenant.id;
    let invitee = store::find(db.exec(), tenant, req.contact_id, now)
        .await?
        .ok_or(InvitationError::UnknownContact)?;
    if let Inviter::ClientAdmin { client_id, .. } = &req.inviter {
        if invitee.client_id != *client_id {
            return Err(InvitationError::UnknownContact);
        }
    }
    if invitee.has_account() {
        return Err(InvitationError::AlreadyHasAccount);
    }
    if invitee.contact_inactive || invitee.client_inactive {
        return Err(InvitationError::Inactive);
    }
    // A deactivated user without a password yet (e.g. provisioned by single sign-on).
    if let Some(user_id) = invitee.user_id {
        let user = directory_changes::user_subject(db.exec(), tenant, user_id).await?;
        if user.is_some_and(|u| u.is_inactive) {
            return Err(InvitationError::Inactive);
        }
    }
    // One portal user per email and tenant: contacts of two companies may share an address.
    if store::email_taken_by_other(db.exec(), tenant, &invitee.email, invitee.contact_id).await? {
        return Err(InvitationError::EmailTaken);
    }
    let token = tokens::random_token();
    let expires_at = now.plus(req.ttl);
    let mut tx = db.begin().await?;
    store::invalidate_for_contact(tx.exec(), tenant, invitee.contact_id, now).await?;
    account_tokens::insert(
        tx.exec(),
        &NewAccountToken {
            tenant,
            token_hash: &tokens::token_hash(&token),
            purpose: TokenPurpose::Invitation,
            user_id: invitee.user_id,
            contact_id: Some(invitee.contact_id),
            email: &invitee.email,
            created_by: Some(&req.inviter.created_by()),
            created_at: now,
            expires_at,
        },
    )
    .await?;
    let inviter_name = match &req.inviter {
        Inviter::ClientAdmin { name, .. } => Some(name.as_str()),
        Inviter::Operator | Inviter::Invitee | Inviter::Integration => None,
    };
    let content = render(&InvitationMail {
        token: &token,
        invitee: &invitee,
        inviter_name,
        expires_at,
        locale: &req.tenant.default_locale,
    });
    outbox::enqueue(
        tx.exec(),
        &OutboxMessage {
            tenant,
            kind: MailKind::Invitation,
            recipient: invitee.email.clone(),
            content,
        },
        now,
    )
    .await?;
    let invited = NewChange::user_invited(
        portal_user(&invitee, invitee.user_id),
        expires_at,
        &req.inviter.created_by(),
        now,
    );
    directory_changes::record(&mut tx, tenant, &invited).await?;
    tx.commit().await?;
    Ok(Invited {
        email: invitee.email,
        expires_at,
    })
}

/// Sends a fresh link for an expired one, to the invited address only; `false` (and nothing
/// sent) when the link is not an expired, unused invitation of a contact still without account.
pub async fn renew(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    tenant: TenantInfo,
    token: &str,
    ttl: Duration,
    origin: RequestOrigin,
    render: impl FnOnce(&InvitationMail<'_>) -> EmailContent,
) -> Result<bool, InvitationError> {
    if !tokens::is_well_formed(token) {
        return Ok(false);
    }
    let now = svc.clock.now();
    let record = store::find_any(svc.db.exec(), tenant.id, &tokens::token_hash(token)).await?;
    let Some(contact_id) = record
        .filter(|r| r.consumed_at.is_none() && r.expires_at <= now)
        .and_then(|r| r.contact_id)
    else {
        return Ok(false);
    };
    let req = InviteRequest {
        tenant,
        contact_id,
        inviter: Inviter::Invitee,
        ttl,
        origin,
    };
    match invite(svc, mailer, req, render).await {
        Ok(_) => Ok(true),
        Err(InvitationError::Db(e)) => Err(InvitationError::Db(e)),
        Err(InvitationError::Unavailable(e)) => Err(InvitationError::Unavailable(e)),
        Err(_) => Ok(false),
    }
}

/// What the setup page shows about a link.
#[derive(Debug, Clone)]
pub enum LinkState {
    /// Good: who is being set up.
    Live(Invitee),
    Expired,
    Used,
    Invalid,
}

/// Looks a setup link up without spending it.
pub async fn open(svc: &Services, tenant: Uuid, token: &str) -> Result<LinkState, InvitationError> {
    if !tokens::is_well_formed(token) {
        return Ok(LinkState::Invalid);
    }
    let now = svc.clock.now();
    let hash = tokens::token_hash(token);
    let Some(record) = store::find_any(svc.db.exec(), tenant, &hash).await? else {
        return Ok(LinkState::Invalid);
    };
    let Some(contact_id) = record.contact_id else {
        return Ok(LinkState::Invalid);
    };
    let invitee = store::find(svc.db.exec(), tenant, contact_id, now).await?;
    let has_account = invitee.as_ref().is_some_and(Invitee::has_account);
    Ok(match invitee {
        // Spent: by the setup (the account exists) or by a newer invitation replacing it.
        _ if record.consumed_at.is_some() && has_account => LinkState::Used,
        _ if record.consumed_at.is_some() => LinkState::Invalid,
        _ if has_account => LinkState::Used,
        _ if record.expires_at <= now => LinkState::Expired,
        Some(invitee) if invitee.can_be_invited() => LinkState::Live(invitee),
        _ => LinkState::Invalid,
    })
}

/// Why setting up the account did not happen; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupRefusal {
    Expired,
    Used,
    Invalid,
    Mismatch,
    Policy(PolicyViolation),
}

impl SetupRefusal {
    fn reason(&self) -> &'static str {
        match self {
            SetupRefusal::Expired => "expired",
            SetupRefusal::Used => "used",
            SetupRefusal::Invalid => "invalid",
            SetupRefusal::Mismatch => "mismatch",
            SetupRefusal::Policy(_) => "policy",
        }
    }
}

#[derive(Debug)]
pub enum SetupOutcome {
    Done { tenant: Uuid, user_id: Uuid },
    Refused(SetupRefusal),
}

pub struct AcceptInvitation {
    pub tenant: TenantInfo,
    pub token: String,
    pub password: SecretString,
    pub confirm: SecretString,
    pub origin: RequestOrigin,
}

/// Sets the account up: checks the password (before spending the link), consumes the link
/// once, creates the client user (or gives an existing password-less one its password) with
/// role Admin or User. The caller signs the new user in.
#[tracing::instrument(skip_all, fields(tenant = %req.tenant.slug))]
pub async fn accept(
    svc: &Services,
    req: AcceptInvitation,
) -> Result<SetupOutcome, InvitationError> {
    let outcome = accept_inner(svc, &req).await;
    let (result, reason, user_id) = match &outcome {
        Ok(SetupOutcome::Done { user_id, .. }) => ("success", None, Some(*user_id)),
        Ok(SetupOutcome::Refused(r)) => ("failure", Some(r.reason().to_owned()), None),
        Err(e) => ("failure", Some(e.reason().to_owned()), None),
    };
    svc.audit.do_send(Record(AuditRecord {
        tenant: req.tenant.id,
        event_type: EVENT_ACCEPTED,
        outcome: result,
        reason,
        user_id,
        email: None,
        origin: req.origin.clone(),
        details: None,
    }));
    outcome
}

async fn accept_inner(
    svc: &Services,
    req: &AcceptInvitation,
) -> Result<SetupOutcome, InvitationError> {
    let refused = |r| Ok(SetupOutcome::Refused(r));
    let tenant = req.tenant.id;
    let invitee = match open(svc, tenant, &req.token).await? {
        LinkState::Live(invitee) => invitee,
        LinkState::Expired => return refused(SetupRefusal::Expired),
        LinkState::Used => return refused(SetupRefusal::Used),
        LinkState::Invalid => return refused(SetupRefusal::Invalid),
    };
    if req.password.expose_secret() != req.confirm.expose_secret() {
        return refused(SetupRefusal::Mismatch);
    }
    let hash = match hash_new_password(
        svc,
        req.password.clone(),
        &invitee.email.clone(),
        crate::model::name_words(&invitee.full_name),
    )
    .await
    {
        Ok(h) => h,
        Err(NewPasswordError::Policy(v)) => return refused(SetupRefusal::Policy(v)),
        Err(e) => return Err(InvitationError::Unavailable(e.to_string())),
    };
    let now = svc.clock.now();
    let token_hash = tokens::token_hash(&req.token);
    let mut tx = svc.db.begin().await?;
    let consumed = account_tokens::consume(
        tx.exec(),
        tenant,
        &token_hash,
        TokenPurpose::Invitation,
        now,
    )
    .await?;
    if consumed.and_then(|t| t.contact_id) != Some(invitee.contact_id) {
        return refused(SetupRefusal::Used);
    }
    let user_id = match invitee.user_id {
        Some(user_id) => {
            users::change_password_hash(tx.exec(), tenant, user_id, &hash, now).await?;
            user_id
        }
        None => {
            let email = Email::parse(&invitee.email)
                .map_err(|e| InvitationError::Unavailable(e.to_string()))?;
            let new = users::NewUser {
                email,
                user_type: UserType::Client,
                // The contact's name is the user's name.
                first_name: String::new(),
                last_name: String::new(),
                contact_id: Some(invitee.contact_id),
                password_hash: Some(hash),
                is_inactive: false,
            };
            match users::insert_user(tx.exec(), tenant, &new, now).await {
                Ok(id) => id,
                Err(e) if e.is_unique_violation() => return refused(SetupRefusal::Used),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let activated = NewChange::user_activated(
        portal_user(&invitee, Some(user_id)),
        Activation::Invitation,
        now,
    );
    directory_changes::record(&mut tx, tenant, &activated).await?;
    let inviter = crate::store::activity::inviter(tx.exec(), tenant, &token_hash).await?;
    let joined = NewActivity::invitation_accepted(
        invitee.client_id,
        user_id,
        &invitee.email,
        invitee.full_name.trim(),
        inviter.filter(|by| *by != user_id),
        now,
    );
    crate::store::activity::record(tx.exec(), tenant, &joined, now).await?;
    tx.commit().await?;
    Ok(SetupOutcome::Done { tenant, user_id })
}

/// The invitee as the subject of a directory change.
pub fn portal_user(invitee: &Invitee, user_id: Option<Uuid>) -> PortalUserRef<'_> {
    PortalUserRef {
        contact_id: invitee.contact_id,
        client_id: invitee.client_id,
        user_id,
        email: &invitee.email,
    }
}
