//! What notification emails read and write: the sending tenant, who receives each kind (and
//! has not turned it off), the choices themselves, the reply-batching windows, and the outbox
//! rows with their `Reply-To` and `List-Unsubscribe`.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::model::ReaderPrefs;
use crate::notifications::{
    NotificationChoices, NotificationKind, QuotedReply, Recipient, TenantMailContext,
};
use crate::store::outbox::{EmailContent, MailKind};
use crate::{execute, query_as};

/// The tenant's name, slug, language, active vanity domain, support address and email logo.
pub async fn tenant_context(
    exec: Exec<'_>,
    tenant: Uuid,
) -> Result<Option<TenantMailContext>, DbError> {
    Ok(query_as!(
        exec,
        TenantMailContext,
        fetch_optional,
        "SELECT t.tenant, t.slug, s.name, s.default_locale, \
                (SELECT d.domain FROM portal_domains d \
                 WHERE d.tenant = t.tenant AND d.status = 'active') AS active_domain, \
                s.support_email, s.logo_light_sha256, s.logo_light_type \
         FROM tenants t JOIN tenant_settings s ON s.tenant = t.tenant WHERE t.tenant = $1",
        tenant
    )?)
}

/// Whom an event's email goes to, among a company's active users.
#[derive(Debug, Clone, Copy)]
pub enum Audience {
    /// The users whose contact is the ticket's contact.
    TicketContact(Uuid),
    /// Users whose portal role is Admin or Finance.
    FinanceAndAdmins,
    /// One user.
    User(Uuid),
}

#[derive(sqlx::FromRow)]
struct RecipientRow {
    user_id: Uuid,
    email: String,
    full_name: String,
    locale: Option<String>,
    time_zone: Option<String>,
    date_format: Option<String>,
}

/// The active users of `client_id` in `audience` who have not turned `kind` off, by email.
pub async fn recipients(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    audience: Audience,
    kind: NotificationKind,
    tenant_locale: &str,
) -> Result<Vec<Recipient>, DbError> {
    let (condition, subject) = match audience {
        Audience::TicketContact(ticket) => (
            "c.contact_id = (SELECT t.contact_id FROM tickets t WHERE t.tenant = u.tenant \
             AND t.ticket_id = $4 AND t.client_id = c.client_id)",
            ticket,
        ),
        Audience::FinanceAndAdmins => (
            "c.portal_role IN ('admin', 'finance') AND $4 = $4",
            Uuid::nil(),
        ),
        Audience::User(user) => ("u.user_id = $4", user),
    };
    let sql = format!(
        "SELECT u.user_id, u.email, c.full_name, \
            COALESCE((SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                      AND p.user_id = u.user_id AND p.pref_key = 'locale'), \
                     cl.default_locale) AS locale, \
            (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
             AND p.user_id = u.user_id AND p.pref_key = 'time_zone') AS time_zone, \
            (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
             AND p.user_id = u.user_id AND p.pref_key = 'date_format') AS date_format \
         FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
         WHERE u.tenant = $1 AND c.client_id = $2 AND u.user_type = 'client' \
           AND NOT u.is_inactive AND NOT c.is_inactive AND NOT cl.is_inactive \
           AND NOT EXISTS (SELECT 1 FROM user_preferences p WHERE p.tenant = u.tenant \
                           AND p.user_id = u.user_id AND p.pref_key = $3 AND p.pref_value = 'off') \
           AND {condition} \
         ORDER BY u.email"
    );
    let rows: Vec<RecipientRow> = query_as!(
        exec,
        RecipientRow,
        fetch_all,
        &sql,
        tenant,
        client_id,
        kind.pref_key(),
        subject
    )?;
    Ok(rows
        .into_iter()
        .map(|r| Recipient {
            user_id: r.user_id,
            email: r.email,
            full_name: r.full_name.trim().to_owned(),
            locale: crate::account_recovery::mail_locale(r.locale.as_deref(), tenant_locale)
                .to_owned(),
            prefs: ReaderPrefs {
                locale: r.locale,
                time_zone: r.time_zone,
                date_format: r.date_format,
            },
        })
        .collect())
}

/// The kinds `user_id` turned off.
pub async fn choices(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<NotificationChoices, DbError> {
    let rows: Vec<(String,)> = query_as!(
        exec,
        (String,),
        fetch_all,
        "SELECT pref_key FROM user_preferences \
         WHERE tenant = $1 AND user_id = $2 AND pref_value = 'off'",
        tenant,
        user_id
    )?;
    Ok(NotificationChoices {
        off: NotificationKind::ALL
            .into_iter()
            .filter(|k| rows.iter().any(|(key,)| key == k.pref_key()))
            .collect(),
    })
}

/// Turns `kind` on (the default: the row goes) or off; whether anything changed.
pub async fn set_choice(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    kind: NotificationKind,
    on: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = if on {
        execute!(
            exec,
            "DELETE FROM user_preferences WHERE tenant = $1 AND user_id = $2 AND pref_key = $3",
            tenant,
            user_id,
            kind.pref_key()
        )?
    } else {
        execute!(
            exec,
            "INSERT INTO user_preferences (tenant, user_id, pref_key, pref_value, updated_at) \
             VALUES ($1, $2, $3, 'off', $4) ON CONFLICT (tenant, user_id, pref_key) DO NOTHING",
            tenant,
            user_id,
            kind.pref_key(),
            now
        )?
    };
    Ok(n > 0)
}

/// The open (or last) batching window of MSP replies on a ticket to one person.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReplyWindow {
    pub window_started_at: DateTime<Utc>,
    pub window_ends_at: DateTime<Utc>,
    pub first_comment_id: Uuid,
    pub followup_message_id: Option<Uuid>,
}

pub async fn reply_window(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    user_id: Uuid,
) -> Result<Option<ReplyWindow>, DbError> {
    Ok(query_as!(
        exec,
        ReplyWindow,
        fetch_optional,
        "SELECT window_started_at, window_ends_at, first_comment_id, followup_message_id \
         FROM reply_notices WHERE tenant = $1 AND ticket_id = $2 AND user_id = $3",
        tenant,
        ticket_id,
        user_id
    )?)
}

/// Opens a new window (replacing the last one) after a reply emailed at once.
pub async fn open_reply_window(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    user_id: Uuid,
    window: &ReplyWindow,
) -> Result<(), DbError> {
    execute!(
        exec,
        "INSERT INTO reply_notices (tenant, ticket_id, user_id, window_started_at, \
             window_ends_at, first_comment_id, followup_message_id) \
         VALUES ($1, $2, $3, $4, $5, $6, NULL) \
         ON CONFLICT (tenant, ticket_id, user_id) DO UPDATE SET \
             window_started_at = excluded.window_started_at, \
             window_ends_at = excluded.window_ends_at, \
             first_comment_id = excluded.first_comment_id, followup_message_id = NULL",
        tenant,
        ticket_id,
        user_id,
        window.window_started_at,
        window.window_ends_at,
        window.first_comment_id
    )?;
    Ok(())
}

/// Records the window's follow-up email; `false` when another run recorded one first.
pub async fn set_followup(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    user_id: Uuid,
    message_id: Uuid,
) -> Result<bool, DbError> {
    let n = execute!(
        exec,
        "UPDATE reply_notices SET followup_message_id = $4 \
         WHERE tenant = $1 AND ticket_id = $2 AND user_id = $3 AND followup_message_id IS NULL",
        tenant,
        ticket_id,
        user_id,
        message_id
    )?;
    Ok(n == 1)
}

/// The MSP's replies (clients see them) on a ticket after `since`, the window's first excluded,
/// oldest first.
pub async fn replies_after(
    exec: Exec<'_>,
    tenant: Uuid,
    ticket_id: Uuid,
    since: DateTime<Utc>,
    except: Uuid,
) -> Result<Vec<QuotedReply>, DbError> {
    Ok(query_as!(
        exec,
        QuotedReply,
        fetch_all,
        "SELECT author_name, body, created_at FROM ticket_comments \
         WHERE tenant = $1 AND ticket_id = $2 AND author_type = 'internal' AND NOT is_internal \
           AND created_at >= $3 AND comment_id <> $4 \
         ORDER BY created_at, comment_id",
        tenant,
        ticket_id,
        since,
        except
    )?)
}

/// One MSP reply by id.
pub async fn reply(
    exec: Exec<'_>,
    tenant: Uuid,
    comment_id: Uuid,
) -> Result<Option<QuotedReply>, DbError> {
    Ok(query_as!(
        exec,
        QuotedReply,
        fetch_optional,
        "SELECT author_name, body, created_at FROM ticket_comments \
         WHERE tenant = $1 AND comment_id = $2 AND NOT is_internal",
        tenant,
        comment_id
    )?)
}

/// An invoice's due date.
pub async fn invoice_due(
    exec: Exec<'_>,
    tenant: Uuid,
    invoice_id: Uuid,
) -> Result<Option<NaiveDate>, DbError> {
    Ok(query_as!(
        exec,
        (Option<NaiveDate>,),
        fetch_optional,
        "SELECT due_date FROM invoices WHERE tenant = $1 AND invoice_id = $2",
        tenant,
        invoice_id
    )?
    .and_then(|(d,)| d))
}

/// A notification email to queue.
#[derive(Debug, Clone)]
pub struct QueuedNotification<'a> {
    pub tenant: Uuid,
    pub kind: MailKind,
    pub recipient: &'a str,
    pub content: &'a EmailContent,
    pub reply_to: Option<&'a str>,
    pub unsubscribe_url: &'a str,
}

/// Queues the email, due at `due_at`.
pub async fn enqueue(
    exec: Exec<'_>,
    msg: &QueuedNotification<'_>,
    now: DateTime<Utc>,
    due_at: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let message_id = Uuid::new_v4();
    execute!(
        exec,
        "INSERT INTO outbox (tenant, message_id, kind, recipient, subject, body_text, body_html, \
             created_at, attempts, next_attempt_at, sent_at, failed_at, last_error, reply_to, \
             list_unsubscribe) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, NULL, NULL, NULL, $10, $11)",
        msg.tenant,
        message_id,
        msg.kind.as_str(),
        msg.recipient,
        &msg.content.subject,
        &msg.content.body_text,
        &msg.content.body_html,
        now,
        due_at,
        msg.reply_to,
        msg.unsubscribe_url
    )?;
    Ok(message_id)
}

/// Replaces a queued email's contents while no delivery has been tried; `false` once one has.
pub async fn replace_unsent(
    exec: Exec<'_>,
    tenant: Uuid,
    message_id: Uuid,
    content: &EmailContent,
) -> Result<bool, DbError> {
    let n = execute!(
        exec,
        "UPDATE outbox SET subject = $3, body_text = $4, body_html = $5 \
         WHERE tenant = $1 AND message_id = $2 AND attempts = 0 AND sent_at IS NULL \
           AND failed_at IS NULL",
        tenant,
        message_id,
        &content.subject,
        &content.body_text,
        &content.body_html
    )?;
    Ok(n == 1)
}
