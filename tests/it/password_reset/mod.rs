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

mod emailed_link;
mod refusals;

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
