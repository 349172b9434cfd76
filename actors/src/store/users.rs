//! Users, their clients (companies) and contacts, as sign-in and the CLI need them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::model::{Email, UserType};
use crate::{execute, fetch_one_scalar, query_as};

/// A user as sign-in sees them, with their company when they are a client contact.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginUser {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub user_type: String,
    pub first_name: String,
    pub last_name: String,
    pub password_hash: Option<String>,
    pub is_inactive: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub client_id: Option<Uuid>,
    pub client_name: Option<String>,
    pub is_client_admin: Option<bool>,
    pub contact_inactive: Option<bool>,
    pub client_inactive: Option<bool>,
    pub totp_enabled_at: Option<DateTime<Utc>>,
    /// When the user last set a new password themself (change or reset).
    pub password_changed_at: Option<DateTime<Utc>>,
}

impl LoginUser {
    pub fn user_type(&self) -> Option<UserType> {
        UserType::parse(&self.user_type)
    }
}

/// A user with their company, as sign-in reads them (add the `WHERE`).
const LOGIN_USER: &str = "SELECT u.tenant, u.user_id, u.email, u.user_type, u.first_name, \
        u.last_name, u.password_hash, u.is_inactive, u.last_login_at, c.client_id, cl.client_name, \
        c.is_client_admin, c.is_inactive AS contact_inactive, cl.is_inactive AS client_inactive, \
        u.totp_enabled_at, u.password_changed_at \
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
    pub first_name: String,
    pub last_name: String,
    pub is_inactive: bool,
    pub is_client_admin: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub totp_enabled_at: Option<DateTime<Utc>>,
}

pub async fn company_users(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<Vec<CompanyUser>, DbError> {
    Ok(query_as!(
        db.exec(),
        CompanyUser,
        fetch_all,
        "SELECT u.user_id, u.email, u.first_name, u.last_name, u.is_inactive, \
                c.is_client_admin, u.last_login_at, u.totp_enabled_at \
         FROM users u JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND c.client_id = $2 AND u.user_type = 'client' \
         ORDER BY u.last_name, u.first_name, u.email",
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
    pub is_client_admin: bool,
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
         is_client_admin, is_inactive, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        tenant,
        contact_id,
        new.client_id,
        &new.full_name,
        new.email.as_str(),
        new.phone.as_deref(),
        new.is_client_admin,
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
        &mut tx, tenant, user_id, before, inactive, now,
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// Gives a user the tenant's role of this name (client roles for client users).
pub async fn assign_role(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    role_name: &str,
    client_role: bool,
) -> Result<u64, DbError> {
    assign_role_in(db.exec(), tenant, user_id, role_name, client_role).await
}

/// `assign_role` inside a transaction; assigning a role the user has is a no-op.
pub async fn assign_role_in(
    exec: crate::db::Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
    role_name: &str,
    client_role: bool,
) -> Result<u64, DbError> {
    Ok(execute!(
        exec,
        "INSERT INTO user_roles (tenant, user_id, role_id) \
         SELECT $1, $2, r.role_id FROM roles r WHERE r.tenant = $1 AND r.role_name = $3 \
           AND r.is_client = $4 \
           AND NOT EXISTS (SELECT 1 FROM user_roles x \
                           WHERE x.tenant = $1 AND x.user_id = $2 AND x.role_id = r.role_id)",
        tenant,
        user_id,
        role_name,
        client_role
    )?)
}

/// The `resource:action` permissions a user holds through their roles.
pub async fn permissions(db: &Db, tenant: Uuid, user_id: Uuid) -> Result<Vec<String>, DbError> {
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
