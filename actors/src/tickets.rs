//! Support tickets as the portal sees them: the list filter (parsed from a bookmarkable query),
//! the viewer's access (permissions, scope, boards), the rows that travel in `TenantData`
//! messages, and validation of what clients type.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Tickets per list page.
pub const PAGE_SIZE: i64 = 25;
/// Highest page number served (deeper pages are refused rather than scanned).
pub const MAX_PAGE: i64 = 4_000;
/// Longest search text, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest description or comment body, in characters (Markdown source).
pub const MAX_BODY_CHARS: usize = 20_000;
/// Longest attachment file name kept, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 200;

/// Who is expected to act next on a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseState {
    AwaitingClient,
    AwaitingInternal,
}

impl ResponseState {
    pub const ALL: [ResponseState; 2] = [
        ResponseState::AwaitingClient,
        ResponseState::AwaitingInternal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResponseState::AwaitingClient => "awaiting_client",
            ResponseState::AwaitingInternal => "awaiting_internal",
        }
    }

    pub fn parse(raw: &str) -> Option<ResponseState> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// Which of the company's tickets a contact sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketScope {
    /// All of the company's tickets.
    Client,
    /// Only the tickets they raised (are the contact of).
    Contact,
}

impl TicketScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TicketScope::Client => "client",
            TicketScope::Contact => "contact",
        }
    }

    pub fn parse(raw: &str) -> Option<TicketScope> {
        match raw {
            "client" => Some(TicketScope::Client),
            "contact" => Some(TicketScope::Contact),
            _ => None,
        }
    }
}

/// The status part of the list filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    All,
    #[default]
    Open,
    Closed,
    Status(Uuid),
}

impl StatusFilter {
    pub fn parse(raw: &str) -> Option<StatusFilter> {
        match raw {
            "" | "open" => Some(StatusFilter::Open),
            "all" => Some(StatusFilter::All),
            "closed" => Some(StatusFilter::Closed),
            other => Uuid::parse_str(other).ok().map(StatusFilter::Status),
        }
    }
}

impl fmt::Display for StatusFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusFilter::All => f.write_str("all"),
            StatusFilter::Open => f.write_str("open"),
            StatusFilter::Closed => f.write_str("closed"),
            StatusFilter::Status(id) => write!(f, "{id}"),
        }
    }
}

/// What the list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TicketSort {
    #[default]
    Updated,
    Entered,
    Due,
    Priority,
    Status,
    Title,
    Number,
}

impl TicketSort {
    pub const ALL: [TicketSort; 7] = [
        TicketSort::Updated,
        TicketSort::Entered,
        TicketSort::Due,
        TicketSort::Priority,
        TicketSort::Status,
        TicketSort::Title,
        TicketSort::Number,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketSort::Updated => "updated",
            TicketSort::Entered => "entered",
            TicketSort::Due => "due",
            TicketSort::Priority => "priority",
            TicketSort::Status => "status",
            TicketSort::Title => "title",
            TicketSort::Number => "number",
        }
    }

    pub fn parse(raw: &str) -> Option<TicketSort> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The direction a column sorts in when the URL does not say.
    pub fn default_direction(self) -> SortDirection {
        match self {
            TicketSort::Updated | TicketSort::Entered | TicketSort::Number => SortDirection::Desc,
            _ => SortDirection::Asc,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    Asc,
    Desc,
}

impl SortDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            SortDirection::Asc => "asc",
            SortDirection::Desc => "desc",
        }
    }

    pub fn parse(raw: &str) -> Option<SortDirection> {
        match raw {
            "asc" => Some(SortDirection::Asc),
            "desc" => Some(SortDirection::Desc),
            _ => None,
        }
    }
}

/// The list filter, validated: what the URL's query string means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFilter {
    pub status: StatusFilter,
    pub response: Option<ResponseState>,
    pub priority: Option<Uuid>,
    pub category: Option<Uuid>,
    /// Trimmed, as typed; matched case-insensitively anywhere in the title or the number.
    pub search: Option<String>,
    pub sort: TicketSort,
    pub direction: SortDirection,
    /// 1-based.
    pub page: i64,
}

impl Default for TicketFilter {
    fn default() -> Self {
        TicketFilter {
            status: StatusFilter::default(),
            response: None,
            priority: None,
            category: None,
            search: None,
            sort: TicketSort::default(),
            direction: TicketSort::default().default_direction(),
            page: 1,
        }
    }
}

/// A query-string value the list cannot use: which parameter and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{field}`: {message}")]
pub struct FilterError {
    pub field: &'static str,
    pub message: &'static str,
}

/// The raw query parameters of the list, as typed or bookmarked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawTicketFilter {
    pub status: Option<String>,
    pub response: Option<String>,
    pub priority: Option<String>,
    pub category: Option<String>,
    pub q: Option<String>,
    pub sort: Option<String>,
    pub dir: Option<String>,
    pub page: Option<String>,
}

fn optional(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl TicketFilter {
    /// Validates the query parameters; empty values mean "not filtered".
    pub fn parse(raw: &RawTicketFilter) -> Result<TicketFilter, FilterError> {
        let bad = |field, message| FilterError { field, message };
        let status = match optional(&raw.status) {
            None => StatusFilter::Open,
            Some(v) => StatusFilter::parse(v).ok_or(bad("status", "unknown status"))?,
        };
        let response = optional(&raw.response)
            .map(|v| ResponseState::parse(v).ok_or(bad("response", "unknown response state")))
            .transpose()?;
        let id = |field, v: Option<&str>| {
            v.map(|v| Uuid::parse_str(v).map_err(|_| bad(field, "not a known value")))
                .transpose()
        };
        let priority = id("priority", optional(&raw.priority))?;
        let category = id("category", optional(&raw.category))?;
        let search = match optional(&raw.q) {
            None => None,
            Some(q) if q.chars().count() > MAX_SEARCH_CHARS => {
                return Err(bad("q", "the search text is too long"))
            }
            Some(q) if q.chars().any(char::is_control) => {
                return Err(bad("q", "the search text has control characters"))
            }
            Some(q) => Some(q.to_owned()),
        };
        let sort = match optional(&raw.sort) {
            None => TicketSort::default(),
            Some(v) => TicketSort::parse(v).ok_or(bad("sort", "unknown sort order"))?,
        };
        let direction = match optional(&raw.dir) {
            None => sort.default_direction(),
            Some(v) => SortDirection::parse(v).ok_or(bad("dir", "must be asc or desc"))?,
        };
        let page = match optional(&raw.page) {
            None => 1,
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
                _ => return Err(bad("page", "not a page number")),
            },
        };
        Ok(TicketFilter {
            status,
            response,
            priority,
            category,
            search,
            sort,
            direction,
            page,
        })
    }

    /// The query string that reproduces this filter (defaults left out), without `page`.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.status != StatusFilter::Open {
            pairs.push(("status", self.status.to_string()));
        }
        if let Some(r) = self.response {
            pairs.push(("response", r.as_str().to_owned()));
        }
        if let Some(p) = self.priority {
            pairs.push(("priority", p.to_string()));
        }
        if let Some(c) = self.category {
            pairs.push(("category", c.to_string()));
        }
        if let Some(q) = &self.search {
            pairs.push(("q", q.clone()));
        }
        if self.sort != TicketSort::default() {
            pairs.push(("sort", self.sort.as_str().to_owned()));
        }
        if self.direction != self.sort.default_direction() {
            pairs.push(("dir", self.direction.as_str().to_owned()));
        }
        pairs
    }

    pub fn offset(&self) -> i64 {
        self.page.saturating_sub(1).saturating_mul(PAGE_SIZE)
    }
}

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
    pub categories: Vec<Choice>,
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

/// A new ticket as typed in the portal.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub title: String,
    pub description: String,
    pub board_id: Uuid,
    pub priority_id: Uuid,
    pub category_id: Option<Uuid>,
}

/// What a client typed that cannot be used: which field and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{field}`: {message}")]
pub struct InputError {
    pub field: &'static str,
    pub message: &'static str,
}

/// A title: trimmed, 1–200 characters, no control characters.
pub fn parse_title(raw: &str) -> Result<String, InputError> {
    let title = raw.trim();
    let bad = |message| InputError {
        field: "title",
        message,
    };
    if title.is_empty() {
        return Err(bad("required"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(bad("too_long"));
    }
    if title.chars().any(char::is_control) {
        return Err(bad("control_characters"));
    }
    Ok(title.to_owned())
}

/// A Markdown body (description or comment): trimmed, at most 20,000 characters; newlines and
/// tabs are kept, other control characters refused. `required` says whether it may be empty.
pub fn parse_body(field: &'static str, raw: &str, required: bool) -> Result<String, InputError> {
    let body = raw.trim().replace("\r\n", "\n");
    let bad = |message| InputError { field, message };
    if required && body.is_empty() {
        return Err(bad("required"));
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(bad("too_long"));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(bad("control_characters"));
    }
    Ok(body)
}

/// A file name as shown and offered for download: the last path segment, control characters
/// and quotes removed, at most 200 characters; `None` when nothing is left.
pub fn clean_file_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// A ticket number as it may appear in a URL: 1–32 letters, digits and `-`, and not `new`
/// (`/client-portal/tickets/new` is the form for raising one).
pub fn is_valid_ticket_number(raw: &str) -> bool {
    (1..=32).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !raw.eq_ignore_ascii_case("new")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawTicketFilter {
        let query: String = pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        serde_urlencoded_like(&query)
    }

    fn serde_urlencoded_like(query: &str) -> RawTicketFilter {
        let mut f = RawTicketFilter::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = Some(v.to_owned());
            match k {
                "status" => f.status = v,
                "response" => f.response = v,
                "priority" => f.priority = v,
                "category" => f.category = v,
                "q" => f.q = v,
                "sort" => f.sort = v,
                "dir" => f.dir = v,
                "page" => f.page = v,
                _ => {}
            }
        }
        f
    }

    #[test]
    fn empty_query_is_the_default_filter() {
        assert_eq!(
            TicketFilter::parse(&raw(&[])).unwrap(),
            TicketFilter::default()
        );
        assert!(TicketFilter::default().query_pairs().is_empty());
    }

    #[test]
    fn filters_round_trip_through_the_query() {
        let id = Uuid::new_v4();
        let filter = TicketFilter::parse(&raw(&[
            ("status", "closed"),
            ("response", "awaiting_client"),
            ("priority", &id.to_string()),
            ("q", "Printer"),
            ("sort", "due"),
            ("dir", "desc"),
            ("page", "3"),
        ]))
        .unwrap();
        assert_eq!(filter.search.as_deref(), Some("Printer"));
        assert_eq!(filter.offset(), 2 * PAGE_SIZE);
        let pairs = filter.query_pairs();
        let again: Vec<(&str, String)> = pairs.clone();
        let query: Vec<(&str, &str)> = again.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut reparsed = TicketFilter::parse(&raw(&query)).unwrap();
        reparsed.page = 3;
        assert_eq!(reparsed, filter);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (k, v) in [
            ("status", "bogus"),
            ("response", "soon"),
            ("priority", "1"),
            ("category", "x"),
            ("sort", "color"),
            ("dir", "up"),
            ("page", "0"),
            ("page", "-1"),
            ("page", "99999999999999999999"),
        ] {
            let err = TicketFilter::parse(&raw(&[(k, v)])).unwrap_err();
            assert_eq!(err.field, k, "{k}={v}");
        }
        let long = "x".repeat(MAX_SEARCH_CHARS + 1);
        assert_eq!(
            TicketFilter::parse(&raw(&[("q", &long)]))
                .unwrap_err()
                .field,
            "q"
        );
    }

    #[test]
    fn titles_bodies_and_file_names_are_checked() {
        assert_eq!(parse_title("  Printer jam ").unwrap(), "Printer jam");
        assert!(parse_title("   ").is_err());
        assert!(parse_title("a\u{7}b").is_err());
        assert!(parse_title(&"x".repeat(201)).is_err());
        assert_eq!(parse_body("body", "a\r\nb\tc", true).unwrap(), "a\nb\tc");
        assert!(parse_body("body", " ", true).is_err());
        assert_eq!(parse_body("body", " ", false).unwrap(), "");
        assert!(parse_body("body", "a\u{0}", true).is_err());
        assert_eq!(
            clean_file_name("C:\\x\\..\\report.pdf").as_deref(),
            Some("report.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(clean_file_name("a\"b\r\n.txt").as_deref(), Some("ab.txt"));
        assert_eq!(clean_file_name("..."), None);
        assert_eq!(clean_file_name(""), None);
        assert!(is_valid_ticket_number("TIC-1042"));
        assert!(!is_valid_ticket_number("../x"));
        assert!(!is_valid_ticket_number(""));
        assert!(!is_valid_ticket_number("NEW"), "the new-ticket form's path");
    }

    #[test]
    fn viewers_see_by_company_scope_and_board() {
        let (client, contact, board) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let mut viewer = TicketViewer {
            user_id: Uuid::new_v4(),
            display_name: "Ada".into(),
            client_id: client,
            contact_id: Some(contact),
            scope: TicketScope::Client,
            boards: None,
            can_read: true,
            can_create: true,
            can_update: true,
        };
        assert!(viewer.sees(client, None, board));
        assert!(!viewer.sees(Uuid::new_v4(), Some(contact), board));
        viewer.scope = TicketScope::Contact;
        assert!(!viewer.sees(client, None, board));
        assert!(viewer.sees(client, Some(contact), board));
        viewer.boards = Some(vec![]);
        assert!(!viewer.sees(client, Some(contact), board));
        viewer.boards = Some(vec![board]);
        viewer.can_read = false;
        assert!(!viewer.sees(client, Some(contact), board));
    }
}
