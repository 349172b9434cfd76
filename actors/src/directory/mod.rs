//! The MSP's directory from its PSA: client companies and their contacts, upserted under ids
//! the PSA chooses, each with a `version` bumped by every real change (a write carrying an
//! older one is refused, so the PSA cannot silently undo a portal-side edit).
//!
//! `input` reads the PSA's JSON (naming the field of every refusal), `apply` is the one write
//! path (the PUTs through `TenantData`, the batch, and `portal demo`), `batch` upserts up to
//! `MAX_BATCH_ITEMS` records all or nothing, `settle` does what a committed change asks of the
//! other actors (sessions to end or re-read, audit, mail). The records here are what the API
//! answers with.

pub mod apply;
pub mod batch;
pub mod input;
mod mail;
pub mod settle;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::PortalRole;

/// Most records in one `directory:batch` request.
pub const MAX_BATCH_ITEMS: usize = 1_000;
/// The audit event of a portal user's sign-in email changed through their contact.
pub const EVENT_USER_EMAIL_CHANGED: &str = "user_email_changed";

/// A postal address; every line is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Address {
    /// An address as stored (JSON text); anything unreadable is no address.
    pub fn from_stored(stored: Option<&str>) -> Address {
        stored
            .and_then(|a| serde_json::from_str(a).ok())
            .unwrap_or_default()
    }

    /// The lines to print: street lines, "postal code city", region, country (empty ones left
    /// out).
    pub fn lines(&self) -> Vec<String> {
        let city = [self.postal_code.as_deref(), self.city.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.line1.clone(),
            self.line2.clone(),
            Some(city).filter(|c| !c.is_empty()),
            self.region.clone(),
            self.country.clone(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// What the PSA sets on a client company (everything a PUT replaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientFields {
    pub name: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
    pub default_locale: Option<String>,
    pub inactive: bool,
    /// Whether the company's users may use the portal at all.
    pub portal_enabled: bool,
}

/// A client company as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientRecord {
    pub client_id: Uuid,
    #[serde(flatten)]
    pub fields: ClientFields,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the PSA sets on a contact (everything a PUT replaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactFields {
    pub client_id: Uuid,
    pub name: String,
    /// Normalised (trimmed, lower-case), as `model::Email` stores it.
    pub email: String,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub inactive: bool,
    pub portal_role: PortalRole,
}

/// A contact as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactRecord {
    pub contact_id: Uuid,
    #[serde(flatten)]
    pub fields: ContactFields,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A portal user's sign-in email changed with their contact's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailChange {
    pub user_id: Uuid,
    pub contact_id: Uuid,
    pub old: String,
    pub new: String,
}

/// A portal user's role set by the PSA (audited after the commit as `user_role_changed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSet {
    pub user_id: Uuid,
    pub contact_id: Uuid,
    pub client_id: Uuid,
    /// The user's sign-in email after the write.
    pub email: String,
    pub old: PortalRole,
    pub new: PortalRole,
}

/// What committed directory writes ask of the other actors, done by `settle` after the commit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Companies made inactive or shut out of the portal: every session of their users ended
    /// in the transaction; cached copies are dropped.
    pub end_client_sessions: Vec<Uuid>,
    /// Users whose contact was deactivated: their sessions ended in the transaction; cached
    /// copies are dropped.
    pub end_user_sessions: Vec<Uuid>,
    /// Users whose role or email changed: cached copies of their sessions are read again.
    pub refresh_user_sessions: Vec<Uuid>,
    /// Sign-in emails changed (audited; both addresses were mailed in the transaction).
    pub email_changes: Vec<EmailChange>,
    /// Portal users whose role the PSA changed (audited).
    pub role_changes: Vec<RoleSet>,
    /// How many sessions the transaction ended (counted as `deactivated` once it commits).
    pub sessions_ended: u64,
}

impl Effects {
    /// Whether nothing is left to do.
    pub fn is_empty(&self) -> bool {
        self == &Effects::default()
    }

    /// Adds another write's effects (a batch's items, in order).
    pub fn merge(&mut self, other: Effects) {
        self.end_client_sessions.extend(other.end_client_sessions);
        self.end_user_sessions.extend(other.end_user_sessions);
        self.refresh_user_sessions
            .extend(other.refresh_user_sessions);
        self.email_changes.extend(other.email_changes);
        self.role_changes.extend(other.role_changes);
        self.sessions_ended = self.sessions_ended.saturating_add(other.sessions_ended);
    }
}

/// A record written through the directory, and what its commit asks of the other actors.
#[derive(Debug, Clone)]
pub struct Written<T> {
    pub upserted: crate::ticket_sync::Upserted<T>,
    pub effects: Effects,
}
