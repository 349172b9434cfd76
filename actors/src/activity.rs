//! What happened in a client company that its people should hear of, as one source: each
//! change that matters (an MSP reply, a ticket's status, a finalized invoice, a payment, a
//! project's status, an accepted invitation) writes one `activity` row in the transaction that
//! makes the change. The dashboard's "Recent activity" reads the latest rows the viewer may see;
//! the notifier turns the rows that warrant an email into emails, exactly once.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// How many events the dashboard lists.
pub const DASHBOARD_EVENTS: i64 = 8;

/// What kind of event (the `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    /// The MSP replied on a ticket (a comment clients see).
    TicketReply,
    /// A ticket's status changed (`closes`: to a closing status).
    TicketStatus,
    InvoiceFinalized,
    PaymentReceived,
    ProjectStatus,
    /// An invited colleague set up their account (for the client admin who invited).
    InvitationAccepted,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 6] = [
        ActivityKind::TicketReply,
        ActivityKind::TicketStatus,
        ActivityKind::InvoiceFinalized,
        ActivityKind::PaymentReceived,
        ActivityKind::ProjectStatus,
        ActivityKind::InvitationAccepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::TicketReply => "ticket_reply",
            ActivityKind::TicketStatus => "ticket_status",
            ActivityKind::InvoiceFinalized => "invoice_finalized",
            ActivityKind::PaymentReceived => "payment_received",
            ActivityKind::ProjectStatus => "project_status",
            ActivityKind::InvitationAccepted => "invitation_accepted",
        }
    }

    pub fn parse(stored: &str) -> Option<ActivityKind> {
        ActivityKind::ALL.into_iter().find(|k| k.as_str() == stored)
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub client_id: Uuid,
    pub kind: ActivityKind,
    pub subject_id: Uuid,
    pub item_id: Option<Uuid>,
    pub reference: String,
    pub title: String,
    pub detail: String,
    pub amount: Option<(i64, String)>,
    pub closes: bool,
    pub for_user_id: Option<Uuid>,
    pub occurred_at: DateTime<Utc>,
}

impl NewActivity {
    fn new(
        kind: ActivityKind,
        client_id: Uuid,
        subject_id: Uuid,
        reference: &str,
        title: &str,
        at: DateTime<Utc>,
    ) -> NewActivity {
        NewActivity {
            client_id,
            kind,
            subject_id,
            item_id: None,
            reference: reference.to_owned(),
            title: title.to_owned(),
            detail: String::new(),
            amount: None,
            closes: false,
            for_user_id: None,
            occurred_at: at,
        }
    }

    /// The MSP's reply `comment_id` by `author` on a ticket.
    pub fn ticket_reply(ticket: TicketRef<'_>, comment_id: Uuid, author: &str) -> NewActivity {
        NewActivity {
            item_id: Some(comment_id),
            detail: author.to_owned(),
            ..Self::new(
                ActivityKind::TicketReply,
                ticket.client_id,
                ticket.ticket_id,
                ticket.number,
                ticket.title,
                ticket.at,
            )
        }
    }

    /// A ticket now in `status` (`closes`: a closing one).
    pub fn ticket_status(ticket: TicketRef<'_>, status: &str, closes: bool) -> NewActivity {
        NewActivity {
            detail: status.to_owned(),
            closes,
            ..Self::new(
                ActivityKind::TicketStatus,
                ticket.client_id,
                ticket.ticket_id,
                ticket.number,
                ticket.title,
                ticket.at,
            )
        }
    }

    /// An invoice finalized for `total` in `currency`.
    pub fn invoice_finalized(
        client_id: Uuid,
        invoice_id: Uuid,
        number: &str,
        total: (i64, &str),
        at: DateTime<Utc>,
    ) -> NewActivity {
        NewActivity {
            amount: Some((total.0, total.1.to_owned())),
            ..Self::new(
                ActivityKind::InvoiceFinalized,
                client_id,
                invoice_id,
                number,
                "",
                at,
            )
        }
    }

    /// A payment received; `reference` is its invoice's number (empty without one).
    pub fn payment_received(
        client_id: Uuid,
        payment_id: Uuid,
        reference: &str,
        amount: (i64, &str),
        at: DateTime<Utc>,
    ) -> NewActivity {
        NewActivity {
            item_id: Some(payment_id),
            amount: Some((amount.0, amount.1.to_owned())),
            ..Self::new(
                ActivityKind::PaymentReceived,
                client_id,
                payment_id,
                reference,
                "",
                at,
            )
        }
    }

    /// A project now in `status`.
    pub fn project_status(
        client_id: Uuid,
        project_id: Uuid,
        number: &str,
        name: &str,
        status: &str,
        at: DateTime<Utc>,
    ) -> NewActivity {
        NewActivity {
            detail: status.to_owned(),
            ..Self::new(
                ActivityKind::ProjectStatus,
                client_id,
                project_id,
                number,
                name,
                at,
            )
        }
    }

    /// `member` (a user of `client_id`) accepted the invitation of `inviter`.
    pub fn invitation_accepted(
        client_id: Uuid,
        member: Uuid,
        email: &str,
        name: &str,
        inviter: Option<Uuid>,
        at: DateTime<Utc>,
    ) -> NewActivity {
        NewActivity {
            for_user_id: inviter,
            ..Self::new(
                ActivityKind::InvitationAccepted,
                client_id,
                member,
                email,
                name,
                at,
            )
        }
    }

    /// Whether the notifier has anything to send for it: MSP replies, closed tickets, finalized
    /// invoices and accepted invitations (with someone who invited).
    pub fn wants_notice(&self) -> bool {
        match self.kind {
            ActivityKind::TicketReply | ActivityKind::InvoiceFinalized => true,
            ActivityKind::TicketStatus => self.closes,
            ActivityKind::InvitationAccepted => self.for_user_id.is_some(),
            ActivityKind::PaymentReceived | ActivityKind::ProjectStatus => false,
        }
    }
}

/// The ticket an event is about.
#[derive(Debug, Clone, Copy)]
pub struct TicketRef<'a> {
    pub client_id: Uuid,
    pub ticket_id: Uuid,
    pub number: &'a str,
    pub title: &'a str,
    pub at: DateTime<Utc>,
}

/// One event as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ActivityItem {
    pub kind: String,
    pub subject_id: Uuid,
    pub reference: String,
    pub title: String,
    pub detail: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub closes: bool,
    pub occurred_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_only_some_send_email() {
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ActivityKind::parse("other"), None);
        let at = DateTime::UNIX_EPOCH;
        let ticket = TicketRef {
            client_id: Uuid::nil(),
            ticket_id: Uuid::nil(),
            number: "T-1",
            title: "Printer",
            at,
        };
        assert!(NewActivity::ticket_reply(ticket, Uuid::nil(), "Sam").wants_notice());
        assert!(NewActivity::ticket_status(ticket, "Closed", true).wants_notice());
        assert!(!NewActivity::ticket_status(ticket, "In progress", false).wants_notice());
        let paid = NewActivity::payment_received(Uuid::nil(), Uuid::nil(), "INV-1", (5, "EUR"), at);
        assert!(!paid.wants_notice());
        let accepted =
            NewActivity::invitation_accepted(Uuid::nil(), Uuid::nil(), "a@b.c", "A", None, at);
        assert!(!accepted.wants_notice());
    }
}
