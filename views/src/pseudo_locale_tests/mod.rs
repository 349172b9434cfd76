//! The pseudo-locale check (issue 18, item 3): every page and email the views render is
//! rendered with [`Locales::pseudo`], which wraps each message in `⟦`…`⟧`; whatever a reader
//! would see or hear outside the markers must be data — the fixture's names, addresses, titles,
//! numbers, dates and amounts, or punctuation. Any other word was written into the markup
//! instead of going through Fluent, and would stay English in every language.
//!
//! What counts as shown: text nodes (not comments, `<script>` or `<style>`), with the
//! `<title>`, and the `title`, `aria-label`, `placeholder`, `alt`, `label` and `data-label`
//! attributes (the last is printed by the stylesheet on narrow screens), entities decoded.
//! Allowed outside the markers: a token holding a digit (numbers, dates, money), a token with
//! no letter (punctuation, symbols), a word the date formatter writes itself (month names,
//! AM/PM), and the page's data strings.

mod auth;
mod emails;
mod pages;
mod work;

use chrono::{NaiveDate, TimeZone, Utc};

use crate::email::RenderedEmail;
use crate::i18n::{Locales, Translator, PSEUDO_CLOSE, PSEUDO_OPEN};
use crate::layout::{NavItem, PageShell};
use crate::test_support::{nav, shell};
use crate::theme::Branding;

/// The tenant, shown in the header, the footer and the `<title>`.
pub(super) const TENANT: &str = "Northwind IT";
/// The signed-in user.
pub(super) const USER: &str = "Ada Lovelace";
/// The user's company.
pub(super) const COMPANY: &str = "Analytical Engines Ltd";
/// The user's address.
pub(super) const EMAIL: &str = "ada@analytical.example";

/// Attributes whose values a reader sees or hears.
const SHOWN_ATTRIBUTES: [&str; 6] = [
    "title",
    "aria-label",
    "placeholder",
    "alt",
    "label",
    "data-label",
];

/// The tenant's branding of every fixture page.
pub(super) fn branding() -> Branding {
    Branding {
        name: TENANT.to_owned(),
        primary_color: "#0b5563".to_owned(),
        accent_color: "#b54708".to_owned(),
        images: Default::default(),
    }
}

/// The shell of a page seen before signing in.
pub(super) fn signed_out<'a>(t: Translator<'a>, b: &'a Branding, title: String) -> PageShell<'a> {
    PageShell {
        title,
        ..shell(t, b, None)
    }
}

/// The shell of a page of a signed-in client admin who sees every navigation item.
pub(super) fn signed_in<'a>(
    t: Translator<'a>,
    b: &'a Branding,
    title: String,
    active: NavItem,
) -> PageShell<'a> {
    let mut nav = nav(USER, Some(COMPANY));
    nav.active = active;
    nav.is_client_admin = true;
    nav.may_read_projects = true;
    nav.may_read_billing = true;
    PageShell {
        title,
        ..shell(t, b, Some(nav))
    }
}

/// Collects what every rendered page or email shows outside the markers; [`Check::finish`]
/// fails listing each page and its offending text.
pub(super) struct Check {
    /// Words the formatter itself writes (month names, AM/PM, the zone).
    formatter_words: Vec<String>,
    /// Data on every page: the shell's tenant, user and company, the user's address, and the
    /// languages' names in their own language (the language pickers list them so).
    common: Vec<String>,
    problems: Vec<String>,
    checked: usize,
}

impl Check {
    pub(super) fn new(t: Translator<'_>) -> Check {
        Check {
            formatter_words: formatter_words(t),
            common: [TENANT, USER, COMPANY, EMAIL]
                .into_iter()
                .chain(Locales::named().into_iter().map(|(_, name)| name))
                .map(str::to_owned)
                .collect(),
            problems: Vec::new(),
            checked: 0,
        }
    }

    /// A whole HTML page (or fragment): its text, `<title>` and shown attributes.
    pub(super) fn html(&mut self, page: &str, html: &str, data: &[&str]) {
        self.checked += 1;
        if !html.contains(PSEUDO_OPEN) {
            self.problems.push(format!(
                "{page}: no message at all (not rendered in the pseudo-locale?)"
            ));
        }
        let (text, attributes) = visible(html);
        self.text(page, "text", &text, data);
        for (name, value) in attributes {
            self.text(page, &format!("attribute {name}"), &value, data);
        }
    }

    /// Plain text (an email's subject or text part, a PDF's strings).
    pub(super) fn text(&mut self, page: &str, place: &str, text: &str, data: &[&str]) {
        let outside = match outside_markers(text) {
            Ok(outside) => outside,
            Err(problem) => {
                self.problems.push(format!("{page} ({place}): {problem}"));
                return;
            }
        };
        let mut data: Vec<&str> = self
            .common
            .iter()
            .map(String::as_str)
            .chain(data.iter().copied())
            .filter(|d| !d.is_empty())
            .collect();
        // Longest first, so a name inside a longer data string does not split it.
        data.sort_by_key(|d| std::cmp::Reverse(d.len()));
        for line in outside.lines() {
            let mut rest = line.to_owned();
            for d in &data {
                rest = rest.replace(d, " ");
            }
            let words: Vec<&str> = rest
                .split_whitespace()
                .filter(|token| self.is_untranslated(token))
                .collect();
            if !words.is_empty() {
                self.problems.push(format!(
                    "{page} ({place}): {words:?} outside ⟦…⟧ in {:?}",
                    line.trim()
                ));
            }
        }
    }

    /// An email's subject, text part and HTML part.
    pub(super) fn email(&mut self, name: &str, mail: &RenderedEmail, data: &[&str]) {
        self.text(name, "subject", &mail.subject, data);
        self.text(name, "text part", &mail.text, data);
        self.html(&format!("{name} (HTML part)"), &mail.html, data);
    }

    /// A word outside the markers that is neither a number nor punctuation nor the
    /// formatter's own.
    fn is_untranslated(&self, token: &str) -> bool {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        token.chars().any(char::is_alphabetic)
            && !token.chars().any(char::is_numeric)
            && !self.formatter_words.iter().any(|w| w == word)
    }

    /// Fails listing every problem, with how many pages were checked.
    pub(super) fn finish(self) {
        assert!(self.checked > 0, "nothing was checked");
        assert!(
            self.problems.is_empty(),
            "{} of the {} rendered pages/emails show text outside the pseudo-locale's markers \
             (hard-coded, not from Fluent):\n{}",
            self.problems.len(),
            self.checked,
            self.problems.join("\n")
        );
    }
}

/// Every word the date formatter writes for this translator: month names, the day periods and
/// the zone, as they come out of `fmt()` for each month, morning and evening.
fn formatter_words(t: Translator<'_>) -> Vec<String> {
    let mut texts = Vec::new();
    for month in 1..=12 {
        if let Some(date) = NaiveDate::from_ymd_opt(2026, month, 15) {
            texts.push(t.fmt().date(date));
            texts.push(t.fmt().month(date));
        }
        for hour in [9, 21] {
            if let Some(at) = Utc.with_ymd_and_hms(2026, month, 15, hour, 5, 0).single() {
                let (when, zone) = t.fmt().instant(at);
                texts.push(when);
                texts.push(zone);
            }
        }
    }
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|text| text.split_whitespace())
        .map(|token| token.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().any(char::is_alphabetic))
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The text outside the markers, each marked span (nested ones included) left as `⟦…⟧`;
/// unbalanced markers are a problem of their own.
fn outside_markers(text: &str) -> Result<String, String> {
    let mut depth = 0_usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == PSEUDO_OPEN {
            if depth == 0 {
                out.push_str("⟦…⟧");
            }
            depth += 1;
        } else if c == PSEUDO_CLOSE {
            depth = depth
                .checked_sub(1)
                .ok_or_else(|| format!("a {PSEUDO_CLOSE} without its {PSEUDO_OPEN} in {text:?}"))?;
        } else if depth == 0 {
            out.push(c);
        }
    }
    if depth == 0 {
        Ok(out)
    } else {
        Err(format!(
            "a {PSEUDO_OPEN} without its {PSEUDO_CLOSE} in {text:?}"
        ))
    }
}

/// What a reader sees of an HTML document: its text nodes (outside comments, `<script>` and
/// `<style>`), one per line, and the shown attributes as (name, value), entities decoded.
fn visible(html: &str) -> (String, Vec<(String, String)>) {
    let mut text = String::new();
    let mut attributes = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push_line(&mut text, rest);
            break;
        };
        push_line(&mut text, &rest[..open]);
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("</") {
            rest = rest.split_once('>').map_or("", |(_, r)| r);
            continue;
        }
        let (tag, attrs, after) = start_tag(&rest[1..]);
        rest = after;
        let input_button = tag == "input"
            && attrs
                .iter()
                .any(|(n, v)| n == "type" && matches!(v.as_str(), "submit" | "button" | "reset"));
        for (name, value) in attrs {
            if SHOWN_ATTRIBUTES.contains(&name.as_str()) || (input_button && name == "value") {
                attributes.push((name, value));
            }
        }
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            rest = rest.find(&close).map_or("", |i| &rest[i..]);
        }
    }
    (text, attributes)
}

fn push_line(text: &mut String, raw: &str) {
    if !raw.trim().is_empty() {
        text.push_str(&decode(raw));
        text.push('\n');
    }
}

/// A start tag's name and attributes (`s` follows its `<`), and the markup after it.
fn start_tag(s: &str) -> (String, Vec<(String, String)>, &str) {
    let end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(s.len());
    let tag = s[..end].to_ascii_lowercase();
    let mut rest = &s[end..];
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('>') {
            rest = after;
            break;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let close = inner.find(quote).unwrap_or(inner.len());
                    value = decode(&inner[..close]);
                    rest = inner.get(close + 1..).unwrap_or("");
                }
                _ => {
                    let close = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    value = decode(&after[..close]);
                    rest = &after[close..];
                }
            }
        }
        attrs.push((name, value));
    }
    (tag, attrs, rest)
}

/// Character references decoded (`&amp;`, `&quot;`, `&#39;`, `&#x27;`, …).
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The check itself, on small inputs: it must see hard-coded words wherever a reader would.
mod checker {
    use maud::html;

    use super::*;
    use crate::test_support::TestResult;

    fn problems(html: &str, data: &[&str]) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let locales = Locales::pseudo()?;
        let mut check = Check::new(locales.translator("en"));
        check.html("page", html, data);
        Ok(check.problems)
    }

    #[test]
    fn the_pseudo_translator_wraps_messages_but_not_formatted_data() -> TestResult {
        let locales = Locales::pseudo()?;
        let t = locales.translator("en");
        assert_eq!(t.tr("signin-submit"), "⟦Sign in⟧");
        assert_eq!(
            t.tr_args("dashboard-welcome", &[("name", "Ada".to_owned())]),
            "⟦Welcome, Ada⟧"
        );
        assert_eq!(
            t.tr_count("signin-error-throttled", &[("minutes", 1)]),
            "⟦Too many failed sign-in attempts, try again in 1 minute⟧"
        );
        let mixed = t.tr_mixed(
            "notify-replies-subject",
            &[
                ("tenant", "Northwind".to_owned()),
                ("number", "T-7".to_owned()),
                ("title", "Printer".to_owned()),
            ],
            &[("count", 1)],
        );
        assert!(
            mixed.starts_with("⟦One more reply") && mixed.ends_with('⟧'),
            "{mixed}"
        );
        assert_eq!(t.fmt().integer(1234), "1,234");
        // A missing id stays bare, so the check reports it.
        assert_eq!(t.tr("no-such-message"), "no-such-message");
        // The real locales are untouched.
        assert_eq!(
            Locales::load()?.translator("en").tr("signin-submit"),
            "Sign in"
        );
        Ok(())
    }

    #[test]
    fn text_inside_markers_data_numbers_and_punctuation_pass() -> TestResult {
        let html = html! {
            title { "⟦Dashboard⟧ · Northwind IT" }
            style { "body{color:red}" }
            script { "alert('hi')" }
            // A message split around an element (`sentence_with_time`), nested messages.
            p { "⟦Last seen " time { "⟦Nov 27, 2026, 1:05 PM ⟦UTC⟧⟧" } ".⟧" }
            p { "Nov 27, 2026, 1:05\u{202f}PM — €1,234.50 · 42% (3/7) ▲" }
            td data-label="⟦Status⟧" { "Ada Lovelace" }
            a href="/not/checked/words" title="⟦Open⟧" { "TIC-1 · Printer jam" }
        }
        .into_string();
        assert_eq!(problems(&html, &["Printer jam"])?, Vec::<String>::new());
        Ok(())
    }

    #[test]
    fn hard_coded_words_are_found_in_text_titles_and_attributes() -> TestResult {
        for html in [
            html! { p { "⟦Hours left⟧: 12 h" } },
            html! { title { "Dashboard · Northwind IT" } p { "⟦x⟧" } },
            html! { nav aria-label="Pages" { "⟦Next⟧" } },
            html! { input placeholder="Search" value="⟦x⟧"; },
            html! { img alt="Logo" src="⟦x⟧"; },
            html! { td data-label="Total" { "⟦x⟧" } },
            html! { optgroup label="Only on Projects" { option { "⟦x⟧" } } },
            html! { input type="submit" value="Send"; p { "⟦x⟧" } },
            html! { p { "⟦Sign in⟧ or 'forget'" } },
            html! { p { "⟦tickets-title⟧" } "tickets-title" },
        ] {
            assert_eq!(problems(&html.into_string(), &[])?.len(), 1);
        }
        let unbalanced = problems("<p>⟦Sign in</p>", &[])?;
        assert!(unbalanced[0].contains("without its"), "{unbalanced:?}");
        let unwrapped = problems("<p>Sign in</p>", &[])?;
        assert_eq!(unwrapped.len(), 2, "{unwrapped:?}");
        Ok(())
    }

    #[test]
    fn the_failure_names_the_page_and_the_text() -> TestResult {
        let found = problems("<p>⟦Left⟧: 12 h</p>", &[])?;
        assert_eq!(found, [r#"page (text): ["h"] outside ⟦…⟧ in "⟦…⟧: 12 h""#]);
        Ok(())
    }
}
