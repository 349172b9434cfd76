//! The list (filters, search, sorting, pages, all in the URL), isolation between companies and
//! tenants, the remembered view, the navigation and the dashboard card.

use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::helpers::spawn_app;

fn shows(body: &str, number: &str) -> bool {
    body.contains(&format!("href=\"/client-portal/projects/{number}\""))
}

#[actix_web::test]
async fn the_list_filters_by_status_searches_sorts_and_pages_from_the_url() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, settings_all_off()).await;
    let b = browser(&w, &w.ada).await;

    // Open by default: in progress and on hold, not completed, never inactive or Globex's.
    let page = b.get("/client-portal/projects").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        shows(&page.body, "PRJ-1") && shows(&page.body, "PRJ-2"),
        "{}",
        page.body
    );
    assert!(!shows(&page.body, "PRJ-3"), "completed is not open");
    assert!(
        !shows(&page.body, "PRJ-4"),
        "inactive projects are not shown"
    );
    assert!(!shows(&page.body, "PRJ-9"), "another company's project");
    assert!(page.body.contains("2 projects"), "{}", page.body);
    // The tenant's own statuses are filter choices.
    for name in ["In progress", "On hold", "Completed"] {
        assert!(page.body.contains(&format!(">{name}</option>")), "{name}");
    }

    let closed = b.get("/client-portal/projects?status=closed").await;
    assert!(shows(&closed.body, "PRJ-3") && !shows(&closed.body, "PRJ-1"));
    let all = b.get("/client-portal/projects?status=all").await;
    assert!(["PRJ-1", "PRJ-2", "PRJ-3"]
        .iter()
        .all(|n| shows(&all.body, n)));
    assert!(!shows(&all.body, "PRJ-4") && !shows(&all.body, "PRJ-9"));
    let on_hold = b
        .get(&format!("/client-portal/projects?status={}", w.on_hold))
        .await;
    assert!(shows(&on_hold.body, "PRJ-2") && !shows(&on_hold.body, "PRJ-1"));
    assert!(
        on_hold.body.contains("selected>On hold</option>"),
        "{}",
        on_hold.body
    );
    let completed = b
        .get(&format!("/client-portal/projects?status={}", w.done))
        .await;
    assert!(shows(&completed.body, "PRJ-3") && !shows(&completed.body, "PRJ-2"));

    // Search: name, WBS code, description; case-insensitive; LIKE characters are literal.
    let by_name = b.get("/client-portal/projects?status=all&q=NETWORK").await;
    assert!(shows(&by_name.body, "PRJ-2") && !shows(&by_name.body, "PRJ-1"));
    let by_wbs = b.get("/client-portal/projects?status=all&q=7.7").await;
    assert!(shows(&by_wbs.body, "PRJ-2") && !shows(&by_wbs.body, "PRJ-3"));
    let by_description = b
        .get("/client-portal/projects?status=all&q=about%20prj-3")
        .await;
    assert!(shows(&by_description.body, "PRJ-3") && !shows(&by_description.body, "PRJ-2"));
    let wildcard = b.get("/client-portal/projects?status=all&q=%25").await;
    assert!(
        wildcard.body.contains("No projects match"),
        "{}",
        wildcard.body
    );

    // Sorting by name both ways.
    let asc = b
        .get("/client-portal/projects?status=all&sort=name&dir=asc")
        .await;
    let pos = |body: &str, n: &str| {
        body.find(&format!("/client-portal/projects/{n}\""))
            .unwrap()
    };
    assert!(
        pos(&asc.body, "PRJ-3") < pos(&asc.body, "PRJ-2"),
        "Email < Network"
    );
    let desc = b
        .get("/client-portal/projects?status=all&sort=name&dir=desc")
        .await;
    assert!(pos(&desc.body, "PRJ-3") > pos(&desc.body, "PRJ-2"));

    // Bad filters are a clear 400 naming the parameter, not a guess.
    for q in ["status=bogus", "sort=colour", "dir=up", "page=0", "page=x"] {
        let bad = b.get(&format!("/client-portal/projects?{q}")).await;
        assert_eq!(bad.status, 400, "{q}");
    }
}

#[actix_web::test]
async fn pages_of_twenty_five_keep_the_filter_in_their_links() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, settings_all_off()).await;
    for n in 0..30 {
        put_project(
            &w.api,
            Uuid::new_v4(),
            &format!("BULK-{n:02}"),
            w.ada.client_id,
            w.open,
            json!({"name": format!("Bulk project {n:02}")}),
        )
        .await;
    }
    let b = browser(&w, &w.ada).await;
    let first = b.get("/client-portal/projects?q=bulk").await;
    assert!(first.body.contains("30 projects"), "{}", first.body);
    assert_eq!(
        first.body.matches("<tr>").count(),
        26,
        "a header row and 25 projects"
    );
    assert!(
        first
            .body
            .contains("href=\"/client-portal/projects?q=bulk&amp;page=2\""),
        "{}",
        first.body
    );
    let second = b.get("/client-portal/projects?q=bulk&page=2").await;
    assert_eq!(second.body.matches("<tr>").count(), 6);
    assert!(shows(&second.body, "BULK-29") && !shows(&second.body, "BULK-00"));
    let beyond = b.get("/client-portal/projects?q=bulk&page=9").await;
    assert_eq!(beyond.status, 200);
    assert!(beyond.body.contains("No projects match"));
}

#[actix_web::test]
async fn other_companies_and_tenants_projects_are_not_found() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, settings_all_off()).await;
    let gus = browser(&w, &w.gus).await;
    assert_eq!(gus.get("/client-portal/projects/PRJ-1").await.status, 404);
    assert_eq!(gus.get("/client-portal/projects/PRJ-9").await.status, 200);
    let ada = browser(&w, &w.ada).await;
    assert_eq!(ada.get("/client-portal/projects/PRJ-9").await.status, 404);
    assert_eq!(
        ada.get("/client-portal/projects/PRJ-4").await.status,
        404,
        "inactive"
    );
    assert_eq!(ada.get("/client-portal/projects/NOPE").await.status, 404);
    assert_eq!(ada.get("/client-portal/projects/%00x").await.status, 404);

    // Another tenant with the same number: its own project, never this one.
    let other = w.app.create_tenant("Other MSP").await;
    let api = Api::new(&w.app, &other).await;
    let person = data::person(&w.app, &other, "olga@other.example", "Acme", None).await;
    let status = put_status(&api, "In progress", false, 1).await;
    put_project(
        &api,
        Uuid::new_v4(),
        "PRJ-1",
        person.client_id,
        status,
        json!({"name": "Their own"}),
    )
    .await;
    let olga = data::signed_in(&w.app, &other, &person).await;
    let theirs = olga.get("/client-portal/projects/PRJ-1").await;
    assert_eq!(theirs.status, 200);
    assert!(theirs.body.contains("Their own") && !theirs.body.contains("Office move"));
    let list = olga.get("/client-portal/projects?status=all").await;
    assert!(!list.body.contains("Office move") && !list.body.contains("Network refresh"));
}

#[actix_web::test]
async fn the_chosen_view_is_remembered_per_user_and_works_without_script() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, json!({"show_tasks": true, "show_phases": true})).await;
    let ada = browser(&w, &w.ada).await;
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    assert!(page.body.contains("class=\"kanban\""), "kanban by default");
    assert!(
        page.body.contains("aria-pressed=\"true\">Board"),
        "{}",
        page.body
    );
    let token = Browser::form_csrf(&page);

    let chosen = ada
        .post_form(
            "/client-portal/projects/PRJ-1/view",
            &[("csrf_token", &token), ("view", "list")],
        )
        .await;
    assert_eq!(chosen.status, 303);
    let again = ada.get("/client-portal/projects/PRJ-1").await;
    assert!(
        again.body.contains("class=\"task-list\""),
        "remembered: {}",
        again.body
    );
    assert!(!again.body.contains("class=\"kanban\""));
    // The other projects open in it too; another user is not affected.
    let fin = browser(&w, &w.fin).await;
    assert!(fin
        .get("/client-portal/projects/PRJ-1")
        .await
        .body
        .contains("class=\"kanban\""));
    // `?view=` looks without remembering.
    assert!(ada
        .get("/client-portal/projects/PRJ-1?view=kanban")
        .await
        .body
        .contains("class=\"kanban\""));
    assert!(ada
        .get("/client-portal/projects/PRJ-1")
        .await
        .body
        .contains("class=\"task-list\""));

    // Refusals: a wrong token, an unknown view; nothing changes.
    let forged = ada
        .post_form(
            "/client-portal/projects/PRJ-1/view",
            &[("csrf_token", "nope"), ("view", "kanban")],
        )
        .await;
    assert_eq!(forged.status, 403);
    let bad = ada
        .post_form(
            "/client-portal/projects/PRJ-1/view",
            &[("csrf_token", &token), ("view", "gantt")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        ada.get("/client-portal/projects/PRJ-1?view=gantt")
            .await
            .status,
        400
    );
    assert!(ada
        .get("/client-portal/projects/PRJ-1")
        .await
        .body
        .contains("class=\"task-list\""));
    // The kanban is read-only: no form moves a task.
    assert!(!page.body.contains("draggable"));
}

#[actix_web::test]
async fn projects_need_project_read_and_the_nav_follows_the_role() {
    let Some(app) = spawn_app().await else { return };
    let w = world(
        app,
        json!({"show_tasks": true, "visible_task_fields": ["due_date"]}),
    )
    .await;
    let ada = browser(&w, &w.ada).await;
    let dash = ada.get("/client-portal/dashboard").await;
    assert!(
        dash.body
            .contains("href=\"/client-portal/projects\">Projects</a>"),
        "{}",
        dash.body
    );
    assert!(dash.body.contains("Active projects"), "{}", dash.body);
    assert!(dash.body.contains("2 open projects"), "{}", dash.body);
    // PRJ-1 shows due dates; its only dated task is done, so nothing is due next.
    assert!(
        dash.body.contains("No upcoming task deadlines"),
        "{}",
        dash.body
    );

    // The tenant takes project:read from the User role: gone from the nav, the dashboard and
    // every project URL at once.
    set_role(
        &w.app,
        "user",
        &[
            "client:read",
            "ticket:read",
            "ticket:create",
            "ticket:update",
            "project:upload",
        ],
    )
    .await;
    let dash = ada.get("/client-portal/dashboard").await;
    assert!(
        !dash.body.contains("href=\"/client-portal/projects\""),
        "{}",
        dash.body
    );
    assert!(!dash.body.contains("Active projects"));
    let tickets = ada.get("/client-portal/tickets").await;
    assert!(!tickets.body.contains("href=\"/client-portal/projects\""));
    assert_eq!(ada.get("/client-portal/projects").await.status, 403);
    assert_eq!(ada.get("/client-portal/projects/PRJ-1").await.status, 403);
    // Finance still reads them.
    let fin = browser(&w, &w.fin).await;
    let fin_dash = fin.get("/client-portal/dashboard").await;
    assert!(fin_dash
        .body
        .contains("href=\"/client-portal/projects\">Projects</a>"));
    assert_eq!(fin.get("/client-portal/projects/PRJ-1").await.status, 200);
}
