//! `directory:batch`: up to 1,000 upserts in one transaction, all or nothing, every refused
//! item named by index and field.

use super::*;
use crate::helpers::spawn_app;

fn client_item(id: Uuid, name: &str) -> Value {
    json!({"type": "client", "id": id, "record": {"name": name}})
}

fn contact_item(id: Uuid, client: Uuid, email: &str) -> Value {
    json!({"type": "contact", "id": id,
           "record": {"client_id": client, "name": "Someone", "email": email}})
}

/// 50 clients, then 950 contacts spread over them (each naming a client of the same batch).
fn thousand_items() -> Vec<Value> {
    let clients: Vec<Uuid> = (0..50).map(|_| Uuid::new_v4()).collect();
    let mut items: Vec<Value> = clients
        .iter()
        .enumerate()
        .map(|(i, id)| client_item(*id, &format!("Company {i}")))
        .collect();
    for i in 0..950 {
        let client = clients[i % clients.len()];
        items.push(contact_item(
            Uuid::new_v4(),
            client,
            &format!("p{i}@example.com"),
        ));
    }
    items
}

#[actix_web::test]
async fn a_batch_writes_every_item_and_the_same_batch_again_changes_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let items = thousand_items();
    let (status, body) = api
        .post("/directory:batch", &json!({ "items": items }))
        .await;
    assert_eq!(status, 200, "{body}");
    let done = body["items"].as_array().unwrap();
    assert_eq!(done.len(), 1000);
    for (i, d) in done.iter().enumerate() {
        assert_eq!(d["index"], i);
        assert_eq!(d["id"], items[i]["id"]);
        assert_eq!(
            (d["created"].as_bool(), d["version"].as_i64()),
            (Some(true), Some(1))
        );
    }
    assert_eq!(done[0]["type"], "client");
    assert_eq!(done[999]["type"], "contact");
    assert_eq!(count(&app, "clients").await, 50);
    assert_eq!(count(&app, "contacts").await, 950);

    let (status, again) = api
        .post("/directory:batch", &json!({ "items": items }))
        .await;
    assert_eq!(status, 200, "{again}");
    for d in again["items"].as_array().unwrap() {
        assert_eq!(
            (d["created"].as_bool(), d["version"].as_i64()),
            (Some(false), Some(1))
        );
    }
    let contact = items[600]["id"].as_str().unwrap();
    assert_eq!(
        read(&api, &format!("/contacts/{contact}")).await["version"],
        1
    );
}

#[actix_web::test]
async fn one_bad_item_writes_nothing_and_every_bad_item_is_named_by_index() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let existing = new_client(&api, "Acme").await;

    // Refused while reading: a malformed email at 700, an unknown type at 900.
    let mut items = thousand_items();
    items[700]["record"]["email"] = json!("not-an-email");
    items[900]["type"] = json!("person");
    let (status, body) = api
        .post("/directory:batch", &json!({ "items": items }))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_batch");
    let errors = body["errors"].as_array().unwrap();
    let named: Vec<(i64, &str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["index"].as_i64().unwrap(),
                e["field"].as_str().unwrap(),
                e["error"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            (700, "record.email", "invalid_field"),
            (900, "type", "invalid_field")
        ]
    );
    assert_eq!(count(&app, "clients").await, 1);
    assert_eq!(count(&app, "contacts").await, 0);

    // Refused while writing: a contact naming an unknown client at 700, after 699 good writes.
    let mut items = thousand_items();
    items[700]["record"]["client_id"] = json!(Uuid::new_v4());
    let (status, body) = api
        .post("/directory:batch", &json!({ "items": items }))
        .await;
    assert_eq!(status, 400, "{body}");
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{body}");
    assert_eq!(errors[0]["index"], 700);
    assert_eq!(errors[0]["field"], "record.client_id");
    assert_eq!(count(&app, "clients").await, 1);
    assert_eq!(count(&app, "contacts").await, 0);

    // A stale version is a conflict: 409, nothing written.
    let (status, _) = api
        .put(&format!("/clients/{existing}"), &json!({"name": "Acme 2"}))
        .await;
    assert_eq!(status, 200);
    let stale = json!({"type": "client", "id": existing,
                       "record": {"name": "Acme old", "version": 1}});
    let fresh = client_item(Uuid::new_v4(), "Globex");
    let (status, body) = api
        .post("/directory:batch", &json!({ "items": [fresh, stale] }))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"], "batch_conflict");
    assert_eq!(body["errors"][0]["index"], 1);
    assert_eq!(body["errors"][0]["error"], "stale_version");
    assert_eq!(body["errors"][0]["field"], "record.version");
    assert_eq!(body["errors"][0]["current_version"], 2);
    assert_eq!(count(&app, "clients").await, 1);
    assert_eq!(
        read(&api, &format!("/clients/{existing}")).await["name"],
        "Acme 2"
    );
}

#[actix_web::test]
async fn more_than_a_thousand_items_are_refused_naming_items() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let mut items = thousand_items();
    items.push(client_item(Uuid::new_v4(), "One too many"));
    assert_field(
        &api.post("/directory:batch", &json!({ "items": items }))
            .await,
        "items",
    );
    assert_field(
        &api.post("/directory:batch", &json!({ "items": [] })).await,
        "items",
    );
    assert_field(
        &api.post("/directory:batch", &json!({ "things": [] })).await,
        "things",
    );
    assert_eq!(count(&app, "clients").await, 0);
}
