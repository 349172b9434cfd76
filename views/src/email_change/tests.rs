use super::*;
use crate::i18n::Locales;
use crate::test_support::*;
use crate::theme::Branding;

fn card_view() -> EmailCardView {
    EmailCardView {
        typed_email: EVIL.into(),
        problem: Some(EmailProblem::Malformed),
        ..EmailCardView::new("alice@acme.example".into(), true)
    }
}

#[test]
fn a_refused_address_is_named_beside_its_field_and_kept_as_typed() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let html = card(t, &card_view(), "csrf-abc").into_string();
    assert_no_raw_ids(&html);
    assert_escaped(&html);
    assert!(html.contains(r#"<dd id="current-email">alice@acme.example</dd>"#));
    assert!(html.contains(r#"aria-invalid="true" aria-describedby="new_email-error""#));
    assert!(html.contains(r#"<p class="field-error" id="new_email-error">Enter an email address"#));
    assert!(!html.contains("current_password-error"));
    // The password is never written back.
    assert!(
        html.contains(r#"type="password" name="current_password" autocomplete="current-password""#)
    );
    assert!(!html.contains(r#"name="current_password" value"#));

    let wrong = EmailCardView {
        problem: Some(EmailProblem::WrongPassword),
        typed_email: "new@acme.example".into(),
        ..card_view()
    };
    let html = card(t, &wrong, "csrf-abc").into_string();
    assert!(html.contains(
        r#"<p class="field-error" id="current_password-error">The password is not right."#
    ));
    assert!(html.contains(r#"value="new@acme.example""#));
    Ok(())
}

#[test]
fn a_pending_request_offers_resend_and_cancel_and_sso_users_get_no_form() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let pending = EmailCardView {
        pending: Some(PendingView {
            email: "new@acme.example".into(),
            expires_at: at(2026, 11, 28, 9, 30)?,
        }),
        notice: Some(EmailNotice::Resent),
        ..EmailCardView::new("alice@acme.example".into(), true)
    };
    let html = card(t, &pending, "csrf-abc").into_string();
    assert_no_raw_ids(&html);
    assert!(html.contains("Confirmation sent to new@acme.example — check your inbox."));
    assert!(html.contains("Nov 28, 2026, 9:30\u{202f}AM UTC"));
    assert!(html.contains(&format!(r#"action="{RESEND_PATH}""#)));
    assert!(html.contains(&format!(r#"action="{CANCEL_PATH}""#)));
    assert!(html.contains("We sent a new confirmation link to new@acme.example"));

    let sso = EmailCardView::new("alice@acme.example".into(), false);
    let html = card(t, &sso, "csrf-abc").into_string();
    assert!(!html.contains(REQUEST_PATH));
    assert!(html.contains("identity provider"));
    Ok(())
}

#[test]
fn the_link_page_confirms_with_a_button_and_strips_the_token() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let branding = Branding::default_portal();
    let view = ConfirmView {
        token: "tok".into(),
        csrf_token: "csrf".into(),
        tenant_slug: Some("0123456789ab".into()),
        new_email: EVIL.into(),
    };
    let html = confirm(&shell(t, &branding, None), &view).into_string();
    assert_no_raw_ids(&html);
    // The page's one script is its own (nonce); the address is escaped.
    assert!(html.contains(EVIL_ESCAPED) && !html.contains(EVIL));
    assert!(html.contains(&format!(r#"<form method="post" action="{CONFIRM_PATH}">"#)));
    assert!(html.contains(r#"name="token" value="tok""#));
    assert!(html.contains(r#"name="tenant" value="0123456789ab""#));
    assert!(html.contains("<script nonce=\"nonce-xyz\">history.replaceState"));

    let done_html = done(
        &shell(t, &branding, None),
        "new@acme.example",
        "/auth/x",
        false,
    );
    assert!(done_html
        .into_string()
        .contains("sign in with new@acme.example"));
    let taken = Unusable::Taken { email: EVIL.into() };
    let html = unusable(&shell(t, &branding, None), &taken, "/p").into_string();
    assert_escaped(&html);
    assert!(html.contains("has not changed"));
    Ok(())
}
