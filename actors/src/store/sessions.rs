//! Server-side sessions: only the SHA-256 of the cookie value is stored. Every statement that
//! ends sessions also tells the other instances which cached sessions are stale (PostgreSQL
//! `NOTIFY session_revoked`, sent in the same transaction so that it is delivered on commit).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError, Exec, Tx};
use crate::model::SessionUser;
use crate::sessions::revocation::{RevocationScope, CHANNEL};
use crate::{execute, fetch_one_scalar, query_as};

/// Tells the other instances that the sessions of `scope` are stale: `NOTIFY session_revoked` on
/// PostgreSQL, delivered when the surrounding transaction commits. SQLite is one server: the
/// instance that made the change forgets them itself.
pub async fn notify_revoked(exec: Exec<'_>, scope: &RevocationScope) -> Result<(), DbError> {
    let payload = scope.to_payload();
    let sql = "SELECT pg_notify($1, $2)";
    match exec {
        Exec::PgPool(e) => {
            sqlx::query(sql)
                .bind(CHANNEL)
                .bind(payload)
                .execute(e)
                .await?;
        }
        Exec::PgConn(e) => {
            sqlx::query(sql)
                .bind(CHANNEL)
                .bind(payload)
                .execute(&mut *e)
                .await?;
        }
        Exec::SqlitePool(_) | Exec::SqliteConn(_) => {}
    }
    Ok(())
}

/// Ends a revoking transaction: when `ended` sessions is not zero, notifies `scope`; commits.
async fn commit_revocation(mut tx: Tx, ended: u64, scope: RevocationScope) -> Result<u64, DbError> {
    if ended > 0 {
        notify_revoked(tx.exec(), &scope).await?;
    }
    tx.commit().await?;
    Ok(ended)
}

#[derive(Debug, Clone)]
pub struct NewSessionRow<'a> {
    pub tenant: Uuid,
    pub token_hash: &'a str,
    pub user_id: Uuid,
    pub host: &'a str,
    pub auth_method: &'a str,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub previous_login_at: Option<DateTime<Utc>>,
}

pub async fn insert(db: &Db, s: &NewSessionRow<'_>) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "INSERT INTO sessions (tenant, token_hash, user_id, host, auth_method, ip, user_agent, \
         created_at, last_seen_at, expires_at, previous_login_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)",
        s.tenant,
        s.token_hash,
        s.user_id,
        s.host,
        s.auth_method,
        s.ip,
        s.user_agent,
        s.created_at,
        s.expires_at,
        s.previous_login_at
    )?;
    Ok(())
}

/// A live session with its user, as loaded on a cache miss.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub tenant: Uuid,
    pub token_hash: String,
    pub user_id: Uuid,
    pub host: String,
    pub auth_method: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub previous_login_at: Option<DateTime<Utc>>,
    pub email: String,
    pub user_type: String,
    /// The contact's name for client users, the account's for internal users.
    pub full_name: String,
    pub user_inactive: bool,
    pub client_id: Option<Uuid>,
    pub client_name: Option<String>,
    /// The contact's `portal_role` (client users with a contact).
    pub portal_role: Option<String>,
    /// The user's language, else their company's default.
    pub pref_locale: Option<String>,
    pub pref_time_zone: Option<String>,
    pub pref_date_format: Option<String>,
}

impl SessionRow {
    pub fn user(&self) -> Option<SessionUser> {
        Some(SessionUser {
            tenant: self.tenant,
            user_id: self.user_id,
            email: self.email.clone(),
            user_type: crate::model::UserType::parse(&self.user_type)?,
            full_name: self.full_name.clone(),
            client_id: self.client_id,
            client_name: self.client_name.clone(),
            role: self
                .portal_role
                .as_deref()
                .and_then(crate::model::PortalRole::parse),
            previous_login_at: self.previous_login_at,
            prefs: crate::model::ReaderPrefs {
                locale: self.pref_locale.clone(),
                time_zone: self.pref_time_zone.clone(),
                date_format: self.pref_date_format.clone(),
            },
        })
    }
}

pub async fn find(db: &Db, token_hash: &str) -> Result<Option<SessionRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        SessionRow,
        fetch_optional,
        "SELECT s.tenant, s.token_hash, s.user_id, s.host, s.auth_method, s.created_at, \
                s.last_seen_at, s.expires_at, s.revoked_at, s.previous_login_at, u.email, u.user_type, \
                COALESCE(c.full_name, TRIM(u.first_name || ' ' || u.last_name)) AS full_name, \
                u.is_inactive AS user_inactive, c.client_id, cl.client_name, c.portal_role, \
                COALESCE((SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                          AND p.user_id = u.user_id AND p.pref_key = 'locale'), \
                         cl.default_locale) AS pref_locale, \
                (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                    AND p.user_id = u.user_id AND p.pref_key = 'time_zone') AS pref_time_zone, \
                (SELECT p.pref_value FROM user_preferences p WHERE p.tenant = u.tenant \
                    AND p.user_id = u.user_id AND p.pref_key = 'date_format') AS pref_date_format \
         FROM sessions s \
         JOIN users u ON u.tenant = s.tenant AND u.user_id = s.user_id \
         LEFT JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         LEFT JOIN clients cl ON cl.tenant = c.tenant AND cl.client_id = c.client_id \
         WHERE s.token_hash = $1",
        token_hash
    )?)
}

/// Writes a batch of last-seen times (write-behind); never moves a time backwards.
pub async fn touch(db: &Db, updates: &[(Uuid, String, DateTime<Utc>)]) -> Result<u64, DbError> {
    let mut written: u64 = 0;
    for (tenant, token_hash, seen) in updates {
        let n = execute!(
            db.exec(),
            "UPDATE sessions SET last_seen_at = $3 \
             WHERE tenant = $1 AND token_hash = $2 AND last_seen_at < $3",
            *tenant,
            token_hash.as_str(),
            *seen
        )?;
        written = written.saturating_add(n);
    }
    Ok(written)
}

/// Marks a session revoked, once; returns whether it was live.
pub async fn revoke(
    db: &Db,
    token_hash: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut tx = db.begin().await?;
    let n = execute!(
        tx.exec(),
        "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 \
         WHERE token_hash = $1 AND revoked_at IS NULL",
        token_hash,
        now,
        reason
    )?;
    let scope = RevocationScope::Session {
        token_hash: token_hash.to_owned(),
    };
    Ok(commit_revocation(tx, n, scope).await? > 0)
}

/// Revokes every live session of a user; returns how many.
pub async fn revoke_user(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut tx = db.begin().await?;
    let n = execute!(
        tx.exec(),
        "UPDATE sessions SET revoked_at = $3, revoked_reason = $4 \
         WHERE tenant = $1 AND user_id = $2 AND revoked_at IS NULL",
        tenant,
        user_id,
        now,
        reason
    )?;
    commit_revocation(tx, n, RevocationScope::user(tenant, user_id)).await
}

/// Revokes every live session of a tenant; returns how many.
pub async fn revoke_tenant(
    db: &Db,
    tenant: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut tx = db.begin().await?;
    let n = execute!(
        tx.exec(),
        "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 \
         WHERE tenant = $1 AND revoked_at IS NULL",
        tenant,
        now,
        reason
    )?;
    commit_revocation(tx, n, RevocationScope::Tenant { tenant }).await
}

/// Revokes every live session of the users of a client company; returns how many.
pub async fn revoke_client(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut tx = db.begin().await?;
    let n = revoke_client_in(&mut tx, tenant, client_id, reason, now).await?;
    tx.commit().await?;
    Ok(n)
}

/// `revoke_client` inside the caller's transaction (the change that shuts the company out):
/// the other instances are notified when it commits.
pub async fn revoke_client_in(
    tx: &mut Tx,
    tenant: Uuid,
    client_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let n = execute!(
        tx.exec(),
        "UPDATE sessions SET revoked_at = $3, revoked_reason = $4 \
         WHERE tenant = $1 AND revoked_at IS NULL AND user_id IN ( \
             SELECT u.user_id FROM users u \
             JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
             WHERE u.tenant = $1 AND c.client_id = $2)",
        tenant,
        client_id,
        now,
        reason
    )?;
    if n > 0 {
        notify_revoked(tx.exec(), &RevocationScope::Client { tenant, client_id }).await?;
    }
    Ok(n)
}

/// `revoke_user` inside the caller's transaction (the change that deactivates the user's
/// contact): the other instances are notified when it commits.
pub async fn revoke_user_in(
    tx: &mut Tx,
    tenant: Uuid,
    user_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let n = execute!(
        tx.exec(),
        "UPDATE sessions SET revoked_at = $3, revoked_reason = $4 \
         WHERE tenant = $1 AND user_id = $2 AND revoked_at IS NULL",
        tenant,
        user_id,
        now,
        reason
    )?;
    if n > 0 {
        notify_revoked(tx.exec(), &RevocationScope::user(tenant, user_id)).await?;
    }
    Ok(n)
}

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SweepCounts {
    pub idle_expired: u64,
    pub absolute_expired: u64,
    pub deleted: u64,
    /// Second-factor sign-ins left pending past their expiry (filled in by the Sessions actor).
    pub challenges_deleted: u64,
    /// Emailed links (password reset, invitation, email change) long expired (the same).
    pub links_deleted: u64,
}

/// Ends sessions past their idle or absolute limit and deletes ended ones older than
/// `retain_before` (kept until then for the security pages and investigations).
pub async fn sweep(
    db: &Db,
    now: DateTime<Utc>,
    idle_before: DateTime<Utc>,
    retain_before: DateTime<Utc>,
) -> Result<SweepCounts, DbError> {
    let absolute_expired = execute!(
        db.exec(),
        "UPDATE sessions SET revoked_at = $1, revoked_reason = 'absolute' \
         WHERE revoked_at IS NULL AND expires_at <= $1",
        now
    )?;
    let idle_expired = execute!(
        db.exec(),
        "UPDATE sessions SET revoked_at = $1, revoked_reason = 'idle' \
         WHERE revoked_at IS NULL AND last_seen_at <= $2",
        now,
        idle_before
    )?;
    let deleted = execute!(
        db.exec(),
        "DELETE FROM sessions WHERE revoked_at IS NOT NULL AND revoked_at < $1",
        retain_before
    )?;
    Ok(SweepCounts {
        idle_expired,
        absolute_expired,
        deleted,
        ..SweepCounts::default()
    })
}

pub async fn count_active(
    db: &Db,
    now: DateTime<Utc>,
    idle_before: DateTime<Utc>,
) -> Result<i64, DbError> {
    Ok(fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM sessions \
         WHERE revoked_at IS NULL AND expires_at > $1 AND last_seen_at > $2",
        now,
        idle_before
    )?)
}

/// A session as the security pages list it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionSummary {
    pub token_hash: String,
    pub user_id: Uuid,
    pub auth_method: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// The live sessions of one user, most recently active first.
pub async fn list_active_for_user(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
    idle_before: DateTime<Utc>,
) -> Result<Vec<SessionSummary>, DbError> {
    Ok(query_as!(
        db.exec(),
        SessionSummary,
        fetch_all,
        "SELECT token_hash, user_id, auth_method, ip, user_agent, created_at, last_seen_at \
         FROM sessions \
         WHERE tenant = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3 \
           AND last_seen_at > $4 \
         ORDER BY last_seen_at DESC",
        tenant,
        user_id,
        now,
        idle_before
    )?)
}

/// Revokes one session, only if it belongs to this user; returns whether it was live.
pub async fn revoke_owned(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    token_hash: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut tx = db.begin().await?;
    let n = execute!(
        tx.exec(),
        "UPDATE sessions SET revoked_at = $4, revoked_reason = $5 \
         WHERE tenant = $1 AND user_id = $2 AND token_hash = $3 AND revoked_at IS NULL",
        tenant,
        user_id,
        token_hash,
        now,
        reason
    )?;
    let scope = RevocationScope::Session {
        token_hash: token_hash.to_owned(),
    };
    Ok(commit_revocation(tx, n, scope).await? > 0)
}

/// Revokes every live session of a user but one; returns how many.
pub async fn revoke_others(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    keep_token_hash: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut tx = db.begin().await?;
    let n = execute!(
        tx.exec(),
        "UPDATE sessions SET revoked_at = $4, revoked_reason = $5 \
         WHERE tenant = $1 AND user_id = $2 AND token_hash <> $3 AND revoked_at IS NULL",
        tenant,
        user_id,
        keep_token_hash,
        now,
        reason
    )?;
    let scope = RevocationScope::User {
        tenant,
        user_id,
        keep: Some(keep_token_hash.to_owned()),
    };
    commit_revocation(tx, n, scope).await
}

/// The live sessions of every client user of one company.
pub async fn list_active_for_company(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    now: DateTime<Utc>,
    idle_before: DateTime<Utc>,
) -> Result<Vec<SessionSummary>, DbError> {
    Ok(query_as!(
        db.exec(),
        SessionSummary,
        fetch_all,
        "SELECT s.token_hash, s.user_id, s.auth_method, s.ip, s.user_agent, s.created_at, \
                s.last_seen_at \
         FROM sessions s \
         JOIN users u ON u.tenant = s.tenant AND u.user_id = s.user_id \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE s.tenant = $1 AND c.client_id = $2 AND s.revoked_at IS NULL \
           AND s.expires_at > $3 AND s.last_seen_at > $4 \
         ORDER BY s.last_seen_at DESC",
        tenant,
        client_id,
        now,
        idle_before
    )?)
}
