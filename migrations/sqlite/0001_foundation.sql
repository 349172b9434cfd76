-- Foundation schema: tenants, clients, contacts, users, RBAC, sessions, audit.
-- Every tenant-owned table leads its primary key and foreign keys with `tenant`.

CREATE TABLE tenants (
    tenant      BLOB NOT NULL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

CREATE TABLE tenant_settings (
    tenant          BLOB NOT NULL PRIMARY KEY REFERENCES tenants (tenant) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    primary_color   TEXT NOT NULL,
    accent_color    TEXT NOT NULL,
    default_locale  TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Hosts that serve a tenant's portal directly (besides `?tenant=<slug>` on the canonical host).
CREATE TABLE tenant_hosts (
    tenant      BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    host        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (tenant, host)
);
CREATE UNIQUE INDEX tenant_hosts_host ON tenant_hosts (host);

CREATE TABLE clients (
    tenant       BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    client_id    BLOB NOT NULL,
    client_name  TEXT NOT NULL,
    is_inactive  BOOLEAN NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (tenant, client_id)
);

CREATE TABLE contacts (
    tenant           BLOB NOT NULL,
    contact_id       BLOB NOT NULL,
    client_id        BLOB NOT NULL,
    full_name        TEXT NOT NULL,
    email            TEXT NOT NULL,
    phone            TEXT,
    is_client_admin  BOOLEAN NOT NULL DEFAULT 0,
    is_inactive      BOOLEAN NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (tenant, contact_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE
);
CREATE INDEX contacts_client ON contacts (tenant, client_id);

CREATE TABLE users (
    tenant         BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    user_id        BLOB NOT NULL,
    email          TEXT NOT NULL,
    user_type      TEXT NOT NULL CHECK (user_type IN ('client', 'internal')),
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    contact_id     BLOB,
    password_hash  TEXT,
    is_inactive    BOOLEAN NOT NULL DEFAULT 0,
    last_login_at  TEXT,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (tenant, user_id),
    FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, contact_id)
);
CREATE UNIQUE INDEX users_email_type ON users (tenant, user_type, email);

CREATE TABLE roles (
    tenant       BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    role_id      BLOB NOT NULL,
    role_name    TEXT NOT NULL,
    description  TEXT NOT NULL,
    is_client    BOOLEAN NOT NULL,
    PRIMARY KEY (tenant, role_id)
);
CREATE UNIQUE INDEX roles_name ON roles (tenant, is_client, role_name);

CREATE TABLE permissions (
    tenant         BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    permission_id  BLOB NOT NULL,
    resource       TEXT NOT NULL,
    action         TEXT NOT NULL,
    PRIMARY KEY (tenant, permission_id)
);
CREATE UNIQUE INDEX permissions_resource_action ON permissions (tenant, resource, action);

CREATE TABLE role_permissions (
    tenant         BLOB NOT NULL,
    role_id        BLOB NOT NULL,
    permission_id  BLOB NOT NULL,
    PRIMARY KEY (tenant, role_id, permission_id),
    FOREIGN KEY (tenant, role_id) REFERENCES roles (tenant, role_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, permission_id) REFERENCES permissions (tenant, permission_id) ON DELETE CASCADE
);

CREATE TABLE user_roles (
    tenant   BLOB NOT NULL,
    user_id  BLOB NOT NULL,
    role_id  BLOB NOT NULL,
    PRIMARY KEY (tenant, user_id, role_id),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, role_id) REFERENCES roles (tenant, role_id) ON DELETE CASCADE
);

-- Opaque server-side sessions: only the SHA-256 of the cookie value is stored.
CREATE TABLE sessions (
    tenant          BLOB NOT NULL,
    token_hash      TEXT NOT NULL,
    user_id         BLOB NOT NULL,
    host            TEXT NOT NULL,
    auth_method     TEXT NOT NULL,
    previous_login_at TEXT,
    ip              TEXT,
    user_agent      TEXT,
    created_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    revoked_at      TEXT,
    revoked_reason  TEXT,
    PRIMARY KEY (tenant, token_hash),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE
);
CREATE INDEX sessions_token_hash ON sessions (token_hash);
CREATE INDEX sessions_user ON sessions (tenant, user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE audit_events (
    tenant       BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    event_id     BLOB NOT NULL,
    occurred_at  TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    reason       TEXT,
    user_id      BLOB,
    email        TEXT,
    ip           TEXT,
    user_agent   TEXT,
    details      TEXT,
    PRIMARY KEY (tenant, event_id)
);
CREATE INDEX audit_events_time ON audit_events (tenant, occurred_at);
