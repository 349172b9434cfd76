//! Projects from the PSA: project statuses and projects with their client-portal settings round
//! trip, an identical PUT changes nothing, every refusal names its field and writes nothing,
//! numbers are unique per tenant, and another tenant's projects are not there.

use super::*;

/// A client (through the directory) and a project status, for `api`'s tenant.
async fn client_and_status(api: &Api) -> (Uuid, Uuid) {
    let client = Uuid::new_v4();
    let (status, body) = api
        .put(&format!("/clients/{client}"), &json!({"name": "Acme"}))
        .await;
    assert_eq!(status, 201, "{body}");
    let status_id = Uuid::new_v4();
    let (status, body) = api
        .put(
            &format!("/project-statuses/{status_id}"),
            &json!({"name": "In progress", "display_order": 2}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["name"], "In progress");
    assert_eq!(body["is_closed"], false);
    (client, status_id)
}

fn project_body(client: Uuid, status_id: Uuid) -> Value {
    json!({
        "number": "PRJ-0042", "name": "Office move", "description": "Move the office.\nTwo floors.",
        "client_id": client, "status_id": status_id,
        "start_date": "2026-01-05", "end_date": "2026-03-31", "wbs_code": "1.2",
        "budgeted_hours": 120.5,
        "settings": {"show_tasks": true, "show_phases": true,
                     "visible_task_fields": ["assigned_to", "status"]}
    })
}

async fn project_rows(app: &TestApp) -> i64 {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM projects WHERE tenant = $1",
        app.tenant.id
    )
    .unwrap()
}

#[actix_web::test]
async fn projects_round_trip_with_their_settings_and_an_identical_put_changes_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (client, status_id) = client_and_status(&api).await;
    let id = Uuid::new_v4();
    let path = format!("/projects/{id}");
    let (status, created) = api.put(&path, &project_body(client, status_id)).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["project_id"], id.to_string());
    assert_eq!(created["number"], "PRJ-0042");
    assert_eq!(created["start_date"], "2026-01-05");
    assert_eq!(created["budgeted_hours"], 120.5);
    assert_eq!(created["version"], 1);
    assert_eq!(
        created["settings"],
        json!({"show_phases": true, "show_phase_completion": false, "show_tasks": true,
               "show_budget_hours": false, "show_billing": false,
               "visible_task_fields": ["task_name", "status", "assigned_to"]})
    );
    let (status, read) = api.get(&path).await;
    assert_eq!((status, &read), (200, &created));

    app.clock.advance(chrono::Duration::seconds(5));
    let (status, same) = api.put(&path, &project_body(client, status_id)).await;
    assert_eq!(
        (status, &same),
        (200, &created),
        "the same body changes nothing"
    );

    // A PUT replaces the whole project: settings left out go back to their defaults.
    let mut body = project_body(client, status_id);
    body["settings"] = Value::Null;
    body["name"] = json!("Office move (phase 2)");
    let (status, replaced) = api.put(&path, &body).await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["version"], 2);
    assert_eq!(replaced["settings"]["show_tasks"], false);
    assert_eq!(
        replaced["settings"]["visible_task_fields"],
        json!(["task_name", "due_date", "status"])
    );
    assert_ne!(replaced["updated_at"], created["updated_at"]);
    assert_eq!(replaced["created_at"], created["created_at"]);

    let (status, body) = api.get(&format!("/projects/{}", Uuid::new_v4())).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
}

#[actix_web::test]
async fn project_refusals_name_the_field_and_write_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (client, status_id) = client_and_status(&api).await;
    let path = format!("/projects/{}", Uuid::new_v4());
    for (change, field) in [
        (json!({"client_id": Uuid::new_v4()}), "client_id"),
        (json!({"status_id": Uuid::new_v4()}), "status_id"),
        (json!({"number": null}), "number"),
        (json!({"end_date": "2025-12-31"}), "end_date"),
        (json!({"start_date": "tomorrow"}), "start_date"),
        (json!({"budgeted_hours": -3}), "budgeted_hours"),
        (json!({"name": "x".repeat(101)}), "name"),
        (
            json!({"settings": {"visible_task_fields": ["internal_notes"]}}),
            "settings.visible_task_fields",
        ),
        (
            json!({"settings": {"show_everything": true}}),
            "settings.show_everything",
        ),
        (json!({"owner": "someone"}), "owner"),
    ] {
        let mut body = project_body(client, status_id);
        if let (Value::Object(b), Value::Object(c)) = (&mut body, change) {
            b.extend(c);
        }
        assert_field(&api.put(&path, &body).await, field);
    }
    let (status, body) = api.put("/projects/not-a-uuid", &json!({})).await;
    assert_field(&(status, body), "project_id");
    let (status, body) = api
        .put(
            &format!("/project-statuses/{}", Uuid::new_v4()),
            &json!({"name": ""}),
        )
        .await;
    assert_field(&(status, body), "name");
    assert_eq!(project_rows(&app).await, 0, "nothing written");

    // One number, one project.
    let (status, _) = api.put(&path, &project_body(client, status_id)).await;
    assert_eq!(status, 201);
    let other = format!("/projects/{}", Uuid::new_v4());
    let (status, body) = api.put(&other, &project_body(client, status_id)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("number_taken")),
        "{body}"
    );
    assert_eq!(body["field"], "number");
    assert_eq!(project_rows(&app).await, 1);
}

#[actix_web::test]
async fn another_tenants_projects_are_not_there() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (client, status_id) = client_and_status(&api).await;
    let path = format!("/projects/{}", Uuid::new_v4());
    assert_eq!(
        api.put(&path, &project_body(client, status_id)).await.0,
        201
    );

    let other = app.create_tenant("Contoso MSP").await;
    let theirs = Api::new(&app, &other).await;
    let (status, body) = theirs.get(&path).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
    // Their PUT cannot name our client or status, nor take over our project.
    let (status, body) = theirs.put(&path, &project_body(client, status_id)).await;
    assert_field(&(status, body), "client_id");
    let (their_client, their_status) = client_and_status(&theirs).await;
    let (status, body) = theirs
        .put(&path, &project_body(their_client, their_status))
        .await;
    // The id space is per tenant: theirs is a new project of their own.
    assert_eq!(status, 201, "{body}");
    let (_, ours) = api.get(&path).await;
    assert_eq!(ours["client_id"], client.to_string());
}

async fn project(api: &Api) -> (String, Uuid) {
    let (client, status_id) = client_and_status(api).await;
    let id = Uuid::new_v4();
    let path = format!("/projects/{id}");
    let (status, body) = api.put(&path, &project_body(client, status_id)).await;
    assert_eq!(status, 201, "{body}");
    (path, id)
}

async fn rows(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE tenant = $1");
    portal_actors::fetch_one_scalar!(app.db.exec(), i64, &sql, app.tenant.id).unwrap()
}

#[actix_web::test]
async fn a_plan_is_replaced_whole_and_what_is_not_sent_is_removed() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (path, _) = project(&api).await;
    let plan_path = format!("{path}/plan");
    let (design, build) = (Uuid::new_v4(), Uuid::new_v4());
    let (todo, done) = (Uuid::new_v4(), Uuid::new_v4());
    let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let plan = json!({
        "phases": [{"id": design, "name": "Design"}, {"id": build, "name": "Build"}],
        "status_mappings": [{"id": todo, "name": "To do"},
                            {"id": done, "name": "Done", "is_closed": true}],
        "tasks": [
            {"id": a, "name": "Survey", "phase_id": design, "status_mapping_id": done,
             "estimated_hours": 2, "checklist": {"done": 2, "total": 2}},
            {"id": b, "name": "Order kit", "phase_id": build, "status_mapping_id": todo,
             "assigned_to": "Sam Rivera", "services": ["Procurement"]},
            {"id": c, "name": "Install", "phase_id": build, "status_mapping_id": todo},
        ],
        "dependencies": [{"task_id": b, "depends_on": a},
                         {"task_id": b, "depends_on": c, "type": "blocks"}],
    });
    let (status, counts) = api.put(&plan_path, &plan).await;
    assert_eq!(status, 200, "{counts}");
    assert_eq!(
        counts,
        json!({"phases": 2, "status_mappings": 2, "tasks": 3, "dependencies": 2})
    );
    let (status, read) = api.get(&plan_path).await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["tasks"][0]["estimated_hours"], 2.0);
    assert_eq!(read["tasks"][1]["services"], json!(["Procurement"]));
    assert_eq!(read["phases"][1]["name"], "Build");
    let (_, project) = api.get(&path).await;
    assert_eq!(project["version"], 2, "the plan's change is the project's");

    // The same plan again changes nothing.
    assert_eq!(api.put(&plan_path, &plan).await.0, 200);
    assert_eq!(api.get(&path).await.1["version"], 2);

    // Drop task c and the phase "Design" (task a moves to "Build"): gone, with c's dependency.
    let smaller = json!({
        "phases": [{"id": build, "name": "Build"}],
        "status_mappings": [{"id": todo, "name": "To do"},
                            {"id": done, "name": "Done", "is_closed": true}],
        "tasks": [
            {"id": a, "name": "Survey", "phase_id": build, "status_mapping_id": done},
            {"id": b, "name": "Order kit", "phase_id": build, "status_mapping_id": todo},
        ],
        "dependencies": [{"task_id": b, "depends_on": a}],
    });
    let (status, counts) = api.put(&plan_path, &smaller).await;
    assert_eq!(status, 200, "{counts}");
    assert_eq!(rows(&app, "project_tasks").await, 2);
    assert_eq!(rows(&app, "project_phases").await, 1);
    assert_eq!(rows(&app, "project_task_dependencies").await, 1);
    assert_eq!(api.get(&path).await.1["version"], 3);
}

#[actix_web::test]
async fn a_refused_plan_names_its_place_and_writes_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (path, _) = project(&api).await;
    let (col, a, b) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let cols = json!([{"id": col, "name": "To do"}]);
    for (plan, field) in [
        (
            json!({"status_mappings": cols, "tasks": [{"id": a, "name": "T", "status_mapping_id": b}]}),
            "tasks[0].status_mapping_id",
        ),
        (
            json!({"status_mappings": cols,
                   "tasks": [{"id": a, "name": "T", "status_mapping_id": col}],
                   "dependencies": [{"task_id": a, "depends_on": b}]}),
            "dependencies[0].depends_on",
        ),
        (json!({"tasks": "many"}), "tasks"),
    ] {
        assert_field(&api.put(&format!("{path}/plan"), &plan).await, field);
    }
    assert_eq!(rows(&app, "project_tasks").await, 0);
    assert_eq!(rows(&app, "project_status_mappings").await, 0);

    // Another project's task id is not taken over.
    let (other_path, _) = {
        let (client, status_id) = client_and_status(&api).await;
        let id = Uuid::new_v4();
        let other = format!("/projects/{id}");
        let mut body = project_body(client, status_id);
        body["number"] = json!("PRJ-0043");
        assert_eq!(api.put(&other, &body).await.0, 201);
        (other, id)
    };
    let plan = json!({"status_mappings": [{"id": col, "name": "To do"}],
                      "tasks": [{"id": a, "name": "T", "status_mapping_id": col}]});
    assert_eq!(api.put(&format!("{path}/plan"), &plan).await.0, 200);
    let theirs = json!({"status_mappings": [{"id": Uuid::new_v4(), "name": "Open"}],
                        "tasks": [{"id": a, "name": "Mine now"}]});
    let (status, body) = api.put(&format!("{other_path}/plan"), &theirs).await;
    assert_field(&(status, body), "tasks[0].status_mapping_id");
    let m = Uuid::new_v4();
    let theirs = json!({"status_mappings": [{"id": m, "name": "Open"}],
                        "tasks": [{"id": a, "name": "Mine now", "status_mapping_id": m}]});
    let (status, body) = api.put(&format!("{other_path}/plan"), &theirs).await;
    assert_field(&(status, body), "tasks[0].id");
    assert_eq!(
        rows(&app, "project_status_mappings").await,
        1,
        "nothing of theirs written"
    );
    let (_, ours) = api.get(&format!("{path}/plan")).await;
    assert_eq!(ours["tasks"][0]["name"], "T");
    let (status, _) = api.get(&format!("/projects/{}/plan", Uuid::new_v4())).await;
    assert_eq!(status, 404);
}
