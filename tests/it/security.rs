//! Profile → Security: the sessions list, revoking one or all others, and changing the password.

use crate::helpers::*;

const SECURITY: &str = "/client-portal/profile/security";

fn session_ids(body: &str) -> Vec<String> {
    body.split("name=\"session\" value=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

async fn audit_count(app: &TestApp, event_type: &str) -> i64 {
    flush_audit(app).await;
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM audit_events WHERE event_type = $1 AND outcome = 'success'",
        event_type
    )
    .unwrap()
}

#[actix_web::test]
async fn sessions_are_listed_and_revoked() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let laptop = signed_in(&app, &user.email).await;
    let phone = signed_in(&app, &user.email).await;
    let tablet = signed_in(&app, &user.email).await;
    let page = laptop.get(SECURITY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("This device"));
    assert_eq!(page.body.matches("<tr>").count(), 4, "header + 3 sessions");
    let others = session_ids(&page.body);
    assert_eq!(others.len(), 2);
    let csrf = Browser::form_csrf(&page);

    // Someone else's session id changes nothing.
    let stranger = app.client_user(None, "eve@example.com", "Other").await;
    let eve = signed_in(&app, &stranger.email).await;
    let eve_page = eve.get(SECURITY).await;
    let eve_csrf = Browser::form_csrf(&eve_page);
    let revoke = "/client-portal/profile/security/sessions/revoke";
    let probe = eve
        .post_form(
            revoke,
            &[("csrf_token", &eve_csrf), ("session", &others[0])],
        )
        .await;
    assert_eq!(probe.status, 404);
    assert_eq!(phone.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(tablet.get("/client-portal/dashboard").await.status, 200);

    // Revoke one: it is signed out at once.
    let ended = laptop
        .post_form(revoke, &[("csrf_token", &csrf), ("session", &others[0])])
        .await;
    assert_eq!(ended.status, 303, "{}", ended.body);
    let after = laptop.get(ended.location()).await;
    assert!(after.body.contains("The session was signed out."));
    let still = [
        phone.get("/client-portal/dashboard").await.status,
        tablet.get("/client-portal/dashboard").await.status,
    ];
    assert!(still.contains(&303) && still.contains(&200), "{still:?}");

    // All others: needs proof.
    let all = "/client-portal/profile/security/sessions/revoke-others";
    let bad = laptop
        .post_form(
            all,
            &[("csrf_token", &csrf), ("proof", "wrong password entirely")],
        )
        .await;
    assert_eq!(bad.status, 401);
    let empty = laptop
        .post_form(all, &[("csrf_token", &csrf), ("proof", "")])
        .await;
    assert_eq!(empty.status, 400);
    let ok = laptop
        .post_form(all, &[("csrf_token", &csrf), ("proof", PASSWORD)])
        .await;
    assert_eq!(ok.status, 303);
    assert!(ok.location().contains("count=1"), "{}", ok.location());
    assert_eq!(phone.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(tablet.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(laptop.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(eve.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(audit_count(&app, "session_revoked").await, 1);
    assert_eq!(audit_count(&app, "sessions_revoked").await, 1);
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "user")])
            .await,
        2.0
    );
}

const CHANGE_PASSWORD: &str = "/client-portal/profile/security/password";
const NEW_PASSWORD: &str = "tundra vinyl marmot quiver 42";

/// Grace signed in twice (here, on the Security page with its form token, and there).
struct PasswordChange {
    app: TestApp,
    user: TestUser,
    here: Browser,
    there: Browser,
    csrf: String,
}

impl PasswordChange {
    async fn new() -> Option<PasswordChange> {
        let app = spawn_app().await?;
        let user = app.client_user(None, "grace@example.com", "Acme").await;
        let here = signed_in(&app, &user.email).await;
        let there = signed_in(&app, &user.email).await;
        let page = here.get(SECURITY).await;
        let csrf = Browser::form_csrf(&page);
        Some(PasswordChange {
            app,
            user,
            here,
            there,
            csrf,
        })
    }
}

#[actix_web::test]
async fn refused_password_changes_say_why_and_change_nothing() {
    let Some(PasswordChange {
        here, there, csrf, ..
    }) = PasswordChange::new().await
    else {
        return;
    };
    let change = CHANGE_PASSWORD;
    let new = NEW_PASSWORD;
    let cases: [(&str, &str, &str, u16, &str); 5] = [
        (
            "not my password at all",
            new,
            new,
            401,
            "The password is not right.",
        ),
        (
            PASSWORD,
            new,
            "tundra vinyl marmot quiver 43",
            400,
            "The two new passwords do not match.",
        ),
        (PASSWORD, "short", "short", 400, "at least 12 characters"),
        (
            PASSWORD,
            "password1234",
            "password1234",
            400,
            "too easy to guess",
        ),
        (
            PASSWORD,
            "lovelace rules the seas",
            "lovelace rules the seas",
            400,
            "must not contain your name",
        ),
    ];
    for (current, new_pw, confirm, status, message) in cases {
        let refused = here
            .post_form(
                change,
                &[
                    ("csrf_token", &csrf),
                    ("current_password", current),
                    ("new_password", new_pw),
                    ("confirm_password", confirm),
                    ("sign_out_others", "on"),
                ],
            )
            .await;
        assert_eq!(refused.status, status, "{message}: {}", refused.body);
        assert!(
            refused.body.contains(message),
            "{message}: {}",
            refused.body
        );
    }
    // Nothing changed: the old password still works, the other session lives.
    assert_eq!(there.get("/client-portal/dashboard").await.status, 200);
}

#[actix_web::test]
async fn a_password_change_signs_out_other_sessions_and_is_notified() {
    let Some(PasswordChange {
        app,
        user,
        here,
        there,
        csrf,
    }) = PasswordChange::new().await
    else {
        return;
    };
    let change = CHANGE_PASSWORD;
    let new = NEW_PASSWORD;
    let ok = here
        .post_form(
            change,
            &[
                ("csrf_token", &csrf),
                ("current_password", PASSWORD),
                ("new_password", new),
                ("confirm_password", new),
                ("sign_out_others", "on"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let notice = here.get(ok.location()).await;
    assert!(
        notice
            .body
            .contains("Your password was changed and 1 other session was signed out."),
        "{}",
        notice.body
    );
    assert_eq!(here.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(there.get("/client-portal/dashboard").await.status, 303);
    let old = app
        .browser()
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    assert_eq!(old.status, 401);
    let fresh = app
        .browser()
        .sign_in(&app.tenant.slug, &user.email, new)
        .await;
    assert_eq!(fresh.status, 303);
    assert_eq!(audit_count(&app, "password_changed").await, 1);
    // The user is told, by email.
    let notices = portal_actors::store::outbox::for_recipient(&app.db, &user.email)
        .await
        .unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, "password_changed");
    assert_eq!(
        app.metric(
            "portal_sessions_revoked_total",
            &[("reason", "password_change")]
        )
        .await,
        1.0
    );
}

#[actix_web::test]
async fn security_pages_need_a_session() {
    let Some(app) = spawn_app().await else { return };
    let b = app.browser();
    for path in [
        SECURITY,
        "/client-portal/profile/security/two-factor",
        "/client-portal/profile",
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, 303, "{path}");
        assert!(
            page.location().starts_with("/auth/client-portal/signin"),
            "{path}"
        );
    }
    let post = b
        .post_form(
            "/client-portal/profile/security/password",
            &[("csrf_token", "x")],
        )
        .await;
    assert_eq!(post.status, 303);
}
