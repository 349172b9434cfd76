-- When the pending TOTP secret of an enrollment was made: one older than 15 minutes is replaced
-- by a fresh one and can no longer be confirmed (NULL, as for secrets made before: expired).
ALTER TABLE users ADD COLUMN totp_pending_created_at TEXT;
