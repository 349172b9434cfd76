//! The sign-in page (without an organization, `account_recovery::find_organization` is shown).

use maud::{html, Markup};

use crate::components::{alert, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "signin-title";
        HEADING = "signin-heading";
        INTRO = "signin-intro";
        EMAIL_LABEL = "signin-email-label";
        PASSWORD_LABEL = "signin-password-label";
        SUBMIT = "signin-submit";
        ERROR_INVALID_CREDENTIALS = "signin-error-invalid-credentials";
        ERROR_ACCESS_DENIED = "signin-error-access-denied";
        ERROR_MISSING_FIELDS = "signin-error-missing-fields";
        ERROR_CSRF_FAILED = "signin-error-csrf-failed";
        ERROR_UNAVAILABLE = "signin-error-unavailable";
        ERROR_THROTTLED = "signin-error-throttled";
        ERROR_SSO_ONLY = "signin-error-sso-only";
        NOTICE_SIGNED_OUT = "signin-notice-signed-out";
        NOTICE_SESSION_EXPIRED = "signin-notice-session-expired";
    }
}

/// Where the sign-in form posts.
pub const SIGN_IN_ACTION: &str = "/auth/client-portal/signin";

const ERROR_BOX_ID: &str = "signin-error";

/// What the sign-in form shows; every field is plain data the handler already validated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignInView {
    /// Re-fills the field after a failure.
    pub email: String,
    /// Hidden input `callbackUrl`.
    pub callback_url: String,
    /// Hidden input `csrf_token`.
    pub csrf_token: String,
    /// Hidden input `tenant`, when the tenant came from the portal link.
    pub tenant_slug: Option<String>,
    pub error: Option<SignInErrorKind>,
    pub notice: Option<SignInNotice>,
    /// One button per single sign-on provider of the tenant.
    pub sso_buttons: Vec<crate::sso::SsoButton>,
    /// The tenant signs in through its providers only: no password form.
    pub sso_only: bool,
}

impl SignInView {
    /// SSO only, with a provider to sign in with: the password form is not shown.
    pub fn password_hidden(&self) -> bool {
        self.sso_only && !self.sso_buttons.is_empty()
    }
}

/// Why the last sign-in attempt failed, as far as the client may know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInErrorKind {
    InvalidCredentials,
    AccessDenied,
    MissingFields,
    CsrfFailed,
    Unavailable,
    /// Too many recent failures; the user may try again in `minutes` (rounded up, at least 1).
    Throttled {
        minutes: i64,
    },
    /// The tenant signs in through its identity providers only.
    SsoOnly,
}

impl SignInErrorKind {
    pub const ALL: [SignInErrorKind; 7] = [
        SignInErrorKind::SsoOnly,
        SignInErrorKind::InvalidCredentials,
        SignInErrorKind::AccessDenied,
        SignInErrorKind::MissingFields,
        SignInErrorKind::CsrfFailed,
        SignInErrorKind::Unavailable,
        SignInErrorKind::Throttled { minutes: 15 },
    ];

    /// The Fluent id of the message shown for this failure.
    pub fn message_id(self) -> &'static str {
        match self {
            SignInErrorKind::InvalidCredentials => msg::ERROR_INVALID_CREDENTIALS,
            SignInErrorKind::AccessDenied => msg::ERROR_ACCESS_DENIED,
            SignInErrorKind::MissingFields => msg::ERROR_MISSING_FIELDS,
            SignInErrorKind::CsrfFailed => msg::ERROR_CSRF_FAILED,
            SignInErrorKind::Unavailable => msg::ERROR_UNAVAILABLE,
            SignInErrorKind::Throttled { .. } => msg::ERROR_THROTTLED,
            SignInErrorKind::SsoOnly => msg::ERROR_SSO_ONLY,
        }
    }

    /// The translated message, with its numbers filled in.
    pub fn message(self, t: Translator<'_>) -> String {
        match self {
            SignInErrorKind::Throttled { minutes } => {
                t.tr_count(self.message_id(), &[("minutes", minutes)])
            }
            other => t.tr(other.message_id()),
        }
    }
}

/// A neutral message shown above the form, e.g. after signing out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInNotice {
    SignedOut,
    SessionExpired,
}

impl SignInNotice {
    pub const ALL: [SignInNotice; 2] = [SignInNotice::SignedOut, SignInNotice::SessionExpired];

    /// The Fluent id of the message shown for this notice.
    pub fn message_id(self) -> &'static str {
        match self {
            SignInNotice::SignedOut => msg::NOTICE_SIGNED_OUT,
            SignInNotice::SessionExpired => msg::NOTICE_SESSION_EXPIRED,
        }
    }
}

/// The translated `<title>` of the sign-in page, for `PageShell::title`.
pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

/// The "forgot password" page of the same organization.
fn forgot_href(view: &SignInView) -> String {
    match &view.tenant_slug {
        Some(slug) => format!("{}?tenant={slug}", crate::account_recovery::FORGOT_ACTION),
        None => crate::account_recovery::FORGOT_ACTION.to_owned(),
    }
}

/// The tenant's logo above the form: the one for the card's background (light or dark, as the
/// visitor chose or, on `auto`, as the device says), else whichever logo there is.
fn card_logo(shell: &PageShell<'_>) -> Markup {
    use crate::theme::ColorScheme;
    let images = &shell.branding.images;
    let name = shell.branding.name.as_str();
    let (light, dark) = (images.logo_light.as_deref(), images.logo_dark.as_deref());
    html! {
        @match (shell.scheme, light, dark) {
            (ColorScheme::Auto, Some(light), Some(dark)) => p.auth-logo {
                picture {
                    source media="(prefers-color-scheme: dark)" srcset=(dark);
                    img src=(light) alt=(name);
                }
            },
            (ColorScheme::Dark, _, Some(logo)) | (_, Some(logo), _) | (_, None, Some(logo)) => {
                p.auth-logo { img src=(logo) alt=(name); }
            },
            _ => {},
        }
    }
}

/// The sign-in form inside the page shell.
pub fn page(shell: &PageShell<'_>, view: &SignInView) -> Markup {
    let t = shell.t;
    let tenant = shell.branding.name.clone();
    // Point the inputs at the error box so screen readers read it with the field.
    let described_by = view.error.map(|_| ERROR_BOX_ID);
    let invalid = match view.error {
        Some(SignInErrorKind::InvalidCredentials | SignInErrorKind::MissingFields) => Some("true"),
        _ => None,
    };
    let content = html! {
        div.auth {
            div.card {
                (card_logo(shell))
                h1 { (t.tr_args(msg::HEADING, &[("name", tenant)])) }
                @if !view.password_hidden() {
                    p.page-intro { (t.tr(msg::INTRO)) }
                }
                @if let Some(error) = view.error {
                    (alert(ERROR_BOX_ID, &error.message(t)))
                }
                @if let Some(n) = view.notice {
                    (notice(&t.tr(n.message_id())))
                }
                (crate::sso::buttons(t, &view.sso_buttons, view.password_hidden()))
                @if !view.password_hidden() {
                form method="post" action=(SIGN_IN_ACTION) {
                    input type="hidden" name="csrf_token" value=(view.csrf_token);
                    input type="hidden" name="callbackUrl" value=(view.callback_url);
                    @if let Some(slug) = &view.tenant_slug {
                        input type="hidden" name="tenant" value=(slug);
                    }
                    div.field {
                        label for="email" { (t.tr(msg::EMAIL_LABEL)) }
                        input #email type="email" name="email" value=(view.email)
                            autocomplete="username" required
                            aria-invalid=[invalid] aria-describedby=[described_by];
                    }
                    div.field {
                        label for="password" { (t.tr(msg::PASSWORD_LABEL)) }
                        input #password type="password" name="password"
                            autocomplete="current-password" required
                            aria-invalid=[invalid] aria-describedby=[described_by];
                    }
                    button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::SUBMIT)) }
                }
                (crate::account_recovery::forgot_link(t, &forgot_href(view)))
                }
            }
        }
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;
    use crate::theme::Branding;

    fn view() -> SignInView {
        SignInView {
            email: "ada@example.com".to_owned(),
            callback_url: "/client-portal/dashboard".to_owned(),
            csrf_token: "csrf-abc123".to_owned(),
            tenant_slug: Some("acme".to_owned()),
            error: None,
            notice: None,
            sso_buttons: Vec::new(),
            sso_only: false,
        }
    }

    #[test]
    fn the_card_shows_the_logo_for_its_background() -> TestResult {
        use crate::theme::ColorScheme;
        let locales = Locales::load()?;
        let mut branding = Branding::default_portal();
        let none = page(&shell(locales.translator("en"), &branding, None), &view()).into_string();
        assert!(!none.contains("auth-logo"));
        branding.images.logo_light = Some("/branding/l.png".into());
        let html = page(&shell(locales.translator("en"), &branding, None), &view()).into_string();
        assert!(html.contains(
            r#"<p class="auth-logo"><img src="/branding/l.png" alt="Client Portal"></p>"#
        ));
        branding.images.logo_dark = Some("/branding/d.svg".into());
        let html = page(&shell(locales.translator("en"), &branding, None), &view()).into_string();
        assert!(html.contains(r#"<source media="(prefers-color-scheme: dark)" srcset="/branding/d.svg"><img src="/branding/l.png""#));
        let mut dark = shell(locales.translator("en"), &branding, None);
        dark.scheme = ColorScheme::Dark;
        let html = page(&dark, &view()).into_string();
        assert!(html.contains(r#"<p class="auth-logo"><img src="/branding/d.svg""#));
        Ok(())
    }

    #[test]
    fn form_posts_credentials_with_hidden_fields() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let html = page(&shell(locales.translator("en"), &branding, None), &view()).into_string();
        assert!(html.contains(r#"<form method="post" action="/auth/client-portal/signin">"#));
        assert!(html.contains(r#"<input type="hidden" name="csrf_token" value="csrf-abc123">"#));
        assert!(html.contains(
            r#"<input type="hidden" name="callbackUrl" value="/client-portal/dashboard">"#
        ));
        assert!(html.contains(r#"<input type="hidden" name="tenant" value="acme">"#));
        assert!(html.contains(r#"<input id="email" type="email" name="email" value="ada@example.com" autocomplete="username" required>"#));
        assert!(html.contains(r#"<input id="password" type="password" name="password" autocomplete="current-password" required>"#));
        assert!(html.contains(r#"<label for="email">Email address</label>"#));
        assert!(html.contains(r#"<label for="password">Password</label>"#));
        assert!(html.contains(r#"type="submit">Sign in</button>"#));
        assert!(!html.contains("role=\"alert\""));
        assert!(html.contains(
            r#"<a href="/auth/client-portal/forgot-password?tenant=acme">Forgot your password?</a>"#
        ));
        assert_no_raw_ids(&html);

        let no_tenant = SignInView {
            tenant_slug: None,
            ..view()
        };
        let html = page(
            &shell(locales.translator("en"), &branding, None),
            &no_tenant,
        )
        .into_string();
        assert!(!html.contains(r#"name="tenant""#));
        Ok(())
    }

    #[test]
    fn errors_and_notices_use_the_exact_texts() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let expected_errors = [
            (SignInErrorKind::InvalidCredentials, "Invalid email or password"),
            (SignInErrorKind::AccessDenied, "Access denied. This portal is for client accounts only; MSP staff sign in to the MSP application."),
            (SignInErrorKind::MissingFields, "Enter your email and password."),
            (SignInErrorKind::CsrfFailed, "Your sign-in form expired. Please try again."),
            (SignInErrorKind::Unavailable, "Sign-in is temporarily unavailable. Please try again in a moment."),
            (SignInErrorKind::Throttled { minutes: 15 }, "Too many failed sign-in attempts, try again in 15 minutes"),
            (SignInErrorKind::SsoOnly, "Your organization signs in through its identity provider: use the button above."),
        ];
        assert_eq!(expected_errors.len(), SignInErrorKind::ALL.len());
        for (kind, text) in expected_errors {
            let v = SignInView {
                error: Some(kind),
                ..view()
            };
            let html = page(&shell(locales.translator("en"), &branding, None), &v).into_string();
            let alert =
                format!(r#"<div class="alert" id="signin-error" role="alert">{text}</div>"#);
            assert!(html.contains(&alert), "{kind:?}: {html}");
            assert!(html.contains(r#"aria-describedby="signin-error""#));
            assert_no_raw_ids(&html);
        }
        let expected_notices = [
            (SignInNotice::SignedOut, "You have been signed out."),
            (
                SignInNotice::SessionExpired,
                "Your session has expired. Please sign in again.",
            ),
        ];
        assert_eq!(expected_notices.len(), SignInNotice::ALL.len());
        for (notice, text) in expected_notices {
            let v = SignInView {
                notice: Some(notice),
                ..view()
            };
            let html = page(&shell(locales.translator("en"), &branding, None), &v).into_string();
            assert!(html.contains(&format!(
                r#"<div class="notice" role="status">{text}</div>"#
            )));
            assert_no_raw_ids(&html);
        }
        Ok(())
    }

    #[test]
    fn sign_in_page_escapes_every_field() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let evil = SignInView {
            email: EVIL.to_owned(),
            callback_url: EVIL.to_owned(),
            csrf_token: EVIL.to_owned(),
            tenant_slug: Some(EVIL.to_owned()),
            error: Some(SignInErrorKind::InvalidCredentials),
            notice: Some(SignInNotice::SignedOut),
            sso_buttons: Vec::new(),
            sso_only: false,
        };
        let html = page(&shell(locales.translator("en"), &branding, None), &evil).into_string();
        assert_escaped(&html);
        assert!(html.contains(&format!(r#"name="email" value="{EVIL_ESCAPED}""#)));
        Ok(())
    }

    #[test]
    fn sso_only_shows_the_buttons_without_the_password_form() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let button = crate::sso::SsoButton {
            href: "/auth/client-portal/sso/google?tenant=acme".into(),
            name: "Google".into(),
            kind: "google".into(),
        };
        let both = SignInView {
            sso_buttons: vec![button.clone()],
            ..view()
        };
        let html = page(&shell(locales.translator("en"), &branding, None), &both).into_string();
        assert!(html.contains("Sign in with Google"));
        assert!(html.contains(r#"type="password""#));
        let only = SignInView {
            sso_only: true,
            ..both
        };
        let html = page(&shell(locales.translator("en"), &branding, None), &only).into_string();
        assert!(html.contains("Sign in with Google"));
        assert!(!html.contains(r#"type="password""#));
        assert_no_raw_ids(&html);
        Ok(())
    }
}
