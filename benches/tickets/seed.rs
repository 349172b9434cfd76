//! The data set: `tenants` tenants, each with four client companies, their contacts, two boards
//! with open and closed statuses, priorities, categories and `tickets` tickets, plus one client
//! user (password sign-in, role User, ticket scope `client`) at the biggest company.
//!
//! Tickets are generated in Rust from a fixed seed and bulk-inserted with multi-row `INSERT`s
//! (one transaction per tenant), so the bench knows exactly which ticket numbers each list page
//! must show. Every ticket's `updated_at` is distinct within its tenant (whole seconds spread
//! over a year), so the list order is fully determined by it.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::db::{Db, Tx};
use portal_actors::model::{Email, PortalRole, UserType};
use portal_actors::store::users;
use portal_actors::{execute, Backend};
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;
use rand::{Rng as _, SeedableRng as _};
use uuid::Uuid;

/// Every bench user's password (they share one hash).
pub const PASSWORD: &str = "correct horse battery staple 42";
/// A word some titles carry, for the search filter.
pub const SEARCH_WORD: &str = "printer";
/// Rows per multi-row `INSERT` (18 binds a row: well under SQLite's 32,766 and PostgreSQL's 65,535).
const ROWS_PER_INSERT: usize = 500;
const YEAR_SECONDS: i64 = 365 * 24 * 3600;
/// Share of each company in a tenant's tickets, in percent; the bench user works at the first.
const COMPANY_SHARES: [(&str, u32, usize); 4] = [
    ("Northwind Traders", 50, 12),
    ("Contoso Ltd", 25, 6),
    ("Fabrikam Inc", 15, 4),
    ("Tailspin Toys", 10, 3),
];

/// What the bench needs to know about one seeded tenant.
pub struct SeededTenant {
    pub tenant: Uuid,
    pub slug: String,
    pub user_id: Uuid,
    pub email: String,
    /// The bench user's company's open tickets, most recently updated first: the order of
    /// `?status=open` (sorted by `updated_at` descending, the default).
    pub open_numbers: Vec<String>,
    /// Those of them whose title or number contains `SEARCH_WORD`, in the same order.
    pub open_search_numbers: Vec<String>,
}

pub struct Seeded {
    pub tenants: Vec<SeededTenant>,
    pub tickets: u64,
    pub took: Duration,
}

struct Lookups {
    boards: [Uuid; 2],
    /// Per board: (status id, is closed).
    statuses: [Vec<(Uuid, bool)>; 2],
    priorities: Vec<Uuid>,
    categories: Vec<Uuid>,
    /// Per company: its id and its contacts.
    companies: Vec<(Uuid, Vec<Uuid>)>,
}

/// One generated ticket row.
struct Row {
    ticket_id: Uuid,
    number: String,
    title: String,
    description: String,
    board_id: Uuid,
    status_id: Uuid,
    priority_id: Uuid,
    category_id: Option<Uuid>,
    client_id: Uuid,
    contact_id: Option<Uuid>,
    assignee_name: Option<&'static str>,
    response_state: Option<&'static str>,
    entered_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    due_at: Option<DateTime<Utc>>,
}

/// Seeds every tenant; prints progress every 10 tenants.
pub async fn seed(
    db: &Db,
    tenant_count: usize,
    tickets_per_tenant: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<Seeded> {
    let started = Instant::now();
    // Whole seconds: timestamps sort the same as text (SQLite) and as timestamps (PostgreSQL).
    let now = DateTime::<Utc>::from_timestamp(now.timestamp(), 0).context("a valid now")?;
    let hash = hash_with(&current_params()?, PASSWORD)?;
    let mut rng = StdRng::seed_from_u64(20_261_128);
    let mut seeded = Vec::with_capacity(tenant_count);
    let mut inserting = Duration::ZERO;
    for t in 0..tenant_count {
        let (tenant, took) = seed_tenant(db, t, tickets_per_tenant, now, &hash, &mut rng).await?;
        seeded.push(tenant);
        inserting += took;
        if (t + 1) % 10 == 0 || t + 1 == tenant_count {
            eprintln!(
                "  seeded {} tenants, {} tickets, {:.1} s ({:.1} s of it inserting tickets)",
                t + 1,
                (t + 1) * tickets_per_tenant,
                started.elapsed().as_secs_f64(),
                inserting.as_secs_f64()
            );
        }
    }
    Ok(Seeded {
        tenants: seeded,
        tickets: (tenant_count * tickets_per_tenant) as u64,
        took: started.elapsed(),
    })
}

async fn seed_tenant(
    db: &Db,
    index: usize,
    ticket_count: usize,
    now: DateTime<Utc>,
    hash: &str,
    rng: &mut StdRng,
) -> anyhow::Result<(SeededTenant, Duration)> {
    let info = crate::common::seed::tenant(db, format!("Bench MSP {index}"), now).await?;
    let tenant = info.id;
    let mut companies = Vec::new();
    for (name, _, contact_count) in COMPANY_SHARES {
        let client_id = users::create_client(db, tenant, name, now).await?;
        let mut contacts = Vec::new();
        for c in 0..contact_count {
            let domain = name.to_lowercase().replace(' ', "-");
            let contact = users::NewContact {
                client_id,
                full_name: format!(
                    "{} {}",
                    FIRST_NAMES[c % FIRST_NAMES.len()],
                    LAST_NAMES[c % LAST_NAMES.len()]
                ),
                email: Email::parse(&format!("contact{c}@{domain}.example"))?,
                phone: None,
                portal_role: if c == 0 {
                    PortalRole::Admin
                } else {
                    PortalRole::User
                },
            };
            contacts.push(users::create_contact(db, tenant, &contact, now).await?);
        }
        companies.push((client_id, contacts));
    }
    // The bench user is the first contact of the biggest company.
    let email = Email::parse("contact0@northwind-traders.example")?;
    let user = users::NewUser {
        email: email.clone(),
        user_type: UserType::Client,
        first_name: String::new(),
        last_name: String::new(),
        contact_id: Some(companies[0].1[0]),
        password_hash: Some(hash.to_owned()),
        is_inactive: false,
    };
    let user_id = users::create_user(db, tenant, &user, now).await?;

    let mut tx = db.begin().await?;
    let lookups = seed_lookups(&mut tx, tenant, now, companies).await?;
    let rows = generate(&lookups, ticket_count, now, rng);
    let inserting = Instant::now();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        insert_tickets(&mut tx, tenant, chunk).await?;
    }
    tx.commit().await?;
    let inserting = inserting.elapsed();

    let big = lookups.companies[0].0;
    let mut open: Vec<&Row> = rows
        .iter()
        .filter(|r| r.client_id == big && r.closed_at.is_none())
        .collect();
    open.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
    let open_search_numbers = open
        .iter()
        .filter(|r| {
            r.title.to_lowercase().contains(SEARCH_WORD)
                || r.number.to_lowercase().contains(SEARCH_WORD)
        })
        .map(|r| r.number.clone())
        .collect();
    let seeded = SeededTenant {
        tenant,
        slug: info.slug,
        user_id,
        email: email.as_str().to_owned(),
        open_numbers: open.iter().map(|r| r.number.clone()).collect(),
        open_search_numbers,
    };
    Ok((seeded, inserting))
}

/// Boards (Service Desk, default; Projects), their statuses, priorities and categories.
async fn seed_lookups(
    tx: &mut Tx,
    tenant: Uuid,
    now: DateTime<Utc>,
    companies: Vec<(Uuid, Vec<Uuid>)>,
) -> anyhow::Result<Lookups> {
    let boards = [Uuid::new_v4(), Uuid::new_v4()];
    let mut statuses: [Vec<(Uuid, bool)>; 2] = [Vec::new(), Vec::new()];
    for (b, (board, name)) in boards.iter().zip(["Service Desk", "Projects"]).enumerate() {
        execute!(
            tx.exec(),
            "INSERT INTO ticket_boards (tenant, board_id, name, is_default, is_inactive, \
             display_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            tenant,
            *board,
            name,
            b == 0,
            false,
            b as i32,
            now
        )?;
        for (order, (status, closed)) in STATUSES.iter().enumerate() {
            let id = Uuid::new_v4();
            execute!(
                tx.exec(),
                "INSERT INTO ticket_statuses (tenant, status_id, board_id, name, is_closed, \
                 is_default, display_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                tenant,
                id,
                *board,
                *status,
                *closed,
                order == 0,
                order as i32,
                now
            )?;
            statuses[b].push((id, *closed));
        }
    }
    let mut priorities = Vec::new();
    for (order, (name, color)) in PRIORITIES.iter().enumerate() {
        let id = Uuid::new_v4();
        execute!(
            tx.exec(),
            "INSERT INTO ticket_priorities (tenant, priority_id, board_id, name, color, \
             display_order, updated_at) VALUES ($1, $2, NULL, $3, $4, $5, $6)",
            tenant,
            id,
            *name,
            *color,
            order as i32,
            now
        )?;
        priorities.push(id);
    }
    let mut categories = Vec::new();
    for (order, name) in CATEGORIES.iter().enumerate() {
        let id = Uuid::new_v4();
        execute!(
            tx.exec(),
            "INSERT INTO ticket_categories (tenant, category_id, board_id, name, display_order, \
             updated_at) VALUES ($1, $2, NULL, $3, $4, $5)",
            tenant,
            id,
            *name,
            order as i32,
            now
        )?;
        categories.push(id);
    }
    Ok(Lookups {
        boards,
        statuses,
        priorities,
        categories,
        companies,
    })
}

/// `count` tickets: about 60 % open, updated over the last year (each at its own second),
/// companies by `COMPANY_SHARES`, some awaiting a response, some with a due date.
fn generate(l: &Lookups, count: usize, now: DateTime<Utc>, rng: &mut StdRng) -> Vec<Row> {
    let width = count.to_string().len().max(5);
    let step = (YEAR_SECONDS / count.max(1) as i64).max(1);
    let mut slots: Vec<i64> = (0..count as i64).collect();
    slots.shuffle(rng);
    let seconds = chrono::Duration::seconds;
    (0..count)
        .map(|i| {
            let share = rng.gen_range(0..100u32);
            let mut acc = 0;
            let company = COMPANY_SHARES
                .iter()
                .position(|(_, pct, _)| {
                    acc += pct;
                    share < acc
                })
                .unwrap_or(0);
            let (client_id, contacts) = &l.companies[company];
            let b = usize::from(rng.gen_bool(0.2));
            let closed = rng.gen_bool(0.4);
            let candidates: Vec<Uuid> = l.statuses[b]
                .iter()
                .filter(|(_, c)| *c == closed)
                .map(|(id, _)| *id)
                .collect();
            let updated_at = now - seconds(60 + slots[i] * step);
            let entered_at = updated_at - seconds(rng.gen_range(0..30 * 24 * 3600));
            let subject = SUBJECTS[rng.gen_range(0..SUBJECTS.len())];
            let problem = PROBLEMS[rng.gen_range(0..PROBLEMS.len())];
            Row {
                ticket_id: Uuid::new_v4(),
                number: format!("BT-{:0width$}", i + 1),
                title: format!("{subject} {problem}"),
                description: format!(
                    "The {} {problem} since this morning; several people on the floor are \
                     affected. Please have a look when you can.",
                    subject.to_lowercase()
                ),
                board_id: l.boards[b],
                status_id: candidates[rng.gen_range(0..candidates.len())],
                priority_id: l.priorities[weighted(rng, &[15, 50, 25, 10])],
                category_id: rng
                    .gen_bool(0.85)
                    .then(|| l.categories[rng.gen_range(0..l.categories.len())]),
                client_id: *client_id,
                contact_id: Some(contacts[rng.gen_range(0..contacts.len())]),
                assignee_name: rng
                    .gen_bool(0.8)
                    .then(|| ASSIGNEES[rng.gen_range(0..ASSIGNEES.len())]),
                response_state: match (closed, rng.gen_range(0..10)) {
                    (false, 0..=3) => Some("awaiting_client"),
                    (false, 4..=6) => Some("awaiting_internal"),
                    _ => None,
                },
                entered_at,
                updated_at,
                closed_at: closed.then_some(updated_at),
                due_at: rng
                    .gen_bool(0.3)
                    .then(|| entered_at + seconds(rng.gen_range(3600..21 * 24 * 3600))),
            }
        })
        .collect()
}

/// An index drawn with these relative weights.
fn weighted(rng: &mut StdRng, weights: &[u32]) -> usize {
    let mut pick = rng.gen_range(0..weights.iter().sum::<u32>());
    for (i, w) in weights.iter().enumerate() {
        if pick < *w {
            return i;
        }
        pick -= w;
    }
    0
}

/// Binds every row of a chunk to a multi-row `INSERT` (the same on both backends).
macro_rules! bind_rows {
    ($sql:expr, $tenant:expr, $rows:expr) => {{
        let mut query = sqlx::query($sql);
        for r in $rows {
            query = query
                .bind($tenant)
                .bind(r.ticket_id)
                .bind(r.number.as_str())
                .bind(r.title.as_str())
                .bind(r.description.as_str())
                .bind(r.board_id)
                .bind(r.status_id)
                .bind(r.priority_id)
                .bind(r.category_id)
                .bind(r.client_id)
                .bind(r.contact_id)
                .bind(r.assignee_name)
                .bind(r.response_state)
                .bind("integration")
                .bind(r.entered_at)
                .bind(r.updated_at)
                .bind(r.closed_at)
                .bind(r.due_at);
        }
        query
    }};
}

const COLUMNS: usize = 18;

async fn insert_tickets(tx: &mut Tx, tenant: Uuid, rows: &[Row]) -> anyhow::Result<()> {
    // SQLite gets anonymous `?` binds: it looks a `$n` up by a linear walk of the statement's
    // names, which makes thousands of them quadratic (seeding ran 5 times slower).
    let sqlite = matches!(tx, Tx::Sqlite(_));
    let values: Vec<String> = (0..rows.len())
        .map(|r| {
            let binds: Vec<String> = (1..=COLUMNS)
                .map(|c| {
                    if sqlite {
                        "?".to_owned()
                    } else {
                        format!("${}", r * COLUMNS + c)
                    }
                })
                .collect();
            format!("({})", binds.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO tickets (tenant, ticket_id, ticket_number, title, description, board_id, \
         status_id, priority_id, category_id, client_id, contact_id, assignee_name, \
         response_state, source, entered_at, updated_at, closed_at, due_at) VALUES {}",
        values.join(", ")
    );
    match tx {
        Tx::Sqlite(tx) => {
            bind_rows!(&sql, tenant, rows).execute(&mut **tx).await?;
        }
        Tx::Postgres(tx) => {
            bind_rows!(&sql, tenant, rows).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Brings the planner's statistics up to date, as a running installation would have them
/// (PostgreSQL: `VACUUM ANALYZE`, which also sets the visibility map for index-only scans;
/// SQLite: nothing, as the portal never runs `ANALYZE` there).
pub async fn analyze(db: &Db) -> anyhow::Result<()> {
    if db.backend() == Backend::Postgres {
        execute!(db.exec(), "VACUUM ANALYZE").context("VACUUM ANALYZE")?;
    }
    Ok(())
}

const STATUSES: [(&str, bool); 6] = [
    ("New", false),
    ("In Progress", false),
    ("Waiting on Client", false),
    ("Scheduled", false),
    ("Resolved", true),
    ("Closed", true),
];
const PRIORITIES: [(&str, &str); 4] = [
    ("Critical", "#b91c1c"),
    ("High", "#ea580c"),
    ("Medium", "#ca8a04"),
    ("Low", "#4b5563"),
];
const CATEGORIES: [&str; 5] = ["Hardware", "Software", "Network", "Accounts", "Email"];
const ASSIGNEES: [&str; 6] = [
    "Dana Whitfield",
    "Ravi Menon",
    "Sofia Lindqvist",
    "Marcus Obi",
    "Helen Zhou",
    "Tom Becker",
];
const FIRST_NAMES: [&str; 6] = ["Alice", "Bruno", "Chloe", "Dmitri", "Esther", "Farid"];
const LAST_NAMES: [&str; 5] = ["Martin", "Okafor", "Nakamura", "Schmidt", "Garcia"];
const SUBJECTS: [&str; 10] = [
    "Printer",
    "VPN",
    "Laptop",
    "Outlook",
    "Wi-Fi",
    "File share",
    "Phone system",
    "Payroll app",
    "Monitor",
    "Backup job",
];
const PROBLEMS: [&str; 8] = [
    "is not working",
    "keeps disconnecting",
    "is very slow",
    "shows an error",
    "needs to be set up",
    "stopped syncing",
    "asks for a password again",
    "cannot be reached",
];
