//! `TenantData`: one actor per tenant, spawned on demand by `TenantRegistry`, owning that
//! tenant's data access. Its tenant id is fixed when it is spawned and no message carries one,
//! so a request can only ever read or write its own tenant's rows. It stops itself when idle.
//!
//! Every query passes the signed-in user; the actor resolves what they may see (company,
//! contact scope, board visibility group, `ticket:*` permissions) from the database each time,
//! so a changed role or scope applies at once. A ticket the user may not see is `NotFound`,
//! exactly like one that does not exist.

pub mod company;
mod integration;
mod messages;
pub mod profile;
pub mod registry;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration as StdDuration;

use actix::{Actor, ActorContext, AsyncContext, Context, Handler, ResponseFuture};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub use company::{CompanyError, CompanyOfAdmin, CompanySessions, CompanySettings};
pub use integration::*;
pub use messages::*;
pub use profile::{LinkedIdentity, OwnIdentities, OwnSessions, UnlinkOwnIdentity};
pub use registry::{TenantDataFor, TenantDataView, TenantRegistry};

use crate::clock::SharedClock;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::registry::ActorRegistry;
use crate::store::tickets as store;
use crate::supervision::{injected_fault, ActorFault, InjectPanic};
use crate::tickets::{
    self, Choice, InputError, ResponseState, StatusFilter, TicketDetail, TicketFilter,
    TicketFormOptions, TicketOverview, TicketPage, TicketRecord, TicketViewer,
};

/// The name the per-tenant actors report under in `/admin/actors` (all of them together).
pub const ACTOR_NAME: &str = "tenant_data";
/// How often an actor checks whether it has been idle long enough to stop.
pub const IDLE_CHECK_INTERVAL: StdDuration = StdDuration::from_secs(60);

/// What every handler needs, cloned into its future.
#[derive(Clone)]
struct TenantCore {
    tenant: Uuid,
    db: Db,
    clock: SharedClock,
    metrics: Metrics,
    /// The tenant's boards, statuses, priorities and categories, read at most every
    /// `CATALOG_TTL` (changes through this actor forget it at once).
    catalog: Arc<Mutex<Option<CachedCatalog>>>,
}

/// The catalog and when it was read.
type CachedCatalog = (DateTime<Utc>, Arc<Catalog>);

/// How long the ticket catalog is reused; changes made on another instance show within it.
pub const CATALOG_TTL: chrono::Duration = chrono::Duration::seconds(30);

/// What tickets are filed under: the active boards and every status, priority and category.
#[derive(Debug)]
struct Catalog {
    boards: Vec<store::BoardRow>,
    statuses: Vec<Choice>,
    priorities: Vec<Choice>,
    categories: Vec<Choice>,
}

pub struct TenantData {
    core: TenantCore,
    registry: ActorRegistry,
    idle_ttl: chrono::Duration,
    last_used: DateTime<Utc>,
    /// Set when the actor stops because it was idle (not because it failed).
    stopping_idle: bool,
}

impl TenantData {
    pub fn new(
        tenant: Uuid,
        db: Db,
        clock: SharedClock,
        metrics: Metrics,
        registry: ActorRegistry,
        idle_ttl: chrono::Duration,
    ) -> Self {
        let last_used = clock.now();
        TenantData {
            core: TenantCore {
                tenant,
                db,
                clock,
                metrics,
                catalog: Arc::default(),
            },
            registry,
            idle_ttl,
            last_used,
            stopping_idle: false,
        }
    }

    /// Marks the actor used and hands out the core for a handler's future.
    fn serve(&mut self) -> TenantCore {
        self.last_used = self.core.clock.now();
        self.registry.handled(ACTOR_NAME);
        self.core.clone()
    }

    fn idle_for(&self) -> chrono::Duration {
        self.core.clock.now() - self.last_used
    }
}

impl Actor for TenantData {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        self.core.metrics.tenant_data_actors.inc();
        ctx.run_interval(IDLE_CHECK_INTERVAL, |act, ctx| {
            if act.idle_for() >= act.idle_ttl {
                act.stopping_idle = true;
                ctx.stop();
            }
        });
    }

    fn stopped(&mut self, _: &mut Self::Context) {
        self.core.metrics.tenant_data_actors.dec();
        if !self.stopping_idle {
            // Stopped by a failure: counted as a restart; the registry starts a fresh one on the
            // tenant's next request, so the pool itself stays alive.
            self.registry.restarting(ACTOR_NAME);
            self.registry.started(ACTOR_NAME, self.core.clock.now());
        }
    }
}

impl TenantCore {
    /// The catalog, from memory while it is fresh.
    async fn catalog(&self) -> Result<Arc<Catalog>, TicketError> {
        let now = self.clock.now();
        {
            let cached = self.catalog.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((at, catalog)) = cached.as_ref() {
                if now - *at < CATALOG_TTL {
                    return Ok(catalog.clone());
                }
            }
        }
        let catalog = Arc::new(Catalog {
            boards: store::boards(&self.db, self.tenant).await?,
            statuses: store::statuses(&self.db, self.tenant).await?,
            priorities: store::priorities(&self.db, self.tenant).await?,
            categories: store::categories(&self.db, self.tenant).await?,
        });
        *self.catalog.lock().unwrap_or_else(PoisonError::into_inner) = Some((now, catalog.clone()));
        Ok(catalog)
    }

    /// Forgets the cached catalog (after a board, status, priority or category changed).
    fn forget_catalog(&self) {
        *self.catalog.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// The user's ticket access; a user without an active company contact may do nothing.
    async fn viewer(&self, user_id: Uuid) -> Result<TicketViewer, TicketError> {
        store::viewer(&self.db, self.tenant, user_id)
            .await?
            .ok_or(TicketError::Forbidden(
                "tickets need an active company contact",
            ))
    }

    async fn reader(&self, user_id: Uuid) -> Result<TicketViewer, TicketError> {
        let viewer = self.viewer(user_id).await?;
        if !viewer.can_read {
            return Err(TicketError::Forbidden("ticket:read"));
        }
        Ok(viewer)
    }

    /// The ticket if this viewer may see it; any other ticket is `NotFound`.
    async fn visible_ticket(
        &self,
        viewer: &TicketViewer,
        number: &str,
    ) -> Result<TicketRecord, TicketError> {
        if !tickets::is_valid_ticket_number(number) {
            return Err(TicketError::NotFound);
        }
        match store::find_by_number(&self.db, self.tenant, number).await? {
            Some(t) if viewer.sees(t.client_id, t.contact_id, t.board_id) => Ok(t),
            _ => Err(TicketError::NotFound),
        }
    }

    /// A ticket the viewer may see and change (`ticket:update`).
    async fn updatable_ticket(
        &self,
        user_id: Uuid,
        number: &str,
    ) -> Result<(TicketViewer, TicketRecord), TicketError> {
        let viewer = self.reader(user_id).await?;
        let ticket = self.visible_ticket(&viewer, number).await?;
        if !viewer.can_update {
            return Err(TicketError::Forbidden("ticket:update"));
        }
        Ok((viewer, ticket))
    }

    async fn list(&self, msg: ListTickets) -> Result<TicketPage, TicketError> {
        let viewer = self.reader(msg.user_id).await?;
        let (items, total) = store::list(&self.db, self.tenant, &viewer, &msg.filter).await?;
        let on_visible_board =
            |c: &Choice| c.board_id.map_or(true, |board| viewer.may_see_board(board));
        let catalog = self.catalog().await?;
        let visible = |choices: &[Choice]| -> Vec<Choice> {
            choices
                .iter()
                .filter(|c| on_visible_board(c))
                .cloned()
                .collect()
        };
        let (statuses, priorities, categories) = (
            visible(&catalog.statuses),
            visible(&catalog.priorities),
            visible(&catalog.categories),
        );
        Ok(TicketPage {
            items,
            total,
            filter: msg.filter,
            statuses,
            priorities,
            categories,
            boards: visible_boards(&viewer, &catalog.boards),
            can_create: viewer.can_create,
        })
    }

    async fn summary(&self, user_id: Uuid) -> Result<Option<TicketOverview>, TicketError> {
        let viewer = match self.viewer(user_id).await {
            Ok(v) if v.can_read => v,
            Ok(_) | Err(TicketError::Forbidden(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let count = |filter: TicketFilter| {
            let (sql, args) = store::count_query(self.tenant, &viewer, &filter);
            async move { self.db.fetch_count_with(&sql, &args).await }
        };
        let open = count(TicketFilter::default()).await?;
        let awaiting_client = count(TicketFilter {
            response: Some(ResponseState::AwaitingClient),
            ..TicketFilter::default()
        })
        .await?;
        let recent_filter = TicketFilter {
            status: StatusFilter::All,
            ..TicketFilter::default()
        };
        let (mut recent, _) = store::list(&self.db, self.tenant, &viewer, &recent_filter).await?;
        recent.truncate(tickets::OVERVIEW_RECENT);
        Ok(Some(TicketOverview {
            open,
            awaiting_client,
            recent,
            can_create: viewer.can_create,
        }))
    }

    async fn form(&self, user_id: Uuid) -> Result<(TicketViewer, TicketFormOptions), TicketError> {
        let viewer = self.reader(user_id).await?;
        if !viewer.can_create {
            return Err(TicketError::Forbidden("ticket:create"));
        }
        let catalog = self.catalog().await?;
        let boards = visible_boards(&viewer, &catalog.boards);
        let default_board = boards.first().map(|b| b.id);
        let on_board = |c: &Choice| {
            c.board_id
                .map_or(true, |board| boards.iter().any(|b| b.id == board))
        };
        let priorities = catalog
            .priorities
            .iter()
            .filter(|c| on_board(c))
            .cloned()
            .collect();
        let categories = catalog
            .categories
            .iter()
            .filter(|c| on_board(c))
            .cloned()
            .collect();
        Ok((
            viewer,
            TicketFormOptions {
                boards,
                default_board,
                priorities,
                categories,
            },
        ))
    }

    async fn create(&self, msg: CreateTicket) -> Result<String, TicketError> {
        let (viewer, options) = self.form(msg.user_id).await?;
        let t = &msg.ticket;
        let title = tickets::parse_title(&t.title)?;
        let description = tickets::parse_body("description", &t.description, true)?;
        let invalid = |field, message| TicketError::Invalid(InputError { field, message });
        if !options.boards.iter().any(|b| b.id == t.board_id) {
            return Err(invalid("board", "not_offered"));
        }
        let fits_board = |c: &Choice| c.board_id.map_or(true, |b| b == t.board_id);
        if !options
            .priorities
            .iter()
            .any(|p| p.id == t.priority_id && fits_board(p))
        {
            return Err(invalid("priority", "not_offered"));
        }
        if let Some(category) = t.category_id {
            if !options
                .categories
                .iter()
                .any(|c| c.id == category && fits_board(c))
            {
                return Err(invalid("category", "not_offered"));
            }
        }
        let status = store::board_status(&self.db, self.tenant, t.board_id, false)
            .await?
            .ok_or_else(|| invalid("board", "no_open_status"))?;
        let now = self.clock.now();
        let ticket_id = Uuid::new_v4();
        let mut tx = self.db.begin().await?;
        let number = store::next_number(tx.exec(), self.tenant).await?;
        store::insert_ticket(
            tx.exec(),
            self.tenant,
            &store::TicketInsert {
                ticket_id,
                number: &number,
                title: &title,
                description: &description,
                board_id: t.board_id,
                status_id: status.status_id,
                status_closed: status.is_closed,
                priority_id: t.priority_id,
                category_id: t.category_id,
                client_id: viewer.client_id,
                contact_id: viewer.contact_id,
                response_state: Some(ResponseState::AwaitingInternal),
                source: "portal",
                now,
            },
        )
        .await?;
        for file in &msg.files {
            store::insert_client_attachment(tx.exec(), self.tenant, ticket_id, &viewer, file, now)
                .await?;
        }
        tx.commit().await?;
        Ok(number)
    }

    async fn detail(&self, msg: GetTicket) -> Result<TicketDetail, TicketError> {
        let viewer = self.reader(msg.user_id).await?;
        let ticket = self.visible_ticket(&viewer, &msg.number).await?;
        let comments = store::visible_comments(&self.db, self.tenant, ticket.ticket_id).await?;
        let attachments =
            store::visible_attachments(&self.db, self.tenant, ticket.ticket_id).await?;
        Ok(TicketDetail {
            ticket,
            comments,
            attachments,
            can_update: viewer.can_update,
        })
    }

    async fn comment(&self, msg: AddComment) -> Result<Uuid, TicketError> {
        let (viewer, ticket) = self.updatable_ticket(msg.user_id, &msg.number).await?;
        let body = tickets::parse_body("body", &msg.body, true)?;
        let now = self.clock.now();
        let comment_id = Uuid::new_v4();
        let mut tx = self.db.begin().await?;
        store::insert_client_comment(
            tx.exec(),
            self.tenant,
            ticket.ticket_id,
            comment_id,
            &viewer,
            &body,
            now,
        )
        .await?;
        store::touch(
            tx.exec(),
            self.tenant,
            ticket.ticket_id,
            Some(ResponseState::AwaitingInternal),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(comment_id)
    }

    async fn edit_comment(&self, msg: EditComment) -> Result<(), TicketError> {
        let (viewer, ticket) = self.updatable_ticket(msg.user_id, &msg.number).await?;
        let body = tickets::parse_body("body", &msg.body, true)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let changed = store::edit_own_comment(
            tx.exec(),
            self.tenant,
            ticket.ticket_id,
            msg.comment_id,
            viewer.user_id,
            &body,
            now,
        )
        .await?;
        if changed == 0 {
            // Someone else's, internal, or not on this ticket: as if it did not exist.
            return Err(TicketError::NotFound);
        }
        store::touch(tx.exec(), self.tenant, ticket.ticket_id, None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_open(&self, msg: SetTicketOpen) -> Result<(), TicketError> {
        let (_, ticket) = self.updatable_ticket(msg.user_id, &msg.number).await?;
        let invalid = |message| {
            TicketError::Invalid(InputError {
                field: "status",
                message,
            })
        };
        if msg.open != ticket.is_closed {
            return Err(invalid(if msg.open {
                "already_open"
            } else {
                "already_closed"
            }));
        }
        let status = store::board_status(&self.db, self.tenant, ticket.board_id, !msg.open)
            .await?
            .ok_or_else(|| invalid("no_such_status_on_board"))?;
        let response = msg.open.then_some(ResponseState::AwaitingInternal);
        let changed = store::set_status(
            self.db.exec(),
            self.tenant,
            ticket.ticket_id,
            &status,
            response,
            self.clock.now(),
        )
        .await?;
        if changed == 0 {
            return Err(TicketError::Conflict);
        }
        Ok(())
    }

    async fn attach(&self, msg: AddAttachments) -> Result<(), TicketError> {
        let (viewer, ticket) = self.updatable_ticket(msg.user_id, &msg.number).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        for file in &msg.files {
            store::insert_client_attachment(
                tx.exec(),
                self.tenant,
                ticket.ticket_id,
                &viewer,
                file,
                now,
            )
            .await?;
        }
        store::touch(tx.exec(), self.tenant, ticket.ticket_id, None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn attachment(
        &self,
        msg: GetAttachment,
    ) -> Result<tickets::AttachmentRecord, TicketError> {
        let viewer = self.reader(msg.user_id).await?;
        let ticket = self.visible_ticket(&viewer, &msg.number).await?;
        store::visible_attachment(&self.db, self.tenant, ticket.ticket_id, msg.attachment_id)
            .await?
            .ok_or(TicketError::NotFound)
    }
}

/// The active boards the viewer may see, as choices (default board first).
fn visible_boards(viewer: &TicketViewer, boards: &[store::BoardRow]) -> Vec<Choice> {
    boards
        .iter()
        .filter(|b| viewer.may_see_board(b.board_id))
        .map(|b| Choice {
            id: b.board_id,
            name: b.name.clone(),
            board_id: None,
            color: String::new(),
        })
        .collect()
}

/// Counts a ticket change in `counter{…, outcome}` and passes the result on.
fn counted<T>(
    counter: &prometheus::IntCounterVec,
    first_label: &str,
    result: Result<T, TicketError>,
) -> Result<T, TicketError> {
    let outcome = match &result {
        Ok(_) => "success",
        Err(e) => e.outcome(),
    };
    counter.with_label_values(&[first_label, outcome]).inc();
    result
}

impl Handler<ListTickets> for TenantData {
    type Result = ResponseFuture<Result<TicketPage, TicketError>>;

    /// One page of the user's tickets, filtered and sorted.
    fn handle(&mut self, msg: ListTickets, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.list(msg).await })
    }
}

impl Handler<TicketSummary> for TenantData {
    type Result = ResponseFuture<Result<Option<TicketOverview>, TicketError>>;

    /// Counts of open tickets and of those awaiting the user, and the latest updated.
    fn handle(&mut self, msg: TicketSummary, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.summary(msg.user_id).await })
    }
}

impl Handler<TicketForm> for TenantData {
    type Result = ResponseFuture<Result<TicketFormOptions, TicketError>>;

    /// The boards, priorities and categories the user may raise a ticket with.
    fn handle(&mut self, msg: TicketForm, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.form(msg.user_id).await.map(|(_, options)| options) })
    }
}

impl Handler<CreateTicket> for TenantData {
    type Result = ResponseFuture<Result<String, TicketError>>;

    /// Raises a ticket on the board's default status, awaiting the MSP.
    fn handle(&mut self, msg: CreateTicket, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result = core.create(msg).await;
            counted(&core.metrics.tickets_created, "portal", result)
        })
    }
}

impl Handler<GetTicket> for TenantData {
    type Result = ResponseFuture<Result<TicketDetail, TicketError>>;

    /// A ticket with its client-visible comments and attachments.
    fn handle(&mut self, msg: GetTicket, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.detail(msg).await })
    }
}

impl Handler<AddComment> for TenantData {
    type Result = ResponseFuture<Result<Uuid, TicketError>>;

    /// Adds the user's comment; the ticket then awaits the MSP.
    fn handle(&mut self, msg: AddComment, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result = core.comment(msg).await;
            counted(&core.metrics.ticket_comments, "client", result)
        })
    }
}

impl Handler<EditComment> for TenantData {
    type Result = ResponseFuture<Result<(), TicketError>>;

    /// Edits one of the user's own comments.
    fn handle(&mut self, msg: EditComment, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.edit_comment(msg).await })
    }
}

impl Handler<SetTicketOpen> for TenantData {
    type Result = ResponseFuture<Result<(), TicketError>>;

    /// Closes or reopens a ticket through its board's statuses.
    fn handle(&mut self, msg: SetTicketOpen, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.set_open(msg).await })
    }
}

impl Handler<AddAttachments> for TenantData {
    type Result = ResponseFuture<Result<(), TicketError>>;

    /// Records uploaded files on a ticket.
    fn handle(&mut self, msg: AddAttachments, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.attach(msg).await })
    }
}

impl Handler<GetAttachment> for TenantData {
    type Result = ResponseFuture<Result<tickets::AttachmentRecord, TicketError>>;

    /// An attachment the user may download (visible, on a ticket they see).
    fn handle(&mut self, msg: GetAttachment, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.attachment(msg).await })
    }
}

impl Handler<StopIfIdle> for TenantData {
    type Result = bool;

    /// Stops now when idle at least `idle_for` (operators' sweep).
    fn handle(&mut self, msg: StopIfIdle, ctx: &mut Self::Context) -> bool {
        if self.idle_for() >= msg.idle_for {
            self.stopping_idle = true;
            ctx.stop();
            return true;
        }
        false
    }
}

impl Handler<InjectPanic> for TenantData {
    type Result = Result<(), ActorFault>;

    /// Panics inside the handler (fault-injection tests: the registry replaces the actor).
    fn handle(&mut self, _: InjectPanic, ctx: &mut Self::Context) -> Self::Result {
        crate::guard!(ACTOR_NAME, ctx, injected_fault(), Err(ActorFault))
    }
}
