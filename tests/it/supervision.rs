//! Supervision: an actor that panics is restarted, counted, and the portal keeps serving.

use crate::helpers::{spawn_app_with, ADMIN_TOKEN, PASSWORD};

#[actix_web::test]
async fn a_panicking_actor_restarts_and_the_portal_keeps_serving() {
    let Some(app) = spawn_app_with(|s| s.admin.fault_injection = true).await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    assert_eq!(
        browser
            .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
            .await
            .status,
        303
    );

    for actor in ["sessions", "tenant_directory", "audit"] {
        let page = app
            .admin_post(&format!("/admin/actors/{actor}/panic"), Some(ADMIN_TOKEN))
            .await;
        assert_eq!(page.status, 202, "{actor}: {}", page.body);
    }
    // Restarts happen on the actors' own schedule: wait (bounded) until all are counted.
    let mut restarted = false;
    for _ in 0..250 {
        let snapshot = app.state.registry.snapshot();
        if ["sessions", "tenant_directory", "audit"]
            .iter()
            .all(|a| snapshot[a].restarts == 1 && snapshot[a].alive)
        {
            restarted = true;
            break;
        }
        actix_rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(restarted, "{:?}", app.state.registry.snapshot());
    for actor in ["sessions", "tenant_directory", "audit"] {
        assert_eq!(
            app.metric("portal_actor_restarts_total", &[("actor", actor)])
                .await,
            1.0,
            "{actor}"
        );
    }
    // Still serving: the existing session works, and a new sign-in too.
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.browser()
            .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(app.admin_get("/readyz", None).await.status, 200);

    // Operators can restart an actor too.
    assert_eq!(
        app.admin_post("/admin/actors/sessions/restart", Some(ADMIN_TOKEN))
            .await
            .status,
        202
    );
    for _ in 0..250 {
        if app.state.registry.snapshot()["sessions"].restarts == 2 {
            break;
        }
        actix_rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(app.state.registry.snapshot()["sessions"].restarts, 2);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
}

#[actix_web::test]
async fn a_panicking_handler_is_a_counted_500_and_the_server_keeps_serving() {
    let Some(app) = spawn_app_with(|s| s.admin.fault_injection = true).await else {
        return;
    };
    for _ in 0..3 {
        let page = app
            .admin_post(
                "/admin/faults/http-panic",
                Some(crate::helpers::ADMIN_TOKEN),
            )
            .await;
        assert_eq!(page.status, 500, "{}", page.body);
        assert!(
            !page.body.contains("injected handler fault"),
            "no internals"
        );
    }
    let route = [("route", "/admin/faults/http-panic")];
    assert_eq!(app.metric("portal_http_panics_total", &route).await, 3.0);
    let served = [("route", "/admin/faults/http-panic"), ("status", "500")];
    assert_eq!(app.metric("portal_http_requests_total", &served).await, 3.0);
    assert_eq!(app.admin_get("/healthz", None).await.status, 200);
    let sign_in = format!("/auth/client-portal/signin?tenant={}", app.tenant.slug);
    assert_eq!(app.browser().get(&sign_in).await.status, 200);
}

#[actix_web::test]
async fn the_handler_fault_is_not_mounted_without_fault_injection() {
    let Some(app) = crate::helpers::spawn_app().await else {
        return;
    };
    let page = app
        .admin_post(
            "/admin/faults/http-panic",
            Some(crate::helpers::ADMIN_TOKEN),
        )
        .await;
    assert_eq!(page.status, 404);
}

#[actix_web::test]
async fn every_message_an_actor_handles_is_counted() {
    let Some(app) = crate::helpers::spawn_app().await else {
        return;
    };
    let handled = |actor: &str| app.state.registry.snapshot()[actor].messages_handled;
    for (actor, flush) in [
        ("tenant_directory", "/admin/actors/tenant_directory/flush"),
        ("audit", "/admin/actors/audit/flush"),
    ] {
        let before = handled(actor);
        let page = app.admin_post(flush, Some(ADMIN_TOKEN)).await;
        assert_eq!(page.status, 200, "{actor}: {}", page.body);
        assert!(handled(actor) > before, "{actor}: the flush is counted");
    }
}
