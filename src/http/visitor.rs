//! What the portal knows of the browser in front of it, signed in or not: the language picked
//! with the footer's switch (cookie `__Host-portal.lang`) or else the first supported one its
//! `Accept-Language` asks for, and light or dark (cookie `__Host-portal.theme`, else as the
//! device says). A middleware reads them once per request into a task-local that the page
//! renderer (and error pages, which have no request at hand) read.
//!
//! Language order: a signed-in user's own choice, else their company's, else the MSP's (the
//! session carries that); signed out: the footer's switch, else the MSP's default (when it is
//! one of the portal's languages), else the browser's languages, else English — the order the
//! product asks for. (Every tenant has a default, so the browser's languages only count when
//! that default is not one the portal speaks.)

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{http::header, HttpRequest};
use portal_views::i18n::Locales;
use portal_views::theme::ColorScheme;

pub const LANG_COOKIE: &str = "__Host-portal.lang";
pub const THEME_COOKIE: &str = "__Host-portal.theme";

/// The browser's display wishes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Visitor {
    /// The language picked with the footer's switch.
    pub chosen: Option<&'static str>,
    /// The first supported language the browser asks for.
    pub asked: Option<&'static str>,
    pub scheme: ColorScheme,
}

impl Visitor {
    /// The language of a signed-out page: the switch, else `default` (the MSP's) when the
    /// portal speaks it, else the browser's, else English.
    pub fn lang(&self, default: Option<&str>) -> &'static str {
        self.chosen
            .or_else(|| default.and_then(supported))
            .or(self.asked)
            .unwrap_or("en")
    }
}

tokio::task_local! {
    static VISITOR: Visitor;
}

/// This request's visitor (the defaults outside a request).
pub fn current() -> Visitor {
    VISITOR.try_with(|v| *v).unwrap_or_default()
}

/// The supported tag `raw` names (its primary subtag), if any.
pub fn supported(raw: &str) -> Option<&'static str> {
    let primary = raw.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    Locales::supported()
        .iter()
        .copied()
        .find(|tag| *tag == primary)
}

/// The first supported language of an `Accept-Language` value, by weight (`q`), then order.
pub fn from_accept_language(value: &str) -> Option<&'static str> {
    let mut wishes: Vec<(u16, usize, &str)> = value
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), |q| {
                    q.trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))
                        // In 0..=1000, so the cast cannot truncate.
                        .map(|q| (q * 1000.0).round() as u16)
                })?;
            (q > 0 && !tag.is_empty()).then_some((q, i, tag))
        })
        .collect();
    wishes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    wishes.into_iter().find_map(|(_, _, tag)| supported(tag))
}

impl Visitor {
    pub fn of(req: &HttpRequest) -> Visitor {
        Visitor {
            chosen: req.cookie(LANG_COOKIE).and_then(|c| supported(c.value())),
            asked: req
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language),
            scheme: req
                .cookie(THEME_COOKIE)
                .and_then(|c| ColorScheme::parse(c.value()))
                .unwrap_or_default(),
        }
    }
}

/// Reads the visitor's wishes for the rest of the request.
pub async fn remember_visitor(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let visitor = Visitor::of(req.request());
    VISITOR.scope(visitor, next.call(req)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_then_the_msps_default_then_the_browser_then_english() {
        let v = |chosen, asked| Visitor {
            chosen,
            asked,
            scheme: ColorScheme::Auto,
        };
        assert_eq!(v(Some("de"), Some("fr")).lang(Some("nl")), "de");
        assert_eq!(v(None, Some("fr")).lang(Some("nl")), "nl");
        assert_eq!(v(None, Some("fr")).lang(Some("ja")), "fr");
        assert_eq!(v(None, Some("fr")).lang(None), "fr");
        assert_eq!(v(None, None).lang(Some("ja")), "en");
    }

    #[test]
    fn accept_language_picks_the_heaviest_supported_language() {
        assert_eq!(
            from_accept_language("fr-CH, fr;q=0.9, en;q=0.8"),
            Some("fr")
        );
        assert_eq!(from_accept_language("ja, de;q=0.5, en;q=0.7"), Some("en"));
        assert_eq!(from_accept_language("pt-BR"), Some("pt"));
        assert_eq!(from_accept_language("ja, zh;q=0.9"), None);
        assert_eq!(from_accept_language("nl;q=0, it"), Some("it"));
        assert_eq!(
            from_accept_language("de;q=abc, es;q=2, pl;q=0.1"),
            Some("pl")
        );
        assert_eq!(from_accept_language(""), None);
        assert_eq!(from_accept_language(";;,,q=1"), None);
    }
}
