//! The SQL of `portal backup` and `portal restore` (SQLite, the embedded database; PostgreSQL is
//! backed up with `pg_dump`): a consistent snapshot taken while the portal serves, and what a
//! restore asks of a database file before it replaces one — its schema version, whether it holds
//! data, whether it is sound, whether a server has it open. Each function opens a connection of
//! its own on the file it names (never a pooled one).

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use crate::db::DbError;

/// How long the snapshot waits on a database busy with writes before giving up.
const SNAPSHOT_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The migrations this binary applies to SQLite (its newest is the schema it understands).
static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

/// The newest SQLite migration this binary knows: a database past it comes from a newer portal
/// and is never migrated backwards.
pub fn latest_schema_version() -> i64 {
    SQLITE_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// The file a `sqlite://<path>` (or `sqlite:<path>`) URL names, without its `?options`; `None`
/// for any other URL (PostgreSQL).
pub fn sqlite_file(url: &str) -> Option<&Path> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next().unwrap_or(path);
    (!path.is_empty()).then(|| Path::new(path))
}

/// A connection to an existing database file (never creates one).
async fn open(file: &Path, busy: Duration, exclusive: bool) -> Result<SqliteConnection, DbError> {
    let mut options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(false)
        .busy_timeout(busy);
    if exclusive {
        options = options.locking_mode(SqliteLockingMode::Exclusive);
    }
    Ok(options.connect().await?)
}

/// Writes a consistent copy of `file` to `into` (which must not exist) with `VACUUM INTO`, on a
/// connection of its own: safe while the portal serves and writes.
pub async fn snapshot(file: &Path, into: &Path) -> Result<(), DbError> {
    let mut conn = open(file, SNAPSHOT_BUSY_TIMEOUT, false).await?;
    let target = into.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

/// What a restore needs to know of a database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatabaseFacts {
    /// The newest migration applied (0: none).
    pub schema_version: i64,
    /// How many tenants it holds (0: nothing worth keeping).
    pub tenants: i64,
}

async fn facts_on(conn: &mut SqliteConnection) -> Result<DatabaseFacts, DbError> {
    let has = |table: &'static str| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
        )
        .bind(table)
    };
    let schema_version = if has("_sqlx_migrations").fetch_one(&mut *conn).await? > 0 {
        sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE success",
        )
        .fetch_one(&mut *conn)
        .await?
        .unwrap_or(0)
    } else {
        0
    };
    let tenants = if has("tenants").fetch_one(&mut *conn).await? > 0 {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM tenants")
            .fetch_one(&mut *conn)
            .await?
    } else {
        0
    };
    Ok(DatabaseFacts {
        schema_version,
        tenants,
    })
}

/// Checks a database file restored from a backup: sound (`PRAGMA quick_check`), and its facts.
/// `Ok(Err(problem))` when SQLite finds it damaged.
pub async fn check_copy(file: &Path) -> Result<Result<DatabaseFacts, String>, DbError> {
    let mut conn = open(file, Duration::ZERO, true).await?;
    let verdict: Vec<String> = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_all(&mut conn)
        .await?;
    if verdict.iter().any(|line| line != "ok") {
        conn.close().await?;
        return Ok(Err(verdict.join("; ")));
    }
    let facts = facts_on(&mut conn).await?;
    conn.close().await?;
    Ok(Ok(facts))
}

/// A database file held exclusively: no server has it open, and none can start on it until
/// `release`.
pub struct ClaimedDatabase {
    conn: SqliteConnection,
    facts: DatabaseFacts,
}

impl std::fmt::Debug for ClaimedDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClaimedDatabase")
            .field("facts", &self.facts)
            .finish_non_exhaustive()
    }
}

impl ClaimedDatabase {
    pub fn facts(&self) -> DatabaseFacts {
        self.facts
    }

    /// Folds the write-ahead log into the file and closes it (SQLite then removes the log), so
    /// the file can be replaced without a stale log beside it.
    pub async fn release(mut self) -> Result<(), DbError> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut self.conn)
            .await?;
        self.conn.close().await?;
        Ok(())
    }
}

/// Takes `file` for a restore: `Ok(None)` when a running portal (any connection) has it open.
/// Every connection of a portal in WAL mode keeps a shared lock on the file, so an exclusive
/// lock is refused at once while one is open.
pub async fn claim(file: &Path) -> Result<Option<ClaimedDatabase>, DbError> {
    let mut conn = open(file, Duration::ZERO, true).await?;
    match sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if is_busy(e.code().as_deref()) => {
            conn.close().await?;
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    }
    let facts = facts_on(&mut conn).await;
    sqlx::query("ROLLBACK").execute(&mut conn).await?;
    Ok(Some(ClaimedDatabase {
        conn,
        facts: facts?,
    }))
}

/// SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes.
fn is_busy(code: Option<&str>) -> bool {
    code.and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| matches!(c & 0xff, 5 | 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file_and_others_none() {
        assert_eq!(
            sqlite_file("sqlite://data/portal.db"),
            Some(Path::new("data/portal.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:/tmp/x.db?mode=rwc"),
            Some(Path::new("/tmp/x.db"))
        );
        assert_eq!(sqlite_file("sqlite://"), None);
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
    }

    #[test]
    fn busy_and_locked_codes_are_recognised() {
        assert!(is_busy(Some("5")));
        assert!(is_busy(Some("517")));
        assert!(is_busy(Some("6")));
        assert!(!is_busy(Some("1")));
        assert!(!is_busy(None));
    }

    #[actix_rt::test]
    async fn a_snapshot_is_a_sound_copy_and_an_open_database_cannot_be_claimed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("portal.db");
        let url = format!("sqlite://{}", file.display());
        let db = crate::Db::connect(&url, 2).await.unwrap();
        db.migrate().await.unwrap();
        db.ping().await.unwrap();
        assert!(claim(&file).await.unwrap().is_none(), "open in a pool");

        let copy = dir.path().join("copy.db");
        snapshot(&file, &copy).await.unwrap();
        let facts = check_copy(&copy).await.unwrap().unwrap();
        assert_eq!(facts.schema_version, latest_schema_version());
        assert_eq!(facts.tenants, 0);

        db.close().await;
        let claimed = claim(&file).await.unwrap().expect("free once closed");
        assert_eq!(claimed.facts().schema_version, latest_schema_version());
        claimed.release().await.unwrap();
    }
}
