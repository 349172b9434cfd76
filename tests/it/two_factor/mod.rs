//! Two-factor: enrollment from the Security page, the two-step sign-in, replay, recovery codes,
//! the pending state that is not a session, the tenant policy, and turning it off.

use chrono::Duration;
use portal_actors::totp;
use portal_actors::Clock;

use crate::helpers::*;

mod enrollment;
mod second_step;

const ENROLL: &str = "/client-portal/profile/security/two-factor";

const CHALLENGE: &str = "/auth/client-portal/two-factor";

fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in {body}"))
        + start.len();
    let to = body[from..].find(end).unwrap() + from;
    &body[from..to]
}

pub fn code_now(app: &TestApp, secret: &[u8]) -> String {
    let t = u64::try_from(app.clock.now().timestamp()).unwrap();
    totp::code_at(secret, totp::DIGITS, t).unwrap()
}

/// Turns two-factor on for `user` without a browser (through the same actors-crate calls the
/// pages use); returns the secret. The clock is not moved: the next code is from the next step.
pub async fn enroll_directly(app: &TestApp, user: &TestUser) -> Vec<u8> {
    let who = portal_actors::two_factor::Subject {
        tenant: app.tenant.id,
        user_id: user.user_id,
        email: user.email.clone(),
        origin: Default::default(),
    };
    let enrollment = portal_actors::two_factor::begin_enrollment(&app.state.services, &who, "Acme")
        .await
        .unwrap();
    let secret = totp_rs::Secret::Encoded(enrollment.secret_base32)
        .to_bytes()
        .unwrap();
    portal_actors::two_factor::confirm_enrollment(
        &app.state.services,
        &who,
        &code_now(app, &secret),
    )
    .await
    .unwrap();
    secret
}

/// Enrolls the signed-in browser's user; returns the secret and the recovery codes.
pub async fn enroll(app: &TestApp, browser: &Browser) -> (Vec<u8>, Vec<String>) {
    let page = browser.get(ENROLL).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<svg"), "QR code missing");
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    let secret_text = between(&page.body, "<code class=\"secret\">", "</code>").to_owned();
    let secret = totp_rs::Secret::Encoded(secret_text).to_bytes().unwrap();
    let csrf = Browser::form_csrf(&page);
    let wrong = browser
        .post_form(ENROLL, &[("csrf_token", &csrf), ("code", "000000")])
        .await;
    assert_eq!(wrong.status, 401);
    let done = browser
        .post_form(
            ENROLL,
            &[("csrf_token", &csrf), ("code", &code_now(app, &secret))],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let list = between(&done.body, "<ol class=\"recovery-codes\">", "</ol>");
    let codes: Vec<String> = list
        .split("<code>")
        .skip(1)
        .map(|c| c.split("</code>").next().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

/// Password right → pending sign-in (not a session) → the code signs in.
async fn password_step(app: &TestApp, browser: &Browser, email: &str) -> Page {
    let page = browser.sign_in(&app.tenant.slug, email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), CHALLENGE);
    assert!(browser.cookie(SESSION_COOKIE).is_none());
    assert!(browser.cookie("__Host-portal.2fa").is_some());
    let form = browser.get(CHALLENGE).await;
    assert_eq!(form.status, 200, "{}", form.body);
    form
}

async fn submit_code(browser: &Browser, form: &Page, code: &str) -> Page {
    let csrf = Browser::form_csrf(form);
    browser
        .post_form(CHALLENGE, &[("csrf_token", &csrf), ("code", code)])
        .await
}
