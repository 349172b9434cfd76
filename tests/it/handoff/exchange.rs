//! The token exchange: every error code, DNS and expiry, concurrent exchanges, three instances on one database, server-side failures.

use super::*;

/// A signed-in Ada's token, the vanity domain pending its certificate with DNS pointing
/// elsewhere, another tenant's active domain and a third tenant's disabled one.
struct Refusals {
    dns: DnsServer,
    ott: String,
    app: TestApp,
}

impl Refusals {
    async fn new() -> Option<Refusals> {
        let dns = DnsServer::start();
        let app = app_with_dns(&dns, "true").await?;
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
        Some(Refusals { dns, ott, app })
    }

    /// Every refusal has its status and code, sets no cookie, and an inactive domain names the
    /// canonical host.
    async fn refuse_every_case(&self) {
        let cases: Vec<(&str, serde_json::Value, u16, &str)> = vec![
            (VANITY, json!({}), 400, "ott_required"),
            (VANITY, json!({ "ott": "  " }), 400, "ott_required"),
            (
                "unknown.example",
                json!({ "ott": self.ott }),
                404,
                "domain_not_found",
            ),
            (
                "help.fabrikam.test",
                json!({ "ott": self.ott }),
                403,
                "domain_inactive",
            ),
            (
                "portal.contoso.test",
                json!({ "ott": self.ott }),
                403,
                "domain_mismatch",
            ),
            (VANITY, json!({ "ott": self.ott }), 409, "dns_mismatch"),
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
            let page = exchange(&self.app, host, body).await;
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
    }

    /// Host missing: HTTP/1.0 without a Host header.
    async fn refuse_without_host(&self) {
        let addr = self.app.host.clone();
        let status = actix_rt::task::spawn_blocking(move || {
            use std::io::{Read, Write};
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            let body = "{\"ott\":\"x\"}";
            write!(s, "POST /api/client-portal/domain-session HTTP/1.0\r\nOrigin: http://{CANONICAL}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()).unwrap();
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
    }

    /// Malformed JSON is a JSON error too.
    async fn refuse_malformed_json(&self) {
        let bad = self.app.browser_at(VANITY);
        let page = bad
            .post_form("/api/client-portal/domain-session", &[("ott", "x")])
            .await;
        assert_eq!(
            (page.status, error_code(&page).as_str()),
            (400, "invalid_json")
        );
    }
}

#[actix_web::test]
async fn every_exchange_error_has_its_code_and_sets_no_cookie() {
    let Some(r) = Refusals::new().await else {
        return;
    };
    r.refuse_every_case().await;
}

#[actix_web::test]
async fn an_exchange_without_host_or_with_malformed_json_gets_a_json_error() {
    let Some(r) = Refusals::new().await else {
        return;
    };
    r.refuse_without_host().await;
    r.refuse_malformed_json().await;
}

#[actix_web::test]
async fn refused_exchanges_consume_nothing_and_the_token_then_works_once() {
    let Some(r) = Refusals::new().await else {
        return;
    };
    r.refuse_every_case().await;
    r.refuse_without_host().await;
    r.refuse_malformed_json().await;
    let (dns, app, ott) = (&r.dns, &r.app, &r.ott);
    // Nothing was consumed: once DNS is right, the same token still works, exactly once.
    dns.set_cname(VANITY, CANONICAL);
    app.admin_post("/admin/actors/dns_verifier/flush", Some(ADMIN_TOKEN))
        .await;
    let page = exchange(
        app,
        VANITY,
        json!({ "ott": ott, "returnPath": "//evil.example" }),
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(v["redirectTo"], "/client-portal/dashboard");
    assert_eq!(v["canonicalHost"], CANONICAL);
    let replay = exchange(app, VANITY, json!({ "ott": ott })).await;
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
    let origin = canonical_origin(&app);
    let attempts = (0..64).map(|_| {
        let browser: Browser = app.browser_at(VANITY);
        let ott = ott.clone();
        let origin = origin.clone();
        async move {
            browser
                .post_json_from(
                    "/api/client-portal/domain-session",
                    &json!({ "ott": ott }),
                    Some(&origin),
                )
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
async fn sixty_four_exchanges_spread_over_three_instances_make_one_session() {
    let dns = DnsServer::start();
    let settings = dns_settings(&dns, "false");
    let Some(apps) = spawn_instances(3, move |_, s| settings(s)).await else {
        return;
    };
    let first = &apps[0];
    let ada = first.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(first, &first.tenant, VANITY, DomainStatus::Active).await;
    // Issued on the first instance, exchanged concurrently on all three, once.
    let (ott, _) = sign_in_for_token(first, &ada.email).await;
    let origin = canonical_origin(first);
    let attempts = (0..64).map(|i| {
        let browser = apps.round_robin(i).browser_at(VANITY);
        let ott = ott.clone();
        let origin = origin.clone();
        async move {
            browser
                .post_json_from(
                    "/api/client-portal/domain-session",
                    &json!({ "ott": ott }),
                    Some(&origin),
                )
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
    assert_eq!(sessions_of(first, &ada).await, 1, "one session created");
    let mut exchanged = 0.0;
    for app in apps.iter() {
        exchanged += app
            .metric("portal_handoff_exchanges_total", &[("outcome", "success")])
            .await;
    }
    assert_eq!(exchanged, 1.0);
    // A token issued on one instance works on another.
    let (ott, _) = sign_in_for_token(first, &ada.email).await;
    let vanity = apps[1].browser_at(VANITY);
    assert_eq!(
        vanity
            .post_json_from(
                "/api/client-portal/domain-session",
                &json!({ "ott": ott }),
                Some(&origin),
            )
            .await
            .status,
        200
    );
    assert_eq!(vanity.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(sessions_of(first, &ada).await, 2);
}

/// How many sessions `user` has (live or ended).
async fn sessions_of(app: &TestApp, user: &TestUser) -> i64 {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM sessions WHERE tenant = $1 AND user_id = $2",
        app.tenant.id,
        user.user_id
    )
    .unwrap()
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
