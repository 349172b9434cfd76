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
    /// Paths of the tenant's images (`/branding/{sha256}.{ext}`), when set.
    pub images: BrandImagePaths,
}

/// Where a tenant's logos and favicon are served, when it has them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrandImagePaths {
    /// For light backgrounds: the sign-in card in light mode, emails.
    pub logo_light: Option<String>,
    /// For dark backgrounds: the header (the brand colour), the sign-in card in dark mode.
    pub logo_dark: Option<String>,
    pub favicon: Option<String>,
}

impl Branding {
    /// The look used when a tenant has no branding of its own.
    pub fn default_portal() -> Branding {
        Branding {
            name: DEFAULT_NAME.to_owned(),
            primary_color: DEFAULT_PRIMARY.to_owned(),
            accent_color: DEFAULT_ACCENT.to_owned(),
            images: BrandImagePaths::default(),
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

/// The surfaces text sits on in each scheme (cards), for the contrast checks.
const LIGHT_SURFACE: &str = "#ffffff";
const DARK_SURFACE: &str = "#1c2228";
/// WCAG 2 AA for normal text.
pub const AA_CONTRAST: f64 = 4.5;

/// Light or dark, or as the device says (`prefers-color-scheme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorScheme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl ColorScheme {
    pub const ALL: [ColorScheme; 3] = [ColorScheme::Auto, ColorScheme::Light, ColorScheme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            ColorScheme::Auto => "auto",
            ColorScheme::Light => "light",
            ColorScheme::Dark => "dark",
        }
    }

    pub fn parse(raw: &str) -> Option<ColorScheme> {
        ColorScheme::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// `#rrggbb` as channels.
fn rgb(hex: &str) -> Option<[f64; 3]> {
    if !is_valid_color(hex) {
        return None;
    }
    let channel = |at: usize| {
        hex.get(at..at.saturating_add(2))
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map(f64::from)
    };
    Some([channel(1)?, channel(3)?, channel(5)?])
}

fn hex([r, g, b]: [f64; 3]) -> String {
    // Channels are clamped to 0..=255 first, so the casts cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let byte = |c: f64| c.round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

/// WCAG relative luminance.
fn luminance(c: [f64; 3]) -> f64 {
    let lin = |v: f64| {
        let s = v / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG contrast ratio of two `#rrggbb` colours (1 when either is not one).
pub fn contrast(a: &str, b: &str) -> f64 {
    match (rgb(a), rgb(b)) {
        (Some(a), Some(b)) => {
            let (la, lb) = (luminance(a), luminance(b));
            (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
        }
        _ => 1.0,
    }
}

fn to_hsl([r, g, b]: [f64; 3]) -> [f64; 3] {
    let (r, g, b) = (r / 255.0, g / 255.0, b / 255.0);
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let l = (max + min) / 2.0;
    if (max - min).abs() < f64::EPSILON {
        return [0.0, 0.0, l];
    }
    let d = max - min;
    let s = if l > 0.5 {
        d / (2.0 - max - min)
    } else {
        d / (max + min)
    };
    let h = if (max - r).abs() < f64::EPSILON {
        (g - b) / d + if g < b { 6.0 } else { 0.0 }
    } else if (max - g).abs() < f64::EPSILON {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    [h / 6.0, s, l]
}

fn from_hsl([h, s, l]: [f64; 3]) -> [f64; 3] {
    if s <= 0.0 {
        return [l * 255.0; 3];
    }
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let hue = |mut t: f64| {
        if t < 0.0 {
            t += 1.0;
        }
        if t > 1.0 {
            t -= 1.0;
        }
        if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        }
    };
    [
        hue(h + 1.0 / 3.0) * 255.0,
        hue(h) * 255.0,
        hue(h - 1.0 / 3.0) * 255.0,
    ]
}

/// `color` itself when it reaches `ratio` against `against`, else the colour of the same hue
/// and saturation at the nearest lightness that does (black or white at worst).
pub fn readable_on(color: &str, against: &str, ratio: f64) -> String {
    let Some(c) = rgb(color) else {
        return color.to_owned();
    };
    if contrast(color, against) >= ratio {
        return color.to_owned();
    }
    let [h, s, l] = to_hsl(c);
    for step in 1..=100u32 {
        let d = f64::from(step) / 100.0;
        for candidate in [l - d, l + d] {
            if (0.0..=1.0).contains(&candidate) {
                let shade = hex(from_hsl([h, s, candidate]));
                if contrast(&shade, against) >= ratio {
                    return shade;
                }
            }
        }
    }
    if contrast("#000000", against) >= contrast("#ffffff", against) {
        "#000000".to_owned()
    } else {
        "#ffffff".to_owned()
    }
}

/// The `:root` rule with the tenant's colours and the shades computed from them: an invalid
/// colour falls back to the default; a colour that would fail WCAG AA against what it is
/// paired with (white text on the primary and accent fills; links on the light and dark cards)
/// is moved to the nearest lightness that passes.
pub fn brand_css(b: &Branding) -> String {
    let primary = valid_or(&b.primary_color, DEFAULT_PRIMARY);
    let accent = valid_or(&b.accent_color, DEFAULT_ACCENT);
    let fill = readable_on(primary, "#ffffff", AA_CONTRAST);
    let accent_fill = readable_on(accent, "#ffffff", AA_CONTRAST);
    let link_light = readable_on(primary, LIGHT_SURFACE, AA_CONTRAST);
    let link_dark = readable_on(primary, DARK_SURFACE, AA_CONTRAST);
    format!(
        ":root{{--brand-primary:{fill};--brand-accent:{accent};--accent-fill:{accent_fill};\
         --link:light-dark({link_light},{link_dark})}}"
    )
}

/// A colour the pages render differently from how it was given, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorAdjustment {
    /// `primary_color` or `accent_color`.
    pub field: &'static str,
    /// Where the shade is used: `fill` (white text on it), `link_light`, `link_dark` (links on
    /// light and dark cards).
    pub used_as: &'static str,
    pub given: String,
    pub used: String,
    pub reason: String,
}

/// What [`brand_css`] changes of these colours (both valid `#rrggbb`) to reach WCAG AA, for the
/// operator who set them.
pub fn color_adjustments(primary: &str, accent: &str) -> Vec<ColorAdjustment> {
    let checks: [(&'static str, &str, &'static str, &str, &str); 4] = [
        (
            "primary_color",
            primary,
            "fill",
            "#ffffff",
            "white text on it",
        ),
        (
            "primary_color",
            primary,
            "link_light",
            LIGHT_SURFACE,
            "as a link on light cards it",
        ),
        (
            "primary_color",
            primary,
            "link_dark",
            DARK_SURFACE,
            "as a link on dark cards it",
        ),
        (
            "accent_color",
            accent,
            "fill",
            "#ffffff",
            "white text on it",
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(field, given, used_as, against, what)| {
            let used = readable_on(given, against, AA_CONTRAST);
            (used != given).then(|| ColorAdjustment {
                field,
                used_as,
                given: given.to_owned(),
                reason: format!(
                    "{what} was {:.1}:1 (WCAG AA needs {AA_CONTRAST}:1)",
                    contrast(given, against)
                ),
                used,
            })
        })
        .collect()
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
            images: BrandImagePaths::default(),
        }
    }

    #[test]
    fn failing_colours_are_reported_with_the_shade_used_and_why() {
        assert!(color_adjustments("#1f4e79", "#0b5563")
            .iter()
            .all(|a| a.used_as == "link_dark"));
        let yellow = color_adjustments("#ffee00", "#0b5563");
        let fill = yellow.iter().find(|a| a.used_as == "fill").unwrap();
        assert_eq!(fill.field, "primary_color");
        assert_eq!(fill.given, "#ffee00");
        assert!(contrast(&fill.used, "#ffffff") >= AA_CONTRAST);
        assert!(
            fill.reason.starts_with("white text on it was 1.2:1"),
            "{}",
            fill.reason
        );
        assert!(brand_css(&branded("#ffee00", "#0b5563")).contains(&fill.used));
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
        let css = brand_css(&branded("#112233", "#aabbcc"));
        assert!(
            css.starts_with(":root{--brand-primary:#112233;--brand-accent:#aabbcc;"),
            "{css}"
        );
        let css = brand_css(&Branding::default_portal());
        assert!(
            css.starts_with(":root{--brand-primary:#1f4e79;--brand-accent:#2e86c1;"),
            "{css}"
        );
    }

    #[test]
    fn brand_css_rejects_injection() {
        let css = brand_css(&branded("red;}</style><script>", "#fff}body{x:y"));
        assert_eq!(css, brand_css(&Branding::default_portal()));
        assert!(!css.contains('<'));
        assert!(!css.contains("script"));
    }

    #[test]
    fn contrast_matches_wcag_and_failing_colours_move_to_the_nearest_passing_lightness() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((contrast("#ffffff", "#ffffff") - 1.0).abs() < 0.01);
        // The default accent with white text is 4.0:1: too light for a badge.
        assert!(contrast("#2e86c1", "#ffffff") < AA_CONTRAST);
        let fill = readable_on("#2e86c1", "#ffffff", AA_CONTRAST);
        assert!(contrast(&fill, "#ffffff") >= AA_CONTRAST, "{fill}");
        let [h0, _, l0] = to_hsl(rgb("#2e86c1").unwrap());
        let [h1, _, l1] = to_hsl(rgb(&fill).unwrap());
        assert!((h0 - h1).abs() < 0.02, "same hue");
        assert!(l1 < l0 && l0 - l1 < 0.1, "a little darker: {l0} -> {l1}");
        // Passing colours are kept; a dark primary gets a light shade for dark cards.
        assert_eq!(readable_on("#1f4e79", "#ffffff", AA_CONTRAST), "#1f4e79");
        let on_dark = readable_on("#1f4e79", DARK_SURFACE, AA_CONTRAST);
        assert!(contrast(&on_dark, DARK_SURFACE) >= AA_CONTRAST, "{on_dark}");
        // Yellow as a primary: darkened until white text reads on it.
        let yellow = brand_css(&branded("#ffee00", "#ffee00"));
        let fill = yellow
            .split("--brand-primary:")
            .nth(1)
            .unwrap()
            .get(..7)
            .unwrap();
        assert!(contrast(fill, "#ffffff") >= AA_CONTRAST, "{fill}");
    }

    #[test]
    fn colour_schemes_round_trip() {
        for s in ColorScheme::ALL {
            assert_eq!(ColorScheme::parse(s.as_str()), Some(s));
        }
        assert_eq!(ColorScheme::parse("blue"), None);
    }

    #[test]
    fn stylesheet_uses_brand_variables_and_focus_rings() {
        assert!(PORTAL_CSS.contains("var(--brand-primary"));
        assert!(PORTAL_CSS.contains("var(--brand-accent"));
        assert!(PORTAL_CSS.contains(":focus-visible"));
        assert!(PORTAL_CSS.contains("@media"));
    }
}
