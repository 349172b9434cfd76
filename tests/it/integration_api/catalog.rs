//! The catalog (boards, statuses, priorities, categories): upserts round-trip, invalid fields are named, nothing moves under its tickets.

use super::*;

#[actix_web::test]
async fn boards_upsert_round_trip_with_one_default_at_a_time() {
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
}

#[actix_web::test]
async fn statuses_upsert_round_trip_with_one_default_per_board() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let board = put_board(&api, "Service Desk", true).await;
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
}

#[actix_web::test]
async fn priorities_and_categories_upsert_round_trip() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let board = put_board(&api, "Service Desk", true).await;
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
}

#[actix_web::test]
async fn priorities_have_one_default_per_board_and_one_global_default() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let board = put_board(&api, "Service Desk", true).await;
    let put = |id: Uuid, name: &str, board: Option<Uuid>, is_default: bool| {
        let body =
            json!({"name": name, "color": "#1565c0", "board_id": board, "is_default": is_default});
        let api = &api;
        async move { api.put(&format!("/priorities/{id}"), &body).await }
    };
    let (first, second, on_board, other_on_board) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    let (status, p) = put(first, "Normal", None, true).await;
    assert_eq!((status, &p["is_default"]), (201, &json!(true)), "{p}");
    assert_eq!(put(second, "Medium", None, true).await.0, 201);
    assert_eq!(put(on_board, "Desk normal", Some(board), true).await.0, 201);
    assert_eq!(
        put(other_on_board, "Desk medium", Some(board), true)
            .await
            .0,
        201
    );
    let defaults = || async {
        let (_, list) = api.get("/priorities").await;
        let mut ids: Vec<String> = list["priorities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["is_default"].as_bool().unwrap())
            .map(|p| p["priority_id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let mut expected = vec![second.to_string(), other_on_board.to_string()];
    expected.sort();
    assert_eq!(defaults().await, expected, "one default per scope");
    // Sent again without the flag, it is no longer the default (a PUT replaces the record).
    let (status, p) = put(second, "Medium", None, false).await;
    assert_eq!((status, &p["is_default"]), (200, &json!(false)), "{p}");
    assert_eq!(defaults().await, vec![other_on_board.to_string()]);
}

/// A visibility group over `boards`, created through the API.
async fn put_group(api: &Api, boards: &[Uuid]) -> Uuid {
    let group = Uuid::new_v4();
    let (status, g) = api
        .put(
            &format!("/visibility-groups/{group}"),
            &json!({"name": "Finance", "board_ids": boards}),
        )
        .await;
    assert_eq!(
        (status, g["board_ids"].as_array().unwrap().len()),
        (201, boards.len())
    );
    group
}

#[actix_web::test]
async fn visibility_groups_upsert_round_trip_and_replace_their_boards() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let board = put_board(&api, "Service Desk", true).await;
    let second = put_board(&api, "Projects", true).await;
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
}

#[actix_web::test]
async fn contact_ticket_access_round_trips() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let board = put_board(&api, "Service Desk", true).await;
    let group = put_group(&api, &[board]).await;
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

/// A seeded tenant and what the API lists before any refusal.
async fn before_refusals() -> Option<(TestApp, Fixture, Vec<Value>)> {
    let (app, f) = seeded().await?;
    let before = snapshot(&f.api).await;
    Some((app, f, before))
}

/// The JSON of a valid new ticket `TST-9` with `overrides` applied.
fn ticket_with(f: &Fixture, overrides: Value) -> Value {
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
}

#[actix_web::test]
async fn invalid_catalog_fields_are_named_and_change_nothing() {
    let Some((_app, f, before)) = before_refusals().await else {
        return;
    };
    let api = &f.api;
    let unknown = Uuid::new_v4();
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
    ];
    for (path, body, field) in &cases {
        assert_field(&api.put(path, body).await, field);
    }
    assert_eq!(snapshot(api).await, before, "refusals changed nothing");
}

#[actix_web::test]
async fn invalid_ticket_fields_are_named_and_change_nothing() {
    let Some((app, f, before)) = before_refusals().await else {
        return;
    };
    let api = &f.api;
    let ticket = |overrides: Value| ticket_with(&f, overrides);
    let other_client = app.client_user(None, "zed@globex.example", "Globex").await;
    let (globex, globex_contact) = company_of(&app, &app.tenant, &other_client.email).await;
    let unknown = Uuid::new_v4();
    let t = format!("/tickets/{}", Uuid::new_v4());
    let cases: Vec<(String, Value, &str)> = vec![
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
    // The number of another ticket.
    let (status, body) = api.put(&t, &ticket(json!({"number": "TST-1"}))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("number_taken"))
    );
    assert_eq!(snapshot(api).await, before, "refusals changed nothing");
}

#[actix_web::test]
async fn invalid_comments_and_list_parameters_are_named_and_change_nothing() {
    let Some((_app, f, before)) = before_refusals().await else {
        return;
    };
    let api = &f.api;
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
    assert_eq!(snapshot(api).await, before, "refusals changed nothing");
}

#[actix_web::test]
async fn malformed_json_and_unknown_tickets_are_refused_and_change_nothing() {
    let Some((_app, f, before)) = before_refusals().await else {
        return;
    };
    let api = &f.api;
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
