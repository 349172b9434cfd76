-- What happened in a client company that its people should hear of: MSP replies and status
-- changes on tickets, finalized invoices, payments, project status changes, accepted
-- invitations. Written in the same transaction as the change itself, so the dashboard's
-- "Recent activity" and the notification emails read one source and miss nothing.
CREATE TABLE activity (
    tenant          UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    activity_id     UUID NOT NULL,
    client_id       UUID NOT NULL,
    -- ticket_reply | ticket_status | invoice_finalized | payment_received | project_status
    -- | invitation_accepted
    kind            TEXT NOT NULL,
    -- The ticket, invoice, project or (invitation_accepted) new user the event is about.
    subject_id      UUID NOT NULL,
    -- The comment (ticket_reply) or payment (payment_received), when there is one.
    item_id         UUID,
    -- Ticket, invoice or project number; the new member's email.
    reference       TEXT NOT NULL,
    -- Ticket title, project name, the new member's name.
    title           TEXT NOT NULL,
    -- Status name, reply author, payment method.
    detail          TEXT NOT NULL DEFAULT '',
    amount_minor    BIGINT,
    currency        TEXT,
    -- ticket_status: the new status closes the ticket.
    closes          BOOLEAN NOT NULL DEFAULT FALSE,
    -- invitation_accepted: the client admin who invited.
    for_user_id     UUID,
    occurred_at     TIMESTAMPTZ NOT NULL,
    -- When the notifier handled it (set at once for kinds that send no email).
    notified_at     TIMESTAMPTZ,
    PRIMARY KEY (tenant, activity_id)
);
CREATE INDEX activity_client ON activity (tenant, client_id, occurred_at);
CREATE INDEX activity_unnotified ON activity (occurred_at) WHERE notified_at IS NULL;

-- The MSP's replies on one ticket to one person: the first is emailed at once and opens a
-- window; replies within it are gathered into one follow-up email, sent when it closes.
CREATE TABLE reply_notices (
    tenant              UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    ticket_id           UUID NOT NULL,
    user_id             UUID NOT NULL,
    window_started_at   TIMESTAMPTZ NOT NULL,
    window_ends_at      TIMESTAMPTZ NOT NULL,
    first_comment_id    UUID NOT NULL,
    followup_message_id UUID,
    PRIMARY KEY (tenant, ticket_id, user_id)
);

-- Notification emails answer to the MSP's help desk and can be unsubscribed in one click.
ALTER TABLE outbox ADD COLUMN reply_to TEXT;
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;

-- The MSP's support address: the Reply-To of notification emails.
ALTER TABLE tenant_settings ADD COLUMN support_email TEXT;
