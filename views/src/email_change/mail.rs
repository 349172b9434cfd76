//! The two emails of an email change: the confirmation link to the new address, and the notice
//! to the current one (what was asked, from where, what to do if it was not them).

use chrono::{DateTime, Utc};

use super::msg;
use crate::components::format_instant;
use crate::email::{greeting, render, Block, RenderedEmail};
use crate::i18n::Translator;

/// What both emails say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailChangeEmail {
    pub tenant_name: String,
    pub recipient_name: String,
    pub old_email: String,
    pub new_email: String,
    pub requested_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    /// The confirmation link (confirmation) or the profile page (notice).
    pub link: String,
}

/// "Confirm your new email address": the single-use link and when it expires.
pub fn confirmation(t: Translator<'_>, e: &EmailChangeEmail) -> RenderedEmail {
    let tenant = || ("tenant", e.tenant_name.clone());
    render(
        t,
        t.tr_args(msg::MAIL_CONFIRM_SUBJECT, &[tenant()]),
        &e.tenant_name,
        vec![
            Block::Text(greeting(t, &e.recipient_name)),
            Block::Text(t.tr_args(
                msg::MAIL_CONFIRM_INTRO,
                &[
                    tenant(),
                    ("old", e.old_email.clone()),
                    ("new", e.new_email.clone()),
                ],
            )),
            Block::Action {
                label: t.tr(msg::MAIL_CONFIRM_ACTION),
                link: e.link.clone(),
            },
            Block::Text(t.tr_args(
                msg::MAIL_CONFIRM_EXPIRY,
                &[("when", format_instant(t, e.expires_at))],
            )),
            Block::Text(t.tr(msg::MAIL_CONFIRM_IGNORE)),
        ],
    )
}

/// "A new email address was requested": to the current address, with what to do if it was
/// not them.
pub fn notice(t: Translator<'_>, e: &EmailChangeEmail) -> RenderedEmail {
    let tenant = || ("tenant", e.tenant_name.clone());
    let mut blocks = vec![
        Block::Text(greeting(t, &e.recipient_name)),
        Block::Text(t.tr_args(
            msg::MAIL_NOTICE_BODY,
            &[
                tenant(),
                ("when", format_instant(t, e.requested_at)),
                ("old", e.old_email.clone()),
                ("new", e.new_email.clone()),
            ],
        )),
    ];
    if let Some(ip) = &e.ip {
        blocks.push(Block::Text(
            t.tr_args(msg::MAIL_NOTICE_IP, &[("ip", ip.clone())]),
        ));
    }
    blocks.push(Block::Text(
        t.tr_args(msg::MAIL_NOTICE_NOT_YOU, &[tenant()]),
    ));
    blocks.push(Block::Action {
        label: t.tr(msg::MAIL_NOTICE_ACTION),
        link: e.link.clone(),
    });
    render(
        t,
        t.tr_args(msg::MAIL_NOTICE_SUBJECT, &[tenant()]),
        &e.tenant_name,
        blocks,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;

    fn email() -> Result<EmailChangeEmail, Box<dyn std::error::Error>> {
        Ok(EmailChangeEmail {
            tenant_name: "Northwind IT".into(),
            recipient_name: "Ada Lovelace".into(),
            old_email: "ada@acme.example".into(),
            new_email: "ada@lovelace.example".into(),
            requested_at: at(2026, 11, 27, 13, 5)?,
            expires_at: at(2026, 11, 28, 13, 5)?,
            ip: Some("203.0.113.9".into()),
            link: "https://portal.example/auth/email-change/confirm?token=abc&tenant=x".into(),
        })
    }

    #[test]
    fn the_confirmation_has_the_link_both_addresses_and_the_expiry() -> TestResult {
        let locales = Locales::load()?;
        let e = email()?;
        let mail = confirmation(locales.translator("en"), &e);
        assert_eq!(
            mail.subject,
            "Confirm your new Northwind IT portal email address"
        );
        assert!(
            mail.text.starts_with("Hello Ada Lovelace,"),
            "{}",
            mail.text
        );
        assert!(
            mail.text.contains(&format!("\n{}\n", e.link)),
            "{}",
            mail.text
        );
        assert!(mail.text.contains("ada@acme.example"));
        assert!(mail.text.contains("Nov 28, 2026, 1:05\u{202f}PM UTC"));
        for part in [&mail.subject, &mail.text, &mail.html] {
            assert_no_raw_ids(part);
        }
        Ok(())
    }

    #[test]
    fn the_notice_says_what_when_from_where_and_links_the_profile() -> TestResult {
        let locales = Locales::load()?;
        let e = EmailChangeEmail {
            link: "https://portal.example/client-portal/profile".into(),
            ..email()?
        };
        let mail = notice(locales.translator("en"), &e);
        assert!(mail
            .text
            .contains("from ada@acme.example to ada@lovelace.example"));
        assert!(mail.text.contains("203.0.113.9"));
        assert!(mail.text.contains("Nov 27, 2026, 1:05\u{202f}PM UTC"));
        assert!(mail
            .text
            .contains("https://portal.example/client-portal/profile"));
        assert!(!mail.text.contains("token="));
        let evil = EmailChangeEmail {
            new_email: EVIL.into(),
            recipient_name: EVIL.into(),
            ..e
        };
        assert_escaped(&notice(locales.translator("en"), &evil).html);
        Ok(())
    }
}
