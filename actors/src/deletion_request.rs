//! "Delete my account", asked from the profile: the portal does not delete on its own (the MSP
//! keeps the contact and its history in its PSA); it records a `deletion_requested` change the
//! PSA pulls, emails the company's other active admins in their language, and audits it — all
//! in one transaction, the emails delivered after commit.

use crate::mailbox::CountingAddr;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::account_recovery::{mail_locale, EmailContent};
use crate::audit::{AuditRecord, Record};
use crate::db::DbError;
use crate::directory_changes::NewChange;
use crate::mailer::{DeliverNow, Mailer};
use crate::model::{RequestOrigin, SessionUser};
use crate::query_as;
use crate::services::Services;
use crate::store::outbox::{self, MailKind, OutboxMessage};
use crate::store::{directory_changes, profile};

/// The email to one admin about a colleague's request.
#[derive(Debug)]
pub struct DeletionRequestMail<'a> {
    pub admin_name: &'a str,
    pub locale: &'a str,
    pub requester_name: &'a str,
    pub requester_email: &'a str,
    pub requester_id: Uuid,
    pub requested_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeletionRequestError {
    /// Not a client user with a contact.
    #[error("no profile for this user")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbError),
}

#[derive(sqlx::FromRow)]
struct Admin {
    email: String,
    full_name: String,
    locale: Option<String>,
}

/// Records the request, emails the company's other active admins; how many were emailed.
pub async fn request_account_deletion(
    svc: &Services,
    mailer: &CountingAddr<Mailer>,
    user: &SessionUser,
    tenant_locale: &str,
    origin: RequestOrigin,
    render: impl Fn(&DeletionRequestMail<'_>) -> EmailContent,
) -> Result<usize, DeletionRequestError> {
    let (tenant, now) = (user.tenant, svc.clock.now());
    let mut tx = svc.db.begin().await?;
    let row = profile::get(tx.exec(), tenant, user.user_id)
        .await?
        .ok_or(DeletionRequestError::NotFound)?;
    let change = NewChange::deletion_requested(row.contact_id, user.user_id, &row.email, now);
    directory_changes::record(&mut tx, tenant, &change).await?;
    let admins: Vec<Admin> = query_as!(
        tx.exec(),
        Admin,
        fetch_all,
        "SELECT u.email, c.full_name, \
                COALESCE((SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                          AND p.user_id = u.user_id AND p.pref_key = 'locale'), \
                         cl.default_locale) AS locale \
         FROM users u JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
         WHERE u.tenant = $1 AND c.client_id = $2 AND u.user_type = 'client' \
           AND u.is_inactive = $3 AND c.portal_role = 'admin' AND u.user_id <> $4 \
         ORDER BY u.email",
        tenant,
        row.client_id,
        false,
        user.user_id
    )
    .map_err(DbError::from)?;
    for admin in &admins {
        let content = render(&DeletionRequestMail {
            admin_name: admin.full_name.trim(),
            locale: mail_locale(admin.locale.as_deref(), tenant_locale),
            requester_name: row.profile.full_name.trim(),
            requester_email: &row.email,
            requester_id: user.user_id,
            requested_at: now,
        });
        let message = OutboxMessage {
            tenant,
            kind: MailKind::DeletionRequested,
            recipient: admin.email.clone(),
            content,
        };
        outbox::enqueue(tx.exec(), &message, now).await?;
    }
    tx.commit().await?;
    mailer.do_send(DeliverNow);
    svc.audit.do_send(Record(AuditRecord {
        tenant,
        event_type: "account_deletion_requested",
        outcome: "success",
        user_id: Some(user.user_id),
        email: Some(row.email),
        origin,
        details: Some(serde_json::json!({ "admins_notified": admins.len() }).to_string()),
        ..AuditRecord::default()
    }));
    Ok(admins.len())
}
