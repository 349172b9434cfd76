-- A tenant's logos (for light and for dark backgrounds) and favicon: the SHA-256 of the
-- contents in the attachment store and their media type. NULL: none set.
ALTER TABLE tenant_settings ADD COLUMN logo_light_sha256 TEXT;
ALTER TABLE tenant_settings ADD COLUMN logo_light_type TEXT;
ALTER TABLE tenant_settings ADD COLUMN logo_dark_sha256 TEXT;
ALTER TABLE tenant_settings ADD COLUMN logo_dark_type TEXT;
ALTER TABLE tenant_settings ADD COLUMN favicon_sha256 TEXT;
ALTER TABLE tenant_settings ADD COLUMN favicon_type TEXT;
