//! `…/admin/tenants/{tenant}/roles`: the effective table, one role's set replaced from the known
//! list only (the unknown one named, nothing changed), the Admin role kept able to manage users,
//! audited, applied on the next request, and one tenant's change never another's.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{audit_events, spawn_app, TestApp, ADMIN_TOKEN};
use crate::ticket_data as data;

async fn admin_json(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = app
        .http
        .request(method, format!("{}{path}", app.admin))
        .bearer_auth(ADMIN_TOKEN);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn roles_path(app: &TestApp) -> String {
    format!("/admin/tenants/{}/roles", app.tenant.slug)
}

async fn table(app: &TestApp) -> Value {
    let (status, body) = admin_json(app, Method::GET, &roles_path(app), None).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn holds(table: &Value, role: &str, permission: &str) -> bool {
    table[role]
        .as_array()
        .is_some_and(|set| set.iter().any(|p| p == permission))
}

#[actix_web::test]
async fn the_table_reads_and_a_role_is_replaced_whole() {
    let Some(app) = spawn_app().await else { return };
    let before = table(&app).await;
    assert_eq!(
        before
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["admin".into(), "finance".into(), "user".into()])
    );
    assert!(holds(&before, "finance", "billing:read"));
    assert!(!holds(&before, "user", "billing:read"));
    assert!(holds(&before, "admin", "user:update"));

    let path = format!("{}/user", roles_path(&app));
    let wanted =
        json!({"permissions": ["ticket:update", "ticket:read", "billing:read", "ticket:read"]});
    let (status, body) = admin_json(&app, Method::PUT, &path, Some(wanted)).await;
    assert_eq!(status, 200, "{body}");
    let expected =
        json!({"role": "user", "permissions": ["billing:read", "ticket:read", "ticket:update"]});
    assert_eq!(body, expected);
    let (status, read) = admin_json(&app, Method::GET, &path, None).await;
    assert_eq!((status, read), (200, expected));
    // The other roles are untouched.
    let after = table(&app).await;
    assert_eq!(after["finance"], before["finance"]);
    assert_eq!(after["admin"], before["admin"]);

    let events = audit_events(&app, "role_permissions_changed").await;
    assert_eq!(events.len(), 1);
    let details: Value = serde_json::from_str(events[0].details.as_deref().unwrap()).unwrap();
    assert_eq!(details["role"], "user");
    assert_eq!(details["old"], before["user"]);
    assert_eq!(
        details["new"],
        json!(["billing:read", "ticket:read", "ticket:update"])
    );
}

#[actix_web::test]
async fn an_unknown_permission_or_role_is_refused_by_name_and_nothing_changes() {
    let Some(app) = spawn_app().await else { return };
    let before = table(&app).await;
    let path = format!("{}/user", roles_path(&app));
    for bad in ["ticket:fly", "rockets:read", "ticket", " "] {
        let body = json!({"permissions": ["ticket:read", bad]});
        let (status, got) = admin_json(&app, Method::PUT, &path, Some(body)).await;
        assert_eq!(status, 400, "{bad}: {got}");
        assert_eq!(got["error"], "invalid_field");
        assert_eq!(got["field"], "permissions");
        assert!(
            got["message"]
                .as_str()
                .unwrap()
                .contains(&format!("`{bad}`")),
            "{got}"
        );
    }
    let (status, got) = admin_json(
        &app,
        Method::PUT,
        &format!("{}/owner", roles_path(&app)),
        Some(json!({"permissions": []})),
    )
    .await;
    assert_eq!(
        (status, &got["error"], &got["field"]),
        (404, &json!("unknown_role"), &json!("role"))
    );
    let (status, _) = admin_json(&app, Method::PUT, &path, Some(json!({"perms": []}))).await;
    assert_eq!(status, 400);
    assert_eq!(table(&app).await, before);
    assert!(audit_events(&app, "role_permissions_changed")
        .await
        .is_empty());
}

#[actix_web::test]
async fn the_admin_role_cannot_lose_the_management_of_users() {
    let Some(app) = spawn_app().await else { return };
    let before = table(&app).await;
    let path = format!("{}/admin", roles_path(&app));
    for set in [
        json!([]),
        json!(["user:read", "user:update"]),
        json!(["ticket:read"]),
    ] {
        let (status, got) =
            admin_json(&app, Method::PUT, &path, Some(json!({"permissions": set}))).await;
        assert_eq!(
            (status, &got["error"]),
            (409, &json!("last_user_manager")),
            "{set}"
        );
    }
    assert_eq!(table(&app).await, before);
    // Keeping them, the rest can go.
    let (status, got) = admin_json(
        &app,
        Method::PUT,
        &path,
        Some(json!({"permissions": ["company:manage"]})),
    )
    .await;
    assert_eq!(status, 200, "{got}");
}

#[actix_web::test]
async fn a_permission_taken_from_a_role_applies_on_the_next_request() {
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let form = browser.get("/client-portal/tickets/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let token = crate::helpers::Browser::form_csrf(&form);

    let path = format!("{}/user", roles_path(&app));
    let read_only = json!({"permissions": ["ticket:read", "ticket:update", "client:read"]});
    let (status, body) = admin_json(&app, Method::PUT, &path, Some(read_only)).await;
    assert_eq!(status, 200, "{body}");

    assert_eq!(browser.get("/client-portal/tickets/new").await.status, 403);
    let desk = c.desk.to_string();
    let low = c.low.to_string();
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", "Printer jam"),
        ("board", desk.as_str()),
        ("priority", low.as_str()),
        ("category", ""),
        ("description", "It jams."),
    ];
    let refused = browser
        .post_multipart("/client-portal/tickets", &fields, &[])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let raised: i64 = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM tickets WHERE tenant = $1",
        tenant.id
    )
    .unwrap();
    assert_eq!(raised, 0, "nothing raised");
    // Still a reader.
    assert_eq!(browser.get("/client-portal/tickets").await.status, 200);
}

#[actix_web::test]
async fn one_tenants_roles_never_change_anothers() {
    let Some(app) = spawn_app().await else { return };
    let other = app.create_tenant("Contoso MSP").await;
    let other_path = format!("/admin/tenants/{}/roles", other.slug);
    let (_, other_before) = admin_json(&app, Method::GET, &other_path, None).await;
    let path = format!("{}/finance", roles_path(&app));
    let (status, body) = admin_json(
        &app,
        Method::PUT,
        &path,
        Some(json!({"permissions": ["billing:read"]})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, other_after) = admin_json(&app, Method::GET, &other_path, None).await;
    assert_eq!(other_after, other_before);
    assert!(holds(&other_after, "finance", "ticket:create"));
    // An unknown tenant: 404.
    let (status, got) =
        admin_json(&app, Method::GET, "/admin/tenants/ffffffffffff/roles", None).await;
    assert_eq!((status, &got["error"]), (404, &json!("unknown_tenant")));
}
