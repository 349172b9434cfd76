//! Property tests over what the views parse or render straight from request input: Markdown
//! typed by users, User-Agent headers, notice and colour parameters. Arbitrary Unicode never
//! panics, and nothing a user types comes out as live HTML.

use proptest::prelude::*;

use crate::security::device_label;
use crate::theme::is_valid_color;
use crate::tickets::detail::DetailNotice;
use crate::tickets::{priority_label, priority_styles, response_badge};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,120}",
        proptest::collection::vec(any::<char>(), 0..120).prop_map(|c| c.into_iter().collect()),
        // Markdown and HTML punctuation, densely, so the parsers see nesting and edge cases.
        proptest::collection::vec(
            prop_oneof![
                Just("<"),
                Just(">"),
                Just("["),
                Just("]"),
                Just("("),
                Just(")"),
                Just("*"),
                Just("`"),
                Just("|"),
                Just("\n"),
                Just("#"),
                Just("&"),
                Just("\""),
                Just("'"),
                Just("javascript:"),
                Just("<script>"),
                Just("onerror="),
                Just("<img src=x "),
                Just("http://"),
                Just("é"),
                Just("€"),
                Just("\u{0}"),
                Just("\\"),
                Just("!"),
            ],
            0..60
        )
        .prop_map(|parts| parts.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn markdown_never_panics_and_never_lets_markup_through(source in text()) {
        let html = crate::markdown::render(&source).into_string();
        prop_assert!(html.starts_with("<div class=\"markdown\">"), "{}", html);
        // Text is escaped, so every `<` left opens a real tag: check each tag the renderer made.
        for tag in html.split('<').skip(1).filter_map(|rest| rest.split('>').next()) {
            let tag = tag.to_ascii_lowercase();
            let name = tag.trim_start_matches('/').split([' ', '\n']).next().unwrap_or_default();
            prop_assert!(
                !["script", "img", "iframe", "style", "object", "embed", "svg", "math", "form"]
                    .contains(&name),
                "tag <{}> in {}", tag, html
            );
            // Attribute names only: drop the quoted values (a title may well say " on").
            let names: String = tag.split('"').step_by(2).collect();
            prop_assert!(!names.contains(" on"), "event handler in <{}>", tag);
            // A script URL is one whose scheme is `javascript:` (not `http://javascript:#`,
            // a harmless URL whose host is named "javascript").
            for value in tag.split('"').skip(1).step_by(2) {
                let value = value.trim_start();
                prop_assert!(
                    !["javascript:", "vbscript:", "data:"].iter().any(|s| value.starts_with(s)),
                    "script URL in <{}>", tag
                );
            }
        }
    }

    #[test]
    fn user_agents_become_short_labels_or_nothing(raw in text()) {
        if let Some(label) = device_label(Some(&raw)) {
            prop_assert!(label.chars().count() <= 80, "{}", label);
        }
    }

    #[test]
    fn notices_colours_and_badges_never_panic(raw in text()) {
        let _ = DetailNotice::parse(&raw);
        if is_valid_color(&raw) {
            prop_assert_eq!(raw.len(), 7);
        }
        let label = priority_label(&raw, &raw).into_string();
        prop_assert!(!label.contains("<script"));
        let styles = priority_styles([raw.as_str()]);
        prop_assert!(styles.is_empty() || (styles.starts_with(".prio-") && !styles.contains('<')));
        if let Ok(locales) = crate::i18n::Locales::load() {
            let _ = response_badge(locales.translator("en"), Some(&raw));
        }
    }
}
