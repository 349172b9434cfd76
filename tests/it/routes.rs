//! Route protection and the pages around sign-in.

use crate::helpers::{spawn_app, CSRF_COOKIE, PASSWORD};

#[actix_web::test]
async fn portal_pages_send_signed_out_visitors_to_sign_in() {
    let Some(app) = spawn_app().await else { return };
    let browser = app.browser();
    let page = browser.get("/client-portal/dashboard").await;
    assert_eq!(page.status, 303);
    assert_eq!(
        page.location(),
        "/auth/client-portal/signin?callbackUrl=/client-portal/dashboard"
    );
    let page = browser.get("/client-portal/tickets?status=open").await;
    assert_eq!(page.status, 303);
    assert_eq!(
        page.location(),
        "/auth/client-portal/signin?callbackUrl=/client-portal/tickets%3Fstatus%3Dopen"
    );
    let page = browser
        .get(&format!(
            "/client-portal/dashboard?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(page
        .location()
        .contains(&format!("tenant={}", app.tenant.slug)));
    let root = browser.get(&format!("/?tenant={}", app.tenant.slug)).await;
    assert_eq!(
        root.location(),
        format!("/auth/client-portal/signin?tenant={}", app.tenant.slug)
    );
}

#[actix_web::test]
async fn signed_in_users_go_from_root_to_the_dashboard_and_get_404_for_unknown_pages() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_eq!(
        browser.get("/").await.location(),
        "/client-portal/dashboard"
    );
    assert_eq!(
        browser.get("/client-portal").await.location(),
        "/client-portal/dashboard"
    );
    let sign_in = browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(sign_in.location(), "/client-portal/dashboard");
    let missing = browser.get("/client-portal/no-such-page").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"));
    // Only pages that exist are in the navigation.
    let dashboard = browser.get("/client-portal/dashboard").await;
    assert!(dashboard.body.contains("href=\"/client-portal/dashboard\""));
    assert!(dashboard.body.contains("href=\"/client-portal/tickets\""));
    assert!(dashboard.body.contains("href=\"/client-portal/projects\""));
    assert!(!dashboard.body.contains("/client-portal/billing"));
}

#[actix_web::test]
async fn without_a_tenant_the_sign_in_page_asks_for_the_portal_link() {
    let Some(app) = spawn_app().await else { return };
    for (path, status) in [
        ("/auth/client-portal/signin", 200),
        ("/auth/client-portal/signin?tenant=000000000000", 400),
        ("/auth/client-portal/signin?tenant=not-a-slug", 400),
    ] {
        let page = app.browser().get(path).await;
        assert_eq!(page.status, status, "{path}");
        assert!(page
            .body
            .contains("action=\"/auth/client-portal/find-organization\""));
        assert!(page.body.contains("portal link"), "{path}: {}", page.body);
        assert!(!page.body.contains("name=\"password\""));
    }
}

#[actix_web::test]
async fn pages_carry_the_security_headers() {
    let Some(app) = spawn_app().await else { return };
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    let csp = page.header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(csp.contains("default-src 'none'"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the inline style carries the nonce"
    );
    assert!(!page.body.contains("<script"));
    assert!(page
        .header("strict-transport-security")
        .starts_with("max-age="));
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("cache-control"), "no-store");
    let csrf = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with(&format!("{CSRF_COOKIE}=")))
        .unwrap();
    for attribute in ["Secure", "HttpOnly", "Path=/", "SameSite=Strict"] {
        assert!(csrf.contains(attribute));
    }
    let other = app
        .browser()
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_ne!(
        other.header("content-security-policy"),
        csp,
        "a new nonce per response"
    );
    let css = app.browser().get("/assets/portal.css").await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
}

#[actix_web::test]
async fn the_favicon_is_served_to_anyone_on_any_host() {
    let Some(app) = spawn_app().await else { return };
    for browser in [app.browser(), app.browser_at("support.acme.example")] {
        let (status, headers, body) = browser.get_bytes("/favicon.ico").await;
        assert_eq!(status, 200, "{headers:?}");
        let header = |name: &str| headers.get(name).unwrap().to_str().unwrap().to_owned();
        assert!(header("content-type").starts_with("image/"));
        assert!(header("cache-control").contains("max-age=604800"));
        // An ICO (reserved 0, type 1) holding one image.
        assert_eq!(body.get(..6), Some(&[0, 0, 1, 0, 1, 0][..]));
    }
}
