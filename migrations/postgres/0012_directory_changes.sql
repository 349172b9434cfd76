-- The feed of portal-side directory changes the PSA pulls (`GET /integration/v1/changes`):
-- users invited, activated, deactivated and reactivated, role changes, profile and company
-- edits. `change_id` is the idempotent id the PSA dedupes on; `data` is JSON text (what changed,
-- new values; never a secret); `version` is the contact's (or client's) version after the change.
-- `writer_xid` is the writing transaction's id: the feed returns only rows whose writer is below
-- the snapshot's xmin (every such transaction has finished), ordered by (writer_xid, seq), so a
-- row committing late can never land behind a cursor already handed out.

CREATE TABLE directory_changes (
    seq          BIGSERIAL NOT NULL,
    change_id    UUID NOT NULL,
    tenant       UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    contact_id   UUID,
    client_id    UUID,
    user_id      UUID,
    data         TEXT NOT NULL,
    version      BIGINT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    writer_xid   xid8 NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (tenant, seq)
);
CREATE UNIQUE INDEX directory_changes_id ON directory_changes (tenant, change_id);
CREATE INDEX directory_changes_feed ON directory_changes (tenant, writer_xid, seq);
