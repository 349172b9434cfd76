//! The profile's "Email notifications" card (one checkbox per kind the person's role can
//! receive) and the one-click unsubscribe pages an email's link opens without signing in.

use maud::{html, Markup};

use crate::components::{alert, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub const PREFERENCES_PATH: &str = "/client-portal/profile/notifications";

pub(crate) mod msg {
    crate::i18n::message_ids! {
        KIND_TICKET_REPLY = "notify-kind-ticket_reply";
        KIND_TICKET_CLOSED = "notify-kind-ticket_closed";
        KIND_INVOICE = "notify-kind-invoice_finalized";
        KIND_INVITATION = "notify-kind-invitation_accepted";
        CARD_TITLE = "notify-card-title";
        CARD_INTRO = "notify-card-intro";
        CARD_SAVE = "notify-card-save";
        SAVED = "notify-saved";
        CARD_NONE = "notify-card-none";
        UNSUBSCRIBE_TITLE = "unsubscribe-title";
        UNSUBSCRIBE_CONFIRM = "unsubscribe-confirm";
        UNSUBSCRIBE_CONFIRM_HINT = "unsubscribe-confirm-hint";
        UNSUBSCRIBE_BUTTON = "unsubscribe-button";
        UNSUBSCRIBE_DONE = "unsubscribe-done";
        UNSUBSCRIBE_DONE_HINT = "unsubscribe-done-hint";
        UNSUBSCRIBE_INVALID = "unsubscribe-invalid";
        UNSUBSCRIBE_SIGN_IN = "unsubscribe-sign-in";
    }
}

/// What a kind of email is called, by its name (`ticket_reply`, …).
pub fn kind_label(t: Translator<'_>, kind: &str, tenant: &str) -> String {
    let id = match kind {
        "ticket_reply" => msg::KIND_TICKET_REPLY,
        "ticket_closed" => msg::KIND_TICKET_CLOSED,
        "invoice_finalized" => msg::KIND_INVOICE,
        _ => msg::KIND_INVITATION,
    };
    t.tr_args(id, &[("tenant", tenant.to_owned())])
}

/// The card: each kind offered with whether it is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotificationsCard {
    pub tenant_name: String,
    /// (kind name, on).
    pub kinds: Vec<(&'static str, bool)>,
    pub saved: bool,
}

pub fn card(t: Translator<'_>, v: &NotificationsCard, csrf_token: &str) -> Markup {
    html! {
        section.card #notifications aria-labelledby="notifications-heading" {
            h2 #notifications-heading { (t.tr(msg::CARD_TITLE)) }
            @if v.saved { (notice(&t.tr(msg::SAVED))) }
            @if v.kinds.is_empty() {
                p { (t.tr(msg::CARD_NONE)) }
            } @else {
                p { (t.tr_args(msg::CARD_INTRO, &[("tenant", v.tenant_name.clone())])) }
                form method="post" action=(PREFERENCES_PATH) {
                    input type="hidden" name="csrf_token" value=(csrf_token);
                    @for (kind, on) in &v.kinds {
                        div.field.field--check {
                            input id={ "notify-" (kind) } type="checkbox" name=(kind) value="on" checked[*on];
                            label for={ "notify-" (kind) } { (kind_label(t, kind, &v.tenant_name)) }
                        }
                    }
                    button.btn.btn--primary type="submit" { (t.tr(msg::CARD_SAVE)) }
                }
            }
        }
    }
}

pub fn unsubscribe_title(t: Translator<'_>) -> String {
    t.tr(msg::UNSUBSCRIBE_TITLE)
}

/// What the unsubscribe page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnsubscribeView {
    /// Asks before changing anything (mail scanners open links; only a POST unsubscribes).
    Confirm {
        kind_label: String,
        action: String,
    },
    Done {
        kind_label: String,
        sign_in: String,
    },
    Invalid {
        sign_in: String,
    },
}

pub fn unsubscribe(shell: &PageShell<'_>, v: &UnsubscribeView) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::UNSUBSCRIBE_TITLE)) }
                @match v {
                    UnsubscribeView::Confirm { kind_label, action } => {
                        p { (t.tr_args(msg::UNSUBSCRIBE_CONFIRM, &[("kind", kind_label.clone())])) }
                        p.field-hint { (t.tr(msg::UNSUBSCRIBE_CONFIRM_HINT)) }
                        form method="post" action=(action) {
                            input type="hidden" name="List-Unsubscribe" value="One-Click";
                            button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::UNSUBSCRIBE_BUTTON)) }
                        }
                    }
                    UnsubscribeView::Done { kind_label, sign_in } => {
                        (notice(&t.tr_args(msg::UNSUBSCRIBE_DONE, &[("kind", kind_label.clone())])))
                        p.page-intro { (t.tr(msg::UNSUBSCRIBE_DONE_HINT)) }
                        p.auth-links { a href=(sign_in) { (t.tr(msg::UNSUBSCRIBE_SIGN_IN)) } }
                    }
                    UnsubscribeView::Invalid { sign_in } => {
                        (alert("unsubscribe-error", &t.tr(msg::UNSUBSCRIBE_INVALID)))
                        a.btn.btn--primary.btn--block href=(sign_in) { (t.tr(msg::UNSUBSCRIBE_SIGN_IN)) }
                    }
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
    use crate::test_support::{assert_escaped, assert_no_raw_ids, TestResult, EVIL};

    #[test]
    fn the_card_offers_each_kind_checked_as_stored_and_escapes_the_tenant() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let html = card(
            t,
            &NotificationsCard {
                tenant_name: EVIL.into(),
                kinds: vec![("ticket_reply", true), ("invoice_finalized", false)],
                saved: true,
            },
            "csrf",
        )
        .into_string();
        assert!(
            html.contains(r#"name="ticket_reply" value="on" checked"#),
            "{html}"
        );
        assert!(
            html.contains(r#"name="invoice_finalized" value="on">"#),
            "{html}"
        );
        assert!(html.contains("were saved"));
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        Ok(())
    }

    #[test]
    fn a_role_without_emails_is_told_so() -> TestResult {
        let locales = Locales::load()?;
        let html = card(locales.translator("en"), &NotificationsCard::default(), "c").into_string();
        assert!(html.contains("no notification emails"));
        assert!(!html.contains("<form"));
        Ok(())
    }
}
