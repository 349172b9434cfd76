//! The integration API's handlers in `TenantData` (their messages are in `messages.rs`): the
//! MSP's PSA upserts boards, statuses, priorities, categories, visibility groups, contacts'
//! ticket access and tickets, adds replies, notes and files, and reads the feed and whole
//! tickets. Like every message here none carries a tenant: the token's tenant chose the actor,
//! and the actor only touches its own rows. The work itself is `ticket_sync::apply`'s.

use actix::{Handler, ResponseFuture};

use super::messages::*;
use super::{TenantCore, TenantData};
use crate::ticket_sync::apply;
use crate::ticket_sync::{
    BoardRecord, CategoryRecord, PriorityRecord, StatusRecord, SyncAttachment, SyncComment,
    SyncError, SyncTicket, SyncTicketDetail, TicketAccessRecord, TicketFeed, Upserted,
    VisibilityGroupRecord,
};

/// Counts an outcome in `counter{first_label, outcome}` (successes only when `created`).
fn count<T>(
    counter: &prometheus::IntCounterVec,
    first_label: &str,
    result: Result<Upserted<T>, SyncError>,
) -> Result<Upserted<T>, SyncError> {
    let outcome = match &result {
        Ok(u) if !u.created => return result,
        Ok(_) => "success",
        Err(e) => e.outcome(),
    };
    counter.with_label_values(&[first_label, outcome]).inc();
    result
}

impl TenantCore {
    pub(super) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

impl Handler<SyncBoard> for TenantData {
    type Result = ResponseFuture<Result<Upserted<BoardRecord>, SyncError>>;

    /// Upserts the board (a default one clears the other default).
    fn handle(&mut self, msg: SyncBoard, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result =
                apply::upsert_board(&core.db, core.tenant, msg.board_id, &msg.board, core.now())
                    .await;
            core.forget_catalog();
            result
        })
    }
}

impl Handler<SyncStatus> for TenantData {
    type Result = ResponseFuture<Result<Upserted<StatusRecord>, SyncError>>;

    /// Upserts the status; its tickets close or reopen when `is_closed` flips.
    fn handle(&mut self, msg: SyncStatus, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result = apply::upsert_status(
                &core.db,
                core.tenant,
                msg.status_id,
                &msg.status,
                core.now(),
            )
            .await;
            // Pages show the change at once on this instance (others within CATALOG_TTL).
            core.forget_catalog();
            result
        })
    }
}

impl Handler<SyncPriority> for TenantData {
    type Result = ResponseFuture<Result<Upserted<PriorityRecord>, SyncError>>;

    /// Upserts the priority (global, or one board's).
    fn handle(&mut self, msg: SyncPriority, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result = apply::upsert_priority(
                &core.db,
                core.tenant,
                msg.priority_id,
                &msg.priority,
                core.now(),
            )
            .await;
            // Pages show the change at once on this instance (others within CATALOG_TTL).
            core.forget_catalog();
            result
        })
    }
}

impl Handler<SyncCategory> for TenantData {
    type Result = ResponseFuture<Result<Upserted<CategoryRecord>, SyncError>>;

    /// Upserts the category (global, or one board's).
    fn handle(&mut self, msg: SyncCategory, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result = apply::upsert_category(
                &core.db,
                core.tenant,
                msg.category_id,
                &msg.category,
                core.now(),
            )
            .await;
            // Pages show the change at once on this instance (others within CATALOG_TTL).
            core.forget_catalog();
            result
        })
    }
}

impl Handler<SyncVisibilityGroup> for TenantData {
    type Result = ResponseFuture<Result<Upserted<VisibilityGroupRecord>, SyncError>>;

    /// Upserts the group, replacing its set of boards.
    fn handle(&mut self, msg: SyncVisibilityGroup, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            apply::upsert_visibility_group(
                &core.db,
                core.tenant,
                msg.group_id,
                &msg.group,
                core.now(),
            )
            .await
        })
    }
}

impl Handler<SyncTicketAccess> for TenantData {
    type Result = ResponseFuture<Result<TicketAccessRecord, SyncError>>;

    /// Sets the contact's scope and group (applies at the contact's next request).
    fn handle(&mut self, msg: SyncTicketAccess, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            apply::set_ticket_access(&core.db, core.tenant, msg.contact_id, &msg.access).await
        })
    }
}

impl Handler<GetTicketAccess> for TenantData {
    type Result = ResponseFuture<Result<TicketAccessRecord, SyncError>>;

    /// The contact's scope and group.
    fn handle(&mut self, msg: GetTicketAccess, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::ticket_access(&core.db, core.tenant, msg.contact_id).await })
    }
}

impl Handler<SyncTicketUpsert> for TenantData {
    type Result = ResponseFuture<Result<Upserted<SyncTicket>, SyncError>>;

    /// Upserts the ticket; counted in `tickets_created{source="integration"}` when created
    /// (failed upserts under their outcome).
    fn handle(&mut self, msg: SyncTicketUpsert, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result = apply::upsert_ticket(
                &core.db,
                core.tenant,
                msg.ticket_id,
                &msg.ticket,
                core.now(),
            )
            .await;
            count(&core.metrics.tickets_created, "integration", result)
        })
    }
}

impl Handler<TicketChanges> for TenantData {
    type Result = ResponseFuture<Result<TicketFeed, SyncError>>;

    /// One page of the feed, oldest change first.
    fn handle(&mut self, msg: TicketChanges, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::feed(&core.db, core.tenant, &msg.query).await })
    }
}

impl Handler<GetSyncedTicket> for TenantData {
    type Result = ResponseFuture<Result<SyncTicketDetail, SyncError>>;

    /// The ticket with internal notes and hidden files included (flagged).
    fn handle(&mut self, msg: GetSyncedTicket, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::ticket_detail(&core.db, core.tenant, msg.ticket_id).await })
    }
}

impl Handler<SyncedTicketExists> for TenantData {
    type Result = ResponseFuture<Result<bool, SyncError>>;

    fn handle(&mut self, msg: SyncedTicketExists, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::ticket_exists(&core.db, core.tenant, msg.ticket_id).await })
    }
}

impl Handler<PostInternalComment> for TenantData {
    type Result = ResponseFuture<Result<Upserted<SyncComment>, SyncError>>;

    /// Adds the reply (awaiting the client after it) or note; counted in
    /// `ticket_comments{author="internal"}`.
    fn handle(&mut self, msg: PostInternalComment, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let result = apply::add_comment(
                &core.db,
                core.tenant,
                msg.ticket_id,
                &msg.comment,
                core.now(),
            )
            .await;
            count(&core.metrics.ticket_comments, "internal", result)
        })
    }
}

impl Handler<RecordInternalAttachment> for TenantData {
    type Result = ResponseFuture<Result<SyncAttachment, SyncError>>;

    /// Records the uploaded file on the ticket.
    fn handle(&mut self, msg: RecordInternalAttachment, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            apply::add_attachment(
                &core.db,
                core.tenant,
                msg.ticket_id,
                &msg.file,
                msg.client_visible,
                &msg.uploaded_by,
                core.now(),
            )
            .await
        })
    }
}

impl Handler<ListSyncBoards> for TenantData {
    type Result = ResponseFuture<Result<Vec<BoardRecord>, SyncError>>;

    fn handle(&mut self, _: ListSyncBoards, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::boards(&core.db, core.tenant).await })
    }
}

impl Handler<ListSyncPriorities> for TenantData {
    type Result = ResponseFuture<Result<Vec<PriorityRecord>, SyncError>>;

    fn handle(&mut self, _: ListSyncPriorities, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::priorities(&core.db, core.tenant).await })
    }
}

impl Handler<ListSyncCategories> for TenantData {
    type Result = ResponseFuture<Result<Vec<CategoryRecord>, SyncError>>;

    fn handle(&mut self, _: ListSyncCategories, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::categories(&core.db, core.tenant).await })
    }
}

impl Handler<ListVisibilityGroups> for TenantData {
    type Result = ResponseFuture<Result<Vec<VisibilityGroupRecord>, SyncError>>;

    fn handle(&mut self, _: ListVisibilityGroups, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::visibility_groups(&core.db, core.tenant).await })
    }
}
