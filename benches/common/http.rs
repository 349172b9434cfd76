//! The benches' HTTP clients and the password sign-in they do, like a browser.

use std::time::Duration;

use anyhow::Context as _;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use portal::http::cookies::{CSRF_COOKIE, SESSION_COOKIE};
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use reqwest::StatusCode;

pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A client that does not follow redirects, bounded by `REQUEST_TIMEOUT`.
pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(REQUEST_TIMEOUT)
        .build()
}

/// The value of the cookie `name` set by this response.
pub fn set_cookie(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let value = v.strip_prefix(name)?.strip_prefix('=')?;
            Some(value.split(';').next().unwrap_or_default().to_owned())
        })
}

/// The non-empty value this response sets the cookie `name` to.
pub fn cookie_value(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let value = v.strip_prefix(name)?.strip_prefix('=')?;
            let value = value.split(';').next()?.trim();
            (!value.is_empty()).then(|| value.to_owned())
        })
}

pub fn enc(value: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(value, NON_ALPHANUMERIC)
}

/// Loads the sign-in form at `form` and returns its CSRF cookie.
pub async fn fetch_csrf(
    client: &reqwest::Client,
    form: impl reqwest::IntoUrl,
) -> anyhow::Result<String> {
    let resp = client.get(form).send().await?;
    let status = resp.status();
    let csrf = set_cookie(&resp, CSRF_COOKIE);
    resp.bytes().await?;
    anyhow::ensure!(
        status == StatusCode::OK,
        "the sign-in form answered {status}"
    );
    csrf.context("the sign-in form set no CSRF cookie")
}

/// Who signs in, where.
pub struct Credentials<'a> {
    pub slug: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

/// POSTs one password sign-in to `url` as a page of `origin` with the CSRF token `csrf`;
/// returns the status and the session cookie, if one was set.
pub async fn post_sign_in(
    client: &reqwest::Client,
    url: impl reqwest::IntoUrl,
    origin: &str,
    who: &Credentials<'_>,
    csrf: &str,
) -> anyhow::Result<(StatusCode, Option<String>)> {
    let body = format!(
        "email={}&password={}&csrf_token={}&tenant={}",
        enc(who.email),
        enc(who.password),
        enc(csrf),
        enc(who.slug)
    );
    let resp = client
        .post(url)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, format!("{CSRF_COOKIE}={csrf}"))
        .header(ORIGIN, origin)
        .body(body)
        .send()
        .await?;
    let status = resp.status();
    let session = set_cookie(&resp, SESSION_COOKIE);
    resp.bytes().await?;
    Ok((status, session))
}
