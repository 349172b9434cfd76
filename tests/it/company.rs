//! Company settings: client admins see their company's users, sessions and sign-ins, and can
//! sign them out; nobody else can, and ids from other companies change nothing.

use crate::helpers::*;

const COMPANY: &str = "/client-portal/client-settings";

/// The `value` of every hidden input named `field`.
pub fn ids(body: &str, field: &str) -> Vec<String> {
    body.split(&format!("name=\"{field}\" value=\""))
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

/// Acme's client admin (boss) signed in on the company page; the worker signed in twice (w1,
/// w2) after one failed attempt; an outsider of another company signed in (out).
struct Company {
    boss: Browser,
    w1: Browser,
    w2: Browser,
    out: Browser,
    worker: TestUser,
    outsider: TestUser,
    /// The boss's company page and its form token.
    page: Page,
    csrf: String,
    /// The worker's sessions as the page lists them.
    sessions: Vec<String>,
    app: TestApp,
}

impl Company {
    async fn open() -> Option<Company> {
        let app = spawn_app().await?;
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
        flush_audit(&app).await;
        let page = boss.get(COMPANY).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let csrf = Browser::form_csrf(&page);
        let sessions = ids(&page.body, "session");
        Some(Company {
            boss,
            w1,
            w2,
            out,
            worker,
            outsider,
            page,
            csrf,
            sessions,
            app,
        })
    }
}

#[actix_web::test]
async fn the_company_page_is_not_for_ordinary_users() {
    let Some(c) = Company::open().await else {
        return;
    };
    // Not for ordinary users.
    let dashboard = c.w1.get("/client-portal/dashboard").await;
    assert!(!dashboard.body.contains(COMPANY));
    assert_eq!(c.w1.get(COMPANY).await.status, 403);
}

#[actix_web::test]
async fn client_admins_see_their_companys_users_sessions_and_failed_sign_ins() {
    let Some(c) = Company::open().await else {
        return;
    };
    let page = &c.page;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("worker@acme.example"));
    assert!(!page.body.contains("x@other.example"));
    assert!(page.body.contains("Failed"));
    assert!(page.body.contains("You, here"));
    let sessions = &c.sessions;
    assert_eq!(sessions.len(), 2, "the worker's two sessions");
}

#[actix_web::test]
async fn another_companys_sessions_and_users_are_404_and_forged_forms_403() {
    let Some(c) = Company::open().await else {
        return;
    };
    // Another company's session or user: 404, nothing ends.
    let other_page = c.out.get("/client-portal/profile/security").await;
    assert_eq!(other_page.status, 200);
    let outsider_hash: String = portal_actors::fetch_one_scalar!(
        c.app.db.exec(),
        String,
        "SELECT token_hash FROM sessions WHERE user_id = $1",
        c.outsider.user_id
    )
    .unwrap();
    let probe = c
        .boss
        .post_form(
            "/client-portal/client-settings/sessions/revoke",
            &[("csrf_token", &c.csrf), ("session", &outsider_hash)],
        )
        .await;
    assert_eq!(probe.status, 404);
    let probe = c
        .boss
        .post_form(
            "/client-portal/client-settings/users/sign-out",
            &[
                ("csrf_token", &c.csrf),
                ("user", &c.outsider.user_id.to_string()),
            ],
        )
        .await;
    assert_eq!(probe.status, 404);
    assert_eq!(c.out.get("/client-portal/dashboard").await.status, 200);
    // Without the CSRF token: refused.
    let forged = c
        .boss
        .post_form(
            "/client-portal/client-settings/sessions/revoke",
            &[("csrf_token", "x"), ("session", &c.sessions[0])],
        )
        .await;
    assert_eq!(forged.status, 403);
}

#[actix_web::test]
async fn client_admins_sign_out_one_session_then_the_user_everywhere() {
    let Some(c) = Company::open().await else {
        return;
    };
    // One session, then the user everywhere.
    let one = c
        .boss
        .post_form(
            "/client-portal/client-settings/sessions/revoke",
            &[("csrf_token", &c.csrf), ("session", &c.sessions[0])],
        )
        .await;
    assert_eq!(one.status, 303);
    let statuses = [
        c.w1.get("/client-portal/dashboard").await.status,
        c.w2.get("/client-portal/dashboard").await.status,
    ];
    assert!(
        statuses.contains(&303) && statuses.contains(&200),
        "{statuses:?}"
    );
    let all = c
        .boss
        .post_form(
            "/client-portal/client-settings/users/sign-out",
            &[
                ("csrf_token", &c.csrf),
                ("user", &c.worker.user_id.to_string()),
            ],
        )
        .await;
    assert_eq!(all.status, 303);
    assert_eq!(
        all.location(),
        "/client-portal/client-settings?done=user&count=1"
    );
    assert_eq!(c.w1.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(c.w2.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(c.boss.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        c.app
            .metric(
                "portal_sessions_revoked_total",
                &[("reason", "client_admin")]
            )
            .await,
        2.0
    );
    flush_audit(&c.app).await;
    let audited: i64 = portal_actors::fetch_one_scalar!(
        c.app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM audit_events WHERE event_type = 'session_revoked' AND user_id = $1",
        c.worker.user_id
    )
    .unwrap();
    assert_eq!(audited, 2);
}
