//! Changing the sign-in email: the "Email address" card of Profile → Profile (the current
//! address, the request form, a pending request with resend and cancel) and the pages of the
//! emailed confirmation link (confirm with a button, done, dead link, address taken meanwhile).

pub mod mail;

use chrono::{DateTime, Utc};
use maud::{html, Markup, PreEscaped};

use crate::components::{alert, format_instant, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};
use crate::security::ProofProblem;

/// Where the card's forms post, and the link's page.
pub const REQUEST_PATH: &str = "/client-portal/profile/email";
pub const RESEND_PATH: &str = "/client-portal/profile/email/resend";
pub const CANCEL_PATH: &str = "/client-portal/profile/email/cancel";
pub const CONFIRM_PATH: &str = "/auth/email-change/confirm";

pub(crate) mod msg {
    crate::i18n::message_ids! {
        HEADING = "email-change-heading";
        CURRENT = "email-change-current";
        INTRO = "email-change-intro";
        NEW_EMAIL = "email-change-new-email";
        CURRENT_PASSWORD = "email-change-current-password";
        SUBMIT = "email-change-submit";
        SSO_ONLY = "email-change-sso-only";
        PENDING = "email-change-pending";
        RESEND = "email-change-resend";
        CANCEL = "email-change-cancel";
        RESENT = "email-change-resent";
        CANCELLED = "email-change-cancelled";
        NOTHING_PENDING = "email-change-nothing-pending";
        FIX = "email-change-fix";
        ERROR_MISSING = "email-change-error-missing";
        ERROR_MALFORMED = "email-change-error-malformed";
        ERROR_SAME = "email-change-error-same";
        ERROR_TAKEN = "email-change-error-taken";
        ERROR_WRONG_PASSWORD = "email-change-error-wrong-password";
        ERROR_TOO_MANY = "email-change-error-too-many";
        ERROR_NO_PASSWORD = "email-change-error-no-password";
        ERROR_UNAVAILABLE = "email-change-error-unavailable";
        CONFIRM_TITLE = "email-change-confirm-title";
        CONFIRM_HEADING = "email-change-confirm-heading";
        CONFIRM_BODY = "email-change-confirm-body";
        CONFIRM_SUBMIT = "email-change-confirm-submit";
        DONE_TITLE = "email-change-done-title";
        DONE_HEADING = "email-change-done-heading";
        DONE_BODY = "email-change-done-body";
        DONE_PROFILE = "email-change-done-profile";
        DONE_SIGN_IN = "email-change-done-sign-in";
        INVALID_TITLE = "email-change-invalid-title";
        INVALID_HEADING = "email-change-invalid-heading";
        INVALID_BODY = "email-change-invalid-body";
        TAKEN_TITLE = "email-change-taken-title";
        TAKEN_HEADING = "email-change-taken-heading";
        TAKEN_BODY = "email-change-taken-body";
        TO_PROFILE = "email-change-to-profile";
        MAIL_CONFIRM_SUBJECT = "email-change-confirm-subject";
        MAIL_CONFIRM_INTRO = "email-change-confirm-intro";
        MAIL_CONFIRM_ACTION = "email-change-confirm-action";
        MAIL_CONFIRM_EXPIRY = "email-change-confirm-expiry";
        MAIL_CONFIRM_IGNORE = "email-change-confirm-ignore";
        MAIL_NOTICE_SUBJECT = "email-change-notice-subject";
        MAIL_NOTICE_BODY = "email-change-notice-body";
        MAIL_NOTICE_IP = "email-change-notice-ip";
        MAIL_NOTICE_NOT_YOU = "email-change-notice-not-you";
        MAIL_NOTICE_ACTION = "email-change-notice-action";
    }
}

/// Why a request was refused, as the card says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailProblem {
    Missing,
    Malformed,
    Same,
    Taken,
    WrongPassword,
    Throttled { minutes: i64 },
    TooMany,
    NoPassword,
    Unavailable,
}

impl EmailProblem {
    /// The field the message is shown next to (`None`: above the form).
    pub fn field(self) -> Option<&'static str> {
        match self {
            EmailProblem::Missing
            | EmailProblem::Malformed
            | EmailProblem::Same
            | EmailProblem::Taken => Some("new_email"),
            EmailProblem::WrongPassword | EmailProblem::Throttled { .. } => {
                Some("current_password")
            }
            EmailProblem::TooMany | EmailProblem::NoPassword | EmailProblem::Unavailable => None,
        }
    }

    pub fn text(self, t: Translator<'_>) -> String {
        t.tr(match self {
            EmailProblem::Missing => msg::ERROR_MISSING,
            EmailProblem::Malformed => msg::ERROR_MALFORMED,
            EmailProblem::Same => msg::ERROR_SAME,
            EmailProblem::Taken => msg::ERROR_TAKEN,
            EmailProblem::WrongPassword => msg::ERROR_WRONG_PASSWORD,
            EmailProblem::Throttled { minutes } => {
                return ProofProblem::Throttled { minutes }.text(t)
            }
            EmailProblem::TooMany => msg::ERROR_TOO_MANY,
            EmailProblem::NoPassword => msg::ERROR_NO_PASSWORD,
            EmailProblem::Unavailable => msg::ERROR_UNAVAILABLE,
        })
    }
}

/// What the card says after one of its forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailNotice {
    Resent,
    Cancelled,
    NothingPending,
}

/// A request waiting for its confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingView {
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

/// The "Email address" card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailCardView {
    /// The address the user signs in with.
    pub email: String,
    /// Without a password (single sign-on only) the address changes at the identity provider.
    pub has_password: bool,
    pub pending: Option<PendingView>,
    /// The new address as typed, when a request comes back refused.
    pub typed_email: String,
    pub problem: Option<EmailProblem>,
    pub notice: Option<EmailNotice>,
}

impl EmailCardView {
    /// The card for `email`, with nothing typed, pending or said.
    pub fn new(email: String, has_password: bool) -> EmailCardView {
        EmailCardView {
            email,
            has_password,
            pending: None,
            typed_email: String::new(),
            problem: None,
            notice: None,
        }
    }
}

/// An input with its label and, when refused, its message (`{field}-error`).
fn field(
    t: Translator<'_>,
    problem: Option<EmailProblem>,
    (name, label): (&'static str, String),
    (kind, autocomplete, value): (&str, &str, Option<&str>),
) -> Markup {
    let error = problem.filter(|p| p.field() == Some(name));
    let error_id = format!("{name}-error");
    html! {
        div.field {
            label for=(name) { (label) }
            input id=(name) type=(kind) name=(name) value=[value] autocomplete=(autocomplete)
                maxlength=[(kind == "email").then_some("254")] required
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| error_id.as_str())];
            @if let Some(e) = error { p.field-error id=(error_id) { (e.text(t)) } }
        }
    }
}

/// The notice a card shows after one of its forms.
fn notice_text(t: Translator<'_>, v: &EmailCardView, n: EmailNotice) -> String {
    match n {
        EmailNotice::Resent => {
            let pending = v.pending.as_ref().map(|p| p.email.clone());
            t.tr_args(msg::RESENT, &[("email", pending.unwrap_or_default())])
        }
        EmailNotice::Cancelled => t.tr(msg::CANCELLED),
        EmailNotice::NothingPending => t.tr(msg::NOTHING_PENDING),
    }
}

/// The "Email address" card of the Profile tab.
pub fn card(t: Translator<'_>, v: &EmailCardView, csrf_token: &str) -> Markup {
    let card_problem = v.problem.filter(|p| p.field().is_none());
    html! {
        section.card #email-change aria-labelledby="email-heading" {
            h2 #email-heading { (t.tr(msg::HEADING)) }
            dl.details {
                dt { (t.tr(msg::CURRENT)) }
                dd #current-email { (v.email) }
            }
            @if let Some(n) = v.notice { (notice(&notice_text(t, v, n))) }
            @if let Some(p) = &v.pending {
                div.notice #email-pending role="status" {
                    (t.tr_args(msg::PENDING, &[
                        ("email", p.email.clone()),
                        ("when", format_instant(t, p.expires_at)),
                        ("current", v.email.clone()),
                    ]))
                }
                div.form-actions {
                    form method="post" action=(RESEND_PATH) {
                        input type="hidden" name="csrf_token" value=(csrf_token);
                        button.btn.btn--secondary type="submit" { (t.tr(msg::RESEND)) }
                    }
                    form method="post" action=(CANCEL_PATH) {
                        input type="hidden" name="csrf_token" value=(csrf_token);
                        button.btn.btn--secondary type="submit" { (t.tr(msg::CANCEL)) }
                    }
                }
            }
            @if v.has_password {
                p.page-intro { (t.tr(msg::INTRO)) }
                @if let Some(p) = card_problem { (alert("email-change-error", &p.text(t))) }
                @else if v.problem.is_some() { (alert("email-change-error", &t.tr(msg::FIX))) }
                form method="post" action=(REQUEST_PATH) novalidate {
                    input type="hidden" name="csrf_token" value=(csrf_token);
                    (field(t, v.problem, ("new_email", t.tr(msg::NEW_EMAIL)), ("email", "email", Some(&v.typed_email))))
                    (field(t, v.problem, ("current_password", t.tr(msg::CURRENT_PASSWORD)), ("password", "current-password", None)))
                    button.btn.btn--primary type="submit" { (t.tr(msg::SUBMIT)) }
                }
            } @else {
                @if let Some(p) = card_problem { (alert("email-change-error", &p.text(t))) }
                p { (t.tr(msg::SSO_ONLY)) }
            }
        }
    }
}

/// Fixed text (no user data), allowed by the response's CSP nonce: the token leaves the
/// address bar and the history (it already is in the form).
const STRIP_TOKEN: &str = "history.replaceState(null,'',location.pathname+location.search\
.replace(/([?&])token=[^&]*&?/,'$1').replace(/[?&]$/,''));";

/// The link's page: a button, so that a mail scanner fetching the link changes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmView {
    pub token: String,
    pub csrf_token: String,
    pub tenant_slug: Option<String>,
    pub new_email: String,
}

pub fn confirm_title(t: Translator<'_>) -> String {
    t.tr(msg::CONFIRM_TITLE)
}

pub fn confirm(shell: &PageShell<'_>, v: &ConfirmView) -> Markup {
    let t = shell.t;
    let body = t.tr_args(
        msg::CONFIRM_BODY,
        &[
            ("email", v.new_email.clone()),
            ("tenant", shell.branding.name.clone()),
        ],
    );
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::CONFIRM_HEADING)) }
                p.page-intro { (body) }
                form method="post" action=(CONFIRM_PATH) {
                    input type="hidden" name="token" value=(v.token);
                    input type="hidden" name="csrf_token" value=(v.csrf_token);
                    @if let Some(slug) = &v.tenant_slug {
                        input type="hidden" name="tenant" value=(slug);
                    }
                    button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::CONFIRM_SUBMIT)) }
                }
            }
        }
        script nonce=(shell.csp_nonce) { (PreEscaped(STRIP_TOKEN)) }
    };
    layout::page(shell, content)
}

pub fn done_title(t: Translator<'_>) -> String {
    t.tr(msg::DONE_TITLE)
}

/// "Your email address has been changed": on to the profile (still signed in) or to sign-in.
pub fn done(shell: &PageShell<'_>, new_email: &str, next: &str, signed_in: bool) -> Markup {
    let t = shell.t;
    let action = if signed_in {
        msg::DONE_PROFILE
    } else {
        msg::DONE_SIGN_IN
    };
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::DONE_HEADING)) }
                (notice(&t.tr_args(msg::DONE_BODY, &[("email", new_email.to_owned())])))
                a.btn.btn--primary.btn--block href=(next) { (t.tr(action)) }
            }
        }
    };
    layout::page(shell, content)
}

/// Why a link changed nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// Expired, used, replaced, cancelled or unknown.
    Invalid,
    /// Another user signs in with the address now.
    Taken { email: String },
}

pub fn unusable_title(t: Translator<'_>, why: &Unusable) -> String {
    t.tr(match why {
        Unusable::Invalid => msg::INVALID_TITLE,
        Unusable::Taken { .. } => msg::TAKEN_TITLE,
    })
}

/// The link changed nothing: why, and the way to the profile to ask again.
pub fn unusable(shell: &PageShell<'_>, why: &Unusable, profile_url: &str) -> Markup {
    let t = shell.t;
    let (heading, body) = match why {
        Unusable::Invalid => (t.tr(msg::INVALID_HEADING), t.tr(msg::INVALID_BODY)),
        Unusable::Taken { email } => (
            t.tr(msg::TAKEN_HEADING),
            t.tr_args(msg::TAKEN_BODY, &[("email", email.clone())]),
        ),
    };
    let content = html! {
        div.auth {
            div.card {
                h1 { (heading) }
                (alert("email-change-error", &body))
                a.btn.btn--primary.btn--block href=(profile_url) { (t.tr(msg::TO_PROFILE)) }
            }
        }
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests;
