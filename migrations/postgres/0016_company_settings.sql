-- A client admin can require two-factor for everyone in their company (as the MSP can for the
-- whole tenant): users without it set it up at their next sign-in.
ALTER TABLE clients ADD COLUMN require_two_factor BOOLEAN NOT NULL DEFAULT FALSE;

-- Whether client admins may edit their company's phone, email, website and billing address
-- from company settings (fed back to the PSA as company_updated); off until the MSP allows it.
ALTER TABLE tenant_settings ADD COLUMN clients_edit_company BOOLEAN NOT NULL DEFAULT FALSE;
