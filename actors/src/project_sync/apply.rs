//! Project changes and reads for one tenant: statuses and projects upserted under the PSA's
//! ids; an identical project body changes nothing (same version, same `updated_at`).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::plan::{DependencyInput, PlanCounts, PlanInput};
use super::ProjectStatusRecord;
use super::{hours, ProjectInput, ProjectRecord, ProjectSettings, ProjectStatusInput};
use crate::activity::NewActivity;
use crate::db::{Db, DbError, Tx};
use crate::store::activity;
use crate::store::project_plans as plans;
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
    let Some(status) = store::find_status(tx.exec(), tenant, input.status_id).await? else {
        return Err(SyncError::invalid("status_id", "unknown project status"));
    };
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
    // A new project, or one in another status, shows in the company's activity.
    if existing
        .as_ref()
        .map_or(true, |old| old.status_id != row.status_id)
    {
        let event = NewActivity::project_status(
            row.client_id,
            project_id,
            &row.project_number,
            &row.name,
            &status.name,
            now,
        );
        activity::record(tx.exec(), tenant, &event, now).await?;
    }
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

/// The project's plan as stored (array order = display order, dependencies sorted).
pub async fn get_plan(db: &Db, tenant: Uuid, project_id: Uuid) -> Result<PlanInput, SyncError> {
    if store::find_project(db.exec(), tenant, project_id)
        .await?
        .is_none()
    {
        return Err(SyncError::NotFound);
    }
    let mut dependencies = plans::dependencies(db.exec(), tenant, project_id).await?;
    dependencies.sort_by_key(dep_key);
    Ok(PlanInput {
        phases: plans::phases(db.exec(), tenant, project_id).await?,
        status_mappings: plans::status_mappings(db.exec(), tenant, project_id).await?,
        tasks: plans::tasks(db.exec(), tenant, project_id).await?,
        dependencies,
    })
}

/// The plan as the writing transaction sees it.
async fn read_plan(tx: &mut Tx, tenant: Uuid, project_id: Uuid) -> Result<PlanInput, DbError> {
    let mut dependencies = plans::dependencies(tx.exec(), tenant, project_id).await?;
    dependencies.sort_by_key(dep_key);
    Ok(PlanInput {
        phases: plans::phases(tx.exec(), tenant, project_id).await?,
        status_mappings: plans::status_mappings(tx.exec(), tenant, project_id).await?,
        tasks: plans::tasks(tx.exec(), tenant, project_id).await?,
        dependencies,
    })
}

fn dep_key(d: &DependencyInput) -> (Uuid, Uuid, &'static str) {
    (d.predecessor, d.successor, d.kind.as_str())
}

fn counts(plan: &PlanInput) -> PlanCounts {
    PlanCounts {
        phases: plan.phases.len(),
        status_mappings: plan.status_mappings.len(),
        tasks: plan.tasks.len(),
        dependencies: plan.dependencies.len(),
    }
}

/// Replaces the project's whole plan in one transaction: what `plan` no longer holds is
/// removed; an id of another project's phase, mapping or task is refused by its place; the
/// same plan again changes nothing. A change adds 1 to the project's version.
pub async fn replace_plan(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
    plan: &PlanInput,
    now: DateTime<Utc>,
) -> Result<PlanCounts, SyncError> {
    let mut tx = db.begin().await?;
    if store::find_project(tx.exec(), tenant, project_id)
        .await?
        .is_none()
    {
        return Err(SyncError::NotFound);
    }
    let mut wanted = plan.clone();
    wanted.dependencies.sort_by_key(dep_key);
    let current = read_plan(&mut tx, tenant, project_id).await?;
    if current == wanted {
        return Ok(counts(&wanted));
    }
    let taken =
        |place: String| SyncError::invalid(&format!("{place}.id"), "belongs to another project");
    plans::delete_dependencies(tx.exec(), tenant, project_id).await?;
    for (i, phase) in wanted.phases.iter().enumerate() {
        let order = i64::try_from(i).unwrap_or(i64::MAX);
        if plans::upsert_phase(tx.exec(), tenant, project_id, phase, order, now).await? == 0 {
            return Err(taken(format!("phases[{i}]")));
        }
    }
    for (i, mapping) in wanted.status_mappings.iter().enumerate() {
        let order = i64::try_from(i).unwrap_or(i64::MAX);
        if plans::upsert_status_mapping(tx.exec(), tenant, project_id, mapping, order, now).await?
            == 0
        {
            return Err(taken(format!("status_mappings[{i}]")));
        }
    }
    for (i, task) in wanted.tasks.iter().enumerate() {
        let order = i64::try_from(i).unwrap_or(i64::MAX);
        if plans::upsert_task(tx.exec(), tenant, project_id, task, order, now).await? == 0 {
            return Err(taken(format!("tasks[{i}]")));
        }
    }
    // Tasks first (they hold phases and mappings), then what no task uses any more.
    let keep_tasks: HashSet<Uuid> = wanted.tasks.iter().map(|t| t.task_id).collect();
    for gone in current
        .tasks
        .iter()
        .filter(|t| !keep_tasks.contains(&t.task_id))
    {
        plans::delete_task(tx.exec(), tenant, gone.task_id).await?;
    }
    let keep_phases: HashSet<Uuid> = wanted.phases.iter().map(|p| p.phase_id).collect();
    for gone in current
        .phases
        .iter()
        .filter(|p| !keep_phases.contains(&p.phase_id))
    {
        plans::delete_phase(tx.exec(), tenant, gone.phase_id).await?;
    }
    let keep_mappings: HashSet<Uuid> = wanted
        .status_mappings
        .iter()
        .map(|m| m.mapping_id)
        .collect();
    for gone in current
        .status_mappings
        .iter()
        .filter(|m| !keep_mappings.contains(&m.mapping_id))
    {
        plans::delete_status_mapping(tx.exec(), tenant, gone.mapping_id).await?;
    }
    for dep in &wanted.dependencies {
        plans::insert_dependency(tx.exec(), tenant, project_id, dep).await?;
    }
    plans::touch_project(tx.exec(), tenant, project_id, now).await?;
    tx.commit().await?;
    Ok(counts(&wanted))
}

/// Records a stored file as a document of the project (or of its task `task_id`), uploaded by
/// the MSP; an unknown project is `NotFound`, a task of another project refused by name.
pub async fn record_document(
    db: &Db,
    tenant: Uuid,
    doc: &super::NewDocument,
    now: DateTime<Utc>,
) -> Result<super::SyncDocument, SyncError> {
    use crate::store::projects::portal;
    let mut tx = db.begin().await?;
    if store::find_project(tx.exec(), tenant, doc.project_id)
        .await?
        .is_none()
    {
        return Err(SyncError::NotFound);
    }
    if let Some(task) = doc.task_id {
        if !portal::task_of_project(tx.exec(), tenant, doc.project_id, task).await? {
            return Err(SyncError::invalid("task_id", "not a task of this project"));
        }
    }
    let by = portal::Uploader {
        kind: "internal",
        user_id: None,
        name: &doc.uploaded_by,
    };
    let document_id = portal::insert_document(
        &mut tx,
        tenant,
        doc.project_id,
        doc.task_id,
        &doc.file,
        doc.client_visible,
        &by,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(super::SyncDocument {
        document_id,
        project_id: doc.project_id,
        task_id: doc.task_id,
        file_name: doc.file.file_name.clone(),
        size_bytes: doc.file.size_bytes,
        content_type: doc.file.content_type.clone(),
        client_visible: doc.client_visible,
        uploaded_by_type: "internal".into(),
        uploaded_by_name: doc.uploaded_by.clone(),
        created_at: now,
    })
}

/// Every document of the project, visible to clients or not (`NotFound` without the project).
pub async fn list_documents(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
) -> Result<Vec<super::SyncDocument>, SyncError> {
    if store::find_project(db.exec(), tenant, project_id)
        .await?
        .is_none()
    {
        return Err(SyncError::NotFound);
    }
    Ok(store::documents(db, tenant, project_id)
        .await?
        .into_iter()
        .map(|d| d.document)
        .collect())
}

/// One document of the project with where its contents are.
pub async fn get_document(
    db: &Db,
    tenant: Uuid,
    project_id: Uuid,
    document_id: Uuid,
) -> Result<super::StoredDocument, SyncError> {
    store::document(db, tenant, project_id, document_id)
        .await?
        .ok_or(SyncError::NotFound)
}
