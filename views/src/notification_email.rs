//! Notification emails: an MSP reply (or the replies gathered after it), a ticket closed, a new
//! invoice, a colleague who joined. Each names the tenant, links to the page on the tenant's
//! host, and ends with its one-click unsubscribe link.

use chrono::{DateTime, NaiveDate, Utc};

use crate::components::{format_date, format_instant};
use crate::email::{greeting, render_with_footer, Block, RenderedEmail};
use crate::i18n::Translator;

pub(crate) mod msg {
    crate::i18n::message_ids! {
        REPLY_SUBJECT = "notify-reply-subject";
        REPLIES_SUBJECT = "notify-replies-subject";
        REPLY_INTRO = "notify-reply-intro";
        REPLIES_INTRO = "notify-replies-intro";
        REPLY_HEADING = "notify-reply-heading";
        REPLY_ANSWER = "notify-reply-answer";
        REPLY_ACTION = "notify-reply-action";
        CLOSED_SUBJECT = "notify-closed-subject";
        CLOSED_BODY = "notify-closed-body";
        CLOSED_REOPEN = "notify-closed-reopen";
        INVOICE_SUBJECT = "notify-invoice-subject";
        INVOICE_BODY = "notify-invoice-body";
        INVOICE_DUE = "notify-invoice-due";
        INVOICE_ACTION = "notify-invoice-action";
        ACCEPTED_SUBJECT = "notify-accepted-subject";
        ACCEPTED_BODY = "notify-accepted-body";
        ACCEPTED_ACTION = "notify-accepted-action";
        UNSUBSCRIBE = "notify-unsubscribe";
    }
}

/// One reply as quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// What the email is about, with the link to its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationContent {
    TicketReplies {
        number: String,
        title: String,
        replies: Vec<Reply>,
        follow_up: bool,
        link: String,
    },
    TicketClosed {
        number: String,
        title: String,
        status: String,
        closed_at: DateTime<Utc>,
        link: String,
    },
    InvoiceFinalized {
        number: String,
        /// Already formatted for the recipient.
        total: String,
        due: Option<NaiveDate>,
        link: String,
    },
    InvitationAccepted {
        member: String,
        link: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationEmail {
    pub tenant_name: String,
    pub recipient_name: String,
    pub content: NotificationContent,
    pub unsubscribe_link: String,
}

/// The longest reply quoted whole; longer ones are cut (the page has the rest).
const QUOTE_CHARS: usize = 4_000;

fn quoted(body: &str) -> String {
    let body = body.trim();
    if body.chars().count() > QUOTE_CHARS {
        let mut cut: String = body.chars().take(QUOTE_CHARS).collect();
        cut.push('…');
        cut
    } else {
        body.to_owned()
    }
}

pub fn notification(t: Translator<'_>, e: &NotificationEmail) -> RenderedEmail {
    let tenant = ("tenant", e.tenant_name.clone());
    let mut blocks = vec![Block::Text(greeting(t, &e.recipient_name))];
    let subject = match &e.content {
        NotificationContent::TicketReplies {
            number,
            title,
            replies,
            follow_up,
            link,
        } => {
            let args = [
                tenant.clone(),
                ("number", number.clone()),
                ("title", title.clone()),
            ];
            let count = [("count", i64::try_from(replies.len()).unwrap_or(i64::MAX))];
            let (subject, intro) = if *follow_up {
                (msg::REPLIES_SUBJECT, msg::REPLIES_INTRO)
            } else {
                (msg::REPLY_SUBJECT, msg::REPLY_INTRO)
            };
            blocks.push(Block::Text(t.tr_mixed(intro, &args, &count)));
            for reply in replies {
                blocks.push(Block::Quote {
                    heading: t.tr_args(
                        msg::REPLY_HEADING,
                        &[
                            ("author", reply.author.clone()),
                            ("when", format_instant(t, reply.at)),
                        ],
                    ),
                    body: quoted(&reply.body),
                });
            }
            blocks.push(Block::Text(t.tr(msg::REPLY_ANSWER)));
            blocks.push(Block::Action {
                label: t.tr(msg::REPLY_ACTION),
                link: link.clone(),
            });
            t.tr_mixed(subject, &args, &count)
        }
        NotificationContent::TicketClosed {
            number,
            title,
            status,
            closed_at,
            link,
        } => {
            let args = [
                tenant.clone(),
                ("number", number.clone()),
                ("title", title.clone()),
                ("status", status.clone()),
                ("when", format_instant(t, *closed_at)),
            ];
            blocks.push(Block::Text(t.tr_args(msg::CLOSED_BODY, &args)));
            blocks.push(Block::Text(t.tr(msg::CLOSED_REOPEN)));
            blocks.push(Block::Action {
                label: t.tr(msg::REPLY_ACTION),
                link: link.clone(),
            });
            t.tr_args(msg::CLOSED_SUBJECT, &args)
        }
        NotificationContent::InvoiceFinalized {
            number,
            total,
            due,
            link,
        } => {
            let args = [
                tenant.clone(),
                ("number", number.clone()),
                ("total", total.clone()),
            ];
            blocks.push(Block::Text(t.tr_args(msg::INVOICE_BODY, &args)));
            if let Some(due) = due {
                blocks.push(Block::Text(
                    t.tr_args(msg::INVOICE_DUE, &[("due", format_date(t, *due))]),
                ));
            }
            blocks.push(Block::Action {
                label: t.tr(msg::INVOICE_ACTION),
                link: link.clone(),
            });
            t.tr_args(msg::INVOICE_SUBJECT, &args)
        }
        NotificationContent::InvitationAccepted { member, link } => {
            let args = [tenant.clone(), ("who", member.clone())];
            blocks.push(Block::Text(t.tr_args(msg::ACCEPTED_BODY, &args)));
            blocks.push(Block::Action {
                label: t.tr(msg::ACCEPTED_ACTION),
                link: link.clone(),
            });
            t.tr_args(msg::ACCEPTED_SUBJECT, &args)
        }
    };
    render_with_footer(
        t,
        subject,
        &e.tenant_name,
        blocks,
        Some((t.tr(msg::UNSUBSCRIBE), e.unsubscribe_link.clone())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::{assert_no_raw_ids, TestResult};

    fn email(content: NotificationContent) -> NotificationEmail {
        NotificationEmail {
            tenant_name: "Northwind <IT>".into(),
            recipient_name: "Ada".into(),
            content,
            unsubscribe_link: "https://portal.example/u/tok".into(),
        }
    }

    #[test]
    fn a_follow_up_counts_and_quotes_every_reply_and_escapes_html() -> TestResult {
        let locales = Locales::load()?;
        let at = DateTime::UNIX_EPOCH;
        let reply = |body: &str| Reply {
            author: "Sam".into(),
            body: body.into(),
            at,
        };
        let mail = notification(
            locales.translator("en"),
            &email(NotificationContent::TicketReplies {
                number: "T-7".into(),
                title: "Printer <jam>".into(),
                replies: vec![reply("second"), reply("<script>x</script>")],
                follow_up: true,
                link: "https://portal.example/t/T-7".into(),
            }),
        );
        assert!(
            mail.subject.contains("2 more replies on ticket T-7"),
            "{}",
            mail.subject
        );
        assert!(mail.text.contains("> second"));
        assert!(mail.text.contains("https://portal.example/u/tok"));
        assert!(mail.html.contains("&lt;script&gt;"));
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("Northwind &lt;IT&gt;"));
        assert_no_raw_ids(&mail.text);
        Ok(())
    }

    #[test]
    fn a_follow_up_of_one_reply_says_so_in_the_singular() -> TestResult {
        let locales = Locales::load()?;
        let mail = notification(
            locales.translator("en"),
            &email(NotificationContent::TicketReplies {
                number: "T-7".into(),
                title: "Printer".into(),
                replies: vec![Reply {
                    author: "Sam".into(),
                    body: "one".into(),
                    at: DateTime::UNIX_EPOCH,
                }],
                follow_up: true,
                link: "https://portal.example/t/T-7".into(),
            }),
        );
        assert_eq!(mail.subject, "One more reply on ticket T-7: Printer");
        assert!(mail.text.contains("added one more reply"), "{}", mail.text);
        Ok(())
    }

    #[test]
    fn long_replies_are_cut() {
        let long = "x".repeat(QUOTE_CHARS + 10);
        assert_eq!(quoted(&long).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(quoted(" short "), "short");
    }

    #[test]
    fn an_invoice_says_its_total_and_due_date() -> TestResult {
        let locales = Locales::load()?;
        let mail = notification(
            locales.translator("en"),
            &email(NotificationContent::InvoiceFinalized {
                number: "INV-9".into(),
                total: "€1,234.50".into(),
                due: NaiveDate::from_ymd_opt(2026, 12, 31),
                link: "https://portal.example/b/INV-9".into(),
            }),
        );
        assert_eq!(mail.subject, "New invoice INV-9 from Northwind <IT>");
        assert!(mail.text.contains("€1,234.50"));
        assert!(mail.text.contains("2026"), "{}", mail.text);
        assert_no_raw_ids(&mail.html);
        Ok(())
    }
}
