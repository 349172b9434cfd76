//! The browser's side of a handoff: the canonical sign-in posts the token to the vanity host, links and foreign forms sign nobody in, replaced sessions are revoked, vanity hosts send visitors to the canonical sign-in.

use super::*;

/// The CSP nonce of a response.
fn csp_nonce(page: &Page) -> String {
    let csp = page.header("content-security-policy");
    let start = csp.find("'nonce-").expect("a nonce") + "'nonce-".len();
    let len = csp[start..].find('\'').unwrap();
    csp[start..start + len].to_owned()
}

/// Ada, and the tenant's vanity domain active (no DNS check).
async fn ada_with_a_vanity_domain() -> Option<(DnsServer, TestApp, TestUser)> {
    let dns = DnsServer::start();
    let app = app_with_dns(&dns, "false").await?;
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    Some((dns, app, ada))
}

/// Ada signs in on the canonical host: her browser, the answer, and the form in it that posts
/// the token to the vanity host.
async fn canonical_sign_in(app: &TestApp, ada: &TestUser) -> (Browser, Page, AutoPost) {
    let browser = app.browser();
    let page = browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    let form = auto_post(&page, VANITY);
    (browser, page, form)
}

#[actix_web::test]
async fn the_canonical_sign_in_form_posts_to_its_own_host_only() {
    let Some((_dns, app, _ada)) = ada_with_a_vanity_domain().await else {
        return;
    };
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
}

/// The answer to the sign-in is a page whose form POSTs the token to the vanity host: it works
/// without script (a visible button) and submits itself with the response's nonce.
#[actix_web::test]
async fn the_sign_in_answers_with_a_branded_page_posting_the_token_to_the_vanity_host() {
    let Some((_dns, app, ada)) = ada_with_a_vanity_domain().await else {
        return;
    };
    let (browser, page, form) = canonical_sign_in(&app, &ada).await;
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
}

#[actix_web::test]
async fn the_vanity_host_gets_a_host_only_session_of_its_own_once() {
    let Some((_dns, app, ada)) = ada_with_a_vanity_domain().await else {
        return;
    };
    let (_, _, form) = canonical_sign_in(&app, &ada).await;
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
}

#[actix_web::test]
async fn a_used_token_fails_and_links_back_to_the_canonical_sign_in() {
    let Some((_dns, app, ada)) = ada_with_a_vanity_domain().await else {
        return;
    };
    let (_, _, form) = canonical_sign_in(&app, &ada).await;
    let done = hand_over(&app, &app.browser_at(VANITY), &form.ott, &form.return_path).await;
    assert_eq!(done.status, 303, "{}", done.body);
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
/// Mallory's token for the active vanity domain, and a victim's browser on that domain.
struct Planted {
    _dns: DnsServer,
    ott: String,
    victim: Browser,
    app: TestApp,
}

impl Planted {
    async fn new() -> Option<Planted> {
        let dns = DnsServer::start();
        let app = app_with_dns(&dns, "false").await?;
        let mallory = app.client_user(None, "mallory@acme.example", "Acme").await;
        add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
        let ott = issue_token(&app, &mallory, VANITY).await;
        let victim = app.browser_at(VANITY);
        Some(Planted {
            _dns: dns,
            ott,
            victim,
            app,
        })
    }

    /// As a link: a page that says to sign in again, no form, no token, no session.
    async fn try_as_a_link(&self) {
        let link = self
            .victim
            .get(&format!(
                "/auth/client-portal/handoff?ott={}&return=/client-portal/dashboard",
                self.ott
            ))
            .await;
        assert_eq!(link.status, 400, "{}", link.body);
        assert!(!link.body.contains(&self.ott), "the token is not echoed");
        // No form in the page itself (the footer's light/dark form is not about the token).
        let main = link
            .body
            .split_once("<footer")
            .map_or(link.body.as_str(), |(m, _)| m);
        assert!(!main.contains("<form"), "{}", link.body);
        assert!(link.body.contains("does not accept sign-in links"));
        assert!(link.body.contains(&format!(
            "http://{CANONICAL}/auth/client-portal/signin?tenant={}",
            self.app.tenant.slug
        )));
        assert!(link.set_cookies().is_empty());
    }

    /// As a form (or script) from any other origin, from an opaque one, or with no Origin.
    async fn try_from_other_origins(&self) {
        let look_alike = format!("{}.evil.example", canonical_origin(&self.app));
        let origins = [
            Some("https://evil.example"),
            Some(look_alike.as_str()),
            Some("null"),
            None,
        ];
        for origin in origins {
            let page = self
                .victim
                .post_form_from(
                    "/auth/client-portal/handoff",
                    &[
                        ("ott", &self.ott),
                        ("returnPath", "/client-portal/dashboard"),
                    ],
                    origin,
                )
                .await;
            assert_eq!(page.status, 403, "{origin:?}: {}", page.body);
            assert!(
                page.body.contains("did not come from the sign-in page"),
                "{origin:?}: {}",
                page.body
            );
            assert!(!page.body.contains(&self.ott));
            assert!(page.set_cookies().is_empty(), "{origin:?}");
            let api = self
                .victim
                .post_json_from(
                    "/api/client-portal/domain-session",
                    &json!({ "ott": self.ott }),
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
    }

    /// Nor from the vanity host's own pages: only the canonical sign-in hands over.
    async fn try_from_the_vanity_hosts_own_pages(&self) {
        let own = self
            .victim
            .post_form("/auth/client-portal/handoff", &[("ott", &self.ott)])
            .await;
        assert_eq!(own.status, 403, "{}", own.body);
        let own = self
            .victim
            .post_json(
                "/api/client-portal/domain-session",
                &json!({ "ott": self.ott }),
            )
            .await;
        assert_eq!(
            (own.status, error_code(&own).as_str()),
            (403, "origin_not_allowed")
        );
        assert_eq!(
            self.victim.get("/client-portal/dashboard").await.status,
            303
        );
        assert!(self.victim.cookie(SESSION).is_none());
    }

    /// Scripts on the canonical origin get no cross-origin access to the JSON exchange either.
    async fn try_a_cors_preflight(&self) {
        let preflight = self
            .app
            .http
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/client-portal/domain-session", self.app.base),
            )
            .header("host", VANITY)
            .header("origin", canonical_origin(&self.app))
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap();
        assert!(preflight
            .headers()
            .get("access-control-allow-origin")
            .is_none());
    }
}

#[actix_web::test]
async fn a_token_sent_as_a_link_gets_a_page_that_says_to_sign_in_again() {
    let Some(p) = Planted::new().await else {
        return;
    };
    p.try_as_a_link().await;
}

#[actix_web::test]
async fn a_token_posted_from_another_origin_or_none_signs_nobody_in() {
    let Some(p) = Planted::new().await else {
        return;
    };
    p.try_from_other_origins().await;
}

#[actix_web::test]
async fn only_the_canonical_sign_in_hands_over_not_the_vanity_hosts_pages_or_scripts() {
    let Some(p) = Planted::new().await else {
        return;
    };
    p.try_from_the_vanity_hosts_own_pages().await;
    p.try_a_cors_preflight().await;
}

#[actix_web::test]
async fn refused_handoffs_consume_nothing_and_the_real_one_then_works() {
    let Some(p) = Planted::new().await else {
        return;
    };
    p.try_as_a_link().await;
    p.try_from_other_origins().await;
    p.try_from_the_vanity_hosts_own_pages().await;
    p.try_a_cors_preflight().await;
    let (app, ott) = (&p.app, &p.ott);
    // Nothing was consumed: the real handoff still works with that token, once.
    let owner = app.browser_at(VANITY);
    let done = hand_over(app, &owner, ott, "/client-portal/dashboard").await;
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
