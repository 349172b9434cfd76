//! The demo's projects, written through `project_sync` — the code path of the integration API
//! (bodies parsed as the API parses them, then applied): the five statuses a PSA typically
//! has, and projects of both companies in several of them, with phases, tasks and
//! dependencies. Seeded once (a re-run changes nothing).

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use portal_actors::attachments::AttachmentStore;
use portal_actors::clock::TimeArith;
use portal_actors::project_sync::plan::PlanInput;
use portal_actors::project_sync::{apply, NewDocument, ProjectInput, ProjectStatusInput};
use portal_actors::tickets::StoredFile;
use portal_actors::Db;
use serde_json::{json, Value};
use uuid::Uuid;

use super::directory::{ACME, GLOBEX};

/// A fixed demo id: `0xde40…` plus `n`.
fn id(n: u128) -> Uuid {
    Uuid::from_u128(0xde40_0000_0000_4000_8000_0000_0000_0000_u128.saturating_add(n))
}

/// Planning, in progress, on hold, completed, cancelled.
const STATUSES: [(&str, bool); 5] = [
    ("Planning", false),
    ("In progress", false),
    ("On hold", false),
    ("Completed", true),
    ("Cancelled", true),
];

/// The id of the demo project numbered `number` (`PRJ-1001` …).
pub fn project_id(number: &str) -> Option<Uuid> {
    PROJECTS
        .iter()
        .position(|p| p.0 == number)
        .and_then(|i| u128::try_from(i).ok())
        .map(|i| id(100_u128.saturating_add(i)))
}

/// (number, name, company, index into `STATUSES`, description).
const PROJECTS: [(&str, &str, Uuid, usize, &str); 4] = [
    (
        "PRJ-1001",
        "Office move to Riverside",
        ACME,
        1,
        "Move 40 workstations, the server room and the phones to the new office.",
    ),
    (
        "PRJ-1002",
        "Network refresh",
        ACME,
        0,
        "Replace the core switches and the Wi-Fi access points.",
    ),
    (
        "PRJ-1003",
        "Warehouse Wi-Fi",
        GLOBEX,
        2,
        "Coverage for the scanners in both warehouse halls.",
    ),
    (
        "PRJ-1004",
        "Email migration",
        ACME,
        3,
        "Mailboxes moved to the new tenant, old server retired.",
    ),
];

/// Seeds the statuses and projects when the demo tenant has none yet.
pub async fn seed(
    db: &Db,
    files: &AttachmentStore,
    tenant: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(first) = project_id("PRJ-1001") else {
        return Ok(());
    };
    if apply::get_project(db, tenant, first).await.is_ok() {
        return Ok(());
    }
    let start = now.minus(Duration::days(30));
    for (n, (name, closed)) in STATUSES.iter().enumerate() {
        let order = i64::try_from(n).unwrap_or(0);
        let status = ProjectStatusInput::parse(
            json!({"name": name, "is_closed": closed, "display_order": order}),
        )?;
        let status_id = id(u128::try_from(n).unwrap_or(0).saturating_add(1));
        apply::upsert_status(db, tenant, status_id, &status, start).await?;
    }
    for (n, (number, name, company, status, description)) in PROJECTS.iter().enumerate() {
        let project_id = project_id(number).context("demo project id")?;
        let weeks = i64::try_from(n).unwrap_or(0).saturating_mul(7);
        let begins = start.plus(Duration::days(weeks));
        let body = json!({
            "number": number, "name": name, "description": description,
            "client_id": company,
            "status_id": id(u128::try_from(*status).unwrap_or(0).saturating_add(1)),
            "start_date": begins.date_naive().to_string(),
            "end_date": begins.plus(Duration::days(60)).date_naive().to_string(),
            "wbs_code": format!("1.{}", n.saturating_add(1)),
            "budgeted_hours": n.saturating_mul(40).saturating_add(120),
            "settings": {
                "show_phases": true, "show_phase_completion": true, "show_tasks": true,
                "show_budget_hours": n == 0,
                "visible_task_fields": ["description", "due_date", "status", "assigned_to",
                                        "estimated_hours", "priority", "checklist_progress",
                                        "dependencies", "document_uploads"],
            },
        });
        let project =
            ProjectInput::parse(body).with_context(|| format!("demo project {number}"))?;
        apply::upsert_project(db, tenant, project_id, &project, start).await?;
        let plan = PlanInput::parse(plan(n, begins))?;
        apply::replace_plan(db, tenant, project_id, &plan, start)
            .await
            .with_context(|| format!("demo plan of {number}"))?;
        if n == 0 {
            seed_documents(db, files, tenant, project_id, start).await?;
        }
    }
    Ok(())
}

/// (file name, on the first task?, visible to the client, contents).
const DOCUMENTS: [(&str, bool, bool, &str); 3] = [
    (
        "Riverside floor plan.txt",
        false,
        true,
        "Floor plan of the Riverside office: 40 desks on two floors, server room on level 1.\n",
    ),
    (
        "Site survey notes.txt",
        true,
        true,
        "Survey notes: power and cabling checked; two extra network drops needed in room 1.04.\n",
    ),
    (
        "Internal cost sheet.txt",
        false,
        false,
        "MSP-internal: margins and supplier prices (never shown to the client).\n",
    ),
];

/// The first project's documents (one of its first task), stored and recorded as the API does.
async fn seed_documents(
    db: &Db,
    files: &AttachmentStore,
    tenant: Uuid,
    project_id: Uuid,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    for (name, on_task, visible, text) in DOCUMENTS {
        let mut upload = files.begin(1024 * 1024).await?;
        upload.write(text.as_bytes()).await?;
        let blob = upload.finish(files).await?;
        let doc = NewDocument {
            project_id,
            task_id: on_task.then(|| task_of_first_project(0)),
            file: StoredFile {
                file_name: name.to_owned(),
                content_type: "text/plain".to_owned(),
                size_bytes: i64::try_from(blob.size_bytes).unwrap_or(i64::MAX),
                content_hash: blob.content_hash,
            },
            client_visible: visible,
            uploaded_by: "Sam Rivera".to_owned(),
        };
        apply::record_document(db, tenant, &doc, at)
            .await
            .with_context(|| format!("demo document {name}"))?;
    }
    Ok(())
}

/// The id of task `i` of the first demo project's plan.
fn task_of_first_project(i: u128) -> Uuid {
    id(1_000_u128.saturating_add(100).saturating_add(i))
}

/// Three phases, four columns and a chain of tasks (with a side branch) for project `n`.
fn plan(n: usize, begins: DateTime<Utc>) -> Value {
    let base = 1_000_u128.saturating_mul(u128::try_from(n).unwrap_or(0).saturating_add(1));
    let at = |k: u128| id(base.saturating_add(k));
    let due = |days: i64| begins.plus(Duration::days(days)).date_naive().to_string();
    let (plan_phase, do_phase, close_phase) = (at(1), at(2), at(3));
    let (todo, doing, review, done) = (at(11), at(12), at(13), at(14));
    let tasks = [
        (
            "Site survey",
            plan_phase,
            done,
            5,
            "Sam Rivera",
            4.0,
            "High",
            (3, 3),
        ),
        (
            "Agree the plan with the client",
            plan_phase,
            done,
            10,
            "Sam Rivera",
            2.0,
            "High",
            (2, 2),
        ),
        (
            "Order equipment",
            do_phase,
            doing,
            20,
            "Priya Shah",
            3.0,
            "Medium",
            (1, 4),
        ),
        (
            "Cabling",
            do_phase,
            todo,
            35,
            "Field team",
            16.0,
            "Medium",
            (0, 6),
        ),
        (
            "Install and configure",
            do_phase,
            todo,
            45,
            "Field team",
            24.0,
            "High",
            (0, 5),
        ),
        (
            "User acceptance",
            close_phase,
            review,
            52,
            "Alice Martin",
            3.0,
            "Medium",
            (0, 3),
        ),
        (
            "Handover and documentation",
            close_phase,
            todo,
            58,
            "Sam Rivera",
            4.0,
            "Low",
            (0, 2),
        ),
    ];
    let task_id = |i: usize| at(100_u128.saturating_add(u128::try_from(i).unwrap_or(0)));
    let tasks_json: Vec<Value> = tasks
        .iter()
        .enumerate()
        .map(
            |(i, (name, phase, column, days, who, hours, priority, (done, total)))| {
                json!({
                    "id": task_id(i), "name": name, "phase_id": phase, "status_mapping_id": column,
                    "due_date": due(*days), "assigned_to": who, "estimated_hours": hours,
                    "priority": priority, "checklist": {"done": done, "total": total},
                    "description": format!("{name} for this project."),
                })
            },
        )
        .collect();
    // A chain survey → plan → order → install → acceptance → handover, with cabling beside it.
    let deps: Vec<Value> = [(1, 0), (2, 1), (4, 2), (4, 3), (3, 1), (5, 4), (6, 5)]
        .iter()
        .map(|(t, on)| json!({"task_id": task_id(*t), "depends_on": task_id(*on)}))
        .collect();
    json!({
        "phases": [
            {"id": plan_phase, "name": "Plan", "start_date": due(0), "end_date": due(10)},
            {"id": do_phase, "name": "Deliver", "start_date": due(11), "end_date": due(45)},
            {"id": close_phase, "name": "Close", "start_date": due(46), "end_date": due(60)},
        ],
        "status_mappings": [
            {"id": todo, "name": "To do"},
            {"id": doing, "name": "In progress"},
            {"id": review, "name": "Waiting for you"},
            {"id": done, "name": "Done", "is_closed": true},
        ],
        "tasks": tasks_json,
        "dependencies": deps,
    })
}
