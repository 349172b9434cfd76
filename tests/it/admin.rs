//! The admin listener: health checks open, everything else behind the bearer token.

use crate::helpers::{spawn_app, ADMIN_TOKEN};

#[actix_web::test]
async fn the_admin_token_is_required_and_nothing_else_is_said() {
    let Some(app) = spawn_app().await else { return };
    for path in ["/metrics", "/admin/actors"] {
        for token in [None, Some("wrong-token-0123456789"), Some("")] {
            let page = app.admin_get(path, token).await;
            assert_eq!(page.status, 401, "{path} {token:?}");
            assert!(page.body.is_empty(), "{path}: {}", page.body);
        }
        assert_eq!(
            app.admin_get(path, Some(ADMIN_TOKEN)).await.status,
            200,
            "{path}"
        );
    }
    for path in [
        "/admin/actors/sessions/sweep",
        "/admin/actors/sessions/restart",
    ] {
        assert_eq!(app.admin_post(path, None).await.status, 401);
    }
    let health = app.admin_get("/healthz", None).await;
    assert_eq!(health.status, 200);
    let ready = app.admin_get("/readyz", None).await;
    assert_eq!(ready.status, 200, "{}", ready.body);
    // Fault injection is off unless configured.
    assert_eq!(
        app.admin_post("/admin/actors/sessions/panic", Some(ADMIN_TOKEN))
            .await
            .status,
        404
    );
    assert_eq!(
        app.admin_post("/admin/actors/nobody/restart", Some(ADMIN_TOKEN))
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn metrics_are_labelled_by_route_pattern_and_list_the_actors() {
    let Some(app) = spawn_app().await else { return };
    let browser = app.browser();
    browser.get("/client-portal/some/random/path").await;
    browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    // The integration API counts by status, so its counter has a series once a request came.
    let unauthenticated = app.admin_get("/integration/v1/boards", None).await;
    assert_eq!(unauthenticated.status, 401, "{}", unauthenticated.body);
    let metrics = app.admin_get("/metrics", Some(ADMIN_TOKEN)).await.body;
    assert!(metrics.contains("portal_build_info{version="));
    assert!(
        !metrics.contains("/client-portal/some/random/path"),
        "raw paths never become labels"
    );
    assert!(metrics.contains("route=\"/auth/client-portal/signin\""));
    for actor in ["sessions", "tenant_directory", "audit"] {
        assert!(
            metrics.contains(&format!(
                "portal_actor_restarts_total{{actor=\"{actor}\"}} 0"
            )),
            "{actor}"
        );
    }
    let actors: serde_json::Value =
        serde_json::from_str(&app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await.body)
            .unwrap();
    for actor in [
        "credentials",
        "sessions",
        "tenant_directory",
        "audit",
        "tenant_registry",
        "tenant_data",
    ] {
        assert_eq!(actors["actors"][actor]["alive"], true, "{actor}");
    }
    // Every metric the dashboard and alerts query exists in a live scrape.
    let dashboard = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/monitoring/grafana/portal-dashboard.json"
    ))
    .unwrap();
    let rules = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/monitoring/rules/portal.rules.yml"
    ))
    .unwrap();
    for text in [dashboard, rules] {
        for name in text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| w.starts_with("portal_") && w.len() > "portal_".len())
        {
            let base = name
                .trim_end_matches("_bucket")
                .trim_end_matches("_count")
                .trim_end_matches("_sum");
            assert!(
                metrics.contains(&format!("# TYPE {base} ")),
                "{name} is queried but not exported"
            );
        }
    }
}

#[actix_web::test]
async fn operators_set_the_two_factor_policy() {
    let Some(app) = spawn_app().await else { return };
    let url = format!("{}/admin/tenants/{}/two-factor", app.admin, app.tenant.slug);
    let get = |token: Option<&'static str>| {
        let mut req = app.http.get(&url);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    assert_eq!(get(None).await.unwrap().status(), 401);
    let shown: serde_json::Value = get(Some(ADMIN_TOKEN)).await.unwrap().json().await.unwrap();
    assert_eq!(shown["required"], false);
    let put = app
        .http
        .put(&url)
        .bearer_auth(ADMIN_TOKEN)
        .json(&serde_json::json!({ "required": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    assert!(
        portal_actors::store::two_factor::tenant_requires(&app.db, app.tenant.id)
            .await
            .unwrap()
    );
    let bad = app
        .http
        .put(&url)
        .bearer_auth(ADMIN_TOKEN)
        .json(&serde_json::json!({ "required": "yes" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let body: serde_json::Value = bad.json().await.unwrap();
    assert!(body["error"].is_string());
    let unknown = app
        .http
        .put(format!(
            "{}/admin/tenants/ffffffffffff/two-factor",
            app.admin
        ))
        .bearer_auth(ADMIN_TOKEN)
        .json(&serde_json::json!({ "required": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}
