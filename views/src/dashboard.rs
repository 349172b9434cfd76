//! The dashboard: the signed-in client's account overview and session details.

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use crate::components::instant_time;
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "dashboard-title";
        WELCOME = "dashboard-welcome";
        INTRO = "dashboard-intro";
        ACCOUNT_HEADING = "dashboard-account-heading";
        ACCOUNT_NAME = "dashboard-account-name";
        ACCOUNT_EMAIL = "dashboard-account-email";
        ACCOUNT_COMPANY = "dashboard-account-company";
        LAST_SIGN_IN_HEADING = "dashboard-last-sign-in-heading";
        LAST_SIGN_IN_AT = "dashboard-last-sign-in-at";
        FIRST_SIGN_IN = "dashboard-first-sign-in";
        SESSION_HEADING = "dashboard-session-heading";
        SESSION_SIGNED_IN_AT = "dashboard-session-signed-in-at";
        SESSION_METHOD = "dashboard-session-method";
        METHOD_PASSWORD = "dashboard-method-password";
        TICKETS_HEADING = "dashboard-tickets-heading";
        TICKETS_OPEN = "dashboard-tickets-open";
        TICKETS_AWAITING = "dashboard-tickets-awaiting";
        TICKETS_RECENT = "dashboard-tickets-recent";
        TICKETS_NONE = "dashboard-tickets-none";
        TICKETS_ALL = "dashboard-tickets-all";
    }
}

/// What the dashboard shows; all of it comes from the session and the user's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardView {
    pub display_name: String,
    pub email: String,
    pub company: Option<String>,
    /// The previous sign-in; `None` on the first one.
    pub last_sign_in: Option<DateTime<Utc>>,
    pub signed_in_at: DateTime<Utc>,
    /// How this session was authenticated, e.g. `"password"`.
    pub sign_in_method: String,
    /// The user's tickets at a glance; `None` for users who may not read tickets.
    pub tickets: Option<TicketsCard>,
    /// Open projects and the next task due; `None` for users who may not read projects.
    pub projects: Option<crate::projects::ProjectsCard>,
    /// Unpaid invoices; `None` for users who may not read billing.
    pub billing: Option<crate::billing::BillingCard>,
    /// The company's latest events the user may see, newest first.
    pub activity: Vec<crate::activity::ActivityEntry>,
}

/// Open tickets, those awaiting the user, and the latest activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketsCard {
    pub open: i64,
    pub awaiting_client: i64,
    pub recent: Vec<RecentTicket>,
    pub can_create: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentTicket {
    pub number: String,
    pub title: String,
    pub status: String,
    pub response_state: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// The translated `<title>` of the dashboard, for `PageShell::title`.
pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

/// The dashboard inside the page shell.
pub fn page(shell: &PageShell<'_>, view: &DashboardView) -> Markup {
    let t = shell.t;
    let content = html! {
        h1 { (t.tr_args(msg::WELCOME, &[("name", view.display_name.clone())])) }
        p.page-intro { (t.tr(msg::INTRO)) }
        @if let Some(tickets) = &view.tickets {
            (tickets_card(t, tickets))
        }
        @if let Some(projects) = &view.projects {
            (crate::projects::dashboard_card(t, projects))
        }
        @if let Some(billing) = &view.billing {
            (crate::billing::dashboard_card(t, billing))
        }
        (crate::activity::card(t, &view.activity))
        div.cards {
            (account_card(t, view))
            (last_sign_in_card(t, view.last_sign_in))
            (session_card(t, view))
        }
    };
    layout::page(shell, content)
}

fn tickets_card(t: Translator<'_>, card: &TicketsCard) -> Markup {
    use crate::tickets::{response_badge, ticket_path, LIST_PATH, NEW_PATH};
    html! {
        section.card aria-labelledby="ticket-summary" {
            div.page-heading {
                h2 #ticket-summary { (t.tr(msg::TICKETS_HEADING)) }
                @if card.can_create {
                    a.btn.btn--primary href=(NEW_PATH) { (t.tr(crate::tickets::msg::NEW)) }
                }
            }
            p {
                a href=(LIST_PATH) { (t.tr_count(msg::TICKETS_OPEN, &[("count", card.open)])) }
                " · "
                a href=(format!("{LIST_PATH}?response=awaiting_client")) {
                    (t.tr_count(msg::TICKETS_AWAITING, &[("count", card.awaiting_client)]))
                }
            }
            h3 { (t.tr(msg::TICKETS_RECENT)) }
            @if card.recent.is_empty() {
                p { (t.tr(msg::TICKETS_NONE)) }
            } @else {
                ul.recent-tickets {
                    @for r in &card.recent {
                        li {
                            a href=(ticket_path(&r.number)) { (r.number) " · " (r.title) }
                            " — " (r.status) " "
                            (response_badge(t, r.response_state.as_deref()))
                            " " (instant_time(t, r.updated_at))
                        }
                    }
                }
            }
            p { a href=(LIST_PATH) { (t.tr(msg::TICKETS_ALL)) } }
        }
    }
}

fn account_card(t: Translator<'_>, view: &DashboardView) -> Markup {
    html! {
        section.card aria-labelledby="account-heading" {
            h2 #account-heading { (t.tr(msg::ACCOUNT_HEADING)) }
            dl.details {
                dt { (t.tr(msg::ACCOUNT_NAME)) }
                dd { (view.display_name) }
                dt { (t.tr(msg::ACCOUNT_EMAIL)) }
                dd { (view.email) }
                @if let Some(company) = &view.company {
                    dt { (t.tr(msg::ACCOUNT_COMPANY)) }
                    dd { (company) }
                }
            }
        }
    }
}

fn last_sign_in_card(t: Translator<'_>, last: Option<DateTime<Utc>>) -> Markup {
    html! {
        section.card aria-labelledby="last-sign-in-heading" {
            h2 #last-sign-in-heading { (t.tr(msg::LAST_SIGN_IN_HEADING)) }
            @match last {
                Some(at) => p { (sentence_with_time(t, msg::LAST_SIGN_IN_AT, at)) },
                None => p { (t.tr(msg::FIRST_SIGN_IN)) },
            }
        }
    }
}

fn session_card(t: Translator<'_>, view: &DashboardView) -> Markup {
    html! {
        section.card aria-labelledby="session-heading" {
            h2 #session-heading { (t.tr(msg::SESSION_HEADING)) }
            dl.details {
                dt { (t.tr(msg::SESSION_SIGNED_IN_AT)) }
                dd { (instant_time(t, view.signed_in_at)) }
                dt { (t.tr(msg::SESSION_METHOD)) }
                dd { (method_label(t, &view.sign_in_method)) }
            }
        }
    }
}

/// Renders a message whose `{ $time }` placeable becomes a `<time>` element, keeping word order
/// up to the translation. The marker never reaches the output unescaped: both halves are text.
fn sentence_with_time(t: Translator<'_>, id: &str, at: DateTime<Utc>) -> Markup {
    const MARKER: &str = "\u{1}TIME\u{1}";
    let sentence = t.tr_args(id, &[("time", MARKER.to_owned())]);
    match sentence.split_once(MARKER) {
        Some((before, after)) => html! { (before) (instant_time(t, at)) (after) },
        None => html! { (sentence) " " (instant_time(t, at)) },
    }
}

/// Known methods get a translated label (those with a second factor or single sign-on as
/// Security names them); anything else is shown as given (escaped).
fn method_label(t: Translator<'_>, method: &str) -> String {
    match method {
        "password" => t.tr(msg::METHOD_PASSWORD),
        other => crate::security::method_label(t, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;
    use crate::theme::Branding;

    #[test]
    fn shows_account_and_session_details() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let branding = Branding::default_portal();
        let mut shell = shell(
            t,
            &branding,
            Some(nav("Ada Lovelace", Some("Analytical Ltd"))),
        );
        shell.title = title(t);
        let view = DashboardView {
            email: "ada@example.com".to_owned(),
            company: Some("Analytical Ltd".to_owned()),
            ..dashboard_view("Ada Lovelace")?
        };
        let html = page(&shell, &view).into_string();
        assert!(html.contains("<title>Dashboard · Client Portal</title>"));
        assert!(html.contains("<h1>Welcome, Ada Lovelace</h1>"));
        assert!(html.contains("<dd>ada@example.com</dd>"));
        assert!(html.contains("<dd>Analytical Ltd</dd>"));
        assert!(html.contains(
            r#"Your previous sign-in was on <time datetime="2026-11-27T13:05:00Z">Nov 27, 2026, 1:05 PM UTC</time>."#
        ));
        assert!(html.contains(
            r#"<dd><time datetime="2026-11-28T09:30:00Z">Nov 28, 2026, 9:30 AM UTC</time></dd>"#
        ));
        assert!(html.contains("<dd>Email and password</dd>"));
        assert!(!html.contains("first sign-in"));
        assert!(!html.contains('\u{1}'));
        assert_no_raw_ids(&html);
        Ok(())
    }

    #[test]
    fn first_sign_in_and_missing_company() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let shell = shell(locales.translator("en"), &branding, Some(nav("Ada", None)));
        let view = DashboardView {
            company: None,
            last_sign_in: None,
            sign_in_method: "passkey".to_owned(),
            ..dashboard_view("Ada")?
        };
        let html = page(&shell, &view).into_string();
        assert!(html.contains("This is your first sign-in."));
        assert!(!html.contains("Company"));
        assert!(html.contains("<dd>passkey</dd>"));
        assert_no_raw_ids(&html);
        Ok(())
    }

    #[test]
    fn second_factor_and_single_sign_on_methods_are_named_in_words() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        assert_eq!(
            method_label(t, "password+totp"),
            "Password and authenticator code"
        );
        assert_eq!(method_label(t, "oidc"), "Single sign-on");
        assert_eq!(method_label(t, "password"), "Email and password");
        Ok(())
    }

    #[test]
    fn dashboard_escapes_user_text() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let shell = shell(
            locales.translator("en"),
            &branding,
            Some(nav(EVIL, Some(EVIL))),
        );
        let view = DashboardView {
            sign_in_method: EVIL.to_owned(),
            ..dashboard_view(EVIL)?
        };
        let html = page(&shell, &view).into_string();
        assert_escaped(&html);
        assert!(html.contains(&format!("<dd>{EVIL_ESCAPED}</dd>")));
        Ok(())
    }
}
