//! Links in emails and the renderers the account-recovery functions call: each email in the
//! recipient's language, with links to the right host — the tenant's active vanity domain, else
//! the canonical origin with `?tenant=<slug>`.

use portal_actors::account_recovery::{
    DiscoveryMail, EmailContent, PasswordChangedMail, ResetMail,
};
use portal_actors::email_change::{EmailChangeMail, EmailChangeMails};
use portal_actors::model::TenantInfo;
use portal_views::email::{self as views, RenderedEmail};
use portal_views::i18n::Locales;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::redirect::encode_query_value;
use crate::http::tenant::active_domain;

pub const SIGN_IN_PATH: &str = "/auth/client-portal/signin";
pub const FORGOT_PATH: &str = "/auth/client-portal/forgot-password";
pub const RESET_PATH: &str = "/auth/password-reset/set-new-password";
pub const SETUP_PATH: &str = "/auth/portal/setup";

/// Absolute links into one tenant's portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantLinks {
    origin: String,
    /// `Some(slug)` on the canonical host, where pages need the tenant named.
    slug: Option<String>,
}

impl TenantLinks {
    /// Links for `tenant`, looking up its active vanity domain.
    pub async fn for_tenant(state: &AppState, tenant: &TenantInfo) -> Result<Self, PortalError> {
        let domain = active_domain(state, tenant.id).await?;
        Ok(Self::new(
            state,
            &tenant.slug,
            domain.as_ref().map(|d| d.domain.as_str()),
        ))
    }

    /// Links for a tenant whose active vanity domain (if any) is already known.
    pub fn new(state: &AppState, slug: &str, active_domain: Option<&str>) -> Self {
        Self::with_canonical(state.canonical_origin(), slug, active_domain)
    }

    /// The same from the canonical origin itself (`scheme://host`), for the CLI.
    pub fn with_canonical(
        canonical_origin: String,
        slug: &str,
        active_domain: Option<&str>,
    ) -> Self {
        match active_domain {
            Some(domain) => Self {
                origin: format!("https://{domain}"),
                slug: None,
            },
            None => Self {
                origin: canonical_origin,
                slug: Some(slug.to_owned()),
            },
        }
    }

    /// `origin + path`, with the query parameters (and the tenant when needed), encoded.
    pub fn url(&self, path: &str, params: &[(&str, &str)]) -> String {
        let mut pairs: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
            .collect();
        if let Some(slug) = &self.slug {
            pairs.push(format!("tenant={}", encode_query_value(slug)));
        }
        if pairs.is_empty() {
            format!("{}{path}", self.origin)
        } else {
            format!("{}{path}?{}", self.origin, pairs.join("&"))
        }
    }

    /// `origin + path` with nothing added: for what every host serves alike (branding images).
    pub fn asset(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// The tenant's logo for its emails (the one for light backgrounds), on its host.
    pub fn email_logo(&self, tenant: &TenantInfo) -> Option<views::EmailLogo> {
        tenant
            .images
            .logo_light
            .as_ref()
            .map(|logo| views::EmailLogo {
                url: self.asset(&logo.path()),
                alt: tenant.name.clone(),
            })
    }
}

/// An email of `tenant`, with its logo when it has one.
fn branded(rendered: RenderedEmail, tenant: &TenantInfo, links: &TenantLinks) -> EmailContent {
    content(rendered.with_logo(links.email_logo(tenant).as_ref()))
}

fn content(rendered: RenderedEmail) -> EmailContent {
    EmailContent {
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
    }
}

/// The embedded locales (loaded and checked at start-up).
pub fn locales() -> Result<&'static Locales, PortalError> {
    crate::http::render::locales()
        .map_err(|e| PortalError::Unexpected(anyhow::anyhow!("locale files: {}", e.message())))
}

/// Renders the reset email for `tenant`.
pub fn reset_email<'a>(
    locales: &'static Locales,
    tenant: &'a TenantInfo,
    links: &'a TenantLinks,
) -> impl FnOnce(&ResetMail<'_>) -> EmailContent + 'a {
    move |m| {
        branded(
            views::password_reset(
                locales.translator(m.locale),
                &views::PasswordResetEmail {
                    tenant_name: tenant.name.clone(),
                    recipient_name: m.recipient.full_name.trim().to_owned(),
                    link: links.url(RESET_PATH, &[("token", m.token)]),
                    ttl_minutes: m.ttl_minutes,
                },
            ),
            tenant,
            links,
        )
    }
}

/// Renders the "password changed" notice for `tenant`.
pub fn password_changed_email<'a>(
    locales: &'static Locales,
    tenant: &'a TenantInfo,
    links: &'a TenantLinks,
) -> impl FnOnce(&PasswordChangedMail<'_>) -> EmailContent + 'a {
    move |m| {
        branded(
            views::password_changed(
                locales.translator(m.locale),
                &views::PasswordChangedEmail {
                    tenant_name: tenant.name.clone(),
                    recipient_name: m.recipient.full_name.trim().to_owned(),
                    changed_at: m.changed_at,
                    ip: m.ip.map(str::to_owned),
                    reset_link: links.url(FORGOT_PATH, &[]),
                },
            ),
            tenant,
            links,
        )
    }
}

/// Renders the discovery email: each tenant's sign-in link on its own host.
pub fn discovery_email<'a>(
    locales: &'static Locales,
    state: &'a AppState,
) -> impl FnOnce(&DiscoveryMail<'_>) -> EmailContent + 'a {
    move |m| {
        let tenants = m
            .tenants
            .iter()
            .map(|t| views::DiscoveredTenant {
                name: t.tenant_name.clone(),
                sign_in_link: TenantLinks::new(state, &t.slug, t.active_domain.as_deref())
                    .url(SIGN_IN_PATH, &[]),
            })
            .collect();
        content(views::organization_discovery(
            locales.translator(m.locale),
            &views::DiscoveryEmail {
                email: m.email.to_owned(),
                tenants,
            },
        ))
    }
}

/// What an invitation email says (the invitation flow fills it in).
#[derive(Debug, Clone, Copy)]
pub struct Invitation<'a> {
    pub invitee_name: &'a str,
    /// Goes into the link and nowhere else.
    pub token: &'a str,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// The invitee's language, else the tenant's default.
    pub locale: &'a str,
}

/// Renders an invitation: the setup link on the tenant's host, who is invited, the expiry.
pub fn invitation_email(
    locales: &'static Locales,
    tenant: &TenantInfo,
    links: &TenantLinks,
    invitation: Invitation<'_>,
) -> EmailContent {
    branded(
        views::invitation(
            locales.translator(invitation.locale),
            &views::InvitationEmail {
                tenant_name: tenant.name.clone(),
                invitee_name: invitation.invitee_name.to_owned(),
                link: links.url(SETUP_PATH, &[("token", invitation.token)]),
                expires_at: invitation.expires_at,
            },
        ),
        tenant,
        links,
    )
}

/// Renders the email telling a company's admin that a colleague asked for deletion.
pub fn deletion_request_email<'a>(
    locales: &'static Locales,
    tenant: &'a TenantInfo,
    links: &'a TenantLinks,
) -> impl Fn(&portal_actors::deletion_request::DeletionRequestMail<'_>) -> EmailContent + 'a {
    move |m| {
        let member = format!("/client-portal/client-settings/users/{}", m.requester_id);
        branded(
            views::deletion_requested(
                locales.translator(m.locale),
                &views::DeletionRequestEmail {
                    tenant_name: tenant.name.clone(),
                    recipient_name: m.admin_name.to_owned(),
                    requester_name: m.requester_name.to_owned(),
                    requester_email: m.requester_email.to_owned(),
                    requested_at: m.requested_at,
                    member_link: links.url(&member, &[]),
                },
            ),
            tenant,
            links,
        )
    }
}

/// The email-change renderers for `tenant`: the confirmation link (to the new address) and the
/// notice (to the current one, linking the profile where the request can be cancelled).
pub fn email_change_mails<'a>(
    locales: &'static Locales,
    tenant: &'a TenantInfo,
    links: &'a TenantLinks,
) -> EmailChangeMails<'a> {
    use portal_views::email_change::{mail, CONFIRM_PATH};
    let email = move |m: &EmailChangeMail<'_>, link: String| mail::EmailChangeEmail {
        tenant_name: tenant.name.clone(),
        recipient_name: m.full_name.trim().to_owned(),
        old_email: m.old_email.to_owned(),
        new_email: m.new_email.to_owned(),
        requested_at: m.requested_at,
        expires_at: m.expires_at,
        ip: m.ip.map(str::to_owned),
        link,
    };
    EmailChangeMails {
        confirm: Box::new(move |m| {
            let link = links.url(CONFIRM_PATH, &[("token", m.token)]);
            branded(
                mail::confirmation(locales.translator(m.locale), &email(m, link)),
                tenant,
                links,
            )
        }),
        notice: Box::new(move |m| {
            let link = links.url(portal_views::profile::PROFILE_PATH, &[]);
            branded(
                mail::notice(locales.translator(m.locale), &email(m, link)),
                tenant,
                links,
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(origin: &str, slug: Option<&str>) -> TenantLinks {
        TenantLinks {
            origin: origin.to_owned(),
            slug: slug.map(str::to_owned),
        }
    }

    #[test]
    fn links_name_the_tenant_only_on_the_canonical_host_and_encode_values() {
        let canonical = links("https://portal.example", Some("0123456789ab"));
        assert_eq!(
            canonical.url(RESET_PATH, &[("token", "a+b c")]),
            "https://portal.example/auth/password-reset/set-new-password?token=a%2Bb%20c&tenant=0123456789ab"
        );
        let vanity = links("https://support.acme.example", None);
        assert_eq!(
            vanity.url(SIGN_IN_PATH, &[]),
            "https://support.acme.example/auth/client-portal/signin"
        );
    }

    #[test]
    fn the_invitation_links_to_setup_on_the_tenants_host() -> Result<(), Box<dyn std::error::Error>>
    {
        let locales = locales().map_err(|e| e.to_string())?;
        let tenant = TenantInfo {
            id: uuid::Uuid::nil(),
            slug: "0123456789ab".into(),
            name: "Northwind IT".into(),
            primary_color: String::new(),
            accent_color: String::new(),
            default_locale: "en".into(),
            images: Default::default(),
        };
        let mail = invitation_email(
            locales,
            &tenant,
            &links("https://support.acme.example", None),
            Invitation {
                invitee_name: "Grace Hopper",
                token: "tok",
                expires_at: chrono::DateTime::UNIX_EPOCH,
                locale: "en",
            },
        );
        assert!(mail.subject.contains("Northwind IT"));
        assert!(mail
            .body_text
            .contains("https://support.acme.example/auth/portal/setup?token=tok"));
        assert!(mail.body_text.contains("Grace Hopper"));
        Ok(())
    }
}
