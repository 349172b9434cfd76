//! The portal stylesheet and per-tenant branding, reduced to validated CSS colour variables.

/// Served at `/assets/portal.css`; tenant colours arrive through `--brand-primary`/`--brand-accent`.
pub const PORTAL_CSS: &str = include_str!("../assets/portal.css");

const DEFAULT_NAME: &str = "Client Portal";
const DEFAULT_PRIMARY: &str = "#1f4e79";
const DEFAULT_ACCENT: &str = "#2e86c1";

/// A tenant's name and colours as stored; colours are validated only when rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Branding {
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
}

impl Branding {
    /// The look used when a tenant has no branding of its own.
    pub fn default_portal() -> Branding {
        Branding {
            name: DEFAULT_NAME.to_owned(),
            primary_color: DEFAULT_PRIMARY.to_owned(),
            accent_color: DEFAULT_ACCENT.to_owned(),
        }
    }
}

impl Default for Branding {
    fn default() -> Self {
        Branding::default_portal()
    }
}

/// Exactly `#` followed by six hex digits: the only colour form allowed into CSS.
pub fn is_valid_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c.bytes().skip(1).all(|b| b.is_ascii_hexdigit())
}

/// The `:root` rule with the tenant's colours; an invalid colour falls back to the default.
pub fn brand_css(b: &Branding) -> String {
    let primary = valid_or(&b.primary_color, DEFAULT_PRIMARY);
    let accent = valid_or(&b.accent_color, DEFAULT_ACCENT);
    format!(":root{{--brand-primary:{primary};--brand-accent:{accent}}}")
}

fn valid_or<'a>(color: &'a str, default: &'a str) -> &'a str {
    if is_valid_color(color) {
        color
    } else {
        default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn branded(primary: &str, accent: &str) -> Branding {
        Branding {
            name: "Acme".to_owned(),
            primary_color: primary.to_owned(),
            accent_color: accent.to_owned(),
        }
    }

    #[test]
    fn valid_colors() {
        assert!(is_valid_color("#1f4e79"));
        assert!(is_valid_color("#ABCDEF"));
        for bad in [
            "", "#", "#fff", "1f4e79", "#1f4e7", "#1f4e799", "#1f4e7g", "red", "#1f4e7;",
            "＃1f4e7", "#1f4é7",
        ] {
            assert!(!is_valid_color(bad), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn brand_css_uses_valid_colors() {
        assert_eq!(
            brand_css(&branded("#112233", "#aabbcc")),
            ":root{--brand-primary:#112233;--brand-accent:#aabbcc}"
        );
        assert_eq!(
            brand_css(&Branding::default_portal()),
            ":root{--brand-primary:#1f4e79;--brand-accent:#2e86c1}"
        );
    }

    #[test]
    fn brand_css_rejects_injection() {
        let css = brand_css(&branded("red;}</style><script>", "#fff}body{x:y"));
        assert_eq!(css, ":root{--brand-primary:#1f4e79;--brand-accent:#2e86c1}");
        assert!(!css.contains('<'));
        assert!(!css.contains("script"));
    }

    #[test]
    fn stylesheet_uses_brand_variables_and_focus_rings() {
        assert!(PORTAL_CSS.contains("var(--brand-primary"));
        assert!(PORTAL_CSS.contains("var(--brand-accent"));
        assert!(PORTAL_CSS.contains(":focus-visible"));
        assert!(PORTAL_CSS.contains("@media"));
    }
}
