//! Domain types shared by the actors, the store and the HTTP edge: validated values and the
//! snapshots that travel in messages.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An email address as the portal stores it: trimmed and lowercased, checked for shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Email(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EmailError {
    #[error("the email address is empty")]
    Empty,
    #[error("the email address is longer than 254 characters")]
    TooLong,
    #[error("`{0}` is not an email address")]
    Malformed(String),
}

impl Email {
    pub fn parse(raw: &str) -> Result<Email, EmailError> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(EmailError::Empty);
        }
        if value.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let malformed = || EmailError::Malformed(value.clone());
        let (local, domain) = value.rsplit_once('@').ok_or_else(malformed)?;
        let bad_char = |c: char| c.is_whitespace() || c.is_control();
        if local.is_empty()
            || domain.is_empty()
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || value.chars().any(bad_char)
            || local.contains('@')
        {
            return Err(malformed());
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Client users sign in to the portal; internal users are the MSP's staff and are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserType {
    Client,
    Internal,
}

impl UserType {
    pub fn as_str(self) -> &'static str {
        match self {
            UserType::Client => "client",
            UserType::Internal => "internal",
        }
    }

    pub fn parse(value: &str) -> Option<UserType> {
        match value {
            "client" => Some(UserType::Client),
            "internal" => Some(UserType::Internal),
            _ => None,
        }
    }
}

/// A client contact's portal role: the one source of truth for what their portal user may do
/// (the tenant's role of the same name holds the permissions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PortalRole {
    /// Manages the company's portal users and settings.
    Admin,
    /// Sees and pays the company's invoices.
    Finance,
    /// Raises and follows support tickets.
    User,
}

impl PortalRole {
    /// Every role, most powerful first.
    pub const ALL: [PortalRole; 3] = [PortalRole::Admin, PortalRole::Finance, PortalRole::User];

    /// The stored and API value: `admin`, `finance`, `user`.
    pub fn as_str(self) -> &'static str {
        match self {
            PortalRole::Admin => "admin",
            PortalRole::Finance => "finance",
            PortalRole::User => "user",
        }
    }

    /// The tenant's role of this name (`roles.role_name`): `Admin`, `Finance`, `User`.
    pub fn role_name(self) -> &'static str {
        match self {
            PortalRole::Admin => "Admin",
            PortalRole::Finance => "Finance",
            PortalRole::User => "User",
        }
    }

    /// Reads the stored/API value (`admin`, `finance`, `user`; also the role names).
    pub fn parse(value: &str) -> Option<PortalRole> {
        PortalRole::ALL
            .into_iter()
            .find(|r| r.as_str() == value.trim() || r.role_name() == value.trim())
    }
}

/// A tenant (an MSP) with the settings its pages need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantInfo {
    #[serde(rename = "tenant")]
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
    pub default_locale: String,
    /// Logos and favicon set by operators (`branding`), each stored by content hash.
    pub images: BrandImages,
}

/// An image of a tenant's branding: its contents' SHA-256 in the attachment store and its media
/// type. Served at `/branding/{content_hash}.{ext}`; the hash in the URL makes it cacheable forever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrandImage {
    pub content_hash: String,
    pub content_type: String,
}

impl BrandImage {
    /// The file extension its media type goes by.
    pub fn extension(&self) -> &'static str {
        match self.content_type.as_str() {
            "image/png" => "png",
            "image/jpeg" => "jpg",
            "image/webp" => "webp",
            "image/svg+xml" => "svg",
            _ => "bin",
        }
    }

    /// Its path on every host: `/branding/{sha256}.{ext}`.
    pub fn path(&self) -> String {
        format!("/branding/{}.{}", self.content_hash, self.extension())
    }
}

/// A tenant's logos and favicon (none set by default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BrandImages {
    /// For light backgrounds (the sign-in card, emails).
    pub logo_light: Option<BrandImage>,
    /// For dark backgrounds (the header, in the brand colour; dark mode).
    pub logo_dark: Option<BrandImage>,
    pub favicon: Option<BrandImage>,
}

/// A tenant slug: 12 lowercase hex characters.
pub fn is_valid_slug(slug: &str) -> bool {
    slug.len() == 12
        && slug
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What a session knows of its user: taken at sign-in, so signed-in pages need no query.
/// (What the user may do is read per request; `role` only shapes the navigation.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub user_type: UserType,
    /// The person's name: their contact's for client users, the account's for internal users.
    #[serde(default)]
    pub full_name: String,
    pub client_id: Option<Uuid>,
    pub client_name: Option<String>,
    /// The contact's portal role (client users); `None` for internal users.
    #[serde(default)]
    pub role: Option<PortalRole>,
    /// The sign-in before the one that created this session.
    pub previous_login_at: Option<DateTime<Utc>>,
    /// How the user reads the portal.
    #[serde(default)]
    pub prefs: ReaderPrefs,
}

/// How a user reads the portal, as stored (`None`: not chosen). The language is the user's own
/// pick, else their company's default; pages fall back to the tenant's, then English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderPrefs {
    /// A BCP 47 tag such as `en` or `fr`.
    pub locale: Option<String>,
    /// An IANA time zone name such as `Europe/Brussels` (UTC when none).
    pub time_zone: Option<String>,
    /// `language`, `iso`, `dmy` or `mdy` (the language's own form when none).
    pub date_format: Option<String>,
}

impl SessionUser {
    /// The name to greet the user by: their name, else their email.
    pub fn display_name(&self) -> String {
        let name = self.full_name.trim();
        if name.is_empty() {
            self.email.clone()
        } else {
            name.to_owned()
        }
    }

    /// Whether the user administers their company's portal (their contact's role is Admin).
    pub fn is_client_admin(&self) -> bool {
        self.role == Some(PortalRole::Admin)
    }

    /// The words of the user's name (a new password must not be made of them).
    pub fn name_words(&self) -> Vec<String> {
        name_words(&self.full_name)
    }
}

/// The words of a person's name, for the password policy's context.
pub fn name_words(full_name: &str) -> Vec<String> {
    full_name.split_whitespace().map(str::to_owned).collect()
}

/// Who made a request: kept with sessions and audit events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestOrigin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub host: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ada@Example.COM ").map(|e| e.0),
            Ok("ada@example.com".into())
        );
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert!(Email::parse("no-at-sign").is_err());
        assert!(Email::parse("a@b").is_err());
        assert!(Email::parse("a b@example.com").is_err());
        assert!(Email::parse("a@@example.com").is_err());
        assert!(Email::parse("a@example.com\n").is_ok());
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(250))).is_err());
    }

    #[test]
    fn slugs_are_twelve_hex() {
        assert!(is_valid_slug("0123456789ab"));
        assert!(!is_valid_slug("0123456789AB"));
        assert!(!is_valid_slug("0123456789a"));
        assert!(!is_valid_slug("0123456789ag"));
    }
}
