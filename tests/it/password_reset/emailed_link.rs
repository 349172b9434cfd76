//! The emailed link: its email, what is stored, the new password ending every session, the notice, single use.

use super::*;

#[actix_web::test]
async fn the_reset_email_links_to_the_canonical_host_for_thirty_minutes() {
    let Some(r) = Requested::new().await else {
        return;
    };
    let (mail, link, slug) = (&r.mail, &r.link, &r.slug);
    assert_eq!(
        mail.header("Subject").unwrap(),
        format!("Reset your {} portal password", r.app.tenant.name)
    );
    assert!(mail.text().contains("30 minutes"));
    assert!(
        link.starts_with(&format!(
            "{CANONICAL_ORIGIN}/auth/password-reset/set-new-password?token="
        )),
        "{link}"
    );
    assert!(link.ends_with(&format!("&tenant={slug}")), "{link}");
}

#[actix_web::test]
async fn only_the_token_hash_is_stored_and_delivered_emails_are_scrubbed() {
    let Some(r) = Requested::new().await else {
        return;
    };
    let (app, link) = (&r.app, &r.link);
    // Only the hash is stored.
    let token = token_of(link);
    let stored: i64 = sqlx_count(app, &token).await;
    assert_eq!(stored, 0, "the raw token is stored");
    // Once delivered (marked sent just after the listener has it), the email's bodies, and the
    // link in them, are gone from the outbox.
    let mut scrubbed = 0;
    for _ in 0..40 {
        scrubbed = portal_actors::fetch_one_scalar!(
            app.db.exec(),
            i64,
            "SELECT COUNT(*) FROM outbox \
             WHERE sent_at IS NOT NULL AND body_text = '' AND body_html = ''"
        )
        .unwrap();
        if scrubbed == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(scrubbed, 1, "the delivered email was not scrubbed");
    let lingering: i64 = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM outbox WHERE body_text LIKE $1 OR body_html LIKE $1",
        format!("%{token}%")
    )
    .unwrap();
    assert_eq!(
        lingering, 0,
        "a delivered email keeps its link in the database"
    );
}

#[actix_web::test]
async fn the_link_sets_a_new_password_ends_every_session_and_signs_nobody_in() {
    let Some(r) = Requested::new().await else {
        return;
    };
    r.set_new_password().await;
    // Not signed in by the reset.
    assert!(r.browser.cookie(SESSION_COOKIE).is_none());

    // Every old session ended.
    let dashboard = r.old_session.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 303);
    assert_eq!(
        r.app
            .metric(
                "portal_sessions_revoked_total",
                &[("reason", "password_reset")]
            )
            .await,
        1.0
    );
    // The old password fails, the new one works.
    assert_eq!(
        r.app
            .browser()
            .sign_in(&r.slug, &r.user.email, PASSWORD)
            .await
            .status,
        401
    );
    assert_eq!(
        r.app
            .browser()
            .sign_in(&r.slug, &r.user.email, NEW_PASSWORD)
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn a_changed_password_is_notified_and_its_link_works_once() {
    let Some(r) = Requested::new().await else {
        return;
    };
    let slug = &r.slug;
    r.set_new_password().await;
    // The notice arrives, says from where, and links to a new reset.
    let notice = reset_mail(&r.smtp, &r.user.email, 1).await;
    assert_eq!(
        notice.header("Subject").unwrap(),
        format!("Your {} portal password was changed", r.app.tenant.name)
    );
    assert!(notice.text().contains("127.0.0.1"), "{}", notice.text());
    assert!(notice.first_link().starts_with(&format!(
        "{CANONICAL_ORIGIN}/auth/client-portal/forgot-password?tenant={slug}"
    )));

    // Used once: the same link is refused and changes nothing.
    let again = r.browser.get(&canonical_path(&r.link)).await;
    assert_eq!(again.status, 400);
    assert!(again.body.contains("This link cannot be used"));
    assert!(again.body.contains("Request a new link"));
    assert_eq!(
        r.app
            .browser()
            .sign_in(&r.slug, &r.user.email, NEW_PASSWORD)
            .await
            .status,
        303
    );

    let requested = audit_events(&r.app, "password_reset_requested").await;
    assert_eq!(requested.len(), 1);
    assert_eq!(requested[0].outcome, "success");
    assert_eq!(requested[0].user_id, Some(r.user.user_id));
    assert_eq!(requested[0].ip.as_deref(), Some("127.0.0.1"));
    let resets = audit_events(&r.app, "password_reset").await;
    assert_eq!(resets.len(), 1);
    assert_eq!(resets[0].outcome, "success");
    assert_eq!(resets[0].user_id, Some(r.user.user_id));
}

async fn sqlx_count(app: &TestApp, raw_token: &str) -> i64 {
    match &app.db {
        portal_actors::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1")
                .bind(raw_token)
                .fetch_one(pool)
                .await
                .unwrap()
        }
        portal_actors::Db::Postgres(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1")
                .bind(raw_token)
                .fetch_one(pool)
                .await
                .unwrap()
        }
    }
}

#[actix_web::test]
async fn with_an_active_portal_domain_the_link_points_there() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "fay@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, "support.acme.test", DomainStatus::Active).await;
    let browser = app.browser_at("support.acme.test");
    let answer = post_with_csrf(
        &browser,
        "/auth/client-portal/forgot-password",
        "/auth/client-portal/forgot-password",
        &[("email", user.email.as_str())],
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let link = reset_mail(&smtp, &user.email, 0).await.first_link();
    let path = link
        .strip_prefix("https://support.acme.test")
        .unwrap_or_else(|| panic!("{link}"));
    assert!(!path.contains("tenant="), "{link}");
    let done = set_password(&browser, path, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 200, "{}", done.body);
    // The new password signs in: on to the portal domain, through the POST binding.
    let signed_in = app
        .browser()
        .sign_in(&app.tenant.slug, &user.email, NEW_PASSWORD)
        .await;
    crate::handoff::auto_post(&signed_in, "support.acme.test");
}
