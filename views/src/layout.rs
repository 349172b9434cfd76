//! The page shell: document head, branded header, signed-in navigation, footer.

use maud::{html, Markup, DOCTYPE};

use crate::i18n::Translator;
use crate::theme::{brand_css, Branding, ColorScheme};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        SKIP_TO_CONTENT = "common-skip-to-content";
        NAV_LABEL = "common-nav-label";
        NAV_DASHBOARD = "common-nav-dashboard";
        NAV_TICKETS = "common-nav-tickets";
        NAV_PROFILE = "common-nav-profile";
        NAV_COMPANY = "common-nav-company";
        NAV_PROJECTS = "common-nav-projects";
        NAV_BILLING = "common-nav-billing";
        SIGNED_IN_AS = "common-signed-in-as";
        SIGN_OUT = "common-sign-out";
        FOOTER_HELP = "common-footer-help";
        DISPLAY_LABEL = "common-display-label";
        DISPLAY_THEME = "common-display-theme";
        THEME_AUTO = "common-display-theme-auto";
        THEME_LIGHT = "common-display-theme-light";
        THEME_DARK = "common-display-theme-dark";
        DISPLAY_LANGUAGE = "common-display-language";
        DISPLAY_APPLY = "common-display-apply";
    }
}

/// Where the footer's appearance and language form goes (a GET: it only sets cookies).
pub const DISPLAY_ACTION: &str = "/display";

/// Where the sign-out form posts.
pub const SIGN_OUT_ACTION: &str = "/auth/client-portal/signout";
/// The stylesheet URL; the server serves `theme::PORTAL_CSS` there.
pub const STYLESHEET_HREF: &str = "/assets/portal.css";

/// Everything the shell needs besides the page's own content.
#[derive(Debug)]
pub struct PageShell<'a> {
    pub t: Translator<'a>,
    /// Already translated page title.
    pub title: String,
    pub branding: &'a Branding,
    /// Goes on the single inline `<style>` so a strict CSP can allow it.
    pub csp_nonce: &'a str,
    pub signed_in: Option<SignedInNav>,
    /// Light, dark, or as the device says (the visitor's choice, from a cookie).
    pub scheme: ColorScheme,
}

/// What the header shows for a signed-in client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedInNav {
    pub display_name: String,
    pub company: Option<String>,
    pub csrf_token: String,
    pub active: NavItem,
    /// Client admins also see their company's settings.
    pub is_client_admin: bool,
    /// Whether the user may read projects (`project:read`).
    pub may_read_projects: bool,
    /// Whether the user may read billing (`billing:read`).
    pub may_read_billing: bool,
    /// The language, time zone and date style the pages render in.
    pub reader: Reader,
}

/// How a signed-in reader sees the portal: their language, time zone and date style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    /// A BCP 47 tag; an unsupported one renders in English.
    pub lang: String,
    pub zone: chrono_tz::Tz,
    pub date_style: crate::format::DateStyle,
}

impl Reader {
    /// English, UTC, the language's date form.
    pub fn default_for(lang: &str) -> Reader {
        Reader {
            lang: lang.to_owned(),
            zone: chrono_tz::Tz::UTC,
            date_style: crate::format::DateStyle::Language,
        }
    }

    /// The translator of this reader.
    pub fn translator<'a>(&self, locales: &'a crate::i18n::Locales) -> Translator<'a> {
        locales
            .translator(&self.lang)
            .viewing(self.zone, self.date_style)
    }
}

/// Pages reachable from the navigation; only those that exist are listed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NavItem {
    Dashboard,
    Tickets,
    Projects,
    Billing,
    Profile,
    Company,
}

impl NavItem {
    /// Every item, in navigation order.
    pub const ALL: [NavItem; 6] = [
        NavItem::Dashboard,
        NavItem::Tickets,
        NavItem::Projects,
        NavItem::Billing,
        NavItem::Profile,
        NavItem::Company,
    ];

    /// Whether a user sees this item (company settings are for client admins, projects for
    /// those who may read them).
    pub fn visible_to(self, nav: &SignedInNav) -> bool {
        match self {
            NavItem::Company => nav.is_client_admin,
            NavItem::Projects => nav.may_read_projects,
            NavItem::Billing => nav.may_read_billing,
            _ => true,
        }
    }

    pub fn href(self) -> &'static str {
        match self {
            NavItem::Dashboard => "/client-portal/dashboard",
            NavItem::Tickets => "/client-portal/tickets",
            NavItem::Projects => "/client-portal/projects",
            NavItem::Billing => "/client-portal/billing",
            NavItem::Profile => "/client-portal/profile",
            NavItem::Company => "/client-portal/client-settings",
        }
    }

    fn label_id(self) -> &'static str {
        match self {
            NavItem::Dashboard => msg::NAV_DASHBOARD,
            NavItem::Tickets => msg::NAV_TICKETS,
            NavItem::Projects => msg::NAV_PROJECTS,
            NavItem::Billing => msg::NAV_BILLING,
            NavItem::Profile => msg::NAV_PROFILE,
            NavItem::Company => msg::NAV_COMPANY,
        }
    }
}

/// The document's own referrer policy (`<meta name="referrer">`), which browsers apply over the
/// response header's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferrerMeta {
    /// Every page: nothing leaves for another site.
    SameOrigin,
    /// Pages whose form POSTs to another origin that checks `Origin` (the vanity-domain
    /// handoff): under `same-origin` a browser sends `Origin: null` with such a POST.
    Origin,
}

impl ReferrerMeta {
    fn as_str(self) -> &'static str {
        match self {
            ReferrerMeta::SameOrigin => "same-origin",
            ReferrerMeta::Origin => "origin",
        }
    }
}

/// A whole HTML document around `content`. No JavaScript: forms and links only.
pub fn page(shell: &PageShell<'_>, content: Markup) -> Markup {
    page_with_referrer(shell, content, ReferrerMeta::SameOrigin)
}

/// `page` with another document referrer policy.
pub fn page_with_referrer(
    shell: &PageShell<'_>,
    content: Markup,
    referrer: ReferrerMeta,
) -> Markup {
    let t = shell.t;
    let tenant = shell.branding.name.as_str();
    html! {
        (DOCTYPE)
        html lang=(t.lang()) data-theme=[(shell.scheme != ColorScheme::Auto).then(|| shell.scheme.as_str())] {
            head {
                meta charset="utf-8";
                meta name="color-scheme" content=(match shell.scheme {
                    ColorScheme::Auto => "light dark",
                    ColorScheme::Light => "light",
                    ColorScheme::Dark => "dark",
                });
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content=(referrer.as_str());
                title { (shell.title) " · " (tenant) }
                link rel="stylesheet" href=(STYLESHEET_HREF);
                @if let Some(icon) = &shell.branding.images.favicon {
                    link rel="icon" href=(icon);
                }
                // brand_css only emits validated hex colours, so normal escaping leaves it intact.
                style nonce=(shell.csp_nonce) { (brand_css(shell.branding)) }
            }
            body {
                a.skip-link href="#main" { (t.tr(msg::SKIP_TO_CONTENT)) }
                header.site-header {
                    div.container {
                        // The header is the brand colour: the logo for dark backgrounds, else the name.
                        a.brand href="/" {
                            @if let Some(logo) = &shell.branding.images.logo_dark {
                                img src=(logo) alt=(tenant);
                            } @else {
                                (tenant)
                            }
                        }
                        @if let Some(nav) = &shell.signed_in {
                            (signed_in_nav(t, nav))
                        }
                    }
                }
                main id="main" {
                    div.container { (content) }
                }
                footer.site-footer {
                    div.container {
                        div {
                            p { (tenant) }
                            p { (t.tr(msg::FOOTER_HELP)) }
                        }
                        (display_form(t, shell))
                    }
                }
            }
        }
    }
}

/// Light/dark (every page) and the language (signed out: signed-in users pick theirs on their
/// profile): a GET form that sets cookies and comes back, so it works without JavaScript.
fn display_form(t: Translator<'_>, shell: &PageShell<'_>) -> Markup {
    let themes = [
        (ColorScheme::Auto, msg::THEME_AUTO),
        (ColorScheme::Light, msg::THEME_LIGHT),
        (ColorScheme::Dark, msg::THEME_DARK),
    ];
    html! {
        form.display-form method="get" action=(DISPLAY_ACTION) aria-label=(t.tr(msg::DISPLAY_LABEL)) {
            div {
                label for="display-theme" { (t.tr(msg::DISPLAY_THEME)) }
                select #display-theme name="theme" {
                    @for (scheme, label) in themes {
                        option value=(scheme.as_str()) selected[scheme == shell.scheme] { (t.tr(label)) }
                    }
                }
            }
            @if shell.signed_in.is_none() {
                div {
                    label for="display-lang" { (t.tr(msg::DISPLAY_LANGUAGE)) }
                    select #display-lang name="lang" {
                        @for (tag, name) in crate::i18n::Locales::named() {
                            option value=(tag) lang=(tag) selected[tag == t.lang()] { (name) }
                        }
                    }
                }
            }
            button.btn.btn--secondary type="submit" { (t.tr(msg::DISPLAY_APPLY)) }
        }
    }
}

fn signed_in_nav(t: Translator<'_>, nav: &SignedInNav) -> Markup {
    html! {
        nav.site-nav aria-label=(t.tr(msg::NAV_LABEL)) {
            ul {
                @for item in NavItem::ALL.into_iter().filter(|i| i.visible_to(nav)) {
                    li {
                        a href=(item.href())
                            aria-current=[(item == nav.active).then_some("page")] {
                            (t.tr(item.label_id()))
                        }
                    }
                }
            }
        }
        div.user-menu {
            p.user-menu__who {
                span.visually-hidden { (t.tr(msg::SIGNED_IN_AS)) " " }
                span.user-menu__name { (nav.display_name) }
                @if let Some(company) = &nav.company {
                    span.user-menu__company { (company) }
                }
            }
            form method="post" action=(SIGN_OUT_ACTION) {
                input type="hidden" name="csrf_token" value=(nav.csrf_token);
                button.btn.btn--ghost type="submit" { (t.tr(msg::SIGN_OUT)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use maud::html;

    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;

    #[test]
    fn document_head_and_landmarks() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let html = page(
            &shell(locales.translator("en"), &branding, None),
            html! { p { "hi" } },
        )
        .into_string();
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
        assert!(html.contains(r#"<meta charset="utf-8">"#));
        assert!(html.contains(r#"name="viewport""#));
        assert!(html.contains("<title>Page · Client Portal</title>"));
        assert!(html.contains(r#"<link rel="stylesheet" href="/assets/portal.css">"#));
        assert!(html.contains(&format!(
            r#"<style nonce="nonce-xyz">{}</style>"#,
            brand_css(&branding)
        )));
        assert_eq!(html.matches("<style").count(), 1);
        assert!(html.contains(r##"href="#main""##));
        assert!(html.contains(r#"<main id="main">"#));
        assert!(html.contains("<footer"));
        assert!(!html.contains("<script"), "the portal uses no JavaScript");
        assert_no_raw_ids(&html);
        Ok(())
    }

    #[test]
    fn signed_out_shell_has_no_nav() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let html = page(&shell(locales.translator("en"), &branding, None), html! {}).into_string();
        assert!(!html.contains("<nav"));
        assert!(!html.contains(SIGN_OUT_ACTION));
        assert!(!html.contains("csrf_token"));
        Ok(())
    }

    #[test]
    fn signed_in_nav_lists_the_existing_pages_and_a_sign_out_form() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let signed_in = Some(nav("Ada Lovelace", Some("Analytical Ltd")));
        let html = page(
            &shell(locales.translator("en"), &branding, signed_in),
            html! {},
        )
        .into_string();
        let nav_html = html
            .split_once("<nav")
            .and_then(|(_, rest)| rest.split_once("</nav>"))
            .map(|(inside, _)| inside)
            .unwrap_or_default();
        assert_eq!(nav_html.matches("<a ").count(), 4);
        assert!(nav_html.contains(r#"<a href="/client-portal/tickets">Tickets</a>"#));
        assert!(nav_html.contains(r#"<a href="/client-portal/projects">Projects</a>"#));
        assert!(!nav_html.contains("client-settings"));
        assert!(nav_html
            .contains(r#"<a href="/client-portal/dashboard" aria-current="page">Dashboard</a>"#));
        assert!(nav_html.contains(r#"<a href="/client-portal/profile">Profile</a>"#));
        assert!(html.contains("Ada Lovelace"));
        assert!(html.contains("Analytical Ltd"));
        assert!(html.contains(r#"<form method="post" action="/auth/client-portal/signout">"#));
        assert!(html.contains(r#"<input type="hidden" name="csrf_token" value="csrf-abc123">"#));
        assert!(html.contains(r#"<button class="btn btn--ghost" type="submit">Sign out</button>"#));
        assert_no_raw_ids(&html);
        Ok(())
    }

    #[test]
    fn shell_escapes_user_and_tenant_text() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let mut signed_in = nav(EVIL, Some(EVIL));
        signed_in.csrf_token = EVIL.to_owned();
        let mut shell = shell(locales.translator("en"), &branding, Some(signed_in));
        shell.title = EVIL.to_owned();
        shell.csp_nonce = EVIL;
        let html = page(&shell, html! {}).into_string();
        assert_escaped(&html);
        assert!(html.contains(":root{--brand-primary:#1f4e79;--brand-accent:#2e86c1;"));
        Ok(())
    }

    #[test]
    fn the_header_shows_the_dark_background_logo_and_the_head_the_favicon() -> TestResult {
        let locales = Locales::load()?;
        let mut branding = Branding::default_portal();
        let plain = page(&shell(locales.translator("en"), &branding, None), html! {});
        assert!(plain
            .into_string()
            .contains(r#"<a class="brand" href="/">Client Portal</a>"#));
        branding.name = "Acme IT".into();
        branding.images.logo_light = Some("/branding/light.png".into());
        branding.images.logo_dark = Some("/branding/dark.svg".into());
        branding.images.favicon = Some("/branding/icon.png".into());
        let html = page(&shell(locales.translator("en"), &branding, None), html! {}).into_string();
        assert!(html.contains(
            r#"<a class="brand" href="/"><img src="/branding/dark.svg" alt="Acme IT"></a>"#
        ));
        assert!(html.contains(r#"<link rel="icon" href="/branding/icon.png">"#));
        Ok(())
    }
}
