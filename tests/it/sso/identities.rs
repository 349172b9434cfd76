//! Linked identities and sessions: users see and remove their links; an SSO sign-in revokes the session it replaces.

use super::*;

#[actix_web::test]
async fn users_see_and_remove_their_linked_identities() {
    let Some((app, idp)) = ada_at("", "google").await else {
        return;
    };
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let security = browser.get("/client-portal/profile/security").await;
    assert_eq!(security.status, 200, "{}", security.body);
    assert!(
        security.body.contains("identities-heading"),
        "{}",
        security.body
    );
    assert!(security.body.contains("<td>Google</td>"));
    assert!(
        security.body.contains("Single sign-on</td>"),
        "session method label"
    );
    let csrf = Browser::form_csrf(&security);
    let unlink = "/client-portal/profile/security/identities/unlink";
    // Someone else's (or no) identity: 404, nothing removed.
    let page = browser
        .post_form(
            unlink,
            &[
                ("csrf_token", &csrf),
                ("issuer", idp.issuer()),
                ("subject", "sub-bob"),
            ],
        )
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
    // Without the CSRF token: refused.
    let page = browser
        .post_form(
            unlink,
            &[
                ("csrf_token", "x"),
                ("issuer", idp.issuer()),
                ("subject", "sub-ada"),
            ],
        )
        .await;
    assert_eq!(page.status, 403, "{}", page.body);
    let page = browser
        .post_form(
            unlink,
            &[
                ("csrf_token", &csrf),
                ("issuer", idp.issuer()),
                ("subject", "sub-ada"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let after = browser.get(page.location()).await;
    assert!(
        after.body.contains("was removed from your account"),
        "{}",
        after.body
    );
    assert!(!after.body.contains("identities-heading"));
    assert!(
        sso_store::find_identity(&app.db, app.tenant.id, idp.issuer(), "sub-ada")
            .await
            .unwrap()
            .is_none()
    );
}

#[actix_web::test]
async fn an_sso_sign_in_revokes_the_session_its_cookie_replaces() {
    use crate::handoff::SESSION;
    let Some((app, _idp)) = ada_at("", "google").await else {
        return;
    };
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let first = browser.cookie(SESSION).unwrap();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let second = browser.cookie(SESSION).unwrap();
    assert_ne!(first, second);
    let replay = app.browser();
    replay.set_cookie(SESSION, &first);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "replaced")])
            .await,
        1.0
    );
}
