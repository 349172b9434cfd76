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
