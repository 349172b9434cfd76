//! Clients: round trip with versions, identical PUTs changing nothing, refusals named by field
//! with nothing written, version conflicts (also two racing PUTs), and tenant isolation.

use super::*;
use crate::helpers::spawn_app;

fn full_body() -> Value {
    json!({
        "name": "Acme Manufacturing",
        "website": "https://acme.example",
        "phone": "+43 1 234 5678",
        "email": "Office@Acme.example",
        "billing_address": {"line1": "Main St 1", "city": "Vienna", "postal_code": "1010",
                            "country": "AT"},
        "shipping_address": {"line1": "Dock 4", "city": "Linz"},
        "default_locale": "de-AT",
        "inactive": false,
        "portal_enabled": true
    })
}

#[actix_web::test]
async fn clients_round_trip_with_versions_and_identical_puts_change_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let id = Uuid::new_v4();
    let path = format!("/clients/{id}");
    let (status, created) = api.put(&path, &full_body()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["client_id"], id.to_string());
    assert_eq!(created["version"], 1);
    assert_eq!(created["email"], "office@acme.example");
    assert_eq!(created["billing_address"]["city"], "Vienna");
    assert_eq!(created["default_locale"], "de-AT");
    assert!(created["created_at"].is_string() && created["updated_at"].is_string());
    assert_eq!(read(&api, &path).await, created);

    app.clock.advance(chrono::Duration::seconds(5));
    let (status, same) = api.put(&path, &full_body()).await;
    assert_eq!(status, 200, "{same}");
    assert_eq!(same, created, "the same body again changes nothing");
    assert_eq!(read(&api, &path).await["version"], 1);

    let mut renamed = full_body();
    renamed["name"] = json!("Acme Industries");
    renamed["shipping_address"] = Value::Null;
    let (status, replaced) = api.put(&path, &renamed).await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["version"], 2);
    assert_eq!(replaced["name"], "Acme Industries");
    assert!(replaced.get("shipping_address").is_none_or(Value::is_null));
    assert_eq!(replaced["created_at"], created["created_at"]);
    assert_ne!(replaced["updated_at"], created["updated_at"]);
    assert_eq!(read(&api, &path).await, replaced);

    let (status, body) = api.get(&format!("/clients/{}", Uuid::new_v4())).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
}

#[actix_web::test]
async fn client_refusals_name_the_field_and_write_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let id = new_client(&api, "Acme").await;
    let before = read(&api, &format!("/clients/{id}")).await;
    let fresh = Uuid::new_v4();
    let cases = [
        ("name", json!("")),
        ("name", json!("x".repeat(101))),
        ("website", json!("x".repeat(2049))),
        ("phone", json!("1".repeat(41))),
        ("email", json!("not-an-email")),
        ("default_locale", json!("english")),
        ("inactive", json!("no")),
        ("version", json!("one")),
        ("colour", json!("red")),
    ];
    for (field, value) in cases {
        for target in [id, fresh] {
            let mut body = json!({"name": "Acme Renamed"});
            body[field] = value.clone();
            let answer = api.put(&format!("/clients/{target}"), &body).await;
            assert_field(&answer, field);
        }
    }
    let mut body = json!({"name": "Acme Renamed"});
    body["billing_address"] = json!({"street": "Main St"});
    assert_field(
        &api.put(&format!("/clients/{id}"), &body).await,
        "billing_address.street",
    );
    body["billing_address"] = json!({"city": "x".repeat(201)});
    assert_field(
        &api.put(&format!("/clients/{id}"), &body).await,
        "billing_address.city",
    );
    assert_field(&api.put("/clients/not-a-uuid", &body).await, "client_id");
    assert_eq!(read(&api, &format!("/clients/{id}")).await, before);
    assert_eq!(api.get(&format!("/clients/{fresh}")).await.0, 404);
    assert_eq!(count(&app, "clients").await, 1);
}

#[actix_web::test]
async fn a_stale_version_is_refused_a_missing_one_overwrites_and_racing_puts_cannot_both_win() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let id = new_client(&api, "Acme").await;
    let path = format!("/clients/{id}");
    let (status, v2) = api
        .put(&path, &json!({"name": "Acme 2", "version": 1}))
        .await;
    assert_eq!((status, v2["version"].as_i64()), (200, Some(2)), "{v2}");

    let (status, stale) = api
        .put(&path, &json!({"name": "Acme old", "version": 1}))
        .await;
    assert_eq!(status, 409, "{stale}");
    assert_eq!(stale["error"], "stale_version");
    assert_eq!(stale["current_version"], 2);
    let (status, newer) = api
        .put(&path, &json!({"name": "Acme future", "version": 9}))
        .await;
    assert_field(&(status, newer), "version");
    assert_eq!(read(&api, &path).await["name"], "Acme 2");

    let (status, overwritten) = api.put(&path, &json!({"name": "Acme 3"})).await;
    assert_eq!((status, overwritten["version"].as_i64()), (200, Some(3)));

    // Two PUTs carrying the same version, racing: exactly one wins.
    let body_a = json!({"name": "Racer A", "version": 3});
    let body_b = json!({"name": "Racer B", "version": 3});
    let a = api.put(&path, &body_a);
    let b = api.put(&path, &body_b);
    let ((sa, ba), (sb, bb)) = tokio::join!(a, b);
    let mut statuses = [sa, sb];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{ba} {bb}");
    let now = read(&api, &path).await;
    assert_eq!(now["version"], 4);
    let winner = if sa == 200 { "Racer A" } else { "Racer B" };
    assert_eq!(now["name"], winner);
}

#[actix_web::test]
async fn a_tenants_token_never_reads_or_writes_another_tenants_directory() {
    let Some(app) = spawn_app().await else { return };
    let other = app.create_tenant("Contoso MSP").await;
    let ours = Api::new(&app, &app.tenant).await;
    let theirs = Api::new(&app, &other).await;
    let client = new_client(&ours, "Acme").await;
    let contact = new_contact(&ours, client, "ada@acme.example").await;
    let before = read(&ours, &format!("/clients/{client}")).await;

    for path in [format!("/clients/{client}"), format!("/contacts/{contact}")] {
        let (status, body) = theirs.get(&path).await;
        assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
    }
    // Naming our client from the other tenant is an unknown client.
    let body = json!({"client_id": client, "name": "Mallory", "email": "m@evil.example"});
    assert_field(
        &theirs
            .put(&format!("/contacts/{}", Uuid::new_v4()), &body)
            .await,
        "client_id",
    );
    // The same id in the other tenant is the other tenant's own record; ours is untouched.
    let (status, _) = theirs
        .put(&format!("/clients/{client}"), &json!({"name": "Not Acme"}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(read(&ours, &format!("/clients/{client}")).await, before);
    assert_eq!(count(&app, "contacts").await, 1);
}
