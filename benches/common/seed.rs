//! The bench tenant and its client users, created straight in the store.

use chrono::{DateTime, Utc};
use portal_actors::model::{Email, PortalRole, TenantInfo, UserType};
use portal_actors::store::{tenants, users};
use portal_actors::Db;
use uuid::Uuid;

/// A tenant named `name` with the portal's default colours and locale.
pub async fn tenant(db: &Db, name: String, now: DateTime<Utc>) -> anyhow::Result<TenantInfo> {
    Ok(tenants::create(
        db,
        now,
        &tenants::NewTenant {
            name,
            slug: None,
            host: None,
            primary_color: "#0b5563".into(),
            accent_color: "#e07a1f".into(),
            default_locale: "en".into(),
        },
    )
    .await?)
}

/// A bench user: `user<i>@bench-co.example`, "Bench User <i>", a client user.
pub struct BenchUser {
    pub user_id: Uuid,
    pub email: String,
    pub full_name: String,
}

/// `count` client users of the company `client_id` in `tenant`, with `password_hash` (or none).
pub async fn client_users(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    count: usize,
    password_hash: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<BenchUser>> {
    client_users_as(
        db,
        tenant,
        client_id,
        count,
        password_hash,
        PortalRole::User,
        now,
    )
    .await
}

/// As [`client_users`], with the portal role `role`.
pub async fn client_users_as(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    count: usize,
    password_hash: Option<&str>,
    role: PortalRole,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<BenchUser>> {
    let mut made = Vec::with_capacity(count);
    for i in 0..count {
        let email = Email::parse(&format!("user{i}@bench-co.example"))?;
        let contact = users::NewContact {
            client_id,
            full_name: format!("Bench User {i}"),
            email: email.clone(),
            phone: None,
            portal_role: role,
        };
        let contact_id = users::create_contact(db, tenant, &contact, now).await?;
        let user = users::NewUser {
            email: email.clone(),
            user_type: UserType::Client,
            first_name: String::new(),
            last_name: String::new(),
            contact_id: Some(contact_id),
            password_hash: password_hash.map(str::to_owned),
            is_inactive: false,
        };
        let user_id = users::create_user(db, tenant, &user, now).await?;
        made.push(BenchUser {
            user_id,
            email: email.as_str().to_owned(),
            full_name: contact.full_name,
        });
    }
    Ok(made)
}
