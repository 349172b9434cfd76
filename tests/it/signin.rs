//! Password sign-in: success, every failure reason, internal users, tenants kept apart, metrics.

use portal_actors::model::UserType;
use portal_actors::store::users;

use crate::helpers::{hash, spawn_app, Browser, CSRF_COOKIE, PASSWORD, SESSION_COOKIE};

const INVALID: &str = "Invalid email or password";

fn attempts<'a>(outcome: &'a str, reason: &'a str) -> [(&'a str, &'a str); 3] {
    [
        ("method", "password"),
        ("outcome", outcome),
        ("reason", reason),
    ]
}

#[actix_web::test]
async fn a_client_user_signs_in_and_sees_the_dashboard() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.example", "Acme Manufacturing")
        .await;
    let browser = app.browser();
    let page = browser
        .sign_in(&app.tenant.slug, "ADA@acme.example ", PASSWORD)
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
    let cookie = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with(&format!("{SESSION_COOKIE}=")))
        .expect("session cookie");
    for attribute in [
        "Secure",
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        "Max-Age=43200",
    ] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
    assert!(
        !cookie.to_ascii_lowercase().contains("domain="),
        "host-only cookie: {cookie}"
    );

    let dashboard = browser.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains("Ada Lovelace"));
    assert!(dashboard.body.contains("Acme Manufacturing"));
    assert!(dashboard.body.contains("ada@acme.example"));
    assert!(
        dashboard.body.contains("Northwind IT Services"),
        "tenant branding"
    );
    assert!(dashboard.body.contains("first sign-in"));

    // The second sign-in shows the first one as the last sign-in.
    app.clock.advance(chrono::Duration::minutes(5));
    let second = app.browser();
    assert_eq!(
        second
            .sign_in(&app.tenant.slug, "ada@acme.example", PASSWORD)
            .await
            .status,
        303
    );
    let dashboard = second.get("/client-portal/dashboard").await;
    assert!(!dashboard.body.contains("first sign-in"));
    assert!(dashboard.body.contains("<time datetime="));
    assert_ne!(
        browser.cookie(SESSION_COOKIE),
        second.cookie(SESSION_COOKIE)
    );

    assert_eq!(
        app.metric("portal_login_attempts_total", &attempts("success", "none"))
            .await,
        2.0
    );
}

#[actix_web::test]
async fn every_refusal_says_the_same_and_is_counted_by_reason() {
    let Some(app) = spawn_app().await else { return };
    let ada = app
        .client_user(None, "ada@acme.example", "Acme Manufacturing")
        .await;
    let inactive = app
        .client_user(None, "ina@acme.example", "Acme Manufacturing")
        .await;
    users::set_inactive(
        &app.db,
        app.tenant.id,
        inactive.user_id,
        true,
        portal_actors::Clock::now(app.clock.as_ref()),
    )
    .await
    .unwrap();
    app.user(
        None,
        "nopass@acme.example",
        UserType::Client,
        Some("Acme"),
        None,
    )
    .await;
    let verifications_before = app.state.registry.snapshot()["credentials"].messages_handled;

    let cases = [
        ("nobody@acme.example", PASSWORD, "unknown_user"),
        (
            ada.email.as_str(),
            "wrong password entirely",
            "bad_password",
        ),
        (inactive.email.as_str(), PASSWORD, "inactive"),
        ("nopass@acme.example", PASSWORD, "no_password"),
        ("not-an-email", PASSWORD, "invalid_input"),
    ];
    for (email, password, _) in cases {
        let browser = app.browser();
        let page = browser.sign_in(&app.tenant.slug, email, password).await;
        assert_eq!(page.status, 401, "{email}");
        assert!(page.body.contains(INVALID), "{email}: {}", page.body);
        assert!(browser.cookie(SESSION_COOKIE).is_none());
    }
    // Every attempt, even for unknown emails, cost one password verification.
    let verifications =
        app.state.registry.snapshot()["credentials"].messages_handled - verifications_before;
    assert_eq!(verifications, cases.len() as u64);
    for (_, _, reason) in cases {
        assert_eq!(
            app.metric("portal_login_attempts_total", &attempts("failure", reason))
                .await,
            1.0,
            "{reason}"
        );
    }
    assert_eq!(
        app.metric("portal_login_attempts_total", &attempts("success", "none"))
            .await,
        0.0
    );
    let page = app
        .admin_get("/metrics", Some(crate::helpers::ADMIN_TOKEN))
        .await;
    let count = crate::helpers::metric_value(
        &page.body,
        "portal_login_duration_seconds_count",
        &[("method", "password")],
    );
    assert_eq!(count, Some(cases.len() as f64));

    // Audit trail: one failure event per attempt, with its reason.
    app.state
        .services
        .audit
        .send(portal_actors::audit::FlushAudit)
        .await
        .unwrap()
        .unwrap();
    let events = portal_actors::store::audit::recent(&app.db, app.tenant.id, 50)
        .await
        .unwrap();
    for (_, _, reason) in cases {
        assert!(
            events
                .iter()
                .any(|e| e.event_type == "sign_in" && e.reason.as_deref() == Some(reason)),
            "{reason}"
        );
    }
}

#[actix_web::test]
async fn empty_fields_are_asked_for_again() {
    let Some(app) = spawn_app().await else { return };
    let browser = app.browser();
    let page = browser.sign_in(&app.tenant.slug, "", "").await;
    assert_eq!(page.status, 400);
    assert!(page.body.contains("Enter your email and password."));
}

#[actix_web::test]
async fn internal_users_are_refused_with_access_denied() {
    let Some(app) = spawn_app().await else { return };
    let staff = app.internal_user("tech@northwind.example").await;
    let browser = app.browser();
    let page = browser
        .sign_in(&app.tenant.slug, &staff.email, PASSWORD)
        .await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("Access denied"), "{}", page.body);
    assert!(browser.cookie(SESSION_COOKIE).is_none());
    // With the wrong password they learn nothing.
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &staff.email, "not the password")
        .await;
    assert_eq!(page.status, 401);
    assert!(page.body.contains(INVALID));
    let internal = [
        ("method", "password"),
        ("outcome", "failure"),
        ("reason", "internal_user"),
    ];
    assert_eq!(
        app.metric("portal_login_attempts_total", &internal).await,
        1.0
    );
}

#[actix_web::test]
async fn a_user_of_one_tenant_cannot_sign_in_at_another() {
    let Some(app) = spawn_app().await else { return };
    let other = app.create_tenant("Contoso Managed IT").await;
    let ada = app
        .client_user(Some(&other), "ada@acme.example", "Acme")
        .await;
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_eq!(page.status, 401);
    assert!(page.body.contains(INVALID));
    // …and her own tenant's sign-in works, with that tenant's branding.
    let browser = app.browser();
    assert_eq!(
        browser
            .sign_in(&other.slug, &ada.email, PASSWORD)
            .await
            .status,
        303
    );
    assert!(browser
        .get("/client-portal/dashboard")
        .await
        .body
        .contains("Contoso Managed IT"));
}

#[actix_web::test]
async fn outdated_hashes_are_upgraded_at_sign_in() {
    let Some(app) = spawn_app().await else { return };
    let old = argon2::Params::new(8_192, 1, 1, None).unwrap();
    let old_hash = portal_actors::credentials::hash_with(&old, PASSWORD).unwrap();
    let user = app
        .user(
            None,
            "old@acme.example",
            UserType::Client,
            Some("Acme"),
            Some(&old_hash),
        )
        .await;
    assert_eq!(
        app.browser()
            .sign_in(&app.tenant.slug, &user.email, PASSWORD)
            .await
            .status,
        303
    );
    let email = portal_actors::model::Email::parse(&user.email).unwrap();
    let found = users::find_for_login(&app.db, app.tenant.id, &email)
        .await
        .unwrap();
    let stored = found[0].password_hash.clone().unwrap();
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
    // The new hash still verifies.
    assert_eq!(
        app.browser()
            .sign_in(&app.tenant.slug, &user.email, PASSWORD)
            .await
            .status,
        303
    );
    let _ = hash; // shared helper, used by other modules
}

#[actix_web::test]
async fn the_callback_url_is_followed_only_when_safe() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let page = app
        .browser()
        .sign_in_to(
            &app.tenant.slug,
            &ada.email,
            PASSWORD,
            Some("/client-portal/dashboard?tab=1"),
        )
        .await;
    assert_eq!(page.location(), "/client-portal/dashboard?tab=1");
    for hostile in [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/%2F%2Fevil.example",
        "javascript:alert(1)",
    ] {
        let page = app
            .browser()
            .sign_in_to(&app.tenant.slug, &ada.email, PASSWORD, Some(hostile))
            .await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location(), "/client-portal/dashboard", "{hostile}");
    }
}

#[actix_web::test]
async fn the_sign_in_form_needs_its_csrf_token_and_a_same_site_origin() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    let slug = app.tenant.slug.as_str();
    let page = browser
        .post_form(
            "/auth/client-portal/signin",
            &[
                ("email", &ada.email),
                ("password", PASSWORD),
                ("csrf_token", "forged"),
                ("tenant", slug),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("Your sign-in form expired"));
    assert!(browser.cookie(SESSION_COOKIE).is_none());

    // A cross-site POST is refused before anything else.
    let csrf = browser.cookie(CSRF_COOKIE).unwrap();
    let response = crate::helpers::client()
        .post(format!("{}/auth/client-portal/signin", app.base))
        .header("origin", "https://evil.example")
        .header("cookie", format!("{CSRF_COOKIE}={csrf}"))
        .form(&[
            ("email", ada.email.as_str()),
            ("password", PASSWORD),
            ("csrf_token", csrf.as_str()),
            ("tenant", slug),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert!(response.headers().get("set-cookie").is_none());
    let _ = Browser::form_csrf;
}
