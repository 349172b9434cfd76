//! Every email, subject, text part and HTML part: password reset and change, deletion request,
//! organization discovery, invitation, the notifications and both email-change emails.

use chrono::{DateTime, Utc};

use super::*;
use crate::email::{
    self, DeletionRequestEmail, DiscoveredTenant, DiscoveryEmail, InvitationEmail,
    PasswordChangedEmail, PasswordResetEmail,
};
use crate::email_change::mail::{self, EmailChangeEmail};
use crate::notification_email::{self, NotificationContent, NotificationEmail, Reply};
use crate::test_support::{at, TestResult};

const LINK: &str = "https://support.northwind.example/auth/portal/setup?token=abc&tenant=x";
const UNSUBSCRIBE: &str = "https://support.northwind.example/unsubscribe/tok";
const TECHNICIAN: &str = "Sam Support";
const TICKET_TITLE: &str = "Printer jams on floor 2";

fn when() -> Result<DateTime<Utc>, &'static str> {
    at(2026, 11, 27, 13, 5)
}

#[test]
fn emails_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let mut check = Check::new(t);
    let data = [
        LINK,
        UNSUBSCRIBE,
        TECHNICIAN,
        TICKET_TITLE,
        "Resolved",
        "Contoso",
    ];

    for name in [USER, ""] {
        let reset = PasswordResetEmail {
            tenant_name: TENANT.into(),
            recipient_name: name.into(),
            link: LINK.into(),
            ttl_minutes: 30,
        };
        check.email(
            "password reset email",
            &email::password_reset(t, &reset),
            &data,
        );
    }
    for ip in [Some("203.0.113.9".to_owned()), None] {
        let changed = PasswordChangedEmail {
            tenant_name: TENANT.into(),
            recipient_name: USER.into(),
            changed_at: when()?,
            ip,
            reset_link: LINK.into(),
        };
        let mail = email::password_changed(t, &changed);
        check.email("password changed email", &mail, &data);
    }
    for requester_name in [USER, ""] {
        let deletion = DeletionRequestEmail {
            tenant_name: TENANT.into(),
            recipient_name: "Grace Hopper".into(),
            requester_name: requester_name.into(),
            requester_email: EMAIL.into(),
            requested_at: when()?,
            member_link: LINK.into(),
        };
        let mail = email::deletion_requested(t, &deletion);
        check.email("deletion request email", &mail, &["Grace Hopper", LINK]);
    }
    let discovery = DiscoveryEmail {
        email: EMAIL.into(),
        tenants: vec![
            DiscoveredTenant {
                name: TENANT.into(),
                sign_in_link: LINK.into(),
            },
            DiscoveredTenant {
                name: "Contoso".into(),
                sign_in_link: UNSUBSCRIBE.into(),
            },
        ],
    };
    let mail = email::organization_discovery(t, &discovery);
    check.email("organization discovery email", &mail, &data);
    let invitation = InvitationEmail {
        tenant_name: TENANT.into(),
        invitee_name: USER.into(),
        link: LINK.into(),
        expires_at: when()?,
    };
    check.email(
        "invitation email",
        &email::invitation(t, &invitation),
        &data,
    );

    let reply = |body: &str| -> Result<Reply, &'static str> {
        Ok(Reply {
            author: TECHNICIAN.into(),
            body: body.into(),
            at: when()?,
        })
    };
    let contents = [
        NotificationContent::TicketReplies {
            number: "TIC-7".into(),
            title: TICKET_TITLE.into(),
            replies: vec![reply("On my way")?],
            follow_up: false,
            link: LINK.into(),
        },
        NotificationContent::TicketReplies {
            number: "TIC-7".into(),
            title: TICKET_TITLE.into(),
            replies: vec![reply("On my way")?, reply("Fixed the roller")?],
            follow_up: true,
            link: LINK.into(),
        },
        NotificationContent::TicketReplies {
            number: "TIC-7".into(),
            title: TICKET_TITLE.into(),
            replies: vec![reply("Fixed the roller")?],
            follow_up: true,
            link: LINK.into(),
        },
        NotificationContent::TicketClosed {
            number: "TIC-7".into(),
            title: TICKET_TITLE.into(),
            status: "Resolved".into(),
            closed_at: when()?,
            link: LINK.into(),
        },
        NotificationContent::InvoiceFinalized {
            number: "INV-9".into(),
            total: t.fmt().money(123_450, "EUR", 2),
            due: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
            link: LINK.into(),
        },
        NotificationContent::InvoiceFinalized {
            number: "INV-9".into(),
            total: t.fmt().money(123_450, "EUR", 2),
            due: None,
            link: LINK.into(),
        },
        NotificationContent::InvitationAccepted {
            member: "Grace Hopper".into(),
            link: LINK.into(),
        },
    ];
    for content in contents {
        let name = format!("notification email {content:?}");
        let e = NotificationEmail {
            tenant_name: TENANT.into(),
            recipient_name: USER.into(),
            content,
            unsubscribe_link: UNSUBSCRIBE.into(),
        };
        let replies = ["On my way", "Fixed the roller", "Grace Hopper"];
        let all: Vec<&str> = data.iter().chain(&replies).copied().collect();
        check.email(&name, &notification_email::notification(t, &e), &all);
    }

    let change = EmailChangeEmail {
        tenant_name: TENANT.into(),
        recipient_name: USER.into(),
        old_email: EMAIL.into(),
        new_email: "ada@lovelace.example".into(),
        requested_at: when()?,
        expires_at: when()?,
        ip: Some("203.0.113.9".into()),
        link: LINK.into(),
    };
    let data = [LINK, "ada@lovelace.example"];
    check.email(
        "email change confirmation",
        &mail::confirmation(t, &change),
        &data,
    );
    check.email("email change notice", &mail::notice(t, &change), &data);
    let no_ip = EmailChangeEmail { ip: None, ..change };
    check.email(
        "email change notice, no address",
        &mail::notice(t, &no_ip),
        &data,
    );
    check.finish();
    Ok(())
}
