//! Company settings: client admins see their company's users, sessions and sign-ins, and can
//! sign them out; nobody else can, and ids from other companies change nothing.

use portal_actors::audit::FlushAudit;

use crate::helpers::*;

const COMPANY: &str = "/client-portal/client-settings";

/// The `value` of every hidden input named `field`.
pub fn ids(body: &str, field: &str) -> Vec<String> {
    body.split(&format!("name=\"{field}\" value=\""))
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn client_admins_see_and_sign_out_their_company_only() {
    let Some(app) = spawn_app().await else { return };
    let admin = app.client_user(None, "boss@acme.example", "Acme").await;
    make_admin(&app, admin.user_id).await;
    let worker = app.client_user(None, "worker@acme.example", "Acme").await;
    let outsider = app.client_user(None, "x@other.example", "Other").await;

    let boss = app.browser();
    assert_eq!(
        boss.sign_in(&app.tenant.slug, &admin.email, PASSWORD)
            .await
            .status,
        303
    );
    let w1 = app.browser();
    w1.sign_in(&app.tenant.slug, &worker.email, PASSWORD).await;
    let w2 = app.browser();
    w2.sign_in(&app.tenant.slug, &worker.email, PASSWORD).await;
    // A failed attempt shows up in the company's sign-in events.
    assert_eq!(
        app.browser()
            .sign_in(&app.tenant.slug, &worker.email, "wrong password here")
            .await
            .status,
        401
    );
    let out = app.browser();
    out.sign_in(&app.tenant.slug, &outsider.email, PASSWORD)
        .await;
    app.state
        .services
        .audit
        .send(FlushAudit)
        .await
        .unwrap()
        .unwrap();

    // Not for ordinary users.
    let dashboard = w1.get("/client-portal/dashboard").await;
    assert!(!dashboard.body.contains(COMPANY));
    assert_eq!(w1.get(COMPANY).await.status, 403);

    let page = boss.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("worker@acme.example"));
    assert!(!page.body.contains("x@other.example"));
    assert!(page.body.contains("Failed"));
    assert!(page.body.contains("You, here"));
    let csrf = Browser::form_csrf(&page);
    let sessions = ids(&page.body, "session");
    assert_eq!(sessions.len(), 2, "the worker's two sessions");

    // Another company's session or user: 404, nothing ends.
    let other_page = out.get("/client-portal/profile/security").await;
    assert_eq!(other_page.status, 200);
    let outsider_hash: String = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        String,
        "SELECT token_hash FROM sessions WHERE user_id = $1",
        outsider.user_id
    )
    .unwrap();
    let probe = boss
        .post_form(
            "/client-portal/client-settings/sessions/revoke",
            &[("csrf_token", &csrf), ("session", &outsider_hash)],
        )
        .await;
    assert_eq!(probe.status, 404);
    let probe = boss
        .post_form(
            "/client-portal/client-settings/users/sign-out",
            &[
                ("csrf_token", &csrf),
                ("user", &outsider.user_id.to_string()),
            ],
        )
        .await;
    assert_eq!(probe.status, 404);
    assert_eq!(out.get("/client-portal/dashboard").await.status, 200);
    // Without the CSRF token: refused.
    let forged = boss
        .post_form(
            "/client-portal/client-settings/sessions/revoke",
            &[("csrf_token", "x"), ("session", &sessions[0])],
        )
        .await;
    assert_eq!(forged.status, 403);

    // One session, then the user everywhere.
    let one = boss
        .post_form(
            "/client-portal/client-settings/sessions/revoke",
            &[("csrf_token", &csrf), ("session", &sessions[0])],
        )
        .await;
    assert_eq!(one.status, 303);
    let statuses = [
        w1.get("/client-portal/dashboard").await.status,
        w2.get("/client-portal/dashboard").await.status,
    ];
    assert!(
        statuses.contains(&303) && statuses.contains(&200),
        "{statuses:?}"
    );
    let all = boss
        .post_form(
            "/client-portal/client-settings/users/sign-out",
            &[("csrf_token", &csrf), ("user", &worker.user_id.to_string())],
        )
        .await;
    assert_eq!(all.status, 303);
    assert_eq!(
        all.location(),
        "/client-portal/client-settings?done=user&count=1"
    );
    assert_eq!(w1.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(w2.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(boss.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.metric(
            "portal_sessions_revoked_total",
            &[("reason", "client_admin")]
        )
        .await,
        2.0
    );
    app.state
        .services
        .audit
        .send(FlushAudit)
        .await
        .unwrap()
        .unwrap();
    let audited: i64 = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM audit_events WHERE event_type = 'session_revoked' AND user_id = $1",
        worker.user_id
    )
    .unwrap();
    assert_eq!(audited, 2);
}
