-- The PSA can mark one priority the default of its scope: one per board, and one among the
-- priorities offered on every board. The new-ticket form preselects it.
ALTER TABLE ticket_priorities ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE;
