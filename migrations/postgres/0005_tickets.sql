-- Support tickets: boards with their statuses, priorities and categories; tickets with their
-- conversation and attachments; per-contact ticket scope and board visibility groups; and the
-- per-tenant tokens of the integration API that feeds all of it from the MSP's PSA.
-- Ids are chosen by the PSA (upserts are idempotent); every key leads with `tenant`.

CREATE TABLE ticket_boards (
    tenant         UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    board_id       UUID NOT NULL,
    name           TEXT NOT NULL,
    is_default     BOOLEAN NOT NULL DEFAULT FALSE,
    is_inactive    BOOLEAN NOT NULL DEFAULT FALSE,
    display_order  BIGINT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, board_id)
);

CREATE TABLE ticket_statuses (
    tenant         UUID NOT NULL,
    status_id      UUID NOT NULL,
    board_id       UUID NOT NULL,
    name           TEXT NOT NULL,
    is_closed      BOOLEAN NOT NULL DEFAULT FALSE,
    is_default     BOOLEAN NOT NULL DEFAULT FALSE,
    display_order  BIGINT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, status_id),
    FOREIGN KEY (tenant, board_id) REFERENCES ticket_boards (tenant, board_id) ON DELETE CASCADE
);
CREATE INDEX ticket_statuses_board ON ticket_statuses (tenant, board_id);

-- `board_id` NULL: offered on every board.
CREATE TABLE ticket_priorities (
    tenant         UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    priority_id    UUID NOT NULL,
    board_id       UUID,
    name           TEXT NOT NULL,
    color          TEXT NOT NULL,
    display_order  BIGINT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, priority_id),
    FOREIGN KEY (tenant, board_id) REFERENCES ticket_boards (tenant, board_id) ON DELETE CASCADE
);

CREATE TABLE ticket_categories (
    tenant         UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    category_id    UUID NOT NULL,
    board_id       UUID,
    name           TEXT NOT NULL,
    display_order  BIGINT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, category_id),
    FOREIGN KEY (tenant, board_id) REFERENCES ticket_boards (tenant, board_id) ON DELETE CASCADE
);

-- A visibility group limits which boards its contacts see (no group: every active board).
CREATE TABLE ticket_visibility_groups (
    tenant      UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    group_id    UUID NOT NULL,
    name        TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, group_id)
);

CREATE TABLE ticket_visibility_group_boards (
    tenant    UUID NOT NULL,
    group_id  UUID NOT NULL,
    board_id  UUID NOT NULL,
    PRIMARY KEY (tenant, group_id, board_id),
    FOREIGN KEY (tenant, group_id) REFERENCES ticket_visibility_groups (tenant, group_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, board_id) REFERENCES ticket_boards (tenant, board_id) ON DELETE CASCADE
);

-- `client`: the contact sees all of the company's tickets; `contact`: only their own.
ALTER TABLE contacts ADD COLUMN ticket_scope TEXT NOT NULL DEFAULT 'client'
    CHECK (ticket_scope IN ('client', 'contact'));
ALTER TABLE contacts ADD COLUMN ticket_visibility_group UUID;

-- Numbers for tickets raised in the portal (`{prefix}{next_number}`), handed out atomically.
CREATE TABLE ticket_number_counters (
    tenant       UUID NOT NULL PRIMARY KEY REFERENCES tenants (tenant) ON DELETE CASCADE,
    next_number  BIGINT NOT NULL
);

-- `closed_at` is set exactly when the status is a closed one (open/closed filters use it).
CREATE TABLE tickets (
    tenant          UUID NOT NULL,
    ticket_id       UUID NOT NULL,
    ticket_number   TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    board_id        UUID NOT NULL,
    status_id       UUID NOT NULL,
    priority_id     UUID NOT NULL,
    category_id     UUID,
    client_id       UUID NOT NULL,
    contact_id      UUID,
    assignee_name   TEXT,
    response_state  TEXT CHECK (response_state IN ('awaiting_client', 'awaiting_internal')),
    source          TEXT NOT NULL CHECK (source IN ('portal', 'integration')),
    entered_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    closed_at       TIMESTAMPTZ,
    due_at          TIMESTAMPTZ,
    PRIMARY KEY (tenant, ticket_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, contact_id),
    FOREIGN KEY (tenant, board_id) REFERENCES ticket_boards (tenant, board_id),
    FOREIGN KEY (tenant, status_id) REFERENCES ticket_statuses (tenant, status_id),
    FOREIGN KEY (tenant, priority_id) REFERENCES ticket_priorities (tenant, priority_id),
    FOREIGN KEY (tenant, category_id) REFERENCES ticket_categories (tenant, category_id)
);
CREATE UNIQUE INDEX tickets_number ON tickets (tenant, ticket_number);
-- The list's default order (last update, then id) within a company, within one contact's own
-- tickets, within one status, and among open or closed ones: each filter reads its page
-- straight off an index.
CREATE INDEX tickets_client_updated ON tickets (tenant, client_id, updated_at, ticket_id);
CREATE INDEX tickets_client_contact_updated
    ON tickets (tenant, client_id, contact_id, updated_at, ticket_id);
CREATE INDEX tickets_client_status_updated
    ON tickets (tenant, client_id, status_id, updated_at, ticket_id);
CREATE INDEX tickets_client_open_updated
    ON tickets (tenant, client_id, closed_at, updated_at, ticket_id);
-- The integration API's "changed since" feed.
CREATE INDEX tickets_updated ON tickets (tenant, updated_at);

CREATE TABLE ticket_comments (
    tenant          UUID NOT NULL,
    comment_id      UUID NOT NULL,
    ticket_id       UUID NOT NULL,
    author_type     TEXT NOT NULL CHECK (author_type IN ('client', 'internal')),
    author_user_id  UUID,
    author_name     TEXT NOT NULL,
    is_internal     BOOLEAN NOT NULL DEFAULT FALSE,
    body            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    edited_at       TIMESTAMPTZ,
    PRIMARY KEY (tenant, comment_id),
    FOREIGN KEY (tenant, ticket_id) REFERENCES tickets (tenant, ticket_id) ON DELETE CASCADE
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (tenant, ticket_id, created_at);

-- Contents live in the attachment store under their SHA-256 (`content_hash`).
CREATE TABLE ticket_attachments (
    tenant               UUID NOT NULL,
    attachment_id        UUID NOT NULL,
    ticket_id            UUID NOT NULL,
    file_name            TEXT NOT NULL,
    size_bytes           BIGINT NOT NULL,
    content_type         TEXT NOT NULL,
    content_hash         TEXT NOT NULL,
    is_client_visible    BOOLEAN NOT NULL DEFAULT TRUE,
    uploaded_by_type     TEXT NOT NULL CHECK (uploaded_by_type IN ('client', 'internal')),
    uploaded_by_user_id  UUID,
    uploaded_by_name     TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, attachment_id),
    FOREIGN KEY (tenant, ticket_id) REFERENCES tickets (tenant, ticket_id) ON DELETE CASCADE
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (tenant, ticket_id, created_at);

-- Bearer tokens of the integration API, one tenant each (only the SHA-256 is stored).
CREATE TABLE integration_tokens (
    tenant        UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    token_id      UUID NOT NULL,
    token_hash    TEXT NOT NULL,
    name          TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    PRIMARY KEY (tenant, token_id)
);
CREATE UNIQUE INDEX integration_tokens_hash ON integration_tokens (token_hash);
