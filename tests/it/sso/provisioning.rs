//! Who may come in through single sign-on: just-in-time provisioning, allowed domains, SSO-only, and the handover to a vanity domain.

use super::*;

#[actix_web::test]
async fn just_in_time_provisioning_only_for_existing_contacts() {
    let Some(app) = spawn_app().await else { return };
    // A contact without a portal user: the company exists, the account does not.
    let now = portal_actors::Clock::now(app.clock.as_ref());
    let client_id =
        portal_actors::store::users::find_or_create_client(&app.db, app.tenant.id, "Acme", now)
            .await
            .unwrap();
    portal_actors::store::users::create_contact(
        &app.db,
        app.tenant.id,
        &portal_actors::store::users::NewContact {
            client_id,
            full_name: "Grace Hopper".into(),
            email: portal_actors::model::Email::parse("grace@acme.example").unwrap(),
            phone: None,
            portal_role: portal_actors::model::PortalRole::Admin,
        },
        now,
    )
    .await
    .unwrap();
    let accounts = vec![
        account("grace", "grace@acme.example", true, &["pwd"]),
        account("stranger", "stranger@acme.example", true, &["pwd"]),
    ];
    let Some(idp) = provider_for(&app, "", accounts).await else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &[]).await;

    // Off by default: no account is created.
    let page = sign_in_via(&app, &app.browser(), "google", "grace").await;
    assert_refused(&page, 403, "no portal account");
    sso_store::set_options(
        &app.db,
        app.tenant.id,
        SsoOptions {
            sso_only: false,
            sso_jit_provisioning: true,
        },
    )
    .await
    .unwrap();
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "grace").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let dashboard = browser.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 200);
    let found = portal_actors::store::users::find_for_login(
        &app.db,
        app.tenant.id,
        &portal_actors::model::Email::parse("grace@acme.example").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].user_type(), Some(UserType::Client));
    assert!(found[0].password_hash.is_none(), "no password set by SSO");
    assert!(found[0].is_client_admin(), "role from the contact");
    assert_eq!(found[0].full_name, "Grace Hopper", "name from the contact");
    // The PSA's changes feed learns of the new portal user.
    let activated: Vec<(String, String)> = portal_actors::query_as!(
        app.db.exec(),
        (String, String),
        fetch_all,
        "SELECT kind, data FROM directory_changes WHERE tenant = $1",
        app.tenant.id
    )
    .unwrap();
    assert_eq!(activated.len(), 1, "{activated:?}");
    assert_eq!(activated[0].0, "user_activated");
    assert!(
        activated[0].1.contains("\"method\":\"sso\""),
        "{activated:?}"
    );
    // Not a contact: still nobody is created.
    let page = sign_in_via(&app, &app.browser(), "google", "stranger").await;
    assert_refused(&page, 403, "no portal account");
}

#[actix_web::test]
async fn allowed_domains_and_sso_only() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.example", "Acme").await;
    app.client_user(None, "bob@other.example", "Acme").await;
    let accounts = vec![
        account("ada", "ada@acme.example", true, &["pwd"]),
        account("bob", "bob@other.example", true, &["pwd"]),
    ];
    let Some(idp) = provider_for(&app, "", accounts).await else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &["acme.example"]).await;
    let page = sign_in_via(&app, &app.browser(), "google", "bob").await;
    assert_refused(&page, 403, "not one your organization allows");
    let page = sign_in_via(&app, &app.browser(), "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);

    sso_store::set_options(
        &app.db,
        app.tenant.id,
        SsoOptions {
            sso_only: true,
            sso_jit_provisioning: false,
        },
    )
    .await
    .unwrap();
    let browser = app.browser();
    let page = browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(page.body.contains("Sign in with Google"));
    assert!(
        !page.body.contains(r#"type="password""#),
        "password form hidden"
    );
    let refused = browser
        .sign_in(&app.tenant.slug, "ada@acme.example", PASSWORD)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused
        .body
        .contains("signs in through its identity provider"));
    assert!(browser.cookie(SESSION_COOKIE).is_none());
}

#[actix_web::test]
async fn a_vanity_domain_is_handed_over_to_after_sso() {
    let Some((app, _idp)) = ada_at("", "google").await else {
        return;
    };
    crate::handoff::add_domain(
        &app,
        &app.tenant,
        crate::handoff::VANITY,
        portal_actors::portal_domain::DomainStatus::Active,
    )
    .await;
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    let ott = crate::handoff::auto_post(&page, crate::handoff::VANITY).ott;
    assert!(
        browser.cookie(crate::handoff::SESSION).is_none(),
        "no session on the canonical host"
    );
    let exchanged =
        crate::handoff::exchange(&app, crate::handoff::VANITY, json!({ "ott": ott })).await;
    assert_eq!(exchanged.status, 200, "{}", exchanged.body);
}
