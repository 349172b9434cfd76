//! Who sees which tickets: contact vs company scope, board visibility groups, permissions per
//! role, and isolation probes across tenants and companies (always 404, nothing leaked).

use portal_actors::model::TenantInfo;

use crate::helpers::{spawn_app, Browser, TestApp};
use crate::ticket_data::{self as data, numbers};

#[actix_web::test]
async fn contact_scope_and_board_visibility_groups() {
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let bob = data::person(&app, &tenant, "bob@acme.example", "Acme", Some("User")).await;
    data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &ada, "TIC-1", "Ada's laptop", 1),
    )
    .await;
    data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &bob, "TIC-2", "Bob's phone", 2),
    )
    .await;
    let mut project = data::new_ticket(&app, &c, &ada, "TIC-3", "Office move", 3);
    project.board = c.projects;
    project.status = c.planned;
    data::insert(&app, &tenant, &project).await;
    let mut nobody = data::new_ticket(&app, &c, &ada, "TIC-4", "Shared mailbox", 4);
    nobody.contact_id = None;
    data::insert(&app, &tenant, &nobody).await;

    // Company scope (the default): every ticket of the company.
    let browser = data::signed_in(&app, &tenant, &bob).await;
    let list = browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&list.body), ["TIC-1", "TIC-2", "TIC-3", "TIC-4"]);
    assert_eq!(
        browser.get("/client-portal/tickets/TIC-1").await.status,
        200
    );

    // Contact scope: only Bob's own; the others are as if they did not exist.
    data::set_access(&app, &tenant, &bob, "contact", None).await;
    let list = browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&list.body), ["TIC-2"]);
    assert!(!list.body.contains("Ada&#39;s laptop") && !list.body.contains("Ada's laptop"));
    for number in ["TIC-1", "TIC-3", "TIC-4"] {
        let page = browser
            .get(&format!("/client-portal/tickets/{number}"))
            .await;
        assert_eq!(page.status, 404, "{number}");
    }

    // A visibility group of the Service Desk only: Projects tickets, statuses and the board
    // itself disappear from the list, the detail and the new-ticket form.
    let desk_only = data::group(&app, &tenant, &[c.desk]).await;
    data::set_access(&app, &tenant, &bob, "client", Some(desk_only)).await;
    let list = browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&list.body), ["TIC-1", "TIC-2", "TIC-4"]);
    assert!(
        !list.body.contains("Planned"),
        "Projects statuses are not offered"
    );
    assert_eq!(
        browser.get("/client-portal/tickets/TIC-3").await.status,
        404
    );
    let form = browser.get("/client-portal/tickets/new").await;
    assert!(form.body.contains("Service Desk"));
    assert!(
        {
            // The form, not the navigation (which links to the Projects pages).
            let main = form.body.split_once("</header>").map_or("", |(_, m)| m);
            !main.contains("Projects") && !main.contains("Milestone")
        },
        "{}",
        form.body
    );
    let token = Browser::form_csrf(&form);
    let refused = browser
        .post_multipart(
            "/client-portal/tickets",
            &[
                ("csrf_token", &token),
                ("title", "Sneaky"),
                ("board", &c.projects.to_string()),
                ("priority", &c.low.to_string()),
                ("description", "On a board I cannot see"),
            ],
            &[],
        )
        .await;
    assert_eq!(refused.status, 400);
    // An empty group: nothing at all.
    let empty = data::group(&app, &tenant, &[]).await;
    data::set_access(&app, &tenant, &bob, "client", Some(empty)).await;
    let list = browser.get("/client-portal/tickets").await;
    assert!(numbers(&list.body).is_empty());
}

/// A tenant with the catalog and Ada's ticket TIC-1.
async fn with_a_ticket() -> Option<(TestApp, TenantInfo)> {
    let app = spawn_app().await?;
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &ada, "TIC-1", "Printer", 1),
    )
    .await;

    Some((app, tenant))
}

/// A reader whose role (Finance, in this tenant) holds `ticket:read` alone, signed in.
async fn signed_in_reader(app: &TestApp, tenant: &TenantInfo) -> (data::Person, Browser) {
    data::finance_holds(app, tenant, &["ticket:read"]).await;
    let reader = data::person(app, tenant, "reader@acme.example", "Acme", Some("Finance")).await;
    let browser = data::signed_in(app, tenant, &reader).await;
    (reader, browser)
}

#[actix_web::test]
async fn users_whose_role_has_no_ticket_permission_reach_no_ticket() {
    let Some((app, tenant)) = with_a_ticket().await else {
        return;
    };
    // A role without ticket permissions: no ticket at all.
    let none = data::without_tickets(&app, &tenant, "none@acme.example", "Acme").await;
    let browser = data::signed_in(&app, &tenant, &none).await;
    assert_eq!(browser.get("/client-portal/tickets").await.status, 403);
    assert_eq!(
        browser.get("/client-portal/tickets/TIC-1").await.status,
        403
    );
    assert_eq!(browser.get("/client-portal/tickets/new").await.status, 403);
}

#[actix_web::test]
async fn a_read_only_role_reads_tickets_but_cannot_raise_reply_close_or_upload() {
    let Some((app, tenant)) = with_a_ticket().await else {
        return;
    };
    let (_reader, browser) = signed_in_reader(&app, &tenant).await;
    let list = browser.get("/client-portal/tickets").await;
    assert_eq!(list.status, 200);
    assert_eq!(numbers(&list.body), ["TIC-1"]);
    assert!(
        !list.body.contains("/client-portal/tickets/new"),
        "no New button"
    );
    let page = browser.get("/client-portal/tickets/TIC-1").await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("You can read this ticket but not reply to it."));
    assert!(!page
        .body
        .contains("/client-portal/tickets/TIC-1/comments\""));
    assert_eq!(browser.get("/client-portal/tickets/new").await.status, 403);
    let token = Browser::form_csrf(&page);
    for action in ["comments", "close"] {
        let refused = browser
            .post_form(
                &format!("/client-portal/tickets/TIC-1/{action}"),
                &[("csrf_token", &token), ("body", "hello")],
            )
            .await;
        assert_eq!(refused.status, 403, "{action}");
    }
    let upload = browser
        .post_multipart(
            "/client-portal/tickets/TIC-1/attachments",
            &[("csrf_token", &token)],
            &[("files", "a.txt", "text/plain", b"a".to_vec())],
        )
        .await;
    assert_eq!(upload.status, 403);
    assert!(numbers(
        &browser
            .get("/client-portal/tickets?status=closed")
            .await
            .body
    )
    .is_empty());
}

#[actix_web::test]
async fn every_built_in_client_role_raises_and_follows_tickets() {
    let Some((app, tenant)) = with_a_ticket().await else {
        return;
    };
    // Every built-in client role raises and follows tickets.
    for (i, role) in ["User", "Finance", "Admin"].into_iter().enumerate() {
        let person = data::person(
            &app,
            &tenant,
            &format!("role{i}@acme.example"),
            "Acme",
            Some(role),
        )
        .await;
        let browser = data::signed_in(&app, &tenant, &person).await;
        let list = browser.get("/client-portal/tickets").await;
        assert_eq!(list.status, 200, "{role}");
        assert!(list.body.contains("/client-portal/tickets/new"), "{role}");
    }
}

#[actix_web::test]
async fn a_role_taken_away_applies_at_once() {
    let Some((app, tenant)) = with_a_ticket().await else {
        return;
    };
    let (_reader, browser) = signed_in_reader(&app, &tenant).await;
    assert_eq!(browser.get("/client-portal/tickets").await.status, 200);
    // A permission taken from the role applies at once (no cached permissions).
    data::finance_holds(&app, &tenant, &["billing:read"]).await;
    // The reader's session, still signed in, loses access with its role.
    assert_eq!(browser.get("/client-portal/tickets").await.status, 403);
}

#[actix_web::test]
async fn other_tenants_and_companies_tickets_are_always_not_found() {
    let Some(app) = spawn_app().await else { return };
    let home = app.tenant.clone();
    let other = app.create_tenant("Contoso MSP").await;
    let c = data::catalog(&app, &home).await;
    let oc = data::catalog(&app, &other).await;
    let ada = data::person(&app, &home, "ada@acme.example", "Acme", Some("User")).await;
    let globex = data::person(&app, &home, "hank@globex.example", "Globex", Some("User")).await;
    let foreign = data::person(&app, &other, "ada@acme.example", "Acme", Some("User")).await;
    data::insert(
        &app,
        &home,
        &data::new_ticket(&app, &c, &ada, "TIC-1", "Ada's own", 1),
    )
    .await;
    let g = data::insert(
        &app,
        &home,
        &data::new_ticket(&app, &c, &globex, "TIC-2", "LEAK-globex-payroll", 2),
    )
    .await;
    let g_file = data::attachment(&app, &home, g, "LEAK-globex.txt", b"LEAK", true).await;
    // The other tenant reuses the same numbers.
    let f = data::insert(
        &app,
        &other,
        &data::new_ticket(&app, &oc, &foreign, "TIC-1", "LEAK-other-tenant", 1),
    )
    .await;
    let f_file = data::attachment(&app, &other, f, "LEAK-tenant.txt", b"LEAK", true).await;
    data::insert(
        &app,
        &other,
        &data::new_ticket(&app, &oc, &foreign, "TIC-3", "LEAK-other-tenant-3", 2),
    )
    .await;

    let browser = data::signed_in(&app, &home, &ada).await;
    let list = browser.get("/client-portal/tickets?status=all").await;
    assert_eq!(numbers(&list.body), ["TIC-1"]);
    assert!(!list.body.contains("LEAK"));
    let own = browser.get("/client-portal/tickets/TIC-1").await;
    assert!(own.body.contains("Ada&#39;s own") || own.body.contains("Ada's own"));
    assert!(!own.body.contains("LEAK"));
    let token = Browser::form_csrf(&own);
    let probes = [
        "/client-portal/tickets/TIC-2".to_owned(),
        "/client-portal/tickets/TIC-3".to_owned(),
        format!("/client-portal/tickets/TIC-2/attachments/{g_file}"),
        format!("/client-portal/tickets/TIC-1/attachments/{f_file}"),
        format!("/client-portal/tickets/TIC-1/attachments/{g_file}"),
        "/client-portal/tickets/..%2F..%2Fetc".to_owned(),
        "/client-portal/tickets/TIC-1/attachments/not-a-uuid".to_owned(),
    ];
    for probe in &probes {
        let page = browser.get(probe).await;
        assert_eq!(page.status, 404, "{probe}");
        assert!(!page.body.contains("LEAK"), "{probe}");
    }
    for action in ["comments", "close", "reopen"] {
        let page = browser
            .post_form(
                &format!("/client-portal/tickets/TIC-2/{action}"),
                &[("csrf_token", &token), ("body", "probe")],
            )
            .await;
        assert_eq!(page.status, 404, "{action}");
        assert!(!page.body.contains("LEAK"));
    }
    let upload = browser
        .post_multipart(
            "/client-portal/tickets/TIC-2/attachments",
            &[("csrf_token", &token)],
            &[("files", "probe-upload.txt", "text/plain", b"x".to_vec())],
        )
        .await;
    assert_eq!(upload.status, 404);
    assert_eq!(
        app.metric(
            "portal_ticket_attachments_uploaded_total",
            &[("outcome", "not_found")]
        )
        .await,
        1.0
    );
    // Nothing was changed by the probes.
    let hank = data::signed_in(&app, &home, &globex).await;
    let theirs = hank.get("/client-portal/tickets/TIC-2").await;
    assert!(!theirs.body.contains("probe"));
    assert!(theirs.body.contains("LEAK-globex.txt"));
    assert!(!theirs.body.contains("probe-upload.txt"));

    // The other tenant's user (same email, same company name) sees only their tenant's.
    let foreigner = data::signed_in(&app, &other, &foreign).await;
    let list = foreigner.get("/client-portal/tickets").await;
    assert_eq!(numbers(&list.body), ["TIC-1", "TIC-3"]);
    assert!(!list.body.contains("Ada&#39;s own"));
}
