//! Notification emails: what a client user may be told by email (an MSP reply on their ticket,
//! their ticket closed, a new invoice, a colleague they invited who joined), whether they want
//! it (a preference per kind, on by default), and the signed one-click unsubscribe link each
//! email carries (RFC 8058), which needs no sign-in and changes only that one preference.
//!
//! The `Notifier` actor turns `activity` rows into emails; the HTTP edge supplies the renderer
//! (the views crate knows the words and languages, this crate does not).

mod notifier;

pub use notifier::{Notifier, NotifierConfig, NotifyDue, ACTOR_NAME};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::model::ReaderPrefs;
use crate::secret_box::SecretBox;
use crate::store::outbox::{EmailContent, MailKind};

/// What a person can be emailed about (one preference each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    TicketReply,
    TicketClosed,
    InvoiceFinalized,
    InvitationAccepted,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 4] = [
        NotificationKind::TicketReply,
        NotificationKind::TicketClosed,
        NotificationKind::InvoiceFinalized,
        NotificationKind::InvitationAccepted,
    ];

    /// The name in forms, URLs and the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::TicketReply => "ticket_reply",
            NotificationKind::TicketClosed => "ticket_closed",
            NotificationKind::InvoiceFinalized => "invoice_finalized",
            NotificationKind::InvitationAccepted => "invitation_accepted",
        }
    }

    pub fn parse(name: &str) -> Option<NotificationKind> {
        NotificationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == name)
    }

    /// The `user_preferences` key; the value `off` turns the emails off.
    pub fn pref_key(self) -> &'static str {
        match self {
            NotificationKind::TicketReply => "notify_ticket_reply",
            NotificationKind::TicketClosed => "notify_ticket_closed",
            NotificationKind::InvoiceFinalized => "notify_invoice_finalized",
            NotificationKind::InvitationAccepted => "notify_invitation_accepted",
        }
    }

    pub fn mail_kind(self) -> MailKind {
        match self {
            NotificationKind::TicketReply => MailKind::TicketReply,
            NotificationKind::TicketClosed => MailKind::TicketClosed,
            NotificationKind::InvoiceFinalized => MailKind::InvoiceFinalized,
            NotificationKind::InvitationAccepted => MailKind::InvitationAccepted,
        }
    }

    fn code(self) -> u8 {
        match self {
            NotificationKind::TicketReply => 1,
            NotificationKind::TicketClosed => 2,
            NotificationKind::InvoiceFinalized => 3,
            NotificationKind::InvitationAccepted => 4,
        }
    }

    fn from_code(code: u8) -> Option<NotificationKind> {
        NotificationKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether a client user of this role (`admin`, `finance`, `user`) can receive it: invoices
    /// go to Finance and Admin, accepted invitations to admins.
    pub fn offered_to(self, portal_role: &str) -> bool {
        match self {
            NotificationKind::TicketReply | NotificationKind::TicketClosed => true,
            NotificationKind::InvoiceFinalized => matches!(portal_role, "admin" | "finance"),
            NotificationKind::InvitationAccepted => portal_role == "admin",
        }
    }
}

/// One person's choices: the kinds they turned off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotificationChoices {
    pub off: Vec<NotificationKind>,
}

impl NotificationChoices {
    pub fn wants(&self, kind: NotificationKind) -> bool {
        !self.off.contains(&kind)
    }
}

/// The purpose the unsubscribe links' key is derived for.
const UNSUBSCRIBE_KEY_PURPOSE: &[u8] = b"portal notification unsubscribe v1";
/// Bytes of the HMAC kept in a link (128 bits).
const MAC_LEN: usize = 16;

/// Who and what an unsubscribe link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsubscribe {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub kind: NotificationKind,
}

impl Unsubscribe {
    fn payload(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(33);
        bytes.extend_from_slice(self.tenant.as_bytes());
        bytes.extend_from_slice(self.user_id.as_bytes());
        bytes.push(self.kind.code());
        bytes
    }

    fn mac(secrets: &SecretBox, payload: &[u8]) -> Option<Hmac<Sha256>> {
        let key = secrets.derive_key(UNSUBSCRIBE_KEY_PURPOSE).ok()?;
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(secrecy::ExposeSecret::expose_secret(&key))
                .ok()?;
        mac.update(payload);
        Some(mac)
    }

    /// The link's token: who, which kind, and an HMAC over both (it never expires: an old
    /// email's link keeps working, and it can do nothing but turn one kind of email off).
    pub fn token(&self, secrets: &SecretBox) -> Option<String> {
        let mut bytes = self.payload();
        let mac = Self::mac(secrets, &bytes)?.finalize().into_bytes();
        bytes.extend_from_slice(mac.get(..MAC_LEN)?);
        Some(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// What a token names, when it is one this portal signed.
    pub fn verify(secrets: &SecretBox, token: &str) -> Option<Unsubscribe> {
        let bytes = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
        if bytes.len() != 33 + MAC_LEN {
            return None;
        }
        let (payload, tag) = bytes.split_at(33);
        Self::mac(secrets, payload)?
            .verify_truncated_left(tag)
            .ok()?;
        let id = |range: std::ops::Range<usize>| Uuid::from_slice(payload.get(range)?).ok();
        Some(Unsubscribe {
            tenant: id(0..16)?,
            user_id: id(16..32)?,
            kind: NotificationKind::from_code(*payload.get(32)?)?,
        })
    }
}

/// The tenant an email comes from, for its words and links.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TenantMailContext {
    pub tenant: Uuid,
    pub slug: String,
    pub name: String,
    pub default_locale: String,
    /// The vanity domain when it is active: links go there.
    pub active_domain: Option<String>,
    /// The MSP's support address: the emails' `Reply-To`.
    pub support_email: Option<String>,
    /// The logo for light backgrounds (the top of its emails), when set.
    pub logo_light_sha256: Option<String>,
    pub logo_light_type: Option<String>,
}

impl TenantMailContext {
    /// The logo its emails show at the top, when it has one.
    pub fn email_logo(&self) -> Option<crate::model::BrandImage> {
        Some(crate::model::BrandImage {
            content_hash: self.logo_light_sha256.clone()?,
            content_type: self.logo_light_type.clone()?,
        })
    }
}

/// One person an email goes to, with how they read.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub user_id: Uuid,
    pub email: String,
    pub full_name: String,
    /// Their language (theirs, else their company's, else the tenant's).
    pub locale: String,
    pub prefs: ReaderPrefs,
}

/// One MSP reply as an email quotes it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QuotedReply {
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// What an email is about.
#[derive(Debug, Clone)]
pub enum NotificationBody {
    /// The MSP replied (`follow_up`: the replies gathered after the first one's email).
    TicketReplies {
        number: String,
        title: String,
        replies: Vec<QuotedReply>,
        follow_up: bool,
    },
    TicketClosed {
        number: String,
        title: String,
        status: String,
        closed_at: DateTime<Utc>,
    },
    InvoiceFinalized {
        number: String,
        total_minor: i64,
        currency: String,
        due_date: Option<NaiveDate>,
    },
    InvitationAccepted {
        member_id: Uuid,
        member_name: String,
        member_email: String,
    },
}

impl NotificationBody {
    pub fn kind(&self) -> NotificationKind {
        match self {
            NotificationBody::TicketReplies { .. } => NotificationKind::TicketReply,
            NotificationBody::TicketClosed { .. } => NotificationKind::TicketClosed,
            NotificationBody::InvoiceFinalized { .. } => NotificationKind::InvoiceFinalized,
            NotificationBody::InvitationAccepted { .. } => NotificationKind::InvitationAccepted,
        }
    }
}

/// One email to render.
#[derive(Debug, Clone)]
pub struct Notification<'a> {
    pub tenant: &'a TenantMailContext,
    pub recipient: &'a Recipient,
    pub body: &'a NotificationBody,
    /// For the one-click unsubscribe link.
    pub unsubscribe_token: &'a str,
}

/// A rendered email and its unsubscribe URL (for the `List-Unsubscribe` header).
#[derive(Debug, Clone)]
pub struct RenderedNotification {
    pub content: EmailContent,
    pub unsubscribe_url: String,
}

/// Renders notification emails (implemented at the HTTP edge with the views crate).
pub trait NotificationRenderer: Send + Sync + 'static {
    fn render(&self, mail: &Notification<'_>) -> RenderedNotification;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_verify_and_refuse_tampering() {
        let secrets = SecretBox::from_base64(&SecretBox::generate_key()).unwrap();
        let other = SecretBox::from_base64(&SecretBox::generate_key()).unwrap();
        let link = Unsubscribe {
            tenant: Uuid::new_v4(),
            user_id: Uuid::new_v4(),
            kind: NotificationKind::InvoiceFinalized,
        };
        let token = link.token(&secrets).unwrap();
        assert_eq!(Unsubscribe::verify(&secrets, &token), Some(link));
        assert_eq!(Unsubscribe::verify(&other, &token), None);
        let mut bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
        bytes[32] = NotificationKind::TicketReply.code();
        assert_eq!(
            Unsubscribe::verify(&secrets, &URL_SAFE_NO_PAD.encode(&bytes)),
            None
        );
        assert_eq!(Unsubscribe::verify(&secrets, "not-a-token"), None);
        assert_eq!(Unsubscribe::verify(&secrets, ""), None);
    }

    #[test]
    fn kinds_round_trip_and_are_offered_by_role() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
            assert_eq!(NotificationKind::from_code(kind.code()), Some(kind));
        }
        assert!(NotificationKind::InvoiceFinalized.offered_to("finance"));
        assert!(!NotificationKind::InvoiceFinalized.offered_to("user"));
        assert!(!NotificationKind::InvitationAccepted.offered_to("finance"));
        assert!(NotificationKind::TicketClosed.offered_to("user"));
    }
}
