//! Operators' configuration of a tenant's OpenID Connect providers: validated input, the client
//! secret sealed at rest, the list the sign-in page shows, and the tenant's SSO options.

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::secret_box::{SecretBox, SecretBoxError};
use crate::store::sso::{self as store, ProviderRow, SsoOptions};

/// Google's issuer: the default for `kind = google`.
pub const GOOGLE_ISSUER: &str = "https://accounts.google.com";
/// Longest client id / secret / display name accepted.
const MAX_FIELD: usize = 512;
/// Most allowed email domains per provider.
const MAX_DOMAINS: usize = 50;

/// What kind of provider: decides the defaults (issuer, name) and the button's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Google,
    Keycloak,
}

impl ProviderKind {
    pub fn parse(text: &str) -> Option<ProviderKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "google" => Some(ProviderKind::Google),
            "keycloak" => Some(ProviderKind::Keycloak),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Google => "google",
            ProviderKind::Keycloak => "keycloak",
        }
    }

    fn default_display_name(self) -> &'static str {
        match self {
            ProviderKind::Google => "Google",
            ProviderKind::Keycloak => "Keycloak",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SsoConfigError {
    /// A field is wrong; `field` names it for the API's error body.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("no such provider")]
    NotFound,
    #[error("provider store unavailable")]
    Db(#[from] DbError),
    #[error("cannot seal the client secret")]
    Seal(#[from] SecretBoxError),
}

fn invalid(field: &'static str, message: impl Into<String>) -> SsoConfigError {
    SsoConfigError::Invalid {
        field,
        message: message.into(),
    }
}

/// A provider as the operator gives it. `client_secret: None` keeps the stored one (update).
#[derive(Debug)]
pub struct ProviderInput {
    pub provider: String,
    pub kind: String,
    pub display_name: Option<String>,
    pub issuer: Option<String>,
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    pub allowed_domains: Vec<String>,
    pub enabled: bool,
}

/// A provider as operators see it (never the secret).
#[derive(Debug, Clone, Serialize)]
pub struct ProviderSummary {
    pub provider: String,
    pub kind: ProviderKind,
    pub display_name: String,
    pub issuer: String,
    pub client_id: String,
    pub allowed_domains: Vec<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A provider ready for a sign-in (secret opened).
#[derive(Clone)]
pub struct ProviderConfig {
    pub tenant: Uuid,
    pub provider: String,
    pub kind: ProviderKind,
    pub display_name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretString,
    pub allowed_domains: Vec<String>,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("tenant", &self.tenant)
            .field("provider", &self.provider)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl ProviderConfig {
    /// Whether `email`'s domain is allowed (any, when none are listed).
    pub fn allows_email(&self, email: &str) -> bool {
        if self.allowed_domains.is_empty() {
            return true;
        }
        let domain = email
            .rsplit_once('@')
            .map(|(_, d)| d.to_ascii_lowercase())
            .unwrap_or_default();
        self.allowed_domains.contains(&domain)
    }
}

/// A sign-in button: slug, name and kind (for its look).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderButton {
    pub provider: String,
    pub display_name: String,
    pub kind: ProviderKind,
}

/// `[a-z0-9-]`, 1–32 characters, not starting with `-`, and not a path the routes use.
pub fn is_valid_slug(slug: &str) -> bool {
    (1..=32).contains(&slug.len())
        && !slug.starts_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && slug != "callback"
}

fn secret_context(tenant: Uuid, provider: &str) -> Vec<u8> {
    let mut context = b"sso-client-secret:".to_vec();
    context.extend_from_slice(tenant.as_bytes());
    context.extend_from_slice(provider.as_bytes());
    context
}

fn parse_domains(raw: &[String]) -> Result<Vec<String>, SsoConfigError> {
    let mut domains: Vec<String> = Vec::new();
    for item in raw.iter().flat_map(|s| s.split([',', ' ', '\n'])) {
        let domain = item.trim().trim_start_matches('@').to_ascii_lowercase();
        if domain.is_empty() {
            continue;
        }
        let valid = domain.len() <= 253
            && domain.contains('.')
            && domain.split('.').all(|label| {
                (1..=63).contains(&label.len())
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        if !valid {
            return Err(invalid(
                "allowed_domains",
                format!("{domain:?} is not an email domain"),
            ));
        }
        if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    if domains.len() > MAX_DOMAINS {
        return Err(invalid(
            "allowed_domains",
            format!("at most {MAX_DOMAINS} domains"),
        ));
    }
    Ok(domains)
}

/// An issuer URL: absolute https (http only for loopback, as test providers run), no query or
/// fragment, no trailing slash (issuers compare as exact strings).
pub fn parse_issuer(raw: &str) -> Result<String, SsoConfigError> {
    let text = raw.trim().trim_end_matches('/');
    let url = url::Url::parse(text).map_err(|_| invalid("issuer", "not an absolute URL"))?;
    let loopback = matches!(
        url.host(),
        Some(url::Host::Ipv4(ip)) if ip.is_loopback()
    ) || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
        || url.host_str() == Some("localhost");
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return Err(invalid("issuer", "must be an https URL")),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(invalid(
            "issuer",
            "must not carry a query, fragment or user",
        ));
    }
    Ok(text.to_owned())
}

fn summary(row: &ProviderRow) -> ProviderSummary {
    ProviderSummary {
        provider: row.provider.clone(),
        kind: ProviderKind::parse(&row.kind).unwrap_or(ProviderKind::Keycloak),
        display_name: row.display_name.clone(),
        issuer: row.issuer.clone(),
        client_id: row.client_id.clone(),
        allowed_domains: split_domains(&row.allowed_domains),
        enabled: row.enabled,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn split_domains(stored: &str) -> Vec<String> {
    stored.split_whitespace().map(str::to_owned).collect()
}

/// Validates and stores a provider (create or replace).
pub async fn save_provider(
    db: &Db,
    secret_box: &SecretBox,
    now: DateTime<Utc>,
    tenant: Uuid,
    input: ProviderInput,
) -> Result<ProviderSummary, SsoConfigError> {
    let slug = input.provider.trim().to_ascii_lowercase();
    if !is_valid_slug(&slug) {
        return Err(invalid(
            "provider",
            "1-32 characters: lower-case letters, digits and '-'",
        ));
    }
    let kind = ProviderKind::parse(&input.kind)
        .ok_or_else(|| invalid("kind", "must be \"google\" or \"keycloak\""))?;
    let issuer = match (kind, input.issuer.as_deref().map(str::trim)) {
        (_, Some(raw)) if !raw.is_empty() => parse_issuer(raw)?,
        (ProviderKind::Google, _) => GOOGLE_ISSUER.to_owned(),
        (ProviderKind::Keycloak, _) => {
            return Err(invalid(
                "issuer",
                "required for Keycloak: the realm's issuer URL, https://host/realms/<realm>",
            ))
        }
    };
    let client_id = input.client_id.trim().to_owned();
    if client_id.is_empty()
        || client_id.len() > MAX_FIELD
        || client_id.chars().any(char::is_control)
    {
        return Err(invalid("client_id", "required, at most 512 characters"));
    }
    let display_name = input
        .display_name
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| kind.default_display_name().to_owned());
    if display_name.chars().count() > 64 || display_name.chars().any(char::is_control) {
        return Err(invalid("display_name", "at most 64 characters"));
    }
    let allowed_domains = parse_domains(&input.allowed_domains)?;
    let existing = store::find_provider(db, tenant, &slug).await?;
    let client_secret = match (&input.client_secret, &existing) {
        (Some(secret), _) => {
            let text = secret.expose_secret().trim();
            if text.is_empty() || text.len() > MAX_FIELD {
                return Err(invalid("client_secret", "required, at most 512 characters"));
            }
            secret_box.seal(text.as_bytes(), &secret_context(tenant, &slug))?
        }
        (None, Some(row)) => row.client_secret.clone(),
        (None, None) => return Err(invalid("client_secret", "required")),
    };
    let row = ProviderRow {
        tenant,
        provider: slug,
        kind: kind.as_str().to_owned(),
        display_name,
        issuer,
        client_id,
        client_secret,
        allowed_domains: allowed_domains.join(" "),
        enabled: input.enabled,
        created_at: existing.as_ref().map_or(now, |r| r.created_at),
        updated_at: now,
    };
    store::upsert_provider(db, &row).await?;
    Ok(summary(&row))
}

pub async fn list_providers(db: &Db, tenant: Uuid) -> Result<Vec<ProviderSummary>, DbError> {
    Ok(store::list_providers(db, tenant)
        .await?
        .iter()
        .map(summary)
        .collect())
}

pub async fn delete_provider(db: &Db, tenant: Uuid, provider: &str) -> Result<(), SsoConfigError> {
    match store::delete_provider(db, tenant, provider).await? {
        0 => Err(SsoConfigError::NotFound),
        _ => Ok(()),
    }
}

/// The enabled providers as sign-in buttons.
pub async fn buttons(db: &Db, tenant: Uuid) -> Result<Vec<ProviderButton>, DbError> {
    Ok(store::list_providers(db, tenant)
        .await?
        .into_iter()
        .filter(|p| p.enabled)
        .map(|p| ProviderButton {
            kind: ProviderKind::parse(&p.kind).unwrap_or(ProviderKind::Keycloak),
            provider: p.provider,
            display_name: p.display_name,
        })
        .collect())
}

/// An enabled provider with its secret opened, for a sign-in; `None` when not configured or off.
pub async fn provider_for_sign_in(
    db: &Db,
    secret_box: &SecretBox,
    tenant: Uuid,
    provider: &str,
) -> Result<Option<ProviderConfig>, SsoConfigError> {
    let Some(row) = store::find_provider(db, tenant, provider)
        .await?
        .filter(|p| p.enabled)
    else {
        return Ok(None);
    };
    let secret = secret_box.open(&row.client_secret, &secret_context(tenant, &row.provider))?;
    let secret = String::from_utf8(secret.expose_secret().to_vec())
        .map_err(|_| SsoConfigError::Seal(SecretBoxError::Malformed))?;
    Ok(Some(ProviderConfig {
        tenant,
        kind: ProviderKind::parse(&row.kind).unwrap_or(ProviderKind::Keycloak),
        provider: row.provider,
        display_name: row.display_name,
        issuer: row.issuer,
        client_id: row.client_id,
        client_secret: SecretString::from(secret),
        allowed_domains: split_domains(&row.allowed_domains),
    }))
}

pub async fn options(db: &Db, tenant: Uuid) -> Result<SsoOptions, DbError> {
    store::options(db, tenant).await
}

pub async fn set_options(db: &Db, tenant: Uuid, options: SsoOptions) -> Result<(), DbError> {
    store::set_options(db, tenant, options).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("google"));
        assert!(is_valid_slug("acme-kc-2"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("Google"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug("callback"));
        assert!(!is_valid_slug(&"a".repeat(33)));
    }

    #[test]
    fn issuers() {
        assert_eq!(
            parse_issuer("https://id.example.com/realms/acme/").unwrap(),
            "https://id.example.com/realms/acme"
        );
        assert!(parse_issuer("http://127.0.0.1:9000/realms/a").is_ok());
        assert!(parse_issuer("http://id.example.com").is_err());
        assert!(parse_issuer("https://id.example.com/?x=1").is_err());
        assert!(parse_issuer("javascript:alert(1)").is_err());
        assert!(parse_issuer("not a url").is_err());
    }

    #[test]
    fn domains() {
        assert_eq!(
            parse_domains(&["Example.com, @acme.io".into()]).unwrap(),
            vec!["example.com", "acme.io"]
        );
        assert!(parse_domains(&["exa mple".into()]).is_err());
        assert!(parse_domains(&["localhost".into()]).is_err());
        let config = ProviderConfig {
            tenant: Uuid::nil(),
            provider: "g".into(),
            kind: ProviderKind::Google,
            display_name: "G".into(),
            issuer: GOOGLE_ISSUER.into(),
            client_id: "c".into(),
            client_secret: SecretString::from("s"),
            allowed_domains: vec!["acme.io".into()],
        };
        assert!(config.allows_email("Bob@ACME.io"));
        assert!(!config.allows_email("bob@acme.io.evil.com"));
        assert!(!config.allows_email("bob"));
    }
}
