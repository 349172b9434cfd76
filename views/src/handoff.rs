//! The vanity-domain handoff page: exchanges a one-time transfer token for a session on the
//! organization's own portal address. Works without JavaScript (a form with a visible button);
//! with it, the token leaves the address bar and the form submits itself.

use maud::{html, Markup, PreEscaped};

use crate::components::alert;
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "handoff-title";
        HEADING = "handoff-heading";
        BODY = "handoff-body";
        CONTINUE = "handoff-continue";
        NO_SCRIPT = "handoff-no-script";
        FAILED_TITLE = "handoff-failed-title";
        FAILED_HEADING = "handoff-failed-heading";
        FAILED_EXPIRED = "handoff-failed-expired";
        FAILED_DOMAIN = "handoff-failed-domain";
        FAILED_UNAVAILABLE = "handoff-failed-unavailable";
        FAILED_DNS = "handoff-failed-dns";
        FAILED_ERROR = "handoff-failed-error";
        FAILED_RETRY = "handoff-failed-retry";
    }
}

/// Where the exchange form posts.
pub const HANDOFF_ACTION: &str = "/auth/client-portal/handoff";

/// The token and where to go once signed in; both validated by the handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoffView {
    pub ott: String,
    pub return_path: String,
}

/// Why a handoff failed, as far as the user may know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandoffFailure {
    InvalidOrExpired,
    WrongDomain,
    DomainUnavailable,
    DnsMismatch,
    Error,
}

impl HandoffFailure {
    pub const ALL: [HandoffFailure; 5] = [
        HandoffFailure::InvalidOrExpired,
        HandoffFailure::WrongDomain,
        HandoffFailure::DomainUnavailable,
        HandoffFailure::DnsMismatch,
        HandoffFailure::Error,
    ];

    fn message_id(self) -> &'static str {
        match self {
            HandoffFailure::InvalidOrExpired => msg::FAILED_EXPIRED,
            HandoffFailure::WrongDomain => msg::FAILED_DOMAIN,
            HandoffFailure::DomainUnavailable => msg::FAILED_UNAVAILABLE,
            HandoffFailure::DnsMismatch => msg::FAILED_DNS,
            HandoffFailure::Error => msg::FAILED_ERROR,
        }
    }
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

pub fn failed_title(t: Translator<'_>) -> String {
    t.tr(msg::FAILED_TITLE)
}

/// The script is fixed text (no user data), allowed by the response's CSP nonce.
const AUTO_SUBMIT: &str = "history.replaceState(null,'',location.pathname);\
document.getElementById('handoff-form').submit();";

/// The page that exchanges the token.
pub fn page(shell: &PageShell<'_>, view: &HandoffView) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr_args(msg::HEADING, &[("name", shell.branding.name.clone())])) }
                p.page-intro { (t.tr(msg::BODY)) }
                form #handoff-form method="post" action=(HANDOFF_ACTION) {
                    input type="hidden" name="ott" value=(view.ott);
                    input type="hidden" name="returnPath" value=(view.return_path);
                    button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::CONTINUE)) }
                }
                noscript { p.page-intro { (t.tr(msg::NO_SCRIPT)) } }
            }
        }
        script nonce=(shell.csp_nonce) { (PreEscaped(AUTO_SUBMIT)) }
    };
    layout::page(shell, content)
}

/// Explains why the link did not work and links back to the canonical sign-in.
pub fn failed(shell: &PageShell<'_>, failure: HandoffFailure, sign_in_url: &str) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::FAILED_HEADING)) }
                (alert("handoff-error", &t.tr(failure.message_id())))
                a.btn.btn--primary.btn--block href=(sign_in_url) { (t.tr(msg::FAILED_RETRY)) }
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
    fn the_form_works_without_script_and_the_script_carries_the_nonce() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let shell = shell(locales.translator("en"), &branding, None);
        let view = HandoffView {
            ott: "tok".into(),
            return_path: "/client-portal/dashboard".into(),
        };
        let html = page(&shell, &view).into_string();
        assert!(html.contains("action=\"/auth/client-portal/handoff\""));
        assert!(html.contains("name=\"ott\" value=\"tok\""));
        assert!(html.contains("type=\"submit\""));
        assert!(html.contains("<script nonce=\"nonce-xyz\">"));
        assert!(html.contains("history.replaceState"));
        assert_no_raw_ids(&html);
        Ok(())
    }

    #[test]
    fn failures_explain_link_back_and_escape_inputs() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let shell = shell(locales.translator("en"), &branding, None);
        for failure in HandoffFailure::ALL {
            let html = failed(
                &shell,
                failure,
                "https://portal.example/auth/client-portal/signin?tenant=x",
            )
            .into_string();
            assert!(
                html.contains("href=\"https://portal.example/auth/client-portal/signin?tenant=x\"")
            );
            assert_no_raw_ids(&html);
        }
        let view = HandoffView {
            ott: EVIL.into(),
            return_path: EVIL.into(),
        };
        let html = page(&shell, &view).into_string();
        assert!(!html.contains(EVIL));
        Ok(())
    }
}
