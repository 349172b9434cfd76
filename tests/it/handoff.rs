//! Vanity-domain handoff: sign-in on the canonical host, one-time transfer tokens, the exchange
//! endpoint's every error code (each with nothing changed), DNS verification against a real DNS
//! server on loopback, and vanity-host routing.

use chrono::Duration;
use portal_actors::domain::TenantInfo;
use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::portal_domains;
use serde_json::json;

use crate::dns_server::DnsServer;
use crate::helpers::{spawn_app_on, spawn_app_with, Browser, Page, TestApp, ADMIN_TOKEN, PASSWORD};

pub const CANONICAL: &str = "portal.test";
pub const VANITY: &str = "support.acme.test";

pub async fn app_with_dns(dns: &DnsServer, check: &str) -> Option<TestApp> {
    let addr = dns.addr;
    let check = check.to_owned();
    spawn_app_with(move |s| {
        s.server.canonical_host = CANONICAL.into();
        s.domains.name_servers = vec![addr];
        s.domains.dns_timeout_ms = 500;
        s.domains.dns_check = check;
    })
    .await
}

pub async fn add_domain(app: &TestApp, tenant: &TenantInfo, domain: &str, status: DomainStatus) {
    let now = portal_actors::Clock::now(app.clock.as_ref());
    portal_domains::upsert(&app.db, tenant.tenant, domain, CANONICAL, CANONICAL, now)
        .await
        .unwrap();
    portal_domains::set_status(&app.db, tenant.tenant, status, None, false, None, now)
        .await
        .unwrap();
    app.admin_post("/admin/actors/tenant_directory/flush", Some(ADMIN_TOKEN))
        .await;
}

/// Signs in on the canonical host and returns the transfer token from the redirect.
pub async fn sign_in_for_token(app: &TestApp, email: &str) -> (String, String) {
    let browser = app.browser();
    let page = browser.sign_in(&app.tenant.slug, email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert!(
        browser.cookie("__Host-portal.session").is_none(),
        "no session on the canonical host"
    );
    let location = page.location().to_owned();
    let prefix = format!("https://{VANITY}/auth/client-portal/handoff?ott=");
    assert!(location.starts_with(&prefix), "{location}");
    let rest = &location[prefix.len()..];
    let (ott, ret) = rest.split_once("&return=").unwrap();
    (ott.to_owned(), ret.to_owned())
}

pub async fn exchange(app: &TestApp, host: &str, body: serde_json::Value) -> Page {
    app.browser_at(host)
        .post_json("/api/client-portal/domain-session", &body)
        .await
}

fn error_code(page: &Page) -> String {
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap_or_default();
    v["error"].as_str().unwrap_or_default().to_owned()
}

#[actix_web::test]
async fn a_canonical_sign_in_lands_on_the_vanity_dashboard() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;

    // The sign-in page may send its form on to the vanity domain.
    let sign_in_page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(sign_in_page
        .header("content-security-policy")
        .contains(&format!("form-action 'self' https://{VANITY}")));

    let (ott, ret) = sign_in_for_token(&app, &ada.email).await;
    assert_eq!(ret, "/client-portal/dashboard");
    let vanity = app.browser_at(VANITY);
    let page = vanity
        .get(&format!(
            "/auth/client-portal/handoff?ott={ott}&return={ret}"
        ))
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    assert!(
        page.body.contains("Northwind IT Services"),
        "tenant branding"
    );
    assert!(page.body.contains(&format!("name=\"ott\" value=\"{ott}\"")));
    assert!(
        page.body.contains("history.replaceState"),
        "strips the token from the address bar"
    );

    let done = vanity
        .post_form(
            "/auth/client-portal/handoff",
            &[("ott", &ott), ("returnPath", &ret)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), "/client-portal/dashboard");
    let cookie = done
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("__Host-portal.session="))
        .unwrap();
    for attribute in [
        "Secure",
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        "Max-Age=43200",
    ] {
        assert!(cookie.contains(attribute), "{attribute}: {cookie}");
    }
    assert!(!cookie.to_ascii_lowercase().contains("domain="));
    let dashboard = vanity.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains("Ada Lovelace"));
    // The session is the vanity host's alone.
    let canonical = app.browser();
    canonical.set_cookie(
        "__Host-portal.session",
        &vanity.cookie("__Host-portal.session").unwrap(),
    );
    assert_eq!(canonical.get("/client-portal/dashboard").await.status, 303);

    // Used once; a second use fails and explains, linking back to the canonical sign-in.
    let again = app
        .browser_at(VANITY)
        .post_form("/auth/client-portal/handoff", &[("ott", &ott)])
        .await;
    assert_eq!(again.status, 400);
    assert!(again.body.contains("expired or was already used"));
    assert!(again.body.contains(&format!(
        "http://{CANONICAL}/auth/client-portal/signin?tenant={}",
        app.tenant.slug
    )));
    assert_eq!(
        app.metric("portal_handoff_tokens_issued_total", &[]).await,
        1.0
    );
    assert_eq!(
        app.metric("portal_handoff_exchanges_total", &[("outcome", "success")])
            .await,
        1.0
    );
    assert_eq!(
        app.metric(
            "portal_handoff_exchanges_total",
            &[("reason", "invalid_or_expired")]
        )
        .await,
        1.0
    );
}

#[actix_web::test]
async fn every_exchange_error_has_its_code_and_changes_nothing() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "true").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::PendingCertificate).await;
    let other = app.create_tenant("Contoso").await;
    add_domain(&app, &other, "portal.contoso.test", DomainStatus::Active).await;
    let disabled = app.create_tenant("Fabrikam").await;
    add_domain(
        &app,
        &disabled,
        "help.fabrikam.test",
        DomainStatus::Disabled,
    )
    .await;
    dns.set_cname(VANITY, "elsewhere.example");
    let (ott, _) = sign_in_for_token(&app, &ada.email).await;

    let cases: Vec<(&str, serde_json::Value, u16, &str)> = vec![
        (VANITY, json!({}), 400, "ott_required"),
        (VANITY, json!({ "ott": "  " }), 400, "ott_required"),
        (
            "unknown.example",
            json!({ "ott": ott }),
            404,
            "domain_not_found",
        ),
        (
            "help.fabrikam.test",
            json!({ "ott": ott }),
            403,
            "domain_inactive",
        ),
        (
            "portal.contoso.test",
            json!({ "ott": ott }),
            403,
            "domain_mismatch",
        ),
        (VANITY, json!({ "ott": ott }), 409, "dns_mismatch"),
        (
            "portal.contoso.test",
            json!({ "ott": "A".repeat(43) }),
            400,
            "invalid_or_expired",
        ),
        (
            "portal.contoso.test",
            json!({ "ott": "<script>" }),
            400,
            "invalid_or_expired",
        ),
    ];
    for (host, body, status, code) in cases {
        let page = exchange(&app, host, body).await;
        assert_eq!(
            (page.status, error_code(&page).as_str()),
            (status, code),
            "{host}: {}",
            page.body
        );
        assert!(page.set_cookies().is_empty(), "{code}: no cookie");
        if code == "domain_inactive" {
            assert!(page
                .body
                .contains(&format!("\"canonicalHost\":\"{CANONICAL}\"")));
        }
    }
    // Host missing: HTTP/1.0 without a Host header.
    let addr = app.host.clone();
    let status = actix_rt::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        let body = "{\"ott\":\"x\"}";
        write!(s, "POST /api/client-portal/domain-session HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    })
    .await
    .unwrap();
    assert!(
        status.starts_with("HTTP/1.0 400") || status.starts_with("HTTP/1.1 400"),
        "{status}"
    );
    assert!(status.contains("host_missing"), "{status}");
    // Malformed JSON is a JSON error too.
    let bad = app.browser_at(VANITY);
    let page = bad
        .post_form("/api/client-portal/domain-session", &[("ott", "x")])
        .await;
    assert_eq!(
        (page.status, error_code(&page).as_str()),
        (400, "invalid_json")
    );

    // Nothing was consumed: once DNS is right, the same token still works, exactly once.
    dns.set_cname(VANITY, CANONICAL);
    app.admin_post("/admin/actors/dns_verifier/flush", Some(ADMIN_TOKEN))
        .await;
    let page = exchange(
        &app,
        VANITY,
        json!({ "ott": ott, "returnPath": "//evil.example" }),
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(v["redirectTo"], "/client-portal/dashboard");
    assert_eq!(v["canonicalHost"], CANONICAL);
    let replay = exchange(&app, VANITY, json!({ "ott": ott })).await;
    assert_eq!(error_code(&replay), "invalid_or_expired");
    assert_eq!(
        app.metric(
            "portal_handoff_exchanges_total",
            &[("reason", "dns_mismatch")]
        )
        .await,
        1.0
    );
}

#[actix_web::test]
async fn active_domains_skip_dns_and_tokens_expire() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "true").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    // No CNAME at all (a proxy hides it): an active domain still works.
    let (ott, _) = sign_in_for_token(&app, &ada.email).await;
    let queries = dns.queries();
    assert_eq!(
        exchange(&app, VANITY, json!({ "ott": ott })).await.status,
        200
    );
    assert_eq!(dns.queries(), queries, "no DNS query for an active domain");

    let (ott, _) = sign_in_for_token(&app, &ada.email).await;
    app.clock.advance(Duration::seconds(89));
    let (late, _) = sign_in_for_token(&app, &ada.email).await;
    app.clock.advance(Duration::seconds(2));
    assert_eq!(
        error_code(&exchange(&app, VANITY, json!({ "ott": ott })).await),
        "invalid_or_expired"
    );
    assert_eq!(
        exchange(&app, VANITY, json!({ "ott": late })).await.status,
        200
    );

    // The sweep removes expired and consumed tokens.
    app.clock.advance(Duration::seconds(1));
    let swept = app
        .admin_post("/admin/actors/handoff/sweep", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(swept.status, 200);
    let v: serde_json::Value = serde_json::from_str(&swept.body).unwrap();
    assert_eq!(v["swept"], 3);
    assert_eq!(
        app.metric("portal_handoff_tokens_swept_total", &[]).await,
        3.0
    );
}

#[actix_web::test]
async fn sixty_four_concurrent_exchanges_of_one_token_make_one_session() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    let (ott, _) = sign_in_for_token(&app, &ada.email).await;
    let attempts = (0..64).map(|_| {
        let browser: Browser = app.browser_at(VANITY);
        let ott = ott.clone();
        async move {
            browser
                .post_json("/api/client-portal/domain-session", &json!({ "ott": ott }))
                .await
                .status
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 400).count(),
        63,
        "{statuses:?}"
    );
}

#[actix_web::test]
async fn vanity_hosts_send_visitors_to_the_canonical_sign_in_and_back() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    let vanity = app.browser_at(VANITY);
    let page = vanity.get("/client-portal/tickets?status=open").await;
    assert_eq!(page.status, 303);
    let expected = format!(
        "http://{CANONICAL}/auth/client-portal/signin?callbackUrl=https%3A//{VANITY}/client-portal/tickets%3Fstatus%3Dopen&portalDomain={VANITY}&tenant={}",
        app.tenant.slug
    );
    assert_eq!(page.location(), expected);
    assert_eq!(vanity.get("/").await.location(), "/client-portal/dashboard");
    let sign_in = vanity
        .get("/auth/client-portal/signin?callbackUrl=%2Fclient-portal%2Fdashboard")
        .await;
    assert_eq!(sign_in.status, 303);
    assert!(sign_in.location().starts_with(&format!(
        "http://{CANONICAL}/auth/client-portal/signin?callbackUrl=%2Fclient-portal%2Fdashboard"
    )));
    assert!(sign_in
        .location()
        .contains(&format!("portalDomain={VANITY}")));

    // Signing in with that absolute callback hands over to the page the user wanted.
    let browser = app.browser();
    let callback = format!("https://{VANITY}/client-portal/tickets?status=open");
    let page = browser
        .sign_in_to(&app.tenant.slug, &ada.email, PASSWORD, Some(&callback))
        .await;
    assert!(
        page.location()
            .ends_with("&return=/client-portal/tickets%3Fstatus%3Dopen"),
        "{}",
        page.location()
    );
    // …but an absolute callback to any other host is ignored.
    let page = app
        .browser()
        .sign_in_to(
            &app.tenant.slug,
            &ada.email,
            PASSWORD,
            Some("https://evil.example/client-portal/x"),
        )
        .await;
    assert!(
        page.location()
            .ends_with("&return=/client-portal/dashboard"),
        "{}",
        page.location()
    );
}

#[actix_web::test]
async fn two_instances_share_tokens_through_one_database() {
    let dns = DnsServer::start();
    let Some(first) = app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = first.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&first, &first.tenant, VANITY, DomainStatus::Active).await;
    let addr = dns.addr;
    let second = spawn_app_on(Some(&first), move |s| {
        s.server.canonical_host = CANONICAL.into();
        s.domains.name_servers = vec![addr];
        s.domains.dns_check = "false".into();
    })
    .await
    .unwrap();
    // Issued on the first instance, exchanged on the second; concurrently on both, once.
    let (ott, _) = sign_in_for_token(&first, &ada.email).await;
    let attempts = (0..32).map(|i| {
        let browser = if i % 2 == 0 {
            first.browser_at(VANITY)
        } else {
            second.browser_at(VANITY)
        };
        let ott = ott.clone();
        async move {
            browser
                .post_json("/api/client-portal/domain-session", &json!({ "ott": ott }))
                .await
                .status
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    let (ott, _) = sign_in_for_token(&first, &ada.email).await;
    let vanity = second.browser_at(VANITY);
    assert_eq!(
        vanity
            .post_json("/api/client-portal/domain-session", &json!({ "ott": ott }))
            .await
            .status,
        200
    );
    assert_eq!(vanity.get("/client-portal/dashboard").await.status, 200);
}

#[actix_web::test]
async fn a_server_side_failure_is_exchange_failed_and_leaves_the_token_usable() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    let (ott, _) = sign_in_for_token(&app, &ada.email).await;
    // Sessions cannot be stored for a moment.
    portal_actors::execute!(
        app.db.exec(),
        "ALTER TABLE sessions RENAME TO sessions_away"
    )
    .unwrap();
    let page = exchange(&app, VANITY, json!({ "ott": ott })).await;
    assert_eq!(
        (page.status, error_code(&page).as_str()),
        (500, "exchange_failed"),
        "{}",
        page.body
    );
    assert!(page.set_cookies().is_empty());
    portal_actors::execute!(
        app.db.exec(),
        "ALTER TABLE sessions_away RENAME TO sessions"
    )
    .unwrap();
    let page = exchange(&app, VANITY, json!({ "ott": ott })).await;
    assert_eq!(page.status, 200, "the token was given back: {}", page.body);
    assert_eq!(
        app.metric(
            "portal_handoff_exchanges_total",
            &[("reason", "exchange_failed")]
        )
        .await,
        1.0
    );
}
