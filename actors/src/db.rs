//! `Db`: one enum over the SQLite and PostgreSQL pools, and macros that run the same SQL text
//! (with `$1..$n` binds) on either backend. Row structs derive `sqlx::FromRow`.

use std::cell::RefCell;
use std::future::Future;
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

/// How long a connection waits on a locked SQLite database before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for a free pooled connection.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database url `{0}` is not supported: use sqlite://<path> or postgres://…")]
    UnsupportedUrl(String),
    #[error("cannot create the database folder {path}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl DbError {
    /// Whether this is a unique-constraint violation (e.g. a duplicate email).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            DbError::Sqlx(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool on one of the two supported backends.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open transaction on one of the two backends.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// What the query macros run against: a pool or a transaction's connection.
pub enum Exec<'a> {
    SqlitePool(&'a SqlitePool),
    SqliteConn(&'a mut sqlx::SqliteConnection),
    PgPool(&'a PgPool),
    PgConn(&'a mut sqlx::PgConnection),
}

impl Db {
    /// Opens (and for SQLite creates) the database at `url` with up to `max_connections`.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbError> {
        Self::connect_with_timeout(url, max_connections, ACQUIRE_TIMEOUT).await
    }

    /// As `connect`, waiting at most `acquire_timeout` for a pooled connection (an unreachable
    /// database then fails a request within that time instead of holding it).
    pub async fn connect_with_timeout(
        url: &str,
        max_connections: u32,
        acquire_timeout: Duration,
    ) -> Result<Db, DbError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(acquire_timeout)
                .connect_with(options)
                .await?;
            return Ok(Db::Postgres(pool));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| DbError::UnsupportedUrl(url.to_owned()))?;
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() {
            return Err(DbError::UnsupportedUrl(url.to_owned()));
        }
        if let Some(parent) = Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|source| DbError::CreateDir {
                    path: parent.display().to_string(),
                    source,
                })?;
            }
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(SQLITE_BUSY_TIMEOUT)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(acquire_timeout)
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the pending migrations of this backend.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// A trivial round trip, for readiness checks.
    pub async fn ping(&self) -> Result<(), DbError> {
        crate::fetch_one_scalar!(self.exec(), i32, "SELECT 1")?;
        Ok(())
    }

    pub async fn begin(&self) -> Result<Tx, DbError> {
        Ok(match self {
            // IMMEDIATE: the write lock is taken up front (waiting out the busy timeout), so a
            // transaction that reads before it writes cannot fail with a busy snapshot when
            // another connection commits in between (a deferred BEGIN would).
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub fn exec(&self) -> Exec<'_> {
        match self {
            Db::Sqlite(pool) => Exec::SqlitePool(pool),
            Db::Postgres(pool) => Exec::PgPool(pool),
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub fn exec(&mut self) -> Exec<'_> {
        match self {
            Tx::Sqlite(tx) => Exec::SqliteConn(tx),
            Tx::Postgres(tx) => Exec::PgConn(tx),
        }
    }

    pub async fn commit(self) -> Result<(), DbError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// Undoes everything done in the transaction, at once (dropping it would do so later).
    pub async fn rollback(self) -> Result<(), DbError> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await?,
            Tx::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}

/// How many `record_statements` scopes are open, in any task: while none is, noting a
/// statement is one relaxed atomic load.
static RECORDING_SCOPES: AtomicUsize = AtomicUsize::new(0);

tokio::task_local! {
    /// The SQL texts issued by the task running inside `record_statements`.
    static RECORDED: RefCell<Vec<String>>;
}

/// Called by the query macros with the SQL text of each statement they run.
#[doc(hidden)]
#[inline]
pub fn note_statement(sql: &str) {
    if RECORDING_SCOPES.load(Ordering::Relaxed) > 0 {
        // Outside a recording task there is nothing to record into: that is not an error.
        let _ = RECORDED.try_with(|recorded| recorded.borrow_mut().push(sql.to_owned()));
    }
}

/// Runs `work` and returns, beside its output, the SQL text of every statement it ran through
/// the query macros and `Db`'s run-time queries, in order (tests compare the work done by two
/// paths this way). Statements run by other tasks (actors, other requests) are not recorded.
pub async fn record_statements<F: Future>(work: F) -> (F::Output, Vec<String>) {
    /// Closes the scope even when `work` panics or is dropped half-way.
    struct Open;
    impl Drop for Open {
        fn drop(&mut self) {
            RECORDING_SCOPES.fetch_sub(1, Ordering::Relaxed);
        }
    }
    RECORDING_SCOPES.fetch_add(1, Ordering::Relaxed);
    let _open = Open;
    RECORDED
        .scope(RefCell::new(Vec::new()), async move {
            let output = work.await;
            let statements = RECORDED.with(|recorded| recorded.take());
            (output, statements)
        })
        .await
}

/// Runs `$method` of `sqlx::query_as::<_, $row>` with the binds on an `Exec`.
#[macro_export]
macro_rules! query_as {
    ($exec:expr, $row:ty, $method:ident, $sql:expr $(, $arg:expr)* $(,)?) => {{
        let sql: &str = $sql;
        $crate::db::note_statement(sql);
        match $exec {
            $crate::db::Exec::SqlitePool(e) => sqlx::query_as::<_, $row>(sql)$(.bind($arg))*.$method(e).await,
            $crate::db::Exec::SqliteConn(e) => sqlx::query_as::<_, $row>(sql)$(.bind($arg))*.$method(&mut *e).await,
            $crate::db::Exec::PgPool(e) => sqlx::query_as::<_, $row>(sql)$(.bind($arg))*.$method(e).await,
            $crate::db::Exec::PgConn(e) => sqlx::query_as::<_, $row>(sql)$(.bind($arg))*.$method(&mut *e).await,
        }
    }};
}

/// Fetches one scalar column of one row.
#[macro_export]
macro_rules! fetch_one_scalar {
    ($exec:expr, $ty:ty, $sql:expr $(, $arg:expr)* $(,)?) => {{
        let sql: &str = $sql;
        $crate::db::note_statement(sql);
        match $exec {
            $crate::db::Exec::SqlitePool(e) => sqlx::query_scalar::<_, $ty>(sql)$(.bind($arg))*.fetch_one(e).await,
            $crate::db::Exec::SqliteConn(e) => sqlx::query_scalar::<_, $ty>(sql)$(.bind($arg))*.fetch_one(&mut *e).await,
            $crate::db::Exec::PgPool(e) => sqlx::query_scalar::<_, $ty>(sql)$(.bind($arg))*.fetch_one(e).await,
            $crate::db::Exec::PgConn(e) => sqlx::query_scalar::<_, $ty>(sql)$(.bind($arg))*.fetch_one(&mut *e).await,
        }
    }};
}

/// Executes a statement and yields the number of rows it affected.
#[macro_export]
macro_rules! execute {
    ($exec:expr, $sql:expr $(, $arg:expr)* $(,)?) => {{
        let sql: &str = $sql;
        $crate::db::note_statement(sql);
        match $exec {
            $crate::db::Exec::SqlitePool(e) => sqlx::query(sql)$(.bind($arg))*.execute(e).await.map(|r| r.rows_affected()),
            $crate::db::Exec::SqliteConn(e) => sqlx::query(sql)$(.bind($arg))*.execute(&mut *e).await.map(|r| r.rows_affected()),
            $crate::db::Exec::PgPool(e) => sqlx::query(sql)$(.bind($arg))*.execute(e).await.map(|r| r.rows_affected()),
            $crate::db::Exec::PgConn(e) => sqlx::query(sql)$(.bind($arg))*.execute(&mut *e).await.map(|r| r.rows_affected()),
        }
    }};
}

/// A bind value of a query whose conditions are chosen at run time (list filters).
#[derive(Debug, Clone)]
pub enum Arg {
    Uuid(uuid::Uuid),
    Text(String),
    Int(i64),
    Date(chrono::NaiveDate),
}

macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Uuid(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.clone()),
                Arg::Int(v) => query.bind(*v),
                Arg::Date(v) => query.bind(*v),
            };
        }
        query
    }};
}

impl Db {
    /// Runs a query built at run time with `$1..$n` binds taken from `args` in order.
    pub async fn fetch_all_with<R>(&self, sql: &str, args: &[Arg]) -> Result<Vec<R>, DbError>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        note_statement(sql);
        Ok(match self {
            Db::Sqlite(pool) => {
                bind_args!(sqlx::query_as::<_, R>(sql), args)
                    .fetch_all(pool)
                    .await?
            }
            Db::Postgres(pool) => {
                bind_args!(sqlx::query_as::<_, R>(sql), args)
                    .fetch_all(pool)
                    .await?
            }
        })
    }

    /// Runs a run-time built query that yields one integer (a count).
    pub async fn fetch_count_with(&self, sql: &str, args: &[Arg]) -> Result<i64, DbError> {
        note_statement(sql);
        Ok(match self {
            Db::Sqlite(pool) => {
                bind_args!(sqlx::query_scalar::<_, i64>(sql), args)
                    .fetch_one(pool)
                    .await?
            }
            Db::Postgres(pool) => {
                bind_args!(sqlx::query_scalar::<_, i64>(sql), args)
                    .fetch_one(pool)
                    .await?
            }
        })
    }
}
