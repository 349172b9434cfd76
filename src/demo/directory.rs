//! The demo's client companies and their contacts, written through the directory's own write
//! path (`portal_actors::directory::batch`, as the PSA's `directory:batch` does) under fixed
//! ids, so the demo shows what a PSA sync produces.

use anyhow::Context;
use chrono::{DateTime, Utc};
use portal_actors::directory::batch::{apply_batch, BatchOutcome};
use portal_actors::directory::input::{BatchItem, BatchRecord, ClientInput, ContactInput};
use portal_actors::directory::{Address, ClientFields, ContactFields};
use portal_actors::model::{Email, PortalRole};
use portal_actors::Db;
use uuid::Uuid;

/// A demo client company.
struct DemoCompany {
    id: Uuid,
    name: &'static str,
    website: &'static str,
    phone: &'static str,
    street: &'static str,
    city: &'static str,
    postal_code: &'static str,
}

/// A demo contact (with or without a portal account).
struct DemoContact {
    id: Uuid,
    company: Uuid,
    name: &'static str,
    email: &'static str,
    phone: Option<&'static str>,
    job_title: &'static str,
    role: PortalRole,
}

pub const ACME: Uuid = Uuid::from_u128(0xde30_0000_0000_4000_8000_0000_0000_0a01);
pub const GLOBEX: Uuid = Uuid::from_u128(0xde30_0000_0000_4000_8000_0000_0000_0a02);

const COMPANIES: &[DemoCompany] = &[
    DemoCompany {
        id: ACME,
        name: "Acme Manufacturing",
        website: "https://acme-manufacturing.example",
        phone: "+1 555 0100",
        street: "1200 Industrial Parkway",
        city: "Springfield",
        postal_code: "62701",
    },
    DemoCompany {
        id: GLOBEX,
        name: "Globex Logistics",
        website: "https://globex-logistics.example",
        phone: "+1 555 0200",
        street: "45 Harbor Road",
        city: "Portsmouth",
        postal_code: "03801",
    },
];

const CONTACTS: &[DemoContact] = &[
    DemoContact {
        id: Uuid::from_u128(0xde30_0000_0000_4000_8000_0000_0000_0c01),
        company: ACME,
        name: "Alice Martin",
        email: "alice.martin@acme-manufacturing.example",
        phone: Some("+1 555 0100"),
        job_title: "Office Manager",
        role: PortalRole::Admin,
    },
    DemoContact {
        id: Uuid::from_u128(0xde30_0000_0000_4000_8000_0000_0000_0c02),
        company: ACME,
        name: "Ben Okafor",
        email: "ben.okafor@acme-manufacturing.example",
        phone: Some("+1 555 0100"),
        job_title: "Production Planner",
        role: PortalRole::User,
    },
    DemoContact {
        id: Uuid::from_u128(0xde30_0000_0000_4000_8000_0000_0000_0c03),
        company: GLOBEX,
        name: "Chloé Dubois",
        email: "chloe.dubois@globex-logistics.example",
        phone: Some("+1 555 0100"),
        job_title: "Finance Director",
        // Sees what Finance sees: Globex's billing, not its company settings.
        role: PortalRole::Finance,
    },
    DemoContact {
        id: Uuid::from_u128(0xde30_0000_0000_4000_8000_0000_0000_0c04),
        company: ACME,
        name: "Dana Kim",
        email: "dana.kim@acme-manufacturing.example",
        phone: None,
        job_title: "Sales Coordinator",
        role: PortalRole::User,
    },
    DemoContact {
        id: Uuid::from_u128(0xde30_0000_0000_4000_8000_0000_0000_0c05),
        company: GLOBEX,
        name: "Evan Novak",
        email: "evan.novak@globex-logistics.example",
        phone: None,
        job_title: "Warehouse Supervisor",
        role: PortalRole::User,
    },
];

/// The demo contact with this email (the demo's portal users are some of them).
pub fn contact_id(email: &str) -> Option<Uuid> {
    CONTACTS.iter().find(|c| c.email == email).map(|c| c.id)
}

fn items() -> anyhow::Result<Vec<BatchItem>> {
    let mut items = Vec::with_capacity(COMPANIES.len().saturating_add(CONTACTS.len()));
    for c in COMPANIES {
        let address = Address {
            line1: Some(c.street.into()),
            city: Some(c.city.into()),
            postal_code: Some(c.postal_code.into()),
            country: Some("US".into()),
            ..Address::default()
        };
        let fields = ClientFields {
            name: c.name.into(),
            website: Some(c.website.into()),
            phone: Some(c.phone.into()),
            email: None,
            billing_address: Some(address.clone()),
            shipping_address: Some(address),
            default_locale: Some("en".into()),
            inactive: false,
            portal_enabled: true,
        };
        let input = ClientInput {
            fields,
            version: None,
        };
        items.push(BatchItem {
            id: c.id,
            record: BatchRecord::Client(Box::new(input)),
        });
    }
    for c in CONTACTS {
        let fields = ContactFields {
            client_id: c.company,
            name: c.name.into(),
            email: Email::parse(c.email)?.as_str().to_owned(),
            phone: c.phone.map(str::to_owned),
            job_title: Some(c.job_title.into()),
            inactive: false,
            portal_role: c.role,
        };
        let input = ContactInput {
            fields,
            version: None,
        };
        items.push(BatchItem {
            id: c.id,
            record: BatchRecord::Contact(Box::new(input)),
        });
    }
    Ok(items)
}

/// Writes the demo companies and contacts in one transaction, as a PSA's batch would.
pub async fn seed(db: &Db, tenant: Uuid, now: DateTime<Utc>) -> anyhow::Result<()> {
    let outcome = apply_batch(db, tenant, &items()?, now)
        .await
        .context("writing the demo directory")?;
    match outcome {
        BatchOutcome::Done { .. } => Ok(()),
        BatchOutcome::Refused(refusal) => {
            anyhow::bail!("the demo directory was refused: {:?}", refusal.0)
        }
    }
}
