//! `GET /branding/{sha256}.{ext}`: tenants' logos and favicons, on every host and from every
//! instance (the contents live in the shared attachment store). The hash names the contents, so
//! a response never changes and caches forever; only contents some tenant uses as branding are
//! served (never a ticket attachment), and an SVG is sandboxed as well as cleaned at upload.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use portal_actors::model::BrandImage;

use crate::app::AppState;
use crate::errors::PortalError;

const FOREVER: &str = "public, max-age=31536000, immutable";
/// An SVG opened on its own may style itself and nothing more.
const SVG_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// `GET /branding/{file}`: 404 unless `file` is `{sha256}.{ext}` of a tenant's branding image
/// with that type's extension.
#[tracing::instrument(skip_all)]
pub async fn serve_branding_image(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, PortalError> {
    let (hash, ext) = file.split_once('.').ok_or(PortalError::NotFound)?;
    let content_type = portal_actors::branding::image_type(&state.services.db, hash)
        .await
        .map_err(PortalError::unavailable)?
        .ok_or(PortalError::NotFound)?;
    let image = BrandImage {
        content_hash: hash.to_owned(),
        content_type,
    };
    if image.extension() != ext {
        return Err(PortalError::NotFound);
    }
    let body = state
        .attachments
        .open(hash)
        .await
        .map_err(PortalError::unavailable)?
        .ok_or(PortalError::NotFound)?;
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, image.content_type.clone()))
        .insert_header((header::CACHE_CONTROL, FOREVER))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if let Some(size) = body.size() {
        response.insert_header((header::CONTENT_LENGTH, size.to_string()));
    }
    if image.content_type == portal_actors::branding::SVG {
        response.insert_header((header::CONTENT_SECURITY_POLICY, SVG_POLICY));
    }
    Ok(response.streaming(body.into_stream()))
}
