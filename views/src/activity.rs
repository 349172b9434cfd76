//! The dashboard's "Recent activity": the company's latest events the user may see (MSP
//! replies, ticket status changes, invoices, payments, project news, colleagues who joined),
//! each linking to its page.

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use crate::billing::{invoice_path, Amount, PAYMENTS_PATH};
use crate::components::instant_time;
use crate::i18n::Translator;

pub(crate) mod msg {
    crate::i18n::message_ids! {
        HEADING = "dashboard-activity-heading";
        NONE = "dashboard-activity-none";
        REPLY = "dashboard-activity-reply";
        STATUS = "dashboard-activity-status";
        CLOSED = "dashboard-activity-closed";
        INVOICE = "dashboard-activity-invoice";
        PAYMENT = "dashboard-activity-payment";
        PAYMENT_FOR = "dashboard-activity-payment-for";
        PROJECT = "dashboard-activity-project";
        JOINED = "dashboard-activity-joined";
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActivityEvent {
    TicketReply {
        number: String,
        title: String,
        author: String,
    },
    TicketStatus {
        number: String,
        title: String,
        status: String,
        closes: bool,
    },
    InvoiceFinalized {
        number: String,
        total: Amount,
    },
    /// `invoice`: the invoice it paid, when known.
    PaymentReceived {
        invoice: Option<String>,
        amount: Amount,
    },
    ProjectStatus {
        number: String,
        name: String,
        status: String,
    },
    MemberJoined {
        user_id: String,
        who: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityEntry {
    pub event: ActivityEvent,
    pub at: DateTime<Utc>,
}

/// The sentence and where it links.
fn line(t: Translator<'_>, event: &ActivityEvent) -> (String, String) {
    let ticket = |number: &str, title: &str| format!("{number} · {title}");
    match event {
        ActivityEvent::TicketReply {
            number,
            title,
            author,
        } => (
            t.tr_args(
                msg::REPLY,
                &[
                    ("author", author.clone()),
                    ("ticket", ticket(number, title)),
                ],
            ),
            crate::tickets::ticket_path(number),
        ),
        ActivityEvent::TicketStatus {
            number,
            title,
            status,
            closes,
        } => (
            t.tr_args(
                if *closes { msg::CLOSED } else { msg::STATUS },
                &[
                    ("ticket", ticket(number, title)),
                    ("status", status.clone()),
                ],
            ),
            crate::tickets::ticket_path(number),
        ),
        ActivityEvent::InvoiceFinalized { number, total } => (
            t.tr_args(
                msg::INVOICE,
                &[("number", number.clone()), ("total", total.text(t))],
            ),
            invoice_path(number),
        ),
        ActivityEvent::PaymentReceived { invoice, amount } => match invoice {
            Some(number) => (
                t.tr_args(
                    msg::PAYMENT_FOR,
                    &[("amount", amount.text(t)), ("number", number.clone())],
                ),
                invoice_path(number),
            ),
            None => (
                t.tr_args(msg::PAYMENT, &[("amount", amount.text(t))]),
                PAYMENTS_PATH.to_owned(),
            ),
        },
        ActivityEvent::ProjectStatus {
            number,
            name,
            status,
        } => (
            t.tr_args(
                msg::PROJECT,
                &[
                    ("project", format!("{number} · {name}")),
                    ("status", status.clone()),
                ],
            ),
            crate::projects::project_path(number),
        ),
        ActivityEvent::MemberJoined { user_id, who } => (
            t.tr_args(msg::JOINED, &[("who", who.clone())]),
            crate::company_member::member_path(user_id),
        ),
    }
}

pub fn card(t: Translator<'_>, entries: &[ActivityEntry]) -> Markup {
    html! {
        section.card aria-labelledby="activity-heading" {
            h2 #activity-heading { (t.tr(msg::HEADING)) }
            @if entries.is_empty() {
                p { (t.tr(msg::NONE)) }
            } @else {
                ul.activity-list {
                    @for entry in entries {
                        @let (text, href) = line(t, &entry.event);
                        li {
                            a href=(href) { (text) }
                            " " (instant_time(t, entry.at))
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::{assert_escaped, assert_no_raw_ids, TestResult, EVIL};

    #[test]
    fn each_event_links_to_its_page_and_escapes_what_it_quotes() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let at = DateTime::UNIX_EPOCH;
        let amount = Amount {
            minor: 12_345,
            code: "EUR".into(),
            digits: 2,
        };
        let entries: Vec<ActivityEntry> = [
            ActivityEvent::TicketReply {
                number: "T-1".into(),
                title: EVIL.into(),
                author: "Sam".into(),
            },
            ActivityEvent::TicketStatus {
                number: "T-1".into(),
                title: "Printer".into(),
                status: "Closed".into(),
                closes: true,
            },
            ActivityEvent::InvoiceFinalized {
                number: "INV-9".into(),
                total: amount.clone(),
            },
            ActivityEvent::PaymentReceived {
                invoice: None,
                amount,
            },
            ActivityEvent::ProjectStatus {
                number: "P-2".into(),
                name: "Office move".into(),
                status: "In progress".into(),
            },
            ActivityEvent::MemberJoined {
                user_id: "u1".into(),
                who: "Ben".into(),
            },
        ]
        .into_iter()
        .map(|event| ActivityEntry { event, at })
        .collect();
        let html = card(t, &entries).into_string();
        for href in [
            "/client-portal/tickets/T-1",
            "/client-portal/billing/invoices/INV-9",
            PAYMENTS_PATH,
            "/client-portal/projects/P-2",
            "/client-portal/client-settings/users/u1",
        ] {
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{href} in {html}"
            );
        }
        assert!(html.contains("Sam replied on T-1"));
        assert!(html.contains("was closed"));
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        let empty = card(t, &[]).into_string();
        assert!(empty.contains("Nothing has happened yet"));
        Ok(())
    }
}
