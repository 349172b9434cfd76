-- A client admin can require two-factor for everyone in their company (as the MSP can for the
-- whole tenant): users without it set it up at their next sign-in.
ALTER TABLE clients ADD COLUMN require_two_factor BOOLEAN NOT NULL DEFAULT 0;
