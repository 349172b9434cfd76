//! A tenant's branding as operators set it (admin API and CLI): logos for light and dark
//! backgrounds and a favicon, checked here and kept in the attachment store (so every instance
//! serves them), and the primary and accent colours. Each change is returned with its audit
//! record. The colours' contrast rules live with the rest of the colour maths in the views crate;
//! callers check colours before `set_colors`.

use serde_json::json;
use uuid::Uuid;

use crate::attachments::{AttachmentStore, UploadError};
use crate::audit::AuditRecord;
use crate::db::{Db, DbError};
use crate::model::{BrandImage, RequestOrigin};
use crate::sso::operators::Audited;
pub use crate::store::tenants::ImageSlot;
use crate::store::tenants::{brand_image_type, set_brand_colors, set_brand_image};

pub const EVENT_BRANDING_CHANGED: &str = "branding_changed";
/// The largest logo or favicon accepted (before an SVG is re-serialized).
pub const MAX_IMAGE_BYTES: usize = 512 * 1024;

pub const PNG: &str = "image/png";
pub const JPEG: &str = "image/jpeg";
pub const WEBP: &str = "image/webp";
pub const SVG: &str = "image/svg+xml";

#[derive(Debug, thiserror::Error)]
pub enum BrandingError {
    #[error("the image is larger than 512 KiB ({limit} bytes)")]
    TooLarge { limit: usize },
    #[error("the image is empty")]
    Empty,
    #[error("not a PNG, JPEG, WebP or SVG image")]
    Unsupported,
    #[error("the contents are {found}, not the {declared} the request says")]
    TypeMismatch {
        declared: String,
        found: &'static str,
    },
    #[error("the SVG cannot be read: {0}")]
    BadSvg(String),
    #[error("the image could not be stored")]
    Store(#[from] UploadError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl BrandingError {
    /// The stable code the admin API answers with.
    pub fn code(&self) -> &'static str {
        match self {
            BrandingError::TooLarge { .. } => "image_too_large",
            BrandingError::Empty => "image_empty",
            BrandingError::Unsupported => "unsupported_image_type",
            BrandingError::TypeMismatch { .. } => "image_type_mismatch",
            BrandingError::BadSvg(_) => "invalid_svg",
            BrandingError::Store(_) | BrandingError::Db(_) => "branding_unavailable",
        }
    }
}

/// The raster type the contents' first bytes say, if any.
fn sniff_raster(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(PNG)
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(JPEG)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP".as_slice()) {
        Some(WEBP)
    } else {
        None
    }
}

/// The media type without parameters, lowercased (`image/svg+xml; charset=utf-8` → `image/svg+xml`).
fn bare_type(declared: &str) -> String {
    declared
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// An SVG parsed and written back by `usvg`: what comes out is drawing only — no scripts, event
/// handlers, `<foreignObject>`, external references or CSS. Image references other than `data:`
/// URLs are dropped (usvg's default would read them as local file paths).
fn clean_svg(bytes: &[u8]) -> Result<Vec<u8>, BrandingError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| BrandingError::BadSvg("not UTF-8 text".into()))?;
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let tree =
        usvg::Tree::from_str(text, &options).map_err(|e| BrandingError::BadSvg(e.to_string()))?;
    Ok(tree.to_string(&usvg::WriteOptions::default()).into_bytes())
}

/// Checks an uploaded image: at most [`MAX_IMAGE_BYTES`]; PNG, JPEG or WebP by its magic bytes
/// (and the declared type, when one is given, must agree), or an SVG, which is re-serialized
/// through `usvg`. Returns the bytes to store and their media type.
pub fn check_image(
    bytes: &[u8],
    declared: Option<&str>,
) -> Result<(Vec<u8>, &'static str), BrandingError> {
    if bytes.is_empty() {
        return Err(BrandingError::Empty);
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(BrandingError::TooLarge {
            limit: MAX_IMAGE_BYTES,
        });
    }
    let declared = declared
        .map(bare_type)
        .filter(|d| !d.is_empty() && d != "application/octet-stream");
    if let Some(d) = &declared {
        if ![PNG, JPEG, WEBP, SVG].contains(&d.as_str()) {
            return Err(BrandingError::Unsupported);
        }
    }
    match (sniff_raster(bytes), declared) {
        (Some(found), Some(d)) if d != found => {
            Err(BrandingError::TypeMismatch { declared: d, found })
        }
        (Some(found), _) => Ok((bytes.to_vec(), found)),
        (None, Some(d)) if d != SVG => Err(BrandingError::TypeMismatch {
            declared: d,
            found: "not that image type",
        }),
        (None, Some(_)) => Ok((clean_svg(bytes)?, SVG)),
        (None, None) if looks_like_svg(bytes) => Ok((clean_svg(bytes)?, SVG)),
        (None, None) => Err(BrandingError::Unsupported),
    }
}

/// Without a declared type: SVG only when the text says `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|t| t.contains("<svg"))
}

fn record(tenant: Uuid, origin: &RequestOrigin, details: serde_json::Value) -> AuditRecord {
    AuditRecord {
        tenant,
        event_type: EVENT_BRANDING_CHANGED,
        outcome: "success",
        reason: None,
        user_id: None,
        email: None,
        origin: origin.clone(),
        details: Some(details.to_string()),
    }
}

/// Checks and stores a logo or favicon and points the tenant's `slot` at it. Refused contents
/// change nothing (nothing is stored).
pub async fn set_image(
    db: &Db,
    files: &AttachmentStore,
    tenant: Uuid,
    slot: ImageSlot,
    bytes: Vec<u8>,
    declared: Option<String>,
    origin: &RequestOrigin,
) -> Result<Audited<BrandImage>, BrandingError> {
    // usvg parsing is CPU work: off the async workers.
    let checked = tokio::task::spawn_blocking(move || check_image(&bytes, declared.as_deref()))
        .await
        .map_err(|e| BrandingError::Store(UploadError::Io(std::io::Error::other(e))))?;
    let (contents, content_type) = checked?;
    let limit = u64::try_from(contents.len()).unwrap_or(u64::MAX);
    let mut upload = files.begin(limit).await?;
    upload.write(&contents).await?;
    let stored = upload.finish(files).await?;
    let image = BrandImage {
        content_hash: stored.content_hash,
        content_type: content_type.to_owned(),
    };
    set_brand_image(db, tenant, slot, Some(&image)).await?;
    let details = json!({ "field": slot.as_str(), "sha256": image.content_hash,
        "content_type": image.content_type });
    Ok(Audited {
        record: record(tenant, origin, details),
        value: image,
    })
}

/// Removes a tenant's logo or favicon (the text name and the default icon show again).
pub async fn remove_image(
    db: &Db,
    tenant: Uuid,
    slot: ImageSlot,
    origin: &RequestOrigin,
) -> Result<Audited<()>, BrandingError> {
    set_brand_image(db, tenant, slot, None).await?;
    let details = json!({ "field": slot.as_str(), "removed": true });
    Ok(Audited {
        record: record(tenant, origin, details),
        value: (),
    })
}

/// Sets the tenant's colours as given (`#rrggbb`, checked by the caller). The given colours are
/// stored and the shades that reach WCAG AA are computed when pages render, so a later change of
/// the contrast rules or of the surfaces applies without operators setting them again.
pub async fn set_colors(
    db: &Db,
    tenant: Uuid,
    primary: &str,
    accent: &str,
    origin: &RequestOrigin,
) -> Result<Audited<()>, BrandingError> {
    set_brand_colors(db, tenant, primary, accent).await?;
    let details = json!({ "primary_color": primary, "accent_color": accent });
    Ok(Audited {
        record: record(tenant, origin, details),
        value: (),
    })
}

/// The media type of a branding image by its contents' hash, `None` unless some tenant uses it
/// as a logo or favicon.
pub async fn image_type(db: &Db, content_hash: &str) -> Result<Option<String>, DbError> {
    brand_image_type(db, content_hash).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">
<script>alert(2)</script>
<rect width="10" height="10" fill="#123456" onclick="alert(3)"/>
<image href="https://evil.example/x.png" width="5" height="5"/>
<image xlink:href="/etc/hostname" width="5" height="5"/>
<foreignObject width="5" height="5"><body xmlns="http://www.w3.org/1999/xhtml">hi</body></foreignObject>
</svg>"##;

    #[test]
    fn a_hostile_svg_comes_out_as_drawing_only() {
        let (clean, kind) = check_image(HOSTILE.as_bytes(), Some("image/svg+xml")).unwrap();
        assert_eq!(kind, SVG);
        let text = String::from_utf8(clean).unwrap();
        for gone in [
            "script",
            "alert",
            "onload",
            "onclick",
            "evil.example",
            "hostname",
            "<image",
            "foreignObject",
        ] {
            assert!(!text.contains(gone), "{gone} left in {text}");
        }
        assert!(text.contains("#123456"), "{text}");
    }

    #[test]
    fn rasters_are_known_by_their_magic_bytes() {
        let png = b"\x89PNG\r\n\x1a\n rest";
        assert_eq!(check_image(png, Some("image/png")).unwrap().1, PNG);
        assert_eq!(check_image(png, None).unwrap().1, PNG);
        assert!(matches!(
            check_image(png, Some("image/jpeg")),
            Err(BrandingError::TypeMismatch { .. })
        ));
        assert_eq!(check_image(b"\xff\xd8\xff\xe0", None).unwrap().1, JPEG);
        assert_eq!(check_image(b"RIFF\0\0\0\0WEBPVP8 ", None).unwrap().1, WEBP);
        assert!(matches!(
            check_image(b"GIF89a", None),
            Err(BrandingError::Unsupported)
        ));
        assert!(matches!(
            check_image(b"GIF89a", Some("image/gif")),
            Err(BrandingError::Unsupported)
        ));
        assert!(matches!(
            check_image(b"hello", Some("image/png")),
            Err(BrandingError::TypeMismatch { .. })
        ));
        assert!(matches!(
            check_image(b"<svg", Some("image/svg+xml")),
            Err(BrandingError::BadSvg(_))
        ));
        assert!(matches!(check_image(b"", None), Err(BrandingError::Empty)));
        let big = vec![0u8; MAX_IMAGE_BYTES + 1];
        assert!(matches!(
            check_image(&big, Some("image/png")),
            Err(BrandingError::TooLarge { .. })
        ));
    }
}
