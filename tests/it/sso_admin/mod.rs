//! Operators configure single sign-on: the admin API (`/admin/tenants/{tenant}/sso…`) and the
//! CLI (`portal tenant sso …`). The client secret goes in, is stored sealed and never comes out;
//! every field the validation refuses is named; SSO-only cannot lock a tenant out; changes are
//! audited.

use portal_actors::sso::providers::{provider_for_sign_in, GOOGLE_ISSUER};
use reqwest::Method;
use secrecy::ExposeSecret;
use serde_json::{json, Value};

use crate::helpers::{
    code_and_text, portal_command, run_portal, spawn_app, TestApp, ADMIN_TOKEN, ENCRYPTION_KEY,
};

mod cli;
mod options;
mod providers;

const CALLBACK: &str = "/auth/client-portal/sso/callback";

/// Calls the admin API; a JSON body is sent as JSON, a string as it is (with a JSON type).
async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
    token: Option<&str>,
) -> (u16, String) {
    let mut req = app.http.request(method, format!("{}{path}", app.admin));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    match body {
        Some(Value::String(raw)) => {
            req = req.header("content-type", "application/json").body(raw);
        }
        Some(body) => req = req.json(&body),
        None => {}
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

async fn api(app: &TestApp, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let (status, text) = call(app, method, path, body, Some(ADMIN_TOKEN)).await;
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: not JSON: {text}"))
    };
    (status, value)
}

fn sso_path(app: &TestApp) -> String {
    format!("/admin/tenants/{}/sso", app.tenant.slug)
}

fn provider_path(app: &TestApp, provider: &str) -> String {
    format!(
        "/admin/tenants/{}/sso/providers/{provider}",
        app.tenant.slug
    )
}

async fn put_provider(app: &TestApp, provider: &str, body: Value) -> (u16, Value) {
    api(app, Method::PUT, &provider_path(app, provider), Some(body)).await
}

/// The stored (sealed) client secret column.
async fn stored_secret(app: &TestApp, provider: &str) -> String {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        String,
        "SELECT client_secret FROM sso_providers WHERE tenant = $1 AND provider = $2",
        app.tenant.id,
        provider
    )
    .unwrap()
}

/// The secret as a sign-in would open it.
async fn opened_secret(app: &TestApp, provider: &str) -> String {
    let config = provider_for_sign_in(
        &app.db,
        &app.state.services.secret_box,
        app.tenant.id,
        provider,
    )
    .await
    .unwrap()
    .expect("an enabled provider");
    config.client_secret.expose_secret().to_owned()
}

/// The tenant's audit events of one type (the endpoint flushes the Audit actor first).
async fn api_audit_events(app: &TestApp, event_type: &str) -> Vec<Value> {
    let (status, body) = api(
        app,
        Method::GET,
        &format!(
            "/admin/audit?tenant={}&event_type={event_type}",
            app.tenant.slug
        ),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["events"].as_array().unwrap().clone()
}

fn details(event: &Value) -> Value {
    serde_json::from_str(event["details"].as_str().unwrap()).unwrap()
}

/// Runs `portal` on the test's database and key, in an empty folder.
fn portal(
    app: &TestApp,
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (i32, String) {
    let mut cmd = portal_command(dir);
    cmd.args(args)
        .env("PORTAL__DATABASE__URL", &app.database_url)
        .env("PORTAL__SECURITY__ENCRYPTION_KEY", ENCRYPTION_KEY)
        .env_remove("KC_SECRET")
        .envs(env.iter().copied());
    code_and_text(&run_portal(&mut cmd, None))
}
