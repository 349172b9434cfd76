-- Single sign-on: per-tenant OpenID Connect providers, linked identities (issuer, subject) and
-- sign-ins in flight (state, nonce, PKCE verifier) awaiting the provider's callback.

-- `provider` is the slug in URLs (`/auth/client-portal/sso/{provider}`); the client secret is
-- sealed with the portal's encryption key (AAD = tenant + provider).
CREATE TABLE sso_providers (
    tenant           BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('google', 'keycloak')),
    display_name     TEXT NOT NULL,
    issuer           TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    client_secret    TEXT NOT NULL,
    -- Lower-case email domains separated by spaces; empty means any.
    allowed_domains  TEXT NOT NULL DEFAULT '',
    enabled          BOOLEAN NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (tenant, provider)
);

-- "SSO only" hides the password form; just-in-time provisioning creates a user for an existing
-- contact of one of the tenant's clients at their first SSO sign-in.
ALTER TABLE tenant_settings ADD COLUMN sso_only BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE tenant_settings ADD COLUMN sso_jit_provisioning BOOLEAN NOT NULL DEFAULT 0;

-- An identity at a provider is (issuer, subject); linked to one user of the tenant.
CREATE TABLE user_identities (
    tenant        BLOB NOT NULL,
    issuer        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    user_id       BLOB NOT NULL,
    provider      TEXT NOT NULL,
    email         TEXT NOT NULL,
    linked_at     TEXT NOT NULL,
    last_used_at  TEXT NOT NULL,
    PRIMARY KEY (tenant, issuer, subject),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE
);
CREATE INDEX user_identities_user ON user_identities (tenant, user_id);

-- A sign-in sent to a provider: `state` (only its SHA-256 kept; the browser holds it in a
-- cookie too), the nonce and the sealed PKCE verifier. Consumed once by an atomic UPDATE.
CREATE TABLE sso_flows (
    tenant          BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    state_hash      TEXT NOT NULL,
    provider        TEXT NOT NULL,
    nonce           TEXT NOT NULL,
    pkce_verifier   TEXT NOT NULL,
    redirect_uri    TEXT NOT NULL,
    return_path     TEXT NOT NULL,
    handoff_domain  TEXT,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    consumed_at     TEXT,
    PRIMARY KEY (tenant, state_hash)
);
CREATE INDEX sso_flows_state ON sso_flows (state_hash);
CREATE INDEX sso_flows_expires ON sso_flows (expires_at);
