//! The integration API: per-tenant tokens, upserts round trips, field-named refusals that
//! change nothing, tickets following their status, replies and notes, uploads, the feed's
//! cursor, isolation between tenants, and the OpenAPI document matching the routes.

use portal_actors::Clock;
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{
    output_text, portal_command, run_portal, spawn_app, spawn_app_with, TestApp, ADMIN_TOKEN,
};
use crate::ticket_fixtures::{
    company_of, put_board, put_priority, put_status, put_ticket, seed_basic, Api, Fixture,
    TicketSpec,
};

async fn admin(app: &TestApp, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = app
        .http
        .request(method, format!("{}{path}", app.admin))
        .bearer_auth(ADMIN_TOKEN);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn seeded() -> Option<(TestApp, Fixture)> {
    let app = spawn_app().await?;
    app.client_user(None, "ada@acme.example", "Acme Manufacturing")
        .await;
    let fixture = seed_basic(&app, "ada@acme.example").await;
    Some((app, fixture))
}

fn assert_field((status, body): &(u16, Value), field: &str) {
    assert_eq!(*status, 400, "{field}: {body}");
    assert_eq!(body["error"], "invalid_field", "{field}: {body}");
    assert_eq!(body["field"], field, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[actix_web::test]
async fn tokens_are_created_listed_used_and_revoked() {
    let Some(app) = spawn_app().await else { return };
    let base = format!("/admin/tenants/{}/integration-tokens", app.tenant.slug);
    let (status, created) = admin(
        &app,
        Method::POST,
        &base,
        Some(json!({"name": "ConnectWise"})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let token = created["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 43);
    let token_id = created["token_id"].as_str().unwrap().to_owned();

    let api = Api::with_token(&app, &token);
    assert_eq!(api.get("/boards").await.0, 200);
    // Nothing but a live token of this kind gets in; the answer says no more than that.
    for bad in ["", "nope", ADMIN_TOKEN, &format!("{}x", &token[..42])] {
        let (status, body) = Api::with_token(&app, bad).get("/boards").await;
        assert_eq!(status, 401, "{bad}");
        assert_eq!(body, json!({"error": "unauthorized"}));
    }
    let resp = app
        .http
        .get(format!("{}/integration/v1/tickets", app.admin))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);

    let (status, list) = admin(&app, Method::GET, &base, None).await;
    assert_eq!(status, 200);
    let listed = &list["tokens"][0];
    assert_eq!(listed["name"], "ConnectWise");
    assert!(
        !listed["last_used_at"].is_null(),
        "use is recorded: {listed}"
    );
    assert!(listed.get("token").is_none() && !list.to_string().contains(&token));
    assert!(!list
        .to_string()
        .contains(&portal_actors::tokens::token_hash(&token)));

    let (status, revoked) = admin(&app, Method::DELETE, &format!("{base}/{token_id}"), None).await;
    assert_eq!(status, 200, "{revoked}");
    assert!(!revoked["revoked_at"].is_null());
    assert_eq!(api.get("/boards").await.0, 401);
    assert_eq!(
        admin(&app, Method::DELETE, &format!("{base}/{token_id}"), None)
            .await
            .0,
        200
    );
    assert_eq!(
        admin(
            &app,
            Method::DELETE,
            &format!("{base}/{}", Uuid::new_v4()),
            None
        )
        .await
        .0,
        404
    );

    assert_field(
        &admin(&app, Method::POST, &base, Some(json!({"name": " "}))).await,
        "name",
    );
    assert_eq!(
        admin(
            &app,
            Method::POST,
            &base,
            Some(json!({"name": "x", "tenant": "y"}))
        )
        .await
        .0,
        400
    );
    let (status, _) = admin(
        &app,
        Method::POST,
        "/admin/tenants/nobody-here/integration-tokens",
        Some(json!({"name": "x"})),
    )
    .await;
    assert_eq!(status, 404);
    // The admin token is needed to manage tokens.
    let resp = app
        .http
        .get(format!("{}{base}", app.admin))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);

    app.admin_post("/admin/actors/audit/flush", Some(ADMIN_TOKEN))
        .await;
    for event in ["integration_token_created", "integration_token_revoked"] {
        let (_, trail) = admin(
            &app,
            Method::GET,
            &format!("/admin/audit?tenant={}&event_type={event}", app.tenant.slug),
            None,
        )
        .await;
        let events = trail["events"].as_array().unwrap();
        assert_eq!(events.len(), 1, "{event}: {trail}");
        assert!(events[0]["details"].as_str().unwrap().contains(&token_id));
        assert!(!trail.to_string().contains(&token));
    }
}

#[actix_web::test]
async fn a_token_reaches_only_its_own_tenant() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let other = app.create_tenant("Contoso MSP").await;
    let theirs = Api::new(&app, &other).await;
    // Probing this tenant's ids with the other tenant's token: 404, or an unknown reference.
    for ticket in [f.printer, f.vpn] {
        let (status, body) = theirs.get(&format!("/tickets/{ticket}")).await;
        assert_eq!((status, &body), (404, &json!({"error": "not_found"})));
        let reply = json!({"author_name": "x", "body": "hello", "internal": false});
        assert_eq!(
            theirs
                .post(&format!("/tickets/{ticket}/comments"), &reply)
                .await
                .0,
            404
        );
        assert_eq!(
            theirs
                .upload_raw(ticket, "file_name=a.txt", "text/plain", b"abc".to_vec())
                .await
                .0,
            404
        );
    }
    let status = json!({"board_id": f.desk, "name": "Hijack", "is_closed": true});
    assert_field(
        &theirs
            .put(&format!("/statuses/{}", f.desk_statuses.new), &status)
            .await,
        "board_id",
    );
    let (_, feed) = theirs.get("/tickets").await;
    assert_eq!(feed["tickets"], json!([]));
    let (_, boards) = theirs.get("/boards").await;
    assert_eq!(boards["boards"], json!([]));
    assert_eq!(
        theirs
            .get(&format!("/contacts/{}/ticket-access", f.contact_id))
            .await
            .0,
        404
    );
    // And nothing of this tenant changed.
    let (_, ticket) = f.api.get(&format!("/tickets/{}", f.printer)).await;
    assert_eq!(ticket["status_name"], "New");
    assert_eq!(ticket["comments"], json!([]));
}

#[actix_web::test]
async fn catalog_upserts_round_trip() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let board = Uuid::new_v4();
    let (status, b) = api
        .put(
            &format!("/boards/{board}"),
            &json!({"name": "Service Desk", "is_default": true}),
        )
        .await;
    assert_eq!(status, 201, "{b}");
    assert_eq!(
        (b["name"].as_str(), b["is_default"].as_bool()),
        (Some("Service Desk"), Some(true))
    );
    let (status, b) = api
        .put(
            &format!("/boards/{board}"),
            &json!({"name": "Help Desk", "is_default": true, "display_order": 2}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(b["name"], "Help Desk");
    let second = put_board(&api, "Projects", true).await;
    let (_, list) = api.get("/boards").await;
    let boards = list["boards"].as_array().unwrap();
    assert_eq!(boards.len(), 2);
    let find = |id: Uuid| {
        boards
            .iter()
            .find(|b| b["board_id"] == id.to_string())
            .unwrap()
            .clone()
    };
    assert_eq!(find(board)["is_default"], false, "one default at a time");
    assert_eq!(find(second)["is_default"], true);
    assert_eq!(find(board)["display_order"], 2);

    let status_id = Uuid::new_v4();
    let body = json!({"board_id": board, "name": "New", "is_closed": false, "is_default": true});
    assert_eq!(
        api.put(&format!("/statuses/{status_id}"), &body).await.0,
        201
    );
    let body = json!({"board_id": board, "name": "Triage", "is_closed": false, "is_default": true});
    let (status, s) = api.put(&format!("/statuses/{status_id}"), &body).await;
    assert_eq!((status, s["name"].as_str()), (200, Some("Triage")));
    let other_default = put_status(&api, board, "Open", false, true).await;
    let (_, list) = api.get("/boards").await;
    let statuses = list["boards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["board_id"] == board.to_string())
        .unwrap()["statuses"]
        .clone();
    assert_eq!(statuses.as_array().unwrap().len(), 2);
    for s in statuses.as_array().unwrap() {
        assert_eq!(
            s["is_default"],
            s["status_id"] == other_default.to_string(),
            "{s}"
        );
    }

    let priority = Uuid::new_v4();
    let (status, p) = api
        .put(
            &format!("/priorities/{priority}"),
            &json!({"name": "P1", "color": "#D32F2F"}),
        )
        .await;
    assert_eq!(
        (status, p["color"].as_str(), p["board_id"].is_null()),
        (201, Some("#d32f2f"), true)
    );
    let (status, p) = api
        .put(
            &format!("/priorities/{priority}"),
            &json!({"name": "P1 Critical", "color": "#d32f2f", "board_id": board}),
        )
        .await;
    assert_eq!(
        (status, p["board_id"].as_str()),
        (200, Some(board.to_string().as_str()))
    );
    let (_, list) = api.get("/priorities").await;
    assert_eq!(list["priorities"][0]["name"], "P1 Critical");

    let category = Uuid::new_v4();
    assert_eq!(
        api.put(
            &format!("/categories/{category}"),
            &json!({"name": "Hardware"})
        )
        .await
        .0,
        201
    );
    assert_eq!(
        api.put(
            &format!("/categories/{category}"),
            &json!({"name": "Printers"})
        )
        .await
        .0,
        200
    );
    let (_, list) = api.get("/categories").await;
    assert_eq!(list["categories"][0]["name"], "Printers");

    let group = Uuid::new_v4();
    let (status, g) = api
        .put(
            &format!("/visibility-groups/{group}"),
            &json!({"name": "Finance", "board_ids": [board, second]}),
        )
        .await;
    assert_eq!((status, g["board_ids"].as_array().unwrap().len()), (201, 2));
    let (status, g) = api
        .put(
            &format!("/visibility-groups/{group}"),
            &json!({"name": "Finance", "board_ids": [second]}),
        )
        .await;
    assert_eq!((status, g["board_ids"].clone()), (200, json!([second])));
    let (_, list) = api.get("/visibility-groups").await;
    assert_eq!(
        list["visibility_groups"][0]["board_ids"],
        json!([second]),
        "the set is replaced"
    );

    let user = app.client_user(None, "ben@acme.example", "Acme").await;
    let (_, contact) = company_of(&app, &app.tenant, &user.email).await;
    let path = format!("/contacts/{contact}/ticket-access");
    let (status, access) = api.get(&path).await;
    assert_eq!((status, access["scope"].as_str()), (200, Some("client")));
    let (status, access) = api
        .put(
            &path,
            &json!({"scope": "contact", "visibility_group_id": group}),
        )
        .await;
    assert_eq!(status, 200, "{access}");
    let (_, access) = api.get(&path).await;
    assert_eq!(access["scope"], "contact");
    assert_eq!(access["visibility_group_id"], group.to_string());
    assert_eq!(
        api.put(&path, &json!({"scope": "client"})).await.1["visibility_group_id"],
        Value::Null
    );
    assert_eq!(
        api.get(&format!("/contacts/{}/ticket-access", Uuid::new_v4()))
            .await
            .0,
        404
    );
}

/// Everything the API lists, to show a refusal changed nothing.
async fn snapshot(api: &Api) -> Vec<Value> {
    let mut all = Vec::new();
    for path in [
        "/boards",
        "/priorities",
        "/categories",
        "/visibility-groups",
        "/tickets",
    ] {
        all.push(api.get(path).await.1);
    }
    all
}

#[actix_web::test]
async fn invalid_fields_are_named_and_change_nothing() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let before = snapshot(api).await;
    let ticket = |overrides: Value| {
        let mut spec = TicketSpec::new(
            "TST-9",
            "Scanner",
            f.desk,
            f.desk_statuses.new,
            f.normal,
            f.client_id,
        )
        .json();
        for (k, v) in overrides.as_object().unwrap() {
            spec[k] = v.clone();
        }
        spec
    };
    let other_client = app.client_user(None, "zed@globex.example", "Globex").await;
    let (globex, globex_contact) = company_of(&app, &app.tenant, &other_client.email).await;
    let unknown = Uuid::new_v4();
    let t = format!("/tickets/{}", Uuid::new_v4());
    let cases: Vec<(String, Value, &str)> = vec![
        (format!("/boards/{}", f.desk), json!({}), "name"),
        (
            format!("/boards/{}", f.desk),
            json!({"name": "x", "is_default": "yes"}),
            "is_default",
        ),
        (
            format!("/boards/{}", f.desk),
            json!({"name": "x", "display_order": "1"}),
            "display_order",
        ),
        (
            format!("/boards/{}", f.desk),
            json!({"name": "x", "colour": "red"}),
            "colour",
        ),
        (
            "/boards/not-a-uuid".into(),
            json!({"name": "x"}),
            "board_id",
        ),
        (
            format!("/statuses/{unknown}"),
            json!({"board_id": unknown, "name": "x", "is_closed": false}),
            "board_id",
        ),
        (
            format!("/statuses/{unknown}"),
            json!({"board_id": f.desk, "name": "x"}),
            "is_closed",
        ),
        (
            format!("/statuses/{}", f.desk_statuses.new),
            json!({"board_id": f.projects, "name": "New", "is_closed": false}),
            "board_id",
        ),
        (
            format!("/priorities/{unknown}"),
            json!({"name": "x", "color": "red"}),
            "color",
        ),
        (
            format!("/priorities/{unknown}"),
            json!({"name": "x", "color": "#123456", "board_id": unknown}),
            "board_id",
        ),
        (
            format!("/priorities/{}", f.normal),
            json!({"name": "Normal", "color": "#123456", "board_id": f.projects}),
            "board_id",
        ),
        (
            format!("/categories/{unknown}"),
            json!({"name": "", "board_id": null}),
            "name",
        ),
        (
            format!("/categories/{unknown}"),
            json!({"name": "x", "board_id": "nope"}),
            "board_id",
        ),
        (
            format!("/visibility-groups/{unknown}"),
            json!({"name": "g", "board_ids": [unknown]}),
            "board_ids",
        ),
        (
            format!("/visibility-groups/{unknown}"),
            json!({"name": "g"}),
            "board_ids",
        ),
        (
            format!("/contacts/{}/ticket-access", f.contact_id),
            json!({"scope": "everyone"}),
            "scope",
        ),
        (
            format!("/contacts/{}/ticket-access", f.contact_id),
            json!({"scope": "client", "visibility_group_id": unknown}),
            "visibility_group_id",
        ),
        (
            "/contacts/x/ticket-access".into(),
            json!({"scope": "client"}),
            "contact_id",
        ),
        (t.clone(), ticket(json!({"number": "no spaces"})), "number"),
        (
            t.clone(),
            ticket(json!({"number": "x".repeat(33)})),
            "number",
        ),
        (t.clone(), ticket(json!({"title": ""})), "title"),
        (t.clone(), ticket(json!({"board_id": unknown})), "board_id"),
        (
            t.clone(),
            ticket(json!({"status_id": unknown})),
            "status_id",
        ),
        (
            t.clone(),
            ticket(json!({"status_id": f.projects_open})),
            "status_id",
        ),
        (
            t.clone(),
            ticket(json!({"priority_id": unknown})),
            "priority_id",
        ),
        (
            t.clone(),
            ticket(json!({"priority_id": f.project_priority})),
            "priority_id",
        ),
        (
            t.clone(),
            ticket(json!({"category_id": f.change})),
            "category_id",
        ),
        (
            t.clone(),
            ticket(json!({"category_id": unknown})),
            "category_id",
        ),
        (
            t.clone(),
            ticket(json!({"client_id": unknown})),
            "client_id",
        ),
        (
            t.clone(),
            ticket(json!({"contact_id": unknown})),
            "contact_id",
        ),
        (
            t.clone(),
            ticket(json!({"contact_id": globex_contact})),
            "contact_id",
        ),
        (
            t.clone(),
            ticket(json!({"client_id": globex, "contact_id": f.contact_id})),
            "contact_id",
        ),
        (t.clone(), ticket(json!({"due_at": "next week"})), "due_at"),
        (
            t.clone(),
            ticket(json!({"response_state": "urgent"})),
            "response_state",
        ),
        (
            t.clone(),
            ticket(json!({"assignee_name": 42})),
            "assignee_name",
        ),
        (t.clone(), ticket(json!({"source": "portal"})), "source"),
        ("/tickets/1234".into(), ticket(json!({})), "ticket_id"),
    ];
    for (path, body, field) in &cases {
        assert_field(&api.put(path, body).await, field);
    }
    let comments = format!("/tickets/{}/comments", f.printer);
    for (body, field) in [
        (json!({"body": "x", "internal": false}), "author_name"),
        (
            json!({"author_name": "Sam", "body": " ", "internal": false}),
            "body",
        ),
        (json!({"author_name": "Sam", "body": "x"}), "internal"),
        (
            json!({"author_name": "Sam", "body": "x", "internal": false, "comment_id": "c1"}),
            "comment_id",
        ),
    ] {
        assert_field(&api.post(&comments, &body).await, field);
    }
    assert_field(&api.get("/tickets?limit=0").await, "limit");
    assert_field(
        &api.get("/tickets?updated_since=yesterday").await,
        "updated_since",
    );
    assert_field(&api.get("/tickets/abc").await, "ticket_id");
    // The number of another ticket.
    let (status, body) = api.put(&t, &ticket(json!({"number": "TST-1"}))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("number_taken"))
    );
    // Malformed JSON, and JSON that is not an object.
    let resp = api
        .http
        .put(format!("{}/boards/{}", api.base, f.desk))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(resp.json::<Value>().await.unwrap()["error"], "invalid_json");
    assert_field(
        &api.put(&format!("/boards/{}", f.desk), &json!(["x"])).await,
        "body",
    );
    let (status, body) = api.get(&format!("/tickets/{}", Uuid::new_v4())).await;
    assert_eq!((status, body), (404, json!({"error": "not_found"})));
    assert_eq!(snapshot(api).await, before, "refusals changed nothing");
}

#[actix_web::test]
async fn tickets_round_trip_and_follow_their_status() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let created_before = app
        .metric(
            "portal_tickets_created_total",
            &[("source", "integration"), ("outcome", "success")],
        )
        .await;
    let mut spec = TicketSpec::new(
        "PSA-100",
        "Backup alert: job failed",
        f.desk,
        f.desk_statuses.new,
        f.critical,
        f.client_id,
    );
    spec.contact = Some(f.contact_id);
    spec.category = Some(f.hardware);
    spec.assignee = Some("Priya Shah".into());
    spec.due_at = Some("2030-01-02T09:00:00Z".parse().unwrap());
    spec.entered_at = Some("2029-12-30T08:15:00Z".parse().unwrap());
    spec.response_state = Some("awaiting_internal");
    let path = format!("/tickets/{}", spec.ticket_id);
    let (status, t) = api.put(&path, &spec.json()).await;
    assert_eq!(status, 201, "{t}");
    let (status, t) = api.get(&path).await;
    assert_eq!(status, 200);
    for (k, v) in [
        ("number", json!("PSA-100")),
        ("title", json!("Backup alert: job failed")),
        ("board_name", json!("Service Desk")),
        ("status_name", json!("New")),
        ("priority_name", json!("Critical")),
        ("priority_color", json!("#d32f2f")),
        ("category_name", json!("Hardware")),
        ("client_name", json!("Acme Manufacturing")),
        ("contact_name", json!("Test Contact")),
        ("assignee_name", json!("Priya Shah")),
        ("response_state", json!("awaiting_internal")),
        ("source", json!("integration")),
        ("is_closed", json!(false)),
        ("closed_at", Value::Null),
        ("comments", json!([])),
        ("attachments", json!([])),
    ] {
        assert_eq!(t[k], v, "{k}: {t}");
    }
    assert!(t["due_at"]
        .as_str()
        .unwrap()
        .starts_with("2030-01-02T09:00:00"));
    assert!(t["entered_at"]
        .as_str()
        .unwrap()
        .starts_with("2029-12-30T08:15:00"));
    let created_after = app
        .metric(
            "portal_tickets_created_total",
            &[("source", "integration"), ("outcome", "success")],
        )
        .await;
    assert_eq!(created_after, created_before + 1.0);

    // The same again changes nothing (not even updated_at); a change is written.
    app.clock.advance(chrono::Duration::minutes(5));
    let (status, same) = api.put(&path, &spec.json()).await;
    assert_eq!((status, &same["updated_at"]), (200, &t["updated_at"]));
    spec.title = "Backup alert: job failed twice".into();
    spec.status = f.desk_statuses.resolved;
    spec.response_state = None;
    let (status, changed) = api.put(&path, &spec.json()).await;
    assert_eq!(status, 200);
    assert_eq!(changed["title"], "Backup alert: job failed twice");
    assert_ne!(changed["updated_at"], t["updated_at"]);
    assert_eq!(
        changed["response_state"], "awaiting_internal",
        "omitted: kept"
    );
    assert_eq!(changed["is_closed"], true);
    let closed_at = changed["closed_at"].clone();
    assert!(closed_at.is_string());
    assert_eq!(
        app.metric(
            "portal_tickets_created_total",
            &[("source", "integration"), ("outcome", "success")]
        )
        .await,
        created_after,
        "updates are not creations"
    );

    // A status turning open reopens its tickets; closed again, they close again.
    let waiting = json!({"board_id": f.desk, "name": "Resolved", "is_closed": false});
    app.clock.advance(chrono::Duration::minutes(1));
    assert_eq!(
        api.put(&format!("/statuses/{}", f.desk_statuses.resolved), &waiting)
            .await
            .0,
        200
    );
    for ticket in [f.laptop, spec.ticket_id] {
        let (_, t) = api.get(&format!("/tickets/{ticket}")).await;
        assert_eq!(
            (t["is_closed"].clone(), t["closed_at"].clone()),
            (json!(false), Value::Null),
            "{t}"
        );
    }
    let closed = json!({"board_id": f.desk, "name": "Resolved", "is_closed": true});
    app.clock.advance(chrono::Duration::minutes(1));
    let (_, before) = api.get(&format!("/tickets/{}", f.printer)).await;
    assert_eq!(
        api.put(&format!("/statuses/{}", f.desk_statuses.resolved), &closed)
            .await
            .0,
        200
    );
    let (_, laptop) = api.get(&format!("/tickets/{}", f.laptop)).await;
    assert_eq!(laptop["is_closed"], true);
    assert!(laptop["closed_at"].is_string());
    let (_, printer) = api.get(&format!("/tickets/{}", f.printer)).await;
    assert_eq!(printer, before, "tickets of other statuses are untouched");
}

#[actix_web::test]
async fn replies_await_the_client_and_internal_notes_change_nothing_clients_see() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let path = format!("/tickets/{}", f.printer);
    let (_, before) = api.get(&path).await;
    assert_eq!(before["response_state"], "awaiting_internal");
    let replies_before = app
        .metric(
            "portal_ticket_comments_total",
            &[("author", "internal"), ("outcome", "success")],
        )
        .await;

    app.clock.advance(chrono::Duration::minutes(3));
    let note =
        json!({"author_name": "Sam Rivera", "body": "Toner is **on order**", "internal": true});
    let (status, n) = api.post(&format!("{path}/comments"), &note).await;
    assert_eq!((status, n["internal"].as_bool()), (201, Some(true)));
    let (_, after_note) = api.get(&path).await;
    assert_eq!(after_note["response_state"], "awaiting_internal");
    assert_eq!(
        after_note["updated_at"], before["updated_at"],
        "a note is not a visible change"
    );

    app.clock.advance(chrono::Duration::minutes(3));
    let comment_id = Uuid::new_v4();
    let reply = json!({"comment_id": comment_id, "author_name": "Sam Rivera",
                       "body": "We replaced the fuser. Does it print now?", "internal": false});
    let (status, r) = api.post(&format!("{path}/comments"), &reply).await;
    assert_eq!((status, r["author_type"].as_str()), (201, Some("internal")));
    let (_, after_reply) = api.get(&path).await;
    assert_eq!(after_reply["response_state"], "awaiting_client");
    assert_ne!(after_reply["updated_at"], before["updated_at"]);
    // A replay of the same comment id changes nothing.
    app.clock.advance(chrono::Duration::minutes(3));
    let (status, again) = api.post(&format!("{path}/comments"), &reply).await;
    assert_eq!((status, &again["comment_id"]), (200, &json!(comment_id)));
    let (_, t) = api.get(&path).await;
    assert_eq!(t["updated_at"], after_reply["updated_at"]);
    let comments = t["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(
        (
            comments[0]["internal"].clone(),
            comments[1]["internal"].clone()
        ),
        (json!(true), json!(false))
    );
    assert_eq!(comments[0]["body"], "Toner is **on order**");
    assert_eq!(
        app.metric(
            "portal_ticket_comments_total",
            &[("author", "internal"), ("outcome", "success")]
        )
        .await,
        replies_before + 2.0
    );
    // A comment id of another ticket is refused.
    let (status, body) = api
        .post(&format!("/tickets/{}/comments", f.vpn), &reply)
        .await;
    assert_eq!((status, body["field"].as_str()), (400, Some("comment_id")));
    let (status, _) = api
        .post(&format!("/tickets/{}/comments", Uuid::new_v4()), &note)
        .await;
    assert_eq!(status, 404);
    // The fixture's VPN ticket: note then reply, awaiting the client, note flagged internal.
    let (_, vpn) = api.get(&format!("/tickets/{}", f.vpn)).await;
    assert_eq!(vpn["response_state"], "awaiting_client");
    let vpn_comments = vpn["comments"].as_array().unwrap();
    let note = vpn_comments
        .iter()
        .find(|c| c["body"] == f.internal_note)
        .unwrap();
    assert_eq!(note["internal"], true);
    assert_eq!(
        vpn_comments
            .iter()
            .filter(|c| c["internal"] == false)
            .count(),
        1
    );
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[actix_web::test]
async fn uploads_are_limited_and_leave_nothing_behind() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_path_buf();
    let Some(app) = spawn_app_with(|s| {
        s.tickets.max_attachment_bytes = 1024;
        s.tickets.attachments_dir = dir.clone();
    })
    .await
    else {
        return;
    };
    app.client_user(None, "ada@acme.example", "Acme").await;
    let f = seed_basic(&app, "ada@acme.example").await;
    let api = &f.api;
    let metric = |outcome: &'static str| {
        let app = &app;
        async move {
            app.metric(
                "portal_ticket_attachments_uploaded_total",
                &[("outcome", outcome)],
            )
            .await
        }
    };
    let (ok0, big0, empty0) = (
        metric("success").await,
        metric("too_large").await,
        metric("empty").await,
    );
    let (_, before) = api.get(&format!("/tickets/{}", f.printer)).await;
    app.clock.advance(chrono::Duration::minutes(1));

    let (status, a) = api
        .upload_raw(
            f.printer,
            "file_name=../../error%20log.txt&client_visible=true&uploaded_by=Sam",
            "text/plain; charset=utf-8",
            b"PC LOAD LETTER".to_vec(),
        )
        .await;
    assert_eq!(status, 201, "{a}");
    assert_eq!(a["file_name"], "error log.txt");
    assert_eq!(a["size_bytes"], 14);
    assert_eq!(a["content_type"], "text/plain; charset=utf-8");
    assert_eq!(
        (a["client_visible"].clone(), a["uploaded_by_type"].clone()),
        (json!(true), json!("internal"))
    );
    assert_eq!(a["uploaded_by_name"], "Sam");
    let (status, hidden) = api
        .upload_raw(
            f.printer,
            "file_name=quote.pdf",
            "application/pdf",
            vec![7u8; 1024],
        )
        .await;
    assert_eq!(
        (status, hidden["client_visible"].clone()),
        (201, json!(false)),
        "hidden unless said"
    );
    let (_, t) = api.get(&format!("/tickets/{}", f.printer)).await;
    assert_eq!(t["attachments"].as_array().unwrap().len(), 2);
    assert_ne!(t["updated_at"], before["updated_at"]);

    let stored = files_under(&dir).len();
    let (status, body) = api
        .upload_raw(
            f.printer,
            "file_name=big.bin",
            "application/octet-stream",
            vec![1u8; 1025],
        )
        .await;
    assert_eq!((status, body["error"].as_str()), (413, Some("too_large")));
    let (status, body) = api
        .upload_raw(
            f.printer,
            "file_name=big.bin",
            "application/octet-stream",
            vec![2u8; 8 * 1024],
        )
        .await;
    assert_eq!((status, body["error"].as_str()), (413, Some("too_large")));
    let (status, body) = api
        .upload_raw(f.printer, "file_name=empty.txt", "text/plain", Vec::new())
        .await;
    assert_eq!((status, body["error"].as_str()), (400, Some("empty")));
    assert_field(
        &api.upload_raw(
            f.printer,
            "client_visible=true",
            "text/plain",
            b"x".to_vec(),
        )
        .await,
        "file_name",
    );
    assert_field(
        &api.upload_raw(
            f.printer,
            "file_name=a.txt&client_visible=maybe",
            "text/plain",
            b"x".to_vec(),
        )
        .await,
        "client_visible",
    );
    assert_eq!(
        api.upload_raw(
            Uuid::new_v4(),
            "file_name=a.txt",
            "text/plain",
            b"x".to_vec()
        )
        .await
        .0,
        404
    );
    assert_eq!(
        files_under(&dir).len(),
        stored,
        "refused uploads leave nothing behind"
    );
    assert!(files_under(&dir.join("tmp")).is_empty());
    let (_, t) = api.get(&format!("/tickets/{}", f.printer)).await;
    assert_eq!(t["attachments"].as_array().unwrap().len(), 2);
    assert_eq!(metric("success").await, ok0 + 2.0);
    assert_eq!(metric("too_large").await, big0 + 2.0);
    assert_eq!(metric("empty").await, empty0 + 1.0);
}

#[actix_web::test]
async fn the_feed_pages_with_its_cursor_and_includes_portal_tickets() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let start = Clock::now(app.clock.as_ref());
    // Several tickets changed at the very same instant: the cursor must still split them.
    let mut ids = vec![f.printer, f.vpn, f.laptop, f.firewall];
    for n in 0..5 {
        let spec = TicketSpec::new(
            &format!("BULK-{n}"),
            "Same instant",
            f.desk,
            f.desk_statuses.new,
            f.normal,
            f.client_id,
        );
        ids.push(put_ticket(api, &spec).await);
    }
    app.clock.advance(chrono::Duration::minutes(10));
    let later = TicketSpec::new(
        "LATE-1",
        "Phishing email reported",
        f.desk,
        f.desk_statuses.new,
        f.critical,
        f.client_id,
    );
    let late = put_ticket(api, &later).await;
    ids.push(late);
    // A ticket raised in the portal shows in the feed too, marked as such.
    app.clock.advance(chrono::Duration::minutes(1));
    let portal_ticket = Uuid::new_v4();
    let mut tx = app.db.begin().await.unwrap();
    portal_actors::store::tickets::insert_ticket(
        tx.exec(),
        app.tenant.id,
        &portal_actors::store::tickets::TicketInsert {
            ticket_id: portal_ticket,
            number: "TIC-1000",
            title: "Outlook keeps asking for my password",
            description: "Since this morning.",
            board_id: f.desk,
            status_id: f.desk_statuses.new,
            status_closed: false,
            priority_id: f.normal,
            category_id: None,
            client_id: f.client_id,
            contact_id: Some(f.contact_id),
            response_state: Some(portal_actors::tickets::ResponseState::AwaitingInternal),
            source: "portal",
            now: Clock::now(app.clock.as_ref()),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    ids.push(portal_ticket);

    let mut seen = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    loop {
        let (status, page) = api.get(&format!("/tickets?limit=3&cursor={cursor}")).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        for t in page["tickets"].as_array().unwrap() {
            seen.push((
                t["updated_at"].as_str().unwrap().to_owned(),
                t["ticket_id"].as_str().unwrap().parse::<Uuid>().unwrap(),
            ));
        }
        match page["next"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
        assert!(pages < 10);
    }
    assert_eq!(pages, 4, "11 tickets by 3");
    let mut got: Vec<Uuid> = seen.iter().map(|(_, id)| *id).collect();
    let mut sorted_ids = ids.clone();
    got.sort();
    sorted_ids.sort();
    assert_eq!(got, sorted_ids, "every ticket exactly once");
    let times: Vec<chrono::DateTime<chrono::Utc>> =
        seen.iter().map(|(t, _)| t.parse().unwrap()).collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "oldest change first"
    );

    let since = (start + chrono::Duration::minutes(5)).to_rfc3339();
    let (_, page) = api
        .get(&format!("/tickets?updated_since={}", urlencode(&since)))
        .await;
    let recent: Vec<&str> = page["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ticket_id"].as_str().unwrap())
        .collect();
    assert_eq!(recent, vec![late.to_string(), portal_ticket.to_string()]);
    assert_eq!(page["next"], Value::Null);
    let portal = &page["tickets"][1];
    assert_eq!(
        (portal["source"].as_str(), portal["number"].as_str()),
        (Some("portal"), Some("TIC-1000"))
    );
    assert_field(&api.get("/tickets?cursor=garbage").await, "cursor");
    assert_field(&api.get("/tickets?limit=501").await, "limit");
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}

#[actix_web::test]
async fn the_openapi_document_describes_exactly_what_is_routed() {
    let Some(app) = spawn_app().await else { return };
    let served = app.admin_get("/integration/v1/openapi.json", None).await;
    assert_eq!(served.status, 200);
    let doc: Value = serde_json::from_str(&served.body).unwrap();
    let file: Value =
        serde_json::from_str(include_str!("../../src/routes/integration/openapi.json")).unwrap();
    assert_eq!(doc, file);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(
        doc["components"]["securitySchemes"]["integrationToken"]["scheme"],
        "bearer"
    );
    // Every $ref resolves.
    let text = served.body.clone();
    for part in text.split("\"$ref\": \"#/components/").skip(1) {
        let target = &part[..part.find('"').unwrap()];
        let (kind, name) = target.split_once('/').unwrap();
        assert!(doc["components"][kind][name].is_object(), "{target}");
    }

    let api = Api::new(&app, &app.tenant).await;
    let methods = ["GET", "PUT", "POST", "DELETE", "PATCH"];
    let mut documented = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        assert!(path.starts_with("/integration/v1/"), "{path}");
        let url = path
            .split('/')
            .map(|seg| {
                if seg.starts_with('{') {
                    Uuid::new_v4().to_string()
                } else {
                    seg.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for method in methods {
            let resp = app
                .http
                .request(method.parse().unwrap(), format!("{}{url}", app.admin))
                .bearer_auth(&api.token)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.unwrap_or(Value::Null);
            let op = ops.get(method.to_lowercase());
            if let Some(op) = op {
                documented += 1;
                assert!(
                    body["error"] != "unknown_endpoint" && body["error"] != "method_not_allowed",
                    "{method} {path} is documented but not routed: {status} {body}"
                );
                assert!(
                    op["responses"].get(status.to_string()).is_some(),
                    "{method} {path} answered {status}, undocumented"
                );
            } else {
                assert_eq!(
                    status, 405,
                    "{method} {path} is routed but not documented: {body}"
                );
                assert_eq!(body["error"], "method_not_allowed");
            }
        }
    }
    assert_eq!(documented, 17);
    let (status, body) = api.get("/nothing-here").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("unknown_endpoint"))
    );
}

/// The board's priority is offered to other boards' tickets only when global.
#[actix_web::test]
async fn priorities_and_statuses_cannot_move_under_their_tickets() {
    let Some((_app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let body = json!({"name": "Critical", "color": "#d32f2f", "board_id": f.projects});
    assert_field(
        &api.put(&format!("/priorities/{}", f.critical), &body).await,
        "board_id",
    );
    let unused = put_priority(api, None, "Low", "#9e9e9e").await;
    let body = json!({"name": "Low", "color": "#9e9e9e", "board_id": f.projects});
    assert_eq!(
        api.put(&format!("/priorities/{unused}"), &body).await.0,
        200
    );
    let board = put_board(api, "Spare", false).await;
    let status = put_status(api, board, "Open", false, true).await;
    let body = json!({"board_id": f.projects, "name": "Open", "is_closed": false});
    assert_eq!(
        api.put(&format!("/statuses/{status}"), &body).await.0,
        200,
        "unused: may move"
    );
}

#[actix_web::test]
async fn the_demo_seeds_a_realistic_ticket_set_once() {
    let Some(app) = spawn_app().await else { return };
    let clock = portal_actors::SharedClock::new(app.clock.clone());
    let seeded = portal::demo::seed(&app.db, &clock).await.unwrap();
    let api = Api::new(&app, &seeded.tenant).await;
    let (_, first) = api.get("/tickets?limit=500").await;
    let tickets = first["tickets"].as_array().unwrap();
    assert!(tickets.len() >= 20, "{}", tickets.len());
    let count = |key: &str, value: Value| tickets.iter().filter(|t| t[key] == value).count();
    assert!(count("is_closed", json!(true)) >= 4);
    assert!(count("is_closed", json!(false)) >= 10);
    assert!(count("response_state", json!("awaiting_client")) >= 3);
    assert!(count("response_state", json!("awaiting_internal")) >= 3);
    assert!(tickets
        .iter()
        .all(|t| t["closed_at"].is_null() != t["is_closed"].as_bool().unwrap()));
    assert!(tickets.iter().any(|t| t["due_at"].is_string()));
    let (_, boards) = api.get("/boards").await;
    assert_eq!(boards["boards"].as_array().unwrap().len(), 2);
    assert_eq!(boards["boards"][0]["statuses"].as_array().unwrap().len(), 5);
    let (_, priorities) = api.get("/priorities").await;
    assert_eq!(priorities["priorities"].as_array().unwrap().len(), 4);
    let mut notes = 0;
    for t in tickets {
        let (_, detail) = api
            .get(&format!("/tickets/{}", t["ticket_id"].as_str().unwrap()))
            .await;
        notes += detail["comments"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["internal"] == true)
            .count();
    }
    assert!(notes >= 2, "internal notes: {notes}");
    // Running the demo again changes no ticket.
    app.clock.advance(chrono::Duration::hours(1));
    portal::demo::seed(&app.db, &clock).await.unwrap();
    let (_, again) = api.get("/tickets?limit=500").await;
    assert_eq!(again, first);
}

fn portal_cli(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = run_portal(portal_command(dir).args(args), None);
    (out.status.success(), output_text(&out))
}

#[test]
fn integration_tokens_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let slug = "0123456789ab";
    let (ok, out) = portal_cli(
        p,
        &["tenant", "create", "--name", "Contoso IT", "--slug", slug],
    );
    assert!(ok, "{out}");
    let cmd = ["tenant", "integration-token"];
    let (ok, out) = portal_cli(
        p,
        &[
            &cmd[..],
            &["create", "--tenant", slug, "--name", "Autotask"],
        ]
        .concat(),
    );
    assert!(ok, "{out}");
    let token = out
        .lines()
        .map(str::trim)
        .find(|l| portal_actors::tokens::is_well_formed(l))
        .expect("the token is printed");
    let token_id = out.split_whitespace().nth(2).unwrap().to_owned();
    let (ok, out) = portal_cli(p, &[&cmd[..], &["list", "--tenant", slug]].concat());
    assert!(
        ok && out.contains("Autotask") && out.contains("never used"),
        "{out}"
    );
    assert!(!out.contains(token));
    let (ok, out) = portal_cli(
        p,
        &[
            &cmd[..],
            &["revoke", "--tenant", slug, "--token-id", &token_id],
        ]
        .concat(),
    );
    assert!(ok && out.contains("Revoked"), "{out}");
    let (_, out) = portal_cli(p, &[&cmd[..], &["list", "--tenant", slug]].concat());
    assert!(out.contains("revoked"), "{out}");
    let (ok, out) = portal_cli(
        p,
        &[&cmd[..], &["create", "--tenant", slug, "--name", " "]].concat(),
    );
    assert!(!ok && out.contains("--name"), "{out}");
}
