//! `portal tenant branding`: operators set a tenant's colours, logos and favicon from the
//! command line, with the same checks as the admin API (`PUT /admin/tenants/{tenant}/branding…`);
//! prints the colours the pages adjust to reach WCAG AA. Each change is audited.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use portal_actors::branding::{self, ImageSlot};
use portal_actors::{Db, SharedClock};
use portal_views::theme::{color_adjustments, is_valid_color};

use crate::cli::{audited, cli_origin, find_tenant};
use crate::config::Settings;

#[derive(Debug, Args)]
pub struct TenantBranding {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// Primary colour, `#rrggbb` (header, buttons, links).
    #[arg(long)]
    pub primary: Option<String>,
    /// Accent colour, `#rrggbb` (badges).
    #[arg(long)]
    pub accent: Option<String>,
    /// Logo for light backgrounds (PNG, JPEG, WebP or SVG; at most 512 KiB).
    #[arg(long)]
    pub logo_light: Option<PathBuf>,
    /// Logo for dark backgrounds (the header).
    #[arg(long)]
    pub logo_dark: Option<PathBuf>,
    /// Favicon (PNG, JPEG, WebP or SVG).
    #[arg(long)]
    pub favicon: Option<PathBuf>,
    /// Remove an image (the name, or the portal's icon, shows again); repeatable.
    #[arg(long, value_enum)]
    pub remove: Vec<ImageArg>,
}

/// An image slot, as `--remove` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageArg {
    LogoLight,
    LogoDark,
    Favicon,
}

impl From<ImageArg> for ImageSlot {
    fn from(a: ImageArg) -> Self {
        match a {
            ImageArg::LogoLight => ImageSlot::LogoLight,
            ImageArg::LogoDark => ImageSlot::LogoDark,
            ImageArg::Favicon => ImageSlot::Favicon,
        }
    }
}

fn color(flag: &str, raw: &str) -> anyhow::Result<String> {
    let color = raw.trim().to_ascii_lowercase();
    anyhow::ensure!(
        is_valid_color(&color),
        "--{flag}: `{raw}` is not a colour: write # and six hex digits, e.g. #1f4e79"
    );
    Ok(color)
}

/// Checks every value first (nothing changes when one is refused), then applies them.
pub async fn run(
    settings: &Settings,
    db: &Db,
    clock: &SharedClock,
    args: TenantBranding,
) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let primary = color(
        "primary",
        args.primary.as_deref().unwrap_or(&tenant.primary_color),
    )?;
    let accent = color(
        "accent",
        args.accent.as_deref().unwrap_or(&tenant.accent_color),
    )?;
    let mut images = Vec::new();
    for (flag, slot, path) in [
        ("logo-light", ImageSlot::LogoLight, &args.logo_light),
        ("logo-dark", ImageSlot::LogoDark, &args.logo_dark),
        ("favicon", ImageSlot::Favicon, &args.favicon),
    ] {
        if let Some(path) = path {
            let bytes = std::fs::read(path)
                .with_context(|| format!("--{flag}: cannot read {}", path.display()))?;
            let declared = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
                .then(|| branding::SVG.to_owned());
            branding::check_image(&bytes, declared.as_deref())
                .map_err(|e| anyhow::anyhow!("--{flag}: {e}"))?;
            images.push((slot, bytes, declared));
        }
    }
    let origin = cli_origin();
    if args.primary.is_some() || args.accent.is_some() {
        let changed = branding::set_colors(db, tenant.id, &primary, &accent, &origin).await?;
        audited(db, clock, changed).await?;
        println!(
            "Colours of {}: primary {primary}, accent {accent}.",
            tenant.slug
        );
    }
    let files = crate::app::attachment_store(settings, clock).await?;
    for (slot, bytes, declared) in images {
        let stored =
            branding::set_image(db, &files, tenant.id, slot, bytes, declared, &origin).await?;
        let image = audited(db, clock, stored).await?;
        println!(
            "{}: {} ({})",
            slot.as_str(),
            image.path(),
            image.content_type
        );
    }
    for slot in args.remove.into_iter().map(ImageSlot::from) {
        let removed = branding::remove_image(db, tenant.id, slot, &origin).await?;
        audited(db, clock, removed).await?;
        println!("{}: removed", slot.as_str());
    }
    for a in color_adjustments(&primary, &accent) {
        println!(
            "adjusted {} as {}: {} -> {} ({})",
            a.field, a.used_as, a.given, a.used, a.reason
        );
    }
    println!("Running instances show the change within two minutes (or flush: POST /admin/actors/tenant_directory/flush).");
    Ok(())
}
