//! Directory SQL: the PSA's client companies and contacts (upserts guarded by `version`, reads
//! for the API) and the portal-user rows a contact's change reaches (sign-in email). Every
//! function takes the tenant first; only `directory::apply` calls these.

mod clients;
mod contacts;

pub use clients::*;
pub use contacts::*;

use uuid::Uuid;

use crate::db::{DbError, Exec};
use crate::execute;

/// Takes SQLite's write lock at the start of a transaction (a no-op write), so that a racing
/// writer waits for this one instead of failing on a read snapshot gone stale; on PostgreSQL
/// rows are locked as they are read (`FOR UPDATE`) and this does nothing.
pub async fn begin_writing(exec: Exec<'_>, tenant: Uuid) -> Result<(), DbError> {
    if matches!(exec, Exec::SqliteConn(_) | Exec::SqlitePool(_)) {
        execute!(
            exec,
            "UPDATE clients SET version = version WHERE tenant = $1 AND client_id = $2",
            tenant,
            Uuid::nil()
        )?;
    }
    Ok(())
}

/// ` FOR UPDATE` (of the table aliased `alias`) on PostgreSQL; nothing on SQLite, where the
/// whole database is already locked for writing by `begin_writing`.
fn for_update(exec: &Exec<'_>, alias: &str) -> String {
    match exec {
        Exec::PgConn(_) | Exec::PgPool(_) => format!(" FOR UPDATE OF {alias}"),
        Exec::SqliteConn(_) | Exec::SqlitePool(_) => String::new(),
    }
}
