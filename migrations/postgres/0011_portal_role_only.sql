-- The contact's portal role (0010) is the one source of truth for what a client user may do:
-- the tenant's client role of the same name holds the permissions. The flag it replaced goes,
-- and client users' role rows go with it (internal users keep theirs).

DELETE FROM user_roles
WHERE EXISTS (
    SELECT 1 FROM users u
    WHERE u.tenant = user_roles.tenant AND u.user_id = user_roles.user_id
      AND u.user_type = 'client'
);

ALTER TABLE contacts DROP COLUMN is_client_admin;
