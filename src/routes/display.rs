//! `GET /display?theme=auto|light|dark[&lang=xx]`: the footer's appearance and language form.
//! Sets the visitor's cookies (a year; an explicit `auto` removes the theme one) and goes back
//! to the page it came from (its same-host `Referer`, else `/`). An unknown value is a 400
//! page and sets nothing.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_views::theme::ColorScheme;
use serde::Deserialize;

use crate::errors::PortalError;
use crate::http::extract::request_host;
use crate::http::middleware::origin_host;
use crate::http::redirect::{is_local_path, ReturnPath};
use crate::http::render;
use crate::http::visitor::{supported, LANG_COOKIE, THEME_COOKIE};

/// How long the choices are remembered.
const ONE_YEAR_SECONDS: i64 = 365 * 24 * 60 * 60;

#[derive(Deserialize)]
pub struct DisplayQuery {
    theme: Option<String>,
    lang: Option<String>,
}

fn choice(name: &'static str, value: &str, keep: bool) -> Cookie<'static> {
    Cookie::build(name, value.to_owned())
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(if keep {
            CookieDuration::seconds(ONE_YEAR_SECONDS)
        } else {
            CookieDuration::ZERO
        })
        .finish()
}

/// The page to go back to: the `Referer`'s path and query when it is this host's.
fn back(req: &HttpRequest) -> String {
    let referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok());
    let same_host = referer
        .and_then(origin_host)
        .is_some_and(|h| request_host(req).as_deref() == Some(h.as_str()));
    let path = referer
        .filter(|_| same_host)
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').and_then(|i| rest.get(i..)));
    match path.filter(|p| is_local_path(p)) {
        Some(p) => p.to_owned(),
        None => ReturnPath::or_default(None).as_str().to_owned(),
    }
}

/// `GET /display`
#[tracing::instrument(skip_all)]
pub async fn set_display(
    req: HttpRequest,
    query: web::Query<DisplayQuery>,
) -> Result<HttpResponse, PortalError> {
    let scheme = match query.theme.as_deref() {
        None => None,
        Some(raw) => Some(
            ColorScheme::parse(raw)
                .ok_or_else(|| PortalError::BadRequest(format!("unknown theme {raw:?}")))?,
        ),
    };
    let lang = match query.lang.as_deref() {
        None => None,
        Some(raw) => Some(
            supported(raw)
                .ok_or_else(|| PortalError::BadRequest(format!("unknown language {raw:?}")))?,
        ),
    };
    let mut response = render::see_other(&back(&req));
    if let Some(scheme) = scheme {
        let keep = scheme != ColorScheme::Auto;
        crate::http::cookies::set_cookie(
            &mut response,
            &choice(THEME_COOKIE, scheme.as_str(), keep),
        )?;
    }
    if let Some(lang) = lang {
        crate::http::cookies::set_cookie(&mut response, &choice(LANG_COOKIE, lang, true))?;
    }
    Ok(response)
}
