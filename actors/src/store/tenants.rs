//! Tenants, their settings and hosts, and the client roles every tenant starts with.

use chrono::{DateTime, Utc};
use rand::RngCore;
use uuid::Uuid;

use crate::db::{Db, DbError, Exec, Tx};
use crate::model::{BrandImage, BrandImages, TenantInfo};
use crate::{execute, query_as};

/// Resources the client roles grant on.
pub const RESOURCES: &[&str] = &[
    "billing",
    "client",
    "project",
    "ticket",
    "time_management",
    "user",
    "settings",
    "document",
];
pub const ACTIONS: &[&str] = &["read", "create", "update", "delete"];
/// Permissions outside `RESOURCES` × `ACTIONS`: uploading documents to a project's tasks.
pub const EXTRA_PERMISSIONS: &[(&str, &str)] = &[("project", "upload"), ("company", "manage")];

/// Every permission a client role can hold: `RESOURCES` × `ACTIONS`, then `EXTRA_PERMISSIONS`.
pub fn all_permissions() -> impl Iterator<Item = (&'static str, &'static str)> {
    RESOURCES
        .iter()
        .flat_map(|r| ACTIONS.iter().map(move |a| (*r, *a)))
        .chain(EXTRA_PERMISSIONS.iter().copied())
}

/// What a role may do: (resource, actions).
pub type Grants = &'static [(&'static str, &'static [&'static str])];

/// The client roles and what each may do: (role, description, grants).
pub const CLIENT_ROLES: &[(&str, &str, Grants)] = &[
    (
        "Admin",
        "Manages the company's portal users and settings",
        &[
            ("billing", &["read", "create", "update", "delete"]),
            ("client", &["read", "create", "update", "delete"]),
            ("project", &["read", "create", "update", "delete", "upload"]),
            ("ticket", &["read", "create", "update", "delete"]),
            ("time_management", &["read", "create", "update", "delete"]),
            ("user", &["read", "create", "update", "delete"]),
            ("settings", &["read", "create", "update", "delete"]),
            ("document", &["read", "create", "update", "delete"]),
            ("company", &["manage"]),
        ],
    ),
    (
        "Finance",
        "Sees and pays the company's invoices",
        &[
            ("billing", &["read", "update"]),
            ("client", &["read"]),
            ("project", &["read"]),
            ("ticket", &["read", "create", "update"]),
            ("time_management", &["read"]),
            ("document", &["read"]),
        ],
    ),
    (
        "User",
        "Raises and follows support tickets",
        &[
            ("client", &["read"]),
            ("project", &["read", "upload"]),
            ("ticket", &["read", "create", "update"]),
            ("document", &["read"]),
        ],
    ),
];

#[derive(Debug, Clone)]
pub struct NewTenant {
    pub name: String,
    pub slug: Option<String>,
    pub host: Option<String>,
    pub primary_color: String,
    pub accent_color: String,
    pub default_locale: String,
}

#[derive(sqlx::FromRow)]
struct TenantRow {
    tenant: Uuid,
    slug: String,
    name: String,
    primary_color: String,
    accent_color: String,
    default_locale: String,
    logo_light_sha256: Option<String>,
    logo_light_type: Option<String>,
    logo_dark_sha256: Option<String>,
    logo_dark_type: Option<String>,
    favicon_sha256: Option<String>,
    favicon_type: Option<String>,
}

fn brand_image(hash: Option<String>, content_type: Option<String>) -> Option<BrandImage> {
    Some(BrandImage {
        content_hash: hash?,
        content_type: content_type?,
    })
}

impl From<TenantRow> for TenantInfo {
    fn from(r: TenantRow) -> Self {
        TenantInfo {
            id: r.tenant,
            slug: r.slug,
            name: r.name,
            primary_color: r.primary_color,
            accent_color: r.accent_color,
            default_locale: r.default_locale,
            images: BrandImages {
                logo_light: brand_image(r.logo_light_sha256, r.logo_light_type),
                logo_dark: brand_image(r.logo_dark_sha256, r.logo_dark_type),
                favicon: brand_image(r.favicon_sha256, r.favicon_type),
            },
        }
    }
}

const TENANT_SELECT: &str = "SELECT t.tenant, t.slug, s.name, s.primary_color, s.accent_color, \
     s.default_locale, s.logo_light_sha256, s.logo_light_type, s.logo_dark_sha256, \
     s.logo_dark_type, s.favicon_sha256, s.favicon_type \
     FROM tenants t JOIN tenant_settings s ON s.tenant = t.tenant";

/// Where a tenant's branding image goes: its two logos and its favicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSlot {
    LogoLight,
    LogoDark,
    Favicon,
}

impl ImageSlot {
    pub const ALL: [ImageSlot; 3] = [
        ImageSlot::LogoLight,
        ImageSlot::LogoDark,
        ImageSlot::Favicon,
    ];

    /// The name operators and audit events use.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageSlot::LogoLight => "logo_light",
            ImageSlot::LogoDark => "logo_dark",
            ImageSlot::Favicon => "favicon",
        }
    }

    /// The statement that sets (or, with NULLs, clears) this slot: columns named by the enum,
    /// never by input.
    fn update_sql(self) -> &'static str {
        match self {
            ImageSlot::LogoLight => {
                "UPDATE tenant_settings SET logo_light_sha256 = $2, logo_light_type = $3 \
                 WHERE tenant = $1"
            }
            ImageSlot::LogoDark => {
                "UPDATE tenant_settings SET logo_dark_sha256 = $2, logo_dark_type = $3 \
                 WHERE tenant = $1"
            }
            ImageSlot::Favicon => {
                "UPDATE tenant_settings SET favicon_sha256 = $2, favicon_type = $3 \
                 WHERE tenant = $1"
            }
        }
    }
}

/// Sets (or, with `None`, clears) one of a tenant's branding images.
pub async fn set_brand_image(
    db: &Db,
    tenant: Uuid,
    slot: ImageSlot,
    image: Option<&BrandImage>,
) -> Result<(), DbError> {
    execute!(
        db.exec(),
        slot.update_sql(),
        tenant,
        image.map(|i| i.content_hash.as_str()),
        image.map(|i| i.content_type.as_str())
    )?;
    Ok(())
}

/// Sets a tenant's primary and accent colours (validated by the caller).
pub async fn set_brand_colors(
    db: &Db,
    tenant: Uuid,
    primary: &str,
    accent: &str,
) -> Result<(), DbError> {
    execute!(
        db.exec(),
        "UPDATE tenant_settings SET primary_color = $2, accent_color = $3 WHERE tenant = $1",
        tenant,
        primary,
        accent
    )?;
    Ok(())
}

/// The media type of a branding image some tenant uses, by its contents' hash: `None` for any
/// other contents (ticket attachments are never served as branding).
pub async fn brand_image_type(db: &Db, content_hash: &str) -> Result<Option<String>, DbError> {
    let row = query_as!(
        db.exec(),
        (Option<String>,),
        fetch_optional,
        "SELECT CASE WHEN logo_light_sha256 = $1 THEN logo_light_type \
         WHEN logo_dark_sha256 = $1 THEN logo_dark_type ELSE favicon_type END \
         FROM tenant_settings \
         WHERE logo_light_sha256 = $1 OR logo_dark_sha256 = $1 OR favicon_sha256 = $1 LIMIT 1",
        content_hash
    )?;
    Ok(row.and_then(|(t,)| t))
}

/// A new random 12-hex tenant slug.
pub fn new_slug() -> String {
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub async fn find_by_slug(db: &Db, slug: &str) -> Result<Option<TenantInfo>, DbError> {
    let sql = format!("{TENANT_SELECT} WHERE t.slug = $1");
    let row = query_as!(db.exec(), TenantRow, fetch_optional, &sql, slug)?;
    Ok(row.map(Into::into))
}

pub async fn find_by_id(db: &Db, tenant: Uuid) -> Result<Option<TenantInfo>, DbError> {
    let sql = format!("{TENANT_SELECT} WHERE t.tenant = $1");
    let row = query_as!(db.exec(), TenantRow, fetch_optional, &sql, tenant)?;
    Ok(row.map(Into::into))
}

pub async fn find_by_host(db: &Db, host: &str) -> Result<Option<TenantInfo>, DbError> {
    let sql =
        format!("{TENANT_SELECT} JOIN tenant_hosts h ON h.tenant = t.tenant WHERE h.host = $1");
    let row = query_as!(db.exec(), TenantRow, fetch_optional, &sql, host)?;
    Ok(row.map(Into::into))
}

pub async fn list(db: &Db) -> Result<Vec<TenantInfo>, DbError> {
    let sql = format!("{TENANT_SELECT} ORDER BY s.name");
    let rows = query_as!(db.exec(), TenantRow, fetch_all, &sql)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Creates a tenant with its settings, optional host and the seeded client roles, atomically.
pub async fn create(db: &Db, now: DateTime<Utc>, new: &NewTenant) -> Result<TenantInfo, DbError> {
    let tenant = Uuid::new_v4();
    let slug = new.slug.clone().unwrap_or_else(new_slug);
    let mut tx = db.begin().await?;
    execute!(
        tx.exec(),
        "INSERT INTO tenants (tenant, slug, created_at) VALUES ($1, $2, $3)",
        tenant,
        &slug,
        now
    )?;
    execute!(
        tx.exec(),
        "INSERT INTO tenant_settings (tenant, name, primary_color, accent_color, default_locale, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
        tenant,
        &new.name,
        &new.primary_color,
        &new.accent_color,
        &new.default_locale,
        now
    )?;
    if let Some(host) = &new.host {
        execute!(
            tx.exec(),
            "INSERT INTO tenant_hosts (tenant, host, created_at) VALUES ($1, $2, $3)",
            tenant,
            host,
            now
        )?;
    }
    seed_client_roles(&mut tx, tenant).await?;
    tx.commit().await?;
    Ok(TenantInfo {
        id: tenant,
        slug,
        name: new.name.clone(),
        primary_color: new.primary_color.clone(),
        accent_color: new.accent_color.clone(),
        default_locale: new.default_locale.clone(),
        images: BrandImages::default(),
    })
}

/// Inserts the permissions over every resource and the client roles Admin, Finance and User.
async fn seed_client_roles(tx: &mut Tx, tenant: Uuid) -> Result<(), DbError> {
    let mut permission_ids = Vec::new();
    for (resource, action) in all_permissions() {
        let id = Uuid::new_v4();
        execute!(
            tx.exec(),
            "INSERT INTO permissions (tenant, permission_id, resource, action) \
             VALUES ($1, $2, $3, $4)",
            tenant,
            id,
            resource,
            action
        )?;
        permission_ids.push((resource, action, id));
    }
    for (role, description, grants) in CLIENT_ROLES {
        let role_id = Uuid::new_v4();
        execute!(
            tx.exec(),
            "INSERT INTO roles (tenant, role_id, role_name, description, is_client) \
             VALUES ($1, $2, $3, $4, $5)",
            tenant,
            role_id,
            *role,
            *description,
            true
        )?;
        for (resource, actions) in *grants {
            for action in *actions {
                let permission = permission_ids
                    .iter()
                    .find(|(r, a, _)| r == resource && a == action)
                    .map(|(_, _, id)| *id);
                if let Some(permission) = permission {
                    execute!(
                        tx.exec(),
                        "INSERT INTO role_permissions (tenant, role_id, permission_id) \
                         VALUES ($1, $2, $3)",
                        tenant,
                        role_id,
                        permission
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Finds a tenant by its id or its slug (operators' CLI and admin API).
pub async fn find_by_key(db: &Db, key: &str) -> Result<Option<TenantInfo>, DbError> {
    match Uuid::parse_str(key.trim()) {
        Ok(id) => find_by_id(db, id).await,
        Err(_) if crate::model::is_valid_slug(key.trim()) => find_by_slug(db, key.trim()).await,
        Err(_) => Ok(None),
    }
}

/// The permissions (`resource:action`, sorted) the tenant's client role `role_name` holds, or
/// `None` when the tenant has no client role of that name. Read per request.
pub async fn role_permissions(
    exec: Exec<'_>,
    tenant: Uuid,
    role_name: &str,
) -> Result<Option<Vec<String>>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        resource: Option<String>,
        action: Option<String>,
    }
    let rows = query_as!(
        exec,
        Row,
        fetch_all,
        "SELECT p.resource, p.action FROM roles r \
         LEFT JOIN role_permissions rp ON rp.tenant = r.tenant AND rp.role_id = r.role_id \
         LEFT JOIN permissions p ON p.tenant = rp.tenant AND p.permission_id = rp.permission_id \
         WHERE r.tenant = $1 AND r.is_client AND r.role_name = $2 \
         ORDER BY p.resource, p.action",
        tenant,
        role_name
    )?;
    if rows.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        rows.into_iter()
            .filter_map(|r| Some(format!("{}:{}", r.resource?, r.action?)))
            .collect(),
    ))
}

/// Replaces what the tenant's client role `role_name` holds with `granted` ((resource, action)
/// pairs from `all_permissions`, without repeats); `false` when there is no such role.
pub async fn replace_role_permissions(
    tx: &mut Tx,
    tenant: Uuid,
    role_name: &str,
    granted: &[(&str, &str)],
) -> Result<bool, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        role_id: Uuid,
    }
    let role = query_as!(
        tx.exec(),
        Row,
        fetch_optional,
        "SELECT role_id FROM roles WHERE tenant = $1 AND is_client AND role_name = $2",
        tenant,
        role_name
    )?;
    let Some(Row { role_id }) = role else {
        return Ok(false);
    };
    execute!(
        tx.exec(),
        "DELETE FROM role_permissions WHERE tenant = $1 AND role_id = $2",
        tenant,
        role_id
    )?;
    for (resource, action) in granted {
        // Tenants seeded before a resource was known get its permission row now.
        execute!(
            tx.exec(),
            "INSERT INTO permissions (tenant, permission_id, resource, action) \
             SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM permissions \
                 WHERE tenant = $1 AND resource = $3 AND action = $4)",
            tenant,
            Uuid::new_v4(),
            *resource,
            *action
        )?;
        execute!(
            tx.exec(),
            "INSERT INTO role_permissions (tenant, role_id, permission_id) \
             SELECT $1, $2, p.permission_id FROM permissions p \
             WHERE p.tenant = $1 AND p.resource = $3 AND p.action = $4",
            tenant,
            role_id,
            *resource,
            *action
        )?;
    }
    Ok(true)
}
