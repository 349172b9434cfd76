-- A client user can change their sign-in email from their profile: a single-use link mailed to
-- the new address (`purpose = 'email_change'`, `email` = the new address) applies the change.
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt with the same columns.
CREATE TABLE account_tokens_new (
    tenant       BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL,
    purpose      TEXT NOT NULL CHECK (purpose IN ('password_reset', 'invitation', 'email_change')),
    user_id      BLOB,
    contact_id   BLOB,
    email        TEXT NOT NULL,
    created_by   TEXT,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    consumed_at  TEXT,
    PRIMARY KEY (tenant, token_hash)
);
INSERT INTO account_tokens_new (tenant, token_hash, purpose, user_id, contact_id, email,
    created_by, created_at, expires_at, consumed_at)
SELECT tenant, token_hash, purpose, user_id, contact_id, email, created_by, created_at,
    expires_at, consumed_at
FROM account_tokens;
DROP TABLE account_tokens;
ALTER TABLE account_tokens_new RENAME TO account_tokens;
CREATE INDEX account_tokens_token ON account_tokens (token_hash);
CREATE INDEX account_tokens_subject ON account_tokens (tenant, purpose, email);
CREATE INDEX account_tokens_expires ON account_tokens (expires_at);
-- The Profile page looks up the user's pending request on every view.
CREATE INDEX account_tokens_user ON account_tokens (tenant, purpose, user_id);
