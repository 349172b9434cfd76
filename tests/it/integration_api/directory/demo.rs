//! `portal demo` seeds its companies and people through the directory's write path: they read
//! back through the integration API under fixed ids, with their portal roles, and sign in.

use super::*;
use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_demo_directory_reads_back_through_the_integration_api() {
    let Some(app) = spawn_app().await else { return };
    let clock = portal_actors::SharedClock::new(app.clock.clone());
    let seeded = portal::demo::seed(&app.db, &clock, &app.state.attachments)
        .await
        .unwrap();
    let api = Api::new(&app, &seeded.tenant).await;
    let alice =
        portal::demo::directory::contact_id("alice.martin@acme-manufacturing.example").unwrap();
    let contact = read(&api, &format!("/contacts/{alice}")).await;
    assert_eq!(contact["name"], "Alice Martin");
    assert_eq!(contact["portal_role"], "admin");
    assert_eq!(contact["version"], 1);
    let acme = read(
        &api,
        &format!("/clients/{}", contact["client_id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(acme["name"], "Acme Manufacturing");
    assert_eq!(acme["portal_enabled"], true);
    let ben = portal::demo::directory::contact_id("ben.okafor@acme-manufacturing.example").unwrap();
    assert_eq!(
        read(&api, &format!("/contacts/{ben}")).await["portal_role"],
        "user"
    );
    // The demo's client admin signs in with the printed password.
    let account = &seeded.accounts[0];
    let page = app
        .browser()
        .sign_in(&seeded.tenant.slug, account.email, &account.password)
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    // Its projects were written through the integration API's code path too.
    let office = portal::demo::projects::project_id("PRJ-1001").unwrap();
    let project = read(&api, &format!("/projects/{office}")).await;
    assert_eq!(project["name"], "Office move to Riverside");
    assert_eq!(project["client_id"], contact["client_id"]);
    assert_eq!(project["settings"]["show_tasks"], true);
    let plan = read(&api, &format!("/projects/{office}/plan")).await;
    assert_eq!(plan["phases"].as_array().unwrap().len(), 3);
    assert_eq!(plan["tasks"].as_array().unwrap().len(), 7);
    assert_eq!(plan["dependencies"].as_array().unwrap().len(), 7);
    let statuses = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM project_statuses WHERE tenant = $1",
        seeded.tenant.id
    )
    .unwrap();
    assert_eq!(
        statuses, 5,
        "planning, in progress, on hold, completed, cancelled"
    );
    // A year of invoices per company, in two currencies, through the billing sync.
    let invoices: Vec<(String, i64)> = portal_actors::query_as!(
        app.db.exec(),
        (String, i64),
        fetch_all,
        "SELECT currency, COUNT(*) FROM invoices WHERE tenant = $1 GROUP BY currency ORDER BY currency",
        seeded.tenant.id
    )
    .unwrap();
    assert_eq!(
        invoices,
        vec![("EUR".to_owned(), 12), ("USD".to_owned(), 12)]
    );
    let invoice_id = portal_actors::query_as!(
        app.db.exec(),
        (Uuid,),
        fetch_one,
        "SELECT invoice_id FROM invoices WHERE tenant = $1 ORDER BY issue_date LIMIT 1",
        seeded.tenant.id
    )
    .unwrap()
    .0;
    let invoice = read(&api, &format!("/invoices/{invoice_id}")).await;
    assert_eq!(invoice["lines"].as_array().unwrap().len(), 2);
    // Running the demo again changes nothing in the directory, the projects or the billing.
    portal::demo::seed(&app.db, &clock, &app.state.attachments)
        .await
        .unwrap();
    assert_eq!(read(&api, &format!("/contacts/{alice}")).await, contact);
    assert_eq!(read(&api, &format!("/projects/{office}")).await, project);
    assert_eq!(
        read(&api, &format!("/invoices/{invoice_id}")).await,
        invoice
    );
}
