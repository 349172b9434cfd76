//! Changing the sign-in email from the Profile page, end to end over HTTP with a real SMTP
//! listener: the request mails a link to the new address and a notice to the old one (in the
//! user's language) and changes nothing; opening the link only shows a button; pressing it moves the user and their
//! contact to the new address (the old one no longer signs in), feeds the PSA, is audited and
//! signs out every other session; the link works once, expires, is replaced by a newer request
//! or a cancel; an address taken meanwhile changes nothing; each refused field is named beside
//! itself with the typed address kept and nothing saved or sent.

use chrono::Duration;
use portal_actors::store::preferences;
use portal_actors::{execute, fetch_one_scalar, query_as};
use serde_json::{json, Value};

use crate::helpers::{audit_events, Browser, NowUtc, Page, TestApp, CSRF_COOKIE, PASSWORD};
use crate::password_reset::{app_with_mail, canonical_path, hidden, token_of};
use crate::smtp_server::{Received, SmtpServer};
use crate::ticket_data::{person, signed_in, Person};

const PROFILE: &str = "/client-portal/profile";
const REQUEST: &str = "/client-portal/profile/email";
const CONFIRM: &str = "/auth/email-change/confirm";
const OLD: &str = "alice@acme.example";
const NEW: &str = "alice.new@example.org";

struct Alice {
    smtp: SmtpServer,
    app: TestApp,
    p: Person,
    browser: Browser,
}

impl Alice {
    async fn new() -> Option<Alice> {
        let (smtp, app) = app_with_mail().await?;
        let p = person(&app, &app.tenant, OLD, "Acme", None).await;
        let browser = signed_in(&app, &app.tenant, &p).await;
        Some(Alice {
            smtp,
            app,
            p,
            browser,
        })
    }

    /// Posts the card's form from the Profile page.
    async fn request(&self, new_email: &str, password: &str) -> Page {
        let page = self.browser.get(PROFILE).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let csrf = Browser::form_csrf(&page);
        let form = [
            ("csrf_token", csrf.as_str()),
            ("new_email", new_email),
            ("current_password", password),
        ];
        self.browser.post_form(REQUEST, &form).await
    }

    /// Requests `NEW` and returns the confirmation email (the `nth` to that address).
    async fn requested(&self, nth: usize) -> Received {
        let answer = self.request(" Alice.New@Example.org ", PASSWORD).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        assert_eq!(answer.location(), PROFILE);
        let timeout = std::time::Duration::from_secs(5);
        self.smtp
            .wait_for_nth(NEW, nth, timeout)
            .await
            .expect("confirmation email")
    }

    /// The sign-in email and the contact's, as stored.
    async fn emails(&self) -> (String, String) {
        query_as!(
            self.app.db.exec(),
            (String, String),
            fetch_one,
            "SELECT u.email, c.email FROM users u JOIN contacts c \
             ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
             WHERE u.tenant = $1 AND u.user_id = $2",
            self.app.tenant.id,
            self.p.user.user_id
        )
        .unwrap()
    }

    /// The `profile_updated` changes of the contact, and its version.
    async fn feed(&self) -> (Vec<Value>, i64) {
        let rows: Vec<(String,)> = query_as!(
            self.app.db.exec(),
            (String,),
            fetch_all,
            "SELECT data FROM directory_changes WHERE tenant = $1 AND contact_id = $2 \
             AND kind = 'profile_updated' ORDER BY seq",
            self.app.tenant.id,
            self.p.contact_id
        )
        .unwrap();
        let version = fetch_one_scalar!(
            self.app.db.exec(),
            i64,
            "SELECT version FROM contacts WHERE tenant = $1 AND contact_id = $2",
            self.app.tenant.id,
            self.p.contact_id
        )
        .unwrap();
        let data = rows.iter().map(|(d,)| serde_json::from_str(d).unwrap());
        (data.collect(), version)
    }
}

/// Opens the link in `browser` (the button page), then presses the button.
async fn confirm_with(browser: &Browser, link: &str) -> Page {
    let page = browser.get(&canonical_path(link)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    press(browser, &page).await
}

/// Presses the button of an opened confirmation page.
async fn press(browser: &Browser, page: &Page) -> Page {
    let (token, tenant) = (hidden(page, "token"), hidden(page, "tenant"));
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    let form = [
        ("token", token.as_str()),
        ("tenant", tenant.as_str()),
        ("csrf_token", csrf.as_str()),
    ];
    browser.post_form(CONFIRM, &form).await
}

/// Signs in `email` with the test password in a new browser: the sign-in answer's status.
async fn sign_in_status(app: &TestApp, email: &str) -> u16 {
    app.browser()
        .sign_in(&app.tenant.slug, email, PASSWORD)
        .await
        .status
}

/// Whether the PSA's changes feed holds a `profile_updated` setting the contact's email (on
/// PostgreSQL a change shows once older transactions ended: read again for a while).
async fn psa_reads(app: &TestApp, email: &str) -> bool {
    let api = crate::ticket_fixtures::Api::new(app, &app.tenant).await;
    for _ in 0..300 {
        let (status, body) = api.get("/changes?limit=500").await;
        assert_eq!(status, 200, "{body}");
        let changes = body["changes"].as_array().cloned().unwrap_or_default();
        if changes
            .iter()
            .any(|c| c["kind"] == "profile_updated" && c["data"]["email"] == email)
        {
            return true;
        }
        actix_rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

async fn outbox_count(app: &TestApp) -> i64 {
    fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM outbox WHERE tenant = $1 AND kind LIKE 'email_change%'",
        app.tenant.id
    )
    .unwrap()
}

#[actix_web::test]
async fn a_request_mails_the_new_address_a_link_and_the_old_one_a_notice_and_changes_nothing() {
    let Some(a) = Alice::new().await else { return };
    let mail = a.requested(0).await;
    assert_eq!(
        mail.header("subject").as_deref(),
        Some("Confirm your new Northwind IT Services portal email address")
    );
    let link = mail.first_link();
    assert!(link.contains("/auth/email-change/confirm?token="), "{link}");
    assert!(mail.text().contains(OLD), "{}", mail.text());
    assert!(mail
        .part("text/html")
        .unwrap()
        .contains(r#"<html lang="en">"#));

    let notice = a.smtp.wait_for(OLD).await;
    let text = notice.text();
    assert!(text.contains(&format!("from {OLD} to {NEW}")), "{text}");
    assert!(
        text.contains("cancel the change on your profile page"),
        "{text}"
    );
    assert!(
        !text.contains(&token_of(&link)),
        "the notice must not carry the link"
    );
    assert!(notice
        .part("text/html")
        .unwrap()
        .contains(r#"<html lang="en">"#));

    // Nothing changed yet: the old address signs in, the new one does not.
    assert_eq!(a.emails().await, (OLD.to_owned(), OLD.to_owned()));
    assert!(a.feed().await.0.is_empty());
    assert_eq!(sign_in_status(&a.app, OLD).await, 303);
    let page = a.browser.get(PROFILE).await;
    assert!(
        page.body
            .contains(&format!("Confirmation sent to {NEW} — check your inbox.")),
        "{}",
        page.body
    );
    let events = audit_events(&a.app, "email_change_requested").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].outcome, "success");
    assert!(events[0].details.as_deref().unwrap_or("").contains(NEW));
}

#[actix_web::test]
async fn both_emails_are_in_the_users_language() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let p = person(&app, &app.tenant, OLD, "Acme", None).await;
    let now = app.clock.now_utc();
    let exec = app.db.exec();
    preferences::set(
        exec,
        app.tenant.id,
        p.user.user_id,
        "locale",
        Some("fr"),
        now,
    )
    .await
    .unwrap();
    let a = Alice {
        browser: signed_in(&app, &app.tenant, &p).await,
        smtp,
        app,
        p,
    };
    let mail = a.requested(0).await;
    assert_eq!(
        mail.header("subject").as_deref(),
        Some("Confirmez votre nouvelle adresse e-mail pour le portail Northwind IT Services")
    );
    assert!(mail
        .part("text/html")
        .unwrap()
        .contains(r#"<html lang="fr">"#));
    let notice = a.smtp.wait_for(OLD).await;
    assert!(
        notice.text().contains("Ouvrir mon profil"),
        "{}",
        notice.text()
    );
    assert!(notice
        .part("text/html")
        .unwrap()
        .contains(r#"<html lang="fr">"#));
}

#[actix_web::test]
async fn confirming_moves_the_sign_in_email_ends_other_sessions_and_feeds_the_psa() {
    let Some(a) = Alice::new().await else { return };
    let elsewhere = signed_in(&a.app, &a.app.tenant, &a.p).await;
    let (_, version_before) = a.feed().await;
    let link = a.requested(0).await.first_link();

    // Opening the link (as a mail scanner would) changes nothing.
    let opened = a.browser.get(&canonical_path(&link)).await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    assert_eq!(opened.header("referrer-policy"), "no-referrer");
    assert!(opened.body.contains(NEW));
    assert_eq!(a.emails().await.0, OLD);

    let done = press(&a.browser, &opened).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(
        done.body.contains("Your email address has been changed"),
        "{}",
        done.body
    );
    assert!(done.body.contains(&format!(r#"href="{PROFILE}""#)));
    assert_eq!(a.emails().await, (NEW.to_owned(), NEW.to_owned()));
    assert_eq!(
        a.feed().await,
        (vec![json!({ "email": NEW })], version_before + 1)
    );

    // This browser stays signed in and shows the new address; the other session is over.
    let page = a.browser.get(PROFILE).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains(&format!(r#"<dd id="current-email">{NEW}</dd>"#)));
    let other = elsewhere.get("/client-portal/dashboard").await;
    assert_eq!(other.status, 303, "{}", other.body);
    assert!(other.location().starts_with("/auth/client-portal/signin"));

    assert_ne!(sign_in_status(&a.app, OLD).await, 303);
    assert_eq!(sign_in_status(&a.app, NEW).await, 303);
    let events = audit_events(&a.app, "email_changed").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].outcome, "success");
    assert_eq!(events[0].user_id, Some(a.p.user.user_id));
    let details = events[0].details.clone().unwrap_or_default();
    assert!(details.contains(r#""other_sessions_ended":1"#), "{details}");

    // The link worked once.
    let again = press(&a.browser, &opened).await;
    assert_eq!(again.status, 400, "{}", again.body);
    assert!(again.body.contains("This link cannot be used"));
    assert_eq!(a.emails().await.0, NEW);

    // The PSA reads the change from its feed.
    assert!(
        psa_reads(&a.app, NEW).await,
        "no profile_updated with the new email in the feed"
    );
}

#[actix_web::test]
async fn a_signed_out_browser_confirms_and_is_led_to_sign_in() {
    let Some(a) = Alice::new().await else { return };
    let link = a.requested(0).await.first_link();
    let done = confirm_with(&a.app.browser(), &link).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains(&format!(
        r#"href="/auth/client-portal/signin?tenant={}""#,
        a.app.tenant.slug
    )));
    // Every session of the user ended, the requesting one too.
    let page = a.browser.get(PROFILE).await;
    assert_eq!(page.status, 303);
    assert_eq!(a.emails().await.0, NEW);
}

#[actix_web::test]
async fn expired_replaced_and_cancelled_links_change_nothing() {
    let Some(a) = Alice::new().await else { return };
    let first = a.requested(0).await.first_link();
    let second = a.requested(1).await.first_link();
    assert_ne!(first, second);
    let dead = a.app.browser().get(&canonical_path(&first)).await;
    assert_eq!(dead.status, 400, "{}", dead.body);
    assert!(dead.body.contains("This link cannot be used"));

    // Cancelled from the profile: the pending link stops working.
    let page = a.browser.get(PROFILE).await;
    let csrf = Browser::form_csrf(&page);
    let cancel = "/client-portal/profile/email/cancel";
    let cancelled = a.browser.post_form(cancel, &[("csrf_token", &csrf)]).await;
    assert_eq!(
        cancelled.location(),
        "/client-portal/profile?email=cancelled"
    );
    let page = a.browser.get(cancelled.location()).await;
    assert!(page.body.contains("The change was cancelled"));
    assert!(!page.body.contains("Confirmation sent to"));
    let dead = a.app.browser().get(&canonical_path(&second)).await;
    assert_eq!(dead.status, 400);

    // Expired: a day later the link is refused, even by the button.
    let third = a.requested(2).await.first_link();
    let browser = a.app.browser();
    let opened = browser.get(&canonical_path(&third)).await;
    assert_eq!(opened.status, 200);
    a.app
        .clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    let late = press(&browser, &opened).await;
    assert_eq!(late.status, 400, "{}", late.body);
    assert_eq!(a.emails().await.0, OLD);
    let refused = audit_events(&a.app, "email_changed").await;
    assert!(refused.iter().all(|e| e.outcome == "failure"));
}

#[actix_web::test]
async fn resend_sends_a_new_link_that_replaces_the_old_one() {
    let Some(a) = Alice::new().await else { return };
    let first = a.requested(0).await.first_link();
    let page = a.browser.get(PROFILE).await;
    let csrf = Browser::form_csrf(&page);
    let resend = "/client-portal/profile/email/resend";
    let resent = a.browser.post_form(resend, &[("csrf_token", &csrf)]).await;
    assert_eq!(resent.location(), "/client-portal/profile?email=resent");
    let timeout = std::time::Duration::from_secs(5);
    let mail = a.smtp.wait_for_nth(NEW, 1, timeout).await.expect("resent");
    let second = mail.first_link();
    assert_ne!(first, second);
    // The old address was told once, at the request.
    assert_eq!(a.smtp.messages_to(OLD).len(), 1);
    assert_eq!(
        a.app.browser().get(&canonical_path(&first)).await.status,
        400
    );
    let done = confirm_with(&a.app.browser(), &second).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(a.emails().await.0, NEW);
}

#[actix_web::test]
async fn an_address_taken_meanwhile_changes_nothing() {
    let Some(a) = Alice::new().await else { return };
    let link = a.requested(0).await.first_link();
    person(&a.app, &a.app.tenant, NEW, "Other Co", None).await;
    let browser = a.app.browser();
    let page = browser.get(&canonical_path(&link)).await;
    let refused = press(&browser, &page).await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(
        refused.body.contains(&format!("signs in with {NEW} now")),
        "{}",
        refused.body
    );
    assert_eq!(a.emails().await, (OLD.to_owned(), OLD.to_owned()));
    assert!(a.feed().await.0.is_empty());
}

#[actix_web::test]
async fn each_refused_field_is_named_beside_itself_and_nothing_is_saved_or_sent() {
    let Some(a) = Alice::new().await else { return };
    person(&a.app, &a.app.tenant, "bob@acme.example", "Acme", None).await;
    let cases = [
        (
            "",
            PASSWORD,
            400,
            "new_email",
            "Enter the new email address.",
        ),
        (
            "alice at example",
            PASSWORD,
            400,
            "new_email",
            "Enter an email address such as",
        ),
        (
            " ALICE@acme.example",
            PASSWORD,
            400,
            "new_email",
            "This is already your sign-in email.",
        ),
        (
            "Bob@acme.example",
            PASSWORD,
            409,
            "new_email",
            "Another user of this portal",
        ),
        (
            "new@example.org",
            "not my password",
            401,
            "current_password",
            "The password is not right.",
        ),
    ];
    for (typed, password, status, field, message) in cases {
        let page = a.request(typed, password).await;
        assert_eq!(page.status, status, "{typed}: {}", page.body);
        let beside = format!(r#"<p class="field-error" id="{field}-error">{message}"#);
        assert!(page.body.contains(&beside), "{typed}: {}", page.body);
        assert!(page.body.contains("nothing was saved or sent"), "{typed}");
        let kept = format!(r#"name="new_email" value="{}""#, typed.trim());
        assert!(
            page.body.contains(&kept),
            "{typed}: the address is kept as typed"
        );
        assert!(
            !page.body.contains(password),
            "the password is never shown back"
        );
    }
    // The profile's own fields are as stored; nothing was saved, issued or sent.
    assert_eq!(a.emails().await, (OLD.to_owned(), OLD.to_owned()));
    assert_eq!(outbox_count(&a.app).await, 0);
    assert!(a.smtp.messages().is_empty());
    let live = fetch_one_scalar!(
        a.app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM account_tokens WHERE tenant = $1 AND purpose = 'email_change'",
        a.app.tenant.id
    )
    .unwrap();
    assert_eq!(live, 0);
    let refusals = audit_events(&a.app, "email_change_requested").await;
    assert_eq!(refusals.len(), 5);
    assert!(refusals
        .iter()
        .any(|e| e.reason.as_deref() == Some("bad_password")));
    // Without the CSRF token: refused outright.
    let forged = [
        ("csrf_token", "forged"),
        ("new_email", NEW),
        ("current_password", PASSWORD),
    ];
    assert_eq!(a.browser.post_form(REQUEST, &forged).await.status, 403);
}

#[actix_web::test]
async fn a_user_without_a_password_is_sent_to_their_identity_provider() {
    let Some(a) = Alice::new().await else { return };
    execute!(
        a.app.db.exec(),
        "UPDATE users SET password_hash = NULL WHERE tenant = $1 AND user_id = $2",
        a.app.tenant.id,
        a.p.user.user_id
    )
    .unwrap();
    let page = a.browser.get(PROFILE).await;
    assert!(page.body.contains("identity provider"), "{}", page.body);
    assert!(!page.body.contains(&format!(r#"action="{REQUEST}""#)));
    let refused = a.request(NEW, "").await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(a.emails().await.0, OLD);
    assert_eq!(outbox_count(&a.app).await, 0);
}
