//! Error pages: a title, a plain explanation and a way home. Never any internals.

use maud::{html, Markup};

use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        STATUS = "error-status";
        HOME_LINK = "error-home-link";
        BAD_REQUEST_TITLE = "error-bad-request-title";
        BAD_REQUEST_BODY = "error-bad-request-body";
        FORBIDDEN_TITLE = "error-forbidden-title";
        FORBIDDEN_BODY = "error-forbidden-body";
        NOT_FOUND_TITLE = "error-not-found-title";
        NOT_FOUND_BODY = "error-not-found-body";
        METHOD_NOT_ALLOWED_TITLE = "error-method-not-allowed-title";
        METHOD_NOT_ALLOWED_BODY = "error-method-not-allowed-body";
        PAYLOAD_TOO_LARGE_TITLE = "error-payload-too-large-title";
        PAYLOAD_TOO_LARGE_BODY = "error-payload-too-large-body";
        TOO_MANY_REQUESTS_TITLE = "error-too-many-requests-title";
        TOO_MANY_REQUESTS_BODY = "error-too-many-requests-body";
        INTERNAL_TITLE = "error-internal-title";
        INTERNAL_BODY = "error-internal-body";
        UNAVAILABLE_TITLE = "error-unavailable-title";
        UNAVAILABLE_BODY = "error-unavailable-body";
    }
}

/// The kinds of failure a client can be shown; each maps to one HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    TooManyRequests,
    Internal,
    Unavailable,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::BadRequest,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::MethodNotAllowed,
        ErrorKind::PayloadTooLarge,
        ErrorKind::TooManyRequests,
        ErrorKind::Internal,
        ErrorKind::Unavailable,
    ];

    /// The HTTP status code the page is served with.
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::BadRequest => 400,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::MethodNotAllowed => 405,
            ErrorKind::PayloadTooLarge => 413,
            ErrorKind::TooManyRequests => 429,
            ErrorKind::Internal => 500,
            ErrorKind::Unavailable => 503,
        }
    }

    /// Fluent ids of the (title, explanation) pair.
    fn message_ids(self) -> (&'static str, &'static str) {
        match self {
            ErrorKind::BadRequest => (msg::BAD_REQUEST_TITLE, msg::BAD_REQUEST_BODY),
            ErrorKind::Forbidden => (msg::FORBIDDEN_TITLE, msg::FORBIDDEN_BODY),
            ErrorKind::NotFound => (msg::NOT_FOUND_TITLE, msg::NOT_FOUND_BODY),
            ErrorKind::MethodNotAllowed => {
                (msg::METHOD_NOT_ALLOWED_TITLE, msg::METHOD_NOT_ALLOWED_BODY)
            }
            ErrorKind::PayloadTooLarge => {
                (msg::PAYLOAD_TOO_LARGE_TITLE, msg::PAYLOAD_TOO_LARGE_BODY)
            }
            ErrorKind::TooManyRequests => {
                (msg::TOO_MANY_REQUESTS_TITLE, msg::TOO_MANY_REQUESTS_BODY)
            }
            ErrorKind::Internal => (msg::INTERNAL_TITLE, msg::INTERNAL_BODY),
            ErrorKind::Unavailable => (msg::UNAVAILABLE_TITLE, msg::UNAVAILABLE_BODY),
        }
    }
}

/// The translated `<title>` for `kind`, for `PageShell::title`.
pub fn title(t: Translator<'_>, kind: ErrorKind) -> String {
    t.tr(kind.message_ids().0)
}

/// The error page inside the page shell.
pub fn page(shell: &PageShell<'_>, kind: ErrorKind) -> Markup {
    let t = shell.t;
    let (title_id, body_id) = kind.message_ids();
    let content = html! {
        div.error-page {
            div.card {
                p.error-code { (t.tr_args(msg::STATUS, &[("code", kind.status().to_string())])) }
                h1 { (t.tr(title_id)) }
                p { (t.tr(body_id)) }
                a.btn.btn--primary href="/" { (t.tr(msg::HOME_LINK)) }
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

    #[test]
    fn statuses() {
        let statuses: Vec<u16> = ErrorKind::ALL.iter().map(|k| k.status()).collect();
        assert_eq!(statuses, [400, 403, 404, 405, 413, 429, 500, 503]);
    }

    #[test]
    fn every_kind_renders_title_explanation_and_home_link() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let branding = Branding::default_portal();
        for kind in ErrorKind::ALL {
            let mut shell = shell(t, &branding, None);
            shell.title = title(t, kind);
            let html = page(&shell, kind).into_string();
            assert!(html.contains(&format!("<h1>{}</h1>", title(t, kind))));
            assert!(html.contains(&format!("Error {}", kind.status())));
            assert!(
                html.contains(r#"<a class="btn btn--primary" href="/">Go to the home page</a>"#)
            );
            assert_no_raw_ids(&html);
        }
        assert_eq!(title(t, ErrorKind::NotFound), "Page not found");
        Ok(())
    }

    #[test]
    fn error_page_escapes_tenant_and_user_text() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let shell = shell(
            locales.translator("en"),
            &branding,
            Some(nav(EVIL, Some(EVIL))),
        );
        let html = page(&shell, ErrorKind::Internal).into_string();
        assert_escaped(&html);
        Ok(())
    }
}
