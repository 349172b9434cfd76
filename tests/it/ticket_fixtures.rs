//! Ticket fixtures set up through the integration API, for any test that needs tickets
//! (the portal's ticket pages, the benchmark's smoke checks, the API's own tests).
//!
//! - `integration_token(app, tenant)`: a fresh integration token of `tenant` (admin API).
//! - `Api`: a client of `/integration/v1` with one token: `get`, `put`, `post`, `upload`
//!   answer `(status, JSON body)`.
//! - `put_board`, `put_status`, `put_priority`, `put_category`, `put_group`, `put_access`,
//!   `put_ticket` (from a `TicketSpec`), `post_reply`, `post_note`, `upload`: one call each,
//!   asserting success and yielding the id.
//! - `company_of(app, tenant, email)`: the `(client_id, contact_id)` of a client user made with
//!   `TestApp::client_user` (what tickets refer to).
//! - `seed_basic(app, email)`: two boards with statuses, priorities, categories and four
//!   tickets for that user's company and contact, as a `Fixture` of ids.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use portal_actors::model::TenantInfo;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{TestApp, ADMIN_TOKEN};

/// A fresh integration token reaching `tenant` only.
pub async fn integration_token(app: &TestApp, tenant: &TenantInfo) -> String {
    let resp = app
        .http
        .post(format!(
            "{}/admin/tenants/{}/integration-tokens",
            app.admin, tenant.slug
        ))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "name": "PSA sync" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let body: Value = resp.json().await.unwrap();
    body["token"].as_str().unwrap().to_owned()
}

/// A client of the integration API with one token.
#[derive(Debug, Clone)]
pub struct Api {
    pub base: String,
    pub token: String,
    pub http: reqwest::Client,
}

async fn answer(resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

impl Api {
    /// The API of `tenant`, with a new token.
    pub async fn new(app: &TestApp, tenant: &TenantInfo) -> Api {
        Api::with_token(app, &integration_token(app, tenant).await)
    }

    pub fn with_token(app: &TestApp, token: &str) -> Api {
        Api {
            base: format!("{}/integration/v1", app.integration),
            token: token.to_owned(),
            http: app.http.clone(),
        }
    }

    /// `path` is below `/integration/v1` (e.g. `/tickets`).
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let req = self.http.get(format!("{}{path}", self.base));
        answer(req.bearer_auth(&self.token).send().await.unwrap()).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> (u16, Value) {
        let req = self.http.put(format!("{}{path}", self.base)).json(body);
        answer(req.bearer_auth(&self.token).send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let req = self.http.post(format!("{}{path}", self.base)).json(body);
        answer(req.bearer_auth(&self.token).send().await.unwrap()).await
    }

    /// Uploads `bytes` to the ticket (`query`: e.g. `file_name=a.txt&client_visible=true`).
    pub async fn upload_raw(
        &self,
        ticket: Uuid,
        query: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> (u16, Value) {
        let req = self
            .http
            .post(format!(
                "{}/tickets/{ticket}/attachments?{query}",
                self.base
            ))
            .header("content-type", content_type)
            .body(bytes);
        answer(req.bearer_auth(&self.token).send().await.unwrap()).await
    }
}

fn created(what: &str, (status, body): (u16, Value)) -> Value {
    assert!(status == 201 || status == 200, "{what}: {status} {body}");
    body
}

pub async fn put_board(api: &Api, name: &str, is_default: bool) -> Uuid {
    let id = Uuid::new_v4();
    let body = json!({ "name": name, "is_default": is_default });
    created("board", api.put(&format!("/boards/{id}"), &body).await);
    id
}

pub async fn put_status(
    api: &Api,
    board: Uuid,
    name: &str,
    is_closed: bool,
    is_default: bool,
) -> Uuid {
    let id = Uuid::new_v4();
    let body = json!({ "board_id": board, "name": name, "is_closed": is_closed,
                       "is_default": is_default });
    created("status", api.put(&format!("/statuses/{id}"), &body).await);
    id
}

/// `board`: `None` for a priority of every board.
pub async fn put_priority(api: &Api, board: Option<Uuid>, name: &str, color: &str) -> Uuid {
    let id = Uuid::new_v4();
    let body = json!({ "name": name, "color": color, "board_id": board });
    created(
        "priority",
        api.put(&format!("/priorities/{id}"), &body).await,
    );
    id
}

pub async fn put_category(api: &Api, board: Option<Uuid>, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    let body = json!({ "name": name, "board_id": board });
    created(
        "category",
        api.put(&format!("/categories/{id}"), &body).await,
    );
    id
}

/// A visibility group seeing only `boards`.
pub async fn put_group(api: &Api, name: &str, boards: &[Uuid]) -> Uuid {
    let id = Uuid::new_v4();
    let body = json!({ "name": name, "board_ids": boards });
    created(
        "group",
        api.put(&format!("/visibility-groups/{id}"), &body).await,
    );
    id
}

/// Sets a contact's scope (`client` or `contact`) and visibility group.
pub async fn put_access(api: &Api, contact: Uuid, scope: &str, group: Option<Uuid>) {
    let body = json!({ "scope": scope, "visibility_group_id": group });
    let (status, body) = api
        .put(&format!("/contacts/{contact}/ticket-access"), &body)
        .await;
    assert_eq!(status, 200, "{body}");
}

/// A ticket to upsert; `TicketSpec::new` fills the required fields, the rest are public.
#[derive(Debug, Clone)]
pub struct TicketSpec {
    pub ticket_id: Uuid,
    pub number: String,
    pub title: String,
    pub description: String,
    pub board: Uuid,
    pub status: Uuid,
    pub priority: Uuid,
    pub category: Option<Uuid>,
    pub client: Uuid,
    pub contact: Option<Uuid>,
    pub assignee: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub entered_at: Option<DateTime<Utc>>,
    /// `awaiting_client` or `awaiting_internal`.
    pub response_state: Option<&'static str>,
}

impl TicketSpec {
    pub fn new(
        number: &str,
        title: &str,
        board: Uuid,
        status: Uuid,
        priority: Uuid,
        client: Uuid,
    ) -> TicketSpec {
        TicketSpec {
            ticket_id: Uuid::new_v4(),
            number: number.into(),
            title: title.into(),
            description: format!("{title}: details."),
            board,
            status,
            priority,
            category: None,
            client,
            contact: None,
            assignee: None,
            due_at: None,
            entered_at: None,
            response_state: None,
        }
    }

    pub fn json(&self) -> Value {
        json!({
            "number": self.number, "title": self.title, "description": self.description,
            "board_id": self.board, "status_id": self.status, "priority_id": self.priority,
            "category_id": self.category, "client_id": self.client, "contact_id": self.contact,
            "assignee_name": self.assignee, "due_at": self.due_at, "entered_at": self.entered_at,
            "response_state": self.response_state,
        })
    }
}

/// Upserts the ticket; yields its id.
pub async fn put_ticket(api: &Api, spec: &TicketSpec) -> Uuid {
    let path = format!("/tickets/{}", spec.ticket_id);
    created("ticket", api.put(&path, &spec.json()).await);
    spec.ticket_id
}

async fn comment(api: &Api, ticket: Uuid, author: &str, body: &str, internal: bool) -> Uuid {
    let payload = json!({ "author_name": author, "body": body, "internal": internal });
    let (status, answer) = api
        .post(&format!("/tickets/{ticket}/comments"), &payload)
        .await;
    assert_eq!(status, 201, "{answer}");
    answer["comment_id"].as_str().unwrap().parse().unwrap()
}

/// An MSP reply clients see (the ticket then awaits the client).
pub async fn post_reply(api: &Api, ticket: Uuid, body: &str) -> Uuid {
    comment(api, ticket, "Sam Rivera", body, false).await
}

/// An internal note clients never see.
pub async fn post_note(api: &Api, ticket: Uuid, body: &str) -> Uuid {
    comment(api, ticket, "Sam Rivera", body, true).await
}

/// Uploads a file to the ticket; yields the attachment id.
pub async fn upload(
    api: &Api,
    ticket: Uuid,
    file_name: &str,
    client_visible: bool,
    bytes: &[u8],
) -> Uuid {
    let query = format!("file_name={file_name}&client_visible={client_visible}");
    let (status, body) = api
        .upload_raw(ticket, &query, "text/plain", bytes.to_vec())
        .await;
    assert_eq!(status, 201, "{body}");
    body["attachment_id"].as_str().unwrap().parse().unwrap()
}

#[derive(sqlx::FromRow)]
struct CompanyRow {
    client_id: Uuid,
    contact_id: Uuid,
}

/// The `(client_id, contact_id)` of a client user of `tenant`.
pub async fn company_of(app: &TestApp, tenant: &TenantInfo, email: &str) -> (Uuid, Uuid) {
    let row = portal_actors::query_as!(
        app.db.exec(),
        CompanyRow,
        fetch_one,
        "SELECT c.client_id, c.contact_id FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND u.email = $2",
        tenant.id,
        email
    )
    .unwrap();
    (row.client_id, row.contact_id)
}

/// The statuses `seed_basic` gives the service desk board.
#[derive(Debug, Clone, Copy)]
pub struct DeskStatuses {
    /// The board's default.
    pub new: Uuid,
    pub in_progress: Uuid,
    pub waiting: Uuid,
    /// Closed.
    pub resolved: Uuid,
}

/// What `seed_basic` made.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub api: Api,
    pub client_id: Uuid,
    pub contact_id: Uuid,
    /// "Service Desk", the default board.
    pub desk: Uuid,
    pub desk_statuses: DeskStatuses,
    /// "Projects & Changes".
    pub projects: Uuid,
    /// Its open (default) and closed statuses.
    pub projects_open: Uuid,
    pub projects_done: Uuid,
    /// Global priorities, most urgent first; `project_priority` is the projects board's own.
    pub critical: Uuid,
    pub normal: Uuid,
    pub project_priority: Uuid,
    /// Global category, and one of the projects board.
    pub hardware: Uuid,
    pub change: Uuid,
    /// Open, awaiting the MSP: "Printer jams on the 2nd floor" (`TST-1`), category hardware.
    pub printer: Uuid,
    /// Open, awaiting the client after an MSP reply (and an internal note): "VPN drops" (`TST-2`).
    pub vpn: Uuid,
    /// Closed (resolved): "New starter laptop" (`TST-3`).
    pub laptop: Uuid,
    /// On the projects board: "Firewall firmware upgrade" (`TST-4`).
    pub firewall: Uuid,
    /// The text of the internal note on `vpn` (no client may ever see it).
    pub internal_note: &'static str,
}

/// Seeds the tenant of `app` through the API for the client user `email` (made with
/// `TestApp::client_user`); the tickets have that user's company and contact.
pub async fn seed_basic(app: &TestApp, email: &str) -> Fixture {
    let api = Api::new(app, &app.tenant).await;
    let (client_id, contact_id) = company_of(app, &app.tenant, email).await;
    let desk = put_board(&api, "Service Desk", true).await;
    let desk_statuses = DeskStatuses {
        new: put_status(&api, desk, "New", false, true).await,
        in_progress: put_status(&api, desk, "In Progress", false, false).await,
        waiting: put_status(&api, desk, "Waiting on Client", false, false).await,
        resolved: put_status(&api, desk, "Resolved", true, false).await,
    };
    let projects = put_board(&api, "Projects & Changes", false).await;
    let projects_open = put_status(&api, projects, "Planned", false, true).await;
    let projects_done = put_status(&api, projects, "Done", true, false).await;
    let critical = put_priority(&api, None, "Critical", "#d32f2f").await;
    let normal = put_priority(&api, None, "Normal", "#1976d2").await;
    let project_priority = put_priority(&api, Some(projects), "Scheduled", "#7b1fa2").await;
    let hardware = put_category(&api, None, "Hardware").await;
    let change = put_category(&api, Some(projects), "Change").await;

    let mut printer = TicketSpec::new(
        "TST-1",
        "Printer jams on the 2nd floor",
        desk,
        desk_statuses.new,
        normal,
        client_id,
    );
    printer.contact = Some(contact_id);
    printer.category = Some(hardware);
    printer.response_state = Some("awaiting_internal");
    let printer = put_ticket(&api, &printer).await;

    let mut vpn = TicketSpec::new(
        "TST-2",
        "VPN drops every few minutes",
        desk,
        desk_statuses.in_progress,
        critical,
        client_id,
    );
    vpn.contact = Some(contact_id);
    vpn.assignee = Some("Sam Rivera".into());
    let vpn = put_ticket(&api, &vpn).await;
    let internal_note = "INTERNAL-NOTE: client firewall is ours to fix, do not bill";
    post_note(&api, vpn, internal_note).await;
    app.clock.advance(chrono::Duration::seconds(1));
    post_reply(&api, vpn, "Could you try the new VPN profile and tell us?").await;

    let mut laptop = TicketSpec::new(
        "TST-3",
        "New starter laptop",
        desk,
        desk_statuses.resolved,
        normal,
        client_id,
    );
    laptop.contact = Some(contact_id);
    let laptop = put_ticket(&api, &laptop).await;

    let mut firewall = TicketSpec::new(
        "TST-4",
        "Firewall firmware upgrade",
        projects,
        projects_open,
        project_priority,
        client_id,
    );
    firewall.category = Some(change);
    let firewall = put_ticket(&api, &firewall).await;

    Fixture {
        api,
        client_id,
        contact_id,
        desk,
        desk_statuses,
        projects,
        projects_open,
        projects_done,
        critical,
        normal,
        project_priority,
        hardware,
        change,
        printer,
        vpn,
        laptop,
        firewall,
        internal_note,
    }
}
