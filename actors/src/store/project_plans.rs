//! A project's plan in SQL: phases, status mappings, tasks and dependencies, read whole and
//! written item by item inside the caller's transaction (`project_sync::apply::replace_plan`).
//! An upsert of an id that belongs to another project of the tenant writes nothing (0 rows).

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::project_sync::plan::{
    DependencyInput, DependencyKind, PhaseInput, StatusMappingInput, TaskInput,
};
use crate::{execute, query_as};

#[derive(sqlx::FromRow)]
struct PhaseRow {
    phase_id: Uuid,
    name: String,
    description: String,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
}

pub async fn phases(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<PhaseInput>, DbError> {
    let rows: Vec<PhaseRow> = query_as!(
        exec,
        PhaseRow,
        fetch_all,
        "SELECT phase_id, name, description, start_date, end_date FROM project_phases \
         WHERE tenant = $1 AND project_id = $2 ORDER BY display_order, phase_id",
        tenant,
        project_id
    )?;
    Ok(rows
        .into_iter()
        .map(|r| PhaseInput {
            phase_id: r.phase_id,
            name: r.name,
            description: r.description,
            start_date: r.start_date,
            end_date: r.end_date,
        })
        .collect())
}

pub async fn status_mappings(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<StatusMappingInput>, DbError> {
    let rows: Vec<(Uuid, String, bool, bool)> = query_as!(
        exec,
        (Uuid, String, bool, bool),
        fetch_all,
        "SELECT mapping_id, name, is_closed, is_client_visible FROM project_status_mappings \
         WHERE tenant = $1 AND project_id = $2 ORDER BY display_order, mapping_id",
        tenant,
        project_id
    )?;
    Ok(rows
        .into_iter()
        .map(
            |(mapping_id, name, is_closed, is_client_visible)| StatusMappingInput {
                mapping_id,
                name,
                is_closed,
                is_client_visible,
            },
        )
        .collect())
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    task_id: Uuid,
    name: String,
    description: String,
    phase_id: Option<Uuid>,
    status_mapping_id: Uuid,
    due_date: Option<NaiveDate>,
    assignee_name: Option<String>,
    estimated_minutes: Option<i64>,
    actual_minutes: Option<i64>,
    priority: Option<String>,
    checklist_done: i64,
    checklist_total: i64,
    services: String,
}

pub async fn tasks(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<TaskInput>, DbError> {
    let rows: Vec<TaskRow> = query_as!(
        exec,
        TaskRow,
        fetch_all,
        "SELECT task_id, name, description, phase_id, status_mapping_id, due_date, \
             assignee_name, estimated_minutes, actual_minutes, priority, checklist_done, \
             checklist_total, services FROM project_tasks \
         WHERE tenant = $1 AND project_id = $2 ORDER BY display_order, task_id",
        tenant,
        project_id
    )?;
    Ok(rows
        .into_iter()
        .map(|r| TaskInput {
            task_id: r.task_id,
            name: r.name,
            description: r.description,
            phase_id: r.phase_id,
            status_mapping_id: r.status_mapping_id,
            due_date: r.due_date,
            assignee_name: r.assignee_name,
            estimated_minutes: r.estimated_minutes,
            actual_minutes: r.actual_minutes,
            priority: r.priority,
            checklist_done: r.checklist_done,
            checklist_total: r.checklist_total,
            services: serde_json::from_str(&r.services).unwrap_or_default(),
        })
        .collect())
}

pub async fn dependencies(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<DependencyInput>, DbError> {
    let rows: Vec<(Uuid, Uuid, String)> = query_as!(
        exec,
        (Uuid, Uuid, String),
        fetch_all,
        "SELECT predecessor_task_id, successor_task_id, kind FROM project_task_dependencies \
         WHERE tenant = $1 AND project_id = $2",
        tenant,
        project_id
    )?;
    Ok(rows
        .into_iter()
        .map(|(predecessor, successor, kind)| DependencyInput {
            predecessor,
            successor,
            kind: if kind == "related_to" {
                DependencyKind::RelatedTo
            } else {
                DependencyKind::Blocks
            },
        })
        .collect())
}

pub async fn delete_dependencies(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "DELETE FROM project_task_dependencies WHERE tenant = $1 AND project_id = $2",
        tenant,
        project_id
    )?)
}

pub async fn upsert_phase(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    p: &PhaseInput,
    order: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO project_phases (tenant, phase_id, project_id, name, description, \
             start_date, end_date, display_order, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (tenant, phase_id) DO UPDATE SET name = excluded.name, \
             description = excluded.description, start_date = excluded.start_date, \
             end_date = excluded.end_date, display_order = excluded.display_order, \
             updated_at = excluded.updated_at \
         WHERE project_phases.project_id = excluded.project_id",
        tenant,
        p.phase_id,
        project_id,
        &p.name,
        &p.description,
        p.start_date,
        p.end_date,
        order,
        now
    )?)
}

pub async fn upsert_status_mapping(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    m: &StatusMappingInput,
    order: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO project_status_mappings (tenant, mapping_id, project_id, name, is_closed, \
             is_client_visible, display_order, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (tenant, mapping_id) DO UPDATE SET name = excluded.name, \
             is_closed = excluded.is_closed, is_client_visible = excluded.is_client_visible, \
             display_order = excluded.display_order, updated_at = excluded.updated_at \
         WHERE project_status_mappings.project_id = excluded.project_id",
        tenant,
        m.mapping_id,
        project_id,
        &m.name,
        m.is_closed,
        m.is_client_visible,
        order,
        now
    )?)
}

pub async fn upsert_task(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    t: &TaskInput,
    order: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let services = serde_json::to_string(&t.services).unwrap_or_else(|_| "[]".into());
    Ok(execute!(
        exec,
        "INSERT INTO project_tasks (tenant, task_id, project_id, phase_id, status_mapping_id, \
             name, description, due_date, assignee_name, estimated_minutes, actual_minutes, \
             priority, checklist_total, checklist_done, services, display_order, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         ON CONFLICT (tenant, task_id) DO UPDATE SET phase_id = excluded.phase_id, \
             status_mapping_id = excluded.status_mapping_id, name = excluded.name, \
             description = excluded.description, due_date = excluded.due_date, \
             assignee_name = excluded.assignee_name, \
             estimated_minutes = excluded.estimated_minutes, \
             actual_minutes = excluded.actual_minutes, priority = excluded.priority, \
             checklist_total = excluded.checklist_total, \
             checklist_done = excluded.checklist_done, services = excluded.services, \
             display_order = excluded.display_order, updated_at = excluded.updated_at \
         WHERE project_tasks.project_id = excluded.project_id",
        tenant,
        t.task_id,
        project_id,
        t.phase_id,
        t.status_mapping_id,
        &t.name,
        &t.description,
        t.due_date,
        t.assignee_name.as_deref(),
        t.estimated_minutes,
        t.actual_minutes,
        t.priority.as_deref(),
        t.checklist_total,
        t.checklist_done,
        services,
        order,
        now
    )?)
}

pub async fn insert_dependency(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    d: &DependencyInput,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO project_task_dependencies (tenant, project_id, predecessor_task_id, \
             successor_task_id, kind) VALUES ($1, $2, $3, $4, $5)",
        tenant,
        project_id,
        d.predecessor,
        d.successor,
        d.kind.as_str()
    )?)
}

/// Removes one of the project's tasks (its dependencies and documents go with it).
pub async fn delete_task(exec: Exec<'_>, tenant: Uuid, task_id: Uuid) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "DELETE FROM project_tasks WHERE tenant = $1 AND task_id = $2",
        tenant,
        task_id
    )?)
}

pub async fn delete_phase(exec: Exec<'_>, tenant: Uuid, phase_id: Uuid) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "DELETE FROM project_phases WHERE tenant = $1 AND phase_id = $2",
        tenant,
        phase_id
    )?)
}

pub async fn delete_status_mapping(
    exec: Exec<'_>,
    tenant: Uuid,
    mapping_id: Uuid,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "DELETE FROM project_status_mappings WHERE tenant = $1 AND mapping_id = $2",
        tenant,
        mapping_id
    )?)
}

/// One version up: the plan changed.
pub async fn touch_project(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE projects SET version = version + 1, updated_at = $3 \
         WHERE tenant = $1 AND project_id = $2",
        tenant,
        project_id,
        now
    )?)
}
