//! The ticket handlers of `TenantData` (their messages are in `messages.rs`): what the
//! signed-in user may see (their company, contact scope, board visibility group and `ticket:*`
//! permissions, resolved from the database on every message) and the list, form, creation,
//! conversation, state and attachments.

use actix::{Handler, ResponseFuture};
use uuid::Uuid;

use super::messages::*;
use super::{TenantCore, TenantData};
use crate::store::tickets as store;
use crate::tickets::{
    self, Choice, InputError, ResponseState, StatusFilter, TicketDetail, TicketFilter,
    TicketFormOptions, TicketOverview, TicketPage, TicketRecord, TicketViewer,
};

impl TenantCore {
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
        let priorities: Vec<Choice> = catalog
            .priorities
            .iter()
            .filter(|c| on_board(c))
            .cloned()
            .collect();
        let default_priority = tickets::default_priority(&priorities, default_board);
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
                default_priority,
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
            Some(viewer.user_id),
            &viewer.display_name,
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
            is_default: b.is_default,
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
