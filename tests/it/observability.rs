//! What operators watch: the activity gauges counted from the database (the same on every
//! instance) and the mailbox depth of each actor in `/admin/actors` and `/metrics`.

use std::time::Duration as StdDuration;

use chrono::Duration;
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::helpers::{backend, Backend, NowUtc, ADMIN_TOKEN};
use crate::helpers::{signed_in, signed_in_at, spawn_app, spawn_app_on, spawn_app_with, TestApp};

/// `POST /admin/actors/active_users/refresh`: the counts as JSON.
async fn refresh(app: &TestApp) -> Value {
    let page = app
        .admin_post("/admin/actors/active_users/refresh", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

/// The six activity gauges as `(users, tenants)` per window, from `/metrics`.
async fn gauges(app: &TestApp) -> Vec<(f64, f64)> {
    let mut values = Vec::new();
    for window in ["1h", "24h", "7d"] {
        let labels = [("window", window)];
        values.push((
            app.metric("portal_active_users", &labels).await,
            app.metric("portal_active_tenants", &labels).await,
        ));
    }
    values
}

#[actix_web::test]
async fn users_signing_in_at_different_times_land_in_their_windows_on_every_instance() {
    let Some(app) = spawn_app().await else {
        return;
    };
    let contoso = app.create_tenant("Contoso").await;
    let acme = |name: &str| format!("{name}@acme.example");
    for name in ["ada", "bob", "eve", "ned"] {
        app.client_user(None, &acme(name), "Acme").await;
    }
    app.client_user(Some(&contoso), "cy@contoso.example", "Contoso")
        .await;
    // Ada 8 days ago (outside every window), Bob 3 days ago, Cy (Contoso) 5 hours ago,
    // Eve 10 minutes ago; Ned never signs in.
    signed_in(&app, &acme("ada")).await;
    app.clock.advance(Duration::days(5));
    signed_in(&app, &acme("bob")).await;
    app.clock.advance(Duration::days(3) - Duration::hours(5));
    signed_in_at(&app, &contoso, "cy@contoso.example").await;
    app.clock
        .advance(Duration::hours(5) - Duration::minutes(10));
    signed_in(&app, &acme("eve")).await;
    app.clock.advance(Duration::minutes(10));

    let counts = refresh(&app).await;
    assert_eq!(
        counts,
        json!({ "users": { "1h": 1, "24h": 2, "7d": 3 }, "tenants": { "1h": 1, "24h": 2, "7d": 2 } })
    );
    assert_eq!(
        gauges(&app).await,
        [(1.0, 1.0), (2.0, 2.0), (3.0, 2.0)],
        "users and tenants per window"
    );

    // A second instance on the same database, its clock at the same time, says the same
    // (several instances run on PostgreSQL only, like every multi-instance test).
    if backend() == Backend::Postgres {
        let second = spawn_app_on(Some(&app), |_| {}).await.unwrap();
        second.clock.set(app.clock.now_utc());
        assert_eq!(refresh(&second).await, counts);
        assert_eq!(gauges(&second).await, gauges(&app).await);
    }

    // The counting actor is supervised like the others and reports its last run.
    let actors = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    let actors: Value = serde_json::from_str(&actors.body).unwrap();
    let status = &actors["actors"]["active_users"];
    assert_eq!(status["alive"], true, "{actors}");
    assert!(status["last_periodic_result"]
        .as_str()
        .is_some_and(|r| r.starts_with("active users")));
    assert_eq!(
        app.admin_post("/admin/actors/active_users/restart", Some(ADMIN_TOKEN))
            .await
            .status,
        202
    );
    // A week later nobody's sign-in is inside a window any more.
    app.clock.advance(Duration::days(7));
    assert_eq!(
        refresh(&app).await,
        json!({ "users": { "1h": 0, "24h": 0, "7d": 0 }, "tenants": { "1h": 0, "24h": 0, "7d": 0 } })
    );
}

#[actix_web::test]
async fn a_used_session_keeps_its_user_active() {
    let Some(app) = spawn_app().await else {
        return;
    };
    app.client_user(None, "ada@acme.example", "Acme").await;
    let ada = signed_in(&app, "ada@acme.example").await;
    // Signed in 20 minutes ago and still using the portal: her session's last use counts.
    app.clock.advance(Duration::minutes(20));
    assert_eq!(ada.get("/client-portal/dashboard").await.status, 200);
    app.clock.advance(Duration::minutes(50));
    // The last-seen time is written behind (every 15 s): wait (bounded) for it.
    let mut users_1h = Value::Null;
    for _ in 0..100 {
        users_1h = refresh(&app).await["users"]["1h"].clone();
        if users_1h == 1 {
            break;
        }
        actix_rt::time::sleep(StdDuration::from_millis(250)).await;
    }
    assert_eq!(users_1h, 1, "ada used the portal 50 minutes ago");
}

#[actix_web::test]
async fn a_stalled_actor_shows_the_messages_waiting_in_its_mailbox() {
    let Some(app) = spawn_app_with(|s| s.admin.fault_injection = true).await else {
        return;
    };
    let stalled = app
        .admin_post("/admin/actors/audit/stall?ms=4000", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(stalled.status, 202, "{}", stalled.body);

    let flushes =
        join_all((0..5).map(|_| app.admin_post("/admin/actors/audit/flush", Some(ADMIN_TOKEN))));
    let watch = async {
        for _ in 0..150 {
            let page = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
            let actors: Value = serde_json::from_str(&page.body).unwrap();
            if actors["actors"]["audit"]["mailbox_depth"] == 5 {
                let depth = [("actor", "audit")];
                return app.metric("portal_actor_mailbox_depth", &depth).await;
            }
            actix_rt::time::sleep(StdDuration::from_millis(20)).await;
        }
        panic!("the audit mailbox never held the five flushes");
    };
    let (answers, gauge) = futures_util::join!(flushes, watch);
    assert_eq!(gauge, 5.0, "portal_actor_mailbox_depth{{actor=\"audit\"}}");
    assert!(answers.iter().all(|page| page.status == 200));

    // Handled: the mailbox is empty again, in the JSON and the gauge.
    let page = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    let actors: Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(actors["actors"]["audit"]["mailbox_depth"], 0);
    assert_eq!(actors["actors"]["sessions"]["mailbox_depth"], 0);
    let depth = [("actor", "audit")];
    assert_eq!(app.metric("portal_actor_mailbox_depth", &depth).await, 0.0);
}

#[actix_web::test]
async fn stall_requests_that_make_no_sense_are_refused() {
    let Some(app) = spawn_app_with(|s| s.admin.fault_injection = true).await else {
        return;
    };
    for (path, status, code) in [
        ("/admin/actors/audit/stall", 400, "invalid_query"),
        ("/admin/actors/audit/stall?ms=soon", 400, "invalid_query"),
        ("/admin/actors/audit/stall?ms=60001", 400, "invalid_query"),
        ("/admin/actors/nobody/stall?ms=10", 404, "unknown_actor"),
    ] {
        let page = app.admin_post(path, Some(ADMIN_TOKEN)).await;
        assert_eq!(page.status, status, "{path}: {}", page.body);
        assert!(page.body.contains(code), "{path}: {}", page.body);
    }
    assert_eq!(
        app.admin_post("/admin/actors/audit/stall?ms=10", None)
            .await
            .status,
        401
    );
    // Without fault injection the endpoint does not exist.
    let plain = spawn_app().await.unwrap();
    let page = plain
        .admin_post("/admin/actors/audit/stall?ms=10", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
}
