//! A project's tasks: the kanban board (columns are the status mappings the client may see),
//! the list (phase → status → task) and the task card both show. A card shows only the fields
//! it is given: the project's hidden fields never reach the view.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::detail::DetailView;
use super::{hours_text, msg, project_path};
use crate::components::{alert, date_time};
use crate::i18n::Translator;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskCard {
    pub id: String,
    /// The card's element id (`task-N`), the graph's link target.
    pub anchor: String,
    pub name: String,
    pub is_closed: bool,
    /// Index into the page's columns.
    pub column: usize,
    /// Index into the page's phases (when phases are shown).
    pub phase: Option<usize>,
    pub status: Option<String>,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub assignee: Option<String>,
    pub estimated_minutes: Option<i64>,
    pub actual_minutes: Option<i64>,
    pub priority: Option<String>,
    pub checklist: Option<(i64, i64)>,
    pub services: Vec<String>,
    /// Indices into the page's tasks.
    pub depends_on_ix: Vec<usize>,
    pub blocks_ix: Vec<usize>,
    pub related_ix: Vec<usize>,
    /// Indices into the page's documents.
    pub documents: Vec<usize>,
}

fn task_links(v: &DetailView, ix: &[usize]) -> Markup {
    html! {
        @for (n, i) in ix.iter().enumerate() {
            @if let Some(other) = v.tasks.get(*i) {
                @if n > 0 { ", " }
                a href=(format!("#{}", other.anchor)) { (other.name) }
            }
        }
    }
}

/// The upload form of the task being added to (chosen by its link, or refused), else the link.
fn upload(t: Translator<'_>, v: &DetailView, task: &TaskCard) -> Markup {
    let chosen = v.upload_task.as_deref() == Some(task.id.as_str())
        || v.upload_error
            .as_ref()
            .is_some_and(|(id, _)| *id == task.id);
    if chosen {
        return upload_form(t, v, task);
    }
    let href = format!(
        "{}?upload={}#{}",
        project_path(&v.number),
        task.id,
        task.anchor
    );
    html! { p.task-upload { a href=(href) { (t.tr(msg::UPLOAD_LABEL)) } } }
}

fn upload_form(t: Translator<'_>, v: &DetailView, task: &TaskCard) -> Markup {
    let action = format!("{}/tasks/{}/documents", project_path(&v.number), task.id);
    let error = v
        .upload_error
        .as_ref()
        .filter(|(id, _)| *id == task.id)
        .map(|(_, code)| match code.as_str() {
            "file_too_large" => t.tr_count(
                msg::UPLOAD_ERROR_TOO_LARGE,
                &[(
                    "megabytes",
                    i64::try_from(v.max_megabytes).unwrap_or(i64::MAX),
                )],
            ),
            "file_empty" => t.tr(msg::UPLOAD_ERROR_EMPTY),
            "storage_full" => t.tr(msg::UPLOAD_ERROR_STORAGE_FULL),
            "too_many_files" => t.tr_count(
                msg::UPLOAD_ERROR_TOO_MANY,
                &[("count", i64::try_from(v.max_files).unwrap_or(i64::MAX))],
            ),
            "file_name" => t.tr(msg::UPLOAD_ERROR_NAME),
            _ => t.tr(msg::UPLOAD_ERROR_REQUIRED),
        });
    let input_id = format!("{}-files", task.anchor);
    html! {
        div.task-upload {
            form method="post" action=(action) enctype="multipart/form-data" {
                input type="hidden" name="csrf_token" value=(v.csrf_token);
                @if let Some(e) = &error { (alert(&format!("{}-error", task.anchor), e)) }
                div.field {
                    label for=(input_id) { (t.tr(msg::UPLOAD_LABEL)) }
                    input id=(input_id) type="file" name="files" multiple required
                        aria-describedby=(format!("{input_id}-hint"));
                    p.field-hint id=(format!("{input_id}-hint")) {
                        (t.tr_count(msg::UPLOAD_HINT, &[
                            ("megabytes", i64::try_from(v.max_megabytes).unwrap_or(i64::MAX)),
                            ("count", i64::try_from(v.max_files).unwrap_or(i64::MAX)),
                        ]))
                    }
                }
                button.btn.btn--primary type="submit" { (t.tr(msg::UPLOAD_SUBMIT)) }
            }
        }
    }
}

/// One task: its name and whichever fields the project shows (its status only in the list:
/// on the board the column says it).
pub fn card(t: Translator<'_>, v: &DetailView, task: &TaskCard, in_list: bool) -> Markup {
    let overdue = !task.is_closed && task.due_date.is_some_and(|d| d < v.today);
    html! {
        article.task-card #(task.anchor) aria-labelledby=(format!("{}-name", task.anchor)) {
            h4.task-card__name id=(format!("{}-name", task.anchor)) { (task.name) }
            @if let Some(d) = task.description.as_deref().filter(|d| !d.trim().is_empty()) {
                p.task-card__description { (d) }
            }
            dl.task-card__facts {
                @if let Some(s) = task.status.as_ref().filter(|_| in_list) { div { dt { (t.tr(msg::TASK_STATUS)) } dd { (s) } } }
                @if let Some(d) = task.due_date {
                    div { dt { (t.tr(msg::TASK_DUE)) } dd {
                        (date_time(t, d))
                        @if overdue { " " span.badge.badge--danger { (t.tr(msg::OVERDUE)) } }
                    } }
                }
                @if let Some(a) = &task.assignee { div { dt { (t.tr(msg::TASK_ASSIGNEE)) } dd { (a) } } }
                @if let Some(p) = &task.priority { div { dt { (t.tr(msg::TASK_PRIORITY)) } dd { (p) } } }
                @if let Some(m) = task.estimated_minutes { div { dt { (t.tr(msg::TASK_ESTIMATED)) } dd { (hours_text(t, m)) } } }
                @if let Some(m) = task.actual_minutes { div { dt { (t.tr(msg::TASK_ACTUAL)) } dd { (hours_text(t, m)) } } }
                @if let Some((done, total)) = task.checklist {
                    @if total > 0 {
                        div { dt { (t.tr(msg::TASK_CHECKLIST)) } dd { (done) " / " (total) } }
                    }
                }
                @if !task.services.is_empty() {
                    div { dt { (t.tr(msg::TASK_SERVICES)) } dd { (task.services.join(", ")) } }
                }
            }
            @if v.show_dependencies {
                @if !task.depends_on_ix.is_empty() {
                    p.dep-badge.dep-badge--after { span.badge { (t.tr(msg::TASK_DEPENDS_ON)) } " " (task_links(v, &task.depends_on_ix)) }
                }
                @if !task.blocks_ix.is_empty() {
                    p.dep-badge.dep-badge--before { span.badge { (t.tr(msg::TASK_BLOCKS)) } " " (task_links(v, &task.blocks_ix)) }
                }
                @if !task.related_ix.is_empty() {
                    p.dep-badge { span.badge.badge--muted { (t.tr(msg::TASK_RELATED)) } " " (task_links(v, &task.related_ix)) }
                }
            }
            @if !task.documents.is_empty() {
                p.task-card__documents {
                    (t.tr(msg::TASK_DOCUMENTS)) " "
                    @for (n, i) in task.documents.iter().enumerate() {
                        @if let Some(d) = v.documents.get(*i) {
                            @if n > 0 { ", " }
                            a href=(d.href) download { (d.name) }
                        }
                    }
                }
            }
            @if v.can_upload { (upload(t, v, task)) }
        }
    }
}

/// Columns side by side (scrolling inside their box on narrow screens), read-only.
pub fn kanban(t: Translator<'_>, v: &DetailView) -> Markup {
    html! {
        div.kanban {
            @for (ix, column) in v.columns.iter().enumerate() {
                @let cards: Vec<&TaskCard> = v.tasks.iter().filter(|c| c.column == ix).collect();
                section.kanban__column aria-labelledby=(format!("column-{ix}")) {
                    h3.kanban__heading id=(format!("column-{ix}")) {
                        (column.name) " "
                        span.badge.badge--muted { (t.tr_count(msg::COLUMN_COUNT, &[("count", i64::try_from(cards.len()).unwrap_or(0))])) }
                    }
                    @if cards.is_empty() {
                        p.muted { (t.tr(msg::COLUMN_EMPTY)) }
                    }
                    @for c in cards { (card(t, v, c, false)) }
                }
            }
        }
    }
}

/// Phase, then status, then task.
pub fn list(t: Translator<'_>, v: &DetailView) -> Markup {
    let mut groups: Vec<Option<usize>> = Vec::new();
    for c in &v.tasks {
        if !groups.contains(&c.phase) {
            groups.push(c.phase);
        }
    }
    groups.sort_by_key(|g| g.unwrap_or(usize::MAX));
    html! {
        div.task-list {
            @for group in &groups {
                @let phase_name = group.and_then(|i| v.phases.get(i)).map(|p| p.name.clone());
                section.task-list__phase {
                    @if v.show_phases {
                        h3 { (phase_name.unwrap_or_else(|| t.tr(msg::NO_PHASE))) }
                    }
                    @for (ix, column) in v.columns.iter().enumerate() {
                        @let cards: Vec<&TaskCard> = v.tasks.iter().filter(|c| c.phase == *group && c.column == ix).collect();
                        @if !cards.is_empty() {
                            h4.task-list__status { (column.name) }
                            div.task-list__tasks { @for c in cards { (card(t, v, c, true)) } }
                        }
                    }
                }
            }
        }
    }
}
