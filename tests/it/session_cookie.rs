//! The session cookie is `__Host-portal.session` (a sibling subdomain cannot plant a `Domain=`
//! cookie that shadows it). The old name, `__Secure-portal.session`, is still accepted for one
//! release: a request carrying only the old cookie works and gets the new one, the old one is
//! removed, and sign-out clears both.

use crate::helpers::*;

const NEW: &str = SESSION_COOKIE;
const OLD: &str = "__Secure-portal.session";
const DASHBOARD: &str = "/client-portal/dashboard";

fn set_cookie(page: &Page, name: &str) -> Option<String> {
    page.set_cookies()
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
}

fn assert_host_only_attributes(cookie: &str) {
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
    assert!(
        !cookie.to_ascii_lowercase().contains("domain="),
        "a __Host- cookie has no Domain: {cookie}"
    );
}

async fn signed_in(app: &TestApp) -> (Browser, String) {
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    let page = browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let cookie = set_cookie(&page, NEW).expect("the session cookie has the __Host- name");
    assert_host_only_attributes(&cookie);
    assert!(cookie.contains("Max-Age=43200"), "{cookie}");
    assert!(
        set_cookie(&page, OLD).is_none(),
        "nothing under the old name"
    );
    let token = browser.cookie(NEW).unwrap();
    (browser, token)
}

#[actix_web::test]
async fn the_session_cookie_is_host_only_under_the_host_prefix() {
    let Some(app) = spawn_app().await else { return };
    let (browser, _) = signed_in(&app).await;
    let page = browser.get(DASHBOARD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // A request with the new cookie is not re-issued anything.
    assert!(set_cookie(&page, NEW).is_none());
    assert!(set_cookie(&page, OLD).is_none());
}

#[actix_web::test]
async fn a_browser_with_only_the_old_cookie_stays_signed_in_and_gets_the_new_one() {
    let Some(app) = spawn_app().await else { return };
    let (_, token) = signed_in(&app).await;
    // A browser that signed in before the rename carries only the old name.
    let old = app.browser();
    old.set_cookie(OLD, &token);
    let page = old.get(DASHBOARD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Ada Lovelace"));
    let renewed = set_cookie(&page, NEW).expect("re-issued under the new name");
    assert!(renewed.starts_with(&format!("{NEW}={token};")), "{renewed}");
    assert_host_only_attributes(&renewed);
    assert!(!renewed.contains("Max-Age=0"), "{renewed}");
    let removed = set_cookie(&page, OLD).expect("the old one is removed");
    assert!(removed.contains("Max-Age=0"), "{removed}");
    assert_eq!(old.cookie(NEW).as_deref(), Some(token.as_str()));
    assert!(old.cookie(OLD).is_none());
    // From now on the new cookie alone carries the session.
    let page = old.get(DASHBOARD).await;
    assert_eq!(page.status, 200);
    assert!(set_cookie(&page, NEW).is_none());
}

#[actix_web::test]
async fn the_new_cookie_is_read_before_the_old_one() {
    let Some(app) = spawn_app().await else { return };
    let (_, token) = signed_in(&app).await;
    let both = app.browser();
    both.set_cookie(NEW, &token);
    both.set_cookie(OLD, &"A".repeat(43));
    assert_eq!(both.get(DASHBOARD).await.status, 200);
    // An unknown new cookie is not rescued by an old one.
    let shadowed = app.browser();
    shadowed.set_cookie(NEW, &"A".repeat(43));
    shadowed.set_cookie(OLD, &token);
    assert_eq!(shadowed.get(DASHBOARD).await.status, 303);
}

#[actix_web::test]
async fn sign_out_clears_both_names() {
    let Some(app) = spawn_app().await else { return };
    let (_, token) = signed_in(&app).await;
    let old = app.browser();
    old.set_cookie(OLD, &token);
    let page = old.get(DASHBOARD).await;
    assert_eq!(page.status, 200);
    old.set_cookie(OLD, &token);
    let csrf = Browser::form_csrf(&page);
    let out = old
        .post_form("/auth/client-portal/signout", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status, 303, "{}", out.body);
    for name in [NEW, OLD] {
        let cleared = set_cookie(&out, name).unwrap_or_else(|| panic!("{name} not cleared"));
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
    }
    assert_eq!(old.get(DASHBOARD).await.status, 303);
}

#[actix_web::test]
async fn signing_in_again_with_only_the_old_cookie_ends_that_session_and_drops_the_old_name() {
    let Some(app) = spawn_app().await else { return };
    let (_, token) = signed_in(&app).await;
    // The sign-in form was opened before; the old cookie is what the browser carries now.
    let old = app.browser();
    let form = old
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(form.status, 200);
    let csrf = old.cookie(CSRF_COOKIE).unwrap();
    old.set_cookie(OLD, &token);
    let page = old
        .post_form(
            "/auth/client-portal/signin",
            &[
                ("email", "ada@acme.example"),
                ("password", PASSWORD),
                ("csrf_token", &csrf),
                ("tenant", &app.tenant.slug),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let removed = set_cookie(&page, OLD).expect("the old name is removed at sign-in");
    assert!(removed.contains("Max-Age=0"), "{removed}");
    // The session the old cookie carried is over, wherever that cookie went.
    let replaced = app.browser();
    replaced.set_cookie(NEW, &token);
    assert_eq!(replaced.get(DASHBOARD).await.status, 303);
    // The new one works.
    assert_eq!(old.get(DASHBOARD).await.status, 200);
}
