//! What travels in `TenantData`'s ticket messages: the viewer's access, list rows, pages,
//! details, comments and attachments.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{TicketFilter, TicketScope, PAGE_SIZE};

/// What the signed-in user may do with tickets and which ones they see; resolved by
/// `TenantData` on every request from the database (a role change applies at once).
#[derive(Debug, Clone)]
pub struct TicketViewer {
    pub user_id: Uuid,
    pub display_name: String,
    pub client_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub scope: TicketScope,
    /// `None`: every active board; otherwise only these (a visibility group).
    pub boards: Option<Vec<Uuid>>,
    pub can_read: bool,
    pub can_create: bool,
    pub can_update: bool,
}

impl TicketViewer {
    /// Whether this viewer may see a ticket of this company, contact and board.
    pub fn sees(&self, client_id: Uuid, contact_id: Option<Uuid>, board_id: Uuid) -> bool {
        self.can_read
            && client_id == self.client_id
            && (self.scope == TicketScope::Client
                || (self.contact_id.is_some() && contact_id == self.contact_id))
            && self
                .boards
                .as_ref()
                .map_or(true, |boards| boards.contains(&board_id))
    }

    pub fn may_see_board(&self, board_id: Uuid) -> bool {
        self.boards
            .as_ref()
            .map_or(true, |boards| boards.contains(&board_id))
    }
}

/// One row of the list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TicketListItem {
    pub ticket_number: String,
    pub title: String,
    pub status_name: String,
    pub is_closed: bool,
    pub priority_name: String,
    pub priority_color: String,
    pub category_name: Option<String>,
    pub board_name: String,
    pub contact_name: Option<String>,
    pub assignee_name: Option<String>,
    pub response_state: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
}

/// A named choice (status, priority, category, board) for filters and forms.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Choice {
    pub id: Uuid,
    pub name: String,
    /// The board it belongs to (`None`: every board).
    pub board_id: Option<Uuid>,
    /// A priority's colour; empty for the others.
    pub color: String,
    /// A priority that is the default of its board (or, global, of every board); false for the
    /// others (their queries have no such column).
    #[sqlx(default)]
    pub is_default: bool,
}

/// One page of the list with what its filter bar offers.
#[derive(Debug, Clone)]
pub struct TicketPage {
    pub items: Vec<TicketListItem>,
    pub total: i64,
    pub filter: TicketFilter,
    pub statuses: Vec<Choice>,
    pub priorities: Vec<Choice>,
    pub categories: Vec<Choice>,
    /// The boards the viewer sees (to label per-board choices).
    pub boards: Vec<Choice>,
    pub can_create: bool,
}

impl TicketPage {
    pub fn page_count(&self) -> i64 {
        self.total
            .saturating_add(PAGE_SIZE - 1)
            .saturating_div(PAGE_SIZE)
            .max(1)
    }
}

/// The dashboard's view of the user's tickets.
#[derive(Debug, Clone)]
pub struct TicketOverview {
    pub open: i64,
    pub awaiting_client: i64,
    /// The most recently updated tickets (open or not).
    pub recent: Vec<TicketListItem>,
    pub can_create: bool,
}

/// How many recently updated tickets the dashboard lists.
pub const OVERVIEW_RECENT: usize = 5;

/// What the create form offers: the viewer's boards and, per board, its priorities and categories.
#[derive(Debug, Clone)]
pub struct TicketFormOptions {
    pub boards: Vec<Choice>,
    /// The board preselected (the default one when the viewer may use it).
    pub default_board: Option<Uuid>,
    pub priorities: Vec<Choice>,
    /// The priority preselected: that board's default, else the global default, else none
    /// (the user must choose).
    pub default_priority: Option<Uuid>,
    pub categories: Vec<Choice>,
}

/// The default priority of `board` among `priorities`: the board's own, else the global one.
pub fn default_priority(priorities: &[Choice], board: Option<Uuid>) -> Option<Uuid> {
    let default_of = |scope: Option<Uuid>| {
        priorities
            .iter()
            .find(|p| p.is_default && p.board_id == scope)
            .map(|p| p.id)
    };
    board
        .and_then(|b| default_of(Some(b)))
        .or_else(|| default_of(None))
}

/// A ticket with everything its page shows (client-visible parts only).
#[derive(Debug, Clone)]
pub struct TicketDetail {
    pub ticket: TicketRecord,
    pub comments: Vec<CommentRecord>,
    pub attachments: Vec<AttachmentRecord>,
    pub can_update: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TicketRecord {
    pub ticket_id: Uuid,
    pub ticket_number: String,
    pub title: String,
    pub description: String,
    pub board_id: Uuid,
    pub board_name: String,
    pub status_name: String,
    pub is_closed: bool,
    pub priority_name: String,
    pub priority_color: String,
    pub category_name: Option<String>,
    pub client_id: Uuid,
    pub client_name: String,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub assignee_name: Option<String>,
    pub response_state: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRecord {
    pub comment_id: Uuid,
    pub author_type: String,
    pub author_user_id: Option<Uuid>,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRecord {
    pub attachment_id: Uuid,
    pub file_name: String,
    pub size_bytes: i64,
    pub content_type: String,
    pub content_hash: String,
    pub uploaded_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// A file already written to the attachment store, to be recorded on a ticket.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Lowercase hex SHA-256 of the contents (the store's key).
    pub content_hash: String,
}
