-- The MSP's directory from its PSA: clients and contacts carry the PSA's fields, a `version`
-- bumped by every change from either side (a PUT carrying an older one is refused), and the
-- contact's portal role (`admin`, `finance`, `user`), the one source of truth for what the
-- contact's portal user may do.

ALTER TABLE clients ADD COLUMN website TEXT;
ALTER TABLE clients ADD COLUMN phone TEXT;
ALTER TABLE clients ADD COLUMN email TEXT;
-- Addresses as JSON objects: {"line1","line2","city","region","postal_code","country"}.
ALTER TABLE clients ADD COLUMN billing_address TEXT;
ALTER TABLE clients ADD COLUMN shipping_address TEXT;
ALTER TABLE clients ADD COLUMN default_locale TEXT;
ALTER TABLE clients ADD COLUMN portal_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE clients ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE clients ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE clients SET updated_at = created_at;

ALTER TABLE contacts ADD COLUMN job_title TEXT;
ALTER TABLE contacts ADD COLUMN portal_role TEXT NOT NULL DEFAULT 'user'
    CHECK (portal_role IN ('admin', 'finance', 'user'));
ALTER TABLE contacts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE contacts SET updated_at = created_at;

-- The role a contact's user held: Admin (flag or role) wins over Finance, Finance over User.
UPDATE contacts SET portal_role = 'finance'
WHERE EXISTS (
    SELECT 1 FROM users u
    JOIN user_roles ur ON ur.tenant = u.tenant AND ur.user_id = u.user_id
    JOIN roles r ON r.tenant = ur.tenant AND r.role_id = ur.role_id
    WHERE u.tenant = contacts.tenant AND u.contact_id = contacts.contact_id
      AND r.is_client AND r.role_name = 'Finance'
);
UPDATE contacts SET portal_role = 'admin'
WHERE is_client_admin OR EXISTS (
    SELECT 1 FROM users u
    JOIN user_roles ur ON ur.tenant = u.tenant AND ur.user_id = u.user_id
    JOIN roles r ON r.tenant = ur.tenant AND r.role_id = ur.role_id
    WHERE u.tenant = contacts.tenant AND u.contact_id = contacts.contact_id
      AND r.is_client AND r.role_name = 'Admin'
);

CREATE INDEX contacts_email ON contacts (tenant, email);
