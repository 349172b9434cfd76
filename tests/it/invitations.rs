//! Invitations end to end: a client admin (company page), an operator (admin API) or the CLI
//! invites a contact; the email reaches the loopback SMTP listener; its link is followed to set
//! a password and sign in. Single use, replaced, expired (and renewed), tampered and other
//! tenants' links are refused and change nothing.

use chrono::Duration;
use uuid::Uuid;

use crate::helpers::*;
use crate::password_reset::{app_with_mail, canonical_path, hidden};
use crate::smtp_server::SmtpServer;

const NEW_PASSWORD: &str = "harbour lantern quartz 77";
const COMPANY: &str = "/client-portal/client-settings";

/// A contact of `company` without a portal account.
async fn contact(
    app: &TestApp,
    tenant: Option<&portal_actors::model::TenantInfo>,
    company: &str,
    name: &str,
    email: &str,
    admin: bool,
) -> Uuid {
    use portal_actors::model::Email;
    use portal_actors::store::users;
    use portal_actors::Clock;
    let tenant = tenant.unwrap_or(&app.tenant);
    let now = app.clock.now();
    let client_id = users::find_or_create_client(&app.db, tenant.id, company, now)
        .await
        .unwrap();
    users::create_contact(
        &app.db,
        tenant.id,
        &users::NewContact {
            client_id,
            full_name: name.into(),
            email: Email::parse(email).unwrap(),
            phone: None,
            portal_role: if admin {
                portal_actors::model::PortalRole::Admin
            } else {
                portal_actors::model::PortalRole::User
            },
        },
        now,
    )
    .await
    .unwrap()
}

async fn invite_from_company_page(boss: &Browser, contact_id: Uuid) -> Page {
    let page = boss.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = Browser::form_csrf(&page);
    boss.post_form(
        "/client-portal/client-settings/invitations",
        &[("csrf_token", &csrf), ("contact", &contact_id.to_string())],
    )
    .await
}

async fn nth_mail(smtp: &SmtpServer, email: &str, n: usize) -> crate::smtp_server::Received {
    smtp.wait_for_nth(email, n, std::time::Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("no email {} to {email}", n + 1))
}

async fn setup(browser: &Browser, form_page: &Page, password: &str, confirm: &str) -> Page {
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    browser
        .post_form(
            "/auth/portal/setup",
            &[
                ("token", hidden(form_page, "token").as_str()),
                ("tenant", hidden(form_page, "tenant").as_str()),
                ("csrf_token", csrf.as_str()),
                ("new_password", password),
                ("confirm_password", confirm),
            ],
        )
        .await
}

/// The role names a user holds: their contact's portal role (client users have no role rows).
async fn roles(app: &TestApp, email: &str) -> Vec<String> {
    let own: i64 = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM users u JOIN user_roles ur ON ur.tenant = u.tenant \
         AND ur.user_id = u.user_id WHERE u.email = $1",
        email
    )
    .unwrap();
    assert_eq!(own, 0, "client users hold no role rows");
    let rows: Vec<(String,)> = portal_actors::query_as!(
        app.db.exec(),
        (String,),
        fetch_all,
        "SELECT c.portal_role FROM users u JOIN contacts c ON c.tenant = u.tenant \
         AND c.contact_id = u.contact_id WHERE u.email = $1",
        email
    )
    .unwrap();
    rows.into_iter()
        .filter_map(|(r,)| portal_actors::model::PortalRole::parse(&r))
        .map(|r| r.role_name().to_owned())
        .collect()
}

/// Acme's client admin (boss) signed in, Dana (Acme) and Olga (Globex) contacts without
/// accounts; the boss tried to invite Olga (404) and invited Dana, whose email arrived.
struct Invited {
    smtp: SmtpServer,
    admin: TestUser,
    /// The company page before the invitations, and after Dana's.
    page: Page,
    after: Page,
    /// The link in Dana's email.
    link: String,
    app: TestApp,
}

impl Invited {
    async fn new() -> Option<Invited> {
        let (smtp, app) = app_with_mail().await?;
        let admin = app.client_user(None, "boss@acme.example", "Acme").await;
        make_admin(&app, admin.user_id).await;
        let dana = contact(&app, None, "Acme", "Dana Kim", "dana@acme.example", false).await;
        let other = contact(
            &app,
            None,
            "Globex",
            "Olga Other",
            "olga@globex.example",
            false,
        )
        .await;
        let boss = app.browser();
        boss.sign_in(&app.tenant.slug, &admin.email, PASSWORD).await;
        let page = boss.get(COMPANY).await;
        // Another company's contact: not found, nothing sent.
        assert_eq!(invite_from_company_page(&boss, other).await.status, 404);
        let sent = invite_from_company_page(&boss, dana).await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        let after = boss.get(sent.location()).await;
        let mail = nth_mail(&smtp, "dana@acme.example", 0).await;
        let link = mail.first_link();
        Some(Invited {
            smtp,
            admin,
            page,
            after,
            link,
            app,
        })
    }

    /// Dana's browser on the setup form the link opens, and the form.
    async fn open_form(&self) -> (Browser, Page) {
        let invitee = self.app.browser();
        let form = invitee.get(&canonical_path(&self.link)).await;
        assert_eq!(form.status, 200, "{}", form.body);
        (invitee, form)
    }
}

#[actix_web::test]
async fn client_admins_invite_their_own_companys_contacts_only() {
    let Some(i) = Invited::new().await else {
        return;
    };
    let (page, after, app, admin) = (&i.page, &i.after, &i.app, &i.admin);
    assert!(page.body.contains("dana@acme.example"));
    assert!(!page.body.contains("olga@globex.example"));
    assert!(
        after
            .body
            .contains("An invitation was sent to dana@acme.example."),
        "{}",
        after.body
    );
    assert!(after.body.contains("Invited, link valid until"));

    let sent = audit_events(app, "invitation_sent").await;
    assert!(sent
        .iter()
        .any(|e| e.outcome == "success" && e.user_id == Some(admin.user_id)));
    assert!(sent
        .iter()
        .any(|e| e.outcome == "failure" && e.reason.as_deref() == Some("unknown_contact")));
}

#[actix_web::test]
async fn the_invitation_link_shows_who_is_invited_and_refusals_keep_it_usable() {
    let Some(i) = Invited::new().await else {
        return;
    };
    let (smtp, app, link) = (&i.smtp, &i.app, &i.link);
    let mail = nth_mail(smtp, "dana@acme.example", 0).await;
    assert!(
        mail.header("Subject").unwrap().contains(&app.tenant.name),
        "{:?}",
        mail.header("Subject")
    );
    assert!(link.contains("/auth/portal/setup?token="), "{link}");
    let (invitee, form) = i.open_form().await;
    assert_eq!(form.header("referrer-policy"), "no-referrer");
    assert!(
        form.body.contains("Dana Kim")
            && form.body.contains("dana@acme.example")
            && form.body.contains("Acme")
    );
    // Refusals keep the link usable.
    let mismatch = setup(&invitee, &form, NEW_PASSWORD, "something else entirely").await;
    assert_eq!(mismatch.status, 400);
    assert!(mismatch.body.contains("do not match"));
    let weak = setup(&invitee, &form, "password1234", "password1234").await;
    assert_eq!(weak.status, 400);
    assert!(weak.body.contains("too easy to guess"));
    let named = setup(
        &invitee,
        &form,
        "dana kim forever 2026",
        "dana kim forever 2026",
    )
    .await;
    assert!(named.body.contains("must not contain"), "{}", named.body);
    let done = setup(&invitee, &form, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let accepted = audit_events(app, "invitation_accepted").await;
    assert_eq!(
        accepted.iter().filter(|e| e.outcome == "success").count(),
        1
    );
    assert!(accepted
        .iter()
        .any(|e| e.reason.as_deref() == Some("mismatch")));
}

#[actix_web::test]
async fn setting_up_signs_in_with_the_user_role_and_spends_the_link() {
    let Some(i) = Invited::new().await else {
        return;
    };
    let (app, link) = (&i.app, &i.link);
    let (invitee, form) = i.open_form().await;
    let done = setup(&invitee, &form, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), "/client-portal/dashboard");
    let dashboard = invitee.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains("Dana Kim"));
    assert_eq!(
        roles(app, "dana@acme.example").await,
        vec!["User".to_owned()]
    );
    // The admin who invited is told (once), and sees it in the company's activity.
    app.state
        .notifier
        .send(portal_actors::notifications::NotifyDue)
        .await
        .unwrap()
        .unwrap();
    let joined = nth_mail(&i.smtp, &i.admin.email, 0).await;
    assert_eq!(
        joined.header("Subject").as_deref(),
        Some("Dana Kim (dana@acme.example) joined your company's portal")
    );
    assert!(joined
        .text()
        .contains("/client-portal/client-settings/users/"));
    let boss = app.browser();
    boss.sign_in(&app.tenant.slug, &i.admin.email, PASSWORD)
        .await;
    let dashboard = boss.get("/client-portal/dashboard").await;
    assert!(
        dashboard.body.contains("Dana Kim joined the portal"),
        "{}",
        dashboard.body
    );
    // The link is spent.
    let again = app.browser().get(&canonical_path(link)).await;
    assert_eq!(again.status, 410);
    assert!(again.body.contains("already used"));
    // And the new account signs in normally.
    assert_eq!(
        app.browser()
            .sign_in(&app.tenant.slug, "dana@acme.example", NEW_PASSWORD)
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn operators_invite_replaced_expired_and_foreign_links_are_refused() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let lee = contact(&app, None, "Acme", "Lee Park", "lee@acme.example", true).await;
    let invite = |body: serde_json::Value| {
        app.http
            .post(format!("{}/admin/invitations", app.admin))
            .bearer_auth(ADMIN_TOKEN)
            .json(&body)
            .send()
    };
    let first = invite(serde_json::json!({"tenant": app.tenant.slug, "email": "LEE@acme.example"}))
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let old_link = nth_mail(&smtp, "lee@acme.example", 0).await.first_link();
    // Re-inviting replaces the old link.
    let second = invite(serde_json::json!({"tenant": app.tenant.slug, "contact_id": lee}))
        .await
        .unwrap();
    assert_eq!(second.status(), 201);
    let new_link = nth_mail(&smtp, "lee@acme.example", 1).await.first_link();
    assert_ne!(old_link, new_link);
    let b = app.browser();
    let replaced = b.get(&canonical_path(&old_link)).await;
    assert_eq!(replaced.status, 404, "{}", replaced.body);
    assert!(replaced.body.contains("replaced by a newer invitation"));
    // Tampered, and the right token on another tenant: invalid.
    let tampered = new_link.replace("token=", "token=x");
    assert_eq!(b.get(&canonical_path(&tampered)).await.status, 404);
    let other = app.create_tenant("Other MSP").await;
    let foreign = canonical_path(&new_link).replace(&app.tenant.slug, &other.slug);
    assert_eq!(b.get(&foreign).await.status, 404);
    // Bad requests.
    assert_eq!(
        invite(serde_json::json!({"tenant": app.tenant.slug}))
            .await
            .unwrap()
            .status(),
        400
    );
    assert_eq!(
        invite(serde_json::json!({"tenant": app.tenant.slug, "email": "nobody@acme.example"}))
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        invite(serde_json::json!({"tenant": "ffffffffffff", "contact_id": lee}))
            .await
            .unwrap()
            .status(),
        404
    );
    let unauthorised = app
        .http
        .post(format!("{}/admin/invitations", app.admin))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthorised.status(), 401);

    // After 24 h the link has expired; it offers a fresh one, which goes to the invited address.
    app.clock.advance(Duration::hours(25));
    let expired = b.get(&canonical_path(&new_link)).await;
    assert_eq!(expired.status, 410);
    assert!(expired.body.contains("This invitation has expired"));
    let csrf = b.cookie(CSRF_COOKIE).unwrap();
    let renewed = b
        .post_form(
            "/auth/portal/setup/resend",
            &[
                ("csrf_token", csrf.as_str()),
                ("token", hidden(&expired, "token").as_str()),
                ("tenant", hidden(&expired, "tenant").as_str()),
            ],
        )
        .await;
    assert_eq!(renewed.status, 200, "{}", renewed.body);
    assert!(renewed.body.contains("a new link is on its way"));
    let fresh = nth_mail(&smtp, "lee@acme.example", 2).await.first_link();
    let form = b.get(&canonical_path(&fresh)).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("administrator"));
    let done = setup(&b, &form, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 303);
    assert_eq!(
        roles(&app, "lee@acme.example").await,
        vec!["Admin".to_owned()]
    );
    // Now that the account exists, inviting again is refused.
    let twice = invite(serde_json::json!({"tenant": app.tenant.slug, "contact_id": lee}))
        .await
        .unwrap();
    assert_eq!(twice.status(), 409);
}

#[actix_web::test]
async fn under_a_two_factor_policy_setup_continues_with_enrollment() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    portal_actors::store::two_factor::set_tenant_requires(&app.db, app.tenant.id, true)
        .await
        .unwrap();
    contact(&app, None, "Acme", "Mo Reyes", "mo@acme.example", false).await;
    let created = app
        .http
        .post(format!("{}/admin/invitations", app.admin))
        .bearer_auth(ADMIN_TOKEN)
        .json(&serde_json::json!({"tenant": app.tenant.slug, "email": "mo@acme.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let link = nth_mail(&smtp, "mo@acme.example", 0).await.first_link();
    let b = app.browser();
    let form = b.get(&canonical_path(&link)).await;
    let done = setup(&b, &form, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location(), "/auth/client-portal/two-factor");
    assert!(b.cookie(SESSION_COOKIE).is_none());
    let enroll = b.get("/auth/client-portal/two-factor").await;
    assert!(enroll
        .body
        .contains("Your organization requires two-factor authentication"));
}

/// Setting up an account from a browser that holds someone's session (a shared computer)
/// signs the new user in and ends the session whose cookie that replaces.
#[actix_web::test]
async fn setting_up_revokes_the_session_its_cookie_replaces() {
    use crate::handoff::SESSION;
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let admin = app.client_user(None, "boss@acme.example", "Acme").await;
    make_admin(&app, admin.user_id).await;
    let dana = contact(&app, None, "Acme", "Dana Kim", "dana@acme.example", false).await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &admin.email, PASSWORD)
        .await;
    let boss_session = browser.cookie(SESSION).unwrap();
    let sent = invite_from_company_page(&browser, dana).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let link = nth_mail(&smtp, "dana@acme.example", 0).await.first_link();
    let form = browser.get(&canonical_path(&link)).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let done = setup(&browser, &form, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_ne!(browser.cookie(SESSION).unwrap(), boss_session);
    assert!(browser
        .get("/client-portal/dashboard")
        .await
        .body
        .contains("Dana Kim"));
    let replay = app.browser();
    replay.set_cookie(SESSION, &boss_session);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "replaced")])
            .await,
        1.0
    );
}
