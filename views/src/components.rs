//! Small markup pieces shared by several pages: times and message boxes.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use maud::{html, Markup};

use crate::i18n::Translator;

pub(crate) mod msg {
    crate::i18n::message_ids! {
        DATETIME_ZONE = "common-datetime-zone";
    }
}

/// An instant as readable text in the reader's time zone, e.g. "Nov 27, 2026, 1:05 PM UTC".
pub fn format_instant(t: Translator<'_>, at: DateTime<Utc>) -> String {
    let (when, zone) = t.fmt().instant(at);
    t.tr_args(msg::DATETIME_ZONE, &[("datetime", when), ("zone", zone)])
}

/// `<time datetime="…RFC 3339…">` around the readable UTC text.
pub fn instant_time(t: Translator<'_>, at: DateTime<Utc>) -> Markup {
    html! {
        time datetime=(at.to_rfc3339_opts(SecondsFormat::Secs, true)) { (format_instant(t, at)) }
    }
}

/// `application/x-www-form-urlencoded` encoding of one query value (space as `+`).
pub fn encode_query_value(value: &str) -> String {
    encode(value, "+")
}

/// Percent-encoding of one URL path segment (space as `%20`).
pub fn encode_path_segment(value: &str) -> String {
    encode(value, "%20")
}

fn encode(value: &str, space: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push_str(space),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `path` with these query pairs (none: just the path).
pub fn href_with_query(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_query_value(k), encode_query_value(v)))
        .collect();
    format!("{path}?{}", query.join("&"))
}

/// The pairs with `key` replaced by `value` (or removed when `None`).
pub fn with_pair(
    pairs: &[(String, String)],
    key: &str,
    value: Option<String>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k != key).cloned().collect();
    if let Some(value) = value {
        out.push((key.to_owned(), value));
    }
    out
}

/// A calendar date as readable text, e.g. "Nov 27, 2026" in English.
pub fn format_date(t: Translator<'_>, date: NaiveDate) -> String {
    t.fmt().date(date)
}

/// `<time datetime="YYYY-MM-DD">` around the readable date.
pub fn date_time(t: Translator<'_>, date: NaiveDate) -> Markup {
    html! { time datetime=(date.format("%Y-%m-%d").to_string()) { (format_date(t, date)) } }
}

/// A row of tabs: links, the current one marked `aria-current="page"`. `items` are (href,
/// label, current).
pub fn tabs(label: &str, items: &[(&str, String, bool)]) -> Markup {
    html! {
        nav.tabs aria-label=(label) {
            ul {
                @for (href, text, current) in items {
                    li { a href=(href) aria-current=[current.then_some("page")] { (text) } }
                }
            }
        }
    }
}

/// An error box announced immediately by screen readers.
pub fn alert(id: &str, text: &str) -> Markup {
    html! { div.alert id=(id) role="alert" { (text) } }
}

/// A polite status message, e.g. after signing out.
pub fn notice(text: &str) -> Markup {
    html! { div.notice role="status" { (text) } }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::i18n::Locales;

    #[test]
    fn formats_utc_time_in_english() -> Result<(), Box<dyn std::error::Error>> {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let at = Utc
            .with_ymd_and_hms(2026, 11, 27, 13, 5, 9)
            .single()
            .ok_or("ambiguous time")?;
        assert_eq!(format_instant(t, at), "Nov 27, 2026, 1:05\u{202f}PM UTC");
        assert_eq!(
            instant_time(t, at).into_string(),
            r#"<time datetime="2026-11-27T13:05:09Z">Nov 27, 2026, 1:05 PM UTC</time>"#
        );
        Ok(())
    }
}
