//! Directory SQL: the PSA's client companies and contacts (upserts guarded by `version`, reads
//! for the API) and the portal-user rows a contact's change reaches (sign-in email). Every
//! function takes the tenant first; only `directory::apply` calls these.

mod clients;
mod contacts;

pub use clients::*;
pub use contacts::*;

use crate::db::Exec;

/// ` FOR UPDATE` (of the table aliased `alias`) on PostgreSQL; nothing on SQLite, where the
/// whole database is already locked for writing (`Db::begin` issues `BEGIN IMMEDIATE`).
pub(crate) fn for_update(exec: &Exec<'_>, alias: &str) -> String {
    match exec {
        Exec::PgConn(_) | Exec::PgPool(_) => format!(" FOR UPDATE OF {alias}"),
        Exec::SqliteConn(_) | Exec::SqlitePool(_) => String::new(),
    }
}
