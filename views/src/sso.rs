//! Single sign-on on the sign-in page (one button per provider) and the page that explains a
//! failed SSO sign-in.

use maud::{html, Markup};

use crate::components::alert;
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        BUTTON = "sso-sign-in-with";
        DIVIDER = "sso-or-password";
        SSO_ONLY = "sso-only-intro";
        FAILED_TITLE = "sso-failed-title";
        FAILED_HEADING = "sso-failed-heading";
        FAILED_UNREACHABLE = "sso-failed-unreachable";
        FAILED_DENIED = "sso-failed-denied";
        FAILED_STATE = "sso-failed-state";
        FAILED_TOKEN = "sso-failed-token";
        FAILED_NO_EMAIL = "sso-failed-no-email";
        FAILED_UNVERIFIED = "sso-failed-unverified";
        FAILED_DOMAIN = "sso-failed-domain";
        FAILED_NO_USER = "sso-failed-no-user";
        FAILED_INACTIVE = "sso-failed-inactive";
        FAILED_INTERNAL = "sso-failed-internal";
        FAILED_UNKNOWN_PROVIDER = "sso-failed-unknown-provider";
        FAILED_UNAVAILABLE = "sso-failed-unavailable";
        FAILED_THROTTLED = "sso-failed-throttled";
        FAILED_REFERENCE = "sso-failed-reference";
        FAILED_RETRY = "sso-failed-retry";
    }
}

/// A provider's button: where it starts the sign-in, its name and kind (`google`, `keycloak`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoButton {
    pub href: String,
    pub name: String,
    pub kind: String,
}

/// Why an SSO sign-in failed, as far as the user may know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SsoFailureKind {
    Unreachable,
    Denied,
    InvalidState,
    TokenRejected,
    NoEmail,
    UnverifiedEmail,
    DomainNotAllowed,
    NoMatchingUser,
    Inactive,
    InternalUser,
    UnknownProvider,
    /// Too many sign-ins started from the user's address; try again in `minutes`.
    Throttled {
        minutes: i64,
    },
    Unavailable,
}

impl SsoFailureKind {
    pub const ALL: [SsoFailureKind; 13] = [
        SsoFailureKind::Throttled { minutes: 15 },
        SsoFailureKind::Unreachable,
        SsoFailureKind::Denied,
        SsoFailureKind::InvalidState,
        SsoFailureKind::TokenRejected,
        SsoFailureKind::NoEmail,
        SsoFailureKind::UnverifiedEmail,
        SsoFailureKind::DomainNotAllowed,
        SsoFailureKind::NoMatchingUser,
        SsoFailureKind::Inactive,
        SsoFailureKind::InternalUser,
        SsoFailureKind::UnknownProvider,
        SsoFailureKind::Unavailable,
    ];

    fn message_id(self) -> &'static str {
        match self {
            SsoFailureKind::Unreachable => msg::FAILED_UNREACHABLE,
            SsoFailureKind::Denied => msg::FAILED_DENIED,
            SsoFailureKind::InvalidState => msg::FAILED_STATE,
            SsoFailureKind::TokenRejected => msg::FAILED_TOKEN,
            SsoFailureKind::NoEmail => msg::FAILED_NO_EMAIL,
            SsoFailureKind::UnverifiedEmail => msg::FAILED_UNVERIFIED,
            SsoFailureKind::DomainNotAllowed => msg::FAILED_DOMAIN,
            SsoFailureKind::NoMatchingUser => msg::FAILED_NO_USER,
            SsoFailureKind::Inactive => msg::FAILED_INACTIVE,
            SsoFailureKind::InternalUser => msg::FAILED_INTERNAL,
            SsoFailureKind::UnknownProvider => msg::FAILED_UNKNOWN_PROVIDER,
            SsoFailureKind::Throttled { .. } => msg::FAILED_THROTTLED,
            SsoFailureKind::Unavailable => msg::FAILED_UNAVAILABLE,
        }
    }
}

/// What the failure page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoFailedView {
    pub kind: SsoFailureKind,
    /// The provider's name, when the sign-in got that far.
    pub provider_name: Option<String>,
    /// A short code support can look up in the audit trail (the failure reason).
    pub reference: String,
    pub sign_in_href: String,
}

pub fn failed_title(t: Translator<'_>) -> String {
    t.tr(msg::FAILED_TITLE)
}

/// One button per provider, above the password form (or alone when the tenant is SSO only).
pub fn buttons(t: Translator<'_>, buttons: &[SsoButton], sso_only: bool) -> Markup {
    html! {
        @if !buttons.is_empty() {
            @if sso_only {
                p.page-intro { (t.tr(msg::SSO_ONLY)) }
            }
            div.sso-buttons {
                @for button in buttons {
                    a class=(format!("btn btn--sso btn--block btn--sso-{}", button.kind))
                        href=(button.href) {
                        (t.tr_args(msg::BUTTON, &[("provider", button.name.clone())]))
                    }
                }
            }
            @if !sso_only {
                p.sso-divider { span { (t.tr(msg::DIVIDER)) } }
            }
        }
    }
}

/// Explains why the SSO sign-in did not work and links back to the sign-in page.
pub fn failed(shell: &PageShell<'_>, view: &SsoFailedView) -> Markup {
    let t = shell.t;
    let provider = view
        .provider_name
        .clone()
        .unwrap_or_else(|| "SSO".to_owned());
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr_args(msg::FAILED_HEADING, &[("provider", provider.clone())])) }
                @let message = match view.kind {
                    SsoFailureKind::Throttled { minutes } => {
                        t.tr_count(msg::FAILED_THROTTLED, &[("minutes", minutes)])
                    }
                    kind => t.tr_args(kind.message_id(), &[("provider", provider)]),
                };
                (alert("sso-error", &message))
                p.page-intro {
                    (t.tr_args(msg::FAILED_REFERENCE, &[("reference", view.reference.clone())]))
                }
                a.btn.btn--primary.btn--block href=(view.sign_in_href) { (t.tr(msg::FAILED_RETRY)) }
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

    #[test]
    fn buttons_name_the_provider_and_escape_it() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let html = buttons(
            t,
            &[SsoButton {
                href: "/auth/client-portal/sso/google?tenant=acme".into(),
                name: EVIL.into(),
                kind: "google".into(),
            }],
            false,
        )
        .into_string();
        assert!(html.contains("href=\"/auth/client-portal/sso/google?tenant=acme\""));
        assert!(html.contains(r#"class="btn btn--sso btn--block btn--sso-google""#));
        assert!(
            !html.contains("\" class="),
            "one class attribute per element: {html}"
        );
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        assert!(buttons(t, &[], false).into_string().is_empty());
        Ok(())
    }

    #[test]
    fn every_failure_explains_itself_and_links_back() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let shell = shell(locales.translator("en"), &branding, None);
        for kind in SsoFailureKind::ALL {
            let html = failed(
                &shell,
                &SsoFailedView {
                    kind,
                    provider_name: Some(EVIL.into()),
                    reference: "wrong_audience".into(),
                    sign_in_href: "/auth/client-portal/signin?tenant=acme".into(),
                },
            )
            .into_string();
            assert!(html.contains("href=\"/auth/client-portal/signin?tenant=acme\""));
            assert!(html.contains("wrong_audience"));
            assert_escaped(&html);
            assert_no_raw_ids(&html);
        }
        Ok(())
    }
}
