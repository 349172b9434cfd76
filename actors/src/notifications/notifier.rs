//! `Notifier`: turns `activity` rows that warrant an email into outbox messages. Every
//! `poll_interval` (and when kicked with `NotifyDue`) it reads the rows not yet notified, oldest
//! first, and handles each in one transaction that first marks the row notified with a
//! compare-and-set UPDATE — so on several instances each event's emails are queued exactly once,
//! and a failure leaves the row for the next run.
//!
//! MSP replies are batched per ticket and person: the first reply's email is due at once and
//! opens a window of `reply_window`; replies within it are gathered into one follow-up email,
//! due when the window closes (re-rendered with every reply while it waits).

use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix::{Context, Handler, Message, ResponseFuture};
use chrono::{DateTime, Duration, Utc};

use super::{
    Notification, NotificationBody, NotificationRenderer, Recipient, RenderedNotification,
    TenantMailContext, Unsubscribe,
};
use crate::activity::ActivityKind;
use crate::clock::{SharedClock, TimeArith};
use crate::db::{Db, DbError, Tx};
use crate::mailbox::CountingAddr;
use crate::mailer::{DeliverNow, Mailer};
use crate::registry::ActorRegistry;
use crate::secret_box::SecretBox;
use crate::store::activity::{self, PendingActivity};
use crate::store::notifications::{self as store, Audience, QueuedNotification, ReplyWindow};
use crate::supervision::{spawn_periodic, supervised_actor, PeriodicOutcome, PortalActor};

pub const ACTOR_NAME: &str = "notifier";
/// Events handled per read.
const BATCH: i64 = 50;

#[derive(Clone)]
pub struct NotifierConfig {
    pub poll_interval: StdDuration,
    /// How long after an emailed MSP reply further replies are gathered into one email.
    pub reply_window: Duration,
}

/// Handles every event waiting for its emails now; how many were handled.
#[derive(Message)]
#[rtype(result = "Result<u64, DbError>")]
pub struct NotifyDue;

#[derive(Clone)]
struct NotifierCore {
    db: Db,
    clock: SharedClock,
    config: NotifierConfig,
    secrets: SecretBox,
    renderer: Arc<dyn NotificationRenderer>,
    mailer: CountingAddr<Mailer>,
    registry: ActorRegistry,
    running: Arc<tokio::sync::Mutex<()>>,
}

pub struct Notifier {
    core: NotifierCore,
}

impl Notifier {
    pub fn new(
        db: Db,
        clock: SharedClock,
        config: NotifierConfig,
        secrets: SecretBox,
        renderer: Arc<dyn NotificationRenderer>,
        mailer: CountingAddr<Mailer>,
        registry: ActorRegistry,
    ) -> Self {
        Notifier {
            core: NotifierCore {
                db,
                clock,
                config,
                secrets,
                renderer,
                mailer,
                registry,
                running: Arc::default(),
            },
        }
    }
}

/// What one event's handling queued.
#[derive(Default)]
struct Queued {
    emails: u64,
}

impl NotifierCore {
    /// Handles every waiting event, after any run under way on this instance (runs never
    /// overlap, so one person's replies are always handled in order).
    async fn run(&self) -> Result<u64, DbError> {
        let _one_at_a_time = self.running.lock().await;
        self.run_all().await
    }

    async fn run_all(&self) -> Result<u64, DbError> {
        let mut handled = 0u64;
        let mut emails = 0u64;
        loop {
            let pending = activity::unnotified(&self.db, BATCH).await?;
            let fetched = pending.len();
            for event in pending {
                match self.handle_event(&event).await {
                    Ok(Some(q)) => {
                        handled = handled.saturating_add(1);
                        emails = emails.saturating_add(q.emails);
                    }
                    Ok(None) => {}
                    // Left for the next run (e.g. another instance wrote the same window).
                    Err(e) => {
                        tracing::warn!(error = %e, activity = %event.activity_id, "notification deferred");
                        self.registry.error(ACTOR_NAME, e.to_string());
                        return Err(e);
                    }
                }
            }
            if fetched < BATCH as usize {
                break;
            }
        }
        if emails > 0 {
            self.mailer.do_send(DeliverNow);
        }
        if handled > 0 {
            self.registry.periodic(
                ACTOR_NAME,
                self.clock.now(),
                format!("{handled} events, {emails} emails queued"),
            );
        }
        Ok(handled)
    }

    /// One event, in one transaction; `None` when another run handled it first.
    async fn handle_event(&self, event: &PendingActivity) -> Result<Option<Queued>, DbError> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !activity::mark_notified(tx.exec(), event.tenant, event.activity_id, now).await? {
            return Ok(None);
        }
        let Some(tenant) = store::tenant_context(tx.exec(), event.tenant).await? else {
            tx.commit().await?;
            return Ok(Some(Queued::default()));
        };
        let mut queued = Queued::default();
        match ActivityKind::parse(&event.kind) {
            Some(ActivityKind::TicketReply) => {
                self.ticket_reply(&mut tx, &tenant, event, now, &mut queued)
                    .await?
            }
            Some(ActivityKind::TicketStatus) if event.closes => {
                let body = NotificationBody::TicketClosed {
                    number: event.reference.clone(),
                    title: event.title.clone(),
                    status: event.detail.clone(),
                    closed_at: event.occurred_at,
                };
                let audience = Audience::TicketContact(event.subject_id);
                self.to_each(&mut tx, &tenant, event, audience, &body, &mut queued)
                    .await?
            }
            Some(ActivityKind::InvoiceFinalized) => {
                let body = NotificationBody::InvoiceFinalized {
                    number: event.reference.clone(),
                    total_minor: event.amount_minor.unwrap_or_default(),
                    currency: event.currency.clone().unwrap_or_default(),
                    due_date: store::invoice_due(tx.exec(), event.tenant, event.subject_id).await?,
                };
                let audience = Audience::FinanceAndAdmins;
                self.to_each(&mut tx, &tenant, event, audience, &body, &mut queued)
                    .await?
            }
            Some(ActivityKind::InvitationAccepted) => {
                if let Some(inviter) = event.for_user_id {
                    let body = NotificationBody::InvitationAccepted {
                        member_id: event.subject_id,
                        member_name: event.title.clone(),
                        member_email: event.reference.clone(),
                    };
                    let audience = Audience::User(inviter);
                    self.to_each(&mut tx, &tenant, event, audience, &body, &mut queued)
                        .await?
                }
            }
            _ => {}
        }
        tx.commit().await?;
        Ok(Some(queued))
    }

    /// Queues `body` at once to everyone in `audience` who wants it.
    async fn to_each(
        &self,
        tx: &mut Tx,
        tenant: &TenantMailContext,
        event: &PendingActivity,
        audience: Audience,
        body: &NotificationBody,
        queued: &mut Queued,
    ) -> Result<(), DbError> {
        let kind = body.kind();
        let people = store::recipients(
            tx.exec(),
            event.tenant,
            event.client_id,
            audience,
            kind,
            &tenant.default_locale,
        )
        .await?;
        let now = self.clock.now();
        for person in &people {
            let Some(mail) = self.render(tenant, person, body) else {
                continue;
            };
            self.queue(tx, tenant, person, body, &mail, now).await?;
            queued.emails = queued.emails.saturating_add(1);
        }
        Ok(())
    }

    /// An MSP reply: at once when no window is open for the person, else into the window's
    /// follow-up.
    async fn ticket_reply(
        &self,
        tx: &mut Tx,
        tenant: &TenantMailContext,
        event: &PendingActivity,
        now: DateTime<Utc>,
        queued: &mut Queued,
    ) -> Result<(), DbError> {
        let Some(comment_id) = event.item_id else {
            return Ok(());
        };
        let Some(reply) = store::reply(tx.exec(), event.tenant, comment_id).await? else {
            return Ok(());
        };
        let people = store::recipients(
            tx.exec(),
            event.tenant,
            event.client_id,
            Audience::TicketContact(event.subject_id),
            super::NotificationKind::TicketReply,
            &tenant.default_locale,
        )
        .await?;
        let ticket = event.subject_id;
        for person in &people {
            let window =
                store::reply_window(tx.exec(), event.tenant, ticket, person.user_id).await?;
            let open = window
                .as_ref()
                .filter(|w| w.window_ends_at > event.occurred_at);
            if let Some(w) = open {
                if self.follow_up(tx, tenant, event, person, w, now).await? {
                    queued.emails = queued.emails.saturating_add(1);
                    continue;
                }
            }
            // First reply (or its window's follow-up already went): email it at once.
            let body = NotificationBody::TicketReplies {
                number: event.reference.clone(),
                title: event.title.clone(),
                replies: vec![reply.clone()],
                follow_up: false,
            };
            let Some(mail) = self.render(tenant, person, &body) else {
                continue;
            };
            self.queue(tx, tenant, person, &body, &mail, now).await?;
            queued.emails = queued.emails.saturating_add(1);
            let opened = ReplyWindow {
                window_started_at: event.occurred_at,
                window_ends_at: event.occurred_at.plus(self.config.reply_window),
                first_comment_id: comment_id,
                followup_message_id: None,
            };
            store::open_reply_window(tx.exec(), event.tenant, ticket, person.user_id, &opened)
                .await?;
        }
        Ok(())
    }

    /// Gathers the window's replies so far into its follow-up email (queued for the window's
    /// end, or re-rendered when already queued); `false` when the follow-up already went out.
    async fn follow_up(
        &self,
        tx: &mut Tx,
        tenant: &TenantMailContext,
        event: &PendingActivity,
        person: &Recipient,
        window: &ReplyWindow,
        now: DateTime<Utc>,
    ) -> Result<bool, DbError> {
        let replies = store::replies_after(
            tx.exec(),
            event.tenant,
            event.subject_id,
            window.window_started_at,
            window.first_comment_id,
        )
        .await?;
        let body = NotificationBody::TicketReplies {
            number: event.reference.clone(),
            title: event.title.clone(),
            replies,
            follow_up: true,
        };
        let Some(mail) = self.render(tenant, person, &body) else {
            return Ok(true);
        };
        match window.followup_message_id {
            Some(id) => store::replace_unsent(tx.exec(), event.tenant, id, &mail.content).await,
            None => {
                let message = QueuedNotification {
                    tenant: event.tenant,
                    kind: body.kind().mail_kind(),
                    recipient: &person.email,
                    content: &mail.content,
                    reply_to: tenant.support_email.as_deref(),
                    unsubscribe_url: &mail.unsubscribe_url,
                };
                let id = store::enqueue(tx.exec(), &message, now, window.window_ends_at).await?;
                let ticket = event.subject_id;
                if !store::set_followup(tx.exec(), event.tenant, ticket, person.user_id, id).await?
                {
                    // Another run queued the follow-up meanwhile: leave the event for later.
                    return Err(DbError::Sqlx(sqlx::Error::RowNotFound));
                }
                Ok(true)
            }
        }
    }

    fn render(
        &self,
        tenant: &TenantMailContext,
        person: &Recipient,
        body: &NotificationBody,
    ) -> Option<RenderedNotification> {
        let link = Unsubscribe {
            tenant: tenant.tenant,
            user_id: person.user_id,
            kind: body.kind(),
        };
        let token = link.token(&self.secrets)?;
        Some(self.renderer.render(&Notification {
            tenant,
            recipient: person,
            body,
            unsubscribe_token: &token,
        }))
    }

    async fn queue(
        &self,
        tx: &mut Tx,
        tenant: &TenantMailContext,
        person: &Recipient,
        body: &NotificationBody,
        mail: &RenderedNotification,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let message = QueuedNotification {
            tenant: tenant.tenant,
            kind: body.kind().mail_kind(),
            recipient: &person.email,
            content: &mail.content,
            reply_to: tenant.support_email.as_deref(),
            unsubscribe_url: &mail.unsubscribe_url,
        };
        store::enqueue(tx.exec(), &message, now, now).await?;
        Ok(())
    }
}

supervised_actor!(Notifier);

impl PortalActor for Notifier {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.core.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.core.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        spawn_periodic(ctx, self.core.config.poll_interval, |act: &mut Self, _| {
            let core = act.core.clone();
            Some(async move {
                match core.run().await {
                    Ok(_) => PeriodicOutcome::Recorded,
                    Err(e) => PeriodicOutcome::Failed {
                        log: "notification run failed",
                        error: e.to_string(),
                    },
                }
            })
        });
    }
}

impl Handler<NotifyDue> for Notifier {
    type Result = ResponseFuture<Result<u64, DbError>>;

    /// Handles what waits now and says how many events (operators, tests).
    fn handle(&mut self, _: NotifyDue, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.run().await })
    }
}
