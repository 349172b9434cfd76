//! The integration API: per-tenant tokens, upserts round trips, field-named refusals that
//! change nothing, tickets following their status, replies and notes, uploads, the feed's
//! cursor, isolation between tenants, the directory changes feed, portal access from the PSA,
//! and the OpenAPI document matching the routes.

use portal_actors::Clock;
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{
    output_text, portal_command, run_portal, spawn_app, spawn_app_with, TestApp, ADMIN_TOKEN,
};
use crate::ticket_fixtures::{
    company_of, put_board, put_priority, put_status, put_ticket, seed_basic, Api, Fixture,
    TicketSpec,
};

mod billing;
mod catalog;
mod changes;
mod changes_concurrency;
mod directory;
mod feed;
mod listener;
mod portal_access;
mod projects;
mod rate_limit;
mod tickets;
mod tokens;

async fn admin(app: &TestApp, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = app
        .http
        .request(method, format!("{}{path}", app.admin))
        .bearer_auth(ADMIN_TOKEN);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn seeded() -> Option<(TestApp, Fixture)> {
    let app = spawn_app().await?;
    app.client_user(None, "ada@acme.example", "Acme Manufacturing")
        .await;
    let fixture = seed_basic(&app, "ada@acme.example").await;
    Some((app, fixture))
}

fn assert_field((status, body): &(u16, Value), field: &str) {
    assert_eq!(*status, 400, "{field}: {body}");
    assert_eq!(body["error"], "invalid_field", "{field}: {body}");
    assert_eq!(body["field"], field, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
}
