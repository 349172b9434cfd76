//! Profile → Security: two-factor (turn on with a QR code, turn off with password and code),
//! password change, and the user's active sessions (revoke one, or all others).

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use crate::components::{alert, instant_time, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};
use crate::two_factor::{self, CodeError, EnrollmentView};

mod sessions;
pub use sessions::{device_label, method_label, sessions_table, SessionItem};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "security-title";
        INTRO = "security-intro";
        TWO_FACTOR_HEADING = "security-two-factor-heading";
        TWO_FACTOR_ON = "security-two-factor-on";
        TWO_FACTOR_OFF = "security-two-factor-off";
        TWO_FACTOR_CODES_LEFT = "security-two-factor-codes-left";
        TWO_FACTOR_SET_UP = "security-two-factor-set-up";
        TWO_FACTOR_DISABLE_HEADING = "security-two-factor-disable-heading";
        TWO_FACTOR_DISABLE = "security-two-factor-disable";
        PASSWORD_HEADING = "security-password-heading";
        CURRENT_PASSWORD = "security-current-password";
        NEW_PASSWORD = "security-new-password";
        CONFIRM_PASSWORD = "security-confirm-password";
        PASSWORD_RULES = "security-password-rules";
        SIGN_OUT_OTHERS = "security-sign-out-others";
        CHANGE_PASSWORD = "security-change-password";
        SESSIONS_HEADING = "security-sessions-heading";
        SESSIONS_INTRO = "security-sessions-intro";
        SESSION_DEVICE = "security-session-device";
        SESSION_IP = "security-session-ip";
        SESSION_METHOD = "security-session-method";
        SESSION_SIGNED_IN = "security-session-signed-in";
        SESSION_LAST_ACTIVE = "security-session-last-active";
        SESSION_CURRENT = "security-session-current";
        SESSION_REVOKE = "security-session-revoke";
        SESSION_UNKNOWN = "security-session-unknown";
        REVOKE_OTHERS_HEADING = "security-revoke-others-heading";
        REVOKE_OTHERS_PROOF = "security-revoke-others-proof";
        REVOKE_OTHERS = "security-revoke-others";
        PASSWORD_OR_CODE = "security-password-or-code";
        ENROLL_CANCEL = "security-enroll-cancel";
        CODES_BACK = "security-codes-back";
        NOTICE_PASSWORD_CHANGED = "security-notice-password-changed";
        NOTICE_TWO_FACTOR_ON = "security-notice-two-factor-on";
        NOTICE_TWO_FACTOR_OFF = "security-notice-two-factor-off";
        NOTICE_SESSION_REVOKED = "security-notice-session-revoked";
        NOTICE_OTHERS_REVOKED = "security-notice-others-revoked";
        ERROR_WRONG_PASSWORD = "security-error-wrong-password";
        ERROR_MISMATCH = "security-error-mismatch";
        ERROR_MISSING = "security-error-missing";
        ERROR_TOO_SHORT = "security-error-too-short";
        ERROR_TOO_LONG = "security-error-too-long";
        ERROR_CONTAINS_EMAIL = "security-error-contains-email";
        ERROR_CONTAINS_NAME = "security-error-contains-name";
        ERROR_TOO_WEAK = "security-error-too-weak";
        ERROR_NEEDS_PROOF = "security-error-needs-proof";
        ERROR_CSRF = "security-error-csrf";
        ERROR_UNAVAILABLE = "security-error-unavailable";
        ERROR_THROTTLED = "security-error-throttled";
        METHOD_PASSWORD = "security-method-password";
        METHOD_PASSWORD_TOTP = "security-method-password-totp";
        METHOD_PASSWORD_RECOVERY = "security-method-password-recovery";
        METHOD_OIDC = "security-method-oidc";
        METHOD_OIDC_TOTP = "security-method-oidc-totp";
        METHOD_OIDC_RECOVERY = "security-method-oidc-recovery";
        IDENTITIES_HEADING = "security-identities-heading";
        IDENTITIES_INTRO = "security-identities-intro";
        IDENTITY_PROVIDER = "security-identity-provider";
        IDENTITY_EMAIL = "security-identity-email";
        IDENTITY_LINKED = "security-identity-linked";
        IDENTITY_LAST_USED = "security-identity-last-used";
        IDENTITY_UNLINK = "security-identity-unlink";
        NOTICE_IDENTITY_UNLINKED = "security-notice-identity-unlinked";
    }
}

pub const ACTION: &str = "/client-portal/profile/security";
pub const PASSWORD_ACTION: &str = "/client-portal/profile/security/password";
pub const ENROLL_ACTION: &str = "/client-portal/profile/security/two-factor";
pub const DISABLE_ACTION: &str = "/client-portal/profile/security/two-factor/disable";
pub const REVOKE_ACTION: &str = "/client-portal/profile/security/sessions/revoke";
pub const REVOKE_OTHERS_ACTION: &str = "/client-portal/profile/security/sessions/revoke-others";
pub const UNLINK_ACTION: &str = "/client-portal/profile/security/identities/unlink";

/// Why a new password (change, reset, setup) was refused; the form shows the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    WrongCurrent,
    Mismatch,
    /// A field was left empty.
    Missing,
    TooShort,
    TooLong,
    ContainsEmail,
    ContainsName,
    /// zxcvbn's own hint (English) when it has one.
    TooWeak {
        warning: Option<String>,
    },
    CsrfFailed,
    Unavailable,
    /// Too many wrong passwords or codes: try again in this many minutes.
    Throttled {
        minutes: i64,
    },
}

impl PasswordProblem {
    pub fn message_id(&self) -> &'static str {
        match self {
            PasswordProblem::WrongCurrent => msg::ERROR_WRONG_PASSWORD,
            PasswordProblem::Mismatch => msg::ERROR_MISMATCH,
            PasswordProblem::Missing => msg::ERROR_MISSING,
            PasswordProblem::TooShort => msg::ERROR_TOO_SHORT,
            PasswordProblem::TooLong => msg::ERROR_TOO_LONG,
            PasswordProblem::ContainsEmail => msg::ERROR_CONTAINS_EMAIL,
            PasswordProblem::ContainsName => msg::ERROR_CONTAINS_NAME,
            PasswordProblem::TooWeak { .. } => msg::ERROR_TOO_WEAK,
            PasswordProblem::CsrfFailed => msg::ERROR_CSRF,
            PasswordProblem::Unavailable => msg::ERROR_UNAVAILABLE,
            PasswordProblem::Throttled { .. } => msg::ERROR_THROTTLED,
        }
    }

    /// The translated message, with zxcvbn's hint appended when there is one.
    pub fn text(&self, t: Translator<'_>) -> String {
        match self {
            PasswordProblem::TooWeak {
                warning: Some(warning),
            } => format!("{} {warning}", t.tr(self.message_id())),
            PasswordProblem::Throttled { minutes } => throttled_text(t, *minutes),
            other => t.tr(other.message_id()),
        }
    }
}

/// Why a step that needs proof (password and/or code) was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProofProblem {
    WrongPassword,
    Code(CodeError),
    NeedsProof,
    /// Too many wrong passwords or codes: try again in this many minutes.
    Throttled {
        minutes: i64,
    },
}

/// "Too many wrong passwords or codes, try again in N minutes."
fn throttled_text(t: Translator<'_>, minutes: i64) -> String {
    t.tr_count(msg::ERROR_THROTTLED, &[("minutes", minutes)])
}

impl ProofProblem {
    pub fn text(self, t: Translator<'_>) -> String {
        match self {
            ProofProblem::WrongPassword => t.tr(msg::ERROR_WRONG_PASSWORD),
            ProofProblem::Code(e) => e.text(t),
            ProofProblem::NeedsProof => t.tr(msg::ERROR_NEEDS_PROOF),
            ProofProblem::Throttled { minutes } => throttled_text(t, minutes),
        }
    }
}

/// A status line after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityNotice {
    PasswordChanged { others_signed_out: u64 },
    TwoFactorOn,
    TwoFactorOff,
    SessionRevoked,
    OthersRevoked { count: u64 },
    IdentityUnlinked,
}

impl SecurityNotice {
    fn text(self, t: Translator<'_>) -> String {
        match self {
            SecurityNotice::PasswordChanged { others_signed_out } => t.tr_count(
                msg::NOTICE_PASSWORD_CHANGED,
                &[("count", count(others_signed_out))],
            ),
            SecurityNotice::TwoFactorOn => t.tr(msg::NOTICE_TWO_FACTOR_ON),
            SecurityNotice::TwoFactorOff => t.tr(msg::NOTICE_TWO_FACTOR_OFF),
            SecurityNotice::SessionRevoked => t.tr(msg::NOTICE_SESSION_REVOKED),
            SecurityNotice::OthersRevoked { count: n } => {
                t.tr_count(msg::NOTICE_OTHERS_REVOKED, &[("count", count(n))])
            }
            SecurityNotice::IdentityUnlinked => t.tr(msg::NOTICE_IDENTITY_UNLINKED),
        }
    }
}

/// A single sign-on identity linked to the account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentityItem {
    pub provider_name: String,
    pub email: String,
    pub linked_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    /// Posted back by the unlink form (with `subject`).
    pub issuer: String,
    pub subject: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityView {
    pub csrf_token: String,
    pub notice: Option<SecurityNotice>,
    /// `Some(since)` when two-factor is on.
    pub two_factor_since: Option<DateTime<Utc>>,
    pub recovery_codes_left: i64,
    pub two_factor_error: Option<ProofProblem>,
    pub password_error: Option<PasswordProblem>,
    pub sessions: Vec<SessionItem>,
    pub sessions_error: Option<ProofProblem>,
    /// Identities at the tenant's SSO providers that sign in to this account.
    pub identities: Vec<IdentityItem>,
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn password_fields(t: Translator<'_>, error: Option<&PasswordProblem>, current: bool) -> Markup {
    let described = error.map(|_| "password-error");
    html! {
        @if current {
            div.field {
                label for="current_password" { (t.tr(msg::CURRENT_PASSWORD)) }
                input #current_password type="password" name="current_password"
                    autocomplete="current-password" required aria-describedby=[described];
            }
        }
        div.field {
            label for="new_password" { (t.tr(msg::NEW_PASSWORD)) }
            input #new_password type="password" name="new_password" autocomplete="new-password"
                minlength="12" maxlength="128" required aria-describedby=[described];
            p.field-hint { (t.tr(msg::PASSWORD_RULES)) }
        }
        div.field {
            label for="confirm_password" { (t.tr(msg::CONFIRM_PASSWORD)) }
            input #confirm_password type="password" name="confirm_password"
                autocomplete="new-password" required aria-describedby=[described];
        }
    }
}

/// The new-password fields (twice) with the policy hint, for reset and setup forms too.
pub fn new_password_fields(t: Translator<'_>, error: Option<&PasswordProblem>) -> Markup {
    html! {
        @if let Some(e) = error { (alert("password-error", &e.text(t))) }
        (password_fields(t, error, false))
    }
}

pub fn page(shell: &PageShell<'_>, view: &SecurityView) -> Markup {
    let t = shell.t;
    let content = html! {
        (crate::profile::heading(t, crate::profile::ProfileTab::Security))
        p.page-intro { (t.tr(msg::INTRO)) }
        @if let Some(n) = view.notice { (notice(&n.text(t))) }
        section.card aria-labelledby="tf-heading" {
            h2 #tf-heading { (t.tr(msg::TWO_FACTOR_HEADING)) }
            @match view.two_factor_since {
                Some(since) => {
                    p { (t.tr(msg::TWO_FACTOR_ON)) " " (instant_time(t, since)) }
                    p { (t.tr_count(msg::TWO_FACTOR_CODES_LEFT, &[("count", view.recovery_codes_left)])) }
                    h3 { (t.tr(msg::TWO_FACTOR_DISABLE_HEADING)) }
                    @if let Some(e) = view.two_factor_error { (alert("two-factor-error", &e.text(t))) }
                    form method="post" action=(DISABLE_ACTION) {
                        input type="hidden" name="csrf_token" value=(view.csrf_token);
                        div.field {
                            label for="disable_password" { (t.tr(msg::CURRENT_PASSWORD)) }
                            input #disable_password type="password" name="password"
                                autocomplete="current-password" required;
                        }
                        (two_factor::code_field(t, None, true))
                        button.btn.btn--secondary type="submit" { (t.tr(msg::TWO_FACTOR_DISABLE)) }
                    }
                }
                None => {
                    p { (t.tr(msg::TWO_FACTOR_OFF)) }
                    a.btn.btn--primary href=(ENROLL_ACTION) { (t.tr(msg::TWO_FACTOR_SET_UP)) }
                }
            }
        }
        section.card aria-labelledby="pw-heading" {
            h2 #pw-heading { (t.tr(msg::PASSWORD_HEADING)) }
            @if let Some(e) = &view.password_error { (alert("password-error", &e.text(t))) }
            form method="post" action=(PASSWORD_ACTION) {
                input type="hidden" name="csrf_token" value=(view.csrf_token);
                (password_fields(t, view.password_error.as_ref(), true))
                div.field.field--check {
                    input #sign_out_others type="checkbox" name="sign_out_others" value="on" checked;
                    label for="sign_out_others" { (t.tr(msg::SIGN_OUT_OTHERS)) }
                }
                button.btn.btn--primary type="submit" { (t.tr(msg::CHANGE_PASSWORD)) }
            }
        }
        section.card aria-labelledby="sessions-list-heading" {
            h2 #sessions-list-heading { (t.tr(msg::SESSIONS_HEADING)) }
            p { (t.tr(msg::SESSIONS_INTRO)) }
            (sessions_table(t, &view.sessions, &view.csrf_token, REVOKE_ACTION))
            @if view.sessions.iter().any(|s| !s.current) {
                h3 { (t.tr(msg::REVOKE_OTHERS_HEADING)) }
                @if let Some(e) = view.sessions_error { (alert("sessions-error", &e.text(t))) }
                form method="post" action=(REVOKE_OTHERS_ACTION) {
                    input type="hidden" name="csrf_token" value=(view.csrf_token);
                    p.field-hint { (t.tr(msg::REVOKE_OTHERS_PROOF)) }
                    div.field {
                        label for="proof" { (t.tr(msg::PASSWORD_OR_CODE)) }
                        input #proof type="password" name="proof" autocomplete="current-password" required;
                    }
                    button.btn.btn--secondary type="submit" { (t.tr(msg::REVOKE_OTHERS)) }
                }
            }
        }
        @if !view.identities.is_empty() {
            section.card aria-labelledby="identities-heading" {
                h2 #identities-heading { (t.tr(msg::IDENTITIES_HEADING)) }
                p { (t.tr(msg::IDENTITIES_INTRO)) }
                table.table {
                    thead { tr {
                        th scope="col" { (t.tr(msg::IDENTITY_PROVIDER)) }
                        th scope="col" { (t.tr(msg::IDENTITY_EMAIL)) }
                        th scope="col" { (t.tr(msg::IDENTITY_LINKED)) }
                        th scope="col" { (t.tr(msg::IDENTITY_LAST_USED)) }
                        th scope="col" { span.visually-hidden { (t.tr(msg::IDENTITY_UNLINK)) } }
                    } }
                    tbody {
                        @for i in &view.identities {
                            tr {
                                td { (i.provider_name) }
                                td { (i.email) }
                                td data-label=(t.tr(msg::IDENTITY_LINKED)) { (instant_time(t, i.linked_at)) }
                                td data-label=(t.tr(msg::IDENTITY_LAST_USED)) { (instant_time(t, i.last_used_at)) }
                                td {
                                    form method="post" action=(UNLINK_ACTION) {
                                        input type="hidden" name="csrf_token" value=(view.csrf_token);
                                        input type="hidden" name="issuer" value=(i.issuer);
                                        input type="hidden" name="subject" value=(i.subject);
                                        button.btn.btn--secondary type="submit" { (t.tr(msg::IDENTITY_UNLINK)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout::page(shell, content)
}

/// Enrollment from the Security page.
pub fn enroll_page(
    shell: &PageShell<'_>,
    enrollment: &EnrollmentView,
    csrf_token: &str,
    error: Option<CodeError>,
) -> Markup {
    let t = shell.t;
    let content = html! {
        div.card {
            h1 { (t.tr(two_factor::msg::ENROLL_HEADING)) }
            @if let Some(e) = error { (alert(two_factor::CODE_ERROR_ID, &e.text(t))) }
            (two_factor::enrollment_block(t, enrollment))
            form method="post" action=(ENROLL_ACTION) {
                input type="hidden" name="csrf_token" value=(csrf_token);
                (two_factor::code_field(t, error, false))
                button.btn.btn--primary type="submit" { (t.tr(two_factor::msg::ENROLL_SUBMIT)) }
                " "
                a href=(ACTION) { (t.tr(msg::ENROLL_CANCEL)) }
            }
        }
    };
    layout::page(shell, content)
}

/// The recovery codes after enrolling from the Security page.
pub fn codes_page(shell: &PageShell<'_>, codes: &[String]) -> Markup {
    let t = shell.t;
    let content = html! {
        div.card {
            h1 { (t.tr(two_factor::msg::CODES_HEADING)) }
            (notice(&t.tr(msg::NOTICE_TWO_FACTOR_ON)))
            p.page-intro { (t.tr(two_factor::msg::CODES_INTRO)) }
            (two_factor::recovery_code_list(codes))
            a.btn.btn--primary href=(ACTION) { (t.tr(msg::CODES_BACK)) }
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

    fn view() -> Result<SecurityView, &'static str> {
        Ok(SecurityView {
            csrf_token: "csrf".into(),
            notice: Some(SecurityNotice::OthersRevoked { count: 2 }),
            two_factor_since: Some(at(2026, 11, 1, 9, 0)?),
            recovery_codes_left: 9,
            two_factor_error: Some(ProofProblem::Code(CodeError::Replay)),
            password_error: Some(PasswordProblem::TooWeak {
                warning: Some("This is a top-10 common password.".into()),
            }),
            sessions: vec![
                SessionItem {
                    id: "abc".into(),
                    user_agent: Some(
                        "Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537".into(),
                    ),
                    ip: Some("203.0.113.9".into()),
                    method: "password+totp".into(),
                    signed_in_at: at(2026, 11, 27, 9, 0)?,
                    last_seen_at: at(2026, 11, 27, 9, 30)?,
                    current: true,
                },
                SessionItem {
                    id: "def".into(),
                    user_agent: None,
                    ip: None,
                    method: "oidc+totp".into(),
                    signed_in_at: at(2026, 11, 26, 9, 0)?,
                    last_seen_at: at(2026, 11, 26, 9, 30)?,
                    current: false,
                },
            ],
            sessions_error: None,
            identities: vec![IdentityItem {
                provider_name: "Google".into(),
                email: "ada@acme.example".into(),
                linked_at: at(2026, 11, 20, 9, 0)?,
                last_used_at: at(2026, 11, 26, 9, 0)?,
                issuer: "https://accounts.google.com".into(),
                subject: "1234567890".into(),
            }],
        })
    }

    #[test]
    fn security_page_lists_sessions_and_forms() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let t = locales.translator("en");
        let html = page(&shell(t, &branding, None), &view()?).into_string();
        assert!(html.contains("Chrome · Windows"), "{html}");
        assert!(html.contains("This device"));
        assert!(html.contains(r#"name="session" value="def""#));
        assert!(!html.contains(r#"name="session" value="abc""#));
        assert!(html.contains("top-10 common password"));
        assert!(html.contains("2 other sessions were signed out"), "{html}");
        // Turn off two-factor, sign out the other session, all others, unlink the identity.
        assert_card_buttons(&html, 4);
        assert_no_raw_ids(&html);
        Ok(())
    }

    #[test]
    fn security_page_escapes() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let t = locales.translator("en");
        let mut v = view()?;
        v.sessions[1].user_agent = Some(EVIL.into());
        v.sessions[1].ip = Some(EVIL.into());
        v.sessions[1].id = EVIL.into();
        let html = page(&shell(t, &branding, None), &v).into_string();
        assert!(!html.contains("<script"));
        assert_escaped(&html);
        Ok(())
    }

    #[test]
    fn throttled_proofs_say_how_long_to_wait() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        assert_eq!(
            ProofProblem::Throttled { minutes: 1 }.text(t),
            "Too many wrong passwords or codes, try again in 1 minute."
        );
        assert_eq!(
            PasswordProblem::Throttled { minutes: 15 }.text(t),
            "Too many wrong passwords or codes, try again in 15 minutes."
        );
        Ok(())
    }

    #[test]
    fn devices_are_recognised() {
        assert_eq!(
            device_label(Some("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605 Version/17 Safari/605")).as_deref(),
            Some("Safari · macOS")
        );
        assert_eq!(device_label(Some("curl/8.4.0")).as_deref(), Some("curl"));
        assert_eq!(device_label(None), None);
    }
}
