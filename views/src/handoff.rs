//! The vanity-domain handoff, SAML POST-binding style: after a sign-in the canonical host shows a
//! page whose form POSTs the one-time transfer token (in the body, never in a URL) to the
//! organization's own portal address. Works without JavaScript (a visible Continue button); with
//! it, the form submits itself. The vanity host renders no form around a token: a token in a link
//! (or a form from anywhere but the canonical sign-in) gets a page that says to sign in again.

use maud::{html, Markup, PreEscaped};

use crate::components::alert;
use crate::i18n::Translator;
use crate::layout::{self, PageShell, ReferrerMeta};

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
        FAILED_LINK = "handoff-failed-link";
        FAILED_ORIGIN = "handoff-failed-origin";
        FAILED_UNFINISHED = "handoff-failed-unfinished";
        FAILED_RETRY = "handoff-failed-retry";
    }
}

/// Where the exchange form posts, on the vanity host.
pub const HANDOFF_ACTION: &str = "/auth/client-portal/handoff";
/// The form's id (the auto-submit script finds it by this).
pub const FORM_ID: &str = "handoff-form";

/// The form the canonical host's page posts to the vanity host: built by the handler from a
/// token it has just issued (never from the request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoffPost {
    /// `https://{vanity}/auth/client-portal/handoff`.
    pub action: String,
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
    /// A token in a link: never exchanged (that would be login CSRF).
    LinkNotAccepted,
    /// The POST did not come from the canonical sign-in page.
    WrongOrigin,
    /// The last step ran without the first (no pending sign-in in this browser).
    Unfinished,
}

impl HandoffFailure {
    pub const ALL: [HandoffFailure; 8] = [
        HandoffFailure::InvalidOrExpired,
        HandoffFailure::WrongDomain,
        HandoffFailure::DomainUnavailable,
        HandoffFailure::DnsMismatch,
        HandoffFailure::Error,
        HandoffFailure::LinkNotAccepted,
        HandoffFailure::WrongOrigin,
        HandoffFailure::Unfinished,
    ];

    fn message_id(self) -> &'static str {
        match self {
            HandoffFailure::InvalidOrExpired => msg::FAILED_EXPIRED,
            HandoffFailure::WrongDomain => msg::FAILED_DOMAIN,
            HandoffFailure::DomainUnavailable => msg::FAILED_UNAVAILABLE,
            HandoffFailure::DnsMismatch => msg::FAILED_DNS,
            HandoffFailure::Error => msg::FAILED_ERROR,
            HandoffFailure::LinkNotAccepted => msg::FAILED_LINK,
            HandoffFailure::WrongOrigin => msg::FAILED_ORIGIN,
            HandoffFailure::Unfinished => msg::FAILED_UNFINISHED,
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
const AUTO_SUBMIT: &str = "document.getElementById('handoff-form').submit();";

/// The form alone: hidden token and return path, and a visible Continue button (also used
/// where the user must read something first, e.g. new recovery codes).
pub fn post_form(t: Translator<'_>, post: &HandoffPost) -> Markup {
    html! {
        form id=(FORM_ID) method="post" action=(post.action) {
            input type="hidden" name="ott" value=(post.ott);
            input type="hidden" name="returnPath" value=(post.return_path);
            button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::CONTINUE)) }
        }
    }
}

/// The canonical host's answer to a sign-in that hands over: the form, submitted by script.
pub fn post_page(shell: &PageShell<'_>, post: &HandoffPost) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr_args(msg::HEADING, &[("name", shell.branding.name.clone())])) }
                p.page-intro { (t.tr(msg::BODY)) }
                (post_form(t, post))
                noscript { p.page-intro { (t.tr(msg::NO_SCRIPT)) } }
            }
        }
        script nonce=(shell.csp_nonce) { (PreEscaped(AUTO_SUBMIT)) }
    };
    layout::page_with_referrer(shell, content, ReferrerMeta::Origin)
}

/// Explains why the handoff did not work and links back to the canonical sign-in.
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

    fn sample() -> HandoffPost {
        HandoffPost {
            action: "https://support.acme.example/auth/client-portal/handoff".into(),
            ott: "tok".into(),
            return_path: "/client-portal/tickets?status=open&page=2".into(),
        }
    }

    #[test]
    fn the_form_posts_to_the_vanity_host_works_without_script_and_the_script_carries_the_nonce(
    ) -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let shell = shell(locales.translator("en"), &branding, None);
        let html = post_page(&shell, &sample()).into_string();
        assert!(html.contains(
            "<form id=\"handoff-form\" method=\"post\" action=\"https://support.acme.example/auth/client-portal/handoff\">"
        ));
        assert!(html.contains("name=\"ott\" value=\"tok\""));
        assert!(html.contains(
            "name=\"returnPath\" value=\"/client-portal/tickets?status=open&amp;page=2\""
        ));
        assert!(html.contains("type=\"submit\">Continue</button>"));
        assert!(html.contains("<noscript>"));
        // Under `same-origin` a browser would send `Origin: null` with the cross-origin POST.
        assert!(html.contains("<meta name=\"referrer\" content=\"origin\">"));
        assert!(html.contains("<script nonce=\"nonce-xyz\">"));
        assert!(html.contains("getElementById('handoff-form').submit()"));
        assert_no_raw_ids(&html);
        // The form alone has no script.
        let form = post_form(locales.translator("en"), &sample()).into_string();
        assert!(!form.contains("<script"));
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
            let main = html.split_once("<footer").map_or(html.as_str(), |(m, _)| m);
            assert!(!main.contains("<form"), "no form on a failure page");
            assert_no_raw_ids(&html);
        }
        let view = HandoffPost {
            action: EVIL.into(),
            ott: EVIL.into(),
            return_path: EVIL.into(),
        };
        let html = post_page(&shell, &view).into_string();
        assert!(!html.contains(EVIL));
        Ok(())
    }
}
