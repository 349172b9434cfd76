//! The portal's emails: subject, plain text and HTML, in the recipient's language, with the
//! tenant's name. Links come in ready-made (the caller knows the right host); every value is
//! escaped in the HTML part.

use chrono::{DateTime, Utc};
use maud::{html, Markup, DOCTYPE};

use crate::components::format_instant;
use crate::i18n::Translator;

pub(crate) mod msg {
    crate::i18n::message_ids! {
        GREETING = "email-greeting";
        DELETION_SUBJECT = "email-deletion-subject";
        DELETION_BODY = "email-deletion-body";
        DELETION_NEXT = "email-deletion-next";
        DELETION_ACTION = "email-deletion-action";
        GREETING_ANONYMOUS = "email-greeting-anonymous";
        SIGNATURE = "email-signature";
        AUTOMATED = "email-automated";
        RESET_SUBJECT = "email-reset-subject";
        RESET_INTRO = "email-reset-intro";
        RESET_ACTION = "email-reset-action";
        RESET_EXPIRY = "email-reset-expiry";
        RESET_IGNORE = "email-reset-ignore";
        CHANGED_SUBJECT = "email-changed-subject";
        CHANGED_BODY = "email-changed-body";
        CHANGED_IP = "email-changed-ip";
        CHANGED_SIGNED_OUT = "email-changed-signed-out";
        CHANGED_NOT_YOU = "email-changed-not-you";
        CHANGED_ACTION = "email-changed-action";
        DISCOVERY_SUBJECT = "email-discovery-subject";
        DISCOVERY_INTRO = "email-discovery-intro";
        DISCOVERY_IGNORE = "email-discovery-ignore";
        INVITATION_SUBJECT = "email-invitation-subject";
        INVITATION_INTRO = "email-invitation-intro";
        INVITATION_ACTION = "email-invitation-action";
        INVITATION_EXPIRY = "email-invitation-expiry";
        INVITATION_IGNORE = "email-invitation-ignore";
    }
}

/// An email ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The card every email's content sits in (white, whatever the reader's theme).
const CARD_STYLE: &str =
    "max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px";

/// A tenant's logo for the top of its emails: an absolute URL on the tenant's host (the logo
/// for light backgrounds, since the card is white) and the tenant's name as its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailLogo {
    pub url: String,
    pub alt: String,
}

impl RenderedEmail {
    /// The same email with the tenant's logo at the top of the card, when there is one.
    pub fn with_logo(mut self, logo: Option<&EmailLogo>) -> RenderedEmail {
        if let Some(logo) = logo {
            let card = html! { div style=(CARD_STYLE) {} }.into_string();
            let open = card.trim_end_matches("</div>");
            let img = html! {
                p style="margin:0 0 16px" {
                    img src=(logo.url) alt=(logo.alt) style="max-height:48px;max-width:240px;height:auto";
                }
            };
            self.html = self
                .html
                .replacen(open, &format!("{open}{}", img.into_string()), 1);
        }
        self
    }
}

/// A password-reset link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordResetEmail {
    pub tenant_name: String,
    pub recipient_name: String,
    pub link: String,
    pub ttl_minutes: i64,
}

/// The notice that a password was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordChangedEmail {
    pub tenant_name: String,
    pub recipient_name: String,
    pub changed_at: DateTime<Utc>,
    pub ip: Option<String>,
    /// Where to ask for a new reset link if it was not them.
    pub reset_link: String,
}

/// One organization in a discovery email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredTenant {
    pub name: String,
    pub sign_in_link: String,
}

/// The sign-in links of every organization where an address has an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryEmail {
    pub email: String,
    pub tenants: Vec<DiscoveredTenant>,
}

/// An invitation to set up a portal account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationEmail {
    pub tenant_name: String,
    pub invitee_name: String,
    pub link: String,
    pub expires_at: DateTime<Utc>,
}

/// A paragraph of the email: text, or a link with its label.
pub(crate) enum Block {
    Text(String),
    Action {
        label: String,
        link: String,
    },
    Links(Vec<(String, String)>),
    /// Someone's words quoted, under a line saying who and when.
    Quote {
        heading: String,
        body: String,
    },
}

pub(crate) fn greeting(t: Translator<'_>, name: &str) -> String {
    if name.trim().is_empty() {
        t.tr(msg::GREETING_ANONYMOUS)
    } else {
        t.tr_args(msg::GREETING, &[("name", name.to_owned())])
    }
}

/// Both bodies from the same blocks, so text and HTML always say the same.
pub(crate) fn render(
    t: Translator<'_>,
    subject: String,
    sender: &str,
    blocks: Vec<Block>,
) -> RenderedEmail {
    render_with_footer(t, subject, sender, blocks, None)
}

/// [`render`], with a last small line and its link after the signature (e.g. unsubscribe).
pub(crate) fn render_with_footer(
    t: Translator<'_>,
    subject: String,
    sender: &str,
    blocks: Vec<Block>,
    footer: Option<(String, String)>,
) -> RenderedEmail {
    let signature = t.tr_args(msg::SIGNATURE, &[("name", sender.to_owned())]);
    let automated = t.tr(msg::AUTOMATED);
    let mut text = String::new();
    for block in &blocks {
        match block {
            Block::Text(s) => text.push_str(s),
            Block::Action { label, link } => {
                text.push_str(label);
                text.push_str(":\n");
                text.push_str(link);
            }
            Block::Links(links) => {
                let lines: Vec<String> = links
                    .iter()
                    .map(|(name, link)| format!("- {name}:\n  {link}"))
                    .collect();
                text.push_str(&lines.join("\n"));
            }
            Block::Quote { heading, body } => {
                text.push_str(heading);
                for line in body.lines() {
                    text.push_str("\n> ");
                    text.push_str(line);
                }
            }
        }
        text.push_str("\n\n");
    }
    text.push_str(&signature);
    text.push_str("\n\n-- \n");
    text.push_str(&automated);
    text.push('\n');
    if let Some((label, link)) = &footer {
        text.push_str(&format!("{label}: {link}\n"));
    }
    let html = html_body(
        t,
        &subject,
        &blocks,
        &signature,
        &automated,
        footer.as_ref(),
    )
    .into_string();
    RenderedEmail {
        subject,
        text,
        html,
    }
}

fn html_body(
    t: Translator<'_>,
    subject: &str,
    blocks: &[Block],
    signature: &str,
    automated: &str,
    footer: Option<&(String, String)>,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(t.lang()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (subject) }
            }
            body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;line-height:1.5" {
                div style=(CARD_STYLE) {
                    @for block in blocks {
                        @match block {
                            Block::Text(s) => p { (s) },
                            Block::Action { label, link } => p {
                                a href=(link) style="display:inline-block;padding:10px 18px;background:#0b5563;color:#ffffff;border-radius:6px;text-decoration:none" { (label) }
                                br;
                                span style="font-size:13px;color:#52606d;word-break:break-all" { (link) }
                            },
                            Block::Links(links) => ul {
                                @for (name, link) in links {
                                    li { a href=(link) { (name) } }
                                }
                            },
                            Block::Quote { heading, body } => div {
                                p style="margin-bottom:4px;font-weight:600" { (heading) }
                                blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #cbd2d9;background:#f8f9fa;white-space:pre-wrap" { (body) }
                            },
                        }
                    }
                    p { (signature) }
                    p style="font-size:12px;color:#7b8794" { (automated) }
                    @if let Some((label, link)) = footer {
                        p style="font-size:12px;color:#7b8794" { a href=(link) style="color:#52606d" { (label) } }
                    }
                }
            }
        }
    }
}

/// "Reset your password": the single-use link and how long it lives.
pub fn password_reset(t: Translator<'_>, e: &PasswordResetEmail) -> RenderedEmail {
    let tenant = || ("tenant", e.tenant_name.clone());
    render(
        t,
        t.tr_args(msg::RESET_SUBJECT, &[tenant()]),
        &e.tenant_name,
        vec![
            Block::Text(greeting(t, &e.recipient_name)),
            Block::Text(t.tr_args(msg::RESET_INTRO, &[tenant()])),
            Block::Action {
                label: t.tr(msg::RESET_ACTION),
                link: e.link.clone(),
            },
            Block::Text(t.tr_count(msg::RESET_EXPIRY, &[("minutes", e.ttl_minutes)])),
            Block::Text(t.tr(msg::RESET_IGNORE)),
        ],
    )
}

/// "Your password was changed": when, from where, and what to do if it was not them.
pub fn password_changed(t: Translator<'_>, e: &PasswordChangedEmail) -> RenderedEmail {
    let tenant = || ("tenant", e.tenant_name.clone());
    let mut blocks = vec![
        Block::Text(greeting(t, &e.recipient_name)),
        Block::Text(t.tr_args(
            msg::CHANGED_BODY,
            &[tenant(), ("when", format_instant(t, e.changed_at))],
        )),
    ];
    if let Some(ip) = &e.ip {
        blocks.push(Block::Text(
            t.tr_args(msg::CHANGED_IP, &[("ip", ip.clone())]),
        ));
    }
    blocks.push(Block::Text(t.tr(msg::CHANGED_SIGNED_OUT)));
    blocks.push(Block::Text(t.tr_args(msg::CHANGED_NOT_YOU, &[tenant()])));
    blocks.push(Block::Action {
        label: t.tr(msg::CHANGED_ACTION),
        link: e.reset_link.clone(),
    });
    render(
        t,
        t.tr_args(msg::CHANGED_SUBJECT, &[tenant()]),
        &e.tenant_name,
        blocks,
    )
}

/// A colleague asked for their portal account to be deleted (to the company's admins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletionRequestEmail {
    pub tenant_name: String,
    pub recipient_name: String,
    pub requester_name: String,
    pub requester_email: String,
    pub requested_at: DateTime<Utc>,
    /// The colleague's page in company settings.
    pub member_link: String,
}

pub fn deletion_requested(t: Translator<'_>, e: &DeletionRequestEmail) -> RenderedEmail {
    let who = if e.requester_name.is_empty() {
        e.requester_email.clone()
    } else {
        format!("{} ({})", e.requester_name, e.requester_email)
    };
    let tenant = ("tenant", e.tenant_name.clone());
    render(
        t,
        t.tr_args(msg::DELETION_SUBJECT, &[("who", who.clone())]),
        &e.tenant_name,
        vec![
            Block::Text(greeting(t, &e.recipient_name)),
            Block::Text(t.tr_args(
                msg::DELETION_BODY,
                &[
                    ("who", who),
                    tenant.clone(),
                    ("when", format_instant(t, e.requested_at)),
                ],
            )),
            Block::Text(t.tr_args(msg::DELETION_NEXT, &[tenant])),
            Block::Action {
                label: t.tr(msg::DELETION_ACTION),
                link: e.member_link.clone(),
            },
        ],
    )
}

/// "Your sign-in links": one per organization.
pub fn organization_discovery(t: Translator<'_>, e: &DiscoveryEmail) -> RenderedEmail {
    let sender = e
        .tenants
        .iter()
        .map(|x| x.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    render(
        t,
        t.tr(msg::DISCOVERY_SUBJECT),
        &sender,
        vec![
            Block::Text(t.tr_args(msg::DISCOVERY_INTRO, &[("email", e.email.clone())])),
            Block::Links(
                e.tenants
                    .iter()
                    .map(|x| (x.name.clone(), x.sign_in_link.clone()))
                    .collect(),
            ),
            Block::Text(t.tr(msg::DISCOVERY_IGNORE)),
        ],
    )
}

/// "You are invited": who is being set up, the link and when it expires.
pub fn invitation(t: Translator<'_>, e: &InvitationEmail) -> RenderedEmail {
    let tenant = || ("tenant", e.tenant_name.clone());
    render(
        t,
        t.tr_args(msg::INVITATION_SUBJECT, &[tenant()]),
        &e.tenant_name,
        vec![
            Block::Text(greeting(t, &e.invitee_name)),
            Block::Text(t.tr_args(msg::INVITATION_INTRO, &[tenant()])),
            Block::Action {
                label: t.tr(msg::INVITATION_ACTION),
                link: e.link.clone(),
            },
            Block::Text(t.tr_args(
                msg::INVITATION_EXPIRY,
                &[("when", format_instant(t, e.expires_at))],
            )),
            Block::Text(t.tr(msg::INVITATION_IGNORE)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;

    const LINK: &str =
        "https://portal.example/auth/password-reset/set-new-password?token=abc&tenant=0123456789ab";

    #[test]
    fn the_logo_goes_at_the_top_of_the_card_escaped() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let mail = || {
            password_reset(
                t,
                &PasswordResetEmail {
                    tenant_name: "Acme".into(),
                    recipient_name: "Ada".into(),
                    link: LINK.into(),
                    ttl_minutes: 30,
                },
            )
        };
        assert_eq!(mail().with_logo(None), mail());
        let logo = EmailLogo {
            url: "https://support.acme.example/branding/ab.png".into(),
            alt: EVIL.into(),
        };
        let with = mail().with_logo(Some(&logo));
        assert_eq!(with.text, mail().text);
        let card = format!(
            r#"<div style="{CARD_STYLE}"><p style="margin:0 0 16px"><img src="https://support.acme.example/branding/ab.png" alt=""#
        );
        assert!(with.html.contains(&card), "{}", with.html);
        assert_eq!(with.html.matches("<img").count(), 1);
        assert!(!with.html.contains(EVIL));
        Ok(())
    }

    fn assert_clean(mail: &RenderedEmail) {
        for part in [&mail.subject, &mail.text, &mail.html] {
            assert_no_raw_ids(part);
        }
    }

    #[test]
    fn the_reset_email_has_the_link_the_ttl_and_the_tenant() -> TestResult {
        let locales = Locales::load()?;
        let mail = password_reset(
            locales.translator("en"),
            &PasswordResetEmail {
                tenant_name: "Northwind IT".into(),
                recipient_name: "Ada Lovelace".into(),
                link: LINK.into(),
                ttl_minutes: 30,
            },
        );
        assert_eq!(mail.subject, "Reset your Northwind IT portal password");
        assert!(
            mail.text.starts_with("Hello Ada Lovelace,"),
            "{}",
            mail.text
        );
        assert!(mail.text.contains(&format!("\n{LINK}\n")), "{}", mail.text);
        assert!(mail.text.contains("30 minutes"));
        assert!(mail
            .html
            .contains(&format!("href=\"{}\"", LINK.replace('&', "&amp;"))));
        assert!(mail.html.contains("Northwind IT"));
        assert_clean(&mail);
        Ok(())
    }

    #[test]
    fn the_changed_notice_says_when_from_where_and_what_to_do() -> TestResult {
        let locales = Locales::load()?;
        let mail = password_changed(
            locales.translator("en"),
            &PasswordChangedEmail {
                tenant_name: "Northwind IT".into(),
                recipient_name: "Ada".into(),
                changed_at: at(2026, 11, 27, 13, 5)?,
                ip: Some("203.0.113.9".into()),
                reset_link: "https://portal.example/auth/client-portal/forgot-password".into(),
            },
        );
        assert!(
            mail.text.contains("Nov 27, 2026, 1:05\u{202f}PM UTC"),
            "{}",
            mail.text
        );
        assert!(mail.text.contains("203.0.113.9"));
        assert!(mail
            .text
            .contains("https://portal.example/auth/client-portal/forgot-password"));
        assert_clean(&mail);
        Ok(())
    }

    #[test]
    fn discovery_and_invitation_list_their_links() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let mail = organization_discovery(
            t,
            &DiscoveryEmail {
                email: "ada@acme.example".into(),
                tenants: vec![
                    DiscoveredTenant {
                        name: "Alpha".into(),
                        sign_in_link: "https://a.example/x".into(),
                    },
                    DiscoveredTenant {
                        name: "Beta".into(),
                        sign_in_link: "https://b.example/y".into(),
                    },
                ],
            },
        );
        assert!(mail.text.contains("- Alpha:\n  https://a.example/x"));
        assert!(mail.text.contains("- Beta:\n  https://b.example/y"));
        assert_clean(&mail);
        let mail = invitation(
            t,
            &InvitationEmail {
                tenant_name: "Northwind IT".into(),
                invitee_name: "Grace Hopper".into(),
                link: "https://p.example/auth/portal/setup?token=t".into(),
                expires_at: at(2026, 11, 28, 9, 30)?,
            },
        );
        assert!(mail.subject.contains("Northwind IT"));
        assert!(mail.text.contains("Grace Hopper"));
        assert!(mail.text.contains("Nov 28, 2026, 9:30\u{202f}AM UTC"));
        assert!(mail
            .text
            .contains("https://p.example/auth/portal/setup?token=t"));
        assert_clean(&mail);
        Ok(())
    }

    #[test]
    fn every_value_is_escaped_in_the_html() -> TestResult {
        let locales = Locales::load()?;
        let mail = password_reset(
            locales.translator("en"),
            &PasswordResetEmail {
                tenant_name: EVIL.into(),
                recipient_name: EVIL.into(),
                link: EVIL.into(),
                ttl_minutes: 30,
            },
        );
        assert_escaped(&mail.html);
        Ok(())
    }
}
