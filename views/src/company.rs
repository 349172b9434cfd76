//! Company settings for client admins: the company's portal users, where they are signed in
//! (with a way to sign them out) and their recent sign-in events.

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use crate::components::{instant_time, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};
use crate::security::{device_label, method_label};
use crate::setup::{invite_section, InviteeItem};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "company-title";
        HEADING = "company-heading";
        INTRO = "company-intro";
        USERS_HEADING = "company-users-heading";
        USER_NAME = "company-user-name";
        USER_EMAIL = "company-user-email";
        USER_ROLE = "company-user-role";
        USER_TWO_FACTOR = "company-user-two-factor";
        USER_LAST_SIGN_IN = "company-user-last-sign-in";
        USER_SESSIONS = "company-user-sessions";
        ROLE_ADMIN = "company-role-admin";
        ROLE_FINANCE = "company-role-finance";
        ROLE_USER = "company-role-user";
        INACTIVE = "company-inactive";
        YES = "company-yes";
        NO = "company-no";
        NEVER = "company-never";
        SIGN_OUT_USER = "company-sign-out-user";
        SESSIONS_HEADING = "company-sessions-heading";
        SESSIONS_NONE = "company-sessions-none";
        SESSION_USER = "company-session-user";
        SESSION_DEVICE = "company-session-device";
        SESSION_IP = "company-session-ip";
        SESSION_METHOD = "company-session-method";
        SESSION_LAST_ACTIVE = "company-session-last-active";
        SESSION_REVOKE = "company-session-revoke";
        SESSION_YOURS = "company-session-yours";
        EVENTS_HEADING = "company-events-heading";
        EVENTS_NONE = "company-events-none";
        EVENT_TIME = "company-event-time";
        EVENT_WHO = "company-event-who";
        EVENT_OUTCOME = "company-event-outcome";
        EVENT_IP = "company-event-ip";
        OUTCOME_SUCCESS = "company-outcome-success";
        OUTCOME_FAILURE = "company-outcome-failure";
        OUTCOME_SECOND_FACTOR = "company-outcome-second-factor";
        NOTICE_SESSION = "company-notice-session";
        NOTICE_USER = "company-notice-user";
        MANAGE_USER = "company-manage-user";
        EVENT_ROLE_CHANGED = "company-event-role-changed";
        EVENT_DEACTIVATED = "company-event-deactivated";
        EVENT_REACTIVATED = "company-event-reactivated";
        EVENT_RESET_SENT = "company-event-reset-sent";
        EVENT_SIGNED_OUT = "company-event-signed-out";
        EVENT_PROFILE_UPDATED = "company-event-profile-updated";
        EVENT_TWO_FACTOR = "company-event-two-factor";
        TWO_FACTOR_HEADING = "company-two-factor-heading";
        TWO_FACTOR_REQUIRE = "company-two-factor-require";
        TWO_FACTOR_HINT = "company-two-factor-hint";
        TWO_FACTOR_SAVE = "company-two-factor-save";
        NOTICE_TWO_FACTOR = "company-notice-two-factor";
        NOTICE_DETAILS = "company-notice-details";
        NOTICE_DETAILS_UNCHANGED = "company-notice-details-unchanged";
        EVENT_COMPANY_UPDATED = "company-event-company-updated";
        UNKNOWN = "company-unknown";
    }
}

pub const ACTION: &str = "/client-portal/client-settings";
pub const REVOKE_SESSION_ACTION: &str = "/client-portal/client-settings/sessions/revoke";
pub const REVOKE_USER_ACTION: &str = "/client-portal/client-settings/users/sign-out";
pub const TWO_FACTOR_ACTION: &str = "/client-portal/client-settings/two-factor";

/// A member's portal role, as the users table shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberRole {
    Admin,
    Finance,
    User,
}

impl MemberRole {
    pub(crate) fn label(self, t: Translator<'_>) -> String {
        t.tr(match self {
            MemberRole::Admin => msg::ROLE_ADMIN,
            MemberRole::Finance => msg::ROLE_FINANCE,
            MemberRole::User => msg::ROLE_USER,
        })
    }

    /// The badge's modifier class.
    pub(crate) fn class(self) -> &'static str {
        match self {
            MemberRole::Admin => "badge badge--attention",
            MemberRole::Finance => "badge",
            MemberRole::User => "badge badge--muted",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyUserItem {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: MemberRole,
    pub inactive: bool,
    pub two_factor: bool,
    pub last_sign_in: Option<DateTime<Utc>>,
    pub active_sessions: usize,
    pub is_you: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanySessionItem {
    pub id: String,
    pub user_name: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub method: String,
    pub last_seen_at: DateTime<Utc>,
    pub is_current: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInEventItem {
    pub at: DateTime<Utc>,
    /// `sign_in`, or what happened to the account (`user_role_changed`, …).
    pub kind: String,
    pub email: String,
    /// `success`, `failure` or `second_factor`.
    pub outcome: String,
    pub ip: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompanyNotice {
    TwoFactorSaved,
    DetailsSaved,
    DetailsUnchanged,
    SessionEnded,
    UserSignedOut { count: u64 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyView {
    pub company: String,
    pub csrf_token: String,
    pub notice: Option<CompanyNotice>,
    pub users: Vec<CompanyUserItem>,
    pub sessions: Vec<CompanySessionItem>,
    pub events: Vec<SignInEventItem>,
    /// Contacts without a portal account, for the invitation section.
    pub invitees: Vec<InviteeItem>,
    /// Just invited (shown as a notice).
    pub invited: Option<String>,
    /// Whether the company requires two-factor of everyone.
    pub requires_two_factor: bool,
    pub details: crate::company_details::CompanyDetailsView,
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

fn outcome_label(t: Translator<'_>, kind: &str, outcome: &str) -> String {
    t.tr(match (kind, outcome) {
        ("user_role_changed", _) => msg::EVENT_ROLE_CHANGED,
        ("user_deactivated", _) => msg::EVENT_DEACTIVATED,
        ("user_reactivated", _) => msg::EVENT_REACTIVATED,
        ("password_reset_sent", _) => msg::EVENT_RESET_SENT,
        ("session_revoked", _) => msg::EVENT_SIGNED_OUT,
        ("profile_updated", _) => msg::EVENT_PROFILE_UPDATED,
        ("company_two_factor_required", _) => msg::EVENT_TWO_FACTOR,
        ("company_updated", _) => msg::EVENT_COMPANY_UPDATED,
        (_, "success") => msg::OUTCOME_SUCCESS,
        (_, "second_factor") => msg::OUTCOME_SECOND_FACTOR,
        _ => msg::OUTCOME_FAILURE,
    })
}

pub fn page(shell: &PageShell<'_>, view: &CompanyView) -> Markup {
    let t = shell.t;
    let content = html! {
        h1 { (t.tr_args(msg::HEADING, &[("company", view.company.clone())])) }
        p.page-intro { (t.tr(msg::INTRO)) }
        @if let Some(n) = view.notice {
            (notice(&match n {
                CompanyNotice::SessionEnded => t.tr(msg::NOTICE_SESSION),
                CompanyNotice::TwoFactorSaved => t.tr(msg::NOTICE_TWO_FACTOR),
                CompanyNotice::DetailsSaved => t.tr(msg::NOTICE_DETAILS),
                CompanyNotice::DetailsUnchanged => t.tr(msg::NOTICE_DETAILS_UNCHANGED),
                CompanyNotice::UserSignedOut { count } => t.tr_count(msg::NOTICE_USER, &[("count", i64::try_from(count).unwrap_or(i64::MAX))]),
            }))
        }
        section.card aria-labelledby="company-users" {
            h2 #company-users { (t.tr(msg::USERS_HEADING)) }
            table.table {
                thead { tr {
                    th scope="col" { (t.tr(msg::USER_NAME)) }
                    th scope="col" { (t.tr(msg::USER_EMAIL)) }
                    th scope="col" { (t.tr(msg::USER_ROLE)) }
                    th scope="col" { (t.tr(msg::USER_TWO_FACTOR)) }
                    th scope="col" { (t.tr(msg::USER_LAST_SIGN_IN)) }
                    th scope="col" { (t.tr(msg::USER_SESSIONS)) }
                    th scope="col" { span.visually-hidden { (t.tr(msg::MANAGE_USER)) } }
                } }
                tbody {
                    @for u in &view.users {
                        tr {
                            td { (u.name) @if u.inactive { " " span.badge { (t.tr(msg::INACTIVE)) } } }
                            td { (u.email) }
                            td data-label=(t.tr(msg::USER_ROLE)) { span class=(u.role.class()) { (u.role.label(t)) } }
                            td data-label=(t.tr(msg::USER_TWO_FACTOR)) { (t.tr(if u.two_factor { msg::YES } else { msg::NO })) }
                            td data-label=(t.tr(msg::USER_LAST_SIGN_IN)) { @match u.last_sign_in { Some(at) => (instant_time(t, at)), None => (t.tr(msg::NEVER)) } }
                            td data-label=(t.tr(msg::USER_SESSIONS)) { (u.active_sessions) }
                            td {
                                a.btn.btn--secondary href=(crate::company_member::member_path(&u.user_id)) {
                                    (t.tr(msg::MANAGE_USER)) span.visually-hidden { " " (u.name) }
                                }
                            }
                        }
                    }
                }
            }
        }
        (invite_section(t, &view.invitees, &view.csrf_token, view.invited.as_deref()))
        (crate::company_details::card(t, &view.details, &view.csrf_token))
        section.card aria-labelledby="company-two-factor" {
            h2 #company-two-factor { (t.tr(msg::TWO_FACTOR_HEADING)) }
            form method="post" action=(TWO_FACTOR_ACTION) {
                input type="hidden" name="csrf_token" value=(view.csrf_token);
                div.field.field--check {
                    input #require_two_factor type="checkbox" name="required" value="on"
                        checked[view.requires_two_factor] aria-describedby="require-two-factor-hint";
                    label for="require_two_factor" { (t.tr(msg::TWO_FACTOR_REQUIRE)) }
                }
                p.field-hint #require-two-factor-hint { (t.tr(msg::TWO_FACTOR_HINT)) }
                button.btn.btn--primary type="submit" { (t.tr(msg::TWO_FACTOR_SAVE)) }
            }
        }
        section.card aria-labelledby="company-sessions" {
            h2 #company-sessions { (t.tr(msg::SESSIONS_HEADING)) }
            @if view.sessions.is_empty() {
                p { (t.tr(msg::SESSIONS_NONE)) }
            } @else {
                table.table {
                    thead { tr {
                        th scope="col" { (t.tr(msg::SESSION_USER)) }
                        th scope="col" { (t.tr(msg::SESSION_DEVICE)) }
                        th scope="col" { (t.tr(msg::SESSION_IP)) }
                        th scope="col" { (t.tr(msg::SESSION_METHOD)) }
                        th scope="col" { (t.tr(msg::SESSION_LAST_ACTIVE)) }
                        th scope="col" { span.visually-hidden { (t.tr(msg::SESSION_REVOKE)) } }
                    } }
                    tbody {
                        @for s in &view.sessions {
                            tr {
                                td { (s.user_name) }
                                td data-label=(t.tr(msg::SESSION_DEVICE)) { (device_label(s.user_agent.as_deref()).unwrap_or_else(|| t.tr(msg::UNKNOWN))) }
                                td data-label=(t.tr(msg::SESSION_IP)) { (s.ip.clone().unwrap_or_else(|| t.tr(msg::UNKNOWN))) }
                                td data-label=(t.tr(msg::SESSION_METHOD)) { (method_label(t, &s.method)) }
                                td data-label=(t.tr(msg::SESSION_LAST_ACTIVE)) { (instant_time(t, s.last_seen_at)) }
                                td {
                                    @if s.is_current {
                                        strong.badge { (t.tr(msg::SESSION_YOURS)) }
                                    } @else {
                                        form method="post" action=(REVOKE_SESSION_ACTION) {
                                            input type="hidden" name="csrf_token" value=(view.csrf_token);
                                            input type="hidden" name="session" value=(s.id);
                                            button.btn.btn--secondary type="submit" { (t.tr(msg::SESSION_REVOKE)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.card aria-labelledby="company-events" {
            h2 #company-events { (t.tr(msg::EVENTS_HEADING)) }
            @if view.events.is_empty() {
                p { (t.tr(msg::EVENTS_NONE)) }
            } @else {
                table.table {
                    thead { tr {
                        th scope="col" { (t.tr(msg::EVENT_TIME)) }
                        th scope="col" { (t.tr(msg::EVENT_WHO)) }
                        th scope="col" { (t.tr(msg::EVENT_OUTCOME)) }
                        th scope="col" { (t.tr(msg::EVENT_IP)) }
                    } }
                    tbody {
                        @for e in &view.events {
                            tr {
                                td { (instant_time(t, e.at)) }
                                td { (e.email) }
                                td data-label=(t.tr(msg::EVENT_OUTCOME)) { (outcome_label(t, &e.kind, &e.outcome)) }
                                td data-label=(t.tr(msg::EVENT_IP)) { (e.ip.clone().unwrap_or_else(|| t.tr(msg::UNKNOWN))) }
                            }
                        }
                    }
                }
            }
        }
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;
    use crate::theme::Branding;

    fn view(text: &str) -> Result<CompanyView, &'static str> {
        Ok(CompanyView {
            company: text.into(),
            csrf_token: text.into(),
            notice: Some(CompanyNotice::UserSignedOut { count: 1 }),
            users: vec![CompanyUserItem {
                user_id: text.into(),
                name: text.into(),
                email: text.into(),
                role: MemberRole::Finance,
                inactive: true,
                two_factor: true,
                last_sign_in: None,
                active_sessions: 2,
                is_you: false,
            }],
            sessions: vec![CompanySessionItem {
                id: text.into(),
                user_name: text.into(),
                user_agent: Some(text.into()),
                ip: Some(text.into()),
                method: text.into(),
                last_seen_at: at(2026, 11, 27, 10, 0)?,
                is_current: false,
            }],
            events: vec![SignInEventItem {
                at: at(2026, 11, 27, 10, 0)?,
                kind: "sign_in".into(),
                email: text.into(),
                outcome: "failure".into(),
                ip: Some(text.into()),
            }],
            invitees: Vec::new(),
            requires_two_factor: true,
            details: Default::default(),
            invited: None,
        })
    }

    #[test]
    fn company_page_renders_and_escapes() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let t = locales.translator("en");
        let html = page(&shell(t, &branding, None), &view(EVIL)?).into_string();
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        let html = page(&shell(t, &Branding::default_portal(), None), &view("Acme")?).into_string();
        assert!(html.contains("1 session was signed out."), "{html}");
        assert!(html.contains("Failed"));
        assert!(html.contains(">Finance</span>"), "{html}");
        // Narrow screens stack the cells: each value keeps its column's name.
        assert!(
            html.contains(r#"<td data-label="Two-factor">On</td>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<td data-label="Active sessions">2</td>"#),
            "{html}"
        );
        assert!(html.contains(REVOKE_SESSION_ACTION));
        // Sign a user out everywhere, sign one session out.
        assert_card_buttons(&html, 2);
        Ok(())
    }
}
