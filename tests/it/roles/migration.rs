//! The migrations to one role: a database whose client admins were flagged on their contact or
//! held the Admin role keeps them admins, Finance stays Finance, and client users' role rows go
//! while internal users keep theirs.

use chrono::{DateTime, Utc};
use portal_actors::clock::{Clock, SystemClock};
use portal_actors::model::{Email, PortalRole, UserType};
use portal_actors::store::{tenants, users};
use portal_actors::{execute, fetch_one_scalar, Db};
use uuid::Uuid;

use crate::helpers::{backend, database_url, Backend};

fn now() -> DateTime<Utc> {
    SystemClock.now()
}

/// The migrations before the directory (0010) of this backend, applied to `db`.
async fn migrate_before_the_directory(db: &Db, dir: &std::path::Path) {
    let folder = match backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(folder);
    let old = dir.join("old-migrations");
    std::fs::create_dir_all(&old).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < "0010" {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    let migrator = sqlx::migrate::Migrator::new(old.as_path()).await.unwrap();
    match db {
        Db::Sqlite(pool) => migrator.run(pool).await.unwrap(),
        Db::Postgres(pool) => migrator.run(pool).await.unwrap(),
    }
}

/// A client user of `client` the old way: the contact's admin flag and one client role.
async fn old_client_user(
    db: &Db,
    tenant: Uuid,
    client: Uuid,
    email: &str,
    flagged: bool,
    role: &str,
) -> Uuid {
    let contact = Uuid::new_v4();
    execute!(
        db.exec(),
        "INSERT INTO contacts (tenant, contact_id, client_id, full_name, email, phone, \
         is_client_admin, is_inactive, created_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8)",
        tenant,
        contact,
        client,
        "Old Contact",
        email,
        flagged,
        false,
        now()
    )
    .unwrap();
    let user = users::NewUser {
        email: Email::parse(email).unwrap(),
        user_type: UserType::Client,
        first_name: "Old".into(),
        last_name: "User".into(),
        contact_id: Some(contact),
        password_hash: None,
        is_inactive: false,
    };
    let user_id = users::create_user(db, tenant, &user, now()).await.unwrap();
    grant(db, tenant, user_id, role, true).await;
    user_id
}

async fn grant(db: &Db, tenant: Uuid, user_id: Uuid, role: &str, client: bool) {
    execute!(
        db.exec(),
        "INSERT INTO user_roles (tenant, user_id, role_id) SELECT $1, $2, role_id FROM roles \
         WHERE tenant = $1 AND role_name = $3 AND is_client = $4",
        tenant,
        user_id,
        role,
        client
    )
    .unwrap();
}

#[actix_web::test]
async fn migrating_keeps_admins_admins_and_finance_finance() {
    let dir = tempfile::tempdir().unwrap();
    let Some(url) = database_url(dir.path(), backend()).await else {
        return;
    };
    let db = Db::connect(&url, 2).await.unwrap();
    migrate_before_the_directory(&db, dir.path()).await;
    let tenant = tenants::create(
        &db,
        now(),
        &tenants::NewTenant {
            name: "Old MSP".into(),
            slug: None,
            host: None,
            primary_color: "#0b5563".into(),
            accent_color: "#e07a1f".into(),
            default_locale: "en".into(),
        },
    )
    .await
    .unwrap();
    let client = users::create_client(&db, tenant.id, "Acme", now())
        .await
        .unwrap();
    let flagged = old_client_user(&db, tenant.id, client, "flag@acme.example", true, "User").await;
    let by_role =
        old_client_user(&db, tenant.id, client, "role@acme.example", false, "Admin").await;
    let finance =
        old_client_user(&db, tenant.id, client, "pay@acme.example", false, "Finance").await;
    let plain = old_client_user(&db, tenant.id, client, "user@acme.example", false, "User").await;
    // An internal user with a (non-client) role of their own.
    execute!(
        db.exec(),
        "INSERT INTO roles (tenant, role_id, role_name, description, is_client) \
         VALUES ($1, $2, 'Staff', 'The MSP', $3)",
        tenant.id,
        Uuid::new_v4(),
        false
    )
    .unwrap();
    let staff = users::NewUser {
        email: Email::parse("staff@northwind.example").unwrap(),
        user_type: UserType::Internal,
        first_name: "Sam".into(),
        last_name: "Rivera".into(),
        contact_id: None,
        password_hash: None,
        is_inactive: false,
    };
    let staff = users::create_user(&db, tenant.id, &staff, now())
        .await
        .unwrap();
    grant(&db, tenant.id, staff, "Staff", false).await;

    db.migrate().await.unwrap();

    for (user_id, role) in [
        (flagged, PortalRole::Admin),
        (by_role, PortalRole::Admin),
        (finance, PortalRole::Finance),
        (plain, PortalRole::User),
    ] {
        let login = users::find_login_user(&db, tenant.id, user_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(login.role(), Some(role), "{}", login.email);
        assert_eq!(login.full_name, "Old Contact", "the contact's name");
    }
    let rows = |user_type: &'static str| {
        let db = db.clone();
        async move {
            fetch_one_scalar!(
                db.exec(),
                i64,
                "SELECT COUNT(*) FROM user_roles ur JOIN users u ON u.tenant = ur.tenant \
                 AND u.user_id = ur.user_id WHERE u.user_type = $1",
                user_type
            )
            .unwrap()
        }
    };
    assert_eq!(rows("client").await, 0, "client users hold no role rows");
    assert_eq!(rows("internal").await, 1, "internal users keep theirs");
    let staff_login = users::find_login_user(&db, tenant.id, staff)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(staff_login.full_name, "Sam Rivera", "the account's name");
    assert_eq!(staff_login.role(), None);
    // The flag is gone: the role is the only place it can be read.
    let flag = fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(is_client_admin) FROM contacts"
    );
    assert!(flag.is_err(), "is_client_admin is dropped");
}

/// `project:upload` (documents uploaded to a project's task) reaches tenants made before it:
/// Admin and User hold it, Finance does not; new tenants start with the same.
#[actix_web::test]
async fn tenants_made_before_projects_gain_project_upload_for_admin_and_user() {
    let dir = tempfile::tempdir().unwrap();
    let Some(url) = database_url(dir.path(), backend()).await else {
        return;
    };
    let db = Db::connect(&url, 2).await.unwrap();
    migrate_before_the_directory(&db, dir.path()).await;
    let new_tenant = |name: &str| tenants::NewTenant {
        name: name.into(),
        slug: None,
        host: None,
        primary_color: "#0b5563".into(),
        accent_color: "#e07a1f".into(),
        default_locale: "en".into(),
    };
    let old = tenants::create(&db, now(), &new_tenant("Old MSP"))
        .await
        .unwrap();
    // As it was before projects: no such permission.
    execute!(
        db.exec(),
        "DELETE FROM permissions WHERE tenant = $1 AND resource = 'project' AND action = 'upload'",
        old.id
    )
    .unwrap();
    db.migrate().await.unwrap();
    let fresh = tenants::create(&db, now(), &new_tenant("New MSP"))
        .await
        .unwrap();
    for tenant in [old.id, fresh.id] {
        for (role, holds) in [("Admin", true), ("User", true), ("Finance", false)] {
            let held = tenants::role_permissions(db.exec(), tenant, role)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                held.contains(&"project:upload".to_owned()),
                holds,
                "{role}: {held:?}"
            );
        }
        let rows = fetch_one_scalar!(
            db.exec(),
            i64,
            "SELECT COUNT(*) FROM permissions WHERE tenant = $1 AND resource = 'project' \
             AND action = 'upload'",
            tenant
        )
        .unwrap();
        assert_eq!(rows, 1);
    }
}
