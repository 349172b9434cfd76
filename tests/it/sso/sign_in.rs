//! Signing in through a provider: linking by verified email then subject, clear refusals, an unreachable provider, key rotation, two-factor unless the provider proved several factors.

use super::*;

async fn audit_reasons(app: &TestApp) -> Vec<String> {
    app.admin_post("/admin/actors/audit/flush", Some(ADMIN_TOKEN))
        .await;
    let page = app
        .admin_get(
            &format!(
                "/admin/audit?tenant={}&event_type=sign_in&limit=200",
                app.tenant.slug
            ),
            Some(ADMIN_TOKEN),
        )
        .await;
    let body: Value = serde_json::from_str(&page.body).unwrap();
    body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["details"].to_string().contains("oidc"))
        .map(|e| {
            format!(
                "{}:{}",
                e["outcome"].as_str().unwrap_or(""),
                e["reason"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[actix_web::test]
async fn google_like_sign_in_links_by_verified_email_then_by_subject() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let Some(idp) = provider_for(
        &app,
        "",
        vec![account("ada", "ada@acme.example", true, &["pwd"])],
    )
    .await
    else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &[]).await;

    let browser = app.browser();
    let page = browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(page.body.contains("Sign in with Google"), "{}", page.body);
    assert!(page.body.contains("/auth/client-portal/sso/google?tenant="));
    assert!(
        page.body.contains(r#"type="password""#),
        "password form kept"
    );

    let authorize = start(&app, &browser, "google").await;
    assert!(authorize.starts_with(idp.issuer()), "{authorize}");
    for part in [
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "scope=openid",
    ] {
        assert!(authorize.contains(part), "{part} missing from {authorize}");
    }
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    let page = browser.get(&local(&back)).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
    let dashboard = browser.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains("Ada"));

    let link = sso_store::find_identity(&app.db, app.tenant.id, idp.issuer(), "sub-ada")
        .await
        .unwrap()
        .expect("identity linked");
    assert_eq!(link.user_id, ada.user_id);
    assert_eq!(oidc_count(&app, "success", "none").await, 1.0);

    // The same callback again: single use, refused, nothing else happens.
    let replay = app.browser();
    replay.set_cookie("__Host-portal.sso", browser_state(&back));
    let page = replay.get(&local(&back)).await;
    assert_refused(&page, 400, "expired or was already used");
    assert_eq!(oidc_count(&app, "failure", "invalid_state").await, 1.0);

    // Later sign-ins go by (issuer, subject): the provider's email may change.
    idp.upsert_account(account(
        "ada",
        "ada.lovelace@elsewhere.example",
        false,
        &["pwd"],
    ))
    .await;
    let other = app.browser();
    let page = sign_in_via(&app, &other, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let session = other.get("/client-portal/dashboard").await;
    assert_eq!(session.status, 200);
    assert_eq!(oidc_count(&app, "success", "none").await, 2.0);
    let reasons = audit_reasons(&app).await;
    assert!(reasons.contains(&"success:".to_owned()), "{reasons:?}");
    assert!(
        reasons.contains(&"failure:invalid_state".to_owned()),
        "the replay is audited under its tenant: {reasons:?}"
    );
    // A Google-kind provider refuses an ID token from another issuer too.
    idp.tamper_next_id_token(json!({ "iss": "https://accounts.google.com" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "google", "ada").await;
    assert_refused(&page, 401, "could not verify");
    assert_eq!(oidc_count(&app, "failure", "wrong_issuer").await, 1.0);
}

#[actix_web::test]
async fn keycloak_like_refusals_are_clear_counted_and_audited() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.example", "Acme").await;
    app.internal_user("staff@msp.example").await;
    let accounts = vec![
        account("ada", "ada@acme.example", true, &["pwd"]),
        account("unverified", "ada@acme.example", false, &["pwd"]),
        account("stranger", "nobody@acme.example", true, &["pwd"]),
        account("staff", "staff@msp.example", true, &["pwd"]),
    ];
    let Some(idp) = provider_for(&app, "/realms/acme", accounts).await else {
        return;
    };
    assert!(idp.issuer().ends_with("/realms/acme"));
    configure(&app, "keycloak", "keycloak", idp.issuer(), &[]).await;

    let page = sign_in_via(&app, &app.browser(), "keycloak", "unverified").await;
    assert_refused(&page, 403, "has not verified your email address");
    let page = sign_in_via(&app, &app.browser(), "keycloak", "stranger").await;
    assert_refused(&page, 403, "no portal account");
    let page = sign_in_via(&app, &app.browser(), "keycloak", "staff").await;
    assert_refused(&page, 403, "Staff accounts cannot use the client portal");

    // Denied consent: the user cancels at the provider.
    let browser = app.browser();
    let authorize = start(&app, &browser, "keycloak").await;
    let back = cancel_at_provider(&authorize).await;
    assert!(back.contains("error=access_denied"), "{back}");
    let page = browser.get(&local(&back)).await;
    assert_refused(&page, 403, "cancelled at Keycloak");

    // An ID token for another audience, then one with another nonce.
    idp.tamper_next_id_token(json!({ "aud": "someone-else" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");
    idp.tamper_next_id_token(json!({ "nonce": "not-the-one-we-sent" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");
    idp.tamper_next_id_token(json!({ "iss": "http://127.0.0.1:1/realms/evil" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");
    idp.tamper_next_id_token(json!({ "exp": 1_000_000_000 }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");

    // A callback this browser did not start (no state cookie) is refused and spends nothing.
    let browser = app.browser();
    let authorize = start(&app, &browser, "keycloak").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    let page = app.browser().get(&local(&back)).await;
    assert_refused(&page, 400, "expired or was already used");
    let page = browser.get(&local(&back)).await;
    assert_eq!(
        page.status, 303,
        "the right browser still signs in: {}",
        page.body
    );

    for reason in [
        "unverified_email",
        "no_matching_user",
        "internal_user",
        "access_denied",
        "wrong_audience",
        "bad_nonce",
        "wrong_issuer",
        "token_expired",
        "invalid_state",
    ] {
        assert_eq!(oidc_count(&app, "failure", reason).await, 1.0, "{reason}");
    }
    assert!(
        sso_store::find_identity(&app.db, app.tenant.id, idp.issuer(), "sub-unverified")
            .await
            .unwrap()
            .is_none(),
        "an unverified email links nothing"
    );
    let reasons = audit_reasons(&app).await;
    for reason in [
        "unverified_email",
        "no_matching_user",
        "internal_user",
        "access_denied",
        "wrong_audience",
        "bad_nonce",
    ] {
        assert!(
            reasons.contains(&format!("failure:{reason}")),
            "{reason} not audited: {reasons:?}"
        );
    }
}

#[actix_web::test]
async fn an_unreachable_provider_gets_a_clear_page() {
    let Some((app, mut idp)) = ada_at("/realms/acme", "keycloak").await else {
        return;
    };
    // Discovery is cached at the start; the provider then goes away before the callback.
    let browser = app.browser();
    let authorize = start(&app, &browser, "keycloak").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    idp.stop().await;
    let page = browser.get(&local(&back)).await;
    assert_refused(&page, 502, "could not be reached");
    // With the cache flushed, starting fails too (discovery cannot be fetched).
    let flushed = app
        .admin_post("/admin/actors/sso/flush", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(flushed.status, 200, "{}", flushed.body);
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/keycloak?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(page.status, 502, "{}", page.body);
    assert!(page.body.contains("could not be reached"));
    assert_eq!(
        oidc_count(&app, "failure", "provider_unreachable").await,
        2.0
    );
    // An unknown provider is a clear 404 page.
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/nope?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
    assert!(page.body.contains("not available"));
}

#[actix_web::test]
async fn key_rotation_at_the_provider_is_followed() {
    let Some((app, idp)) = ada_at("/realms/acme", "keycloak").await else {
        return;
    };
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    // New signing key, old one gone: the cached key set misses, is fetched again, and works.
    idp.rotate_keys().await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_eq!(page.status, 303, "after rotation: {}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
    assert_eq!(oidc_count(&app, "success", "none").await, 2.0);
}

#[actix_web::test]
async fn two_factor_is_asked_unless_the_provider_proved_several_factors() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let secret = crate::two_factor::enroll_directly(&app, &ada).await;
    portal_actors::store::two_factor::set_tenant_requires(&app.db, app.tenant.id, true)
        .await
        .unwrap();
    let accounts = vec![
        account("ada", "ada@acme.example", true, &["pwd"]),
        account("ada-mfa", "ada@acme.example", true, &["pwd", "otp", "mfa"]),
    ];
    let Some(idp) = provider_for(&app, "/realms/acme", accounts).await else {
        return;
    };
    configure(&app, "keycloak", "keycloak", idp.issuer(), &[]).await;

    // One factor at the provider: the portal asks for the TOTP code.
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "keycloak", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/auth/client-portal/two-factor");
    assert!(browser.cookie(SESSION_COOKIE).is_none());
    let form = browser.get("/auth/client-portal/two-factor").await;
    assert_eq!(form.status, 200, "{}", form.body);
    app.clock.advance(chrono::Duration::seconds(30));
    let code = crate::two_factor::code_now(&app, &secret);
    let done = browser
        .post_form(
            "/auth/client-portal/two-factor",
            &[("csrf_token", &Browser::form_csrf(&form)), ("code", &code)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(oidc_count(&app, "second_factor", "none").await, 1.0);

    // Multi-factor at the provider (amr): no second prompt.
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "keycloak", "ada-mfa").await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
}
