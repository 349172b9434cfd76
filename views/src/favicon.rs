//! The portal's default favicon: a white speech bubble on a rounded square in the default
//! primary colour (#1f4e79), 32×32, as an ICO holding one PNG (what `/favicon.ico` serves),
//! drawn by `assets/favicon.py`.
//!
//! Tenant favicons plug in beside this: when `theme::Branding` carries one (stored with the
//! tenant's branding, cached by `TenantDirectory`), the `/favicon.ico` route resolves the
//! request's tenant from its Host and serves those bytes, falling back to `DEFAULT_ICO`.

/// The default favicon's bytes (`image/x-icon`).
pub const DEFAULT_ICO: &[u8] = include_bytes!("../assets/favicon.ico");

/// Its media type.
pub const CONTENT_TYPE: &str = "image/x-icon";

#[cfg(test)]
mod tests {
    use super::DEFAULT_ICO;

    /// A little-endian number of the ICO directory.
    fn le(bytes: &[u8], at: usize, len: usize) -> usize {
        bytes[at..at + len]
            .iter()
            .rev()
            .fold(0, |n, b| n * 256 + usize::from(*b))
    }

    #[test]
    fn the_default_favicon_is_an_ico_holding_one_32_pixel_png() {
        let ico = DEFAULT_ICO;
        assert_eq!(
            &ico[..6],
            &[0, 0, 1, 0, 1, 0],
            "reserved, type icon, one image"
        );
        assert_eq!((ico[6], ico[7]), (32, 32), "32×32");
        let (size, offset) = (le(ico, 14, 4), le(ico, 18, 4));
        assert_eq!(offset + size, ico.len());
        let png = &ico[offset..];
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert_eq!(width, 32);
        assert!(ico.len() < 1024, "tiny: {} bytes", ico.len());
        assert_eq!(le(ico, 10, 2), 1, "one colour plane");
    }
}
