//! Projects: the filtered list, a project's page (summary, phases, tasks as a kanban board or
//! a list, dependencies, documents) and the dependency graph drawn as SVG. Message ids, paths
//! and the small pieces both pages use live here.

pub mod detail;
pub mod graph;
pub mod list;
pub mod tasks;

use maud::{html, Markup};

use crate::components::encode_path_segment;
use crate::i18n::Translator;

pub const LIST_PATH: &str = "/client-portal/projects";

/// A project's page.
pub fn project_path(number: &str) -> String {
    format!("{LIST_PATH}/{}", encode_path_segment(number))
}

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "projects-title";
        HEADING = "projects-heading";
        INTRO = "projects-intro";
        FILTER_LEGEND = "projects-filter-legend";
        FILTER_STATUS = "projects-filter-status";
        FILTER_OPEN = "projects-filter-open";
        FILTER_CLOSED = "projects-filter-closed";
        FILTER_ALL = "projects-filter-all";
        FILTER_SEARCH = "projects-filter-search";
        FILTER_SEARCH_HINT = "projects-filter-search-hint";
        FILTER_SORT = "projects-filter-sort";
        FILTER_DIRECTION = "projects-filter-direction";
        FILTER_APPLY = "projects-filter-apply";
        FILTER_CLEAR = "projects-filter-clear";
        SORT_NAME = "projects-sort-name";
        SORT_NUMBER = "projects-sort-number";
        SORT_STATUS = "projects-sort-status";
        SORT_START = "projects-sort-start";
        SORT_END = "projects-sort-end";
        SORT_UPDATED = "projects-sort-updated";
        DIR_ASC = "projects-dir-asc";
        DIR_DESC = "projects-dir-desc";
        COUNT = "projects-count";
        EMPTY = "projects-empty";
        COL_NUMBER = "projects-col-number";
        COL_NAME = "projects-col-name";
        COL_STATUS = "projects-col-status";
        COL_START = "projects-col-start";
        COL_END = "projects-col-end";
        COL_PROGRESS = "projects-col-progress";
        PAGES_LABEL = "projects-pages-label";
        PAGE_OF = "projects-page-of";
        PAGE_PREVIOUS = "projects-page-previous";
        PAGE_NEXT = "projects-page-next";
        PAGE_FIRST = "projects-page-first";
        PAGE_LAST = "projects-page-last";
        CLOSED_BADGE = "projects-closed-badge";
        PROGRESS = "projects-progress";
        NO_TASKS = "projects-no-tasks";
        WBS = "projects-wbs";
        BACK = "projects-back";
        FACT_STATUS = "projects-fact-status";
        FACT_START = "projects-fact-start";
        FACT_END = "projects-fact-end";
        FACT_COMPLETION = "projects-fact-completion";
        FACT_BUDGET = "projects-fact-budget";
        FACT_LOGGED = "projects-fact-logged";
        HOURS = "projects-hours";
        DESCRIPTION = "projects-description";
        PHASES = "projects-phases";
        TASKS = "projects-tasks";
        VIEW_LABEL = "projects-view-label";
        VIEW_KANBAN = "projects-view-kanban";
        VIEW_LIST = "projects-view-list";
        COLUMN_COUNT = "projects-column-count";
        COLUMN_EMPTY = "projects-column-empty";
        NO_PHASE = "projects-no-phase";
        TASK_DUE = "projects-task-due";
        TASK_STATUS = "projects-task-status";
        TASK_ASSIGNEE = "projects-task-assignee";
        TASK_ESTIMATED = "projects-task-estimated";
        TASK_ACTUAL = "projects-task-actual";
        TASK_PRIORITY = "projects-task-priority";
        TASK_CHECKLIST = "projects-task-checklist";
        TASK_SERVICES = "projects-task-services";
        TASK_DEPENDS_ON = "projects-task-depends-on";
        TASK_BLOCKS = "projects-task-blocks";
        TASK_RELATED = "projects-task-related";
        TASK_DOCUMENTS = "projects-task-documents";
        OVERDUE = "projects-overdue";
        DEPENDENCIES = "projects-dependencies";
        DEPENDENCIES_INTRO = "projects-dependencies-intro";
        DOCUMENTS = "projects-documents";
        DOCUMENTS_NONE = "projects-documents-none";
        DOCUMENT_META = "projects-document-meta";
        DOCUMENT_OF_TASK = "projects-document-of-task";
        UPLOAD_LABEL = "projects-upload-label";
        UPLOAD_HINT = "projects-upload-hint";
        UPLOAD_SUBMIT = "projects-upload-submit";
        UPLOADED = "projects-uploaded";
        UPLOAD_ERROR_REQUIRED = "projects-upload-error-required";
        UPLOAD_ERROR_TOO_LARGE = "projects-upload-error-too-large";
        UPLOAD_ERROR_EMPTY = "projects-upload-error-empty";
        UPLOAD_ERROR_STORAGE_FULL = "projects-upload-error-storage-full";
        UPLOAD_ERROR_TOO_MANY = "projects-upload-error-too-many";
        UPLOAD_ERROR_NAME = "projects-upload-error-name";
        TASKS_HIDDEN = "projects-tasks-hidden";
        CARD_HEADING = "projects-card-heading";
        CARD_ACTIVE = "projects-card-active";
        CARD_NEXT_DUE = "projects-card-next-due";
        CARD_NO_DUE = "projects-card-no-due";
    }
}

/// The list's page title.
pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

/// Hours from minutes, e.g. "12.5 h" (to two decimals, trailing zeros dropped).
pub fn hours_text(t: Translator<'_>, minutes: i64) -> String {
    let number = t.fmt().trimmed(minutes.saturating_mul(100) / 60, 2);
    t.tr_args(msg::HOURS, &[("hours", number)])
}

/// Whole percent of `done` out of `total` (0 when there is nothing).
pub fn percent(done: i64, total: i64) -> i64 {
    if total <= 0 {
        0
    } else {
        done.clamp(0, total)
            .saturating_mul(100)
            .checked_div(total)
            .unwrap_or(0)
    }
}

/// A progress bar with its text ("3 of 7 tasks done (42%)").
pub fn progress(t: Translator<'_>, done: i64, total: i64) -> Markup {
    let pct = percent(done, total);
    html! {
        @if total == 0 {
            span.muted { (t.tr(msg::NO_TASKS)) }
        } @else {
            span.progress {
                progress max="100" value=(pct) aria-hidden="true" { (pct) "%" }
                span { (t.tr_count(msg::PROGRESS, &[("done", done), ("total", total), ("percent", pct)])) }
            }
        }
    }
}

/// The dashboard's card: open projects and the next task due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectsCard {
    pub active: i64,
    pub next_due: Option<NextDue>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextDue {
    pub project_number: String,
    pub project_name: String,
    pub task_name: String,
    pub due_date: chrono::NaiveDate,
    pub overdue: bool,
}

pub fn dashboard_card(t: Translator<'_>, card: &ProjectsCard) -> Markup {
    html! {
        section.card aria-labelledby="project-summary" {
            h2 #project-summary { (t.tr(msg::CARD_HEADING)) }
            p { a href=(LIST_PATH) { (t.tr_count(msg::CARD_ACTIVE, &[("count", card.active)])) } }
            @match &card.next_due {
                Some(next) => p {
                    (t.tr(msg::CARD_NEXT_DUE)) " "
                    strong { (next.task_name) }
                    " — "
                    a href=(project_path(&next.project_number)) { (next.project_name) }
                    ", " (crate::components::date_time(t, next.due_date))
                    @if next.overdue { " " span.badge.badge--danger { (t.tr(msg::OVERDUE)) } }
                },
                None => p.muted { (t.tr(msg::CARD_NO_DUE)) },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;

    #[test]
    fn hours_and_percent_read_naturally() -> Result<(), Box<dyn std::error::Error>> {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        assert_eq!(hours_text(t, 90), "1.5 h");
        assert_eq!(hours_text(t, 60), "1 h");
        assert_eq!(hours_text(t, 20), "0.33 h");
        assert_eq!(hours_text(t, 0), "0 h");
        assert_eq!(percent(3, 7), 42);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(9, 7), 100);
        assert_eq!(
            project_path("PRJ 1/2"),
            "/client-portal/projects/PRJ%201%2F2"
        );
        Ok(())
    }
}
