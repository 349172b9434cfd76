-- `company:manage`: company settings and the company's portal users (invite, change role,
-- deactivate, reactivate, password reset, sign out), held by the client Admin role of every
-- tenant. The page is gated on this permission, read per request, not on the role name, so a
-- role change or a changed grant applies at once.
INSERT INTO permissions (tenant, permission_id, resource, action)
SELECT t.tenant, randomblob(16), 'company', 'manage' FROM tenants t
WHERE NOT EXISTS (SELECT 1 FROM permissions p
                  WHERE p.tenant = t.tenant AND p.resource = 'company' AND p.action = 'manage');
INSERT INTO role_permissions (tenant, role_id, permission_id)
SELECT r.tenant, r.role_id, p.permission_id FROM roles r
JOIN permissions p ON p.tenant = r.tenant AND p.resource = 'company' AND p.action = 'manage'
WHERE r.is_client = 1 AND r.role_name = 'Admin'
  AND NOT EXISTS (SELECT 1 FROM role_permissions rp
                  WHERE rp.tenant = r.tenant AND rp.role_id = r.role_id
                    AND rp.permission_id = p.permission_id);
