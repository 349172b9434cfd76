-- What happened in a client company that its people should hear of: MSP replies and status
-- changes on tickets, finalized invoices, payments, project status changes, accepted
-- invitations. Written in the same transaction as the change itself, so the dashboard's
-- "Recent activity" and the notification emails read one source and miss nothing.
CREATE TABLE activity (
    tenant          BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    activity_id     BLOB NOT NULL,
    client_id       BLOB NOT NULL,
    -- ticket_reply | ticket_status | invoice_finalized | payment_received | project_status
    -- | invitation_accepted
    kind            TEXT NOT NULL,
    -- The ticket, invoice, project or (invitation_accepted) new user the event is about.
    subject_id      BLOB NOT NULL,
    -- The comment (ticket_reply) or payment (payment_received), when there is one.
    item_id         BLOB,
    -- Ticket, invoice or project number; the new member's email.
    reference       TEXT NOT NULL,
    -- Ticket title, project name, the new member's name.
    title           TEXT NOT NULL,
    -- Status name, reply author, payment method.
    detail          TEXT NOT NULL DEFAULT '',
    amount_minor    INTEGER,
    currency        TEXT,
    -- ticket_status: the new status closes the ticket.
    closes          BOOLEAN NOT NULL DEFAULT 0,
    -- invitation_accepted: the client admin who invited.
    for_user_id     BLOB,
    occurred_at     TEXT NOT NULL,
    -- When the notifier handled it (set at once for kinds that send no email).
    notified_at     TEXT,
    PRIMARY KEY (tenant, activity_id)
);
CREATE INDEX activity_client ON activity (tenant, client_id, occurred_at);
CREATE INDEX activity_unnotified ON activity (occurred_at) WHERE notified_at IS NULL;

-- The MSP's replies on one ticket to one person: the first is emailed at once and opens a
-- window; replies within it are gathered into one follow-up email, sent when it closes.
CREATE TABLE reply_notices (
    tenant              BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    ticket_id           BLOB NOT NULL,
    user_id             BLOB NOT NULL,
    window_started_at   TEXT NOT NULL,
    window_ends_at      TEXT NOT NULL,
    first_comment_id    BLOB NOT NULL,
    followup_message_id BLOB,
    PRIMARY KEY (tenant, ticket_id, user_id)
);

-- Notification emails answer to the MSP's help desk and can be unsubscribed in one click.
ALTER TABLE outbox ADD COLUMN reply_to TEXT;
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;

-- The MSP's support address: the Reply-To of notification emails.
ALTER TABLE tenant_settings ADD COLUMN support_email TEXT;
