//! The big project's data: ids, names, the plan body and the seeding through `project_sync`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use super::*;

/// A fixed id: `0xbe40…` plus `n`.
pub(crate) fn id(n: usize) -> Uuid {
    Uuid::from_u128(0xbe40_0000_0000_4000_8000_0000_0000_0000_u128 + n as u128)
}

pub(crate) fn task_id(i: usize) -> Uuid {
    id(10_000 + i)
}

pub(crate) fn task_name(i: usize) -> String {
    format!("Task {:03} of phase {}", i + 1, i * PHASES / TASKS + 1)
}

/// `DEPENDENCIES` distinct (predecessor, successor) task indices, predecessor < successor.
pub(crate) fn dependency_pairs() -> Vec<(usize, usize)> {
    let mut rng = StdRng::seed_from_u64(20_270_105);
    let mut pairs = BTreeSet::new();
    while pairs.len() < DEPENDENCIES {
        let from = rng.gen_range(0..TASKS - 1);
        let to = (from + rng.gen_range(1..=DEPENDENCY_REACH)).min(TASKS - 1);
        pairs.insert((from, to));
    }
    pairs.into_iter().collect()
}

/// The plan's body as a PSA sends it to `PUT /integration/v1/projects/{id}/plan`.
pub(crate) fn plan_body() -> Value {
    let phases: Vec<Value> = (0..PHASES)
        .map(|p| json!({"id": id(100 + p), "name": format!("Phase {}", p + 1)}))
        .collect();
    let mappings: Vec<Value> = COLUMNS
        .iter()
        .enumerate()
        .map(|(c, (name, closed))| json!({"id": id(200 + c), "name": name, "is_closed": closed}))
        .collect();
    let priorities = ["High", "Medium", "Low"];
    let tasks: Vec<Value> = (0..TASKS)
        .map(|i| {
            json!({
                "id": task_id(i), "name": task_name(i),
                "phase_id": id(100 + i * PHASES / TASKS),
                "status_mapping_id": id(200 + (i * 7 + i / 13) % COLUMNS.len()),
                "due_date": "2027-01-05", "assigned_to": "Sam", "estimated_hours": 2,
                "priority": priorities[i % priorities.len()],
                "checklist": {"done": 1, "total": 3},
                "description": format!("What task {} is about, in a sentence or two.", i + 1),
            })
        })
        .collect();
    let dependencies: Vec<Value> = dependency_pairs()
        .into_iter()
        .map(|(from, to)| json!({"task_id": task_id(to), "depends_on": task_id(from)}))
        .collect();
    json!({"phases": phases, "status_mappings": mappings, "tasks": tasks,
           "dependencies": dependencies})
}

/// The tenant, its client company and users, the status and the big project with its plan;
/// also the tenant's and the company's ids.
pub(crate) async fn seed(db: &Db, now: DateTime<Utc>) -> anyhow::Result<(Seeded, Uuid, Uuid)> {
    let info = common::seed::tenant(db, "Bench MSP".into(), now).await?;
    let tenant = info.id;
    let client_id = users::create_client(db, tenant, "Bench Co", now).await?;
    let hash = hash_with(&current_params()?, PASSWORD)?;
    let made =
        common::seed::client_users(db, tenant, client_id, CLIENT_USERS, Some(&hash), now).await?;

    let status_id = id(1);
    let status = ProjectStatusInput::parse(json!({"name": "In progress"}))?;
    apply::upsert_status(db, tenant, status_id, &status, now).await?;
    let project_id = id(2);
    let project = ProjectInput::parse(json!({
        "number": NUMBER, "name": "Big", "client_id": client_id, "status_id": status_id,
        "settings": {
            "show_phases": true, "show_phase_completion": true, "show_tasks": true,
            "visible_task_fields": ["description", "due_date", "status", "assigned_to",
                                    "estimated_hours", "priority", "checklist_progress",
                                    "dependencies", "document_uploads"],
        },
    }))?;
    apply::upsert_project(db, tenant, project_id, &project, now).await?;
    let plan = PlanInput::parse(plan_body())?;
    let started = Instant::now();
    let counts = apply::replace_plan(db, tenant, project_id, &plan, now).await?;
    let plan_took = started.elapsed();
    anyhow::ensure!(
        counts.tasks == TASKS && counts.dependencies == DEPENDENCIES,
        "the plan holds {} tasks and {} dependencies",
        counts.tasks,
        counts.dependencies
    );
    let seeded = Seeded {
        slug: info.slug,
        emails: made.into_iter().map(|u| u.email).collect(),
        plan_took,
        last_task: task_name(TASKS - 1),
    };
    Ok((seeded, tenant, client_id))
}

// ---------------------------------------------------------------------------------------------
// Where the time goes: the page's reads and its graph, in process.
