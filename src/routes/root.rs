//! `GET /`: the dashboard when signed in, else the sign-in page (tenant kept).

use actix_web::{HttpRequest, HttpResponse};

use crate::http::extract::{query_tenant_slug, PortalUser};
use crate::http::redirect::{sign_in_location, DEFAULT_AFTER_SIGN_IN};
use crate::http::render::see_other;

pub async fn get(req: HttpRequest, user: Option<PortalUser>) -> HttpResponse {
    match user {
        Some(_) => see_other(DEFAULT_AFTER_SIGN_IN),
        None => see_other(&sign_in_location(
            None,
            query_tenant_slug(&req).as_deref(),
            None,
        )),
    }
}
