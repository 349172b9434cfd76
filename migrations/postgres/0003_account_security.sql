-- Account security: two-factor, recovery codes, emailed single-use tokens (reset, invitation),
-- pending sign-ins awaiting a second factor, shared brute-force counters and the mail outbox.

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at TIMESTAMPTZ;
-- The highest TOTP time step accepted: a code is good at most once, on every instance.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN locale TEXT;
ALTER TABLE tenant_settings ADD COLUMN require_two_factor BOOLEAN NOT NULL DEFAULT FALSE;

-- Only the SHA-256 of each recovery code is stored.
CREATE TABLE user_recovery_codes (
    tenant      UUID NOT NULL,
    user_id     UUID NOT NULL,
    code_hash   TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    PRIMARY KEY (tenant, user_id, code_hash),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE
);

-- Emailed single-use links; consumed by one atomic UPDATE … RETURNING.
CREATE TABLE account_tokens (
    tenant       UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL,
    purpose      TEXT NOT NULL CHECK (purpose IN ('password_reset', 'invitation')),
    user_id      UUID,
    contact_id   UUID,
    email        TEXT NOT NULL,
    created_by   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    consumed_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant, token_hash)
);
CREATE INDEX account_tokens_token ON account_tokens (token_hash);
CREATE INDEX account_tokens_subject ON account_tokens (tenant, purpose, email);
CREATE INDEX account_tokens_expires ON account_tokens (expires_at);

-- A password that was right, with the second factor (or its enrollment) still due. Not a session.
CREATE TABLE sign_in_challenges (
    tenant          UUID NOT NULL,
    token_hash      TEXT NOT NULL,
    user_id         UUID NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('verify', 'enroll')),
    auth_method     TEXT NOT NULL,
    return_path     TEXT NOT NULL,
    handoff_domain  TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    consumed_at     TIMESTAMPTZ,
    PRIMARY KEY (tenant, token_hash),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE
);
CREATE INDEX sign_in_challenges_token ON sign_in_challenges (token_hash);
CREATE INDEX sign_in_challenges_expires ON sign_in_challenges (expires_at);

-- Counted events for the LoginThrottle (failed sign-ins, reset and discovery requests), shared
-- by every instance; `scope` says which limit they count against.
CREATE TABLE throttle_events (
    tenant       UUID NOT NULL,
    event_id     UUID NOT NULL,
    scope        TEXT NOT NULL,
    email        TEXT NOT NULL,
    ip           TEXT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, event_id)
);
CREATE INDEX throttle_events_account ON throttle_events (tenant, scope, email, occurred_at);
CREATE INDEX throttle_events_ip ON throttle_events (scope, ip, occurred_at);
CREATE INDEX throttle_events_time ON throttle_events (occurred_at);

-- Emails are written here in the transaction that causes them; the Mailer delivers them.
CREATE TABLE outbox (
    tenant           UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    message_id       UUID NOT NULL,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    last_error       TEXT,
    PRIMARY KEY (tenant, message_id)
);
CREATE INDEX outbox_due ON outbox (sent_at, failed_at, next_attempt_at);
