//! The notification emails' renderer the `Notifier` calls: each email in the recipient's
//! language, time zone and date format, with links on the tenant's host (its active vanity
//! domain, else the canonical host with `?tenant=`), and the one-click unsubscribe link.

use portal_actors::billing::Currency;
use portal_actors::notifications::{
    Notification, NotificationBody, NotificationRenderer, RenderedNotification,
};
use portal_actors::store::outbox::EmailContent;
use portal_views::billing::{invoice_path, Amount};
use portal_views::company_member::member_path;
use portal_views::i18n::{Locales, Translator};
use portal_views::notification_email::{self as views, NotificationContent, Reply};
use portal_views::tickets::ticket_path;

use crate::routes::account_recovery::mail::TenantLinks;

/// Where a link in an email points: the page that confirms (GET) and performs (POST) the
/// unsubscribe, the token in the path.
pub const UNSUBSCRIBE_PATH: &str = "/notifications/unsubscribe";

/// Renders with the embedded locales, links from the canonical origin.
pub struct PortalRenderer {
    pub locales: &'static Locales,
    /// `scheme://canonical-host`.
    pub canonical_origin: String,
}

impl PortalRenderer {
    fn content(
        mail: &Notification<'_>,
        links: &TenantLinks,
        t: Translator<'_>,
    ) -> NotificationContent {
        match mail.body {
            NotificationBody::TicketReplies {
                number,
                title,
                replies,
                follow_up,
            } => NotificationContent::TicketReplies {
                number: number.clone(),
                title: title.clone(),
                replies: replies
                    .iter()
                    .map(|r| Reply {
                        author: r.author_name.clone(),
                        body: r.body.clone(),
                        at: r.created_at,
                    })
                    .collect(),
                follow_up: *follow_up,
                link: links.url(&ticket_path(number), &[]),
            },
            NotificationBody::TicketClosed {
                number,
                title,
                status,
                closed_at,
            } => NotificationContent::TicketClosed {
                number: number.clone(),
                title: title.clone(),
                status: status.clone(),
                closed_at: *closed_at,
                link: links.url(&ticket_path(number), &[]),
            },
            NotificationBody::InvoiceFinalized {
                number,
                total_minor,
                currency,
                due_date,
            } => NotificationContent::InvoiceFinalized {
                number: number.clone(),
                // Money in the recipient's language and the currency's own digits.
                total: Amount {
                    minor: *total_minor,
                    code: currency.clone(),
                    digits: Currency::parse(currency).map_or(2, Currency::minor_digits),
                }
                .text(t),
                due: *due_date,
                link: links.url(&invoice_path(number), &[]),
            },
            NotificationBody::InvitationAccepted {
                member_id,
                member_name,
                member_email,
            } => NotificationContent::InvitationAccepted {
                member: if member_name.is_empty() {
                    member_email.clone()
                } else {
                    format!("{member_name} ({member_email})")
                },
                link: links.url(&member_path(&member_id.to_string()), &[]),
            },
        }
    }
}

impl NotificationRenderer for PortalRenderer {
    fn render(&self, mail: &Notification<'_>) -> RenderedNotification {
        let tenant = mail.tenant;
        let links = TenantLinks::with_canonical(
            self.canonical_origin.clone(),
            &tenant.slug,
            tenant.active_domain.as_deref(),
        );
        let reader =
            crate::http::render::reader_of(&mail.recipient.prefs, mail.recipient.locale.clone());
        let t = reader.translator(self.locales);
        let content = Self::content(mail, &links, t);
        let unsubscribe_url = links.url(
            &format!("{UNSUBSCRIBE_PATH}/{}", mail.unsubscribe_token),
            &[],
        );
        let rendered = views::notification(
            t,
            &views::NotificationEmail {
                tenant_name: tenant.name.clone(),
                recipient_name: mail.recipient.full_name.clone(),
                content,
                unsubscribe_link: unsubscribe_url.clone(),
            },
        );
        let logo = tenant
            .email_logo()
            .map(|logo| portal_views::email::EmailLogo {
                url: links.asset(&logo.path()),
                alt: tenant.name.clone(),
            });
        let rendered = rendered.with_logo(logo.as_ref());
        RenderedNotification {
            content: EmailContent {
                subject: rendered.subject,
                body_text: rendered.text,
                body_html: rendered.html,
            },
            unsubscribe_url,
        }
    }
}
