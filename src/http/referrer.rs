//! `Referrer-Policy` for pages whose address carries a token (or that must not leak the
//! vanity host's paths): nothing of them leaves with a link or a form.

use actix_web::http::header::{self, HeaderValue};
use actix_web::HttpResponse;

/// `response` with `Referrer-Policy: no-referrer`.
pub fn no_referrer(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}
