//! Hostile single sign-on traffic: forged callbacks and starts change nothing, starts are limited per address.

use super::*;

#[actix_web::test]
async fn hostile_callbacks_and_starts_get_clear_pages_and_change_nothing() {
    let Some((app, _idp)) = ada_at("", "google").await else {
        return;
    };
    // One honest sign-in in flight, which none of the probes may spend.
    let browser = app.browser();
    let authorize = start(&app, &browser, "google").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    let state = browser_state(&back).to_owned();

    let long = "a".repeat(5000);
    let probes = [
        "/auth/client-portal/sso/callback".to_owned(),
        "/auth/client-portal/sso/callback?state=&code=".to_owned(),
        format!("/auth/client-portal/sso/callback?state={long}&code=x"),
        "/auth/client-portal/sso/callback?state=%00%0d%0a&code=%00".to_owned(),
        format!("/auth/client-portal/sso/callback?state={state}&code=%3Cscript%3E"),
        "/auth/client-portal/sso/callback?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C/script%3E".to_owned(),
        format!("/auth/client-portal/sso/callback?state={state}&code={long}{long}"),
    ];
    for probe in &probes {
        // A browser without the state cookie, or with another one.
        for cookie in [None, Some("forged-state-value-0123456789abcdefghijklmnopq")] {
            let hostile = app.browser();
            if let Some(value) = cookie {
                hostile.set_cookie("__Host-portal.sso", value);
            }
            let page = hostile.get(probe).await;
            assert_eq!(page.status, 400, "{probe}: {}", page.body);
            assert!(page.body.contains("expired or was already used"), "{probe}");
            assert!(!page.body.contains("<script>alert"), "{probe}");
            assert!(hostile.cookie(SESSION_COOKIE).is_none());
        }
    }
    for slug in ["%3Cscript%3E", "..%2F..%2Fetc", "GOOGLE", "callback%3F"] {
        let page = app
            .browser()
            .get(&format!(
                "/auth/client-portal/sso/{slug}?tenant={}",
                app.tenant.slug
            ))
            .await;
        assert!(
            matches!(page.status, 404),
            "{slug}: {} {}",
            page.status,
            page.body
        );
        assert!(!page.body.contains("<script>"), "{slug}");
    }
    let page = app
        .browser()
        .get("/auth/client-portal/sso/google?tenant=no-such-tenant")
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/google?tenant={}&callbackUrl=//evil.example/x",
            app.tenant.slug
        ))
        .await;
    assert_eq!(
        page.status, 303,
        "a bad callbackUrl falls back to the dashboard"
    );

    // The honest sign-in is still good: nothing above spent it.
    let page = browser.get(&local(&back)).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
}

#[actix_web::test]
async fn sso_starts_are_limited_per_address() {
    let Some(app) = crate::helpers::spawn_app_with(|s| s.throttle.sso_start_ip_limit = 3).await
    else {
        return;
    };
    let ada = account("ada", "ada@acme.example", true, &["pwd"]);
    let Some(idp) = provider_for(&app, "", vec![ada]).await else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &[]).await;
    for _ in 0..3 {
        start(&app, &app.browser(), "google").await;
    }
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/google?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(page
        .body
        .contains("Too many sign-ins were started from your network"));
    assert!(page.header("retry-after").parse::<i64>().unwrap() > 0);
    assert_eq!(oidc_count(&app, "failure", "throttled").await, 1.0);
}
