//! `portal demo` seeds its companies and people through the directory's write path: they read
//! back through the integration API under fixed ids, with their portal roles, and sign in.

use super::*;
use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_demo_directory_reads_back_through_the_integration_api() {
    let Some(app) = spawn_app().await else { return };
    let clock = portal_actors::SharedClock::new(app.clock.clone());
    let seeded = portal::demo::seed(&app.db, &clock).await.unwrap();
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
    // Running the demo again changes nothing in the directory.
    portal::demo::seed(&app.db, &clock).await.unwrap();
    assert_eq!(read(&api, &format!("/contacts/{alice}")).await, contact);
}
