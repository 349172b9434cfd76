//! The user's active sessions as Security lists them: a device label from the User-Agent, how
//! each signed in, and the table with a sign-out button per session.

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use super::msg;
use crate::components::instant_time;
use crate::i18n::Translator;

/// One active session as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionItem {
    /// Opaque handle the revoke form posts back.
    pub id: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub method: String,
    pub signed_in_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub current: bool,
}

/// "Chrome on Windows" from a User-Agent header; good enough to recognise one's own devices.
pub fn device_label(user_agent: Option<&str>) -> Option<String> {
    let ua = user_agent?;
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let os = [
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, os) {
        (Some(b), Some(o)) => Some(format!("{b} · {o}")),
        (Some(b), None) => Some(b.to_owned()),
        (None, Some(o)) => Some(o.to_owned()),
        (None, None) => Some(ua.chars().take(60).collect()),
    }
}

/// How a session signed in, in words.
pub fn method_label(t: Translator<'_>, method: &str) -> String {
    match method {
        "password" => t.tr(msg::METHOD_PASSWORD),
        "password+totp" => t.tr(msg::METHOD_PASSWORD_TOTP),
        "password+recovery_code" => t.tr(msg::METHOD_PASSWORD_RECOVERY),
        "oidc" => t.tr(msg::METHOD_OIDC),
        "oidc+totp" => t.tr(msg::METHOD_OIDC_TOTP),
        "oidc+recovery_code" => t.tr(msg::METHOD_OIDC_RECOVERY),
        other => other.to_owned(),
    }
}

/// A table of sessions with a revoke button each (the current one is marked, not revocable here).
pub fn sessions_table(
    t: Translator<'_>,
    sessions: &[SessionItem],
    csrf: &str,
    action: &str,
) -> Markup {
    html! {
        table.table {
            thead { tr {
                th scope="col" { (t.tr(msg::SESSION_DEVICE)) }
                th scope="col" { (t.tr(msg::SESSION_IP)) }
                th scope="col" { (t.tr(msg::SESSION_METHOD)) }
                th scope="col" { (t.tr(msg::SESSION_SIGNED_IN)) }
                th scope="col" { (t.tr(msg::SESSION_LAST_ACTIVE)) }
                th scope="col" { span.visually-hidden { (t.tr(msg::SESSION_REVOKE)) } }
            } }
            tbody {
                @for s in sessions {
                    tr {
                        td { (device_label(s.user_agent.as_deref()).unwrap_or_else(|| t.tr(msg::SESSION_UNKNOWN))) }
                        td data-label=(t.tr(msg::SESSION_IP)) { (s.ip.clone().unwrap_or_else(|| t.tr(msg::SESSION_UNKNOWN))) }
                        td data-label=(t.tr(msg::SESSION_METHOD)) { (method_label(t, &s.method)) }
                        td data-label=(t.tr(msg::SESSION_SIGNED_IN)) { (instant_time(t, s.signed_in_at)) }
                        td data-label=(t.tr(msg::SESSION_LAST_ACTIVE)) { (instant_time(t, s.last_seen_at)) }
                        td {
                            @if s.current {
                                strong.badge { (t.tr(msg::SESSION_CURRENT)) }
                            } @else {
                                form method="post" action=(action) {
                                    input type="hidden" name="csrf_token" value=(csrf);
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
