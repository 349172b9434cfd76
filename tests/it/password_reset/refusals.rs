//! Refused links, passwords and forms, anti-enumeration, rate limits, and two-factor never bypassed.

use super::*;

#[actix_web::test]
async fn expired_tampered_replaced_and_other_tenant_links_are_refused_and_change_nothing() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "ben@acme.example", "Acme").await;
    let slug = app.tenant.slug.clone();
    let other = app.create_tenant("Contoso Support").await;
    let browser = app.browser();

    // Tampered.
    request_reset(&browser, &slug, &user.email).await;
    let first = reset_mail(&smtp, &user.email, 0).await.first_link();
    let token = token_of(&first);
    let mut tampered = token.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    for bad in [tampered.as_str(), "", "short", &format!("{token}x")] {
        let page = browser
            .get(&format!(
                "/auth/password-reset/set-new-password?token={bad}&tenant={slug}"
            ))
            .await;
        assert_eq!(page.status, 400, "{bad}");
        assert!(page.body.contains("This link cannot be used"));
    }
    // Posting a tampered token with a good password changes nothing either.
    let form = browser.get(&canonical_path(&first)).await;
    assert_eq!(form.status, 200);
    let csrf = browser.cookie(CSRF_COOKIE).unwrap();
    let refused = browser
        .post_form(
            "/auth/password-reset/set-new-password",
            &[
                ("token", tampered.as_str()),
                ("tenant", slug.as_str()),
                ("csrf_token", csrf.as_str()),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("This link cannot be used"));

    // Another tenant's page: the token is not theirs.
    let elsewhere = browser
        .get(&format!(
            "/auth/password-reset/set-new-password?token={token}&tenant={}",
            other.slug
        ))
        .await;
    assert_eq!(elsewhere.status, 400);
    let csrf = browser.cookie(CSRF_COOKIE).unwrap();
    let refused = browser
        .post_form(
            "/auth/password-reset/set-new-password",
            &[
                ("token", token.as_str()),
                ("tenant", other.slug.as_str()),
                ("csrf_token", csrf.as_str()),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("This link cannot be used"));

    // A newer request replaces the older link.
    request_reset(&browser, &slug, &user.email).await;
    let second = reset_mail(&smtp, &user.email, 1).await.first_link();
    assert_ne!(first, second);
    assert_eq!(browser.get(&canonical_path(&first)).await.status, 400);

    // Expired after 30 minutes.
    app.clock
        .advance(Duration::minutes(30) + Duration::seconds(1));
    let expired = browser.get(&canonical_path(&second)).await;
    assert_eq!(expired.status, 400);
    assert!(expired.body.contains("Request a new link"));
    // Once seen failing on PostgreSQL under CI load (the page lost its tenant, cause unknown):
    // the page is printed so that the next failure says what was served.
    assert!(
        expired.body.contains(&format!(
            "/auth/client-portal/forgot-password?tenant={slug}"
        )),
        "{}",
        expired.body
    );

    // Nothing changed: the old password still works.
    assert_eq!(
        app.browser()
            .sign_in(&slug, &user.email, PASSWORD)
            .await
            .status,
        303
    );
    // The tampered attempt is on record (the other tenant's is under that tenant).
    let failures = audit_events(&app, "password_reset").await;
    assert!(!failures.is_empty());
    assert!(failures
        .iter()
        .all(|e| e.outcome == "failure" && e.reason.as_deref() == Some("invalid_or_expired")));
}

#[actix_web::test]
async fn a_refused_password_says_why_and_keeps_the_link_usable() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "cy@acme.example", "Acme").await;
    let slug = app.tenant.slug.clone();
    let browser = app.browser();
    request_reset(&browser, &slug, &user.email).await;
    let link = reset_mail(&smtp, &user.email, 0).await.first_link();
    let path = canonical_path(&link);

    let short = set_password(&browser, &path, "too short", "too short").await;
    assert_eq!(short.status, 400);
    assert!(
        short.body.contains("at least 12 characters"),
        "{}",
        short.body
    );
    let form = browser.get(&path).await;
    let weak = post_new_password(&browser, &form, "password1234", "password1234").await;
    assert_eq!(weak.status, 400);
    assert!(weak.body.contains("too easy to guess"), "{}", weak.body);
    let mismatch =
        post_new_password(&browser, &weak, NEW_PASSWORD, "something else entirely").await;
    assert_eq!(mismatch.status, 400);
    assert!(mismatch.body.contains("do not match"));
    // The refused form keeps the token; the link still works.
    let done = post_new_password(&browser, &mismatch, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(
        app.browser()
            .sign_in(&slug, &user.email, NEW_PASSWORD)
            .await
            .status,
        303
    );
    let resets = audit_events(&app, "password_reset").await;
    assert!(resets
        .iter()
        .any(|e| e.reason.as_deref() == Some("policy_too_short")));
    assert!(resets.iter().any(|e| e.outcome == "success"));
}

#[actix_web::test]
async fn known_and_unknown_addresses_get_the_same_answer() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "dee@acme.example", "Acme").await;
    app.internal_user("staff@msp.example").await;
    let slug = app.tenant.slug.clone();
    let browser = app.browser();
    let known = request_reset(&browser, &slug, &user.email).await;
    let unknown = request_reset(&browser, &slug, "nobody@acme.example").await;
    let internal = request_reset(&browser, &slug, "staff@msp.example").await;
    let malformed = request_reset(&browser, &slug, "not an email").await;
    for other in [&unknown, &internal, &malformed] {
        assert_eq!(known.status, other.status);
        assert_eq!(without_nonces(&known.body), without_nonces(&other.body));
        assert_eq!(known.set_cookies().len(), other.set_cookies().len());
    }
    reset_mail(&smtp, &user.email, 0).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(smtp.messages_to("nobody@acme.example").is_empty());
    assert!(smtp.messages_to("staff@msp.example").is_empty());
    assert_eq!(smtp.messages().len(), 1);
    let requested = audit_events(&app, "password_reset_requested").await;
    assert_eq!(requested.len(), 4);
    assert!(requested
        .iter()
        .any(|e| e.reason.as_deref() == Some("unknown_user")));
}

#[actix_web::test]
async fn forms_without_their_csrf_token_are_refused() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "eve@acme.example", "Acme").await;
    let browser = app.browser();
    let page = browser
        .post_form(
            "/auth/client-portal/forgot-password",
            &[
                ("email", user.email.as_str()),
                ("tenant", app.tenant.slug.as_str()),
                ("csrf_token", "forged"),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("This form expired"));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(smtp.messages().is_empty());
}

#[actix_web::test]
async fn reset_requests_are_rate_limited_per_email_and_per_address() {
    let smtp = SmtpServer::start().await;
    let mail = mail_to(&smtp);
    let Some(app) = spawn_app_with(move |s| {
        mail(s);
        s.throttle.request_email_limit = 2;
        s.throttle.request_ip_limit = 3;
    })
    .await
    else {
        return;
    };
    let user = app.client_user(None, "limit@acme.example", "Acme").await;
    let slug = app.tenant.slug.clone();
    let browser = app.browser();
    for n in 0..2 {
        assert_eq!(
            request_reset(&browser, &slug, &user.email).await.status,
            200
        );
        reset_mail(&smtp, &user.email, n).await;
    }
    let refused = request_reset(&browser, &slug, &user.email).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    // The per-address limit counts other emails too (the third request from this address).
    let other = request_reset(&browser, &slug, "someone.else@acme.example").await;
    assert_eq!(other.status, 200);
    let fourth = request_reset(&browser, &slug, "third.person@acme.example").await;
    assert_eq!(fourth.status, 429);
    // No third email went out.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(smtp
        .wait_for_nth(&user.email, 2, std::time::Duration::from_millis(200))
        .await
        .is_none());
    // An hour later it works again.
    app.clock.advance(Duration::minutes(61));
    assert_eq!(
        request_reset(&browser, &slug, &user.email).await.status,
        200
    );
    reset_mail(&smtp, &user.email, 2).await;
}

#[actix_web::test]
async fn a_reset_never_bypasses_two_factor() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "twofa@acme.example", "Acme").await;
    crate::two_factor::enroll_directly(&app, &user).await;

    let browser = app.browser();
    assert_eq!(
        request_reset(&browser, &app.tenant.slug, &user.email)
            .await
            .status,
        200
    );
    let link = reset_mail(&smtp, &user.email, 0).await.first_link();
    let done = set_password(&browser, &canonical_path(&link), NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 200, "{}", done.body);
    // The new password alone only reaches the second step.
    let signed = app
        .browser()
        .sign_in(&app.tenant.slug, &user.email, NEW_PASSWORD)
        .await;
    assert_eq!(signed.status, 303);
    assert_eq!(signed.location(), "/auth/client-portal/two-factor");
}
