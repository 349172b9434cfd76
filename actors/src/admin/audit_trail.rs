//! Operators' reads of the audit trail: filtered pages, newest first, after a cursor.

pub use crate::store::audit::{AuditCursor, AuditEntry, AuditFilter};

use crate::db::{Db, DbError};

/// Up to `limit` events matching the filter, newest first.
pub async fn search_audit(
    db: &Db,
    filter: &AuditFilter,
    limit: i64,
) -> Result<Vec<AuditEntry>, DbError> {
    crate::store::audit::search(db, filter, limit).await
}
