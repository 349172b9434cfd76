//! Markdown that people type (ticket descriptions, comments) rendered to HTML that is safe to
//! insert: CommonMark (plus tables and strikethrough) through `pulldown-cmark`, then cleaned by
//! `ammonia` (an allow-list of tags and attributes; no scripts, styles, event handlers or
//! `javascript:` links; links get `rel="noopener noreferrer nofollow"`). Raw HTML in the source
//! is escaped rather than interpreted.

use maud::{html, Markup, PreEscaped};
use pulldown_cmark::{Event, Options, Parser};

/// The sanitized HTML of a Markdown text, inside `<div class="markdown">`.
pub fn render(source: &str) -> Markup {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // HTML in the source is shown as text, never interpreted.
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(source.len().saturating_add(source.len() / 4));
    pulldown_cmark::html::push_html(&mut unsafe_html, events);
    let clean = ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .rm_tags(["img"])
        .clean(&unsafe_html)
        .to_string();
    // `clean` is ammonia's output: only allow-listed tags and attributes survive.
    html! { div.markdown { (PreEscaped(clean)) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(source: &str) -> String {
        render(source).into_string()
    }

    #[test]
    fn markdown_is_rendered() {
        let html = out("**bold** and `code`\n\n- one\n- two\n\n[site](https://example.com)");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("<code>code</code>"), "{html}");
        assert!(html.contains("<li>one</li>"), "{html}");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn hostile_markdown_is_defused() {
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=https://evil.example></iframe>",
            "<style>body{display:none}</style>",
            "![x](https://evil.example/track.png)",
            "<div onclick=alert(1)>x</div>",
        ] {
            let html = out(evil);
            let lower = html.to_lowercase();
            for bad in [
                "<script",
                "<img",
                "<a href=\"javascript",
                "<iframe",
                "<style",
            ] {
                assert!(!lower.contains(bad), "{evil:?} gave {html}");
            }
            // No real tag carries an event handler (escaped text may mention one).
            for tag in lower.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or_default();
                assert!(!tag.contains(" on"), "{evil:?} gave {html}");
            }
        }
    }
}
