//! Integration API tokens: the bearer secrets the MSP's PSA uses to reach one tenant's tickets
//! through the integration API. Operators create (the token is shown once), list and revoke
//! them (admin API and CLI), each change returned with its audit record; requests are
//! authenticated by looking up the token's SHA-256, so the secret itself is never compared.

use crate::clock::TimeArith;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit::AuditRecord;
use crate::db::{Db, DbError};
use crate::model::RequestOrigin;
use crate::sso::operators::Audited;
use crate::store::integration_tokens as store;
use crate::tokens;

pub const EVENT_TOKEN_CREATED: &str = "integration_token_created";
pub const EVENT_TOKEN_REVOKED: &str = "integration_token_revoked";
/// A token's `last_used_at` is written at most this often.
pub const LAST_USED_RESOLUTION: chrono::Duration = chrono::Duration::minutes(1);
/// Longest token name, in characters.
pub const MAX_TOKEN_NAME_CHARS: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("`{field}`: {message}")]
    Invalid {
        field: &'static str,
        message: &'static str,
    },
    #[error("no such integration token")]
    NotFound,
    #[error("integration tokens unavailable")]
    Db(#[from] DbError),
}

/// A token as operators see it (never the secret).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TokenSummary {
    pub token_id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just created: the secret, shown this once.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedToken {
    #[serde(flatten)]
    pub summary: TokenSummary,
    pub token: String,
}

/// Who is calling the integration API: the tenant its token reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrationClient {
    pub tenant: Uuid,
    pub token_id: Uuid,
    pub name: String,
}

fn record(
    tenant: Uuid,
    event_type: &'static str,
    origin: &RequestOrigin,
    summary: &TokenSummary,
) -> AuditRecord {
    AuditRecord {
        tenant,
        event_type,
        outcome: "success",
        reason: None,
        user_id: None,
        email: None,
        origin: origin.clone(),
        details: Some(json!({ "token_id": summary.token_id, "name": summary.name }).to_string()),
    }
}

/// A token name: trimmed, 1–100 characters, no control characters.
pub fn parse_name(raw: &str) -> Result<String, TokenError> {
    let name = raw.trim();
    let bad = |message| TokenError::Invalid {
        field: "name",
        message,
    };
    if name.is_empty() {
        return Err(bad("required"));
    }
    if name.chars().count() > MAX_TOKEN_NAME_CHARS {
        return Err(bad("too long (at most 100 characters)"));
    }
    if name.chars().any(char::is_control) {
        return Err(bad("control characters are not allowed"));
    }
    Ok(name.to_owned())
}

/// Creates a token for `tenant`; only its hash is stored.
pub async fn create(
    db: &Db,
    now: DateTime<Utc>,
    tenant: Uuid,
    name: &str,
    origin: &RequestOrigin,
) -> Result<Audited<CreatedToken>, TokenError> {
    let name = parse_name(name)?;
    let token = tokens::random_token();
    let token_id = Uuid::new_v4();
    store::insert(
        db,
        tenant,
        token_id,
        &tokens::token_hash(&token),
        &name,
        now,
    )
    .await?;
    let summary = store::find(db, tenant, token_id)
        .await?
        .ok_or(TokenError::NotFound)?;
    Ok(Audited {
        record: record(tenant, EVENT_TOKEN_CREATED, origin, &summary),
        value: CreatedToken { summary, token },
    })
}

pub async fn list(db: &Db, tenant: Uuid) -> Result<Vec<TokenSummary>, TokenError> {
    Ok(store::list(db, tenant).await?)
}

/// One token of the tenant (never its secret), revoked or not.
pub async fn find(
    db: &Db,
    tenant: Uuid,
    token_id: Uuid,
) -> Result<Option<TokenSummary>, TokenError> {
    Ok(store::find(db, tenant, token_id).await?)
}

/// Revokes a token at once (revoking it again changes nothing and is not audited again).
pub async fn revoke(
    db: &Db,
    now: DateTime<Utc>,
    tenant: Uuid,
    token_id: Uuid,
    origin: &RequestOrigin,
) -> Result<Option<Audited<TokenSummary>>, TokenError> {
    let revoked = store::revoke(db, tenant, token_id, now).await?;
    let summary = store::find(db, tenant, token_id)
        .await?
        .ok_or(TokenError::NotFound)?;
    Ok(revoked.then(|| Audited {
        record: record(tenant, EVENT_TOKEN_REVOKED, origin, &summary),
        value: summary,
    }))
}

/// The client a presented token stands for, or `None` (malformed, unknown or revoked).
/// Records its use at most once a minute.
pub async fn authenticate(
    db: &Db,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<Option<IntegrationClient>, DbError> {
    if !tokens::is_well_formed(presented) {
        return Ok(None);
    }
    let Some(token) = store::find_active_by_hash(db, &tokens::token_hash(presented)).await? else {
        return Ok(None);
    };
    let since = now.minus(LAST_USED_RESOLUTION);
    if token.last_used_at.map_or(true, |at| at < since) {
        store::mark_used(db, token.tenant, token.token_id, now, since).await?;
    }
    Ok(Some(IntegrationClient {
        tenant: token.tenant,
        token_id: token.token_id,
        name: token.name,
    }))
}
