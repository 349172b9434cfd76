//! Company settings → one portal user: their role (Admin, Finance, User, each said in words),
//! deactivating or reactivating them, and signing them out everywhere.

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use crate::company::{MemberRole, ACTION as COMPANY_PATH, REVOKE_USER_ACTION};
use crate::components::{alert, instant_time, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        BACK = "member-back";
        FACTS_HEADING = "member-facts-heading";
        EMAIL = "member-email";
        STATUS = "member-status";
        ACTIVE = "member-active";
        INACTIVE = "member-inactive";
        TWO_FACTOR = "member-two-factor";
        LAST_SIGN_IN = "member-last-sign-in";
        SESSIONS = "member-sessions";
        ROLE_HEADING = "member-role-heading";
        ROLE_LEGEND = "member-role-legend";
        ROLE_ADMIN_HINT = "member-role-admin-hint";
        ROLE_FINANCE_HINT = "member-role-finance-hint";
        ROLE_USER_HINT = "member-role-user-hint";
        ROLE_SAVE = "member-role-save";
        ACCESS_HEADING = "member-access-heading";
        DEACTIVATE_HINT = "member-deactivate-hint";
        DEACTIVATE = "member-deactivate";
        REACTIVATE_HINT = "member-reactivate-hint";
        REACTIVATE = "member-reactivate";
        YOU_HINT = "member-you-hint";
        NOTICE_ROLE = "member-notice-role";
        NOTICE_DEACTIVATED = "member-notice-deactivated";
        NOTICE_REACTIVATED = "member-notice-reactivated";
        NOTICE_UNCHANGED = "member-notice-unchanged";
        ERROR_LAST_ADMIN = "member-error-last-admin";
        ERROR_CONFLICT = "member-error-conflict";
        ERROR_BAD_ROLE = "member-error-bad-role";
        RESET_HEADING = "member-reset-heading";
        RESET_HINT = "member-reset-hint";
        RESET = "member-reset";
        NOTICE_RESET = "member-notice-reset";
        ERROR_INACTIVE = "member-error-inactive";
    }
}

/// The page of one member.
pub fn member_path(user_id: &str) -> String {
    format!("{COMPANY_PATH}/users/{user_id}")
}

/// What a member's page says after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberNotice {
    RoleChanged,
    Deactivated,
    Reactivated,
    Unchanged,
    ResetSent,
}

/// Why an action was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberError {
    /// The company's last active admin cannot be demoted or deactivated.
    LastAdmin,
    /// Someone changed the member meanwhile.
    Conflict,
    /// The form named no known role.
    BadRole,
    /// A deactivated member cannot be sent a reset link.
    Inactive,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberView {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: MemberRole,
    pub inactive: bool,
    pub two_factor: bool,
    pub last_sign_in: Option<DateTime<Utc>>,
    pub active_sessions: usize,
    pub is_you: bool,
    pub csrf_token: String,
    pub notice: Option<MemberNotice>,
    pub error: Option<MemberError>,
}

pub fn title(v: &MemberView) -> String {
    v.name.clone()
}

fn notice_text(t: Translator<'_>, n: MemberNotice) -> String {
    t.tr(match n {
        MemberNotice::RoleChanged => msg::NOTICE_ROLE,
        MemberNotice::Deactivated => msg::NOTICE_DEACTIVATED,
        MemberNotice::Reactivated => msg::NOTICE_REACTIVATED,
        MemberNotice::Unchanged => msg::NOTICE_UNCHANGED,
        MemberNotice::ResetSent => msg::NOTICE_RESET,
    })
}

fn error_text(t: Translator<'_>, e: MemberError) -> String {
    t.tr(match e {
        MemberError::LastAdmin => msg::ERROR_LAST_ADMIN,
        MemberError::Conflict => msg::ERROR_CONFLICT,
        MemberError::BadRole => msg::ERROR_BAD_ROLE,
        MemberError::Inactive => msg::ERROR_INACTIVE,
    })
}

fn hidden(v: &MemberView) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(v.csrf_token); }
}

pub fn page(shell: &PageShell<'_>, v: &MemberView) -> Markup {
    let t = shell.t;
    let base = member_path(&v.user_id);
    let roles = [
        (MemberRole::Admin, "admin", msg::ROLE_ADMIN_HINT),
        (MemberRole::Finance, "finance", msg::ROLE_FINANCE_HINT),
        (MemberRole::User, "user", msg::ROLE_USER_HINT),
    ];
    let content = html! {
        p { a href=(COMPANY_PATH) { (t.tr(msg::BACK)) } }
        h1 { (v.name) " " span class=(v.role.class()) { (v.role.label(t)) } }
        @if let Some(n) = v.notice { (notice(&notice_text(t, n))) }
        @if let Some(e) = v.error { (alert("member-error", &error_text(t, e))) }
        section.card aria-labelledby="member-facts" {
            h2 #member-facts { (t.tr(msg::FACTS_HEADING)) }
            dl.ticket-facts {
                div { dt { (t.tr(msg::EMAIL)) } dd { (v.email) } }
                div { dt { (t.tr(msg::STATUS)) } dd { (t.tr(if v.inactive { msg::INACTIVE } else { msg::ACTIVE })) } }
                div { dt { (t.tr(msg::TWO_FACTOR)) } dd { (t.tr(if v.two_factor { crate::company::msg::YES } else { crate::company::msg::NO })) } }
                div { dt { (t.tr(msg::LAST_SIGN_IN)) } dd { @match v.last_sign_in { Some(at) => (instant_time(t, at)), None => (t.tr(crate::company::msg::NEVER)) } } }
                div { dt { (t.tr(msg::SESSIONS)) } dd { (v.active_sessions) } }
            }
            @if v.active_sessions > 0 && !v.is_you {
                form method="post" action=(REVOKE_USER_ACTION) {
                    (hidden(v))
                    input type="hidden" name="user" value=(v.user_id);
                    button.btn.btn--secondary type="submit" { (t.tr(crate::company::msg::SIGN_OUT_USER)) }
                }
            }
        }
        section.card aria-labelledby="member-role" {
            h2 #member-role { (t.tr(msg::ROLE_HEADING)) }
            form method="post" action=(format!("{base}/role")) {
                (hidden(v))
                fieldset.choices {
                    legend { (t.tr(msg::ROLE_LEGEND)) }
                    @for (role, value, hint) in roles {
                        @let id = format!("role-{value}");
                        div.field.field--check.field--choice {
                            input id=(id) type="radio" name="role" value=(value) checked[role == v.role]
                                aria-describedby=(format!("{id}-hint"));
                            label for=(id) { (role.label(t)) }
                            p.field-hint id=(format!("{id}-hint")) { (t.tr(hint)) }
                        }
                    }
                }
                @if v.is_you { p.field-hint { (t.tr(msg::YOU_HINT)) } }
                button.btn.btn--primary type="submit" { (t.tr(msg::ROLE_SAVE)) }
            }
        }
        @if !v.inactive && !v.is_you {
            section.card aria-labelledby="member-reset" {
                h2 #member-reset { (t.tr(msg::RESET_HEADING)) }
                p { (t.tr_args(msg::RESET_HINT, &[("email", v.email.clone())])) }
                form method="post" action=(format!("{base}/password-reset")) {
                    (hidden(v))
                    button.btn.btn--secondary type="submit" { (t.tr(msg::RESET)) }
                }
            }
        }
        section.card aria-labelledby="member-access" {
            h2 #member-access { (t.tr(msg::ACCESS_HEADING)) }
            @if v.inactive {
                p { (t.tr(msg::REACTIVATE_HINT)) }
                form method="post" action=(format!("{base}/reactivate")) {
                    (hidden(v))
                    button.btn.btn--primary type="submit" { (t.tr(msg::REACTIVATE)) }
                }
            } @else {
                p { (t.tr(msg::DEACTIVATE_HINT)) }
                form method="post" action=(format!("{base}/deactivate")) {
                    (hidden(v))
                    button.btn.btn--danger type="submit" { (t.tr(msg::DEACTIVATE)) }
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
    use crate::test_support::{assert_escaped, assert_no_raw_ids, nav, TestResult, EVIL};
    use crate::theme::Branding;

    #[test]
    fn a_member_page_offers_each_role_in_words_and_explains_a_refusal() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let branding = Branding::default_portal();
        let v = MemberView {
            user_id: "u-1".into(),
            name: EVIL.into(),
            email: "ben@acme.example".into(),
            role: MemberRole::Admin,
            inactive: false,
            two_factor: true,
            last_sign_in: None,
            active_sessions: 2,
            is_you: true,
            csrf_token: "c".into(),
            notice: None,
            error: Some(MemberError::LastAdmin),
        };
        let shell = PageShell {
            t,
            title: title(&v),
            branding: &branding,
            csp_nonce: "n",
            signed_in: Some(nav("Alice", Some("Acme"))),
            scheme: crate::theme::ColorScheme::Auto,
        };
        let html = page(&shell, &v).into_string();
        assert_no_raw_ids(&html);
        assert_escaped(&html);
        assert!(html.contains(r#"value="admin" checked"#));
        assert!(html.contains(r#"action="/client-portal/client-settings/users/u-1/role""#));
        assert!(html.contains(r#"action="/client-portal/client-settings/users/u-1/deactivate""#));
        assert!(html.contains("at least one active administrator"));
        // One's own sessions are ended from Security, not here.
        assert!(!html.contains("Sign out everywhere"));
        Ok(())
    }
}
