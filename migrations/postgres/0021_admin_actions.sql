-- What operators did through the admin API and the command line: one row per action (sweeps,
-- flushes, restarts, settings, revocations), global work included, so no tenant foreign key.
-- `tenant` is the tenant acted on when there is one; `details` is JSON with what it did
-- (rows swept, sessions revoked, the error code of a refusal). `seq` orders actions recorded
-- within one clock tick.
CREATE TABLE admin_actions (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_id    UUID NOT NULL UNIQUE,
    occurred_at  TIMESTAMPTZ NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT,
    tenant       UUID,
    source       TEXT NOT NULL CHECK (source IN ('api', 'cli')),
    outcome      TEXT NOT NULL,
    details      TEXT
);
CREATE INDEX admin_actions_time ON admin_actions (occurred_at);
CREATE INDEX admin_actions_action ON admin_actions (action, occurred_at, seq);

-- Retention sweeps delete by age across tenants.
CREATE INDEX audit_events_age ON audit_events (occurred_at);
CREATE INDEX outbox_sent_age ON outbox (sent_at);
CREATE INDEX outbox_failed_age ON outbox (failed_at);
