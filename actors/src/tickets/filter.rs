//! The ticket list's filter: parsed from a bookmarkable query, written back into one, with
//! the scope, status, response-state and sort choices it is made of.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{MAX_PAGE, MAX_SEARCH_CHARS, PAGE_SIZE};

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
