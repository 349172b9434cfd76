//! Operators' branding of a tenant: colours (answered with what the pages adjust to reach WCAG
//! AA), logos for light and dark backgrounds and a favicon (raw bodies, checked and stored by
//! `portal_actors::branding`). Each change is audited and flushes the tenant cache.

use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt as _;
use portal_actors::audit::Record;
use portal_actors::branding::{self, BrandingError, ImageSlot, MAX_IMAGE_BYTES};
use portal_actors::model::{BrandImage, TenantInfo};
use portal_actors::tenant_directory::FlushTenantCache;
use portal_views::theme::{color_adjustments, is_valid_color, ColorAdjustment};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{answered, find_tenant};
use crate::app::AppState;
use crate::errors::ApiError;
use crate::http::extract::request_origin;

/// How much of an oversize body is read (and dropped) before answering, so the client sees the
/// refusal rather than a reset connection.
const DRAIN_LIMIT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    primary_color: Option<String>,
    accent_color: Option<String>,
}

/// `?variant=light|dark` (missing or anything else: 400 `invalid_field` naming `variant`).
#[derive(Deserialize)]
pub struct LogoVariant {
    #[serde(default)]
    variant: Option<String>,
}

/// A colour as given, checked: `#rrggbb` (stored lowercase) or 400 `invalid_field`.
pub fn parse_color(field: &'static str, raw: &str) -> Result<String, ApiError> {
    let color = raw.trim().to_ascii_lowercase();
    if is_valid_color(&color) {
        Ok(color)
    } else {
        Err(ApiError::invalid_field(
            field,
            format!("`{raw}` is not a colour: write # and six hex digits, e.g. #1f4e79"),
        ))
    }
}

/// What the pages change of the colours, for the operator.
pub fn adjusted_json(adjusted: &[ColorAdjustment]) -> Value {
    adjusted
        .iter()
        .map(|a| {
            json!({ "field": a.field, "used_as": a.used_as, "given": a.given, "used": a.used,
                "reason": a.reason })
        })
        .collect()
}

fn image_json(image: Option<&BrandImage>) -> Value {
    image.map_or(
        Value::Null,
        |i| json!({ "url": i.path(), "content_type": i.content_type, "sha256": i.content_hash }),
    )
}

fn branding_json(t: &TenantInfo) -> Value {
    json!({
        "tenant": t.slug,
        "primary_color": t.primary_color,
        "accent_color": t.accent_color,
        "adjusted": adjusted_json(&color_adjustments(&t.primary_color, &t.accent_color)),
        "logo_light": image_json(t.images.logo_light.as_ref()),
        "logo_dark": image_json(t.images.logo_dark.as_ref()),
        "favicon": image_json(t.images.favicon.as_ref()),
    })
}

/// Forgets cached tenants so this instance's pages show the change at once (others within the
/// directory's positive TTL).
async fn flush_tenants(state: &AppState) -> Result<(), ApiError> {
    answered(state.tenants.send(FlushTenantCache).await).map(|_| ())
}

/// `GET /admin/tenants/{tenant}/branding`: colours (and what the pages adjust), logos, favicon.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn show_branding(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    Ok(HttpResponse::Ok().json(branding_json(&tenant)))
}

/// `PUT /admin/tenants/{tenant}/branding` `{"primary_color"?, "accent_color"?}` (`#rrggbb`): the
/// given colours are stored; `adjusted` lists the shades the pages use instead to reach WCAG AA.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn set_colors(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<Colors>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let primary = parse_color(
        "primary_color",
        body.primary_color
            .as_deref()
            .unwrap_or(&tenant.primary_color),
    )?;
    let accent = parse_color(
        "accent_color",
        body.accent_color.as_deref().unwrap_or(&tenant.accent_color),
    )?;
    let origin = request_origin(&req);
    let changed =
        branding::set_colors(&state.services.db, tenant.id, &primary, &accent, &origin).await?;
    state.services.audit.do_send(Record(changed.record));
    flush_tenants(&state).await?;
    let adjusted = adjusted_json(&color_adjustments(&primary, &accent));
    Ok(
        HttpResponse::Ok().json(json!({ "tenant": tenant.slug, "primary_color": primary,
        "accent_color": accent, "adjusted": adjusted })),
    )
}

/// The logo slot a `?variant=light|dark` names.
fn logo_slot(variant: Option<&str>) -> Result<ImageSlot, ApiError> {
    match variant {
        Some("light") => Ok(ImageSlot::LogoLight),
        Some("dark") => Ok(ImageSlot::LogoDark),
        _ => Err(ApiError::invalid_field("variant", "light or dark")),
    }
}

/// The request body, refused past [`MAX_IMAGE_BYTES`] (read on, and dropped, up to a bound).
async fn read_image_body(mut payload: web::Payload) -> Result<Vec<u8>, ApiError> {
    let (mut body, mut seen) = (Vec::new(), 0usize);
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::bad_request("unreadable_body").caused_by(e))?;
        seen = seen.saturating_add(chunk.len());
        if seen > DRAIN_LIMIT_BYTES {
            break;
        }
        if seen <= MAX_IMAGE_BYTES {
            body.extend_from_slice(&chunk);
        }
    }
    if seen > MAX_IMAGE_BYTES {
        return Err(BrandingError::TooLarge {
            limit: MAX_IMAGE_BYTES,
        }
        .into());
    }
    Ok(body)
}

/// Stores an image into `slot` and answers with where it is served.
async fn put_image(
    req: &HttpRequest,
    state: &AppState,
    tenant: &str,
    slot: ImageSlot,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(state, tenant).await?;
    let bytes = read_image_body(payload).await?;
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (db, files, origin) = (&state.services.db, &state.attachments, request_origin(req));
    let stored = branding::set_image(db, files, tenant.id, slot, bytes, declared, &origin).await?;
    state.services.audit.do_send(Record(stored.record));
    flush_tenants(state).await?;
    let image = image_json(Some(&stored.value));
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, slot.as_str(): image })))
}

/// Clears `slot` (the name, or the default icon, shows again).
async fn delete_image(
    req: &HttpRequest,
    state: &AppState,
    tenant: &str,
    slot: ImageSlot,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(state, tenant).await?;
    let origin = request_origin(req);
    let removed = branding::remove_image(&state.services.db, tenant.id, slot, &origin).await?;
    state.services.audit.do_send(Record(removed.record));
    flush_tenants(state).await?;
    Ok(HttpResponse::Ok().json(json!({ "tenant": tenant.slug, slot.as_str(): null })))
}

/// `PUT /admin/tenants/{tenant}/branding/logo?variant=light|dark`: the raw image as the body
/// (`Content-Type` image/png, image/jpeg, image/webp or image/svg+xml; at most 512 KiB).
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn put_logo(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LogoVariant>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let slot = logo_slot(query.variant.as_deref())?;
    put_image(&req, &state, &path, slot, payload).await
}

/// `DELETE /admin/tenants/{tenant}/branding/logo?variant=light|dark`
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn delete_logo(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LogoVariant>,
) -> Result<HttpResponse, ApiError> {
    let slot = logo_slot(query.variant.as_deref())?;
    delete_image(&req, &state, &path, slot).await
}

/// `PUT /admin/tenants/{tenant}/branding/favicon`: the raw image, as for logos.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn put_favicon(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    put_image(&req, &state, &path, ImageSlot::Favicon, payload).await
}

/// `DELETE /admin/tenants/{tenant}/branding/favicon`
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn delete_favicon(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    delete_image(&req, &state, &path, ImageSlot::Favicon).await
}
