//! `/client-portal/projects/{number}`: the project as the MSP chose to show it — summary,
//! phases, tasks on a kanban board or in a list (the view is a form, so it works without
//! JavaScript and is remembered), dependencies (badges, an SVG graph and its text), documents.

use chrono::{DateTime, NaiveDate, Utc};
use maud::{html, Markup};

use super::graph::{self, GraphEdge, GraphTask};
use super::tasks::{self, TaskCard};
use super::{hours_text, msg, progress, project_path, LIST_PATH};
use crate::components::{date_time, instant_time, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseView {
    pub name: String,
    pub description: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub tasks_total: i64,
    pub tasks_done: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnView {
    pub name: String,
    pub is_closed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentView {
    pub href: String,
    pub name: String,
    pub size_bytes: i64,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
    /// The task's name, for a task's document.
    pub task: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailView {
    pub csrf_token: String,
    pub number: String,
    pub name: String,
    pub description: String,
    pub wbs_code: Option<String>,
    pub status: String,
    pub is_closed: bool,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub tasks_total: i64,
    pub tasks_done: i64,
    /// Shown only when the project shows budget hours / billing.
    pub budget_minutes: Option<i64>,
    pub logged_minutes: Option<i64>,
    pub show_phases: bool,
    pub show_phase_completion: bool,
    pub phases: Vec<PhaseView>,
    pub show_tasks: bool,
    pub columns: Vec<ColumnView>,
    pub tasks: Vec<TaskCard>,
    /// Whether dependencies are shown (badges and graph).
    pub show_dependencies: bool,
    /// `true`: kanban; `false`: list.
    pub kanban: bool,
    pub documents: Vec<DocumentView>,
    pub can_upload: bool,
    pub max_megabytes: u64,
    pub max_files: usize,
    /// The task whose upload was refused, and why (a problem code).
    pub upload_error: Option<(String, String)>,
    /// The task whose upload form is open (its "Add a document" link was followed).
    pub upload_task: Option<String>,
    pub uploaded: bool,
    pub today: NaiveDate,
}

fn optional_date(t: Translator<'_>, date: Option<NaiveDate>) -> Markup {
    html! { @if let Some(d) = date { (date_time(t, d)) } @else { "—" } }
}

fn summary(t: Translator<'_>, v: &DetailView) -> Markup {
    html! {
        section.card aria-labelledby="project-facts" {
            h2.visually-hidden #project-facts { (t.tr(msg::DESCRIPTION)) }
            dl.ticket-facts {
                div { dt { (t.tr(msg::FACT_STATUS)) } dd {
                    (v.status)
                    @if v.is_closed { " " span.badge.badge--muted { (t.tr(msg::CLOSED_BADGE)) } }
                } }
                div { dt { (t.tr(msg::FACT_START)) } dd { (optional_date(t, v.start_date)) } }
                div { dt { (t.tr(msg::FACT_END)) } dd { (optional_date(t, v.end_date)) } }
                div { dt { (t.tr(msg::FACT_COMPLETION)) } dd { (progress(t, v.tasks_done, v.tasks_total)) } }
                @if let Some(m) = v.budget_minutes {
                    div { dt { (t.tr(msg::FACT_BUDGET)) } dd { (hours_text(t, m)) } }
                }
                @if let Some(m) = v.logged_minutes {
                    div { dt { (t.tr(msg::FACT_LOGGED)) } dd { (hours_text(t, m)) } }
                }
                @if let Some(wbs) = &v.wbs_code {
                    div { dt { (t.tr_args(msg::WBS, &[("code", String::new())]).trim_end_matches([' ', ':'])) } dd { (wbs) } }
                }
            }
            @if !v.description.trim().is_empty() {
                div.project-description { @for line in v.description.lines() { (line) br; } }
            }
        }
    }
}

fn phases(t: Translator<'_>, v: &DetailView) -> Markup {
    html! {
        @if v.show_phases && !v.phases.is_empty() {
            section.card aria-labelledby="project-phases" {
                h2 #project-phases { (t.tr(msg::PHASES)) }
                ol.phases {
                    @for p in &v.phases {
                        li.phase {
                            strong { (p.name) }
                            @if p.start_date.is_some() || p.end_date.is_some() {
                                " " span.muted { (optional_date(t, p.start_date)) " – " (optional_date(t, p.end_date)) }
                            }
                            @if v.show_phase_completion {
                                div { (progress(t, p.tasks_done, p.tasks_total)) }
                            }
                            @if !p.description.trim().is_empty() { p.muted { (p.description) } }
                        }
                    }
                }
            }
        }
    }
}

fn view_switch(t: Translator<'_>, v: &DetailView) -> Markup {
    html! {
        form.view-switch method="post" action=(format!("{}/view", project_path(&v.number))) {
            input type="hidden" name="csrf_token" value=(v.csrf_token);
            span #view-label { (t.tr(msg::VIEW_LABEL)) }
            div.view-switch__buttons role="group" aria-labelledby="view-label" {
                button.btn.btn--secondary type="submit" name="view" value="kanban" aria-pressed=(v.kanban.to_string()) { (t.tr(msg::VIEW_KANBAN)) }
                button.btn.btn--secondary type="submit" name="view" value="list" aria-pressed=((!v.kanban).to_string()) { (t.tr(msg::VIEW_LIST)) }
            }
        }
    }
}

/// The blocking dependencies between shown tasks, as graph input.
fn graph_input(v: &DetailView) -> (Vec<GraphTask>, Vec<GraphEdge>) {
    let nodes = v
        .tasks
        .iter()
        .map(|c| GraphTask {
            name: c.name.clone(),
            is_closed: c.is_closed,
            anchor: c.anchor.clone(),
        })
        .collect();
    let edges = v
        .tasks
        .iter()
        .enumerate()
        .flat_map(|(to, c)| {
            c.depends_on_ix
                .iter()
                .map(move |&from| GraphEdge { from, to })
        })
        .collect();
    (nodes, edges)
}

fn dependency_graph(t: Translator<'_>, v: &DetailView) -> Markup {
    if !v.show_dependencies {
        return html! {};
    }
    let (nodes, edges) = graph_input(v);
    if edges.is_empty() {
        return html! {};
    }
    let analysis = graph::analyse(nodes.len(), &edges);
    html! {
        section.card aria-labelledby="project-dependencies" {
            h2 #project-dependencies { (t.tr(msg::DEPENDENCIES)) }
            p.muted { (t.tr(msg::DEPENDENCIES_INTRO)) }
            div.graph-scroll { (graph::svg(t, &nodes, &edges, &analysis)) }
            (graph::text_alternative(t, &nodes, &analysis))
        }
    }
}

fn documents(t: Translator<'_>, v: &DetailView) -> Markup {
    html! {
        section.card #documents aria-labelledby="project-documents" {
            h2 #project-documents { (t.tr(msg::DOCUMENTS)) }
            @if v.documents.is_empty() {
                p.muted { (t.tr(msg::DOCUMENTS_NONE)) }
            } @else {
                ul.attachments {
                    @for d in &v.documents {
                        li {
                            a href=(d.href) download { (d.name) }
                            " "
                            span.muted {
                                (t.tr_args(msg::DOCUMENT_META, &[
                                    ("size", crate::tickets::size_label(t, d.size_bytes)),
                                    ("by", d.uploaded_by.clone()),
                                ]))
                                ", " (instant_time(t, d.created_at))
                                @if let Some(task) = &d.task {
                                    " · " (t.tr_args(msg::DOCUMENT_OF_TASK, &[("task", task.clone())]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn page(shell: &PageShell<'_>, v: &DetailView) -> Markup {
    let t = shell.t;
    let content = html! {
        p { a href=(LIST_PATH) { "← " (t.tr(msg::BACK)) } }
        h1 { (v.name) " " span.ticket-number { (v.number) } }
        @if v.uploaded { (notice(&t.tr(msg::UPLOADED))) }
        (summary(t, v))
        (phases(t, v))
        @if v.show_tasks {
            section.card aria-labelledby="project-tasks" {
                div.page-heading {
                    h2 #project-tasks { (t.tr(msg::TASKS)) }
                    (view_switch(t, v))
                }
                @if v.kanban { (tasks::kanban(t, v)) } @else { (tasks::list(t, v)) }
            }
            (dependency_graph(t, v))
        } @else {
            p.muted { (t.tr(msg::TASKS_HIDDEN)) }
        }
        (documents(t, v))
    };
    layout::page(shell, content)
}
