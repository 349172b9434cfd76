//! Operators end every session of a user or of a tenant: from the admin API (instant on every
//! instance) and from the command line (on SQLite a running server refuses the sessions once its
//! cached copies are older than the session-cache TTL; on PostgreSQL at once). Each is audited:
//! the tenant's `sessions_revoked` event with the count, and an admin action.

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use portal_actors::sessions::CACHE_TTL;
use serde_json::{json, Value};

use crate::admin_actions::admin_actions;
use crate::helpers::*;

const DASHBOARD: &str = "/client-portal/dashboard";

fn revoke_user_path(app: &TestApp, email: &str) -> String {
    format!(
        "/admin/tenants/{}/users/{email}/sessions/revoke",
        app.tenant.slug
    )
}

async fn revoke(app: &TestApp, path: &str) -> (u16, Value) {
    let page = app.admin_post(path, Some(ADMIN_TOKEN)).await;
    (
        page.status,
        serde_json::from_str(&page.body).unwrap_or(Value::Null),
    )
}

fn signed_out(page: &Page) -> bool {
    page.status == 303 && page.location().starts_with("/auth/client-portal/signin")
}

#[actix_web::test]
async fn an_operator_ends_a_users_sessions_and_then_a_tenants() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.test", "Acme").await;
    app.client_user(None, "bob@acme.test", "Acme").await;
    let ada = [
        signed_in(&app, "ada@acme.test").await,
        signed_in(&app, "ada@acme.test").await,
    ];
    let bob = signed_in(&app, "bob@acme.test").await;
    for b in ada.iter().chain([&bob]) {
        assert_eq!(b.get(DASHBOARD).await.status, 200);
    }

    let (status, body) = revoke(&app, &revoke_user_path(&app, "ADA@acme.test")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["revoked"], 2);
    for b in &ada {
        assert!(
            signed_out(&b.get(DASHBOARD).await),
            "Ada is signed out at once"
        );
    }
    assert_eq!(bob.get(DASHBOARD).await.status, 200, "Bob is not");
    let events = audit_events(&app, "sessions_revoked").await;
    assert_eq!(events.len(), 1);
    let details: Value = serde_json::from_str(events[0].details.as_deref().unwrap()).unwrap();
    assert_eq!(
        (&details["sessions"], &details["scope"]),
        (&json!(2), &json!("user"))
    );
    assert_eq!(events[0].email.as_deref(), Some("ada@acme.test"));

    let tenant_path = format!("/admin/tenants/{}/sessions/revoke", app.tenant.slug);
    let (status, body) = revoke(&app, &tenant_path).await;
    assert_eq!((status, &body["revoked"]), (200, &json!(1)), "{body}");
    assert!(signed_out(&bob.get(DASHBOARD).await));
    let row = &admin_actions(&app, "?action=tenants.sessions.revoke").await[0];
    assert_eq!(
        (&row["details"]["revoked"], &row["outcome"]),
        (&json!(1), &json!("ok"))
    );
    assert_eq!(audit_events(&app, "sessions_revoked").await.len(), 2);
    let (_, again) = revoke(&app, &tenant_path).await;
    assert_eq!(again["revoked"], 0, "nothing left to end");
}

#[actix_web::test]
async fn unknown_tenants_and_users_are_refused_and_nothing_ends() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.test", "Acme").await;
    let ada = signed_in(&app, "ada@acme.test").await;
    let cases = [
        (
            "/admin/tenants/000000000000/sessions/revoke".to_owned(),
            "unknown_tenant",
        ),
        (
            "/admin/tenants/nope/users/ada@acme.test/sessions/revoke".to_owned(),
            "unknown_tenant",
        ),
        (revoke_user_path(&app, "nobody@acme.test"), "unknown_user"),
        (revoke_user_path(&app, "not-an-email"), "unknown_user"),
    ];
    for (path, code) in cases {
        let (status, body) = revoke(&app, &path).await;
        assert_eq!(
            (status, &body["error"]),
            (404, &json!(code)),
            "{path}: {body}"
        );
    }
    assert_eq!(ada.get(DASHBOARD).await.status, 200);
    assert!(audit_events(&app, "sessions_revoked").await.is_empty());
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "admin")])
            .await,
        0.0
    );
}

#[actix_web::test]
async fn a_revocation_made_on_one_instance_is_refused_by_another_within_a_second() {
    let Some(apps) = spawn_instances(2, |_, _| {}).await else {
        return;
    };
    let (a, b) = (&apps[0], &apps[1]);
    a.client_user(None, "ada@acme.test", "Acme").await;
    let at_b = b.browser();
    assert_eq!(
        at_b.sign_in(&a.tenant.slug, "ada@acme.test", PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(at_b.get(DASHBOARD).await.status, 200, "cached at B");
    let (status, body) = revoke(a, &revoke_user_path(a, "ada@acme.test")).await;
    assert_eq!((status, &body["revoked"]), (200, &json!(1)), "{body}");
    let start = Instant::now();
    while !signed_out(&at_b.get(DASHBOARD).await) {
        assert!(
            start.elapsed() < StdDuration::from_secs(1),
            "B still accepts it"
        );
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

fn cli(app: &TestApp, args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = portal_command(dir.path());
    cmd.args(args)
        .env("PORTAL__DATABASE__URL", &app.database_url)
        .env("PORTAL__SECURITY__ENCRYPTION_KEY", ENCRYPTION_KEY);
    code_and_text(&run_portal(&mut cmd, None))
}

#[actix_web::test]
async fn the_command_line_ends_sessions_that_a_running_server_then_refuses() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.test", "Acme").await;
    app.client_user(None, "bob@acme.test", "Acme").await;
    let ada = signed_in(&app, "ada@acme.test").await;
    let bob = signed_in(&app, "bob@acme.test").await;
    assert_eq!(ada.get(DASHBOARD).await.status, 200, "cached");
    let slug = app.tenant.slug.clone();

    let (code, text) = cli(
        &app,
        &[
            "user",
            "revoke-sessions",
            "--tenant",
            &slug,
            "nobody@acme.test",
        ],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("no user nobody@acme.test"), "{text}");
    let (code, text) = cli(
        &app,
        &[
            "user",
            "revoke-sessions",
            "--tenant",
            &slug,
            "ada@acme.test",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Ended 1 session(s)"), "{text}");
    if backend() == Backend::Sqlite {
        // One server, no NOTIFY: its cached copy is trusted until the TTL has passed.
        app.clock
            .advance(Duration::from_std(CACHE_TTL).unwrap() + Duration::seconds(1));
    }
    assert!(
        signed_out(&ada.get(DASHBOARD).await),
        "refused after the TTL at the latest"
    );
    assert_eq!(bob.get(DASHBOARD).await.status, 200);

    let (code, text) = cli(&app, &["tenant", "revoke-sessions", &slug]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Ended 1 session(s)"), "{text}");
    if backend() == Backend::Sqlite {
        app.clock
            .advance(Duration::from_std(CACHE_TTL).unwrap() + Duration::seconds(1));
    }
    assert!(signed_out(&bob.get(DASHBOARD).await));
    let events = audit_events(&app, "sessions_revoked").await;
    assert_eq!(events.len(), 2, "{events:?}");
    let rows = admin_actions(&app, "?limit=10").await;
    let actions: Vec<_> = rows
        .iter()
        .filter(|r| r["source"] == "cli")
        .map(|r| (r["action"].clone(), r["details"]["revoked"].clone()))
        .collect();
    assert_eq!(
        actions,
        vec![
            (json!("tenant.revoke_sessions"), json!(1)),
            (json!("user.revoke_sessions"), json!(1)),
        ]
    );
}
