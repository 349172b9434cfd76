//! Projects as the portal reads them for a client: the viewer's access, the list, a project's
//! page and its documents, the view preference and the dashboard's overview. Only what the
//! project shows is selected: a hidden task field is `CAST(NULL …)` in the SQL, never a column.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Arg, Db, DbError, Exec, Tx};
use crate::projects::{
    ColumnItem, DependencyItem, DocumentItem, NextDueTask, PhaseItem, ProjectFilter,
    ProjectListItem, ProjectSettings, ProjectSort, ProjectStatusFilter, ProjectSummary,
    ProjectViewer, SortDirection, StatusChoice, TaskField, TaskItem, PAGE_SIZE,
};
use crate::tickets::StoredFile;
use crate::{execute, fetch_one_scalar, query_as};

#[derive(sqlx::FromRow)]
struct ViewerRow {
    full_name: String,
    email: String,
    client_id: Uuid,
    contact_id: Uuid,
}

/// The signed-in client user's project access, or `None` without an active contact at an
/// active company.
pub async fn viewer(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<ProjectViewer>, DbError> {
    let row = query_as!(
        db.exec(),
        ViewerRow,
        fetch_optional,
        "SELECT c.full_name, u.email, c.client_id, c.contact_id \
         FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
         WHERE u.tenant = $1 AND u.user_id = $2 AND u.user_type = 'client' \
           AND NOT u.is_inactive AND NOT c.is_inactive AND NOT cl.is_inactive",
        tenant,
        user_id
    )?;
    let Some(row) = row else { return Ok(None) };
    let permissions = crate::store::users::permissions(db, tenant, user_id).await?;
    let has = |p: &str| permissions.iter().any(|held| held == p);
    let name = row.full_name.trim();
    Ok(Some(ProjectViewer {
        user_id,
        display_name: if name.is_empty() {
            row.email
        } else {
            name.to_owned()
        },
        client_id: row.client_id,
        contact_id: row.contact_id,
        can_read: has("project:read"),
        can_upload: has("project:upload"),
    }))
}

/// Counts of a project's tasks in client-visible statuses (`p` is the project).
const TASK_COUNTS: &str = "(SELECT COUNT(*) FROM project_tasks t \
        JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
        WHERE t.tenant = p.tenant AND t.project_id = p.project_id AND m.is_client_visible) \
        AS tasks_total, \
    (SELECT COUNT(*) FROM project_tasks t \
        JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
        WHERE t.tenant = p.tenant AND t.project_id = p.project_id AND m.is_client_visible \
          AND m.is_closed) AS tasks_done";

/// The list's `WHERE` (after `WHERE`) and binds; `$1` tenant, `$2` client.
fn list_conditions(tenant: Uuid, client_id: Uuid, filter: &ProjectFilter) -> (String, Vec<Arg>) {
    let mut sql = String::from("p.tenant = $1 AND p.client_id = $2 AND NOT p.is_inactive");
    let mut args = vec![Arg::Uuid(tenant), Arg::Uuid(client_id)];
    match filter.status {
        ProjectStatusFilter::All => {}
        ProjectStatusFilter::Open => sql.push_str(" AND NOT s.is_closed"),
        ProjectStatusFilter::Closed => sql.push_str(" AND s.is_closed"),
        ProjectStatusFilter::Status(id) => {
            args.push(Arg::Uuid(id));
            sql.push_str(&format!(" AND p.status_id = ${}", args.len()));
        }
    }
    if let Some(q) = &filter.search {
        let pattern = format!(
            "%{}%",
            q.to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        args.push(Arg::Text(pattern));
        let n = args.len();
        sql.push_str(&format!(
            " AND (LOWER(p.name) LIKE ${n} ESCAPE '\\' \
               OR LOWER(COALESCE(p.wbs_code, '')) LIKE ${n} ESCAPE '\\' \
               OR LOWER(p.description) LIKE ${n} ESCAPE '\\')"
        ));
    }
    (sql, args)
}

fn order_by(filter: &ProjectFilter) -> String {
    let dir = match filter.direction {
        SortDirection::Asc => "ASC",
        SortDirection::Desc => "DESC",
    };
    let key = match filter.sort {
        ProjectSort::Name => format!("LOWER(p.name) {dir}"),
        ProjectSort::Number => {
            format!("LENGTH(p.project_number) {dir}, p.project_number {dir}")
        }
        ProjectSort::Status => format!("s.display_order {dir}, s.name {dir}"),
        // Projects without the date come last either way.
        ProjectSort::Start => format!("(p.start_date IS NULL) ASC, p.start_date {dir}"),
        ProjectSort::End => format!("(p.end_date IS NULL) ASC, p.end_date {dir}"),
        ProjectSort::Updated => format!("p.updated_at {dir}"),
    };
    format!("{key}, LOWER(p.name) ASC, p.project_id ASC")
}

const STATUS_JOIN: &str =
    "JOIN project_statuses s ON s.tenant = p.tenant AND s.status_id = p.status_id";

/// One page of the company's projects and how many match in all.
pub async fn list(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    filter: &ProjectFilter,
) -> Result<(Vec<ProjectListItem>, i64), DbError> {
    let (conditions, mut args) = list_conditions(tenant, client_id, filter);
    let count_args = args.clone();
    args.push(Arg::Int(PAGE_SIZE));
    let limit = args.len();
    args.push(Arg::Int(filter.offset()));
    let offset = args.len();
    let order = order_by(filter);
    let sql = format!(
        "SELECT p.project_number, p.name, p.wbs_code, s.name AS status_name, \
                s.is_closed AS status_closed, p.start_date, p.end_date, p.updated_at, \
                {TASK_COUNTS} \
         FROM projects p {STATUS_JOIN} WHERE {conditions} ORDER BY {order} \
         LIMIT ${limit} OFFSET ${offset}"
    );
    let items = db.fetch_all_with::<ProjectListItem>(&sql, &args).await?;
    let total = if filter.page == 1 && (items.len() as i64) < PAGE_SIZE {
        items.len() as i64
    } else {
        let sql = format!("SELECT COUNT(*) FROM projects p {STATUS_JOIN} WHERE {conditions}");
        db.fetch_count_with(&sql, &count_args).await?
    };
    Ok((items, total))
}

/// The tenant's project statuses, in display order (the filter's choices).
pub async fn statuses(db: &Db, tenant: Uuid) -> Result<Vec<StatusChoice>, DbError> {
    Ok(query_as!(
        db.exec(),
        StatusChoice,
        fetch_all,
        "SELECT status_id, name, is_closed FROM project_statuses WHERE tenant = $1 \
         ORDER BY display_order, name",
        tenant
    )?)
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    show_phases: bool,
    show_phase_completion: bool,
    show_tasks: bool,
    show_budget_hours: bool,
    show_billing: bool,
    visible_task_fields: String,
}

#[derive(sqlx::FromRow)]
struct FoundProject {
    #[sqlx(flatten)]
    summary: ProjectSummary,
    #[sqlx(flatten)]
    settings: SettingsRow,
}

/// The company's active project with this number and what it shows (budget hours read only
/// when shown), else `None`.
pub async fn find(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    number: &str,
) -> Result<Option<(ProjectSummary, ProjectSettings)>, DbError> {
    let found = query_as!(
        db.exec(),
        FoundProject,
        fetch_optional,
        "SELECT p.project_id, p.project_number, p.name, p.description, p.wbs_code, \
                s.name AS status_name, s.is_closed AS status_closed, p.start_date, p.end_date, \
                CASE WHEN p.show_budget_hours THEN p.budgeted_minutes END AS budgeted_minutes, \
                p.updated_at, p.show_phases, p.show_phase_completion, p.show_tasks, \
                p.show_budget_hours, p.show_billing, p.visible_task_fields \
         FROM projects p \
         JOIN project_statuses s ON s.tenant = p.tenant AND s.status_id = p.status_id \
         WHERE p.tenant = $1 AND p.client_id = $2 AND p.project_number = $3 \
           AND NOT p.is_inactive",
        tenant,
        client_id,
        number
    )?;
    Ok(found.map(|f| {
        let s = f.settings;
        (
            f.summary,
            ProjectSettings {
                show_phases: s.show_phases,
                show_phase_completion: s.show_phase_completion,
                show_tasks: s.show_tasks,
                show_budget_hours: s.show_budget_hours,
                show_billing: s.show_billing,
                visible_task_fields: ProjectSettings::fields_from_text(&s.visible_task_fields),
            },
        )
    }))
}

#[derive(sqlx::FromRow)]
struct Counts {
    tasks_total: i64,
    tasks_done: i64,
    logged_minutes: i64,
}

/// Tasks in client-visible statuses, how many are done, and (only when `with_logged`) the
/// time logged on them.
pub async fn task_counts(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
    with_logged: bool,
) -> Result<(i64, i64, Option<i64>), DbError> {
    let logged = if with_logged {
        "CAST(COALESCE(SUM(t.actual_minutes), 0) AS BIGINT)"
    } else {
        "CAST(0 AS BIGINT)"
    };
    let sql = format!(
        "SELECT COUNT(*) AS tasks_total, \
                CAST(COALESCE(SUM(CASE WHEN m.is_closed THEN 1 ELSE 0 END), 0) AS BIGINT) \
                    AS tasks_done, \
                {logged} AS logged_minutes \
         FROM project_tasks t \
         JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
         WHERE t.tenant = $1 AND t.project_id = $2 AND m.is_client_visible"
    );
    let rows = db
        .fetch_all_with::<Counts>(&sql, &[Arg::Uuid(tenant), Arg::Uuid(project_id)])
        .await?;
    let c = rows.into_iter().next().unwrap_or(Counts {
        tasks_total: 0,
        tasks_done: 0,
        logged_minutes: 0,
    });
    Ok((
        c.tasks_total,
        c.tasks_done,
        with_logged.then_some(c.logged_minutes),
    ))
}

/// Counts of a phase's tasks in client-visible statuses (`ph` is the phase).
const PHASE_TASK_COUNTS: &str = "(SELECT COUNT(*) FROM project_tasks t \
        JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
        WHERE t.tenant = ph.tenant AND t.project_id = ph.project_id AND t.phase_id = ph.phase_id \
          AND m.is_client_visible) AS tasks_total, \
    (SELECT COUNT(*) FROM project_tasks t \
        JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
        WHERE t.tenant = ph.tenant AND t.project_id = ph.project_id AND t.phase_id = ph.phase_id \
          AND m.is_client_visible AND m.is_closed) AS tasks_done";

/// The project's phases in order with their client-visible task counts (per phase through the
/// project's task index, so the tenant's other projects are never read).
pub async fn phases(db: &Db, tenant: Uuid, project_id: Uuid) -> Result<Vec<PhaseItem>, DbError> {
    let sql = format!(
        "SELECT ph.phase_id, ph.name, ph.description, ph.start_date, ph.end_date, \
                {PHASE_TASK_COUNTS} \
         FROM project_phases ph WHERE ph.tenant = $1 AND ph.project_id = $2 \
         ORDER BY ph.display_order, ph.name"
    );
    db.fetch_all_with::<PhaseItem>(&sql, &[Arg::Uuid(tenant), Arg::Uuid(project_id)])
        .await
}

/// The status mappings clients may see, in order: the kanban's columns.
pub async fn columns(db: &Db, tenant: Uuid, project_id: Uuid) -> Result<Vec<ColumnItem>, DbError> {
    Ok(query_as!(
        db.exec(),
        ColumnItem,
        fetch_all,
        "SELECT mapping_id, name, is_closed FROM project_status_mappings \
         WHERE tenant = $1 AND project_id = $2 AND is_client_visible \
         ORDER BY display_order, name",
        tenant,
        project_id
    )?)
}

/// The select list of a task: each hidden field is a typed `NULL`, not its column.
fn task_columns(settings: &ProjectSettings) -> String {
    let pick = |field: TaskField, column: &str, kind: &str| {
        if settings.shows(field) {
            format!("t.{column}")
        } else {
            format!("CAST(NULL AS {kind}) AS {column}")
        }
    };
    [
        "t.task_id".to_owned(),
        "t.name".to_owned(),
        "t.phase_id".to_owned(),
        "t.status_mapping_id".to_owned(),
        pick(TaskField::Description, "description", "TEXT"),
        pick(TaskField::DueDate, "due_date", "DATE"),
        pick(TaskField::AssignedTo, "assignee_name", "TEXT"),
        pick(TaskField::EstimatedHours, "estimated_minutes", "BIGINT"),
        pick(TaskField::ActualHours, "actual_minutes", "BIGINT"),
        pick(TaskField::Priority, "priority", "TEXT"),
        pick(TaskField::ChecklistProgress, "checklist_done", "BIGINT"),
        pick(TaskField::ChecklistProgress, "checklist_total", "BIGINT"),
        pick(TaskField::Services, "services", "TEXT"),
    ]
    .join(", ")
}

/// The project's tasks in client-visible statuses, with only the fields it shows.
pub async fn tasks(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
    settings: &ProjectSettings,
) -> Result<Vec<TaskItem>, DbError> {
    let sql = format!(
        "SELECT {} FROM project_tasks t \
         JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
         LEFT JOIN project_phases ph ON ph.tenant = t.tenant AND ph.phase_id = t.phase_id \
         WHERE t.tenant = $1 AND t.project_id = $2 AND m.is_client_visible \
         ORDER BY (ph.display_order IS NULL) ASC, ph.display_order, m.display_order, \
                  t.display_order, t.name, t.task_id",
        task_columns(settings)
    );
    db.fetch_all_with::<TaskItem>(&sql, &[Arg::Uuid(tenant), Arg::Uuid(project_id)])
        .await
}

/// Every dependency of the project (the caller keeps those between tasks it shows), in a
/// stable order. Sorted here, not in SQL: an `ORDER BY` matching the primary key lets SQLite
/// walk the tenant's every dependency instead of the project's index.
pub async fn dependencies(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<DependencyItem>, DbError> {
    let mut found: Vec<DependencyItem> = query_as!(
        db.exec(),
        DependencyItem,
        fetch_all,
        "SELECT predecessor_task_id, successor_task_id, kind FROM project_task_dependencies \
         WHERE tenant = $1 AND project_id = $2",
        tenant,
        project_id
    )?;
    found.sort_by(|a, b| {
        (a.predecessor_task_id, a.successor_task_id, &a.kind).cmp(&(
            b.predecessor_task_id,
            b.successor_task_id,
            &b.kind,
        ))
    });
    Ok(found)
}

const DOCUMENT_COLUMNS: &str = "document_id, task_id, file_name, size_bytes, content_type, \
     content_hash, uploaded_by_type, uploaded_by_name, created_at";

/// The project's client-visible documents, its own and its tasks' (newest first; the caller
/// keeps those of tasks it shows).
pub async fn documents(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<DocumentItem>, DbError> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM project_documents \
         WHERE tenant = $1 AND project_id = $2 AND is_client_visible \
         ORDER BY created_at DESC, file_name, document_id"
    );
    db.fetch_all_with::<DocumentItem>(&sql, &[Arg::Uuid(tenant), Arg::Uuid(project_id)])
        .await
}

/// One client-visible document of the project.
pub async fn document(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
    document_id: Uuid,
) -> Result<Option<DocumentItem>, DbError> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM project_documents \
         WHERE tenant = $1 AND project_id = $2 AND document_id = $3 AND is_client_visible"
    );
    let rows = db
        .fetch_all_with::<DocumentItem>(
            &sql,
            &[
                Arg::Uuid(tenant),
                Arg::Uuid(project_id),
                Arg::Uuid(document_id),
            ],
        )
        .await?;
    Ok(rows.into_iter().next())
}

/// Who added a document.
pub struct Uploader<'a> {
    /// `client` or `internal`.
    pub kind: &'a str,
    pub user_id: Option<Uuid>,
    pub name: &'a str,
}

/// Records a stored file as a document of the project (or of one of its tasks).
#[allow(clippy::too_many_arguments)]
pub async fn insert_document(
    tx: &mut Tx,
    tenant: Uuid,
    project_id: Uuid,
    task_id: Option<Uuid>,
    file: &StoredFile,
    client_visible: bool,
    by: &Uploader<'_>,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let document_id = Uuid::new_v4();
    execute!(
        tx.exec(),
        "INSERT INTO project_documents (tenant, document_id, project_id, task_id, file_name, \
             size_bytes, content_type, content_hash, is_client_visible, uploaded_by_type, \
             uploaded_by_user_id, uploaded_by_name, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        tenant,
        document_id,
        project_id,
        task_id,
        &file.file_name,
        file.size_bytes,
        &file.content_type,
        &file.content_hash,
        client_visible,
        by.kind,
        by.user_id,
        by.name,
        now
    )?;
    Ok(document_id)
}

/// The id of the project's task in a client-visible status, if there is one.
pub async fn visible_task(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    task_id: Uuid,
) -> Result<Option<String>, DbError> {
    Ok(query_as!(
        exec,
        (String,),
        fetch_optional,
        "SELECT t.name FROM project_tasks t \
         JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
         WHERE t.tenant = $1 AND t.project_id = $2 AND t.task_id = $3 AND m.is_client_visible",
        tenant,
        project_id,
        task_id
    )?
    .map(|(name,)| name))
}

/// Whether the task belongs to the project.
pub async fn task_of_project(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    task_id: Uuid,
) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM project_tasks WHERE tenant = $1 AND project_id = $2 AND task_id = $3",
        tenant,
        project_id,
        task_id
    )? > 0)
}

/// How many of the company's active projects are open.
pub async fn open_count(db: &Db, tenant: Uuid, client_id: Uuid) -> Result<i64, DbError> {
    fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM projects p \
         JOIN project_statuses s ON s.tenant = p.tenant AND s.status_id = p.status_id \
         WHERE p.tenant = $1 AND p.client_id = $2 AND NOT p.is_inactive AND NOT s.is_closed",
        tenant,
        client_id
    )
    .map_err(Into::into)
}

/// The open task due soonest (overdue ones first) among the company's open projects that show
/// tasks and their due dates.
pub async fn next_due_task(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<Option<NextDueTask>, DbError> {
    Ok(query_as!(
        db.exec(),
        NextDueTask,
        fetch_optional,
        "SELECT p.project_number, p.name AS project_name, t.name AS task_name, t.due_date \
         FROM projects p \
         JOIN project_statuses s ON s.tenant = p.tenant AND s.status_id = p.status_id \
         JOIN project_tasks t ON t.tenant = p.tenant AND t.project_id = p.project_id \
         JOIN project_status_mappings m ON m.tenant = t.tenant AND m.mapping_id = t.status_mapping_id \
         WHERE p.tenant = $1 AND p.client_id = $2 AND NOT p.is_inactive AND NOT s.is_closed \
           AND p.show_tasks AND (',' || p.visible_task_fields || ',') LIKE '%,due_date,%' \
           AND m.is_client_visible AND NOT m.is_closed \
           AND t.due_date IS NOT NULL \
         ORDER BY t.due_date, p.name, t.name LIMIT 1",
        tenant,
        client_id
    )?)
}
