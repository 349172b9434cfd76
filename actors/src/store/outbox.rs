//! The mail outbox: emails are written here in the transaction of the change that causes them,
//! and the `Mailer` delivers them. A delivery is claimed with a compare-and-set on `attempts`
//! (one UPDATE), so two instances on one database never send the same message twice.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec};
use crate::{execute, query_as};

/// What an email is for: the `kind` column and the `kind` label of `portal_emails_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    PasswordReset,
    PasswordChanged,
    OrganizationDiscovery,
    Invitation,
    /// A portal user's sign-in email was changed by their IT provider (sent to both addresses).
    SignInEmailChanged,
    /// A colleague asked for their portal account to be deleted (to the company's admins).
    DeletionRequested,
    /// The link that confirms a new sign-in email (to the new address).
    EmailChangeConfirm,
    /// A new sign-in email was asked for (to the current address).
    EmailChangeNotice,
    /// The MSP replied on a ticket (notification; replies close together come as one).
    TicketReply,
    /// The MSP closed a ticket (notification).
    TicketClosed,
    /// A new invoice (notification to Finance and Admin users).
    InvoiceFinalized,
    /// An invited colleague joined (notification to the admin who invited).
    InvitationAccepted,
}

impl MailKind {
    pub const ALL: [MailKind; 12] = [
        MailKind::PasswordReset,
        MailKind::PasswordChanged,
        MailKind::OrganizationDiscovery,
        MailKind::Invitation,
        MailKind::SignInEmailChanged,
        MailKind::DeletionRequested,
        MailKind::EmailChangeConfirm,
        MailKind::EmailChangeNotice,
        MailKind::TicketReply,
        MailKind::TicketClosed,
        MailKind::InvoiceFinalized,
        MailKind::InvitationAccepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::PasswordReset => "password_reset",
            MailKind::PasswordChanged => "password_changed",
            MailKind::OrganizationDiscovery => "organization_discovery",
            MailKind::Invitation => "invitation",
            MailKind::SignInEmailChanged => "sign_in_email_changed",
            MailKind::DeletionRequested => "deletion_requested",
            MailKind::EmailChangeConfirm => "email_change_confirm",
            MailKind::EmailChangeNotice => "email_change_notice",
            MailKind::TicketReply => "ticket_reply",
            MailKind::TicketClosed => "ticket_closed",
            MailKind::InvoiceFinalized => "invoice_finalized",
            MailKind::InvitationAccepted => "invitation_accepted",
        }
    }

    /// The kind a stored row names; unknown kinds (a newer instance's) count as `other`.
    pub fn label(stored: &str) -> &'static str {
        MailKind::ALL
            .iter()
            .find(|k| k.as_str() == stored)
            .map_or("other", |k| k.as_str())
    }
}

/// Subject and bodies of a rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailContent {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// An email to queue.
#[derive(Debug, Clone)]
pub struct OutboxMessage {
    pub tenant: Uuid,
    pub kind: MailKind,
    pub recipient: String,
    pub content: EmailContent,
}

/// Queues one email, due at once; run it on the transaction of the change that causes it.
pub async fn enqueue(
    exec: Exec<'_>,
    msg: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let message_id = Uuid::new_v4();
    execute!(
        exec,
        "INSERT INTO outbox (tenant, message_id, kind, recipient, subject, body_text, body_html, \
         created_at, attempts, next_attempt_at, sent_at, failed_at, last_error) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $8, NULL, NULL, NULL)",
        msg.tenant,
        message_id,
        msg.kind.as_str(),
        &msg.recipient,
        &msg.content.subject,
        &msg.content.body_text,
        &msg.content.body_html,
        now
    )?;
    Ok(message_id)
}

/// A message waiting for delivery.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingMessage {
    pub tenant: Uuid,
    pub message_id: Uuid,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i32,
    /// Notification emails: the MSP's support address.
    pub reply_to: Option<String>,
    /// Notification emails: the one-click unsubscribe URL (RFC 8058).
    pub list_unsubscribe: Option<String>,
}

/// Up to `limit` messages due at `now`, oldest first.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<PendingMessage>, DbError> {
    Ok(query_as!(
        db.exec(),
        PendingMessage,
        fetch_all,
        "SELECT tenant, message_id, kind, recipient, subject, body_text, body_html, attempts, \
                reply_to, list_unsubscribe \
         FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
         ORDER BY next_attempt_at, created_at LIMIT $2",
        now,
        limit
    )?)
}

/// Claims a due message for one delivery attempt: counts the attempt and pushes
/// `next_attempt_at` to `lease_until` (retried then if this instance dies mid-send). Only the
/// caller that saw `attempts` unchanged wins; everyone else gets `false`.
pub async fn claim(
    db: &Db,
    msg: &PendingMessage,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = execute!(
        db.exec(),
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $4 \
         WHERE tenant = $1 AND message_id = $2 AND attempts = $3 AND sent_at IS NULL \
           AND failed_at IS NULL AND next_attempt_at <= $5",
        msg.tenant,
        msg.message_id,
        msg.attempts,
        lease_until,
        now
    )?;
    Ok(n == 1)
}

/// Marks a message delivered and forgets its bodies: they may hold single-use links, which
/// should live in the database only while the email waits for delivery.
pub async fn mark_sent(
    db: &Db,
    tenant: Uuid,
    message_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "UPDATE outbox SET sent_at = $3, last_error = NULL, body_text = '', body_html = '' \
         WHERE tenant = $1 AND message_id = $2",
        tenant,
        message_id,
        now
    )?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up on when `retry_at` is `None`.
pub async fn mark_failed_attempt(
    db: &Db,
    tenant: Uuid,
    message_id: Uuid,
    error: &str,
    now: DateTime<Utc>,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    match retry_at {
        Some(at) => execute!(
            db.exec(),
            "UPDATE outbox SET next_attempt_at = $3, last_error = $4 \
             WHERE tenant = $1 AND message_id = $2",
            tenant,
            message_id,
            at,
            error
        )?,
        None => execute!(
            db.exec(),
            "UPDATE outbox SET failed_at = $3, last_error = $4, body_text = '', body_html = '' \
             WHERE tenant = $1 AND message_id = $2",
            tenant,
            message_id,
            now,
            error
        )?,
    };
    Ok(())
}

/// The backlog: messages neither sent nor given up on, and when the oldest was queued.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Backlog {
    pub pending: i64,
    pub oldest: Option<DateTime<Utc>>,
}

pub async fn backlog(db: &Db) -> Result<Backlog, DbError> {
    Ok(query_as!(
        db.exec(),
        Backlog,
        fetch_one,
        "SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox \
         WHERE sent_at IS NULL AND failed_at IS NULL"
    )?)
}

/// One stored message as operators and tests see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub tenant: Uuid,
    pub message_id: Uuid,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// Every message to `recipient`, oldest first.
pub async fn for_recipient(db: &Db, recipient: &str) -> Result<Vec<OutboxRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        OutboxRow,
        fetch_all,
        "SELECT tenant, message_id, kind, recipient, subject, attempts, next_attempt_at, sent_at, \
                failed_at, last_error \
         FROM outbox WHERE recipient = $1 ORDER BY created_at",
        recipient
    )?)
}

/// Deletes up to `batch` messages sent or failed for good before `before` (never one still
/// queued); returns how many.
pub async fn delete_finished_before(
    db: &Db,
    before: DateTime<Utc>,
    batch: i64,
) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "DELETE FROM outbox WHERE (tenant, message_id) IN ( \
             SELECT tenant, message_id FROM outbox WHERE sent_at < $1 \
             UNION ALL \
             SELECT tenant, message_id FROM outbox WHERE failed_at < $1 \
             LIMIT $2)",
        before,
        batch
    )?)
}
