//! The `activity` table: one row per event a client company should hear of, written on the
//! transaction of the change; read newest first for the dashboard (only what the viewer may
//! see) and oldest first by the notifier, which marks each row handled exactly once.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::activity::{ActivityItem, NewActivity};
use crate::clock::TimeArith;
use crate::db::{Arg, Db, DbError, Exec};
use crate::tickets::TicketViewer;
use crate::{execute, query_as};

/// Events older than this when recorded (history the PSA sends late, e.g. a first import) are
/// listed but not emailed about.
pub const NOTICE_HORIZON: chrono::Duration = chrono::Duration::hours(48);

/// Records `event`; kinds that send no email, and old events, are stored as already notified.
pub async fn record(
    exec: Exec<'_>,
    tenant: Uuid,
    event: &NewActivity,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let activity_id = Uuid::new_v4();
    let news = event.wants_notice() && event.occurred_at > now.minus(NOTICE_HORIZON);
    let notified_at = (!news).then_some(now);
    let (amount, currency) = match &event.amount {
        Some((minor, currency)) => (Some(*minor), Some(currency.as_str())),
        None => (None, None),
    };
    execute!(
        exec,
        "INSERT INTO activity (tenant, activity_id, client_id, kind, subject_id, item_id, \
             reference, title, detail, amount_minor, currency, closes, for_user_id, occurred_at, \
             notified_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        tenant,
        activity_id,
        event.client_id,
        event.kind.as_str(),
        event.subject_id,
        event.item_id,
        &event.reference,
        &event.title,
        &event.detail,
        amount,
        currency,
        event.closes,
        event.for_user_id,
        event.occurred_at,
        notified_at
    )?;
    Ok(activity_id)
}

/// What of a company's activity one person may see.
#[derive(Debug, Clone, Copy)]
pub struct ActivityAccess<'a> {
    pub client_id: Uuid,
    /// Their ticket access (`None`: no `ticket:read`).
    pub tickets: Option<&'a TicketViewer>,
    pub billing: bool,
    pub projects: bool,
    /// `company:manage`: who joined the company.
    pub members: bool,
}

/// The latest `limit` events the viewer may see, newest first: ticket events only on tickets
/// they see now, invoices and payments with `billing:read`, projects with `project:read` while
/// the project is active, accepted invitations with `company:manage`.
pub async fn recent(
    db: &Db,
    tenant: Uuid,
    access: &ActivityAccess<'_>,
    limit: i64,
) -> Result<Vec<ActivityItem>, DbError> {
    let mut args = vec![Arg::Uuid(tenant), Arg::Uuid(access.client_id)];
    let mut allowed = Vec::new();
    if let Some(viewer) = access.tickets {
        let seen = crate::store::tickets::visible_to(viewer, &mut args);
        allowed.push(format!(
            "(a.kind IN ('ticket_reply', 'ticket_status') AND EXISTS (SELECT 1 FROM tickets t \
              WHERE t.tenant = a.tenant AND t.ticket_id = a.subject_id \
                AND t.client_id = a.client_id{seen}))"
        ));
    }
    if access.billing {
        allowed.push(
            "(a.kind = 'invoice_finalized' AND EXISTS (SELECT 1 FROM invoices i \
              WHERE i.tenant = a.tenant AND i.invoice_id = a.subject_id \
                AND i.client_id = a.client_id AND i.status <> 'draft')) \
             OR a.kind = 'payment_received'"
                .to_owned(),
        );
    }
    if access.projects {
        allowed.push(
            "(a.kind = 'project_status' AND EXISTS (SELECT 1 FROM projects p \
              WHERE p.tenant = a.tenant AND p.project_id = a.subject_id \
                AND p.client_id = a.client_id AND NOT p.is_inactive))"
                .to_owned(),
        );
    }
    if access.members {
        allowed.push("a.kind = 'invitation_accepted'".to_owned());
    }
    if allowed.is_empty() {
        return Ok(Vec::new());
    }
    args.push(Arg::Int(limit));
    let sql = format!(
        "SELECT a.kind, a.subject_id, a.reference, a.title, a.detail, a.amount_minor, \
                a.currency, a.closes, a.occurred_at \
         FROM activity a \
         WHERE a.tenant = $1 AND a.client_id = $2 AND ({}) \
         ORDER BY a.occurred_at DESC, a.activity_id DESC LIMIT ${}",
        allowed.join(" OR "),
        args.len()
    );
    db.fetch_all_with::<ActivityItem>(&sql, &args).await
}

/// An event waiting for its notifications.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingActivity {
    pub tenant: Uuid,
    pub activity_id: Uuid,
    pub client_id: Uuid,
    pub kind: String,
    pub subject_id: Uuid,
    pub item_id: Option<Uuid>,
    pub reference: String,
    pub title: String,
    pub detail: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub closes: bool,
    pub for_user_id: Option<Uuid>,
    pub occurred_at: DateTime<Utc>,
}

/// Up to `limit` events not yet notified, oldest first (every tenant).
pub async fn unnotified(db: &Db, limit: i64) -> Result<Vec<PendingActivity>, DbError> {
    Ok(query_as!(
        db.exec(),
        PendingActivity,
        fetch_all,
        "SELECT tenant, activity_id, client_id, kind, subject_id, item_id, reference, title, \
                detail, amount_minor, currency, closes, for_user_id, occurred_at \
         FROM activity WHERE notified_at IS NULL \
         ORDER BY occurred_at, activity_id LIMIT $1",
        limit
    )?)
}

/// Marks the event notified; `false` when another run (or instance) already did.
pub async fn mark_notified(
    exec: Exec<'_>,
    tenant: Uuid,
    activity_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = execute!(
        exec,
        "UPDATE activity SET notified_at = $3 \
         WHERE tenant = $1 AND activity_id = $2 AND notified_at IS NULL",
        tenant,
        activity_id,
        now
    )?;
    Ok(n == 1)
}

/// How many events wait for notification (for `/admin/actors`).
pub async fn backlog(db: &Db) -> Result<i64, DbError> {
    Ok(query_as!(
        db.exec(),
        (i64,),
        fetch_one,
        "SELECT COUNT(*) FROM activity WHERE notified_at IS NULL"
    )?
    .0)
}

/// Who invited through the invitation link `token_hash` (a client admin's user id), if a client
/// admin did.
pub async fn inviter(
    exec: Exec<'_>,
    tenant: Uuid,
    token_hash: &str,
) -> Result<Option<Uuid>, DbError> {
    let row = query_as!(
        exec,
        (Option<String>,),
        fetch_optional,
        "SELECT created_by FROM account_tokens WHERE tenant = $1 AND token_hash = $2",
        tenant,
        token_hash
    )?;
    Ok(row
        .and_then(|(by,)| by)
        .and_then(|by| by.strip_prefix("client_admin:").map(str::to_owned))
        .and_then(|id| Uuid::parse_str(&id).ok()))
}
