//! Projects as the portal shows them to a client: the list filter, the viewer's access
//! (`project:read`, `project:upload`), and the rows that travel in `TenantData` messages. What
//! a project shows is the MSP's choice per project (`ProjectSettings`); fields it hides are
//! never read from the database, so they cannot reach a page.

mod filter;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

pub use filter::*;

pub use crate::project_sync::{ProjectSettings, TaskField};

/// Projects per list page.
pub const PAGE_SIZE: i64 = 25;
/// Highest page number served.
pub const MAX_PAGE: i64 = 4_000;
/// Longest search text, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;
/// The `user_preferences` key of the project view a user last chose.
pub const VIEW_PREFERENCE: &str = "project_view";

/// Whether a URL's `{number}` could be a project number (the PSA's short text: 1 to 50
/// characters, no control characters); anything else is simply not found.
pub fn is_valid_project_number(raw: &str) -> bool {
    let chars = raw.chars().count();
    (1..=50).contains(&chars) && !raw.chars().any(char::is_control) && !raw.trim().is_empty()
}

/// How a project's tasks are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectView {
    /// Columns by status (the status mappings the client may see).
    #[default]
    Kanban,
    /// Phase, then status, then task.
    List,
}

impl ProjectView {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectView::Kanban => "kanban",
            ProjectView::List => "list",
        }
    }

    pub fn parse(raw: &str) -> Option<ProjectView> {
        match raw {
            "kanban" => Some(ProjectView::Kanban),
            "list" => Some(ProjectView::List),
            _ => None,
        }
    }
}

/// Who is looking: their company and what their role lets them do with projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectViewer {
    pub user_id: Uuid,
    pub display_name: String,
    pub client_id: Uuid,
    pub contact_id: Uuid,
    pub can_read: bool,
    pub can_upload: bool,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProjectListItem {
    pub project_number: String,
    pub name: String,
    pub wbs_code: Option<String>,
    pub status_name: String,
    pub status_closed: bool,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
    /// Tasks in client-visible statuses, and how many of them are in closed ones.
    pub tasks_total: i64,
    pub tasks_done: i64,
}

/// A project status, for the filter.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatusChoice {
    pub status_id: Uuid,
    pub name: String,
    pub is_closed: bool,
}

/// One page of the list.
#[derive(Debug, Clone)]
pub struct ProjectPage {
    pub items: Vec<ProjectListItem>,
    pub total: i64,
    pub filter: ProjectFilter,
    pub statuses: Vec<StatusChoice>,
}

impl ProjectPage {
    pub fn page_count(&self) -> i64 {
        self.total.saturating_add(PAGE_SIZE - 1) / PAGE_SIZE
    }
}

/// The project itself as its page shows it (`budgeted_minutes` only when shown).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProjectSummary {
    pub project_id: Uuid,
    pub project_number: String,
    pub name: String,
    pub description: String,
    pub wbs_code: Option<String>,
    pub status_name: String,
    pub status_closed: bool,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub budgeted_minutes: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

/// A phase with its task counts (only read when the project shows phases).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PhaseItem {
    pub phase_id: Uuid,
    pub name: String,
    pub description: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub tasks_total: i64,
    pub tasks_done: i64,
}

/// A status mapping the client may see: a kanban column.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ColumnItem {
    pub mapping_id: Uuid,
    pub name: String,
    pub is_closed: bool,
}

/// A task as the client sees it: every field the project hides is `None` (never read).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TaskItem {
    pub task_id: Uuid,
    pub name: String,
    pub phase_id: Option<Uuid>,
    pub status_mapping_id: Uuid,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub assignee_name: Option<String>,
    pub estimated_minutes: Option<i64>,
    pub actual_minutes: Option<i64>,
    pub priority: Option<String>,
    pub checklist_done: Option<i64>,
    pub checklist_total: Option<i64>,
    /// A JSON array of service names, when shown.
    pub services: Option<String>,
}

impl TaskItem {
    /// The service names (none when hidden or unreadable).
    pub fn service_names(&self) -> Vec<String> {
        self.services
            .as_deref()
            .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
            .unwrap_or_default()
    }
}

/// A dependency between two visible tasks (`blocks`: `predecessor` before `successor`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DependencyItem {
    pub predecessor_task_id: Uuid,
    pub successor_task_id: Uuid,
    pub kind: String,
}

/// A client-visible document of the project or one of its visible tasks.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DocumentItem {
    pub document_id: Uuid,
    pub task_id: Option<Uuid>,
    pub file_name: String,
    pub size_bytes: i64,
    pub content_type: String,
    pub content_hash: String,
    pub uploaded_by_type: String,
    pub uploaded_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// Everything a project's page shows, as this viewer may see it.
#[derive(Debug, Clone)]
pub struct ProjectDetail {
    pub project: ProjectSummary,
    pub settings: ProjectSettings,
    /// Tasks in client-visible statuses and how many of them are done.
    pub tasks_total: i64,
    pub tasks_done: i64,
    /// Time logged on the project's tasks (only when it shows billing).
    pub logged_minutes: Option<i64>,
    pub phases: Vec<PhaseItem>,
    pub columns: Vec<ColumnItem>,
    pub tasks: Vec<TaskItem>,
    pub dependencies: Vec<DependencyItem>,
    pub documents: Vec<DocumentItem>,
    /// Whether this viewer may add documents to tasks here.
    pub can_upload: bool,
    pub view: ProjectView,
}

impl ProjectSettings {
    /// Whether the project shows clients this task field.
    pub fn shows(&self, field: TaskField) -> bool {
        self.visible_task_fields.contains(&field)
    }
}

/// The dashboard's "Active projects" card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectOverview {
    pub active: i64,
    pub next_due: Option<NextDueTask>,
}

/// The open task due soonest among the projects that show tasks and due dates.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NextDueTask {
    pub project_number: String,
    pub project_name: String,
    pub task_name: String,
    pub due_date: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawProjectFilter {
        let mut f = RawProjectFilter::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "status" => f.status = v,
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
    fn filters_round_trip_and_bad_values_name_their_parameter() {
        assert_eq!(
            ProjectFilter::parse(&raw(&[])).unwrap(),
            ProjectFilter::default()
        );
        let id = Uuid::new_v4();
        let f = ProjectFilter::parse(&raw(&[
            ("status", &id.to_string()),
            ("q", " Migration "),
            ("sort", "end"),
            ("dir", "desc"),
            ("page", "2"),
        ]))
        .unwrap();
        assert_eq!(f.search.as_deref(), Some("Migration"));
        assert_eq!(f.offset(), PAGE_SIZE);
        let pairs = f.query_pairs();
        let query: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut again = ProjectFilter::parse(&raw(&query)).unwrap();
        again.page = 2;
        assert_eq!(again, f);
        for (k, v) in [
            ("status", "bogus"),
            ("sort", "colour"),
            ("dir", "up"),
            ("page", "0"),
            ("page", "x"),
            ("q", "a\u{7}"),
        ] {
            assert_eq!(ProjectFilter::parse(&raw(&[(k, v)])).unwrap_err().field, k);
        }
    }

    #[test]
    fn project_numbers_in_urls_are_checked() {
        assert!(is_valid_project_number("PRJ-1001"));
        assert!(!is_valid_project_number(""));
        assert!(is_valid_project_number("Projet été 2027"));
        assert!(!is_valid_project_number("a\u{0}b"));
        assert!(!is_valid_project_number("  "));
        assert!(!is_valid_project_number(&"x".repeat(51)));
    }
}
