//! Getting back in by email: "forgot password" (ask for a link), "set a new password" (the
//! link's page), and "find your organization" (the sign-in page without an organization).
//! The answers to both requests read the same whether or not the address has an account.

use maud::{html, Markup, PreEscaped};

use crate::components::{alert, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};
pub use crate::security::PasswordProblem;

pub(crate) mod msg {
    crate::i18n::message_ids! {
        FORGOT_TITLE = "forgot-title";
        FORGOT_HEADING = "forgot-heading";
        FORGOT_INTRO = "forgot-intro";
        FORGOT_SUBMIT = "forgot-submit";
        FORGOT_SENT_TITLE = "forgot-sent-title";
        FORGOT_SENT_HEADING = "forgot-sent-heading";
        FORGOT_SENT_BODY = "forgot-sent-body";
        FORGOT_SENT_HELP = "forgot-sent-help";
        EMAIL_LABEL = "recovery-email-label";
        BACK_TO_SIGN_IN = "recovery-back-to-sign-in";
        FORGOT_LINK = "recovery-forgot-link";
        ERROR_CSRF = "recovery-error-csrf";
        ERROR_EMAIL_MISSING = "recovery-error-email-missing";
        ERROR_TOO_MANY = "recovery-error-too-many";
        ERROR_UNAVAILABLE = "recovery-error-unavailable";
        RESET_TITLE = "reset-title";
        RESET_HEADING = "reset-heading";
        RESET_INTRO = "reset-intro";
        RESET_PASSWORD_LABEL = "reset-password-label";
        RESET_CONFIRM_LABEL = "reset-confirm-label";
        RESET_HINT = "reset-hint";
        RESET_SUBMIT = "reset-submit";
        RESET_DONE_TITLE = "reset-done-title";
        RESET_DONE_HEADING = "reset-done-heading";
        RESET_DONE_BODY = "reset-done-body";
        RESET_DONE_SIGN_IN = "reset-done-sign-in";
        RESET_INVALID_TITLE = "reset-invalid-title";
        RESET_INVALID_HEADING = "reset-invalid-heading";
        RESET_INVALID_BODY = "reset-invalid-body";
        RESET_INVALID_ACTION = "reset-invalid-action";
        FIND_TITLE = "find-org-title";
        FIND_HEADING = "find-org-heading";
        FIND_INTRO = "find-org-intro";
        FIND_SUBMIT = "find-org-submit";
        FIND_HELP = "find-org-help";
        FIND_SENT_TITLE = "find-org-sent-title";
        FIND_SENT_HEADING = "find-org-sent-heading";
        FIND_SENT_BODY = "find-org-sent-body";
    }
}

/// Where the forms post.
pub const FORGOT_ACTION: &str = "/auth/client-portal/forgot-password";
pub const RESET_ACTION: &str = "/auth/password-reset/set-new-password";
pub const FIND_ACTION: &str = "/auth/client-portal/find-organization";

const ERROR_BOX_ID: &str = "recovery-error";

/// Why a request form came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestError {
    CsrfFailed,
    EmailMissing,
    TooMany,
    Unavailable,
}

impl RequestError {
    pub const ALL: [RequestError; 4] = [
        RequestError::CsrfFailed,
        RequestError::EmailMissing,
        RequestError::TooMany,
        RequestError::Unavailable,
    ];

    fn message_id(self) -> &'static str {
        match self {
            RequestError::CsrfFailed => msg::ERROR_CSRF,
            RequestError::EmailMissing => msg::ERROR_EMAIL_MISSING,
            RequestError::TooMany => msg::ERROR_TOO_MANY,
            RequestError::Unavailable => msg::ERROR_UNAVAILABLE,
        }
    }
}

/// An email-only form: "forgot password" (with a tenant) or "find your organization".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmailRequestView {
    pub email: String,
    pub csrf_token: String,
    /// Hidden `tenant`, when the tenant came from `?tenant=`.
    pub tenant_slug: Option<String>,
    /// Where "back to sign-in" goes.
    pub sign_in_url: String,
    pub error: Option<RequestError>,
}

/// Why the new-password form came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResetFormError {
    Password(PasswordProblem),
    Request(RequestError),
}

/// The new-password form of a reset link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetNewPasswordView {
    /// Hidden `token`: the link's token travels in the form, not the address bar.
    pub token: String,
    pub csrf_token: String,
    pub tenant_slug: Option<String>,
    pub error: Option<ResetFormError>,
}

pub fn forgot_title(t: Translator<'_>) -> String {
    t.tr(msg::FORGOT_TITLE)
}

pub fn forgot_sent_title(t: Translator<'_>) -> String {
    t.tr(msg::FORGOT_SENT_TITLE)
}

pub fn reset_title(t: Translator<'_>) -> String {
    t.tr(msg::RESET_TITLE)
}

pub fn reset_done_title(t: Translator<'_>) -> String {
    t.tr(msg::RESET_DONE_TITLE)
}

pub fn reset_invalid_title(t: Translator<'_>) -> String {
    t.tr(msg::RESET_INVALID_TITLE)
}

pub fn find_title(t: Translator<'_>) -> String {
    t.tr(msg::FIND_TITLE)
}

pub fn find_sent_title(t: Translator<'_>) -> String {
    t.tr(msg::FIND_SENT_TITLE)
}

/// The `email` field and the hidden fields of a request form.
fn email_form(t: Translator<'_>, action: &str, view: &EmailRequestView, submit: &str) -> Markup {
    let described_by = view.error.map(|_| ERROR_BOX_ID);
    html! {
        @if let Some(error) = view.error {
            (alert(ERROR_BOX_ID, &t.tr(error.message_id())))
        }
        form method="post" action=(action) {
            input type="hidden" name="csrf_token" value=(view.csrf_token);
            @if let Some(slug) = &view.tenant_slug {
                input type="hidden" name="tenant" value=(slug);
            }
            div.field {
                label for="email" { (t.tr(msg::EMAIL_LABEL)) }
                input #email type="email" name="email" value=(view.email)
                    autocomplete="username" required aria-describedby=[described_by];
            }
            button.btn.btn--primary.btn--block type="submit" { (t.tr(submit)) }
        }
    }
}

/// "Forgot your password?": the email form of one organization's portal.
pub fn forgot(shell: &PageShell<'_>, view: &EmailRequestView) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::FORGOT_HEADING)) }
                p.page-intro { (t.tr_args(msg::FORGOT_INTRO, &[("name", shell.branding.name.clone())])) }
                (email_form(t, FORGOT_ACTION, view, msg::FORGOT_SUBMIT))
                p.auth-links { a href=(view.sign_in_url) { (t.tr(msg::BACK_TO_SIGN_IN)) } }
            }
        }
    };
    layout::page(shell, content)
}

/// The answer to a reset request: the same whether or not the address has an account.
pub fn forgot_sent(shell: &PageShell<'_>, ttl_minutes: i64, sign_in_url: &str) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::FORGOT_SENT_HEADING)) }
                (notice(&t.tr_count(msg::FORGOT_SENT_BODY, &[("minutes", ttl_minutes)])))
                p.page-intro { (t.tr(msg::FORGOT_SENT_HELP)) }
                p.auth-links { a href=(sign_in_url) { (t.tr(msg::BACK_TO_SIGN_IN)) } }
            }
        }
    };
    layout::page(shell, content)
}

/// Fixed text (no user data), allowed by the response's CSP nonce: the token leaves the
/// address bar and the history (it already is in the form).
const STRIP_TOKEN: &str = "history.replaceState(null,'',location.pathname+location.search\
.replace(/([?&])token=[^&]*&?/,'$1').replace(/[?&]$/,''));";

/// The new-password form.
pub fn set_new_password(shell: &PageShell<'_>, view: &SetNewPasswordView) -> Markup {
    let t = shell.t;
    let described_by = view.error.as_ref().map(|_| ERROR_BOX_ID);
    let error_text = view.error.as_ref().map(|e| match e {
        ResetFormError::Password(p) => p.text(t),
        ResetFormError::Request(r) => t.tr(r.message_id()),
    });
    let invalid = matches!(view.error, Some(ResetFormError::Password(_))).then_some("true");
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr_args(msg::RESET_HEADING, &[("name", shell.branding.name.clone())])) }
                p.page-intro { (t.tr(msg::RESET_INTRO)) }
                @if let Some(text) = &error_text {
                    (alert(ERROR_BOX_ID, text))
                }
                form method="post" action=(RESET_ACTION) {
                    input type="hidden" name="token" value=(view.token);
                    input type="hidden" name="csrf_token" value=(view.csrf_token);
                    @if let Some(slug) = &view.tenant_slug {
                        input type="hidden" name="tenant" value=(slug);
                    }
                    div.field {
                        label for="password" { (t.tr(msg::RESET_PASSWORD_LABEL)) }
                        input #password type="password" name="password"
                            autocomplete="new-password" required minlength="12" maxlength="128"
                            aria-invalid=[invalid] aria-describedby=[described_by.or(Some("password-hint"))];
                        p #password-hint.page-intro { (t.tr(msg::RESET_HINT)) }
                    }
                    div.field {
                        label for="password_confirm" { (t.tr(msg::RESET_CONFIRM_LABEL)) }
                        input #password_confirm type="password" name="password_confirm"
                            autocomplete="new-password" required
                            aria-invalid=[invalid] aria-describedby=[described_by];
                    }
                    button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::RESET_SUBMIT)) }
                }
            }
        }
        script nonce=(shell.csp_nonce) { (PreEscaped(STRIP_TOKEN)) }
    };
    layout::page(shell, content)
}

/// "Password changed": sign in with it (the reset never signs anyone in).
pub fn reset_done(shell: &PageShell<'_>, sign_in_url: &str) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::RESET_DONE_HEADING)) }
                (notice(&t.tr(msg::RESET_DONE_BODY)))
                a.btn.btn--primary.btn--block href=(sign_in_url) { (t.tr(msg::RESET_DONE_SIGN_IN)) }
            }
        }
    };
    layout::page(shell, content)
}

/// The link cannot be used (expired, used, replaced, mistyped): ask for a new one.
pub fn reset_invalid(shell: &PageShell<'_>, forgot_url: &str) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::RESET_INVALID_HEADING)) }
                (alert(ERROR_BOX_ID, &t.tr(msg::RESET_INVALID_BODY)))
                a.btn.btn--primary.btn--block href=(forgot_url) { (t.tr(msg::RESET_INVALID_ACTION)) }
            }
        }
    };
    layout::page(shell, content)
}

/// The sign-in page without an organization: use the portal link, or have it emailed.
pub fn find_organization(shell: &PageShell<'_>, view: &EmailRequestView) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::FIND_HEADING)) }
                p.page-intro { (t.tr(msg::FIND_INTRO)) }
                (email_form(t, FIND_ACTION, view, msg::FIND_SUBMIT))
                p.auth-links { (t.tr(msg::FIND_HELP)) }
            }
        }
    };
    layout::page(shell, content)
}

/// The answer to a discovery request: always the same.
pub fn find_sent(shell: &PageShell<'_>) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::FIND_SENT_HEADING)) }
                (notice(&t.tr(msg::FIND_SENT_BODY)))
            }
        }
    };
    layout::page(shell, content)
}

/// The "Forgot your password?" link under the sign-in form.
pub fn forgot_link(t: Translator<'_>, href: &str) -> Markup {
    html! { p.auth-links { a href=(href) { (t.tr(msg::FORGOT_LINK)) } } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;
    use crate::theme::Branding;

    fn request_view() -> EmailRequestView {
        EmailRequestView {
            email: "ada@acme.example".into(),
            csrf_token: "csrf-abc".into(),
            tenant_slug: Some("0123456789ab".into()),
            sign_in_url: "/auth/client-portal/signin?tenant=0123456789ab".into(),
            error: None,
        }
    }

    #[test]
    fn request_forms_post_email_csrf_and_tenant() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let shell = shell(locales.translator("en"), &branding, None);
        for (html, action) in [
            (forgot(&shell, &request_view()).into_string(), FORGOT_ACTION),
            (
                find_organization(&shell, &request_view()).into_string(),
                FIND_ACTION,
            ),
        ] {
            assert!(html.contains(&format!(r#"<form method="post" action="{action}">"#)));
            assert!(html.contains(r#"name="csrf_token" value="csrf-abc""#));
            assert!(html.contains(r#"name="tenant" value="0123456789ab""#));
            assert!(html.contains(r#"name="email" value="ada@acme.example""#));
            assert!(!html.contains("name=\"password\""));
            assert_no_raw_ids(&html);
        }
        for error in RequestError::ALL {
            let view = EmailRequestView {
                error: Some(error),
                ..request_view()
            };
            let html = forgot(&shell, &view).into_string();
            assert!(html.contains("role=\"alert\""));
            assert_no_raw_ids(&html);
        }
        Ok(())
    }

    #[test]
    fn the_new_password_form_keeps_the_token_out_of_the_address_bar() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let shell = shell(locales.translator("en"), &branding, None);
        let view = SetNewPasswordView {
            token: "tok".into(),
            csrf_token: "csrf".into(),
            tenant_slug: None,
            error: None,
        };
        let html = set_new_password(&shell, &view).into_string();
        assert!(html.contains(&format!(r#"action="{RESET_ACTION}""#)));
        assert!(html.contains(r#"name="token" value="tok""#));
        assert!(html.contains(r#"name="password_confirm""#));
        assert!(html.contains("<script nonce=\"nonce-xyz\">history.replaceState"));
        assert_no_raw_ids(&html);
        for problem in [
            PasswordProblem::TooShort,
            PasswordProblem::TooWeak { warning: None },
            PasswordProblem::Mismatch,
            PasswordProblem::Missing,
        ] {
            let view = SetNewPasswordView {
                error: Some(ResetFormError::Password(problem)),
                ..view.clone()
            };
            let html = set_new_password(&shell, &view).into_string();
            assert!(html.contains("role=\"alert\""));
            assert!(html.contains("aria-invalid=\"true\""));
            assert_no_raw_ids(&html);
        }
        Ok(())
    }

    #[test]
    fn answers_and_link_pages_escape_their_inputs() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let shell = shell(locales.translator("en"), &branding, None);
        let evil = EmailRequestView {
            email: EVIL.into(),
            csrf_token: EVIL.into(),
            tenant_slug: Some(EVIL.into()),
            sign_in_url: EVIL.into(),
            error: None,
        };
        assert_escaped(&forgot(&shell, &evil).into_string());
        assert_escaped(&find_organization(&shell, &evil).into_string());
        assert_escaped(&forgot_sent(&shell, 30, EVIL).into_string());
        assert_escaped(&reset_done(&shell, EVIL).into_string());
        assert_escaped(&reset_invalid(&shell, EVIL).into_string());
        let html = set_new_password(
            &shell,
            &SetNewPasswordView {
                token: EVIL.into(),
                csrf_token: EVIL.into(),
                tenant_slug: Some(EVIL.into()),
                error: None,
            },
        )
        .into_string();
        assert!(!html.contains(EVIL));
        for html in [
            forgot_sent(&shell, 30, "/x").into_string(),
            find_sent(&shell).into_string(),
            reset_done(&shell, "/x").into_string(),
            reset_invalid(&shell, "/x").into_string(),
        ] {
            assert_no_raw_ids(&html);
        }
        Ok(())
    }
}
