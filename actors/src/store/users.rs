//! Users, their clients (companies) and contacts, as sign-in and the CLI need them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::model::{Email, PortalRole, UserType};
use crate::{execute, fetch_one_scalar, query_as};

/// A user as sign-in sees them, with their company when they are a client contact.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginUser {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub user_type: String,
    /// The contact's name for client users, the account's for internal users.
    pub full_name: String,
    pub password_hash: Option<String>,
    pub is_inactive: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub client_id: Option<Uuid>,
    pub client_name: Option<String>,
    /// The contact's `portal_role` (client users with a contact).
    pub portal_role: Option<String>,
    pub contact_inactive: Option<bool>,
    pub client_inactive: Option<bool>,
    pub totp_enabled_at: Option<DateTime<Utc>>,
    /// When the user last set a new password themself (change or reset).
    pub password_changed_at: Option<DateTime<Utc>>,
    /// `false`: the company is shut out of the portal (its users cannot sign in).
    pub client_portal_enabled: Option<bool>,
    /// Whether the user's company requires two-factor of everyone.
    pub client_requires_two_factor: Option<bool>,
    /// The user's language, else their company's default.
    pub pref_locale: Option<String>,
    pub pref_time_zone: Option<String>,
    pub pref_date_format: Option<String>,
}

impl LoginUser {
    /// How the user reads the portal.
    pub fn prefs(&self) -> crate::model::ReaderPrefs {
        crate::model::ReaderPrefs {
            locale: self.pref_locale.clone(),
            time_zone: self.pref_time_zone.clone(),
            date_format: self.pref_date_format.clone(),
        }
    }

    pub fn user_type(&self) -> Option<UserType> {
        UserType::parse(&self.user_type)
    }

    /// The contact's portal role, when the user is a client contact.
    pub fn role(&self) -> Option<PortalRole> {
        self.portal_role.as_deref().and_then(PortalRole::parse)
    }

    /// Whether the user administers their company's portal.
    pub fn is_client_admin(&self) -> bool {
        self.role() == Some(PortalRole::Admin)
    }

    /// The words of the user's name (a new password must not be made of them).
    pub fn name_words(&self) -> Vec<String> {
        crate::model::name_words(&self.full_name)
    }
}

/// A user with their company, as sign-in reads them (add the `WHERE`). The name is read as every
/// query reads a person's name: the contact's (client users), else the account's.
const LOGIN_USER: &str = "SELECT u.tenant, u.user_id, u.email, u.user_type, \
        COALESCE(c.full_name, TRIM(u.first_name || ' ' || u.last_name)) AS full_name, \
        u.password_hash, u.is_inactive, u.last_login_at, c.client_id, cl.client_name, \
        c.portal_role, c.is_inactive AS contact_inactive, cl.is_inactive AS client_inactive, \
        u.totp_enabled_at, u.password_changed_at, \
        cl.portal_enabled AS client_portal_enabled, \
        cl.require_two_factor AS client_requires_two_factor, \
        COALESCE((SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                  AND p.user_id = u.user_id AND p.pref_key = 'locale'), cl.default_locale) \
            AS pref_locale, \
        (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
            AND p.user_id = u.user_id AND p.pref_key = 'time_zone') AS pref_time_zone, \
        (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
            AND p.user_id = u.user_id AND p.pref_key = 'date_format') AS pref_date_format \
     FROM users u \
     LEFT JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
     LEFT JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id";

/// Every user of `tenant` with this email (at most one client and one internal).
pub async fn find_for_login(
    db: &Db,
    tenant: Uuid,
    email: &Email,
) -> Result<Vec<LoginUser>, DbError> {
    Ok(query_as!(
        db.exec(),
        LoginUser,
        fetch_all,
        &format!("{LOGIN_USER} WHERE u.tenant = $1 AND u.email = $2"),
        tenant,
        email.as_str()
    )?)
}

/// One user as sign-in sees them, by id (to finish a sign-in after its second factor).
pub async fn find_login_user(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<LoginUser>, DbError> {
    Ok(query_as!(
        db.exec(),
        LoginUser,
        fetch_optional,
        &format!("{LOGIN_USER} WHERE u.tenant = $1 AND u.user_id = $2"),
        tenant,
        user_id
    )?)
}

/// A new password hash set on purpose (change, reset, an operator's `user set-password`): also
/// stamps the change time, before which SSO sign-ins in flight are refused.
pub async fn change_password_hash(
    exec: crate::db::Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE users SET password_hash = $3, password_changed_at = $4 \
         WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id,
        hash,
        now
    )?)
}

/// The client users of one company (for its client admins), with sign-in state.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompanyUser {
    pub user_id: Uuid,
    pub email: String,
    /// The contact's name.
    pub full_name: String,
    pub is_inactive: bool,
    /// The contact's `portal_role`: `admin`, `finance` or `user`.
    pub portal_role: String,
    pub last_login_at: Option<DateTime<Utc>>,
    pub totp_enabled_at: Option<DateTime<Utc>>,
}

impl CompanyUser {
    /// The contact's portal role (an unknown stored value reads as the least powerful).
    pub fn role(&self) -> PortalRole {
        PortalRole::parse(&self.portal_role).unwrap_or(PortalRole::User)
    }

    /// Whether the user administers their company's portal.
    pub fn is_client_admin(&self) -> bool {
        self.role() == PortalRole::Admin
    }
}

/// The client users of one company, by name.
pub async fn company_users(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<Vec<CompanyUser>, DbError> {
    Ok(query_as!(
        db.exec(),
        CompanyUser,
        fetch_all,
        "SELECT u.user_id, u.email, c.full_name, u.is_inactive, c.portal_role, \
                u.last_login_at, u.totp_enabled_at \
         FROM users u JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND c.client_id = $2 AND u.user_type = 'client' \
         ORDER BY c.full_name, u.email",
        tenant,
        client_id
    )?)
}

/// Records a successful sign-in; returns nothing, the caller already has the previous time.
pub async fn record_login(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "UPDATE users SET last_login_at = $3 WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id,
        now
    )?;
    Ok(())
}

/// Replaces a user's password hash (after a re-hash with new parameters, or a new password).
pub async fn set_password_hash(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    hash: &str,
) -> Result<u64, DbError> {
    Ok(execute!(
        db.exec(),
        "UPDATE users SET password_hash = $3 WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id,
        hash
    )?)
}

/// The id of the user of this type and email, if any.
pub async fn find_id(
    db: &Db,
    tenant: Uuid,
    email: &Email,
    user_type: UserType,
) -> Result<Option<Uuid>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        user_id: Uuid,
    }
    let row = query_as!(
        db.exec(),
        Row,
        fetch_optional,
        "SELECT user_id FROM users WHERE tenant = $1 AND email = $2 AND user_type = $3",
        tenant,
        email.as_str(),
        user_type.as_str()
    )?;
    Ok(row.map(|r| r.user_id))
}

pub async fn create_client(
    db: &Db,
    tenant: Uuid,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let client_id = Uuid::new_v4();
    execute!(
        db.exec(),
        "INSERT INTO clients (tenant, client_id, client_name, is_inactive, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
        tenant,
        client_id,
        name,
        false,
        now
    )?;
    Ok(client_id)
}

/// Finds a client company by name or creates it.
pub async fn find_or_create_client(
    db: &Db,
    tenant: Uuid,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        client_id: Uuid,
    }
    let row = query_as!(
        db.exec(),
        Row,
        fetch_optional,
        "SELECT client_id FROM clients WHERE tenant = $1 AND client_name = $2",
        tenant,
        name
    )?;
    match row {
        Some(r) => Ok(r.client_id),
        None => create_client(db, tenant, name, now).await,
    }
}

#[derive(Debug, Clone)]
pub struct NewContact {
    pub client_id: Uuid,
    pub full_name: String,
    pub email: Email,
    pub phone: Option<String>,
    /// What the contact's portal user may do.
    pub portal_role: PortalRole,
}

pub async fn create_contact(
    db: &Db,
    tenant: Uuid,
    new: &NewContact,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let contact_id = Uuid::new_v4();
    execute!(
        db.exec(),
        "INSERT INTO contacts (tenant, contact_id, client_id, full_name, email, phone, \
         portal_role, is_inactive, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        tenant,
        contact_id,
        new.client_id,
        &new.full_name,
        new.email.as_str(),
        new.phone.as_deref(),
        new.portal_role.as_str(),
        false,
        now
    )?;
    Ok(contact_id)
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub user_type: UserType,
    pub first_name: String,
    pub last_name: String,
    pub contact_id: Option<Uuid>,
    pub password_hash: Option<String>,
    pub is_inactive: bool,
}

pub async fn create_user(
    db: &Db,
    tenant: Uuid,
    new: &NewUser,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    insert_user(db.exec(), tenant, new, now).await
}

/// Creates a user (inside a transaction when given one).
pub async fn insert_user(
    exec: crate::db::Exec<'_>,
    tenant: Uuid,
    new: &NewUser,
    now: DateTime<Utc>,
) -> Result<Uuid, DbError> {
    let user_id = Uuid::new_v4();
    execute!(
        exec,
        "INSERT INTO users (tenant, user_id, email, user_type, first_name, last_name, contact_id, \
         password_hash, is_inactive, last_login_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10)",
        tenant,
        user_id,
        new.email.as_str(),
        new.user_type.as_str(),
        &new.first_name,
        &new.last_name,
        new.contact_id,
        new.password_hash.as_deref(),
        new.is_inactive,
        now
    )?;
    Ok(user_id)
}

/// Deactivates (or reactivates) a user. Deactivating tells every instance to forget the user's
/// cached sessions (in the same transaction), so that their next use finds the user inactive.
/// A contact's user whose state changed is recorded in the directory changes feed.
pub async fn set_inactive(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    inactive: bool,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut tx = db.begin().await?;
    let n = set_inactive_in(&mut tx, tenant, user_id, inactive, now).await?;
    tx.commit().await?;
    Ok(n)
}

/// [`set_inactive`] inside the caller's transaction.
pub async fn set_inactive_in(
    tx: &mut crate::db::Tx,
    tenant: Uuid,
    user_id: Uuid,
    inactive: bool,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let before = crate::store::directory_changes::user_subject(tx.exec(), tenant, user_id).await?;
    let n = execute!(
        tx.exec(),
        "UPDATE users SET is_inactive = $3 WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id,
        inactive
    )?;
    if inactive && n > 0 {
        let scope = crate::sessions::RevocationScope::user(tenant, user_id);
        crate::store::sessions::notify_revoked(tx.exec(), &scope).await?;
    }
    crate::store::directory_changes::record_user_activity(
        tx, tenant, user_id, before, inactive, now,
    )
    .await?;
    Ok(n)
}

/// The portal role of a client user's contact (`None` for internal users and users without one).
pub async fn portal_role_of(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<PortalRole>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        portal_role: String,
    }
    let row = query_as!(
        db.exec(),
        Row,
        fetch_optional,
        "SELECT c.portal_role FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.user_id = $2 AND u.user_type = 'client'",
        tenant,
        user_id
    )?;
    Ok(row.and_then(|r| PortalRole::parse(&r.portal_role)))
}

/// The `resource:action` permissions a user holds, read per request: a client user's from the
/// tenant's client role named after their contact's portal role, an internal user's from
/// their roles.
pub async fn permissions(db: &Db, tenant: Uuid, user_id: Uuid) -> Result<Vec<String>, DbError> {
    if let Some(role) = portal_role_of(db, tenant, user_id).await? {
        let held =
            crate::store::tenants::role_permissions(db.exec(), tenant, role.role_name()).await?;
        return Ok(held.unwrap_or_default());
    }
    #[derive(sqlx::FromRow)]
    struct Row {
        resource: String,
        action: String,
    }
    let rows = query_as!(
        db.exec(),
        Row,
        fetch_all,
        "SELECT DISTINCT p.resource, p.action FROM user_roles ur \
         JOIN role_permissions rp ON rp.tenant = ur.tenant AND rp.role_id = ur.role_id \
         JOIN permissions p ON p.tenant = rp.tenant AND p.permission_id = rp.permission_id \
         WHERE ur.tenant = $1 AND ur.user_id = $2 ORDER BY p.resource, p.action",
        tenant,
        user_id
    )?;
    Ok(rows
        .into_iter()
        .map(|r| format!("{}:{}", r.resource, r.action))
        .collect())
}

pub async fn count_users(db: &Db, tenant: Uuid) -> Result<i64, DbError> {
    Ok(fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM users WHERE tenant = $1",
        tenant
    )?)
}

/// The company (client) of a client user, through their contact.
pub async fn client_of(db: &Db, tenant: Uuid, user_id: Uuid) -> Result<Option<Uuid>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        client_id: Uuid,
    }
    let row = query_as!(
        db.exec(),
        Row,
        fetch_optional,
        "SELECT c.client_id FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.user_id = $2",
        tenant,
        user_id
    )?;
    Ok(row.map(|r| r.client_id))
}

/// A contact whose portal role can change, with their portal user if they have one.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoleHolder {
    pub contact_id: Uuid,
    pub client_id: Uuid,
    pub email: String,
    pub portal_role: String,
    pub user_id: Option<Uuid>,
}

const ROLE_HOLDER: &str = "SELECT c.contact_id, c.client_id, c.email, c.portal_role, u.user_id \
     FROM contacts c LEFT JOIN users u ON u.tenant = c.tenant AND u.contact_id = c.contact_id \
         AND u.user_type = 'client'";

/// The contact `contact_id` of `tenant` and their portal user, if any.
pub async fn role_holder_by_contact(
    exec: crate::db::Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
) -> Result<Option<RoleHolder>, DbError> {
    let sql = format!("{ROLE_HOLDER} WHERE c.tenant = $1 AND c.contact_id = $2");
    Ok(query_as!(
        exec,
        RoleHolder,
        fetch_optional,
        &sql,
        tenant,
        contact_id
    )?)
}

/// The contact of the client user `user_id` of `tenant`, if any.
pub async fn role_holder_by_user(
    exec: crate::db::Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<RoleHolder>, DbError> {
    let sql = format!("{ROLE_HOLDER} WHERE c.tenant = $1 AND u.user_id = $2");
    Ok(query_as!(
        exec,
        RoleHolder,
        fetch_optional,
        &sql,
        tenant,
        user_id
    )?)
}

/// Changes a contact's portal role from `from` to `to` (compare-and-set: 0 when it was no
/// longer `from`), bumping the contact's version and update time in the same statement.
pub async fn set_portal_role(
    exec: crate::db::Exec<'_>,
    tenant: Uuid,
    contact_id: Uuid,
    from: PortalRole,
    to: PortalRole,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "UPDATE contacts SET portal_role = $4, updated_at = $5 \
         WHERE tenant = $1 AND contact_id = $2 AND portal_role = $3",
        tenant,
        contact_id,
        from.as_str(),
        to.as_str(),
        now
    )?)
}
