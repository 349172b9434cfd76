//! The per-tenant data actors: spawned on a tenant's first request, one per tenant, stopped
//! when idle (or by operators), replaced after a failure; the portal keeps serving throughout.

use chrono::Duration;

use portal_actors::model::TenantInfo;

use crate::helpers::{spawn_app_with, Browser, TestApp, ADMIN_TOKEN};
use crate::ticket_data::{self as data, numbers};

/// Two tenants (home with Ada and TIC-1, Contoso with Bea), fault injection on, five idle
/// minutes; nobody has made a request yet.
struct Tenants {
    app: TestApp,
    home: TenantInfo,
    other: TenantInfo,
    ada: data::Person,
    bea: data::Person,
}

impl Tenants {
    async fn new() -> Option<Tenants> {
        let app = spawn_app_with(|s| {
            s.admin.fault_injection = true;
            s.tickets.tenant_idle_minutes = 5;
        })
        .await?;
        let home = app.tenant.clone();
        let other = app.create_tenant("Contoso MSP").await;
        let c = data::catalog(&app, &home).await;
        let ada = data::person(&app, &home, "ada@acme.example", "Acme", Some("User")).await;
        let bea = data::person(&app, &other, "bea@contoso.example", "Contoso", Some("User")).await;
        data::insert(
            &app,
            &home,
            &data::new_ticket(&app, &c, &ada, "TIC-1", "Printer", 1),
        )
        .await;
        Some(Tenants {
            app,
            home,
            other,
            ada,
            bea,
        })
    }

    /// Tenant data actors running now, as the admin listener reports them.
    async fn live(&self) -> u64 {
        let page = self.app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
        let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
        json["tenant_data_live"].as_u64().unwrap()
    }
}

/// Both tenants' actors started by their users' requests: Ada's and Bea's browsers.
struct Started {
    browser: Browser,
    contoso: Browser,
    t: Tenants,
}

impl Started {
    async fn new() -> Option<Started> {
        let t = Tenants::new().await?;
        let (app, home, other, ada, bea) = (&t.app, &t.home, &t.other, &t.ada, &t.bea);
        let browser = data::signed_in(app, home, ada).await;
        assert_eq!(browser.get("/client-portal/tickets").await.status, 200);
        let contoso = data::signed_in(app, other, bea).await;
        assert_eq!(contoso.get("/client-portal/tickets").await.status, 200);
        Some(Started {
            browser,
            contoso,
            t,
        })
    }
}

#[actix_web::test]
async fn tenant_actors_start_on_a_tenants_first_request_one_per_tenant() {
    let Some(t) = Tenants::new().await else {
        return;
    };
    let (app, home, other, ada, bea) = (&t.app, &t.home, &t.other, &t.ada, &t.bea);
    assert_eq!(t.live().await, 0, "nothing runs before the first request");

    let browser = data::signed_in(app, home, ada).await;
    assert_eq!(
        numbers(&browser.get("/client-portal/tickets").await.body),
        ["TIC-1"]
    );
    assert_eq!(t.live().await, 1);
    assert_eq!(app.metric("portal_tenant_data_actors", &[]).await, 1.0);
    let contoso = data::signed_in(app, other, bea).await;
    assert_eq!(contoso.get("/client-portal/tickets").await.status, 200);
    assert_eq!(browser.get("/client-portal/tickets").await.status, 200);
    assert_eq!(t.live().await, 2, "one actor per tenant, reused");
}

#[actix_web::test]
async fn idle_tenant_actors_stop_on_the_sweep_and_start_again_on_the_next_request() {
    let Some(Started { browser, t, .. }) = Started::new().await else {
        return;
    };
    let app = &t.app;
    // Operators' sweep with the configured idle time: both were just used, none stops.
    let swept = app
        .admin_post("/admin/actors/tenant_registry/sweep", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(swept.status, 200, "{}", swept.body);
    assert!(swept.body.contains("\"stopped\":0"), "{}", swept.body);
    // Six minutes later both are idle: they stop, and start again on the next request.
    app.clock.advance(Duration::minutes(6));
    let swept = app
        .admin_post("/admin/actors/tenant_registry/sweep", Some(ADMIN_TOKEN))
        .await;
    assert!(swept.body.contains("\"stopped\":2"), "{}", swept.body);
    assert!(swept.body.contains("\"live\":0"), "{}", swept.body);
    assert_eq!(app.metric("portal_tenant_data_actors", &[]).await, 0.0);
    assert_eq!(
        numbers(&browser.get("/client-portal/tickets").await.body),
        ["TIC-1"]
    );
    assert_eq!(t.live().await, 1);
    let bad = app
        .admin_post(
            "/admin/actors/tenant_registry/sweep?idle_seconds=x",
            Some(ADMIN_TOKEN),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        app.admin_post("/admin/actors/tenant_registry/sweep", None)
            .await
            .status,
        401
    );
}

#[actix_web::test]
async fn a_failing_tenant_actor_is_replaced_on_its_tenants_next_request() {
    let Some(Started {
        browser,
        contoso,
        t,
    }) = Started::new().await
    else {
        return;
    };
    let (app, home) = (&t.app, &t.home);
    // A failing tenant actor is replaced on its tenant's next request; the other tenant and
    // the portal are unaffected, readiness holds, and the restart is counted.
    let injected = app
        .admin_post(
            &format!("/admin/actors/tenant_data/panic?tenant={}", home.slug),
            Some(ADMIN_TOKEN),
        )
        .await;
    assert_eq!(injected.status, 202, "{}", injected.body);
    let mut replaced = false;
    for _ in 0..250 {
        let page = browser.get("/client-portal/tickets").await;
        assert!(page.status == 200 || page.status == 503, "{}", page.status);
        if page.status == 200 && numbers(&page.body) == ["TIC-1"] {
            replaced = true;
            break;
        }
        actix_rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(replaced);
    assert_eq!(
        app.metric("portal_actor_restarts_total", &[("actor", "tenant_data")])
            .await,
        1.0
    );
    assert_eq!(contoso.get("/client-portal/tickets").await.status, 200);
    assert_eq!(app.admin_get("/readyz", None).await.status, 200);
    let unknown = app
        .admin_post(
            "/admin/actors/tenant_data/panic?tenant=nosuchtenant",
            Some(ADMIN_TOKEN),
        )
        .await;
    assert_eq!(unknown.status, 404);
}

#[actix_web::test]
async fn the_tenant_registry_restarts_and_keeps_handing_out_actors() {
    let Some(Started { contoso, t, .. }) = Started::new().await else {
        return;
    };
    let app = &t.app;
    // The registry itself restarts through its supervisor and keeps handing out actors.
    let restarted = app
        .admin_post("/admin/actors/tenant_registry/restart", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(restarted.status, 202);
    let mut serving = false;
    for _ in 0..250 {
        if app.state.registry.snapshot()["tenant_registry"].restarts == 1 {
            serving = contoso.get("/client-portal/tickets").await.status == 200;
            break;
        }
        actix_rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(serving, "{:?}", app.state.registry.snapshot());
}

/// The tenant's ticket catalog is kept in its actor: a change through the integration API
/// shows at once, one made elsewhere (another instance, straight in the database) within
/// `CATALOG_TTL`.
#[actix_web::test]
async fn catalog_changes_show_at_once_here_and_within_the_ttl_elsewhere() {
    let Some(app) = crate::helpers::spawn_app().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let api = crate::ticket_fixtures::Api::new(&app, &tenant).await;
    let desk = crate::ticket_fixtures::put_board(&api, "Service Desk", true).await;
    crate::ticket_fixtures::put_status(&api, desk, "New", false, true).await;
    crate::ticket_fixtures::put_priority(&api, None, "Low", "#2e7d32").await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let form = browser.get("/client-portal/tickets/new").await;
    assert!(form.body.contains("Low") && !form.body.contains("Urgent"));

    crate::ticket_fixtures::put_priority(&api, None, "Urgent", "#c62828").await;
    let form = browser.get("/client-portal/tickets/new").await;
    assert!(form.body.contains("Urgent"), "an API change shows at once");

    portal_actors::execute!(
        app.db.exec(),
        "UPDATE ticket_priorities SET name = 'Critical' WHERE tenant = $1 AND name = 'Urgent'",
        tenant.id
    )
    .unwrap();
    let form = browser.get("/client-portal/tickets/new").await;
    assert!(form.body.contains("Urgent"), "still the cached catalog");
    app.clock
        .advance(portal_actors::tenant_data::CATALOG_TTL + Duration::seconds(1));
    let form = browser.get("/client-portal/tickets/new").await;
    assert!(form.body.contains("Critical") && !form.body.contains("Urgent"));
}
