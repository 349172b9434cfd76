-- Billing as the MSP's PSA sends it: invoices with their lines, payments, contracts and contract
-- lines, a credit ledger, metered usage, prepaid hour blocks and their use, billable time. Ids are
-- the PSA's; every key leads with `tenant`. Clients read it with `billing:read` (Admin and
-- Finance), which every tenant already has.

-- Invoices the MSP's PSA finalizes for a client. Amounts are integers in the currency's minor unit
-- (cents; yen are whole; dinars thousandths). `status`: draft (never shown to clients), finalized,
-- void. Whether a finalized invoice is paid, partly paid, overdue or open is derived from its
-- payments, credit applied and due date, not stored. `pdf_*`: the PSA's own PDF, in the
-- attachment store, when it supplied one.
CREATE TABLE invoices (
    tenant                BLOB NOT NULL,
    invoice_id            BLOB NOT NULL,
    client_id             BLOB NOT NULL,
    invoice_number        TEXT NOT NULL,
    invoice_type          TEXT NOT NULL DEFAULT 'invoice',
    currency              TEXT NOT NULL,
    issue_date            TEXT NOT NULL,
    due_date              TEXT,
    period_start          TEXT,
    period_end            TEXT,
    subtotal_minor        INTEGER NOT NULL DEFAULT 0,
    tax_minor             INTEGER NOT NULL DEFAULT 0,
    total_minor           INTEGER NOT NULL DEFAULT 0,
    credit_applied_minor  INTEGER NOT NULL DEFAULT 0,
    status                TEXT NOT NULL DEFAULT 'draft',
    finalized_at          TEXT,
    voided_at             TEXT,
    payment_url           TEXT,
    notes                 TEXT NOT NULL DEFAULT '',
    pdf_content_hash      TEXT,
    pdf_size_bytes        INTEGER,
    pdf_uploaded_at       TEXT,
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    PRIMARY KEY (tenant, invoice_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    CHECK (invoice_type IN ('invoice', 'credit_note', 'prepayment')),
    CHECK (status IN ('draft', 'finalized', 'void'))
);
CREATE UNIQUE INDEX invoices_number ON invoices (tenant, invoice_number);
CREATE INDEX invoices_client_issued ON invoices (tenant, client_id, issue_date);
CREATE INDEX invoices_client_due ON invoices (tenant, client_id, due_date);
-- The activity list and the "new invoice" email read invoices by when they were finalized.
CREATE INDEX invoices_finalized ON invoices (tenant, finalized_at);

-- An invoice's lines in order. `quantity_milli`: thousandths (1.5 hours is 1500).
CREATE TABLE invoice_lines (
    tenant            BLOB NOT NULL,
    line_id           BLOB NOT NULL,
    invoice_id        BLOB NOT NULL,
    display_order     INTEGER NOT NULL DEFAULT 0,
    service_name      TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    quantity_milli    INTEGER NOT NULL DEFAULT 1000,
    unit_price_minor  INTEGER NOT NULL DEFAULT 0,
    tax_minor         INTEGER NOT NULL DEFAULT 0,
    total_minor       INTEGER NOT NULL DEFAULT 0,
    period_start      TEXT,
    period_end        TEXT,
    PRIMARY KEY (tenant, line_id),
    FOREIGN KEY (tenant, invoice_id) REFERENCES invoices (tenant, invoice_id) ON DELETE CASCADE
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (tenant, invoice_id, display_order);

-- Payments a client made, usually against one invoice. `status`: succeeded, pending, failed,
-- refunded; only succeeded ones count towards an invoice. `received_at` is indexed for the
-- activity list.
CREATE TABLE payments (
    tenant        BLOB NOT NULL,
    payment_id    BLOB NOT NULL,
    client_id     BLOB NOT NULL,
    invoice_id    BLOB,
    amount_minor  INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    paid_on       TEXT NOT NULL,
    method        TEXT NOT NULL DEFAULT '',
    reference     TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'succeeded',
    received_at   TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant, payment_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, invoice_id) REFERENCES invoices (tenant, invoice_id),
    CHECK (status IN ('succeeded', 'pending', 'failed', 'refunded')),
    CHECK (amount_minor >= 0)
);
CREATE INDEX payments_invoice ON payments (tenant, invoice_id);
CREATE INDEX payments_client_paid ON payments (tenant, client_id, paid_on);
CREATE INDEX payments_received ON payments (tenant, received_at);

-- A client's contracts and, below, their lines (what the client is billed for, how often).
CREATE TABLE contracts (
    tenant       BLOB NOT NULL,
    contract_id  BLOB NOT NULL,
    client_id    BLOB NOT NULL,
    name         TEXT NOT NULL,
    start_date   TEXT,
    end_date     TEXT,
    is_active    BOOLEAN NOT NULL DEFAULT 1,
    version      INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (tenant, contract_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE
);
CREATE INDEX contracts_client ON contracts (tenant, client_id);

-- `billing_frequency`: weekly, monthly, quarterly, semiannually, annually, one_time, usage.
CREATE TABLE contract_lines (
    tenant             BLOB NOT NULL,
    line_id            BLOB NOT NULL,
    contract_id        BLOB NOT NULL,
    display_order      INTEGER NOT NULL DEFAULT 0,
    name               TEXT NOT NULL,
    billing_frequency  TEXT NOT NULL DEFAULT 'monthly',
    rate_minor         INTEGER NOT NULL DEFAULT 0,
    currency           TEXT NOT NULL,
    quantity_milli     INTEGER NOT NULL DEFAULT 1000,
    service_category   TEXT NOT NULL DEFAULT '',
    start_date         TEXT,
    end_date           TEXT,
    PRIMARY KEY (tenant, line_id),
    FOREIGN KEY (tenant, contract_id) REFERENCES contracts (tenant, contract_id) ON DELETE CASCADE
);
CREATE INDEX contract_lines_contract ON contract_lines (tenant, contract_id, display_order);

-- A client's credit as a ledger: `issued` adds, `applied` and `expired` take away (amounts are
-- positive; the kind gives the sign). `expires_on` on issued credit.
CREATE TABLE credit_entries (
    tenant        BLOB NOT NULL,
    entry_id      BLOB NOT NULL,
    client_id     BLOB NOT NULL,
    kind          TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    occurred_on   TEXT NOT NULL,
    expires_on    TEXT,
    invoice_id    BLOB,
    description   TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant, entry_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    CHECK (kind IN ('issued', 'applied', 'expired')),
    CHECK (amount_minor >= 0)
);
CREATE INDEX credit_entries_client ON credit_entries (tenant, client_id, occurred_on);

-- Metered usage (per service and unit: licences, GB, devices, …).
CREATE TABLE usage_records (
    tenant          BLOB NOT NULL,
    usage_id        BLOB NOT NULL,
    client_id       BLOB NOT NULL,
    service_name    TEXT NOT NULL,
    unit            TEXT NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    used_on         TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (tenant, usage_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE
);
CREATE INDEX usage_records_client ON usage_records (tenant, client_id, used_on);

-- Prepaid blocks of hours and, below, what was drawn from them.
CREATE TABLE hour_blocks (
    tenant             BLOB NOT NULL,
    block_id           BLOB NOT NULL,
    client_id          BLOB NOT NULL,
    name               TEXT NOT NULL,
    purchased_minutes  INTEGER NOT NULL,
    starts_on          TEXT NOT NULL,
    expires_on         TEXT,
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (tenant, block_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    CHECK (purchased_minutes >= 0)
);
CREATE INDEX hour_blocks_client ON hour_blocks (tenant, client_id, starts_on);

CREATE TABLE hour_block_usage (
    tenant       BLOB NOT NULL,
    entry_id     BLOB NOT NULL,
    block_id     BLOB NOT NULL,
    used_on      TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (tenant, entry_id),
    FOREIGN KEY (tenant, block_id) REFERENCES hour_blocks (tenant, block_id) ON DELETE CASCADE,
    CHECK (minutes >= 0)
);
CREATE INDEX hour_block_usage_block ON hour_block_usage (tenant, block_id, used_on);

-- Billable time entries by service (the usage tab's hours by service).
CREATE TABLE billable_time (
    tenant        BLOB NOT NULL,
    entry_id      BLOB NOT NULL,
    client_id     BLOB NOT NULL,
    service_name  TEXT NOT NULL,
    work_date     TEXT NOT NULL,
    minutes       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant, entry_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    CHECK (minutes >= 0)
);
CREATE INDEX billable_time_client ON billable_time (tenant, client_id, work_date);
