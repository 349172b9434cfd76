//! Ticket data for the portal-page tests, written straight into the database the portal uses
//! (the integration API's own tests cover writing it over HTTP): boards, statuses, priorities,
//! categories, tickets, comments and attachments, plus users with roles and contacts.

use chrono::{DateTime, Duration, Utc};
use portal_actors::execute;
use portal_actors::model::TenantInfo;
use uuid::Uuid;

use crate::helpers::{Browser, NowUtc, TestApp, TestUser};

/// Two boards: "Service Desk" (default; New, In Progress, Resolved*) and "Projects" (Planned,
/// Done*), two global priorities and one only on Projects, two categories. (* closed)
pub struct Catalog {
    pub desk: Uuid,
    pub projects: Uuid,
    pub new: Uuid,
    pub in_progress: Uuid,
    pub resolved: Uuid,
    pub planned: Uuid,
    pub done: Uuid,
    pub low: Uuid,
    pub high: Uuid,
    pub project_only: Uuid,
    pub hardware: Uuid,
    pub software: Uuid,
}

pub async fn catalog(app: &TestApp, tenant: &TenantInfo) -> Catalog {
    let t = tenant.id;
    let now = app.clock.now_utc();
    let c = Catalog {
        desk: Uuid::new_v4(),
        projects: Uuid::new_v4(),
        new: Uuid::new_v4(),
        in_progress: Uuid::new_v4(),
        resolved: Uuid::new_v4(),
        planned: Uuid::new_v4(),
        done: Uuid::new_v4(),
        low: Uuid::new_v4(),
        high: Uuid::new_v4(),
        project_only: Uuid::new_v4(),
        hardware: Uuid::new_v4(),
        software: Uuid::new_v4(),
    };
    for (id, name, default, order) in [
        (c.desk, "Service Desk", true, 1_i64),
        (c.projects, "Projects", false, 2),
    ] {
        execute!(
            app.db.exec(),
            "INSERT INTO ticket_boards (tenant, board_id, name, is_default, display_order, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            t, id, name, default, order, now
        )
        .unwrap();
    }
    for (id, board, name, closed, default, order) in [
        (c.new, c.desk, "New", false, true, 1_i64),
        (c.in_progress, c.desk, "In Progress", false, false, 2),
        (c.resolved, c.desk, "Resolved", true, false, 3),
        (c.planned, c.projects, "Planned", false, true, 1),
        (c.done, c.projects, "Done", true, false, 2),
    ] {
        execute!(
            app.db.exec(),
            "INSERT INTO ticket_statuses (tenant, status_id, board_id, name, is_closed, is_default, \
                 display_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            t, id, board, name, closed, default, order, now
        )
        .unwrap();
    }
    for (id, board, name, color, order) in [
        (c.low, None, "Low", "#2e7d32", 3_i64),
        (c.high, None, "High", "#c62828", 1),
        (c.project_only, Some(c.projects), "Milestone", "#6a1b9a", 2),
    ] {
        execute!(
            app.db.exec(),
            "INSERT INTO ticket_priorities (tenant, priority_id, board_id, name, color, display_order, \
                 updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            t, id, board, name, color, order, now
        )
        .unwrap();
    }
    for (id, name) in [(c.hardware, "Hardware"), (c.software, "Software")] {
        execute!(
            app.db.exec(),
            "INSERT INTO ticket_categories (tenant, category_id, board_id, name, display_order, \
                 updated_at) VALUES ($1, $2, NULL, $3, 0, $4)",
            t,
            id,
            name,
            now
        )
        .unwrap();
    }
    c
}

/// A client user, and their company and contact.
pub struct Person {
    pub user: TestUser,
    pub client_id: Uuid,
    pub contact_id: Uuid,
}

/// A client user whose contact has the portal role `role` (`Admin`, `Finance`, `User`;
/// `None`: the default, User).
pub async fn person(
    app: &TestApp,
    tenant: &TenantInfo,
    email: &str,
    company: &str,
    role: Option<&str>,
) -> Person {
    let user = app.client_user(Some(tenant), email, company).await;
    if let Some(role) = role {
        let role = portal_actors::model::PortalRole::parse(role).unwrap();
        crate::helpers::set_portal_role(app, tenant, user.user_id, role.as_str()).await;
    }
    let (client_id, contact_id): (Uuid, Uuid) = portal_actors::query_as!(
        app.db.exec(),
        (Uuid, Uuid),
        fetch_one,
        "SELECT c.client_id, c.contact_id FROM users u JOIN contacts c \
         ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.user_id = $2",
        tenant.id,
        user.user_id
    )
    .unwrap();
    Person {
        user,
        client_id,
        contact_id,
    }
}

/// Gives the Finance role of `tenant` exactly `permissions` (through the operators' function).
pub async fn finance_holds(app: &TestApp, tenant: &TenantInfo, permissions: &[&str]) {
    let wanted: Vec<String> = permissions.iter().map(|p| (*p).to_owned()).collect();
    portal_actors::admin::roles::set_role_permissions(
        &app.db,
        tenant.id,
        portal_actors::model::PortalRole::Finance,
        &wanted,
        &portal_actors::model::RequestOrigin::default(),
    )
    .await
    .unwrap();
}

/// A Finance user of `tenant` whose role holds no ticket permission (Finance is left with
/// billing only).
pub async fn without_tickets(
    app: &TestApp,
    tenant: &TenantInfo,
    email: &str,
    company: &str,
) -> Person {
    finance_holds(app, tenant, &["billing:read", "billing:update"]).await;
    person(app, tenant, email, company, Some("Finance")).await
}

/// Signs `person` in (to `tenant`) and returns the browser.
pub async fn signed_in(app: &TestApp, tenant: &TenantInfo, person: &Person) -> Browser {
    crate::helpers::signed_in_at(app, tenant, &person.user.email).await
}

/// A ticket to seed; `new_ticket` fills in the usual values.
pub struct Seed {
    pub number: String,
    pub title: String,
    pub description: String,
    pub board: Uuid,
    pub status: Uuid,
    pub closed: bool,
    pub priority: Uuid,
    pub category: Option<Uuid>,
    pub client_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub response: Option<&'static str>,
    pub entered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
}

/// An open Service Desk ticket of `owner`, low priority, updated `minutes_ago`.
pub fn new_ticket(
    app: &TestApp,
    c: &Catalog,
    owner: &Person,
    number: &str,
    title: &str,
    minutes_ago: i64,
) -> Seed {
    let at = app.clock.now_utc() - Duration::minutes(minutes_ago);
    Seed {
        number: number.into(),
        title: title.into(),
        description: format!("About: {title}"),
        board: c.desk,
        status: c.new,
        closed: false,
        priority: c.low,
        category: None,
        client_id: owner.client_id,
        contact_id: Some(owner.contact_id),
        response: None,
        entered_at: at - Duration::days(1),
        updated_at: at,
        due_at: None,
    }
}

pub async fn insert(app: &TestApp, tenant: &TenantInfo, s: &Seed) -> Uuid {
    let id = Uuid::new_v4();
    execute!(
        app.db.exec(),
        "INSERT INTO tickets (tenant, ticket_id, ticket_number, title, description, board_id, \
             status_id, priority_id, category_id, client_id, contact_id, assignee_name, \
             response_state, source, entered_at, updated_at, closed_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'Sam Support', $12, 'integration', \
                 $13, $14, $15, $16)",
        tenant.id,
        id,
        &s.number,
        &s.title,
        &s.description,
        s.board,
        s.status,
        s.priority,
        s.category,
        s.client_id,
        s.contact_id,
        s.response,
        s.entered_at,
        s.updated_at,
        s.closed.then_some(s.updated_at),
        s.due_at
    )
    .unwrap();
    id
}

/// A comment on a ticket: from support (`internal` notes are never shown to clients) or a client.
pub async fn comment(
    app: &TestApp,
    tenant: &TenantInfo,
    ticket: Uuid,
    author: Option<&Person>,
    internal: bool,
    body: &str,
) -> Uuid {
    let id = Uuid::new_v4();
    let (kind, user, name) = match author {
        Some(p) => ("client", Some(p.user.user_id), "Ada Lovelace"),
        None => ("internal", None, "Sam Support"),
    };
    execute!(
        app.db.exec(),
        "INSERT INTO ticket_comments (tenant, comment_id, ticket_id, author_type, author_user_id, \
             author_name, is_internal, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        tenant.id,
        id,
        ticket,
        kind,
        user,
        name,
        internal,
        body,
        app.clock.now_utc()
    )
    .unwrap();
    id
}

/// An attachment from support, stored through the portal's attachment store.
pub async fn attachment(
    app: &TestApp,
    tenant: &TenantInfo,
    ticket: Uuid,
    name: &str,
    contents: &[u8],
    client_visible: bool,
) -> Uuid {
    let mut upload = app.state.attachments.begin(u64::MAX).await.unwrap();
    upload.write(contents).await.unwrap();
    let blob = upload.finish(&app.state.attachments).await.unwrap();
    let id = Uuid::new_v4();
    execute!(
        app.db.exec(),
        "INSERT INTO ticket_attachments (tenant, attachment_id, ticket_id, file_name, size_bytes, \
             content_type, content_hash, is_client_visible, uploaded_by_type, uploaded_by_name, \
             created_at) VALUES ($1, $2, $3, $4, $5, 'text/plain', $6, $7, 'internal', 'Sam Support', $8)",
        tenant.id,
        id,
        ticket,
        name,
        i64::try_from(contents.len()).unwrap(),
        &blob.content_hash,
        client_visible,
        app.clock.now_utc()
    )
    .unwrap();
    id
}

/// Sets a contact's ticket scope (`client` or `contact`) and visibility group.
pub async fn set_access(
    app: &TestApp,
    tenant: &TenantInfo,
    person: &Person,
    scope: &str,
    group: Option<Uuid>,
) {
    execute!(
        app.db.exec(),
        "UPDATE contacts SET ticket_scope = $3, ticket_visibility_group = $4 \
         WHERE tenant = $1 AND contact_id = $2",
        tenant.id,
        person.contact_id,
        scope,
        group
    )
    .unwrap();
}

/// A visibility group of these boards.
pub async fn group(app: &TestApp, tenant: &TenantInfo, boards: &[Uuid]) -> Uuid {
    let id = Uuid::new_v4();
    execute!(
        app.db.exec(),
        "INSERT INTO ticket_visibility_groups (tenant, group_id, name, updated_at) VALUES ($1, $2, 'Desk only', $3)",
        tenant.id,
        id,
        app.clock.now_utc()
    )
    .unwrap();
    for board in boards {
        execute!(
            app.db.exec(),
            "INSERT INTO ticket_visibility_group_boards (tenant, group_id, board_id) VALUES ($1, $2, $3)",
            tenant.id,
            id,
            *board
        )
        .unwrap();
    }
    id
}

/// The ticket numbers of a list page, in order.
pub fn numbers(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in body.split("<td><a href=\"/client-portal/tickets/").skip(1) {
        // The number and the title cells both link to the ticket.
        if let Some((number, _)) = part.split_once('"') {
            if out.last().map(String::as_str) != Some(number) {
                out.push(number.to_owned());
            }
        }
    }
    out
}
