//! The JSON error bodies of the admin API, the integration API and `/api/client-portal/*`
//! (one `ApiError`): each code the documentation promises, with exactly the documented members.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, ADMIN_TOKEN};

/// A request to the admin listener (the admin token unless `token` is `None`) with a raw body.
async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, String)>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut req = app.http.request(method, format!("{}{path}", app.admin));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some((content_type, body)) = body {
        req = req.header("content-type", content_type).body(body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, headers, body)
}

async fn admin(app: &TestApp, method: Method, path: &str) -> (u16, Value) {
    let (status, _, body) = call(app, method, path, Some(ADMIN_TOKEN), None).await;
    (status, body)
}

async fn admin_json(app: &TestApp, method: Method, path: &str, body: Value) -> (u16, Value) {
    let raw = Some(("application/json", body.to_string()));
    let (status, _, body) = call(app, method, path, Some(ADMIN_TOKEN), raw).await;
    (status, body)
}

/// `{"error": "invalid_json", "message": …}` (the message says what was wrong).
fn assert_invalid_json(status: u16, body: &Value) {
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_json", "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(body.as_object().map(|o| o.len()), Some(2), "{body}");
}

#[actix_web::test]
async fn unknown_admin_paths_are_not_found() {
    let Some(app) = spawn_app().await else { return };
    for path in ["/admin/nothing-here", "/nothing-here"] {
        let (status, body) = admin(&app, Method::GET, path).await;
        assert_eq!(
            (status, body),
            (404, json!({"error": "not_found"})),
            "{path}"
        );
    }
}

#[actix_web::test]
async fn an_unknown_actor_is_refused_by_name() {
    let Some(app) = spawn_app().await else { return };
    let (status, body) = admin(&app, Method::POST, "/admin/actors/nobody/restart").await;
    assert_eq!((status, body), (404, json!({"error": "unknown_actor"})));
}

#[actix_web::test]
async fn fault_injection_is_not_found_when_off() {
    let Some(app) = spawn_app().await else { return };
    for path in [
        "/admin/faults/http-panic",
        "/admin/actors/sessions/panic",
        "/admin/actors/tenant_data/panic?tenant=acme",
    ] {
        let (status, body) = admin(&app, Method::POST, path).await;
        assert_eq!(
            (status, body),
            (404, json!({"error": "not_found"})),
            "{path}"
        );
    }
}

#[actix_web::test]
async fn a_bad_sweep_query_is_invalid_query() {
    let Some(app) = spawn_app().await else { return };
    let path = "/admin/actors/tenant_registry/sweep?idle_seconds=soon";
    let (status, body) = admin(&app, Method::POST, path).await;
    assert_eq!((status, body), (400, json!({"error": "invalid_query"})));
}

#[actix_web::test]
async fn an_unknown_tenant_is_unknown_tenant_everywhere() {
    let Some(app) = spawn_app().await else { return };
    for path in [
        "/admin/tenants/no-such-tenant/two-factor",
        "/admin/tenants/no-such-tenant/sso",
        "/admin/tenants/no-such-tenant/integration-tokens",
        "/admin/tenants/no-such-tenant/sso/providers/acme",
    ] {
        let (status, body) = admin(&app, Method::GET, path).await;
        assert_eq!(
            (status, body),
            (404, json!({"error": "unknown_tenant"})),
            "{path}"
        );
    }
    let invite = json!({"tenant": "no-such-tenant", "email": "ada@acme.example"});
    let (status, body) = admin_json(&app, Method::POST, "/admin/invitations", invite).await;
    assert_eq!((status, body), (404, json!({"error": "unknown_tenant"})));
}

#[actix_web::test]
async fn an_unknown_token_is_unknown_token() {
    let Some(app) = spawn_app().await else { return };
    let slug = &app.tenant.slug;
    for token in ["not-a-uuid", "00000000-0000-0000-0000-000000000000"] {
        let path = format!("/admin/tenants/{slug}/integration-tokens/{token}");
        let (status, body) = admin(&app, Method::DELETE, &path).await;
        assert_eq!(
            (status, body),
            (404, json!({"error": "unknown_token"})),
            "{token}"
        );
    }
}

#[actix_web::test]
async fn an_invitation_names_one_contact_exactly() {
    let Some(app) = spawn_app().await else { return };
    let slug = app.tenant.slug.clone();
    let cases = [
        (json!({"tenant": slug}), 400, "contact_id_or_email"),
        (
            json!({"tenant": slug, "email": "a@b.example", "contact_id": uuid::Uuid::nil()}),
            400,
            "contact_id_or_email",
        ),
        (
            json!({"tenant": slug, "email": "not an email"}),
            400,
            "invalid_email",
        ),
        (
            json!({"tenant": slug, "email": "nobody@nowhere.example"}),
            404,
            "unknown_contact",
        ),
    ];
    for (invite, status, code) in cases {
        let got = admin_json(&app, Method::POST, "/admin/invitations", invite.clone()).await;
        assert_eq!(got, (status, json!({"error": code})), "{invite}");
    }
}

#[actix_web::test]
async fn a_refused_domain_names_the_field() {
    let Some(app) = spawn_app().await else { return };
    let add = json!({"tenant": app.tenant.slug, "domain": "not a domain"});
    let (status, body) = admin_json(&app, Method::POST, "/admin/portal-domains", add).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_domain");
    assert_eq!(body["field"], "domain");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    for action in ["verify", "activate", "disable"] {
        let path = format!("/admin/portal-domains/nowhere.example/{action}");
        let got = admin(&app, Method::POST, &path).await;
        assert_eq!(got, (404, json!({"error": "domain_not_found"})), "{action}");
    }
}

#[actix_web::test]
async fn admin_bodies_that_are_not_the_json_expected_are_invalid_json() {
    let Some(app) = spawn_app().await else { return };
    let path = format!("/admin/tenants/{}/two-factor", app.tenant.slug);
    for (content_type, body) in [
        ("application/json", "{".to_owned()),
        ("application/json", r#"{"required": "yes"}"#.to_owned()),
        (
            "application/json",
            r#"{"required": true, "extra": 1}"#.to_owned(),
        ),
        ("text/plain", r#"{"required": true}"#.to_owned()),
    ] {
        let raw = Some((content_type, body.clone()));
        let (status, _, got) = call(&app, Method::PUT, &path, Some(ADMIN_TOKEN), raw).await;
        assert_invalid_json(status, &got);
        if content_type == "text/plain" {
            assert_eq!(
                got["message"],
                "the body must be JSON (Content-Type: application/json)"
            );
        }
    }
    let huge = format!(
        r#"{{"required": true, "pad": "{}"}}"#,
        "x".repeat(64 * 1024)
    );
    let raw = Some(("application/json", huge));
    let (status, _, got) = call(&app, Method::PUT, &path, Some(ADMIN_TOKEN), raw).await;
    assert_eq!(status, 413, "{got}");
    assert_eq!(got["error"], "payload_too_large");
    assert!(got["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[actix_web::test]
async fn the_integration_api_refuses_in_json() {
    let Some(app) = spawn_app().await else { return };
    for token in [None, Some("not-a-token")] {
        let (status, headers, body) =
            call(&app, Method::GET, "/integration/v1/boards", token, None).await;
        assert_eq!((status, body), (401, json!({"error": "unauthorized"})));
        assert_eq!(
            headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer")
        );
    }
    let (status, _, body) = call(
        &app,
        Method::DELETE,
        "/integration/v1/openapi.json",
        None,
        None,
    )
    .await;
    assert_eq!(
        (status, body),
        (405, json!({"error": "method_not_allowed"}))
    );
}

#[actix_web::test]
async fn the_domain_session_api_refuses_in_json() {
    let Some(app) = spawn_app().await else { return };
    let browser = app.browser();
    let page = browser.get("/api/client-portal/domain-session").await;
    assert_eq!(page.status, 405);
    let body: Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(body, json!({"error": "method_not_allowed"}));

    let page = browser
        .post_form("/api/client-portal/domain-session", &[("ott", "x")])
        .await;
    assert_invalid_json(page.status, &serde_json::from_str(&page.body).unwrap());

    let page = browser
        .post_json_from(
            "/api/client-portal/domain-session",
            &json!({"ott": "x"}),
            Some("https://elsewhere.example"),
        )
        .await;
    assert_eq!(page.status, 403);
    assert_eq!(page.header("cache-control"), "no-store");
    let body: Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(body, json!({"error": "origin_not_allowed"}));
}
