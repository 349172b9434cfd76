//! The operators' audit of admin actions: every mutating admin route (walked from a table that
//! must list each one the admin listener routes) leaves one row naming the action, its target
//! and what it did; refusals are recorded as such; `GET /admin/actions` filters and refuses bad
//! queries.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{json, Value};

use crate::dns_server::DnsServer;
use crate::handoff::{app_with_dns, CANONICAL};
use crate::helpers::{signed_in, TestApp, ADMIN_TOKEN};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR png-body";
/// Fault-injection routes panic on purpose (mounted only with `admin.fault_injection`).
const FAULT_ROUTES: [&str; 4] = [
    "/admin/actors/tenant_data/panic",
    "/admin/actors/{actor}/panic",
    "/admin/actors/{actor}/stall",
    "/admin/faults/http-panic",
];

enum Body {
    None,
    Json(Value),
    Png,
}

/// One mutating route: how to call it, and the row it must leave.
struct Step {
    method: Method,
    pattern: &'static str,
    path: String,
    body: Body,
    action: &'static str,
    /// A member of the recorded details (the counts), when the route reports one.
    detail: Option<&'static str>,
}

fn step(
    method: Method,
    pattern: &'static str,
    path: String,
    body: Body,
    action: &'static str,
    detail: Option<&'static str>,
) -> Step {
    Step {
        method,
        pattern,
        path,
        body,
        action,
        detail,
    }
}

async fn call(app: &TestApp, method: Method, path: &str, body: &Body) -> (u16, Value) {
    let req = app
        .http
        .request(method, format!("{}{path}", app.admin))
        .bearer_auth(ADMIN_TOKEN);
    let req = match body {
        Body::None => req,
        Body::Json(value) => req.json(value),
        Body::Png => req.header("content-type", "image/png").body(PNG.to_vec()),
    };
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// The newest recorded actions (of `action` when given).
pub async fn admin_actions(app: &TestApp, query: &str) -> Vec<Value> {
    let page = app
        .admin_get(&format!("/admin/actions{query}"), Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body: Value = serde_json::from_str(&page.body).unwrap();
    body["actions"].as_array().unwrap().clone()
}

/// Every `(METHOD, pattern)` the admin listener routes with POST, PUT or DELETE, read from
/// its route table (so that a new route fails this test until the table below walks it).
fn mutating_routes() -> BTreeSet<(String, String)> {
    let source = include_str!("../../src/routes/admin/mod.rs");
    source
        .split(".route(")
        .skip(1)
        .filter_map(|chunk| {
            let path = chunk.split('"').nth(1)?;
            let method = ["post", "put", "delete"]
                .into_iter()
                .find(|m| chunk.contains(&format!("web::{m}()")))?;
            Some((method.to_uppercase(), format!("/admin{path}")))
        })
        .filter(|(_, pattern)| !FAULT_ROUTES.contains(&pattern.as_str()))
        .collect()
}

fn first_steps(app: &TestApp, domain: &str) -> Vec<Step> {
    let t = format!("/admin/tenants/{}", app.tenant.slug);
    let d = format!("/admin/portal-domains/{domain}");
    let a = "/admin/actors";
    vec![
        step(
            Method::POST,
            "/admin/actors/sessions/sweep",
            format!("{a}/sessions/sweep"),
            Body::None,
            "actors.sessions.sweep",
            Some("swept"),
        ),
        step(
            Method::POST,
            "/admin/actors/tenant_directory/flush",
            format!("{a}/tenant_directory/flush"),
            Body::None,
            "actors.tenant_directory.flush",
            Some("flushed"),
        ),
        step(
            Method::POST,
            "/admin/actors/audit/flush",
            format!("{a}/audit/flush"),
            Body::None,
            "actors.audit.flush",
            Some("written"),
        ),
        step(
            Method::POST,
            "/admin/actors/audit/sweep",
            format!("{a}/audit/sweep"),
            Body::None,
            "actors.audit.sweep",
            Some("deleted"),
        ),
        step(
            Method::POST,
            "/admin/throttle/sweep",
            "/admin/throttle/sweep".into(),
            Body::None,
            "throttle.sweep",
            Some("swept"),
        ),
        step(
            Method::POST,
            "/admin/actors/login_throttle/sweep",
            format!("{a}/login_throttle/sweep"),
            Body::None,
            "actors.login_throttle.sweep",
            Some("swept"),
        ),
        step(
            Method::POST,
            "/admin/actors/handoff/sweep",
            format!("{a}/handoff/sweep"),
            Body::None,
            "actors.handoff.sweep",
            Some("swept"),
        ),
        step(
            Method::POST,
            "/admin/actors/dns_verifier/flush",
            format!("{a}/dns_verifier/flush"),
            Body::None,
            "actors.dns_verifier.flush",
            Some("flushed"),
        ),
        step(
            Method::POST,
            "/admin/actors/sso/flush",
            format!("{a}/sso/flush"),
            Body::None,
            "actors.sso.flush",
            Some("flushed"),
        ),
        step(
            Method::POST,
            "/admin/actors/sso/sweep",
            format!("{a}/sso/sweep"),
            Body::None,
            "actors.sso.sweep",
            Some("swept"),
        ),
        step(
            Method::POST,
            "/admin/actors/tenant_registry/sweep",
            format!("{a}/tenant_registry/sweep"),
            Body::None,
            "actors.tenant_registry.sweep",
            Some("stopped"),
        ),
        step(
            Method::POST,
            "/admin/actors/active_users/refresh",
            format!("{a}/active_users/refresh"),
            Body::None,
            "actors.active_users.refresh",
            None,
        ),
        step(
            Method::POST,
            "/admin/mailer/deliver",
            "/admin/mailer/deliver".into(),
            Body::None,
            "mailer.deliver",
            Some("delivery"),
        ),
        step(
            Method::POST,
            "/admin/mailer/sweep",
            "/admin/mailer/sweep".into(),
            Body::None,
            "mailer.sweep",
            Some("deleted"),
        ),
        step(
            Method::POST,
            "/admin/notifier/run",
            "/admin/notifier/run".into(),
            Body::None,
            "notifier.run",
            Some("events_handled"),
        ),
        step(
            Method::POST,
            "/admin/portal-domains",
            "/admin/portal-domains".into(),
            Body::Json(json!({ "tenant": app.tenant.slug, "domain": domain })),
            "portal_domains.create",
            Some("status"),
        ),
        step(
            Method::POST,
            "/admin/portal-domains/{domain}/verify",
            format!("{d}/verify"),
            Body::None,
            "portal_domains.verify",
            Some("status"),
        ),
        step(
            Method::POST,
            "/admin/portal-domains/{domain}/flush",
            format!("{d}/flush"),
            Body::None,
            "portal_domains.flush",
            Some("forgotten"),
        ),
        step(
            Method::POST,
            "/admin/portal-domains/{domain}/activate",
            format!("{d}/activate"),
            Body::None,
            "portal_domains.activate",
            Some("status"),
        ),
        step(
            Method::POST,
            "/admin/portal-domains/{domain}/disable",
            format!("{d}/disable"),
            Body::None,
            "portal_domains.disable",
            Some("status"),
        ),
        step(
            Method::POST,
            "/admin/invitations",
            "/admin/invitations".into(),
            Body::Json(json!({ "tenant": app.tenant.slug, "email": "invitee@acme.test" })),
            "invitations.create",
            Some("expires_at"),
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/two-factor",
            format!("{t}/two-factor"),
            Body::Json(json!({ "required": true })),
            "tenants.two_factor.set",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/company-editing",
            format!("{t}/company-editing"),
            Body::Json(json!({ "allowed": true })),
            "tenants.company_editing.set",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/support-email",
            format!("{t}/support-email"),
            Body::Json(json!({ "address": "help@msp.test" })),
            "tenants.support_email.set",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/branding",
            format!("{t}/branding"),
            Body::Json(json!({ "primary_color": "#123456" })),
            "tenants.branding.set",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/branding/logo",
            format!("{t}/branding/logo?variant=light"),
            Body::Png,
            "tenants.branding.logo.set",
            None,
        ),
        step(
            Method::DELETE,
            "/admin/tenants/{tenant}/branding/logo",
            format!("{t}/branding/logo?variant=light"),
            Body::None,
            "tenants.branding.logo.delete",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/branding/favicon",
            format!("{t}/branding/favicon"),
            Body::Png,
            "tenants.branding.favicon.set",
            None,
        ),
        step(
            Method::DELETE,
            "/admin/tenants/{tenant}/branding/favicon",
            format!("{t}/branding/favicon"),
            Body::None,
            "tenants.branding.favicon.delete",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/roles/{role}",
            format!("{t}/roles/user"),
            Body::Json(json!({ "permissions": ["ticket:read"] })),
            "tenants.roles.set",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/sso/providers/{provider}",
            format!("{t}/sso/providers/google"),
            Body::Json(json!({ "kind": "google", "client_id": "c", "client_secret": "s" })),
            "tenants.sso.providers.set",
            None,
        ),
        step(
            Method::PUT,
            "/admin/tenants/{tenant}/sso",
            format!("{t}/sso"),
            Body::Json(json!({ "jit_provisioning": true })),
            "tenants.sso.set",
            None,
        ),
        step(
            Method::DELETE,
            "/admin/tenants/{tenant}/sso/providers/{provider}",
            format!("{t}/sso/providers/google"),
            Body::None,
            "tenants.sso.providers.delete",
            None,
        ),
        step(
            Method::POST,
            "/admin/tenants/{tenant}/integration-tokens",
            format!("{t}/integration-tokens"),
            Body::Json(json!({ "name": "PSA" })),
            "tenants.integration_tokens.create",
            None,
        ),
        step(
            Method::POST,
            "/admin/tenants/{tenant}/cache/flush",
            format!("{t}/cache/flush"),
            Body::None,
            "tenants.cache.flush",
            Some("flushed"),
        ),
        step(
            Method::POST,
            "/admin/tenants/{tenant}/users/{email}/sessions/revoke",
            format!("{t}/users/ada@acme.test/sessions/revoke"),
            Body::None,
            "tenants.users.sessions.revoke",
            Some("revoked"),
        ),
        step(
            Method::POST,
            "/admin/tenants/{tenant}/sessions/revoke",
            format!("{t}/sessions/revoke"),
            Body::None,
            "tenants.sessions.revoke",
            Some("revoked"),
        ),
        step(
            Method::POST,
            "/admin/actors/{actor}/restart",
            format!("{a}/audit/restart"),
            Body::None,
            "actors.restart",
            Some("restarting"),
        ),
    ]
}

/// Sends each step and checks the newest recorded action is its own, with its details.
async fn walk(
    app: &TestApp,
    steps: Vec<Step>,
    walked: &mut BTreeSet<(String, String)>,
) -> Vec<Value> {
    let mut answers = Vec::new();
    for s in steps {
        let (status, answer) = call(app, s.method.clone(), &s.path, &s.body).await;
        assert!(
            (200..300).contains(&status),
            "{} {}: {status} {answer}",
            s.method,
            s.path
        );
        let newest = admin_actions(app, "?limit=1").await;
        let row = &newest[0];
        assert_eq!(row["action"], s.action, "{} {}: {row}", s.method, s.path);
        assert_eq!(
            (&row["source"], &row["outcome"]),
            (&json!("api"), &json!("ok"))
        );
        if s.pattern.contains("{tenant}") {
            assert_eq!(row["tenant"], json!(app.tenant.id), "{row}");
        }
        if let Some(key) = s.detail {
            assert!(
                !row["details"][key].is_null(),
                "{} lacks {key}: {row}",
                s.action
            );
        }
        walked.insert((s.method.to_string(), s.pattern.to_owned()));
        answers.push(answer);
    }
    answers
}

#[actix_web::test]
async fn every_mutating_admin_route_records_what_it_did() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "true").await else {
        return;
    };
    let domain = "help.acme.test";
    dns.set_cname(domain, CANONICAL);
    app.client_user(None, "ada@acme.test", "Acme").await;
    let _ada = signed_in(&app, "ada@acme.test").await;
    let invitee = portal_actors::store::users::NewContact {
        client_id: portal_actors::store::users::find_or_create_client(
            &app.db,
            app.tenant.id,
            "Acme",
            crate::helpers::NowUtc::now_utc(&app.clock),
        )
        .await
        .unwrap(),
        full_name: "Ivy Invitee".into(),
        email: portal_actors::model::Email::parse("invitee@acme.test").unwrap(),
        phone: None,
        portal_role: portal_actors::model::PortalRole::User,
    };
    portal_actors::store::users::create_contact(
        &app.db,
        app.tenant.id,
        &invitee,
        crate::helpers::NowUtc::now_utc(&app.clock),
    )
    .await
    .unwrap();

    let mut walked = BTreeSet::new();
    let answers = walk(&app, first_steps(&app, domain), &mut walked).await;
    let revoked = admin_actions(&app, "?action=tenants.users.sessions.revoke").await;
    assert_eq!(revoked[0]["details"]["revoked"], 1, "Ada's one session");
    assert_eq!(revoked[0]["target"], "ada@acme.test");
    let token_id = answers
        .iter()
        .find_map(|a| a["token_id"].as_str().map(str::to_owned))
        .expect("the created token's id");
    let t = format!("/admin/tenants/{}", app.tenant.slug);
    let last = vec![step(
        Method::DELETE,
        "/admin/tenants/{tenant}/integration-tokens/{token_id}",
        format!("{t}/integration-tokens/{token_id}"),
        Body::None,
        "tenants.integration_tokens.delete",
        None,
    )];
    walk(&app, last, &mut walked).await;
    let routed = mutating_routes();
    let unwalked: Vec<_> = routed.difference(&walked).collect();
    assert!(
        unwalked.is_empty(),
        "mutating admin routes this test does not walk: {unwalked:?}"
    );
    assert!(routed.len() >= 37, "{routed:?}");
}

#[actix_web::test]
async fn refusals_are_recorded_as_refused_and_reads_are_not_recorded() {
    let Some(app) = crate::helpers::spawn_app().await else {
        return;
    };
    let before = admin_actions(&app, "").await.len();
    app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    app.admin_post("/admin/nowhere", Some(ADMIN_TOKEN)).await;
    app.admin_post("/admin/actors/sessions/sweep", None).await;
    assert_eq!(
        admin_actions(&app, "").await.len(),
        before,
        "reads, unknown paths and unauthenticated calls are not actions"
    );

    let page = app
        .admin_post(
            "/admin/tenants/000000000000/sessions/revoke",
            Some(ADMIN_TOKEN),
        )
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
    let row = &admin_actions(&app, "?limit=1").await[0];
    assert_eq!(row["action"], "tenants.sessions.revoke");
    assert_eq!(row["outcome"], "refused");
    assert_eq!(row["target"], "000000000000");
    assert_eq!(
        row["details"],
        json!({ "status": 404, "error": "unknown_tenant" })
    );
    assert!(row["tenant"].is_null());

    for query in [
        "?limit=0",
        "?limit=1001",
        "?limit=x",
        "?action=DROP%20TABLE",
        "?colour=red",
    ] {
        let page = app
            .admin_get(&format!("/admin/actions{query}"), Some(ADMIN_TOKEN))
            .await;
        assert_eq!(page.status, 400, "{query}: {}", page.body);
    }
    app.admin_post("/admin/actors/sessions/sweep", Some(ADMIN_TOKEN))
        .await;
    let sweeps = admin_actions(&app, "?action=actors.sessions.sweep").await;
    assert_eq!(sweeps.len(), 1);
    assert!(sweeps
        .iter()
        .all(|r| r["action"] == "actors.sessions.sweep"));
}
