//! Password reset end to end: the form, the email received by the loopback SMTP listener, its
//! link followed over HTTP, the new password; single use, expiry, tampering, other tenants,
//! policy refusals, replaced links, anti-enumeration, sessions ended, audit rows.

use chrono::Duration;
use portal_actors::portal_domain::DomainStatus;

use crate::handoff::add_domain;
use crate::helpers::{
    audit_events, mail_to, spawn_app_with, Browser, Page, TestApp, TestUser, CSRF_COOKIE, PASSWORD,
    SESSION_COOKIE,
};
use crate::smtp_server::{Received, SmtpServer};

pub const NEW_PASSWORD: &str = "violet mountain ledger 1842";
const CANONICAL_ORIGIN: &str = "http://localhost:8080";

pub async fn app_with_mail() -> Option<(SmtpServer, TestApp)> {
    let smtp = SmtpServer::start().await;
    let app = spawn_app_with(mail_to(&smtp)).await?;
    Some((smtp, app))
}

/// Opens a page's form and posts `fields` with the page's CSRF cookie.
pub async fn post_with_csrf(
    browser: &Browser,
    form_path: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Page {
    let page = browser.get(form_path).await;
    assert_eq!(page.status, 200, "{form_path}: {}", page.body);
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf_token", csrf.as_str()));
    browser.post_form(action, &form).await
}

/// Asks for a reset link on the tenant's forgot-password page.
pub async fn request_reset(browser: &Browser, slug: &str, email: &str) -> Page {
    post_with_csrf(
        browser,
        &format!("/auth/client-portal/forgot-password?tenant={slug}"),
        "/auth/client-portal/forgot-password",
        &[("email", email), ("tenant", slug)],
    )
    .await
}

/// The path and query of a link into the portal on the canonical host.
pub fn canonical_path(link: &str) -> String {
    link.strip_prefix(CANONICAL_ORIGIN)
        .unwrap_or_else(|| panic!("{link} is not on the canonical host"))
        .to_owned()
}

/// The token of a reset link.
pub fn token_of(link: &str) -> String {
    let query = link.split_once('?').unwrap().1;
    query
        .split('&')
        .find_map(|p| p.strip_prefix("token="))
        .expect("token in the link")
        .to_owned()
}

/// Opens the link's page, then posts the new password twice with its hidden fields.
pub async fn set_password(browser: &Browser, path: &str, password: &str, confirm: &str) -> Page {
    let page = browser.get(path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    post_new_password(browser, &page, password, confirm).await
}

/// Posts the form of an opened new-password page.
pub async fn post_new_password(
    browser: &Browser,
    form_page: &Page,
    password: &str,
    confirm: &str,
) -> Page {
    let token = hidden(form_page, "token");
    let tenant = hidden(form_page, "tenant");
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    browser
        .post_form(
            "/auth/password-reset/set-new-password",
            &[
                ("token", token.as_str()),
                ("tenant", tenant.as_str()),
                ("csrf_token", csrf.as_str()),
                ("password", password),
                ("password_confirm", confirm),
            ],
        )
        .await
}

/// The value of a hidden input.
pub fn hidden(page: &Page, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {}", page.body))
        + marker.len();
    let end = page.body[start..].find('"').unwrap() + start;
    page.body[start..end].to_owned()
}

async fn reset_mail(smtp: &SmtpServer, email: &str, already: usize) -> Received {
    smtp.wait_for_nth(email, already, std::time::Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("no email {} to {email}", already + 1))
}

/// The page with its per-response CSP nonces blanked (the only part that differs by design).
pub fn without_nonces(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("nonce=\"") {
        out.push_str(&rest[..i + 7]);
        rest = &rest[i + 7..];
        rest = &rest[rest.find('"').unwrap_or(0)..];
    }
    out.push_str(rest);
    out
}

/// Ada signed in elsewhere (old_session), then a reset requested for her (in another case)
/// from `browser`, and its email received: the link in it.
struct Requested {
    smtp: SmtpServer,
    user: TestUser,
    slug: String,
    old_session: Browser,
    browser: Browser,
    mail: Received,
    link: String,
    app: TestApp,
}

impl Requested {
    async fn new() -> Option<Requested> {
        let (smtp, app) = app_with_mail().await?;
        let user = app.client_user(None, "ada@acme.example", "Acme").await;
        let slug = app.tenant.slug.clone();
        // Signed in elsewhere before the reset.
        let old_session = app.browser();
        assert_eq!(
            old_session
                .sign_in(&slug, &user.email, PASSWORD)
                .await
                .status,
            303
        );
        assert_eq!(
            old_session.get("/client-portal/dashboard").await.status,
            200
        );

        let browser = app.browser();
        let answer = request_reset(&browser, &slug, "Ada@Acme.example").await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(answer.body.contains("Check your email"));
        let mail = reset_mail(&smtp, &user.email, 0).await;
        let link = mail.first_link();
        Some(Requested {
            smtp,
            user,
            slug,
            old_session,
            browser,
            mail,
            link,
            app,
        })
    }

    /// Sets `NEW_PASSWORD` through the link.
    async fn set_new_password(&self) {
        let (browser, link) = (&self.browser, &self.link);
        let done = set_password(browser, &canonical_path(link), NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(
            done.body.contains("Your password has been changed"),
            "{}",
            done.body
        );
    }
}

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
    assert!(expired.body.contains(&format!(
        "/auth/client-portal/forgot-password?tenant={slug}"
    )));

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
