//! The project list's filter: parsed from a bookmarkable query and written back into one.

use std::fmt;

use serde::Deserialize;
use uuid::Uuid;

use super::{MAX_PAGE, MAX_SEARCH_CHARS, PAGE_SIZE};
pub use crate::tickets::{FilterError, SortDirection};

/// The status part of the filter: open or closed projects (by their status), or one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectStatusFilter {
    All,
    #[default]
    Open,
    Closed,
    Status(Uuid),
}

impl ProjectStatusFilter {
    pub fn parse(raw: &str) -> Option<ProjectStatusFilter> {
        match raw {
            "" | "open" => Some(ProjectStatusFilter::Open),
            "all" => Some(ProjectStatusFilter::All),
            "closed" => Some(ProjectStatusFilter::Closed),
            other => Uuid::parse_str(other).ok().map(ProjectStatusFilter::Status),
        }
    }
}

impl fmt::Display for ProjectStatusFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProjectStatusFilter::All => f.write_str("all"),
            ProjectStatusFilter::Open => f.write_str("open"),
            ProjectStatusFilter::Closed => f.write_str("closed"),
            ProjectStatusFilter::Status(id) => write!(f, "{id}"),
        }
    }
}

/// What the list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectSort {
    #[default]
    Name,
    Number,
    Status,
    Start,
    End,
    Updated,
}

impl ProjectSort {
    pub const ALL: [ProjectSort; 6] = [
        ProjectSort::Name,
        ProjectSort::Number,
        ProjectSort::Status,
        ProjectSort::Start,
        ProjectSort::End,
        ProjectSort::Updated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectSort::Name => "name",
            ProjectSort::Number => "number",
            ProjectSort::Status => "status",
            ProjectSort::Start => "start",
            ProjectSort::End => "end",
            ProjectSort::Updated => "updated",
        }
    }

    pub fn parse(raw: &str) -> Option<ProjectSort> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The direction a column sorts in when the URL does not say.
    pub fn default_direction(self) -> SortDirection {
        match self {
            ProjectSort::Updated => SortDirection::Desc,
            _ => SortDirection::Asc,
        }
    }
}

/// The list filter, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFilter {
    pub status: ProjectStatusFilter,
    /// Trimmed; matched case-insensitively in the name, WBS code and description.
    pub search: Option<String>,
    pub sort: ProjectSort,
    pub direction: SortDirection,
    /// 1-based.
    pub page: i64,
}

impl Default for ProjectFilter {
    fn default() -> Self {
        ProjectFilter {
            status: ProjectStatusFilter::default(),
            search: None,
            sort: ProjectSort::default(),
            direction: ProjectSort::default().default_direction(),
            page: 1,
        }
    }
}

/// The raw query parameters of the list.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawProjectFilter {
    pub status: Option<String>,
    pub q: Option<String>,
    pub sort: Option<String>,
    pub dir: Option<String>,
    pub page: Option<String>,
}

fn optional(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl ProjectFilter {
    /// Validates the query parameters; empty values mean "not filtered".
    pub fn parse(raw: &RawProjectFilter) -> Result<ProjectFilter, FilterError> {
        let bad = |field, message| FilterError { field, message };
        let status = match optional(&raw.status) {
            None => ProjectStatusFilter::Open,
            Some(v) => ProjectStatusFilter::parse(v).ok_or(bad("status", "unknown status"))?,
        };
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
            None => ProjectSort::default(),
            Some(v) => ProjectSort::parse(v).ok_or(bad("sort", "unknown sort order"))?,
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
        Ok(ProjectFilter {
            status,
            search,
            sort,
            direction,
            page,
        })
    }

    /// The query string that reproduces this filter (defaults left out), without `page`.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.status != ProjectStatusFilter::Open {
            pairs.push(("status", self.status.to_string()));
        }
        if let Some(q) = &self.search {
            pairs.push(("q", q.clone()));
        }
        if self.sort != ProjectSort::default() {
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
