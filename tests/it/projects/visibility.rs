//! What a project shows is the MSP's choice: each switch and each task field on and off, present
//! or absent in the HTML, and a hidden field's value in no response at all (it is never read).

use serde_json::{json, Value};

use super::*;
use crate::helpers::spawn_app;

/// Every page a client could reach the project's data through.
async fn bodies(b: &Browser) -> Vec<String> {
    let mut out = Vec::new();
    for path in [
        "/client-portal/projects",
        "/client-portal/projects?status=all&q=office",
        "/client-portal/projects/PRJ-1?view=kanban",
        "/client-portal/projects/PRJ-1?view=list",
        "/client-portal/dashboard",
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        out.push(page.body);
    }
    out
}

const FIELD_SENTINELS: [(&str, &str); 8] = [
    ("description", SENTINEL_DESCRIPTION),
    ("due_date", SENTINEL_DUE),
    ("assigned_to", SENTINEL_ASSIGNEE),
    ("estimated_hours", SENTINEL_ESTIMATE),
    ("actual_hours", SENTINEL_ACTUAL),
    ("priority", SENTINEL_PRIORITY),
    ("checklist_progress", SENTINEL_CHECKLIST),
    ("services", SENTINEL_SERVICE),
];

fn anywhere(bodies: &[String], text: &str) -> bool {
    bodies.iter().any(|b| b.contains(text))
}

#[actix_web::test]
async fn with_everything_off_no_hidden_value_reaches_any_response() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, settings_all_off()).await;
    let b = browser(&w, &w.ada).await;
    let all = bodies(&b).await;
    for (field, sentinel) in FIELD_SENTINELS {
        assert!(!anywhere(&all, sentinel), "{field} leaked");
    }
    for hidden in [
        SENTINEL_PHASE,
        SENTINEL_BUDGET,
        HIDDEN_COLUMN_TASK,
        "Survey the site",
        "Time logged",
        "Budgeted hours",
        "class=\"kanban\"",
        "<svg",
    ] {
        assert!(
            !anywhere(&all, hidden),
            "{hidden} shown with everything off"
        );
    }
    // What is always shown: name, number, status, dates, completion.
    let detail = &all[2];
    assert!(detail.contains("Office move") && detail.contains("PRJ-1"));
    assert!(detail.contains("1 of 3 tasks done (33%)"), "{detail}");
    assert!(detail.contains("does not share this project"), "{detail}");
}

#[actix_web::test]
async fn each_task_field_shows_only_when_chosen() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, settings_all_off()).await;
    let b = browser(&w, &w.ada).await;
    for (field, sentinel) in FIELD_SENTINELS {
        set_settings(
            &w,
            json!({"show_tasks": true, "visible_task_fields": [field]}),
        )
        .await;
        let all = bodies(&b).await;
        assert!(
            all[3].contains(sentinel),
            "{field} chosen but not shown: {}",
            all[3]
        );
        for (other, other_sentinel) in FIELD_SENTINELS {
            if other != field {
                assert!(
                    !anywhere(&all, other_sentinel),
                    "{other} leaked while only {field} is on"
                );
            }
        }
        assert!(
            !anywhere(&all, HIDDEN_COLUMN_TASK),
            "a task in a hidden column"
        );
        assert!(
            all[2].contains("Survey the site"),
            "task names are always shown"
        );
    }

    // Status: the list view says each task's status only when chosen.
    set_settings(
        &w,
        json!({"show_tasks": true, "visible_task_fields": ["status"]}),
    )
    .await;
    let list = b.get("/client-portal/projects/PRJ-1?view=list").await.body;
    assert!(list.contains("<dt>Status</dt><dd>Done</dd>"), "{list}");
    set_settings(&w, json!({"show_tasks": true, "visible_task_fields": []})).await;
    let list = b.get("/client-portal/projects/PRJ-1?view=list").await.body;
    assert!(!list.contains("<dt>Status</dt><dd>Done</dd>"), "{list}");

    // Dependencies: badges, the graph and its text only when chosen.
    let off = b.get("/client-portal/projects/PRJ-1").await.body;
    assert!(
        !off.contains("Depends on") && !off.contains("<svg"),
        "{off}"
    );
    set_settings(
        &w,
        json!({"show_tasks": true, "visible_task_fields": ["dependencies"]}),
    )
    .await;
    let on = b.get("/client-portal/projects/PRJ-1").await.body;
    assert!(on.contains("Depends on") && on.contains("Blocks"), "{on}");
    assert!(
        on.contains("<svg") && on.contains("Longest chain (3 tasks)"),
        "{on}"
    );

    // Document uploads: the form only when chosen (and the role may upload).
    assert!(!on.contains("Add a document"));
    set_settings(
        &w,
        json!({"show_tasks": true, "visible_task_fields": ["document_uploads"]}),
    )
    .await;
    let uploads = b.get("/client-portal/projects/PRJ-1").await.body;
    assert!(uploads.contains("Add a document") && !uploads.contains("multipart/form-data"));
    // The link opens that task's form (one form, not one per task).
    let task = w.tasks[0];
    let form = b
        .get(&format!("/client-portal/projects/PRJ-1?upload={task}"))
        .await
        .body;
    assert_eq!(form.matches("multipart/form-data").count(), 1, "{form}");
    assert!(form.contains(&format!("/tasks/{task}/documents")));
    let fin = browser(&w, &w.fin).await;
    let fin_page = fin.get("/client-portal/projects/PRJ-1").await.body;
    assert!(
        !fin_page.contains("Add a document"),
        "Finance holds no project:upload"
    );
}

#[actix_web::test]
async fn each_switch_shows_its_part_only_when_on() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, settings_all_off()).await;
    let b = browser(&w, &w.ada).await;
    let detail = |settings: Value| {
        let (w, b) = (&w, &b);
        async move {
            set_settings(w, settings).await;
            b.get("/client-portal/projects/PRJ-1?view=list").await.body
        }
    };
    let phases = detail(json!({"show_phases": true})).await;
    assert!(
        phases.contains(SENTINEL_PHASE) && phases.contains(">Phases</h2>"),
        "{phases}"
    );
    assert!(!phases.contains("0 of 1 task done") && !phases.contains("2 tasks done"));
    let completion = detail(json!({"show_phases": true, "show_phase_completion": true})).await;
    assert!(
        completion.contains("1 of 2 tasks done (50%)"),
        "{completion}"
    );
    let no_phases = detail(json!({"show_phase_completion": true})).await;
    assert!(!no_phases.contains(SENTINEL_PHASE) && !no_phases.contains(">Phases</h2>"));

    let tasks = detail(json!({"show_tasks": true})).await;
    assert!(tasks.contains("Survey the site") && tasks.contains("Install the kit"));
    assert!(!tasks.contains(HIDDEN_COLUMN_TASK));
    assert!(
        !tasks.contains(SENTINEL_PHASE),
        "phase headings only with show_phases"
    );

    let budget = detail(json!({"show_budget_hours": true})).await;
    assert!(
        budget.contains("Budgeted hours") && budget.contains(SENTINEL_BUDGET),
        "{budget}"
    );
    let no_budget = detail(json!({})).await;
    assert!(!no_budget.contains(SENTINEL_BUDGET) && !no_budget.contains("Budgeted hours"));

    let billing = detail(json!({"show_billing": true})).await;
    assert!(
        billing.contains("Time logged") && billing.contains(SENTINEL_ACTUAL),
        "{billing}"
    );
    assert!(!detail(json!({})).await.contains("Time logged"));
}
