//! Operators manage portal domains through the admin API and the CLI; bad input gets a clear
//! error and changes nothing.

use serde_json::json;

use crate::handoff::{add_domain, CANONICAL};
use crate::helpers::{
    code_and_text, portal_command, run_portal, spawn_app_with, TestApp, ADMIN_TOKEN,
};
use portal_actors::portal_domain::DomainStatus;

async fn admin_json(
    app: &crate::helpers::TestApp,
    path: &str,
    body: serde_json::Value,
    token: Option<&str>,
) -> (u16, serde_json::Value) {
    let mut req = app.http.post(format!("{}{path}", app.admin)).json(&body);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

/// Registers support.acme.example (spelled Support.Acme.Example.) for the app's tenant and checks
/// it is stored normalised, pending DNS, expecting the canonical host.
async fn register_support_domain(app: &TestApp, slug: &str) {
    let (status, body) = admin_json(
        app,
        "/admin/portal-domains",
        json!({ "tenant": slug, "domain": "Support.Acme.Example." }),
        Some(ADMIN_TOKEN),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["domain"], "support.acme.example");
    assert_eq!(body["status"], "pending_dns");
    assert_eq!(body["expected_cname"], CANONICAL);
}

#[actix_web::test]
async fn bad_domain_registrations_are_refused_and_change_nothing() {
    let Some(app) = spawn_app_with(|s| s.server.canonical_host = CANONICAL.into()).await else {
        return;
    };
    let slug = app.tenant.slug.clone();
    let (status, _) = admin_json(
        &app,
        "/admin/portal-domains",
        json!({ "tenant": slug, "domain": "x.example" }),
        None,
    )
    .await;
    assert_eq!(status, 401);
    for bad in [
        "ab",
        "no-dot",
        "-x.example",
        "x..example",
        "under_score.example",
        "portal.test",
        "https://x.example",
    ] {
        let (status, body) = admin_json(
            &app,
            "/admin/portal-domains",
            json!({ "tenant": slug, "domain": bad }),
            Some(ADMIN_TOKEN),
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_domain")),
            "{bad}"
        );
        assert_eq!(body["field"], "domain");
    }
    let (status, body) = admin_json(
        &app,
        "/admin/portal-domains",
        json!({ "tenant": "ffffffffffff", "domain": "x.example" }),
        Some(ADMIN_TOKEN),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("unknown_tenant"))
    );
    let (status, body) = admin_json(
        &app,
        "/admin/portal-domains",
        json!({ "tenant": 5 }),
        Some(ADMIN_TOKEN),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_json"))
    );
    let list = app
        .admin_get("/admin/portal-domains", Some(ADMIN_TOKEN))
        .await;
    assert!(
        list.body.contains("\"domains\":[]"),
        "bad input changed nothing: {}",
        list.body
    );
}

#[actix_web::test]
async fn a_registered_domain_is_normalised_pending_dns_and_taken_for_other_tenants() {
    let Some(app) = spawn_app_with(|s| s.server.canonical_host = CANONICAL.into()).await else {
        return;
    };
    let slug = app.tenant.slug.clone();
    register_support_domain(&app, &slug).await;
    let other = app.create_tenant("Contoso").await;
    let (status, body) = admin_json(
        &app,
        "/admin/portal-domains",
        json!({ "tenant": other.slug, "domain": "support.acme.example" }),
        Some(ADMIN_TOKEN),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("domain_taken"))
    );
}

#[actix_web::test]
async fn operators_activate_and_disable_registered_domains() {
    let Some(app) = spawn_app_with(|s| s.server.canonical_host = CANONICAL.into()).await else {
        return;
    };
    let slug = app.tenant.slug.clone();
    register_support_domain(&app, &slug).await;
    let (status, body) = admin_json(
        &app,
        "/admin/portal-domains/support.acme.example/activate",
        json!({}),
        Some(ADMIN_TOKEN),
    )
    .await;
    assert_eq!((status, body["status"].as_str()), (200, Some("active")));
    let (status, body) = admin_json(
        &app,
        "/admin/portal-domains/support.acme.example/disable",
        json!({}),
        Some(ADMIN_TOKEN),
    )
    .await;
    assert_eq!((status, body["status"].as_str()), (200, Some("disabled")));
    let (status, body) = admin_json(
        &app,
        "/admin/portal-domains/nope.example/activate",
        json!({}),
        Some(ADMIN_TOKEN),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("domain_not_found"))
    );
}

fn portal(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let mut cmd = portal_command(dir);
    cmd.args(args)
        .env("PORTAL__SERVER__CANONICAL_HOST", CANONICAL);
    code_and_text(&run_portal(&mut cmd, None))
}

/// Creates the tenant Acme MSP (`0123456789ab`) from the command line in `p`.
fn create_acme(p: &std::path::Path) {
    assert_eq!(
        portal(
            p,
            &[
                "tenant",
                "create",
                "--name",
                "Acme MSP",
                "--slug",
                "0123456789ab"
            ]
        )
        .0,
        0
    );
}

#[actix_web::test]
async fn the_cli_adds_activates_lists_and_disables_domains() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    create_acme(p);
    let (code, out) = portal(
        p,
        &[
            "portal-domain",
            "add",
            "--tenant",
            "0123456789ab",
            "--domain",
            "help.acme.example",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("point a CNAME at portal.test"), "{out}");
    let (code, out) = portal(
        p,
        &[
            "portal-domain",
            "add",
            "--tenant",
            "0123456789ab",
            "--domain",
            "bad_domain",
        ],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--domain"));
    let (code, _) = portal(
        p,
        &[
            "portal-domain",
            "add",
            "--tenant",
            "ffffffffffff",
            "--domain",
            "x.example",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        portal(
            p,
            &["portal-domain", "activate", "--domain", "help.acme.example"]
        )
        .0,
        0
    );
    let (_, out) = portal(p, &["portal-domain", "list"]);
    assert!(out.contains("help.acme.example  active"), "{out}");
    assert_eq!(
        portal(p, &["portal-domain", "disable", "--domain", "nope.example"]).0,
        2
    );
}

#[actix_web::test]
async fn the_cli_prunes_handoff_tokens_and_refuses_bad_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    create_acme(p);
    let (code, out) = portal(p, &["portal-domain", "sessions", "prune", "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("DRY RUN: Found 0 portal domain session OTT record(s) older than 10 minute(s) for all tenants."), "{out}");
    let (code, out) = portal(
        p,
        &[
            "portal-domain",
            "sessions",
            "prune",
            "--tenant",
            "0123456789ab",
            "--minutes",
            "0",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Pruned 0 portal domain session OTT record(s) older than 0 minute(s) for tenant 0123456789ab."), "{out}");
    for bad in [
        ["--minutes", "-5"],
        ["--minutes", "soon"],
        ["--tenant", "ffffffffffff"],
    ] {
        let mut args = vec!["portal-domain", "sessions", "prune"];
        args.extend(bad);
        let (code, out) = portal(p, &args);
        assert_eq!(code, 2, "{bad:?}: {out}");
    }
}

#[actix_web::test]
async fn a_prune_that_cannot_reach_the_database_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // A database failure: exit 1 with the documented message.
    std::fs::write(
        p.join("portal.toml"),
        "[database]\nurl = \"postgres://nobody@127.0.0.1:1/none\"\n",
    )
    .unwrap();
    let (code, out) = portal(p, &["portal-domain", "sessions", "prune"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Failed to prune portal domain session OTTs"),
        "{out}"
    );
}

#[actix_web::test]
async fn prune_counts_what_it_deletes_per_tenant() {
    let dns = crate::dns_server::DnsServer::start();
    let Some(app) = crate::handoff::app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(
        &app,
        &app.tenant,
        crate::handoff::VANITY,
        DomainStatus::Active,
    )
    .await;
    for _ in 0..3 {
        crate::handoff::sign_in_for_token(&app, &ada.email).await;
    }
    app.clock.advance(chrono::Duration::minutes(20));
    let before = portal_actors::Clock::now(app.clock.as_ref()) - chrono::Duration::minutes(10);
    let n = portal_actors::store::handoff::count_sweepable(&app.db, before, Some(app.tenant.id))
        .await
        .unwrap();
    assert_eq!(n, 3);
    let other = app.create_tenant("Other").await;
    assert_eq!(
        portal_actors::store::handoff::count_sweepable(&app.db, before, Some(other.id))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        portal_actors::handoff::sweep(&app.db, before, Some(app.tenant.id))
            .await
            .unwrap(),
        3
    );
}
