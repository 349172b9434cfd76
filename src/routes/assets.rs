//! Static assets compiled into the binary.

use actix_web::http::header;
use actix_web::HttpResponse;

/// `GET /assets/portal.css`
#[tracing::instrument(skip_all)]
pub async fn serve_stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(portal_views::theme::PORTAL_CSS)
}

/// `GET /favicon.ico`: the portal's icon, to anyone on any host (browsers ask for it on every
/// site without a page naming it). Tenant favicons plug in here: see `portal_views::favicon`.
#[tracing::instrument(skip_all)]
pub async fn serve_favicon() -> HttpResponse {
    const A_WEEK: &str = "public, max-age=604800";
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, portal_views::favicon::CONTENT_TYPE))
        .insert_header((header::CACHE_CONTROL, A_WEEK))
        .body(portal_views::favicon::DEFAULT_ICO)
}
