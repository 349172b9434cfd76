//! Projects' SQL: the tenant's project statuses and its projects with their client-portal
//! visibility settings, as the PSA writes them and the integration API reads them.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::db::{Arg, Db, DbError, Exec};
use crate::project_sync::{ProjectInput, ProjectStatusInput, ProjectStatusRecord, StoredDocument};
use crate::{execute, query_as};

pub mod portal;

pub async fn find_status(
    exec: Exec<'_>,
    tenant: Uuid,
    status_id: Uuid,
) -> Result<Option<ProjectStatusRecord>, DbError> {
    Ok(query_as!(
        exec,
        ProjectStatusRecord,
        fetch_optional,
        "SELECT status_id, name, is_closed, display_order, updated_at FROM project_statuses \
         WHERE tenant = $1 AND status_id = $2",
        tenant,
        status_id
    )?)
}

pub async fn upsert_status(
    exec: Exec<'_>,
    tenant: Uuid,
    status_id: Uuid,
    s: &ProjectStatusInput,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO project_statuses (tenant, status_id, name, is_closed, display_order, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (tenant, status_id) DO UPDATE SET name = excluded.name, \
             is_closed = excluded.is_closed, display_order = excluded.display_order, \
             updated_at = excluded.updated_at",
        tenant,
        status_id,
        &s.name,
        s.is_closed,
        s.display_order,
        now
    )?)
}

/// A project's row as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProjectRow {
    pub project_id: Uuid,
    pub project_number: String,
    pub name: String,
    pub description: String,
    pub client_id: Uuid,
    pub status_id: Uuid,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub wbs_code: Option<String>,
    pub budgeted_minutes: Option<i64>,
    pub is_inactive: bool,
    pub show_phases: bool,
    pub show_phase_completion: bool,
    pub show_tasks: bool,
    pub show_budget_hours: bool,
    pub show_billing: bool,
    pub visible_task_fields: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const PROJECT_COLUMNS: &str = "project_id, project_number, name, description, client_id, \
     status_id, start_date, end_date, wbs_code, budgeted_minutes, is_inactive, show_phases, \
     show_phase_completion, show_tasks, show_budget_hours, show_billing, visible_task_fields, \
     version, created_at, updated_at";

pub async fn find_project(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Option<ProjectRow>, DbError> {
    let sql =
        format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE tenant = $1 AND project_id = $2");
    Ok(query_as!(
        exec,
        ProjectRow,
        fetch_optional,
        &sql,
        tenant,
        project_id
    )?)
}

/// Whether another project of the tenant has `number`.
pub async fn number_taken(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    number: &str,
) -> Result<bool, DbError> {
    let other: Option<(Uuid,)> = query_as!(
        exec,
        (Uuid,),
        fetch_optional,
        "SELECT project_id FROM projects WHERE tenant = $1 AND project_number = $2 \
         AND project_id <> $3",
        tenant,
        number,
        project_id
    )?;
    Ok(other.is_some())
}

/// Writes the project (a new one at version 1; a changed one one version up).
pub async fn upsert_project(
    exec: Exec<'_>,
    tenant: Uuid,
    project_id: Uuid,
    p: &ProjectInput,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let s = &p.settings;
    Ok(execute!(
        exec,
        "INSERT INTO projects (tenant, project_id, project_number, name, description, \
             client_id, status_id, start_date, end_date, wbs_code, budgeted_minutes, \
             is_inactive, show_phases, show_phase_completion, show_tasks, show_budget_hours, \
             show_billing, visible_task_fields, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, 1, $19, $19) \
         ON CONFLICT (tenant, project_id) DO UPDATE SET \
             project_number = excluded.project_number, name = excluded.name, \
             description = excluded.description, client_id = excluded.client_id, \
             status_id = excluded.status_id, start_date = excluded.start_date, \
             end_date = excluded.end_date, wbs_code = excluded.wbs_code, \
             budgeted_minutes = excluded.budgeted_minutes, is_inactive = excluded.is_inactive, \
             show_phases = excluded.show_phases, \
             show_phase_completion = excluded.show_phase_completion, \
             show_tasks = excluded.show_tasks, show_budget_hours = excluded.show_budget_hours, \
             show_billing = excluded.show_billing, \
             visible_task_fields = excluded.visible_task_fields, \
             version = projects.version + 1, updated_at = excluded.updated_at",
        tenant,
        project_id,
        &p.number,
        &p.name,
        &p.description,
        p.client_id,
        p.status_id,
        p.start_date,
        p.end_date,
        p.wbs_code.as_deref(),
        p.budgeted_minutes,
        p.inactive,
        s.show_phases,
        s.show_phase_completion,
        s.show_tasks,
        s.show_budget_hours,
        s.show_billing,
        s.fields_text(),
        now
    )?)
}

const SYNC_DOCUMENT_COLUMNS: &str = "document_id, project_id, task_id, file_name, size_bytes, \
     content_type, is_client_visible, uploaded_by_type, uploaded_by_name, created_at, content_hash";

/// Every document of the project (visible to clients or not), oldest first.
pub async fn documents(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<StoredDocument>, DbError> {
    let sql = format!(
        "SELECT {SYNC_DOCUMENT_COLUMNS} FROM project_documents \
         WHERE tenant = $1 AND project_id = $2 ORDER BY created_at, document_id"
    );
    db.fetch_all_with(&sql, &[Arg::Uuid(tenant), Arg::Uuid(project_id)])
        .await
}

/// One document of the project.
pub async fn document(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
    document_id: Uuid,
) -> Result<Option<StoredDocument>, DbError> {
    let sql = format!(
        "SELECT {SYNC_DOCUMENT_COLUMNS} FROM project_documents \
         WHERE tenant = $1 AND project_id = $2 AND document_id = $3"
    );
    let rows: Vec<StoredDocument> = db
        .fetch_all_with(
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
