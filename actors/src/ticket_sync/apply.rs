//! The integration API's operations for one tenant: checks of the references a payload makes
//! (each refusal naming its field), then the writes in one transaction. `TenantData` calls
//! these with the tenant it was spawned for; the demo seed calls them with the demo tenant.

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

use super::input::{
    encode_cursor, BoardInput, CategoryInput, CommentInput, FeedQuery, PriorityInput, StatusInput,
    TicketAccessInput, TicketInput, VisibilityGroupInput,
};
use super::{
    BoardRecord, CategoryRecord, PriorityRecord, StatusRecord, SyncAttachment, SyncComment,
    SyncError, SyncTicket, SyncTicketDetail, TicketAccessRecord, TicketFeed, Upserted,
    VisibilityGroupRecord,
};
use crate::activity::{NewActivity, TicketRef};
use crate::db::{Db, DbError};
use crate::store::activity;
use crate::store::ticket_sync::{self as store, BoardBound};
use crate::tickets::StoredFile;

/// A record just written, read back (its absence would be a database fault).
fn written<T>(record: Option<T>) -> Result<T, SyncError> {
    record.ok_or_else(|| SyncError::Db(DbError::Sqlx(sqlx::Error::RowNotFound)))
}

async fn require_board(db: &Db, tenant: Uuid, field: &str, id: Uuid) -> Result<(), SyncError> {
    match store::find_board(db.exec(), tenant, id).await? {
        Some(_) => Ok(()),
        None => Err(SyncError::invalid(field, "unknown board")),
    }
}

/// Refuses to move a status/priority/category to `board` while tickets of other boards use it.
async fn refuse_move(
    db: &Db,
    tenant: Uuid,
    kind: BoardBound,
    id: Uuid,
    board: Option<Uuid>,
) -> Result<(), SyncError> {
    let Some(board) = board else { return Ok(()) };
    if store::used_off_board(db, tenant, kind, id, board).await? > 0 {
        return Err(SyncError::invalid(
            "board_id",
            "tickets of another board use it: move or close them first",
        ));
    }
    Ok(())
}

pub async fn upsert_board(
    db: &Db,
    tenant: Uuid,
    board_id: Uuid,
    input: &BoardInput,
    now: DateTime<Utc>,
) -> Result<Upserted<BoardRecord>, SyncError> {
    let created = store::find_board(db.exec(), tenant, board_id)
        .await?
        .is_none();
    let mut tx = db.begin().await?;
    store::upsert_board(tx.exec(), tenant, board_id, input, now).await?;
    if input.is_default {
        store::clear_other_default_boards(tx.exec(), tenant, board_id, now).await?;
    }
    let record = written(store::find_board(tx.exec(), tenant, board_id).await?)?;
    tx.commit().await?;
    Ok(Upserted { record, created })
}

pub async fn upsert_status(
    db: &Db,
    tenant: Uuid,
    status_id: Uuid,
    input: &StatusInput,
    now: DateTime<Utc>,
) -> Result<Upserted<StatusRecord>, SyncError> {
    require_board(db, tenant, "board_id", input.board_id).await?;
    let existing = store::find_status(db.exec(), tenant, status_id).await?;
    if existing
        .as_ref()
        .is_some_and(|s| s.board_id != input.board_id)
    {
        refuse_move(
            db,
            tenant,
            BoardBound::Status,
            status_id,
            Some(input.board_id),
        )
        .await?;
    }
    let mut tx = db.begin().await?;
    store::upsert_status(tx.exec(), tenant, status_id, input, now).await?;
    if input.is_default {
        store::clear_other_default_statuses(tx.exec(), tenant, input.board_id, status_id, now)
            .await?;
    }
    if existing
        .as_ref()
        .is_some_and(|s| s.is_closed != input.is_closed)
    {
        // Its tickets close or reopen with it: `closed_at` is set exactly on closed statuses.
        store::follow_status_closed(tx.exec(), tenant, status_id, input.is_closed, now).await?;
    }
    let record = written(store::find_status(tx.exec(), tenant, status_id).await?)?;
    tx.commit().await?;
    Ok(Upserted {
        record,
        created: existing.is_none(),
    })
}

pub async fn upsert_priority(
    db: &Db,
    tenant: Uuid,
    priority_id: Uuid,
    input: &PriorityInput,
    now: DateTime<Utc>,
) -> Result<Upserted<PriorityRecord>, SyncError> {
    if let Some(board) = input.board_id {
        require_board(db, tenant, "board_id", board).await?;
    }
    let created = store::find_priority(db.exec(), tenant, priority_id)
        .await?
        .is_none();
    if !created {
        refuse_move(
            db,
            tenant,
            BoardBound::Priority,
            priority_id,
            input.board_id,
        )
        .await?;
    }
    let mut tx = db.begin().await?;
    store::upsert_priority(tx.exec(), tenant, priority_id, input, now).await?;
    if input.is_default {
        store::clear_other_default_priorities(tx.exec(), tenant, input.board_id, priority_id, now)
            .await?;
    }
    let record = written(store::find_priority(tx.exec(), tenant, priority_id).await?)?;
    tx.commit().await?;
    Ok(Upserted { record, created })
}

pub async fn upsert_category(
    db: &Db,
    tenant: Uuid,
    category_id: Uuid,
    input: &CategoryInput,
    now: DateTime<Utc>,
) -> Result<Upserted<CategoryRecord>, SyncError> {
    if let Some(board) = input.board_id {
        require_board(db, tenant, "board_id", board).await?;
    }
    let created = store::find_category(db.exec(), tenant, category_id)
        .await?
        .is_none();
    if !created {
        refuse_move(
            db,
            tenant,
            BoardBound::Category,
            category_id,
            input.board_id,
        )
        .await?;
    }
    let mut tx = db.begin().await?;
    store::upsert_category(tx.exec(), tenant, category_id, input, now).await?;
    let record = written(store::find_category(tx.exec(), tenant, category_id).await?)?;
    tx.commit().await?;
    Ok(Upserted { record, created })
}

pub async fn upsert_visibility_group(
    db: &Db,
    tenant: Uuid,
    group_id: Uuid,
    input: &VisibilityGroupInput,
    now: DateTime<Utc>,
) -> Result<Upserted<VisibilityGroupRecord>, SyncError> {
    for board in &input.board_ids {
        if store::find_board(db.exec(), tenant, *board)
            .await?
            .is_none()
        {
            return Err(SyncError::invalid(
                "board_ids",
                format!("unknown board {board}"),
            ));
        }
    }
    let created = store::find_group(db.exec(), tenant, group_id)
        .await?
        .is_none();
    let mut tx = db.begin().await?;
    store::upsert_group(tx.exec(), tenant, group_id, &input.name, now).await?;
    store::clear_group_boards(tx.exec(), tenant, group_id).await?;
    for board in &input.board_ids {
        store::add_group_board(tx.exec(), tenant, group_id, *board).await?;
    }
    let mut record = written(store::find_group(tx.exec(), tenant, group_id).await?)?;
    tx.commit().await?;
    record.board_ids = input.board_ids.clone();
    record.board_ids.sort();
    Ok(Upserted { record, created })
}

/// Sets which tickets a contact sees; an unknown contact is `NotFound`.
pub async fn set_ticket_access(
    db: &Db,
    tenant: Uuid,
    contact_id: Uuid,
    input: &TicketAccessInput,
) -> Result<TicketAccessRecord, SyncError> {
    if store::find_contact(db, tenant, contact_id).await?.is_none() {
        return Err(SyncError::NotFound);
    }
    if let Some(group) = input.visibility_group_id {
        if store::find_group(db.exec(), tenant, group).await?.is_none() {
            return Err(SyncError::invalid(
                "visibility_group_id",
                "unknown visibility group",
            ));
        }
    }
    store::set_ticket_access(
        db.exec(),
        tenant,
        contact_id,
        input.scope.as_str(),
        input.visibility_group_id,
    )
    .await?;
    ticket_access(db, tenant, contact_id).await
}

pub async fn ticket_access(
    db: &Db,
    tenant: Uuid,
    contact_id: Uuid,
) -> Result<TicketAccessRecord, SyncError> {
    store::find_ticket_access(db.exec(), tenant, contact_id)
        .await?
        .ok_or(SyncError::NotFound)
}

/// Checks every reference of a ticket: the status belongs to the board, the priority and
/// category are the board's or global, the contact belongs to the client.
/// Checks what the ticket refers to; its status.
async fn check_references(
    db: &Db,
    tenant: Uuid,
    t: &TicketInput,
) -> Result<StatusRecord, SyncError> {
    require_board(db, tenant, "board_id", t.board_id).await?;
    let status = store::find_status(db.exec(), tenant, t.status_id)
        .await?
        .ok_or_else(|| SyncError::invalid("status_id", "unknown status"))?;
    if status.board_id != t.board_id {
        return Err(SyncError::invalid(
            "status_id",
            "not a status of this board",
        ));
    }
    let priority = store::find_priority(db.exec(), tenant, t.priority_id)
        .await?
        .ok_or_else(|| SyncError::invalid("priority_id", "unknown priority"))?;
    if priority.board_id.is_some_and(|b| b != t.board_id) {
        return Err(SyncError::invalid(
            "priority_id",
            "not a priority of this board",
        ));
    }
    if let Some(category) = t.category_id {
        let category = store::find_category(db.exec(), tenant, category)
            .await?
            .ok_or_else(|| SyncError::invalid("category_id", "unknown category"))?;
        if category.board_id.is_some_and(|b| b != t.board_id) {
            return Err(SyncError::invalid(
                "category_id",
                "not a category of this board",
            ));
        }
    }
    if !store::client_exists(db, tenant, t.client_id).await? {
        return Err(SyncError::invalid("client_id", "unknown client"));
    }
    if let Some(contact) = t.contact_id {
        let contact = store::find_contact(db, tenant, contact)
            .await?
            .ok_or_else(|| SyncError::invalid("contact_id", "unknown contact"))?;
        if contact.client_id != t.client_id {
            return Err(SyncError::invalid(
                "contact_id",
                "not a contact of this client",
            ));
        }
    }
    Ok(status)
}

/// Whether the stored ticket already is what the PSA sends (then nothing is written, so a
/// replayed upsert does not show up in the feed again).
fn unchanged(old: &SyncTicket, t: &TicketInput) -> bool {
    old.number == t.number
        && old.title == t.title
        && old.description == t.description
        && old.board_id == t.board_id
        && old.status_id == t.status_id
        && old.priority_id == t.priority_id
        && old.category_id == t.category_id
        && old.client_id == t.client_id
        && old.contact_id == t.contact_id
        && old.assignee_name == t.assignee_name
        && old.due_at == t.due_at
        && t.entered_at.map_or(true, |at| at == old.entered_at)
        && t.response_state
            .map_or(true, |r| old.response_state.as_deref() == Some(r.as_str()))
}

/// Inserts or replaces a ticket under the PSA's id.
pub async fn upsert_ticket(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
    input: &TicketInput,
    now: DateTime<Utc>,
) -> Result<Upserted<SyncTicket>, SyncError> {
    let status = check_references(db, tenant, input).await?;
    let closed = status.is_closed;
    if let Some(owner) = store::ticket_with_number(db, tenant, &input.number).await? {
        if owner != ticket_id {
            return Err(SyncError::NumberTaken);
        }
    }
    let existing = store::find_ticket(db.exec(), tenant, ticket_id).await?;
    if let Some(old) = existing.as_ref().filter(|old| unchanged(old, input)) {
        return Ok(Upserted {
            record: old.clone(),
            created: false,
        });
    }
    let mut tx = db.begin().await?;
    let written_rows = match &existing {
        None => store::insert_ticket(tx.exec(), tenant, ticket_id, input, closed, now).await,
        Some(old) => {
            let closed_at = closed.then(|| old.closed_at.unwrap_or(now));
            store::update_ticket(tx.exec(), tenant, ticket_id, input, closed_at, now).await
        }
    };
    match written_rows {
        // Another ticket took the number meanwhile.
        Err(e) if e.is_unique_violation() => return Err(SyncError::NumberTaken),
        other => other?,
    };
    let record = written(store::find_ticket(tx.exec(), tenant, ticket_id).await?)?;
    // A status the MSP changed (not a new ticket's first one) is news to the client.
    if existing
        .as_ref()
        .is_some_and(|old| old.status_id != record.status_id)
    {
        let event = NewActivity::ticket_status(ticket_ref(&record, now), &status.name, closed);
        activity::record(tx.exec(), tenant, &event, now).await?;
    }
    tx.commit().await?;
    Ok(Upserted {
        record,
        created: existing.is_none(),
    })
}

/// The ticket as an activity event names it.
fn ticket_ref(ticket: &SyncTicket, at: DateTime<Utc>) -> TicketRef<'_> {
    TicketRef {
        client_id: ticket.client_id,
        ticket_id: ticket.ticket_id,
        number: &ticket.number,
        title: &ticket.title,
        at,
    }
}

/// The earliest time the feed starts from when the PSA gives none.
fn beginning() -> DateTime<Utc> {
    Utc.timestamp_opt(0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// One page of the tickets changed since the query's time, portal-raised ones included.
pub async fn feed(db: &Db, tenant: Uuid, query: &FeedQuery) -> Result<TicketFeed, SyncError> {
    let since = query.updated_since.unwrap_or_else(beginning);
    let tickets = store::changed_tickets(db, tenant, since, query.after, query.limit).await?;
    let next = match tickets.last() {
        Some(last) if tickets.len() as i64 == query.limit => {
            Some(encode_cursor(last.updated_at, last.ticket_id))
        }
        _ => None,
    };
    Ok(TicketFeed { tickets, next })
}

/// A ticket with every comment and attachment (internal ones flagged).
pub async fn ticket_detail(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
) -> Result<SyncTicketDetail, SyncError> {
    let ticket = store::find_ticket(db.exec(), tenant, ticket_id)
        .await?
        .ok_or(SyncError::NotFound)?;
    Ok(SyncTicketDetail {
        comments: store::comments(db, tenant, ticket_id).await?,
        attachments: store::attachments(db, tenant, ticket_id).await?,
        ticket,
    })
}

pub async fn ticket_exists(db: &Db, tenant: Uuid, ticket_id: Uuid) -> Result<bool, SyncError> {
    Ok(store::find_ticket(db.exec(), tenant, ticket_id)
        .await?
        .is_some())
}

/// Adds an MSP reply (the ticket then awaits the client) or an internal note (which changes
/// neither the response state nor anything clients see). A replayed `comment_id` changes nothing.
pub async fn add_comment(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
    input: &CommentInput,
    now: DateTime<Utc>,
) -> Result<Upserted<SyncComment>, SyncError> {
    if !ticket_exists(db, tenant, ticket_id).await? {
        return Err(SyncError::NotFound);
    }
    let comment_id = input.comment_id.unwrap_or_else(Uuid::new_v4);
    if let Some(on) = store::comment_ticket(db, tenant, comment_id).await? {
        if on != ticket_id {
            return Err(SyncError::invalid(
                "comment_id",
                "a comment of another ticket has this id",
            ));
        }
        let record = written(store::find_comment(db.exec(), tenant, comment_id).await?)?;
        return Ok(Upserted {
            record,
            created: false,
        });
    }
    let mut tx = db.begin().await?;
    store::insert_internal_comment(
        tx.exec(),
        tenant,
        ticket_id,
        comment_id,
        &input.author_name,
        input.internal,
        &input.body,
        now,
    )
    .await?;
    if !input.internal {
        crate::store::tickets::touch(
            tx.exec(),
            tenant,
            ticket_id,
            Some(crate::tickets::ResponseState::AwaitingClient),
            now,
        )
        .await?;
        let ticket = written(store::find_ticket(tx.exec(), tenant, ticket_id).await?)?;
        let event =
            NewActivity::ticket_reply(ticket_ref(&ticket, now), comment_id, &input.author_name);
        activity::record(tx.exec(), tenant, &event, now).await?;
    }
    let record = written(store::find_comment(tx.exec(), tenant, comment_id).await?)?;
    tx.commit().await?;
    Ok(Upserted {
        record,
        created: true,
    })
}

/// Records a file the MSP uploaded (already in the attachment store); a file clients see
/// marks the ticket changed.
pub async fn add_attachment(
    db: &Db,
    tenant: Uuid,
    ticket_id: Uuid,
    file: &StoredFile,
    client_visible: bool,
    uploaded_by: &str,
    now: DateTime<Utc>,
) -> Result<SyncAttachment, SyncError> {
    if !ticket_exists(db, tenant, ticket_id).await? {
        return Err(SyncError::NotFound);
    }
    let attachment_id = Uuid::new_v4();
    let mut tx = db.begin().await?;
    store::insert_internal_attachment(
        tx.exec(),
        tenant,
        ticket_id,
        attachment_id,
        file,
        client_visible,
        uploaded_by,
        now,
    )
    .await?;
    if client_visible {
        crate::store::tickets::touch(tx.exec(), tenant, ticket_id, None, now).await?;
    }
    let record = written(store::find_attachment(tx.exec(), tenant, attachment_id).await?)?;
    tx.commit().await?;
    Ok(record)
}

/// Every board with its statuses.
pub async fn boards(db: &Db, tenant: Uuid) -> Result<Vec<BoardRecord>, SyncError> {
    let mut boards = store::boards(db, tenant).await?;
    let statuses = store::statuses(db, tenant).await?;
    for board in &mut boards {
        board.statuses = statuses
            .iter()
            .filter(|s| s.board_id == board.board_id)
            .cloned()
            .collect();
        board
            .statuses
            .sort_by(|a, b| (a.display_order, &a.name).cmp(&(b.display_order, &b.name)));
    }
    Ok(boards)
}

pub async fn priorities(db: &Db, tenant: Uuid) -> Result<Vec<PriorityRecord>, SyncError> {
    Ok(store::priorities(db, tenant).await?)
}

pub async fn categories(db: &Db, tenant: Uuid) -> Result<Vec<CategoryRecord>, SyncError> {
    Ok(store::categories(db, tenant).await?)
}

/// Every visibility group with its boards.
pub async fn visibility_groups(
    db: &Db,
    tenant: Uuid,
) -> Result<Vec<VisibilityGroupRecord>, SyncError> {
    let mut groups = store::groups(db, tenant).await?;
    let boards = store::group_boards(db, tenant).await?;
    for group in &mut groups {
        group.board_ids = boards
            .iter()
            .filter(|b| b.group_id == group.group_id)
            .map(|b| b.board_id)
            .collect();
        group.board_ids.sort();
    }
    Ok(groups)
}
