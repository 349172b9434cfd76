//! The portal's project pages: the list (filters, search, sorting, pages), a project's page as
//! the MSP chose to show it (every visibility switch and task field on and off, hidden values
//! never in any response), kanban and list views remembered per user, dependencies (badges, the
//! SVG for a chain and for a cycle), documents (downloads hardened, uploads allowed and
//! refused), permissions and isolation, the navigation and the dashboard card.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{Browser, TestApp};
use crate::ticket_data::{self as data, Person};
use crate::ticket_fixtures::Api;

mod documents;
mod graph;
mod pages;
mod visibility;

/// Distinct values of every task field, to search responses for.
pub const SENTINEL_DESCRIPTION: &str = "Sentinel-description-4471";
pub const SENTINEL_ASSIGNEE: &str = "Sentinel-assignee-4472";
pub const SENTINEL_PRIORITY: &str = "Sentinel-priority-4473";
pub const SENTINEL_SERVICE: &str = "Sentinel-service-4474";
/// 123.25 h estimated, 77.75 h actual, checklist 7 of 9, due Jul 19, 2031, budget 4,321 h.
pub const SENTINEL_ESTIMATE: &str = "123.25 h";
pub const SENTINEL_ACTUAL: &str = "77.75 h";
pub const SENTINEL_CHECKLIST: &str = "7 / 9";
pub const SENTINEL_DUE: &str = "Jul 19, 2031";
pub const SENTINEL_BUDGET: &str = "4,321 h";
pub const SENTINEL_PHASE: &str = "Sentinel-phase-4475";
pub const HIDDEN_COLUMN_TASK: &str = "Sentinel-hidden-column-task-4476";

/// A tenant's projects as the PSA wrote them, and the people who look at them.
pub struct World {
    pub app: TestApp,
    pub api: Api,
    /// Acme, role User (project:read, project:upload).
    pub ada: Person,
    /// Acme, role Finance (project:read only).
    pub fin: Person,
    /// Globex, role User.
    pub gus: Person,
    pub open: Uuid,
    pub on_hold: Uuid,
    pub done: Uuid,
    /// Acme's main project (PRJ-1) and its tasks `a` → `b` → `c`.
    pub project: Uuid,
    pub tasks: [Uuid; 3],
}

pub fn settings_all_off() -> Value {
    json!({"visible_task_fields": []})
}

pub async fn put_status(api: &Api, name: &str, closed: bool, order: i64) -> Uuid {
    let id = Uuid::new_v4();
    let (status, body) = api
        .put(
            &format!("/project-statuses/{id}"),
            &json!({"name": name, "is_closed": closed, "display_order": order}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    id
}

/// Upserts a project (`extra` merged into the body).
pub async fn put_project(
    api: &Api,
    id: Uuid,
    number: &str,
    client: Uuid,
    status: Uuid,
    extra: Value,
) {
    let mut body = json!({
        "number": number, "name": format!("Project {number}"), "client_id": client,
        "status_id": status, "description": format!("About {number}."),
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    let (code, answer) = api.put(&format!("/projects/{id}"), &body).await;
    assert!(code == 201 || code == 200, "{code} {answer}");
}

/// Sets the main project's settings (everything else as `world` made it).
pub async fn set_settings(w: &World, settings: Value) {
    put_project(
        &w.api,
        w.project,
        "PRJ-1",
        w.ada.client_id,
        w.open,
        json!({"name": "Office move", "budgeted_hours": 4321, "settings": settings}),
    )
    .await;
}

/// Three tasks a → b → c (every field a sentinel on `a`), one phase, a visible "To do" and
/// "Done" column and a hidden column holding a task clients must never see.
pub fn plan(tasks: [Uuid; 3], hidden_task: Uuid) -> Value {
    let (phase, todo, done, hidden) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    json!({
        "phases": [{"id": phase, "name": SENTINEL_PHASE, "start_date": "2031-07-01"}],
        "status_mappings": [
            {"id": todo, "name": "To do"},
            {"id": done, "name": "Done", "is_closed": true},
            {"id": hidden, "name": "Internal backlog", "client_visible": false},
        ],
        "tasks": [
            {"id": tasks[0], "name": "Survey the site", "phase_id": phase,
             "status_mapping_id": done, "description": SENTINEL_DESCRIPTION,
             "due_date": "2031-07-19", "assigned_to": SENTINEL_ASSIGNEE,
             "estimated_hours": 123.25, "actual_hours": 77.75, "priority": SENTINEL_PRIORITY,
             "checklist": {"done": 7, "total": 9}, "services": [SENTINEL_SERVICE]},
            {"id": tasks[1], "name": "Order the kit", "phase_id": phase, "status_mapping_id": todo},
            {"id": tasks[2], "name": "Install the kit", "status_mapping_id": todo},
            {"id": hidden_task, "name": HIDDEN_COLUMN_TASK, "status_mapping_id": hidden},
        ],
        "dependencies": [
            {"task_id": tasks[1], "depends_on": tasks[0]},
            {"task_id": tasks[2], "depends_on": tasks[1]},
        ],
    })
}

/// Acme's PRJ-1 with `settings`, its plan, and a few more projects: Acme's PRJ-2 (on hold),
/// PRJ-3 (completed), PRJ-4 (inactive), Globex's PRJ-9.
pub async fn world(app: TestApp, settings: Value) -> World {
    let tenant = app.tenant.clone();
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let fin = data::person(&app, &tenant, "fin@acme.example", "Acme", Some("Finance")).await;
    let gus = data::person(&app, &tenant, "gus@globex.example", "Globex", Some("User")).await;
    let api = Api::new(&app, &tenant).await;
    let open = put_status(&api, "In progress", false, 1).await;
    let on_hold = put_status(&api, "On hold", false, 2).await;
    let done = put_status(&api, "Completed", true, 3).await;
    let project = Uuid::new_v4();
    let tasks = [Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4()];
    let w = World {
        app,
        api,
        ada,
        fin,
        gus,
        open,
        on_hold,
        done,
        project,
        tasks,
    };
    set_settings(&w, settings).await;
    let (code, body) = w
        .api
        .put(
            &format!("/projects/{project}/plan"),
            &plan(tasks, Uuid::new_v4()),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let acme = w.ada.client_id;
    put_project(
        &w.api,
        Uuid::new_v4(),
        "PRJ-2",
        acme,
        on_hold,
        json!({"name": "Network refresh", "wbs_code": "7.7"}),
    )
    .await;
    put_project(
        &w.api,
        Uuid::new_v4(),
        "PRJ-3",
        acme,
        done,
        json!({"name": "Email migration"}),
    )
    .await;
    put_project(
        &w.api,
        Uuid::new_v4(),
        "PRJ-4",
        acme,
        open,
        json!({"name": "Retired work", "inactive": true}),
    )
    .await;
    put_project(
        &w.api,
        Uuid::new_v4(),
        "PRJ-9",
        w.gus.client_id,
        open,
        json!({"name": "Globex warehouse"}),
    )
    .await;
    w
}

pub async fn browser(w: &World, who: &Person) -> Browser {
    data::signed_in(&w.app, &w.app.tenant.clone(), who).await
}

/// Replaces the permissions of a role of the app's tenant (`user`, `finance`, `admin`).
pub async fn set_role(app: &TestApp, role: &str, permissions: &[&str]) {
    let resp = app
        .http
        .put(format!(
            "{}/admin/tenants/{}/roles/{role}",
            app.admin, app.tenant.slug
        ))
        .bearer_auth(crate::helpers::ADMIN_TOKEN)
        .json(&json!({ "permissions": permissions }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        200,
        "{}",
        resp.text().await.unwrap_or_default()
    );
}
