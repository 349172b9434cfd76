//! Vanity-domain handoff: sign-in on the canonical host answered with a page that POSTs the
//! one-time transfer token to the vanity host (POST binding), the vanity host taking it only from
//! the canonical origin (a token as a link or another site's form signs nobody in: login CSRF),
//! the exchange endpoint's every error code (each with nothing changed), DNS verification against
//! a real DNS server on loopback, and vanity-host routing.

use chrono::Duration;
use portal_actors::model::TenantInfo;
use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::portal_domains;
use serde_json::json;

use crate::dns_server::DnsServer;
use crate::helpers::{
    spawn_app_on, spawn_app_with, Browser, Page, TestApp, TestUser, ADMIN_TOKEN, PASSWORD,
};

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
    portal_domains::upsert(&app.db, tenant.id, domain, CANONICAL, CANONICAL, now)
        .await
        .unwrap();
    portal_domains::set_status(&app.db, tenant.id, status, None, false, None, now)
        .await
        .unwrap();
    app.admin_post("/admin/actors/tenant_directory/flush", Some(ADMIN_TOKEN))
        .await;
}

/// The session cookie's name (one place, so a rename reaches every test here).
pub const SESSION: &str = portal::http::cookies::SESSION_COOKIE;
/// Where the vanity host finishes a handoff (after the POST, before the return path).
pub const COMPLETE: &str = "/auth/client-portal/handoff/complete";

/// The origin the canonical host's pages run in (what a browser sends as `Origin`).
pub fn canonical_origin(app: &TestApp) -> String {
    app.state.canonical_origin()
}

/// Undoes the HTML escaping of an attribute value.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of the first `name="…" value="…"` field of a page.
pub fn field(body: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker)? + marker.len();
    let len = body[start..].find('"')?;
    Some(unescape(&body[start..start + len]))
}

/// The canonical host's answer to a sign-in that hands over: a page (never a redirect) whose
/// form POSTs the token to the vanity host. Checks the page and returns its form.
#[derive(Debug, Clone)]
pub struct AutoPost {
    pub ott: String,
    pub return_path: String,
}

pub fn auto_post(page: &Page, domain: &str) -> AutoPost {
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.location(), "", "no redirect carries the token");
    assert_eq!(page.header("referrer-policy"), "origin");
    // The document's own policy wins over the header: `same-origin` there would make a browser
    // send `Origin: null` with the cross-origin POST.
    assert!(
        page.body
            .contains("<meta name=\"referrer\" content=\"origin\">"),
        "{}",
        page.body
    );
    assert!(page.header("cache-control").contains("no-store"));
    let action = format!("https://{domain}/auth/client-portal/handoff");
    assert!(
        page.body
            .contains(&format!("method=\"post\" action=\"{action}\"")),
        "{}",
        page.body
    );
    assert!(page
        .header("content-security-policy")
        .contains(&format!("form-action 'self' https://{domain};")));
    AutoPost {
        ott: field(&page.body, "ott").expect("the token field"),
        return_path: field(&page.body, "returnPath").expect("the return path field"),
    }
}

/// Signs in on the canonical host and returns the transfer token from the auto-POST page.
pub async fn sign_in_for_token(app: &TestApp, email: &str) -> (String, String) {
    let browser = app.browser();
    let page = browser.sign_in(&app.tenant.slug, email, PASSWORD).await;
    let form = auto_post(&page, VANITY);
    assert!(
        browser.cookie(SESSION).is_none(),
        "no session on the canonical host"
    );
    (form.ott, form.return_path)
}

/// A transfer token for `user` and `domain`, as the canonical host's sign-in issues it.
pub async fn issue_token(app: &TestApp, user: &TestUser, domain: &str) -> String {
    let login = portal_actors::store::users::find_login_user(&app.db, app.tenant.id, user.user_id)
        .await
        .unwrap()
        .unwrap();
    let issued = app
        .state
        .services
        .handoff
        .send(portal_actors::handoff::IssueOtt {
            user: portal_actors::model::SessionUser {
                tenant: login.tenant,
                user_id: login.user_id,
                email: login.email.clone(),
                user_type: portal_actors::model::UserType::Client,
                first_name: login.first_name.clone(),
                last_name: login.last_name.clone(),
                client_id: login.client_id,
                client_name: login.client_name.clone(),
                is_client_admin: login.is_client_admin.unwrap_or(false),
                previous_login_at: None,
            },
            domain: domain.to_owned(),
            return_path: "/client-portal/dashboard".into(),
            auth_method: "password".into(),
        })
        .await
        .unwrap()
        .unwrap();
    issued.token
}

/// What the auto-POST page's form does in a browser on the canonical origin: POSTs the token
/// to the vanity host, then follows its redirect to finish. Returns the answer of that last step.
pub async fn hand_over(app: &TestApp, vanity: &Browser, ott: &str, return_path: &str) -> Page {
    let posted = vanity
        .post_form_from(
            "/auth/client-portal/handoff",
            &[("ott", ott), ("returnPath", return_path)],
            Some(&canonical_origin(app)),
        )
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert!(
        posted.location().starts_with(COMPLETE),
        "{}",
        posted.location()
    );
    vanity.get(posted.location()).await
}

/// The JSON exchange, as a client on the canonical origin sends it.
pub async fn exchange(app: &TestApp, host: &str, body: serde_json::Value) -> Page {
    app.browser_at(host)
        .post_json_from(
            "/api/client-portal/domain-session",
            &body,
            Some(&canonical_origin(app)),
        )
        .await
}

fn error_code(page: &Page) -> String {
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap_or_default();
    v["error"].as_str().unwrap_or_default().to_owned()
}

/// The CSP nonce of a response.
fn csp_nonce(page: &Page) -> String {
    let csp = page.header("content-security-policy");
    let start = csp.find("'nonce-").expect("a nonce") + "'nonce-".len();
    let len = csp[start..].find('\'').unwrap();
    csp[start..start + len].to_owned()
}

#[actix_web::test]
async fn a_canonical_sign_in_posts_the_token_to_the_vanity_dashboard() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;

    // The sign-in form posts to its own host only.
    let sign_in_page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(sign_in_page
        .header("content-security-policy")
        .contains("form-action 'self';"));

    // The answer to the sign-in is a page whose form POSTs the token to the vanity host: it
    // works without script (a visible button) and submits itself with the response's nonce.
    let browser = app.browser();
    let page = browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    let form = auto_post(&page, VANITY);
    assert_eq!(form.return_path, "/client-portal/dashboard");
    assert!(browser.cookie(SESSION).is_none(), "no canonical session");
    assert!(
        page.body.contains("Northwind IT Services"),
        "tenant branding"
    );
    assert!(page.body.contains("type=\"submit\""), "{}", page.body);
    assert!(page.body.contains(">Continue<"), "{}", page.body);
    assert!(page.body.contains("<noscript>"));
    assert!(
        page.body
            .contains(&format!("<script nonce=\"{}\">", csp_nonce(&page))),
        "{}",
        page.body
    );

    let vanity = app.browser_at(VANITY);
    let done = hand_over(&app, &vanity, &form.ott, &form.return_path).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), "/client-portal/dashboard");
    let cookie = done
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with(&format!("{SESSION}=")))
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
    canonical.set_cookie(SESSION, &vanity.cookie(SESSION).unwrap());
    assert_eq!(canonical.get("/client-portal/dashboard").await.status, 303);
    // Finishing again (the step is bound to the browser that posted) changes nothing.
    let again = app.browser_at(VANITY).get(COMPLETE).await;
    assert_eq!(again.status, 400, "{}", again.body);
    assert!(again.set_cookies().iter().all(|c| !c.starts_with(SESSION)));

    // Used once; a second use fails and explains, linking back to the canonical sign-in.
    let again = app
        .browser_at(VANITY)
        .post_form_from(
            "/auth/client-portal/handoff",
            &[("ott", &form.ott)],
            Some(&canonical_origin(&app)),
        )
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

/// Login CSRF: a token another user obtained, sent to a victim's browser as a link or as a
/// form from any page but the canonical sign-in, never signs the victim in, and stays unused.
#[actix_web::test]
async fn a_token_sent_as_a_link_or_a_foreign_form_signs_nobody_in() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    let mallory = app.client_user(None, "mallory@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    let ott = issue_token(&app, &mallory, VANITY).await;
    let victim = app.browser_at(VANITY);

    // As a link: a page that says to sign in again, no form, no token, no session.
    let link = victim
        .get(&format!(
            "/auth/client-portal/handoff?ott={ott}&return=/client-portal/dashboard"
        ))
        .await;
    assert_eq!(link.status, 400, "{}", link.body);
    assert!(!link.body.contains(&ott), "the token is not echoed");
    assert!(!link.body.contains("<form"), "{}", link.body);
    assert!(link.body.contains("does not accept sign-in links"));
    assert!(link.body.contains(&format!(
        "http://{CANONICAL}/auth/client-portal/signin?tenant={}",
        app.tenant.slug
    )));
    assert!(link.set_cookies().is_empty());

    // As a form (or script) from any other origin, from an opaque one, or with no Origin.
    let look_alike = format!("{}.evil.example", canonical_origin(&app));
    let origins = [
        Some("https://evil.example"),
        Some(look_alike.as_str()),
        Some("null"),
        None,
    ];
    for origin in origins {
        let page = victim
            .post_form_from(
                "/auth/client-portal/handoff",
                &[("ott", &ott), ("returnPath", "/client-portal/dashboard")],
                origin,
            )
            .await;
        assert_eq!(page.status, 403, "{origin:?}: {}", page.body);
        assert!(
            page.body.contains("did not come from the sign-in page"),
            "{origin:?}: {}",
            page.body
        );
        assert!(!page.body.contains(&ott));
        assert!(page.set_cookies().is_empty(), "{origin:?}");
        let api = victim
            .post_json_from(
                "/api/client-portal/domain-session",
                &json!({ "ott": ott }),
                origin,
            )
            .await;
        assert_eq!(
            (api.status, error_code(&api).as_str()),
            (403, "origin_not_allowed"),
            "{origin:?}: {}",
            api.body
        );
        assert!(api.set_cookies().is_empty(), "{origin:?}");
    }
    // Nor from the vanity host's own pages: only the canonical sign-in hands over.
    let own = victim
        .post_form("/auth/client-portal/handoff", &[("ott", &ott)])
        .await;
    assert_eq!(own.status, 403, "{}", own.body);
    let own = victim
        .post_json("/api/client-portal/domain-session", &json!({ "ott": ott }))
        .await;
    assert_eq!(
        (own.status, error_code(&own).as_str()),
        (403, "origin_not_allowed")
    );
    assert_eq!(victim.get("/client-portal/dashboard").await.status, 303);
    assert!(victim.cookie(SESSION).is_none());
    // Scripts on the canonical origin get no cross-origin access to the JSON exchange either.
    let preflight = app
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/client-portal/domain-session", app.base),
        )
        .header("host", VANITY)
        .header("origin", canonical_origin(&app))
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight
        .headers()
        .get("access-control-allow-origin")
        .is_none());

    // Nothing was consumed: the real handoff still works with that token, once.
    let owner = app.browser_at(VANITY);
    let done = hand_over(&app, &owner, &ott, "/client-portal/dashboard").await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(owner.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.metric(
            "portal_handoff_exchanges_total",
            &[("reason", "origin_not_allowed")]
        )
        .await,
        10.0
    );
}

/// A sign-in on the vanity host ends the session whose cookie it replaces: through the
/// POST binding (finished on the vanity host, where the old cookie is sent) and the JSON API.
#[actix_web::test]
async fn a_handoff_revokes_the_vanity_session_its_cookie_replaces() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "false").await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    let vanity = app.browser_at(VANITY);
    let ott = issue_token(&app, &ada, VANITY).await;
    hand_over(&app, &vanity, &ott, "/client-portal/dashboard").await;
    let first = vanity.cookie(SESSION).expect("first session");

    let ott = issue_token(&app, &ada, VANITY).await;
    let done = hand_over(&app, &vanity, &ott, "/client-portal/dashboard").await;
    assert_eq!(done.status, 303, "{}", done.body);
    let second = vanity.cookie(SESSION).expect("second session");
    assert_ne!(first, second);
    let replay = app.browser_at(VANITY);
    replay.set_cookie(SESSION, &first);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);

    let ott = issue_token(&app, &ada, VANITY).await;
    let api = vanity
        .post_json_from(
            "/api/client-portal/domain-session",
            &json!({ "ott": ott }),
            Some(&canonical_origin(&app)),
        )
        .await;
    assert_eq!(api.status, 200, "{}", api.body);
    replay.set_cookie(SESSION, &second);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(vanity.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "replaced")])
            .await,
        2.0
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
    assert_eq!(
        auto_post(&page, VANITY).return_path,
        "/client-portal/tickets?status=open"
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
    assert_eq!(
        auto_post(&page, VANITY).return_path,
        "/client-portal/dashboard"
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
    let origin = canonical_origin(&first);
    let attempts = (0..32).map(|i| {
        let browser = if i % 2 == 0 {
            first.browser_at(VANITY)
        } else {
            second.browser_at(VANITY)
        };
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
    let (ott, _) = sign_in_for_token(&first, &ada.email).await;
    let vanity = second.browser_at(VANITY);
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
