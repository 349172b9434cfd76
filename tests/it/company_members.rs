//! Company settings → one portal user: a client admin changes a member's role (fed to the PSA,
//! audited, the menus change on the member's next page), deactivates them (their open session
//! stops on every instance, they cannot sign in) and reactivates them; the last active admin is
//! never demoted or deactivated; other companies' members are 404, non-admins 403.

use portal_actors::query_as;
use uuid::Uuid;

use crate::helpers::{
    audit_events, make_admin, spawn_app, spawn_instances, Browser, TestApp, PASSWORD,
};
use crate::ticket_data::{person, signed_in, Person};

const COMPANY: &str = "/client-portal/client-settings";

fn member(p: &Person) -> String {
    format!("{COMPANY}/users/{}", p.user.user_id)
}

/// (portal role, inactive) of `p`.
async fn state(app: &TestApp, p: &Person) -> (String, bool) {
    query_as!(
        app.db.exec(),
        (String, bool),
        fetch_one,
        "SELECT c.portal_role, u.is_inactive FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.user_id = $2",
        app.tenant.id,
        p.user.user_id
    )
    .unwrap()
}

/// The feed's kinds for `p`'s contact, oldest first.
async fn feed(app: &TestApp, p: &Person) -> Vec<String> {
    let rows: Vec<(String,)> = query_as!(
        app.db.exec(),
        (String,),
        fetch_all,
        "SELECT kind FROM directory_changes WHERE tenant = $1 AND contact_id = $2 ORDER BY seq",
        app.tenant.id,
        p.contact_id
    )
    .unwrap();
    rows.into_iter().map(|(k,)| k).collect()
}

/// Alice (Admin) and Ben (User) of Acme, both signed in; Alice's CSRF token.
async fn acme(app: &TestApp) -> (Person, Browser, Person, Browser, String) {
    let alice = person(
        app,
        &app.tenant,
        "alice@acme.example",
        "Acme",
        Some("Admin"),
    )
    .await;
    let ben = person(app, &app.tenant, "ben@acme.example", "Acme", None).await;
    let a = signed_in(app, &app.tenant, &alice).await;
    let b = signed_in(app, &app.tenant, &ben).await;
    let page = a.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&member(&ben)), "{}", page.body);
    let csrf = Browser::form_csrf(&page);
    (alice, a, ben, b, csrf)
}

#[actix_web::test]
async fn an_admin_changes_a_members_role_and_it_applies_on_their_next_page() {
    let Some(app) = spawn_app().await else { return };
    let (_, a, ben, b, csrf) = acme(&app).await;
    assert!(!b
        .get("/client-portal/dashboard")
        .await
        .body
        .contains("/client-portal/billing"));
    let page = a.get(&member(&ben)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(r#"value="user" checked"#));

    let role = format!("{}/role", member(&ben));
    let done = a
        .post_form(&role, &[("csrf_token", &csrf), ("role", "finance")])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), format!("{}?done=role", member(&ben)));
    assert_eq!(state(&app, &ben).await, ("finance".to_owned(), false));
    assert_eq!(feed(&app, &ben).await, vec!["role_changed".to_owned()]);
    let audited = audit_events(&app, "user_role_changed").await;
    assert_eq!(audited.len(), 1);
    assert!(audited[0]
        .details
        .as_deref()
        .unwrap_or("")
        .contains("client_admin"));
    // The company's activity list says so (the events above were flushed).
    let company = a.get(COMPANY).await;
    assert!(
        company.body.contains("Role changed by an administrator"),
        "{}",
        company.body
    );
    // Ben's very next page shows Billing, without signing in again.
    let dashboard = b.get("/client-portal/dashboard").await;
    assert!(dashboard.body.contains(r#"href="/client-portal/billing""#));
    assert_eq!(b.get("/client-portal/billing").await.status, 200);

    // The same role again changes nothing.
    let again = a
        .post_form(&role, &[("csrf_token", &csrf), ("role", "finance")])
        .await;
    assert_eq!(again.location(), format!("{}?done=unchanged", member(&ben)));
    assert_eq!(feed(&app, &ben).await.len(), 1);
    // No such role: the page says so, nothing changes.
    let bad = a
        .post_form(&role, &[("csrf_token", &csrf), ("role", "owner")])
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("Choose one of the three roles."));
    assert_eq!(state(&app, &ben).await.0, "finance");
    // Without the CSRF token: refused.
    let forged = a
        .post_form(&role, &[("csrf_token", "x"), ("role", "admin")])
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(state(&app, &ben).await.0, "finance");
}

#[actix_web::test]
async fn the_last_active_admin_is_never_demoted_or_deactivated() {
    let Some(app) = spawn_app().await else { return };
    let (alice, a, ben, _, csrf) = acme(&app).await;
    let me = member(&alice);
    for (action, role) in [("role", "user"), ("role", "finance"), ("deactivate", "")] {
        let page = a
            .post_form(
                &format!("{me}/{action}"),
                &[("csrf_token", &csrf), ("role", role)],
            )
            .await;
        assert_eq!(page.status, 409, "{action} {role}: {}", page.body);
        assert!(
            page.body.contains("at least one active administrator"),
            "{}",
            page.body
        );
    }
    assert_eq!(state(&app, &alice).await, ("admin".to_owned(), false));
    assert!(feed(&app, &alice).await.is_empty());

    // A deactivated admin does not count: Ben as an inactive admin leaves Alice the last one.
    make_admin(&app, ben.user.user_id).await;
    let ben_off = format!("{}/deactivate", member(&ben));
    assert_eq!(
        a.post_form(&ben_off, &[("csrf_token", &csrf)]).await.status,
        303
    );
    let page = a
        .post_form(
            &format!("{me}/role"),
            &[("csrf_token", &csrf), ("role", "user")],
        )
        .await;
    assert_eq!(page.status, 409);

    // With another active admin, Alice may step down; her next page is her account.
    let ben_on = format!("{}/reactivate", member(&ben));
    assert_eq!(
        a.post_form(&ben_on, &[("csrf_token", &csrf)]).await.status,
        303
    );
    let down = a
        .post_form(
            &format!("{me}/role"),
            &[("csrf_token", &csrf), ("role", "user")],
        )
        .await;
    assert_eq!(down.status, 303, "{}", down.body);
    assert_eq!(down.location(), "/client-portal/account");
    assert_eq!(a.get(COMPANY).await.status, 403);
    assert!(!a
        .get("/client-portal/account")
        .await
        .body
        .contains(r#"href="/client-portal/client-settings""#));
}

#[actix_web::test]
async fn a_deactivated_member_is_signed_out_cannot_sign_in_and_comes_back_when_reactivated() {
    let Some(app) = spawn_app().await else { return };
    let (_, a, ben, b, csrf) = acme(&app).await;
    assert_eq!(b.get("/client-portal/dashboard").await.status, 200);
    let off = format!("{}/deactivate", member(&ben));
    let done = a.post_form(&off, &[("csrf_token", &csrf)]).await;
    assert_eq!(
        done.location(),
        format!("{}?done=deactivated", member(&ben))
    );
    assert_eq!(state(&app, &ben).await, ("user".to_owned(), true));
    let page = b.get("/client-portal/dashboard").await;
    assert_eq!(page.status, 303);
    assert!(page.location().starts_with("/auth/client-portal/signin"));
    let again = app.browser();
    let refused = again
        .sign_in(&app.tenant.slug, &ben.user.email, PASSWORD)
        .await;
    assert_ne!(refused.status, 303, "{}", refused.body);
    assert!(audit_events(&app, "user_deactivated").await.len() == 1);
    let page = a.get(&member(&ben)).await;
    assert!(page.body.contains("Deactivated"));
    assert!(page.body.contains("/reactivate\""));

    let on = format!("{}/reactivate", member(&ben));
    assert_eq!(a.post_form(&on, &[("csrf_token", &csrf)]).await.status, 303);
    assert_eq!(state(&app, &ben).await, ("user".to_owned(), false));
    let back = app.browser();
    assert_eq!(
        back.sign_in(&app.tenant.slug, &ben.user.email, PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(
        feed(&app, &ben).await,
        vec!["user_deactivated".to_owned(), "user_reactivated".to_owned()]
    );
}

#[actix_web::test]
async fn members_of_other_companies_are_not_found_and_non_admins_are_refused() {
    let Some(app) = spawn_app().await else { return };
    let (_, a, ben, b, csrf) = acme(&app).await;
    let stranger = person(&app, &app.tenant, "eve@globex.example", "Globex", None).await;
    assert_eq!(a.get(&member(&stranger)).await.status, 404);
    let role = format!("{}/role", member(&stranger));
    let probe = a
        .post_form(&role, &[("csrf_token", &csrf), ("role", "admin")])
        .await;
    assert_eq!(probe.status, 404);
    assert_eq!(state(&app, &stranger).await, ("user".to_owned(), false));
    assert_eq!(
        a.get(&format!("{COMPANY}/users/{}", Uuid::new_v4()))
            .await
            .status,
        404
    );
    assert_eq!(
        a.get(&format!("{COMPANY}/users/not-a-uuid")).await.status,
        404
    );
    let unknown = format!("{}/promote", member(&ben));
    assert_eq!(
        a.post_form(&unknown, &[("csrf_token", &csrf)]).await.status,
        404
    );

    let ben_csrf = Browser::form_csrf(&b.get("/client-portal/profile").await);
    assert_eq!(b.get(&member(&ben)).await.status, 403);
    let own = format!("{}/role", member(&ben));
    let page = b
        .post_form(&own, &[("csrf_token", &ben_csrf), ("role", "admin")])
        .await;
    assert_eq!(page.status, 403);
    assert_eq!(state(&app, &ben).await.0, "user");
}

#[actix_web::test]
async fn a_member_deactivated_on_one_instance_is_signed_out_on_the_other() {
    let Some(apps) = spawn_instances(2, |_, _| {}).await else {
        return;
    };
    let (one, two) = (&apps[0], &apps[1]);
    let (_, a, ben, _, csrf) = acme(one).await;
    // Ben works on instance two, where his session is cached.
    let b2 = signed_in(two, &two.tenant, &ben).await;
    for _ in 0..3 {
        assert_eq!(b2.get("/client-portal/dashboard").await.status, 200);
    }
    let off = format!("{}/deactivate", member(&ben));
    assert_eq!(
        a.post_form(&off, &[("csrf_token", &csrf)]).await.status,
        303
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let page = b2.get("/client-portal/dashboard").await;
        if page.status == 303 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still signed in on instance two"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
async fn an_admin_emails_a_member_a_password_reset_link() {
    let smtp = crate::smtp_server::SmtpServer::start().await;
    let Some(app) = crate::helpers::spawn_app_with(crate::helpers::mail_to(&smtp)).await else {
        return;
    };
    let (alice, a, ben, _, csrf) = acme(&app).await;
    let page = a.get(&member(&ben)).await;
    assert!(page.body.contains("/password-reset\""), "{}", page.body);
    // Not offered for oneself: one's own password is changed under Security.
    assert!(!a
        .get(&member(&alice))
        .await
        .body
        .contains("/password-reset\""));

    let reset = format!("{}/password-reset", member(&ben));
    let sent = a.post_form(&reset, &[("csrf_token", &csrf)]).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.location(), format!("{}?done=reset", member(&ben)));
    let mail = smtp
        .wait_for_nth(&ben.user.email, 0, std::time::Duration::from_secs(5))
        .await
        .expect("a reset email to Ben");
    assert!(mail
        .first_link()
        .contains("/auth/password-reset/set-new-password"));
    let audited = audit_events(&app, "password_reset_sent").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].user_id, Some(ben.user.user_id));

    // A deactivated member gets none.
    let off = format!("{}/deactivate", member(&ben));
    assert_eq!(
        a.post_form(&off, &[("csrf_token", &csrf)]).await.status,
        303
    );
    let refused = a.post_form(&reset, &[("csrf_token", &csrf)]).await;
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains("reactivate them first"));
    assert_eq!(audit_events(&app, "password_reset_sent").await.len(), 1);
}

#[actix_web::test]
async fn an_admin_requires_two_factor_of_everyone_in_the_company() {
    let Some(app) = spawn_app().await else { return };
    let (_, a, ben, b, csrf) = acme(&app).await;
    let stranger = person(&app, &app.tenant, "eve@globex.example", "Globex", None).await;
    const TWO_FACTOR: &str = "/client-portal/client-settings/two-factor";
    let on = a
        .post_form(TWO_FACTOR, &[("csrf_token", &csrf), ("required", "on")])
        .await;
    assert_eq!(on.status, 303, "{}", on.body);
    assert_eq!(on.location(), format!("{COMPANY}?done=two-factor"));
    // (Reading the events flushes the audit actor's batch.)
    assert_eq!(
        audit_events(&app, "company_two_factor_required")
            .await
            .len(),
        1
    );
    let page = a.get(COMPANY).await;
    assert!(
        page.body.contains(r#"name="required" value="on" checked"#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Two-factor requirement changed"));

    // Ben, without two-factor, is asked to set it up at his next sign-in; Globex is not.
    let next = app.browser();
    let signed = next
        .sign_in(&app.tenant.slug, &ben.user.email, PASSWORD)
        .await;
    assert_eq!(signed.status, 303);
    assert_ne!(signed.location(), "/client-portal/dashboard");
    let challenge = next.get(signed.location()).await;
    assert!(
        challenge
            .body
            .contains("Your organization requires two-factor authentication"),
        "{}",
        challenge.body
    );
    let eve = app.browser();
    let direct = eve
        .sign_in(&app.tenant.slug, &stranger.user.email, PASSWORD)
        .await;
    assert_eq!(direct.location(), "/client-portal/dashboard");

    // Off again (an unticked box sends nothing): a plain sign-in.
    let off = a.post_form(TWO_FACTOR, &[("csrf_token", &csrf)]).await;
    assert_eq!(off.status, 303);
    let plain = app.browser();
    let signed = plain
        .sign_in(&app.tenant.slug, &ben.user.email, PASSWORD)
        .await;
    assert_eq!(signed.location(), "/client-portal/dashboard");
    // Not an admin: refused, nothing changes.
    let ben_csrf = Browser::form_csrf(&b.get("/client-portal/profile").await);
    let refused = b
        .post_form(TWO_FACTOR, &[("csrf_token", &ben_csrf), ("required", "on")])
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        audit_events(&app, "company_two_factor_required")
            .await
            .len(),
        2
    );
}

/// `PUT /admin/tenants/{tenant}/company-editing`.
async fn allow_editing(app: &TestApp, allowed: bool) {
    let resp = app
        .http
        .put(format!(
            "{}/admin/tenants/{}/company-editing",
            app.admin, app.tenant.slug
        ))
        .bearer_auth(crate::helpers::ADMIN_TOKEN)
        .json(&serde_json::json!({ "allowed": allowed }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}

/// The company's (phone, website, billing address, version).
async fn company_row(
    app: &TestApp,
    p: &Person,
) -> (Option<String>, Option<String>, Option<String>, i64) {
    query_as!(
        app.db.exec(),
        (Option<String>, Option<String>, Option<String>, i64),
        fetch_one,
        "SELECT phone, website, billing_address, version FROM clients \
         WHERE tenant = $1 AND client_id = $2",
        app.tenant.id,
        p.client_id
    )
    .unwrap()
}

#[actix_web::test]
async fn company_details_are_edited_only_where_the_msp_allows_and_checked_like_the_psas() {
    let Some(app) = spawn_app().await else { return };
    let (alice, a, _, _, csrf) = acme(&app).await;
    const DETAILS: &str = "/client-portal/client-settings/details";
    let form = |website: &'static str, email: &'static str| {
        vec![
            ("csrf_token", csrf.as_str()),
            ("phone", "+32 2 555 00 00"),
            ("email", email),
            ("website", website),
            ("billing_address.line1", "Rue de la Loi 16"),
            ("billing_address.postal_code", "1000"),
            ("billing_address.city", "Brussels"),
            ("billing_address.country", "Belgium"),
        ]
    };
    let before = company_row(&app, &alice).await;
    // Not allowed yet: read-only, and a POST is refused.
    let page = a.get(COMPANY).await;
    assert!(page
        .body
        .contains("Your service provider keeps these details"));
    let refused = a.post_form(DETAILS, &(form("acme.example", ""))).await;
    assert_eq!(refused.status, 403);
    assert_eq!(company_row(&app, &alice).await, before);

    allow_editing(&app, true).await;
    let page = a.get(COMPANY).await;
    assert!(
        page.body.contains(r#"name="billing_address.city""#),
        "{}",
        page.body
    );
    let bad = a
        .post_form(DETAILS, &(form("javascript:alert(1)", "not an address")))
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains(r#"id="website-error""#));
    assert!(bad.body.contains(r#"id="email-error""#));
    assert!(bad.body.contains("Rue de la Loi 16"), "typed values kept");
    assert_eq!(company_row(&app, &alice).await, before);

    let saved = a
        .post_form(DETAILS, &(form("www.acme.example", "ap@acme.example")))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.location(), format!("{COMPANY}?done=details"));
    let (phone, website, address, version) = company_row(&app, &alice).await;
    assert_eq!(phone.as_deref(), Some("+32 2 555 00 00"));
    assert_eq!(website.as_deref(), Some("https://www.acme.example"));
    assert!(address.unwrap_or_default().contains("Brussels"));
    assert_eq!(version, before.3 + 1);
    let kinds: Vec<(String,)> = query_as!(
        app.db.exec(),
        (String,),
        fetch_all,
        "SELECT kind FROM directory_changes WHERE tenant = $1 AND client_id = $2 \
         AND contact_id IS NULL",
        app.tenant.id,
        alice.client_id
    )
    .unwrap();
    assert_eq!(kinds, vec![("company_updated".to_owned(),)]);
    assert_eq!(audit_events(&app, "company_updated").await.len(), 1);
    let account = a.get("/client-portal/account").await;
    assert!(account
        .body
        .contains("Rue de la Loi 16<br>1000 Brussels<br>Belgium"));
    let again = a
        .post_form(DETAILS, &(form("www.acme.example", "ap@acme.example")))
        .await;
    assert_eq!(
        again.location(),
        format!("{COMPANY}?done=details-unchanged")
    );
}
