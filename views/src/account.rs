//! `/client-portal/account`: who the user is, their role and — in words — what it lets them do
//! and what it does not, and their company's details as the service provider has them.

use maud::{html, Markup};

use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub const ACCOUNT_PATH: &str = "/client-portal/account";

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "account-title";
        INTRO = "account-intro";
        YOU_HEADING = "account-you-heading";
        NAME = "account-name";
        EMAIL = "account-email";
        ROLE = "account-role";
        ROLE_ADMIN = "account-role-admin";
        ROLE_FINANCE = "account-role-finance";
        ROLE_USER = "account-role-user";
        EDIT_PROFILE = "account-edit-profile";
        ALLOWS_HEADING = "account-allows-heading";
        ALLOWS_NOTHING = "account-allows-nothing";
        NOT_INCLUDED = "account-not-included";
        ASK_ADMIN = "account-ask-admin";
        CAN_TICKET_READ = "account-can-ticket-read";
        CAN_TICKET_CREATE = "account-can-ticket-create";
        CAN_TICKET_UPDATE = "account-can-ticket-update";
        CAN_PROJECT_READ = "account-can-project-read";
        CAN_PROJECT_UPLOAD = "account-can-project-upload";
        CAN_BILLING_READ = "account-can-billing-read";
        CAN_MANAGE_COMPANY = "account-can-manage-company";
        COMPANY_HEADING = "account-company-heading";
        COMPANY_NAME = "account-company-name";
        COMPANY_PHONE = "account-company-phone";
        COMPANY_EMAIL = "account-company-email";
        COMPANY_WEBSITE = "account-company-website";
        BILLING_ADDRESS = "account-billing-address";
        SHIPPING_ADDRESS = "account-shipping-address";
        NOT_ON_FILE = "account-not-on-file";
        COMPANY_HINT = "account-company-hint";
    }
}

/// What the portal lets a role do, by the permission (or role) that allows it.
const CAPABILITIES: [(&str, &str); 7] = [
    ("ticket:read", msg::CAN_TICKET_READ),
    ("ticket:create", msg::CAN_TICKET_CREATE),
    ("ticket:update", msg::CAN_TICKET_UPDATE),
    ("project:read", msg::CAN_PROJECT_READ),
    ("project:upload", msg::CAN_PROJECT_UPLOAD),
    ("billing:read", msg::CAN_BILLING_READ),
    (MANAGE_COMPANY, msg::CAN_MANAGE_COMPANY),
];

/// Company settings and the company's portal users (held by the Admin role).
pub const MANAGE_COMPANY: &str = "company:manage";

/// The user's company as shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyDetails {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub billing_address: Vec<String>,
    pub shipping_address: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountView {
    pub full_name: String,
    pub email: String,
    /// `admin`, `finance`, `user`, or `None` when the contact has none.
    pub role: Option<&'static str>,
    /// What the role holds (`resource:action`).
    pub permissions: Vec<String>,
    pub company: CompanyDetails,
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

fn role_text(t: Translator<'_>, role: Option<&str>) -> String {
    t.tr(match role {
        Some("admin") => msg::ROLE_ADMIN,
        Some("finance") => msg::ROLE_FINANCE,
        _ => msg::ROLE_USER,
    })
}

fn not_on_file(t: Translator<'_>, value: Option<&str>) -> Markup {
    html! {
        @match value {
            Some(v) => (v),
            None => span.muted { (t.tr(msg::NOT_ON_FILE)) },
        }
    }
}

fn address(t: Translator<'_>, lines: &[String]) -> Markup {
    html! {
        @if lines.is_empty() {
            span.muted { (t.tr(msg::NOT_ON_FILE)) }
        } @else {
            address { @for (i, line) in lines.iter().enumerate() { @if i > 0 { br; } (line) } }
        }
    }
}

pub fn page(shell: &PageShell<'_>, v: &AccountView) -> Markup {
    let t = shell.t;
    let holds = |p: &str| v.permissions.iter().any(|h| h == p);
    let (allowed, missing): (Vec<_>, Vec<_>) = CAPABILITIES
        .iter()
        .partition(|(permission, _)| holds(permission));
    let c = &v.company;
    let content = html! {
        (crate::profile::heading(t, crate::profile::ProfileTab::Account))
        p.page-intro { (t.tr(msg::INTRO)) }
        section.card aria-labelledby="you-heading" {
            h2 #you-heading { (t.tr(msg::YOU_HEADING)) }
            dl.ticket-facts {
                div { dt { (t.tr(msg::NAME)) } dd { (v.full_name) } }
                div { dt { (t.tr(msg::EMAIL)) } dd { (v.email) } }
                div { dt { (t.tr(msg::ROLE)) } dd { strong { (role_text(t, v.role)) } } }
            }
            p { a href=(crate::profile::PROFILE_PATH) { (t.tr(msg::EDIT_PROFILE)) } }
        }
        section.card aria-labelledby="allows-heading" {
            h2 #allows-heading { (t.tr(msg::ALLOWS_HEADING)) }
            @if allowed.is_empty() {
                p { (t.tr(msg::ALLOWS_NOTHING)) }
            } @else {
                ul.capabilities { @for (_, id) in &allowed { li { (t.tr(id)) } } }
            }
            @if !missing.is_empty() {
                h3 { (t.tr(msg::NOT_INCLUDED)) }
                ul.capabilities.capabilities--missing { @for (_, id) in &missing { li { (t.tr(id)) } } }
                @if v.role != Some("admin") { p.field-hint { (t.tr(msg::ASK_ADMIN)) } }
            }
        }
        section.card aria-labelledby="account-company" {
            h2 #account-company { (t.tr(msg::COMPANY_HEADING)) }
            dl.ticket-facts {
                div { dt { (t.tr(msg::COMPANY_NAME)) } dd { (c.name) } }
                div { dt { (t.tr(msg::COMPANY_PHONE)) } dd { (not_on_file(t, c.phone.as_deref())) } }
                div { dt { (t.tr(msg::COMPANY_EMAIL)) } dd { (not_on_file(t, c.email.as_deref())) } }
                div {
                    dt { (t.tr(msg::COMPANY_WEBSITE)) }
                    dd {
                        @match &c.website {
                            Some(site) => a href=(site) rel="noopener noreferrer" target="_blank" { (site) },
                            None => span.muted { (t.tr(msg::NOT_ON_FILE)) },
                        }
                    }
                }
                div { dt { (t.tr(msg::BILLING_ADDRESS)) } dd { (address(t, &c.billing_address)) } }
                div { dt { (t.tr(msg::SHIPPING_ADDRESS)) } dd { (address(t, &c.shipping_address)) } }
            }
            p.field-hint { (t.tr(msg::COMPANY_HINT)) }
        }
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::{assert_escaped, assert_no_raw_ids, nav, TestResult, EVIL};
    use crate::theme::Branding;

    fn render(v: &AccountView) -> Result<String, Box<dyn std::error::Error>> {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let branding = Branding::default_portal();
        let shell = PageShell {
            t,
            title: title(t),
            branding: &branding,
            csp_nonce: "n",
            signed_in: Some(nav("Alice", Some("Acme"))),
            scheme: crate::theme::ColorScheme::Auto,
        };
        Ok(page(&shell, v).into_string())
    }

    #[test]
    fn the_role_is_told_in_words_with_what_it_does_not_allow() -> TestResult {
        let v = AccountView {
            full_name: EVIL.into(),
            email: "ben@acme.example".into(),
            role: Some("user"),
            permissions: vec!["ticket:read".into(), "ticket:create".into()],
            company: CompanyDetails {
                name: "Acme".into(),
                website: Some("https://acme.example/".into()),
                billing_address: vec!["1 Main Street".into(), "1000 Brussels".into()],
                ..CompanyDetails::default()
            },
        };
        let html = render(&v)?;
        assert_no_raw_ids(&html);
        assert_escaped(&html);
        let (allowed, missing) = html
            .split_once("Not included in your role")
            .unwrap_or_default();
        assert!(allowed.contains("Raise new support tickets"));
        assert!(!allowed.contains("invoices"));
        assert!(missing.contains("invoices"));
        assert!(missing.contains("Ask your company"));
        assert!(html.contains("1 Main Street<br>1000 Brussels"));
        assert!(html.contains(r#"href="https://acme.example/" rel="noopener noreferrer""#));
        assert!(html.contains("Not on file"));
        Ok(())
    }
}
