//! A client user's own profile: their contact's name, phone and job title, and their reading
//! preferences.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::directory::Address;
use crate::profile::{
    CompanyProfile, DateFormat, StoredProfile, PREF_DATE_FORMAT, PREF_LOCALE, PREF_TIME_ZONE,
};
use crate::{execute, query_as};

/// The profile of a client user with a contact, and that contact's id and version.
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub contact_id: Uuid,
    pub client_id: Uuid,
    pub email: String,
    pub version: i64,
    pub profile: StoredProfile,
}

#[derive(sqlx::FromRow)]
struct Row {
    contact_id: Uuid,
    client_id: Uuid,
    email: String,
    version: i64,
    full_name: String,
    phone: Option<String>,
    job_title: Option<String>,
    locale: Option<String>,
    time_zone: Option<String>,
    date_format: Option<String>,
}

/// The profile of `user_id` (a client user with a contact); `None` for anyone else.
pub async fn get(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<ProfileRow>, DbError> {
    let row = query_as!(
        exec,
        Row,
        fetch_optional,
        "SELECT c.contact_id, c.client_id, u.email, c.version, c.full_name, c.phone, c.job_title, \
                (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                    AND p.user_id = u.user_id AND p.pref_key = $3) AS locale, \
                (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                    AND p.user_id = u.user_id AND p.pref_key = $4) AS time_zone, \
                (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                    AND p.user_id = u.user_id AND p.pref_key = $5) AS date_format \
         FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.user_id = $2 AND u.user_type = 'client'",
        tenant,
        user_id,
        PREF_LOCALE,
        PREF_TIME_ZONE,
        PREF_DATE_FORMAT
    )?;
    Ok(row.map(|r| ProfileRow {
        contact_id: r.contact_id,
        client_id: r.client_id,
        email: r.email,
        version: r.version,
        profile: StoredProfile {
            full_name: r.full_name,
            phone: r.phone,
            job_title: r.job_title,
            locale: r.locale,
            time_zone: r.time_zone,
            date_format: r
                .date_format
                .as_deref()
                .and_then(DateFormat::parse)
                .unwrap_or_default(),
        },
    }))
}

/// Writes the contact's name, phone and job title (the version is bumped by the change record).
pub async fn set_contact_fields(
    exec: Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    profile: &StoredProfile,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        exec,
        "UPDATE contacts SET full_name = $3, phone = $4, job_title = $5, updated_at = $6 \
         WHERE tenant = $1 AND contact_id = $2",
        tenant,
        contact_id,
        &profile.full_name,
        profile.phone.as_deref(),
        profile.job_title.as_deref(),
        now
    )?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CompanyRow {
    client_name: String,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    billing_address: Option<String>,
    shipping_address: Option<String>,
}

/// The company's details from the directory.
pub async fn company(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<CompanyProfile, DbError> {
    let row = query_as!(
        exec,
        CompanyRow,
        fetch_one,
        "SELECT client_name, phone, email, website, billing_address, shipping_address \
         FROM clients WHERE tenant = $1 AND client_id = $2",
        tenant,
        client_id
    )?;
    Ok(CompanyProfile {
        name: row.client_name,
        phone: row.phone,
        email: row.email,
        website: row.website,
        billing_address: Address::from_stored(row.billing_address.as_deref()).lines(),
        shipping_address: Address::from_stored(row.shipping_address.as_deref()).lines(),
    })
}
