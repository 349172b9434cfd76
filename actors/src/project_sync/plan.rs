//! A project's plan from the PSA: its phases, status mappings (the kanban's columns), tasks and
//! dependencies, sent whole and replaced whole in one transaction — what the PSA no longer
//! sends is removed (a removed task takes its dependencies and documents with it). Array order
//! is display order. Every refusal names its place (`tasks[3].phase_id`) and writes nothing.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::input::{long_text as text, minutes, opt_date};
use crate::ticket_sync::input::Fields;
use crate::ticket_sync::SyncError;

/// Most phases, status mappings, tasks and dependencies one plan may hold.
pub const MAX_PHASES: usize = 200;
pub const MAX_STATUS_MAPPINGS: usize = 50;
pub const MAX_TASKS: usize = 5_000;
pub const MAX_DEPENDENCIES: usize = 20_000;
/// Longest task description, in characters.
pub const MAX_TASK_DESCRIPTION_CHARS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseInput {
    pub phase_id: Uuid,
    pub name: String,
    pub description: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusMappingInput {
    pub mapping_id: Uuid,
    pub name: String,
    pub is_closed: bool,
    pub is_client_visible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskInput {
    pub task_id: Uuid,
    pub name: String,
    pub description: String,
    pub phase_id: Option<Uuid>,
    pub status_mapping_id: Uuid,
    pub due_date: Option<NaiveDate>,
    pub assignee_name: Option<String>,
    pub estimated_minutes: Option<i64>,
    pub actual_minutes: Option<i64>,
    pub priority: Option<String>,
    pub checklist_done: i64,
    pub checklist_total: i64,
    pub services: Vec<String>,
}

/// `blocks`: `predecessor` must finish before `successor`; `related_to`: no order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKind {
    Blocks,
    RelatedTo,
}

impl DependencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DependencyKind::Blocks => "blocks",
            DependencyKind::RelatedTo => "related_to",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct DependencyInput {
    pub predecessor: Uuid,
    pub successor: Uuid,
    pub kind: DependencyKind,
}

/// `PUT /integration/v1/projects/{id}/plan`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanInput {
    pub phases: Vec<PhaseInput>,
    pub status_mappings: Vec<StatusMappingInput>,
    pub tasks: Vec<TaskInput>,
    pub dependencies: Vec<DependencyInput>,
}

/// What a plan holds after it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlanCounts {
    pub phases: usize,
    pub status_mappings: usize,
    pub tasks: usize,
    pub dependencies: usize,
}

fn bad(field: &str, message: impl Into<String>) -> SyncError {
    SyncError::invalid(field, message)
}

/// Renames an item's refusal to its place in the plan (`tasks[3].name`).
fn at(place: &str) -> impl Fn(SyncError) -> SyncError + '_ {
    move |e| match e {
        SyncError::Invalid { field, message } if field == "body" => bad(place, message),
        SyncError::Invalid { field, message } => bad(&format!("{place}.{field}"), message),
        other => other,
    }
}

/// The items of the list `field` (missing: none), at most `max`.
fn items<'a>(body: &'a Value, field: &str, max: usize) -> Result<&'a [Value], SyncError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) if items.len() <= max => Ok(items.as_slice()),
        Some(Value::Array(_)) => Err(bad(field, format!("at most {max} items"))),
        Some(_) => Err(bad(field, "must be an array")),
    }
}

fn count(value: Option<&Value>, field: &str) -> Result<i64, SyncError> {
    match value {
        None | Some(Value::Null) => Ok(0),
        Some(v) => v
            .as_i64()
            .filter(|n| (0..=10_000).contains(n))
            .ok_or_else(|| bad(field, "must be a whole number from 0 to 10000")),
    }
}

/// Each id once per list.
fn unique(seen: &mut HashSet<Uuid>, id: Uuid, place: &str) -> Result<(), SyncError> {
    if seen.insert(id) {
        Ok(())
    } else {
        Err(bad(&format!("{place}.id"), "appears twice"))
    }
}

impl PlanInput {
    pub fn parse(body: Value) -> Result<PlanInput, SyncError> {
        Fields::new(
            body.clone(),
            &["phases", "status_mappings", "tasks", "dependencies"],
        )?;
        let mut plan = PlanInput::default();
        let mut phase_ids = HashSet::new();
        for (i, item) in items(&body, "phases", MAX_PHASES)?.iter().enumerate() {
            let place = format!("phases[{i}]");
            let phase = parse_phase(item.clone()).map_err(at(&place))?;
            unique(&mut phase_ids, phase.phase_id, &place)?;
            plan.phases.push(phase);
        }
        let mut mapping_ids = HashSet::new();
        for (i, item) in items(&body, "status_mappings", MAX_STATUS_MAPPINGS)?
            .iter()
            .enumerate()
        {
            let place = format!("status_mappings[{i}]");
            let mapping = parse_mapping(item.clone()).map_err(at(&place))?;
            unique(&mut mapping_ids, mapping.mapping_id, &place)?;
            plan.status_mappings.push(mapping);
        }
        let mut task_ids = HashSet::new();
        for (i, item) in items(&body, "tasks", MAX_TASKS)?.iter().enumerate() {
            let place = format!("tasks[{i}]");
            let task = parse_task(item.clone()).map_err(at(&place))?;
            unique(&mut task_ids, task.task_id, &place)?;
            if task.phase_id.is_some_and(|p| !phase_ids.contains(&p)) {
                return Err(bad(
                    &format!("{place}.phase_id"),
                    "not a phase of this plan",
                ));
            }
            if !mapping_ids.contains(&task.status_mapping_id) {
                return Err(bad(
                    &format!("{place}.status_mapping_id"),
                    "not a status mapping of this plan",
                ));
            }
            plan.tasks.push(task);
        }
        let mut seen = HashSet::new();
        for (i, item) in items(&body, "dependencies", MAX_DEPENDENCIES)?
            .iter()
            .enumerate()
        {
            let place = format!("dependencies[{i}]");
            let (dep, task, other) = parse_dependency(item.clone()).map_err(at(&place))?;
            for (end, id) in [("task_id", task), ("depends_on", other)] {
                if !task_ids.contains(&id) {
                    return Err(bad(&format!("{place}.{end}"), "not a task of this plan"));
                }
            }
            if dep.predecessor == dep.successor {
                return Err(bad(&place, "a task cannot depend on itself"));
            }
            if seen.insert(dep) {
                plan.dependencies.push(dep);
            }
        }
        Ok(plan)
    }
}

fn parse_phase(body: Value) -> Result<PhaseInput, SyncError> {
    let f = Fields::new(
        body,
        &["id", "name", "description", "start_date", "end_date"],
    )?;
    let (start_date, end_date) = (opt_date(&f, "start_date")?, opt_date(&f, "end_date")?);
    if let (Some(start), Some(end)) = (start_date, end_date) {
        if end < start {
            return Err(bad("end_date", "must not be before start_date"));
        }
    }
    Ok(PhaseInput {
        phase_id: f.uuid("id")?,
        name: f.name("name")?,
        description: text(&f, "description", MAX_TASK_DESCRIPTION_CHARS)?,
        start_date,
        end_date,
    })
}

fn parse_mapping(body: Value) -> Result<StatusMappingInput, SyncError> {
    let f = Fields::new(body, &["id", "name", "is_closed", "client_visible"])?;
    Ok(StatusMappingInput {
        mapping_id: f.uuid("id")?,
        name: f.name("name")?,
        is_closed: f.opt_bool("is_closed")?.unwrap_or(false),
        is_client_visible: f.opt_bool("client_visible")?.unwrap_or(true),
    })
}

fn parse_task(body: Value) -> Result<TaskInput, SyncError> {
    let f = Fields::new(
        body,
        &[
            "id",
            "name",
            "description",
            "phase_id",
            "status_mapping_id",
            "due_date",
            "assigned_to",
            "estimated_hours",
            "actual_hours",
            "priority",
            "checklist",
            "services",
        ],
    )?;
    let (checklist_done, checklist_total) = match f.get("checklist") {
        None => (0, 0),
        Some(Value::Object(c)) => {
            if let Some(unknown) = c.keys().find(|k| !["done", "total"].contains(&k.as_str())) {
                return Err(bad(&format!("checklist.{unknown}"), "unknown field"));
            }
            let done = count(c.get("done"), "checklist.done")?;
            let total = count(c.get("total"), "checklist.total")?;
            if done > total {
                return Err(bad(
                    "checklist.done",
                    "must not be more than checklist.total",
                ));
            }
            (done, total)
        }
        Some(_) => return Err(bad("checklist", "must be an object {done, total}")),
    };
    let services = match f.get("services") {
        None => Vec::new(),
        Some(Value::Array(names)) if names.len() <= 50 => {
            let mut out = Vec::new();
            for name in names {
                let name = name
                    .as_str()
                    .map(str::trim)
                    .filter(|n| !n.is_empty() && n.chars().count() <= 100)
                    .filter(|n| !n.chars().any(char::is_control))
                    .ok_or_else(|| bad("services", "must be up to 50 names of 1–100 characters"))?;
                out.push(name.to_owned());
            }
            out
        }
        Some(_) => {
            return Err(bad(
                "services",
                "must be up to 50 names of 1–100 characters",
            ))
        }
    };
    Ok(TaskInput {
        task_id: f.uuid("id")?,
        name: f.name("name")?,
        description: text(&f, "description", MAX_TASK_DESCRIPTION_CHARS)?,
        phase_id: f.opt_uuid("phase_id")?,
        status_mapping_id: f.uuid("status_mapping_id")?,
        due_date: opt_date(&f, "due_date")?,
        assignee_name: f.opt_name("assigned_to")?,
        estimated_minutes: minutes(&f, "estimated_hours")?,
        actual_minutes: minutes(&f, "actual_hours")?,
        priority: f.opt_name("priority")?,
        checklist_done,
        checklist_total,
        services,
    })
}

/// `{"task_id", "depends_on", "type"}`: `blocked_by` (the default: the task waits for
/// `depends_on`) and `blocks` (the task holds `depends_on` up) are stored as one `blocks`
/// edge; `related_to` has no order.
fn parse_dependency(body: Value) -> Result<(DependencyInput, Uuid, Uuid), SyncError> {
    let f = Fields::new(body, &["task_id", "depends_on", "type"])?;
    let task = f.uuid("task_id")?;
    let other = f.uuid("depends_on")?;
    let (predecessor, successor, kind) = match f.opt_str("type")?.map(str::trim) {
        None | Some("blocked_by") => (other, task, DependencyKind::Blocks),
        Some("blocks") => (task, other, DependencyKind::Blocks),
        Some("related_to") => (task, other, DependencyKind::RelatedTo),
        Some(_) => return Err(bad("type", "must be blocked_by, blocks or related_to")),
    };
    let dep = DependencyInput {
        predecessor,
        successor,
        kind,
    };
    Ok((dep, task, other))
}

impl PlanInput {
    /// The plan in the shape the PSA sends it (`blocks` dependencies as `blocked_by`).
    pub fn to_json(&self) -> Value {
        let hours = |m: Option<i64>| super::hours(m).map_or(Value::Null, Value::from);
        serde_json::json!({
            "phases": self.phases.iter().map(|p| serde_json::json!({
                "id": p.phase_id, "name": p.name, "description": p.description,
                "start_date": p.start_date, "end_date": p.end_date,
            })).collect::<Vec<_>>(),
            "status_mappings": self.status_mappings.iter().map(|m| serde_json::json!({
                "id": m.mapping_id, "name": m.name, "is_closed": m.is_closed,
                "client_visible": m.is_client_visible,
            })).collect::<Vec<_>>(),
            "tasks": self.tasks.iter().map(|t| serde_json::json!({
                "id": t.task_id, "name": t.name, "description": t.description,
                "phase_id": t.phase_id, "status_mapping_id": t.status_mapping_id,
                "due_date": t.due_date, "assigned_to": t.assignee_name,
                "estimated_hours": hours(t.estimated_minutes),
                "actual_hours": hours(t.actual_minutes), "priority": t.priority,
                "checklist": {"done": t.checklist_done, "total": t.checklist_total},
                "services": t.services,
            })).collect::<Vec<_>>(),
            "dependencies": self.dependencies.iter().map(|d| match d.kind {
                DependencyKind::Blocks => serde_json::json!({
                    "task_id": d.successor, "depends_on": d.predecessor, "type": "blocked_by",
                }),
                DependencyKind::RelatedTo => serde_json::json!({
                    "task_id": d.predecessor, "depends_on": d.successor, "type": "related_to",
                }),
            }).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids() -> (Uuid, Uuid, Uuid, Uuid) {
        (
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
        )
    }

    #[test]
    fn a_plan_round_trips_through_its_json() {
        let (phase, col, a, b) = ids();
        let body = json!({
            "phases": [{"id": phase, "name": "Design", "start_date": "2026-01-05"}],
            "status_mappings": [{"id": col, "name": "To do"}],
            "tasks": [
                {"id": a, "name": "Survey", "phase_id": phase, "status_mapping_id": col,
                 "estimated_hours": 1.5, "checklist": {"done": 1, "total": 3},
                 "services": ["Cabling"]},
                {"id": b, "name": "Order", "status_mapping_id": col},
            ],
            "dependencies": [{"task_id": b, "depends_on": a}],
        });
        let plan = PlanInput::parse(body).unwrap();
        assert_eq!(plan.tasks[0].estimated_minutes, Some(90));
        assert_eq!(
            plan.dependencies,
            vec![DependencyInput {
                predecessor: a,
                successor: b,
                kind: DependencyKind::Blocks
            }]
        );
        assert!(plan.status_mappings[0].is_client_visible);
        assert_eq!(PlanInput::parse(plan.to_json()).unwrap(), plan);
    }

    #[test]
    fn every_refusal_names_its_place() {
        let (phase, col, a, b) = ids();
        let task = |extra: Value| {
            let mut t = json!({"id": a, "name": "T", "status_mapping_id": col});
            if let (Value::Object(t), Value::Object(e)) = (&mut t, extra) {
                t.extend(e);
            }
            t
        };
        let base = |tasks: Vec<Value>, deps: Vec<Value>| {
            json!({"phases": [{"id": phase, "name": "P"}],
                   "status_mappings": [{"id": col, "name": "C"}],
                   "tasks": tasks, "dependencies": deps})
        };
        for (body, named) in [
            (
                base(vec![task(json!({"phase_id": b}))], vec![]),
                "tasks[0].phase_id",
            ),
            (
                base(vec![task(json!({"status_mapping_id": b}))], vec![]),
                "tasks[0].status_mapping_id",
            ),
            (
                base(vec![task(json!({})), task(json!({}))], vec![]),
                "tasks[1].id",
            ),
            (
                base(vec![task(json!({"name": ""}))], vec![]),
                "tasks[0].name",
            ),
            (
                base(
                    vec![task(json!({"checklist": {"done": 4, "total": 3}}))],
                    vec![],
                ),
                "tasks[0].checklist.done",
            ),
            (
                base(vec![task(json!({"secret": 1}))], vec![]),
                "tasks[0].secret",
            ),
            (
                base(
                    vec![task(json!({}))],
                    vec![json!({"task_id": a, "depends_on": b})],
                ),
                "dependencies[0].depends_on",
            ),
            (
                base(
                    vec![task(json!({}))],
                    vec![json!({"task_id": a, "depends_on": a})],
                ),
                "dependencies[0]",
            ),
            (
                base(
                    vec![task(json!({}))],
                    vec![json!({"task_id": a, "depends_on": a, "type": "after"})],
                ),
                "dependencies[0].type",
            ),
            (json!({"tasks": "all"}), "tasks"),
            (json!({"milestones": []}), "milestones"),
        ] {
            match PlanInput::parse(body.clone()) {
                Err(SyncError::Invalid { field, .. }) => assert_eq!(field, named, "{body}"),
                other => panic!("{body}: {other:?}"),
            }
        }
    }
}
