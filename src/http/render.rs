//! Turning views into responses: the page shell for a tenant, HTML responses, redirects.

use std::sync::OnceLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use portal_actors::model::{BrandImage, TenantInfo};
use portal_views::errors::{self as error_views, ErrorKind};
use portal_views::format::DateStyle;
use portal_views::i18n::{LocaleError, Locales, Translator};
use portal_views::layout::{PageShell, Reader, SignedInNav};
use portal_views::theme::{BrandImagePaths, Branding};
use portal_views::Markup;

static LOCALES: OnceLock<Result<Locales, LocaleError>> = OnceLock::new();

/// The embedded Fluent locales, parsed once; start-up calls this to fail early on a bad file.
pub fn locales() -> Result<&'static Locales, &'static LocaleError> {
    LOCALES.get_or_init(Locales::load).as_ref()
}

/// The translator for a language, falling back to English.
pub fn translator(lang: &str) -> Option<Translator<'static>> {
    locales().ok().map(|l| l.translator(lang))
}

/// How a signed-in user reads the portal: their language (else their company's, else the
/// tenant's), their time zone (UTC when none or unknown) and their date style.
pub fn reader(user: &crate::http::extract::PortalUser) -> Reader {
    let prefs = &user.session.record.user.prefs;
    let lang = prefs
        .locale
        .clone()
        .unwrap_or_else(|| user.tenant.default_locale.clone());
    reader_of(prefs, lang)
}

/// A reader in `lang` with the time zone and date style of `prefs` (UTC and the language's own
/// date form when unset or unknown): pages and emails read the same preferences the same way.
pub fn reader_of(prefs: &portal_actors::model::ReaderPrefs, lang: String) -> Reader {
    Reader {
        lang,
        zone: prefs
            .time_zone
            .as_deref()
            .and_then(|z| z.parse().ok())
            .unwrap_or(chrono_tz::Tz::UTC),
        date_style: prefs
            .date_format
            .as_deref()
            .and_then(DateStyle::parse)
            .unwrap_or_default(),
    }
}

/// The translator of a signed-in user (see [`reader`]), for what is not a page: PDFs, files.
pub fn translator_for(user: &crate::http::extract::PortalUser) -> Option<Translator<'static>> {
    locales().ok().map(|l| reader(user).translator(l))
}

/// A tenant's branding, for the page shell.
pub fn branding(tenant: Option<&TenantInfo>) -> Branding {
    match tenant {
        Some(t) => Branding {
            name: t.name.clone(),
            primary_color: t.primary_color.clone(),
            accent_color: t.accent_color.clone(),
            images: BrandImagePaths {
                logo_light: t.images.logo_light.as_ref().map(BrandImage::path),
                logo_dark: t.images.logo_dark.as_ref().map(BrandImage::path),
                favicon: t.images.favicon.as_ref().map(BrandImage::path),
            },
        },
        None => Branding::default_portal(),
    }
}

/// Renders `content` for a page: `build` gets the translator and returns (title, markup).
pub fn page(
    status: StatusCode,
    tenant: Option<&TenantInfo>,
    nonce: &str,
    signed_in: Option<SignedInNav>,
    build: impl FnOnce(&PageShell<'_>) -> Markup,
    title: impl FnOnce(Translator<'_>) -> String,
) -> HttpResponse {
    let visitor = crate::http::visitor::current();
    let reader = match &signed_in {
        Some(nav) => nav.reader.clone(),
        None => Reader::default_for(visitor.lang(tenant.map(|t| t.default_locale.as_str()))),
    };
    let Ok(locales) = locales() else {
        return HttpResponse::InternalServerError().body("The portal's texts failed to load.");
    };
    let t = reader.translator(locales);
    let branding = branding(tenant);
    let shell = PageShell {
        t,
        title: title(t),
        branding: &branding,
        csp_nonce: nonce,
        signed_in,
        scheme: visitor.scheme,
    };
    html(status, build(&shell))
}

/// An HTML response that no cache keeps.
pub fn html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .body(markup.into_string())
}

/// A 303 redirect to a location the caller has validated.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .finish()
}

/// An error page's HTML (used where no request context exists, e.g. `ResponseError`).
pub fn error_page(branding: &Branding, kind: ErrorKind) -> String {
    let visitor = crate::http::visitor::current();
    let Some(t) = translator(visitor.lang(None)) else {
        return "The portal could not answer this request.".to_owned();
    };
    let shell = PageShell {
        t,
        title: error_views::title(t, kind),
        branding,
        csp_nonce: "",
        signed_in: None,
        scheme: visitor.scheme,
    };
    error_views::page(&shell, kind).into_string()
}
