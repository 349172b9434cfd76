//! Project changes and reads for one tenant: statuses and projects upserted under the PSA's
//! ids; an identical project body changes nothing (same version, same `updated_at`).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::ProjectStatusRecord;
use super::{hours, ProjectInput, ProjectRecord, ProjectSettings, ProjectStatusInput};
use crate::db::{Db, DbError};
use crate::store::projects as store;
use crate::store::psa_directory;
use crate::ticket_sync::{SyncError, Upserted};

fn written<T>(record: Option<T>) -> Result<T, SyncError> {
    record.ok_or_else(|| SyncError::Db(DbError::Sqlx(sqlx::Error::RowNotFound)))
}

pub async fn upsert_status(
    db: &Db,
    tenant: Uuid,
    status_id: Uuid,
    input: &ProjectStatusInput,
    now: DateTime<Utc>,
) -> Result<Upserted<ProjectStatusRecord>, SyncError> {
    let mut tx = db.begin().await?;
    let created = store::find_status(tx.exec(), tenant, status_id)
        .await?
        .is_none();
    store::upsert_status(tx.exec(), tenant, status_id, input, now).await?;
    let record = written(store::find_status(tx.exec(), tenant, status_id).await?)?;
    tx.commit().await?;
    Ok(Upserted { record, created })
}

fn record(row: store::ProjectRow) -> ProjectRecord {
    ProjectRecord {
        project_id: row.project_id,
        number: row.project_number,
        name: row.name,
        description: row.description,
        client_id: row.client_id,
        status_id: row.status_id,
        start_date: row.start_date,
        end_date: row.end_date,
        wbs_code: row.wbs_code,
        budgeted_hours: hours(row.budgeted_minutes),
        inactive: row.is_inactive,
        settings: ProjectSettings {
            show_phases: row.show_phases,
            show_phase_completion: row.show_phase_completion,
            show_tasks: row.show_tasks,
            show_budget_hours: row.show_budget_hours,
            show_billing: row.show_billing,
            visible_task_fields: ProjectSettings::fields_from_text(&row.visible_task_fields),
        },
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// Whether the stored project already is what `input` says.
fn same(row: &store::ProjectRow, input: &ProjectInput) -> bool {
    let s = &input.settings;
    row.project_number == input.number
        && row.name == input.name
        && row.description == input.description
        && row.client_id == input.client_id
        && row.status_id == input.status_id
        && row.start_date == input.start_date
        && row.end_date == input.end_date
        && row.wbs_code == input.wbs_code
        && row.budgeted_minutes == input.budgeted_minutes
        && row.is_inactive == input.inactive
        && row.show_phases == s.show_phases
        && row.show_phase_completion == s.show_phase_completion
        && row.show_tasks == s.show_tasks
        && row.show_budget_hours == s.show_budget_hours
        && row.show_billing == s.show_billing
        && ProjectSettings::fields_from_text(&row.visible_task_fields) == s.visible_task_fields
}

/// Creates or replaces the project: its client and status must exist, its number must be its
/// own. Refused: nothing written.
pub async fn upsert_project(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
    input: &ProjectInput,
    now: DateTime<Utc>,
) -> Result<Upserted<ProjectRecord>, SyncError> {
    let mut tx = db.begin().await?;
    if !psa_directory::client_exists(tx.exec(), tenant, input.client_id).await? {
        return Err(SyncError::invalid("client_id", "unknown client"));
    }
    if store::find_status(tx.exec(), tenant, input.status_id)
        .await?
        .is_none()
    {
        return Err(SyncError::invalid("status_id", "unknown project status"));
    }
    if store::number_taken(tx.exec(), tenant, project_id, &input.number).await? {
        return Err(SyncError::NumberTaken);
    }
    let existing = store::find_project(tx.exec(), tenant, project_id).await?;
    if let Some(row) = existing.as_ref().filter(|row| same(row, input)) {
        return Ok(Upserted {
            record: record(row.clone()),
            created: false,
        });
    }
    store::upsert_project(tx.exec(), tenant, project_id, input, now).await?;
    let row = written(store::find_project(tx.exec(), tenant, project_id).await?)?;
    tx.commit().await?;
    Ok(Upserted {
        record: record(row),
        created: existing.is_none(),
    })
}

/// The project, or `NotFound` (another tenant's is the same).
pub async fn get_project(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<ProjectRecord, SyncError> {
    store::find_project(db.exec(), tenant, project_id)
        .await?
        .map(record)
        .ok_or(SyncError::NotFound)
}
