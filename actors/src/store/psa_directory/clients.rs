//! Directory SQL for client companies: read (optionally locked), insert under the PSA's id,
//! and replace guarded by the version read.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::for_update;
use crate::db::{DbError, Exec};
use crate::directory::{Address, ClientFields, ClientRecord};
use crate::{execute, fetch_one_scalar, query_as};

/// A client row as stored (addresses as JSON text).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientRow {
    pub client_id: Uuid,
    pub client_name: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub billing_address: Option<String>,
    pub shipping_address: Option<String>,
    pub default_locale: Option<String>,
    pub is_inactive: bool,
    pub portal_enabled: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// A stored address; text that is not one (written by hand) reads as none.
fn address(stored: Option<&str>) -> Option<Address> {
    stored.and_then(|s| serde_json::from_str(s).ok())
}

/// An address as stored.
fn stored_address(address: Option<&Address>) -> Option<String> {
    address.and_then(|a| serde_json::to_string(a).ok())
}

impl ClientRow {
    /// The record the API shows.
    pub fn record(&self) -> ClientRecord {
        ClientRecord {
            client_id: self.client_id,
            fields: ClientFields {
                name: self.client_name.clone(),
                website: self.website.clone(),
                phone: self.phone.clone(),
                email: self.email.clone(),
                billing_address: address(self.billing_address.as_deref()),
                shipping_address: address(self.shipping_address.as_deref()),
                default_locale: self.default_locale.clone(),
                inactive: self.is_inactive,
                portal_enabled: self.portal_enabled,
            },
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at.unwrap_or(self.created_at),
        }
    }
}

const CLIENT_SELECT: &str = "SELECT cl.client_id, cl.client_name, cl.website, cl.phone, \
     cl.email, cl.billing_address, cl.shipping_address, cl.default_locale, cl.is_inactive, \
     cl.portal_enabled, cl.version, cl.created_at, cl.updated_at FROM clients cl \
     WHERE cl.tenant = $1 AND cl.client_id = $2";

/// The client; `lock`: locked until the transaction ends (PostgreSQL).
pub async fn find_client(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    lock: bool,
) -> Result<Option<ClientRow>, DbError> {
    let sql = if lock {
        format!("{CLIENT_SELECT}{}", for_update(&exec, "cl"))
    } else {
        CLIENT_SELECT.to_owned()
    };
    Ok(query_as!(
        exec,
        ClientRow,
        fetch_optional,
        &sql,
        tenant,
        client_id
    )?)
}

/// Whether the tenant has this client.
pub async fn client_exists(exec: Exec<'_>, tenant: Uuid, client_id: Uuid) -> Result<bool, DbError> {
    let n = fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM clients WHERE tenant = $1 AND client_id = $2",
        tenant,
        client_id
    )?;
    Ok(n > 0)
}

/// Inserts the client at version 1; 0 when a row with this id exists (created meanwhile).
pub async fn insert_client(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    c: &ClientFields,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO clients (tenant, client_id, client_name, website, phone, email, \
             billing_address, shipping_address, default_locale, is_inactive, portal_enabled, \
             version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12) \
         ON CONFLICT (tenant, client_id) DO NOTHING",
        tenant,
        client_id,
        &c.name,
        c.website.as_deref(),
        c.phone.as_deref(),
        c.email.as_deref(),
        stored_address(c.billing_address.as_ref()),
        stored_address(c.shipping_address.as_ref()),
        c.default_locale.as_deref(),
        c.inactive,
        c.portal_enabled,
        now
    )?)
}

/// Replaces the client's fields and bumps its version, only while it is still at `version`
/// (0: it changed meanwhile).
pub async fn replace_client(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    c: &ClientFields,
    version: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE clients SET client_name = $3, website = $4, phone = $5, email = $6, \
             billing_address = $7, shipping_address = $8, default_locale = $9, \
             is_inactive = $10, portal_enabled = $11, version = version + 1, updated_at = $12 \
         WHERE tenant = $1 AND client_id = $2 AND version = $13",
        tenant,
        client_id,
        &c.name,
        c.website.as_deref(),
        c.phone.as_deref(),
        c.email.as_deref(),
        stored_address(c.billing_address.as_ref()),
        stored_address(c.shipping_address.as_ref()),
        c.default_locale.as_deref(),
        c.inactive,
        c.portal_enabled,
        now,
        version
    )?)
}
