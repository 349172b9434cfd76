//! The JSON the PSA sends about projects, read field by field: every refusal names its field.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::ticket_sync::input::Fields;
use crate::ticket_sync::SyncError;

/// Longest project number, WBS code, in characters.
pub const MAX_NUMBER_CHARS: usize = 50;
/// Longest project description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
/// Most budgeted hours a project can have.
pub const MAX_HOURS: f64 = 1_000_000.0;

fn bad(field: &str, message: impl Into<String>) -> SyncError {
    SyncError::invalid(field, message)
}

/// `PUT /integration/v1/project-statuses/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectStatusInput {
    pub name: String,
    pub is_closed: bool,
    pub display_order: i64,
}

impl ProjectStatusInput {
    pub fn parse(body: Value) -> Result<ProjectStatusInput, SyncError> {
        let f = Fields::new(body, &["name", "is_closed", "display_order"])?;
        Ok(ProjectStatusInput {
            name: f.name("name")?,
            is_closed: f.opt_bool("is_closed")?.unwrap_or(false),
            display_order: f.order("display_order")?,
        })
    }
}

/// A task field a project may show its clients (`task_name` always).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskField {
    TaskName,
    Description,
    DueDate,
    Status,
    AssignedTo,
    EstimatedHours,
    ActualHours,
    Priority,
    ChecklistProgress,
    Services,
    Dependencies,
    DocumentUploads,
}

impl TaskField {
    pub const ALL: [TaskField; 12] = [
        TaskField::TaskName,
        TaskField::Description,
        TaskField::DueDate,
        TaskField::Status,
        TaskField::AssignedTo,
        TaskField::EstimatedHours,
        TaskField::ActualHours,
        TaskField::Priority,
        TaskField::ChecklistProgress,
        TaskField::Services,
        TaskField::Dependencies,
        TaskField::DocumentUploads,
    ];

    /// The field's name in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskField::TaskName => "task_name",
            TaskField::Description => "description",
            TaskField::DueDate => "due_date",
            TaskField::Status => "status",
            TaskField::AssignedTo => "assigned_to",
            TaskField::EstimatedHours => "estimated_hours",
            TaskField::ActualHours => "actual_hours",
            TaskField::Priority => "priority",
            TaskField::ChecklistProgress => "checklist_progress",
            TaskField::Services => "services",
            TaskField::Dependencies => "dependencies",
            TaskField::DocumentUploads => "document_uploads",
        }
    }

    pub fn parse(raw: &str) -> Option<TaskField> {
        TaskField::ALL
            .into_iter()
            .find(|f| f.as_str() == raw.trim())
    }
}

/// What the MSP shows the client of one project. Defaults: everything off; task name, due
/// date and status shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectSettings {
    pub show_phases: bool,
    pub show_phase_completion: bool,
    pub show_tasks: bool,
    pub show_budget_hours: bool,
    pub show_billing: bool,
    /// Sorted, without repeats, `task_name` always included.
    pub visible_task_fields: Vec<TaskField>,
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            show_phases: false,
            show_phase_completion: false,
            show_tasks: false,
            show_budget_hours: false,
            show_billing: false,
            visible_task_fields: vec![TaskField::TaskName, TaskField::DueDate, TaskField::Status],
        }
    }
}

impl ProjectSettings {
    /// The fields as stored: comma-separated names.
    pub fn fields_text(&self) -> String {
        self.visible_task_fields
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads the stored comma-separated names (unknown ones, from a later version, are skipped).
    pub fn fields_from_text(text: &str) -> Vec<TaskField> {
        normalized(text.split(',').filter_map(TaskField::parse).collect())
    }

    fn parse(value: Option<&Value>) -> Result<ProjectSettings, SyncError> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return Ok(ProjectSettings::default());
        };
        let body = value.clone();
        let f = Fields::new(
            body,
            &[
                "show_phases",
                "show_phase_completion",
                "show_tasks",
                "show_budget_hours",
                "show_billing",
                "visible_task_fields",
            ],
        )
        .map_err(|e| match e {
            SyncError::Invalid { field, message } if field == "body" => {
                bad("settings", message.replace("JSON object", "object"))
            }
            SyncError::Invalid { field, message } => bad(&format!("settings.{field}"), message),
            other => other,
        })?;
        let flag = |name: &str| {
            f.opt_bool(name)
                .map(|v| v.unwrap_or(false))
                .map_err(|_| bad(&format!("settings.{name}"), "must be true or false"))
        };
        let visible_task_fields = match f.get("visible_task_fields") {
            None => ProjectSettings::default().visible_task_fields,
            Some(Value::Array(items)) => {
                let mut fields = Vec::new();
                for item in items {
                    let known = item.as_str().and_then(TaskField::parse).ok_or_else(|| {
                        bad(
                            "settings.visible_task_fields",
                            format!("unknown task field {item}"),
                        )
                    })?;
                    fields.push(known);
                }
                normalized(fields)
            }
            Some(_) => {
                return Err(bad(
                    "settings.visible_task_fields",
                    "must be an array of task field names",
                ))
            }
        };
        Ok(ProjectSettings {
            show_phases: flag("show_phases")?,
            show_phase_completion: flag("show_phase_completion")?,
            show_tasks: flag("show_tasks")?,
            show_budget_hours: flag("show_budget_hours")?,
            show_billing: flag("show_billing")?,
            visible_task_fields,
        })
    }
}

/// Sorted, without repeats, with `task_name`.
fn normalized(mut fields: Vec<TaskField>) -> Vec<TaskField> {
    fields.push(TaskField::TaskName);
    fields.sort_unstable();
    fields.dedup();
    fields
}

/// `PUT /integration/v1/projects/{id}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectInput {
    pub number: String,
    pub name: String,
    pub description: String,
    pub client_id: Uuid,
    pub status_id: Uuid,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub wbs_code: Option<String>,
    pub budgeted_minutes: Option<i64>,
    pub inactive: bool,
    pub settings: ProjectSettings,
}

impl ProjectInput {
    pub fn parse(body: Value) -> Result<ProjectInput, SyncError> {
        let settings = ProjectSettings::parse(body.get("settings"))?;
        let f = Fields::new(
            body,
            &[
                "number",
                "name",
                "description",
                "client_id",
                "status_id",
                "start_date",
                "end_date",
                "wbs_code",
                "budgeted_hours",
                "inactive",
                "settings",
            ],
        )?;
        let start_date = opt_date(&f, "start_date")?;
        let end_date = opt_date(&f, "end_date")?;
        if let (Some(start), Some(end)) = (start_date, end_date) {
            if end < start {
                return Err(bad("end_date", "must not be before start_date"));
            }
        }
        Ok(ProjectInput {
            number: short_text(&f, "number", MAX_NUMBER_CHARS)?
                .ok_or_else(|| bad("number", "required"))?,
            name: f.name("name")?,
            description: long_text(&f, "description", MAX_DESCRIPTION_CHARS)?,
            client_id: f.uuid("client_id")?,
            status_id: f.uuid("status_id")?,
            start_date,
            end_date,
            wbs_code: short_text(&f, "wbs_code", MAX_NUMBER_CHARS)?,
            budgeted_minutes: minutes(&f, "budgeted_hours")?,
            inactive: f.opt_bool("inactive")?.unwrap_or(false),
            settings,
        })
    }
}

/// A `YYYY-MM-DD` date.
pub(crate) fn opt_date(f: &Fields, field: &str) -> Result<Option<NaiveDate>, SyncError> {
    match f.opt_str(field)?.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| bad(field, "must be a date as YYYY-MM-DD")),
    }
}

/// A one-line text of at most `max` characters; empty is none.
fn short_text(f: &Fields, field: &str, max: usize) -> Result<Option<String>, SyncError> {
    let Some(raw) = f.opt_str(field)? else {
        return Ok(None);
    };
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max {
        return Err(bad(field, format!("too long (at most {max} characters)")));
    }
    if value.chars().any(char::is_control) {
        return Err(bad(field, "control characters are not allowed"));
    }
    Ok(Some(value.to_owned()))
}

/// A description of at most `max` characters: plain text, line breaks kept.
pub(crate) fn long_text(f: &Fields, field: &str, max: usize) -> Result<String, SyncError> {
    let value = f.opt_str(field)?.unwrap_or("").trim();
    if value.chars().count() > max {
        return Err(bad(field, format!("too long (at most {max} characters)")));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(bad(field, "control characters are not allowed"));
    }
    Ok(value.to_owned())
}

/// Hours (a number, 0 to `MAX_HOURS`) as whole minutes.
pub(super) fn minutes(f: &Fields, field: &str) -> Result<Option<i64>, SyncError> {
    let Some(value) = f.get(field) else {
        return Ok(None);
    };
    let hours = value
        .as_f64()
        .filter(|h| h.is_finite() && (0.0..=MAX_HOURS).contains(h))
        .ok_or_else(|| bad(field, "must be a number of hours from 0 to 1000000"))?;
    Ok(Some((hours * 60.0).round() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn project(extra: Value) -> Value {
        let mut body = json!({
            "number": "PRJ-1", "name": "Office move",
            "client_id": "7f000000-0000-4000-8000-000000000001",
            "status_id": "7f000000-0000-4000-8000-000000000002",
        });
        if let (Value::Object(b), Value::Object(e)) = (&mut body, extra) {
            b.extend(e);
        }
        body
    }

    #[test]
    fn a_project_is_read_with_its_settings() {
        let p = ProjectInput::parse(project(json!({
            "start_date": "2026-01-05", "end_date": "2026-03-31", "budgeted_hours": 12.5,
            "settings": {"show_tasks": true,
                         "visible_task_fields": ["priority", "status", "priority"]}
        })))
        .unwrap();
        assert_eq!(p.budgeted_minutes, Some(750));
        assert!(p.settings.show_tasks && !p.settings.show_phases);
        assert_eq!(
            p.settings.visible_task_fields,
            vec![TaskField::TaskName, TaskField::Status, TaskField::Priority]
        );
        assert_eq!(p.settings.fields_text(), "task_name,status,priority");
        let d = ProjectInput::parse(project(json!({}))).unwrap();
        assert_eq!(d.settings, ProjectSettings::default());
        assert_eq!(d.settings.fields_text(), "task_name,due_date,status");
    }

    #[test]
    fn every_refusal_names_its_field() {
        for (extra, named) in [
            (json!({"number": ""}), "number"),
            (json!({"number": "x".repeat(51)}), "number"),
            (json!({"name": ""}), "name"),
            (json!({"client_id": "nope"}), "client_id"),
            (json!({"start_date": "05/01/2026"}), "start_date"),
            (
                json!({"start_date": "2026-02-01", "end_date": "2026-01-01"}),
                "end_date",
            ),
            (json!({"budgeted_hours": -1}), "budgeted_hours"),
            (json!({"budgeted_hours": "12"}), "budgeted_hours"),
            (json!({"description": "x".repeat(20_001)}), "description"),
            (json!({"settings": "all"}), "settings"),
            (
                json!({"settings": {"show_gantt": true}}),
                "settings.show_gantt",
            ),
            (
                json!({"settings": {"show_tasks": "yes"}}),
                "settings.show_tasks",
            ),
            (
                json!({"settings": {"visible_task_fields": ["salary"]}}),
                "settings.visible_task_fields",
            ),
            (json!({"owner": "x"}), "owner"),
        ] {
            match ProjectInput::parse(project(extra.clone())) {
                Err(SyncError::Invalid { field, .. }) => assert_eq!(field, named, "{extra}"),
                other => panic!("{extra}: {other:?}"),
            }
        }
    }
}
