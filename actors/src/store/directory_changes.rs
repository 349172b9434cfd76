//! The directory changes feed's SQL: recording a change inside its writer's transaction (which
//! bumps the subject's `version`) and reading a page of the feed without ever skipping a row
//! that commits late.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{DbError, Exec, Tx};
use crate::directory_changes::{
    ChangeKind, ChangesQuery, DirectoryChange, FeedCursor, NewChange, PortalUserRef,
};
use crate::model::PortalRole;
use crate::{execute, fetch_one_scalar, query_as};

/// A change written: its idempotent id and the subject's version after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub change_id: Uuid,
    pub version: i64,
}

/// Records `change` inside the writer's transaction (the change and its record commit
/// together) and bumps the version and `updated_at` of its contact, else of its client.
/// A change about neither, or about one that does not exist, is refused as `RowNotFound`.
pub async fn record(tx: &mut Tx, tenant: Uuid, change: &NewChange) -> Result<Recorded, DbError> {
    let now = change.occurred_at;
    let (version, client_id) = match (change.contact_id, change.client_id) {
        (Some(contact_id), client_id) => {
            let (version, of_contact): (i64, Uuid) = if change.kind.bumps_version() {
                query_as!(
                    tx.exec(),
                    (i64, Uuid),
                    fetch_one,
                    "UPDATE contacts SET version = version + 1, updated_at = $3 \
                     WHERE tenant = $1 AND contact_id = $2 RETURNING version, client_id",
                    tenant,
                    contact_id,
                    now
                )?
            } else {
                query_as!(
                    tx.exec(),
                    (i64, Uuid),
                    fetch_one,
                    "SELECT version, client_id FROM contacts WHERE tenant = $1 AND contact_id = $2",
                    tenant,
                    contact_id
                )?
            };
            (version, client_id.or(Some(of_contact)))
        }
        (None, Some(client_id)) => {
            let version = fetch_one_scalar!(
                tx.exec(),
                i64,
                "UPDATE clients SET version = version + 1, updated_at = $3 \
                 WHERE tenant = $1 AND client_id = $2 RETURNING version",
                tenant,
                client_id,
                now
            )?;
            (version, Some(client_id))
        }
        (None, None) => return Err(DbError::Sqlx(sqlx::Error::RowNotFound)),
    };
    let change_id = Uuid::new_v4();
    execute!(
        tx.exec(),
        "INSERT INTO directory_changes \
           (change_id, tenant, kind, contact_id, client_id, user_id, data, version, occurred_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        change_id,
        tenant,
        change.kind.as_str(),
        change.contact_id,
        client_id,
        change.user_id,
        change.data.to_string(),
        version,
        now
    )?;
    Ok(Recorded { change_id, version })
}

/// Records that the contact's portal role went from `old` to `new` (the role change's caller
/// runs it in the same transaction).
pub async fn record_role_changed(
    tx: &mut Tx,
    tenant: Uuid,
    contact_id: Uuid,
    user_id: Option<Uuid>,
    old: PortalRole,
    new: PortalRole,
    now: DateTime<Utc>,
) -> Result<Recorded, DbError> {
    let change = NewChange::role_changed(contact_id, user_id, old, new, now);
    record(tx, tenant, &change).await
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    seq: i64,
    change_id: Uuid,
    kind: String,
    occurred_at: DateTime<Utc>,
    contact_id: Option<Uuid>,
    client_id: Option<Uuid>,
    user_id: Option<Uuid>,
    version: i64,
    data: String,
    writer_xid: i64,
}

const CHANGE_COLUMNS: &str =
    "seq, change_id, kind, occurred_at, contact_id, client_id, user_id, version, data";

/// SQLite serializes writers: `seq` order is commit order, and `writer_xid` is always 0.
const PAGE_SQLITE: &str = "SELECT {COLUMNS}, writer_xid FROM directory_changes \
     WHERE tenant = $1 AND (writer_xid, seq) > ($2, $3) \
     ORDER BY writer_xid, seq LIMIT $4";

/// Only rows whose writer is below the snapshot's xmin: every such transaction has ended, so
/// no row can commit later with a position below the cursor handed out. `ORDER BY` names the
/// table's column: the bare name would be the output's `bigint` cast, sorted without the index.
const PAGE_POSTGRES: &str =
    "SELECT {COLUMNS}, writer_xid::text::bigint AS writer_xid FROM directory_changes \
     WHERE tenant = $1 AND (writer_xid, seq) > ($2::bigint::text::xid8, $3) \
       AND writer_xid < pg_snapshot_xmin(pg_current_snapshot()) \
     ORDER BY directory_changes.writer_xid, directory_changes.seq LIMIT $4";

/// Up to `query.limit + 1` changes after `query.after`, oldest first (the extra one says
/// whether there is more). A row is returned only once no row can commit before it.
pub async fn page(
    exec: Exec<'_>,
    tenant: Uuid,
    query: &ChangesQuery,
) -> Result<Vec<DirectoryChange>, DbError> {
    let template = match exec {
        Exec::PgPool(_) | Exec::PgConn(_) => PAGE_POSTGRES,
        Exec::SqlitePool(_) | Exec::SqliteConn(_) => PAGE_SQLITE,
    };
    let sql = template.replace("{COLUMNS}", CHANGE_COLUMNS);
    let rows = query_as!(
        exec,
        ChangeRow,
        fetch_all,
        &sql,
        tenant,
        query.after.writer_xid,
        query.after.seq,
        query.limit.saturating_add(1)
    )?;
    rows.into_iter().map(into_change).collect()
}

fn into_change(row: ChangeRow) -> Result<DirectoryChange, DbError> {
    let unreadable = |what: &str| {
        DbError::Sqlx(sqlx::Error::Decode(
            format!("directory change {}: unreadable {what}", row.change_id).into(),
        ))
    };
    let kind = ChangeKind::parse(&row.kind).ok_or_else(|| unreadable("kind"))?;
    let data = serde_json::from_str(&row.data).map_err(|_| unreadable("data"))?;
    Ok(DirectoryChange {
        change_id: row.change_id,
        seq: row.seq,
        kind,
        occurred_at: row.occurred_at,
        contact_id: row.contact_id,
        client_id: row.client_id,
        user_id: row.user_id,
        version: row.version,
        data,
        position: FeedCursor {
            writer_xid: row.writer_xid,
            seq: row.seq,
        },
    })
}

/// The subject of a user's `user_*` changes: their contact and its client (`None` for a user
/// without a contact, e.g. the MSP's own staff, who are not in the PSA's client directory).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserSubject {
    pub contact_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub email: String,
    pub is_inactive: bool,
}

/// The user's contact, client, email and whether they are inactive now.
pub async fn user_subject(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<UserSubject>, DbError> {
    Ok(query_as!(
        exec,
        UserSubject,
        fetch_optional,
        "SELECT u.contact_id, c.client_id, u.email, u.is_inactive FROM users u \
         LEFT JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.user_id = $2",
        tenant,
        user_id
    )?)
}

/// Records `user_deactivated`/`user_reactivated` when a contact's user changed state (`before`
/// is the user as read in the same transaction before the change); anything else records
/// nothing.
pub async fn record_user_activity(
    tx: &mut Tx,
    tenant: Uuid,
    user_id: Uuid,
    before: Option<UserSubject>,
    inactive: bool,
    now: DateTime<Utc>,
) -> Result<Option<Recorded>, DbError> {
    let Some(UserSubject {
        contact_id: Some(contact_id),
        client_id: Some(client_id),
        email,
        is_inactive,
    }) = before
    else {
        return Ok(None);
    };
    if is_inactive == inactive {
        return Ok(None);
    }
    let user = PortalUserRef {
        contact_id,
        client_id,
        user_id: Some(user_id),
        email: &email,
    };
    let change = NewChange::user_activity(user, inactive, now);
    record(tx, tenant, &change).await.map(Some)
}
