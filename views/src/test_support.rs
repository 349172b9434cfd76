//! Fixtures shared by the view tests: hostile input, shells, sample views, id checks.

use chrono::{DateTime, TimeZone, Utc};

use crate::dashboard::DashboardView;
use crate::i18n::Translator;
use crate::layout::{NavItem, PageShell, SignedInNav};
use crate::theme::Branding;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Text that would run script or break out of an attribute if it were not escaped.
pub const EVIL: &str = r#"<script>alert(1)</script>"'"#;
/// `EVIL` as Maud escapes it.
pub const EVIL_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;'";

/// Every message id the views reference.
pub fn all_message_ids() -> Vec<&'static str> {
    [
        crate::components::msg::ALL,
        crate::layout::msg::ALL,
        crate::signin::msg::ALL,
        crate::dashboard::msg::ALL,
        crate::errors::msg::ALL,
        crate::handoff::msg::ALL,
        crate::two_factor::msg::ALL,
        crate::security::msg::ALL,
        crate::company::msg::ALL,
        crate::company_member::msg::ALL,
        crate::company_details::msg::ALL,
        crate::setup::msg::ALL,
        crate::email::msg::ALL,
        crate::account_recovery::msg::ALL,
        crate::sso::msg::ALL,
        crate::tickets::msg::ALL,
        crate::projects::msg::ALL,
        crate::billing::msg::ALL,
        crate::projects::graph::msg::ALL,
        crate::profile::msg::ALL,
        crate::account::msg::ALL,
        crate::email_change::msg::ALL,
        crate::notification_email::msg::ALL,
        crate::notifications::msg::ALL,
        crate::activity::msg::ALL,
    ]
    .concat()
}

/// Fails if a message id shows up in the output, i.e. a lookup fell through to the raw id.
pub fn assert_no_raw_ids(html: &str) {
    for id in all_message_ids() {
        assert!(
            !html.contains(id),
            "raw message id {id:?} leaked into {html}"
        );
    }
}

/// Fails if `EVIL` appears unescaped, and checks it does appear escaped.
pub fn assert_escaped(html: &str) {
    assert!(!html.contains("<script"), "unescaped script tag in {html}");
    assert!(!html.contains(EVIL), "unescaped hostile text in {html}");
    assert!(
        html.contains(EVIL_ESCAPED),
        "hostile text missing entirely from {html}"
    );
}

pub fn evil_branding() -> Branding {
    Branding {
        name: EVIL.to_owned(),
        primary_color: "red;}</style><script>".to_owned(),
        accent_color: EVIL.to_owned(),
        images: crate::theme::BrandImagePaths {
            logo_light: Some(EVIL.to_owned()),
            logo_dark: Some(EVIL.to_owned()),
            favicon: Some(EVIL.to_owned()),
        },
    }
}

pub fn nav(display_name: &str, company: Option<&str>) -> SignedInNav {
    SignedInNav {
        display_name: display_name.to_owned(),
        company: company.map(str::to_owned),
        csrf_token: "csrf-abc123".to_owned(),
        active: NavItem::Dashboard,
        is_client_admin: false,
        may_read_projects: true,
        may_read_billing: false,
        reader: crate::layout::Reader::default_for("en"),
    }
}

pub fn shell<'a>(
    t: Translator<'a>,
    branding: &'a Branding,
    signed_in: Option<SignedInNav>,
) -> PageShell<'a> {
    PageShell {
        t,
        title: "Page".to_owned(),
        branding,
        csp_nonce: "nonce-xyz",
        signed_in,
        scheme: crate::theme::ColorScheme::Auto,
    }
}

pub fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Result<DateTime<Utc>, &'static str> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .ok_or("invalid test time")
}

pub fn dashboard_view(text: &str) -> Result<DashboardView, &'static str> {
    Ok(DashboardView {
        display_name: text.to_owned(),
        email: text.to_owned(),
        company: Some(text.to_owned()),
        last_sign_in: Some(at(2026, 11, 27, 13, 5)?),
        signed_in_at: at(2026, 11, 28, 9, 30)?,
        sign_in_method: "password".to_owned(),
        tickets: Some(crate::dashboard::TicketsCard {
            open: 3,
            awaiting_client: 1,
            recent: vec![crate::dashboard::RecentTicket {
                number: "TIC-1".to_owned(),
                title: text.to_owned(),
                status: "New".to_owned(),
                response_state: Some("awaiting_client".to_owned()),
                updated_at: at(2026, 11, 28, 9, 0)?,
            }],
            can_create: true,
        }),
        projects: Some(crate::projects::ProjectsCard {
            active: 2,
            next_due: Some(crate::projects::NextDue {
                project_number: "PRJ-1".to_owned(),
                project_name: text.to_owned(),
                task_name: text.to_owned(),
                due_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).ok_or("bad date")?,
                overdue: true,
            }),
        }),
        billing: Some(crate::billing::BillingCard {
            unpaid_count: 2,
            outstanding: vec![crate::billing::Amount {
                minor: 123_450,
                code: "EUR".to_owned(),
                digits: 2,
            }],
            next_due: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
            overdue: false,
        }),
        activity: Vec::new(),
    })
}

/// Buttons below the header (on cards, light backgrounds) use the visible `btn--secondary`, never
/// `btn--ghost` (white on transparent, for the dark header); `secondary` of them are expected.
pub fn assert_card_buttons(html: &str, secondary: usize) {
    let below_header = html.split_once("</header>").map_or(html, |(_, rest)| rest);
    // The footer's display form has its own button; count the page's.
    let below_header = below_header
        .split_once("<footer")
        .map_or(below_header, |(main, _)| main);
    assert!(
        !below_header.contains("btn--ghost"),
        "ghost button on a light background: {below_header}"
    );
    assert_eq!(
        below_header.matches("btn btn--secondary").count(),
        secondary,
        "{below_header}"
    );
}
