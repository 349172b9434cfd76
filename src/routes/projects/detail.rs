//! `GET /client-portal/projects/{number}` (the project's page, `?view=kanban|list` to look
//! without remembering) and `POST …/view` (remember the chosen view, then back to the page).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::projects::{ProjectDetail, ProjectView, TaskField};
use portal_actors::tenant_data::{GetProject, SetProjectView};
use portal_views::layout::NavItem;
use portal_views::projects::detail::{
    self as views, ColumnView, DetailView, DocumentView, PhaseView,
};
use portal_views::projects::project_path;
use portal_views::projects::tasks::TaskCard;
use serde::Deserialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

/// What the page shows besides the project: a refused upload, a done upload.
#[derive(Default)]
pub struct Extras {
    pub view: Option<ProjectView>,
    pub upload_error: Option<(Uuid, &'static str)>,
    pub upload_task: Option<Uuid>,
    pub uploaded: bool,
}

#[derive(Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    view: Option<String>,
    #[serde(default)]
    done: Option<String>,
    /// The task whose upload form to open.
    #[serde(default)]
    upload: Option<String>,
}

/// The page's tasks with their dependencies resolved to positions in the list.
fn task_cards(d: &ProjectDetail, phase_ix: &HashMap<Uuid, usize>) -> Vec<TaskCard> {
    let column_ix: HashMap<Uuid, usize> = d
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.mapping_id, i))
        .collect();
    let task_ix: HashMap<Uuid, usize> = d
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.task_id, i))
        .collect();
    let show_status = d.settings.shows(TaskField::Status);
    let mut cards: Vec<TaskCard> = d
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let column = column_ix.get(&t.status_mapping_id).copied().unwrap_or(0);
            let column_item = d.columns.get(column);
            TaskCard {
                id: t.task_id.to_string(),
                anchor: format!("task-{}", i.saturating_add(1)),
                name: t.name.clone(),
                is_closed: column_item.is_some_and(|c| c.is_closed),
                column,
                phase: t.phase_id.and_then(|p| phase_ix.get(&p).copied()),
                status: column_item.filter(|_| show_status).map(|c| c.name.clone()),
                description: t.description.clone(),
                due_date: t.due_date,
                assignee: t.assignee_name.clone(),
                estimated_minutes: t.estimated_minutes,
                actual_minutes: t.actual_minutes,
                priority: t.priority.clone(),
                checklist: t.checklist_done.zip(t.checklist_total),
                services: t.service_names(),
                ..TaskCard::default()
            }
        })
        .collect();
    for dep in &d.dependencies {
        let (Some(&from), Some(&to)) = (
            task_ix.get(&dep.predecessor_task_id),
            task_ix.get(&dep.successor_task_id),
        ) else {
            continue;
        };
        let blocking = dep.kind == "blocks";
        if let Some(c) = cards.get_mut(from) {
            if blocking {
                c.blocks_ix.push(to)
            } else {
                c.related_ix.push(to)
            }
        }
        if let Some(c) = cards.get_mut(to) {
            if blocking {
                c.depends_on_ix.push(from)
            } else {
                c.related_ix.push(from)
            }
        }
    }
    cards
}

fn detail_view(
    state: &AppState,
    user: &PortalUser,
    d: ProjectDetail,
    extras: Extras,
) -> DetailView {
    let phase_ix: HashMap<Uuid, usize> = d
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.phase_id, i))
        .collect();
    let mut tasks = task_cards(&d, &phase_ix);
    let task_pos: HashMap<Uuid, usize> = d
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.task_id, i))
        .collect();
    let base = project_path(&d.project.project_number);
    let documents: Vec<DocumentView> = d
        .documents
        .iter()
        .enumerate()
        .map(|(n, doc)| {
            let task = doc.task_id.and_then(|id| task_pos.get(&id).copied());
            if let Some(card) = task.and_then(|i| tasks.get_mut(i)) {
                card.documents.push(n);
            }
            DocumentView {
                href: format!("{base}/documents/{}", doc.document_id),
                name: doc.file_name.clone(),
                size_bytes: doc.size_bytes,
                uploaded_by: doc.uploaded_by_name.clone(),
                created_at: doc.created_at,
                task: task.and_then(|i| d.tasks.get(i)).map(|t| t.name.clone()),
            }
        })
        .collect();
    let p = d.project;
    DetailView {
        csrf_token: user.session.csrf_token.clone(),
        number: p.project_number,
        name: p.name,
        description: p.description,
        wbs_code: p.wbs_code,
        status: p.status_name,
        is_closed: p.status_closed,
        start_date: p.start_date,
        end_date: p.end_date,
        tasks_total: d.tasks_total,
        tasks_done: d.tasks_done,
        budget_minutes: p.budgeted_minutes,
        logged_minutes: d.logged_minutes,
        show_phases: d.settings.show_phases,
        show_phase_completion: d.settings.show_phase_completion,
        phases: d
            .phases
            .into_iter()
            .map(|ph| PhaseView {
                name: ph.name,
                description: ph.description,
                start_date: ph.start_date,
                end_date: ph.end_date,
                tasks_total: ph.tasks_total,
                tasks_done: ph.tasks_done,
            })
            .collect(),
        show_tasks: d.settings.show_tasks,
        columns: d
            .columns
            .into_iter()
            .map(|c| ColumnView {
                name: c.name,
                is_closed: c.is_closed,
            })
            .collect(),
        tasks,
        show_dependencies: d.settings.shows(TaskField::Dependencies),
        kanban: d.view == ProjectView::Kanban,
        documents,
        can_upload: d.can_upload,
        max_megabytes: crate::routes::tickets::max_megabytes(state),
        max_files: state.max_files_per_upload,
        upload_error: extras
            .upload_error
            .map(|(task, code)| (task.to_string(), code.to_owned())),
        upload_task: extras.upload_task.map(|t| t.to_string()),
        uploaded: extras.uploaded,
        today: state.clock.now().date_naive(),
    }
}

/// The project's page with `extras`, answered with `status`.
pub async fn render_page(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    number: String,
    extras: Extras,
    status: StatusCode,
) -> Result<HttpResponse, PortalError> {
    let msg = GetProject {
        user_id: crate::routes::tickets::user_id(user),
        number,
        view: extras.view,
    };
    let detail = super::ask(state, user, msg).await?;
    let view = detail_view(state, user, detail, extras);
    let nav = crate::routes::nav(state, user, NavItem::Projects).await;
    Ok(render::page(
        status,
        Some(&user.tenant),
        &nonce.0,
        Some(nav),
        |shell| views::page(shell, &view),
        |_| view.name.clone(),
    ))
}

/// `GET /client-portal/projects/{number}[?view=kanban|list][&done=uploaded]`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, project = %path.as_str()))]
pub async fn show_project(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, PortalError> {
    let number = super::project_number(&path)?;
    let view = match query.view.as_deref() {
        None | Some("") => None,
        Some(v) => Some(
            ProjectView::parse(v)
                .ok_or_else(|| PortalError::BadRequest("`view`: must be kanban or list".into()))?,
        ),
    };
    let extras = Extras {
        view,
        uploaded: query.done.as_deref() == Some("uploaded"),
        // A malformed task id opens no form (the page is still the project's).
        upload_task: query
            .upload
            .as_deref()
            .and_then(|t| Uuid::parse_str(t).ok()),
        ..Extras::default()
    };
    render_page(&state, &user, &nonce, number, extras, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct ViewForm {
    csrf_token: String,
    view: String,
}

/// `POST /client-portal/projects/{number}/view`: remembers the view and shows the project in it.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug, project = %path.as_str()))]
pub async fn choose_view(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<String>,
    form: web::Form<ViewForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let number = super::project_number(&path)?;
    let view = ProjectView::parse(&form.view)
        .ok_or_else(|| PortalError::BadRequest("`view`: must be kanban or list".into()))?;
    let msg = SetProjectView {
        user_id: crate::routes::tickets::user_id(&user),
        view,
    };
    super::ask(&state, &user, msg).await?;
    Ok(render::see_other(&format!(
        "{}#project-tasks",
        project_path(&number)
    )))
}
