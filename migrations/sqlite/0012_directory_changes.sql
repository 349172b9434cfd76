-- The feed of portal-side directory changes the PSA pulls (`GET /integration/v1/changes`):
-- users invited, activated, deactivated and reactivated, role changes, profile and company
-- edits. `change_id` is the idempotent id the PSA dedupes on; `data` is JSON text (what changed,
-- new values; never a secret); `version` is the contact's (or client's) version after the change.
-- SQLite serializes writers, so `seq` order is commit order and `writer_xid` is always 0; on
-- PostgreSQL it is the writing transaction's id, which the feed's watermark reads.

CREATE TABLE directory_changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    change_id    BLOB NOT NULL,
    tenant       BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    contact_id   BLOB,
    client_id    BLOB,
    user_id      BLOB,
    data         TEXT NOT NULL,
    version      INTEGER NOT NULL,
    occurred_at  TEXT NOT NULL,
    writer_xid   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX directory_changes_id ON directory_changes (tenant, change_id);
CREATE INDEX directory_changes_feed ON directory_changes (tenant, writer_xid, seq);
