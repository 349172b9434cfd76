//! `portal demo`: a realistic demo MSP with two client companies, so a new user can sign in at
//! once. Passwords are random and new on every run (printed once); nothing well known.

pub mod billing;
pub mod directory;
pub mod projects;
pub mod tickets;

use anyhow::Context;
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::model::{Email, TenantInfo, UserType};
use portal_actors::store::{tenants, users};
use portal_actors::{tokens, Db, SharedClock};

/// The demo tenant's slug, fixed so that running the demo again reuses its data.
pub const DEMO_SLUG: &str = "de300000a0b1";

/// A demo account and its password for this run.
pub struct DemoAccount {
    pub label: &'static str,
    pub email: &'static str,
    pub password: String,
}

pub struct Seeded {
    pub tenant: TenantInfo,
    pub accounts: Vec<DemoAccount>,
}

struct DemoUser {
    label: &'static str,
    first: &'static str,
    last: &'static str,
    email: &'static str,
    company: Option<&'static str>,
}

const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        label: "client admin",
        first: "Alice",
        last: "Martin",
        email: "alice.martin@acme-manufacturing.example",
        company: Some("Acme Manufacturing"),
    },
    DemoUser {
        label: "client user",
        first: "Ben",
        last: "Okafor",
        email: "ben.okafor@acme-manufacturing.example",
        company: Some("Acme Manufacturing"),
    },
    DemoUser {
        label: "finance (2nd company)",
        first: "Chloé",
        last: "Dubois",
        email: "chloe.dubois@globex-logistics.example",
        company: Some("Globex Logistics"),
    },
    DemoUser {
        label: "internal (refused)",
        first: "Sam",
        last: "Rivera",
        email: "sam.rivera@northwind-it.example",
        company: None,
    },
];

/// Creates the demo tenant on first run; on every run gives the demo users fresh passwords.
pub async fn seed(
    db: &Db,
    clock: &SharedClock,
    files: &portal_actors::attachments::AttachmentStore,
) -> anyhow::Result<Seeded> {
    let params = current_params()?;
    let tenant = match tenants::find_by_slug(db, DEMO_SLUG).await? {
        Some(t) => t,
        None => create(db, clock).await.context("seeding the demo tenant")?,
    };
    let mut accounts = Vec::new();
    for u in DEMO_USERS {
        let user_type = if u.company.is_some() {
            UserType::Client
        } else {
            UserType::Internal
        };
        let email = Email::parse(u.email)?;
        let password: String = tokens::random_token().chars().take(20).collect();
        let hash = hash_with(&params, &password)?;
        if let Some(id) = users::find_id(db, tenant.id, &email, user_type).await? {
            users::set_password_hash(db, tenant.id, id, &hash).await?;
        }
        accounts.push(DemoAccount {
            label: u.label,
            email: u.email,
            password,
        });
    }
    crate::demo::tickets::seed(db, tenant.id, clock.now())
        .await
        .context("seeding the demo tickets")?;
    crate::demo::billing::seed(db, tenant.id, clock.now())
        .await
        .context("seeding the demo billing")?;
    crate::demo::projects::seed(db, files, tenant.id, clock.now())
        .await
        .context("seeding the demo projects")?;
    Ok(Seeded { tenant, accounts })
}

async fn create(db: &Db, clock: &SharedClock) -> anyhow::Result<TenantInfo> {
    let now = clock.now();
    let tenant = tenants::create(
        db,
        now,
        &tenants::NewTenant {
            name: "Northwind IT Services".into(),
            slug: Some(DEMO_SLUG.into()),
            host: None,
            primary_color: "#0b5563".into(),
            accent_color: "#e07a1f".into(),
            default_locale: "en".into(),
        },
    )
    .await?;
    crate::demo::directory::seed(db, tenant.id, now).await?;
    // Replies to the demo's notification emails go to its help desk.
    let support = Email::parse("help@northwind-it.example")?;
    portal_actors::admin::tenants::set_support_email(db, tenant.id, Some(&support)).await?;
    for u in DEMO_USERS {
        let email = Email::parse(u.email)?;
        let (user_type, contact_id) = match u.company {
            Some(_) => (
                UserType::Client,
                Some(
                    crate::demo::directory::contact_id(u.email)
                        .with_context(|| format!("no demo contact for {}", u.email))?,
                ),
            ),
            None => (UserType::Internal, None),
        };
        let new = users::NewUser {
            email,
            user_type,
            first_name: u.first.into(),
            last_name: u.last.into(),
            contact_id,
            password_hash: None,
            is_inactive: false,
        };
        users::create_user(db, tenant.id, &new, now).await?;
    }
    Ok(tenant)
}

/// Tells the person who ran `portal demo` where to go and how to sign in.
pub fn print_welcome(
    seeded: &Seeded,
    scheme: &str,
    host: &str,
    admin_port: u16,
    admin_token: &str,
    mailbox: Option<&std::path::Path>,
) {
    println!();
    println!("  Client portal demo — {}", seeded.tenant.name);
    println!();
    println!(
        "  Sign in:  {scheme}://{host}/auth/client-portal/signin?tenant={}",
        seeded.tenant.slug
    );
    println!();
    for a in &seeded.accounts {
        println!("  {:<24} {:<42} {}", a.label, a.email, a.password);
    }
    println!();
    println!(
        "  Admin listener: http://127.0.0.1:{admin_port}  (Authorization: Bearer {admin_token})"
    );
    println!(
        "    curl -H 'Authorization: Bearer {admin_token}' http://127.0.0.1:{admin_port}/metrics"
    );
    println!(
        "  Integration API (the PSA's directory and tickets): create a token with \
         POST /admin/tenants/{}/integration-tokens, see src/routes/integration/openapi.json",
        seeded.tenant.slug
    );
    if let Some(dir) = mailbox {
        println!();
        println!(
            "  Emails (invitations, password resets, sign-in links) are written to {}/ as .eml files.",
            dir.display()
        );
    }
    println!();
    println!("  Passwords are new on every run of `portal demo`. Stop with Ctrl-C.");
    println!();
}
