-- Vanity domains (one per tenant) and the one-time transfer tokens that hand a session over to them.

CREATE TABLE portal_domains (
    tenant           UUID NOT NULL PRIMARY KEY REFERENCES tenants (tenant) ON DELETE CASCADE,
    domain           TEXT NOT NULL,
    canonical_host   TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending_dns', 'verifying_dns', 'dns_failed',
                         'pending_certificate', 'certificate_issuing', 'certificate_failed',
                         'deploying', 'active', 'disabled')),
    status_message   TEXT,
    last_checked_at  TIMESTAMPTZ,
    expected_cname   TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX portal_domains_domain ON portal_domains (domain);
CREATE INDEX portal_domains_status ON portal_domains (status);

-- Only the SHA-256 of a token is stored; consumption is one atomic UPDATE … RETURNING.
CREATE TABLE portal_domain_session_otts (
    tenant         UUID NOT NULL,
    token_hash     TEXT NOT NULL,
    domain         TEXT NOT NULL,
    user_id        UUID NOT NULL,
    user_snapshot  TEXT NOT NULL,
    return_path    TEXT NOT NULL,
    auth_method    TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    consumed_at    TIMESTAMPTZ,
    PRIMARY KEY (tenant, token_hash),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE
);
CREATE INDEX portal_domain_session_otts_token ON portal_domain_session_otts (token_hash);
CREATE INDEX portal_domain_session_otts_expires ON portal_domain_session_otts (expires_at);
CREATE INDEX portal_domain_session_otts_consumed ON portal_domain_session_otts (consumed_at);
