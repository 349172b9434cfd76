//! Directory SQL for contacts: read with their portal user (optionally locked), insert under
//! the PSA's id, replace guarded by the version read, and the portal user's sign-in email.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::for_update;
use crate::db::{DbError, Exec};
use crate::directory::{ContactFields, ContactRecord};
use crate::model::PortalRole;
use crate::{execute, fetch_one_scalar, query_as};

/// A contact row as stored, with the portal user it has (if any).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactRow {
    pub contact_id: Uuid,
    pub client_id: Uuid,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub is_inactive: bool,
    pub portal_role: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
    pub user_id: Option<Uuid>,
    pub user_email: Option<String>,
}

impl ContactRow {
    /// The record the API shows.
    pub fn record(&self) -> ContactRecord {
        ContactRecord {
            contact_id: self.contact_id,
            fields: ContactFields {
                client_id: self.client_id,
                name: self.full_name.clone(),
                email: self.email.clone(),
                phone: self.phone.clone(),
                job_title: self.job_title.clone(),
                inactive: self.is_inactive,
                // The column's CHECK admits only the three roles.
                portal_role: PortalRole::parse(&self.portal_role).unwrap_or(PortalRole::User),
            },
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at.unwrap_or(self.created_at),
        }
    }
}

const CONTACT_SELECT: &str = "SELECT c.contact_id, c.client_id, c.full_name, c.email, c.phone, \
     c.job_title, c.is_inactive, c.portal_role, c.version, c.created_at, c.updated_at, \
     u.user_id, u.email AS user_email FROM contacts c \
     LEFT JOIN users u ON u.tenant = c.tenant AND u.contact_id = c.contact_id \
     WHERE c.tenant = $1 AND c.contact_id = $2";

/// The contact and its portal user; `lock`: locked until the transaction ends (PostgreSQL).
pub async fn find_contact(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    lock: bool,
) -> Result<Option<ContactRow>, DbError> {
    let sql = if lock {
        format!("{CONTACT_SELECT}{}", for_update(&exec, "c"))
    } else {
        CONTACT_SELECT.to_owned()
    };
    Ok(query_as!(
        exec,
        ContactRow,
        fetch_optional,
        &sql,
        tenant,
        contact_id
    )?)
}

/// Inserts the contact at version 1; 0 when a row with this id exists (created meanwhile).
pub async fn insert_contact(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    c: &ContactFields,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO contacts (tenant, contact_id, client_id, full_name, email, phone, \
             job_title, is_inactive, portal_role, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) \
         ON CONFLICT (tenant, contact_id) DO NOTHING",
        tenant,
        contact_id,
        c.client_id,
        &c.name,
        &c.email,
        c.phone.as_deref(),
        c.job_title.as_deref(),
        c.inactive,
        c.portal_role.as_str(),
        now
    )?)
}

/// Replaces the contact's fields and bumps its version, only while it is still at `version`
/// (0: it changed meanwhile).
pub async fn replace_contact(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    c: &ContactFields,
    version: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE contacts SET client_id = $3, full_name = $4, email = $5, phone = $6, \
             job_title = $7, is_inactive = $8, portal_role = $9, version = version + 1, \
             updated_at = $10 \
         WHERE tenant = $1 AND contact_id = $2 AND version = $11",
        tenant,
        contact_id,
        c.client_id,
        &c.name,
        &c.email,
        c.phone.as_deref(),
        c.job_title.as_deref(),
        c.inactive,
        c.portal_role.as_str(),
        now,
        version
    )?)
}

/// Whether another client user of the tenant than `user_id` signs in with `email`.
pub async fn client_email_taken(
    exec: Exec<'_>,
    tenant: Uuid,
    email: &str,
    user_id: Uuid,
) -> Result<bool, DbError> {
    let n = fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM users \
         WHERE tenant = $1 AND user_type = 'client' AND email = $2 AND user_id <> $3",
        tenant,
        email,
        user_id
    )?;
    Ok(n > 0)
}

/// Sets a portal user's sign-in email.
pub async fn set_user_email(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    email: &str,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE users SET email = $3 WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id,
        email
    )?)
}
