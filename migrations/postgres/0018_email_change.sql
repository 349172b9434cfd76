-- A client user can change their sign-in email from their profile: a single-use link mailed to
-- the new address (`purpose = 'email_change'`, `email` = the new address) applies the change.
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
    CHECK (purpose IN ('password_reset', 'invitation', 'email_change'));
-- The Profile page looks up the user's pending request on every view.
CREATE INDEX account_tokens_user ON account_tokens (tenant, purpose, user_id);
