//! Contacts: round trip with versions, refusals named by field with nothing written, a role
//! change reaching the user's next request, and an email change moving the portal user's
//! sign-in email (audited, both addresses told; a clash changes nothing).

use portal_actors::store::outbox;

use super::*;
use crate::helpers::{audit_events, signed_in, spawn_app, PASSWORD};
use crate::ticket_fixtures::company_of;

const COMPANY: &str = "/client-portal/client-settings";

#[actix_web::test]
async fn contacts_round_trip_with_versions_and_identical_puts_change_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let client = new_client(&api, "Acme").await;
    let id = Uuid::new_v4();
    let path = format!("/contacts/{id}");
    let body = json!({"client_id": client, "name": "Grace Hopper", "email": "Grace@Acme.example",
                      "phone": "+1 555 0100", "job_title": "CFO", "portal_role": "finance"});
    let (status, created) = api.put(&path, &body).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["contact_id"], id.to_string());
    assert_eq!(created["client_id"], client.to_string());
    assert_eq!(created["email"], "grace@acme.example");
    assert_eq!(created["portal_role"], "finance");
    assert_eq!(created["inactive"], false);
    assert_eq!(created["version"], 1);
    assert_eq!(read(&api, &path).await, created);

    let (status, same) = api.put(&path, &body).await;
    assert_eq!((status, &same), (200, &created));

    let other = new_client(&api, "Globex").await;
    let mut moved = body.clone();
    moved["client_id"] = json!(other);
    moved["portal_role"] = Value::Null;
    let (status, replaced) = api.put(&path, &moved).await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["version"], 2);
    assert_eq!(replaced["client_id"], other.to_string());
    assert_eq!(replaced["portal_role"], "user", "the default role");
    assert_eq!(read(&api, &path).await, replaced);
    let (status, body) = api.get(&format!("/contacts/{}", Uuid::new_v4())).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
}

#[actix_web::test]
async fn contact_refusals_name_the_field_and_write_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let client = new_client(&api, "Acme").await;
    let id = new_contact(&api, client, "grace@acme.example").await;
    let before = read(&api, &format!("/contacts/{id}")).await;
    let fresh = Uuid::new_v4();
    let long_email = format!("{}@acme.example", "g".repeat(250));
    let cases = [
        ("client_id", json!(Uuid::new_v4())),
        ("client_id", json!("acme")),
        ("name", json!("x".repeat(101))),
        ("email", json!("grace@")),
        ("email", json!(long_email)),
        ("phone", json!("5".repeat(41))),
        ("job_title", json!("x".repeat(101))),
        ("portal_role", json!("owner")),
        ("inactive", json!(1)),
        ("nickname", json!("Amazing Grace")),
    ];
    for (field, value) in cases {
        for target in [id, fresh] {
            let mut body = json!({"client_id": client, "name": "Grace B. Hopper",
                                  "email": "grace.hopper@acme.example"});
            body[field] = value.clone();
            let answer = api.put(&format!("/contacts/{target}"), &body).await;
            assert_field(&answer, field);
        }
    }
    let (status, stale) = api
        .put(
            &format!("/contacts/{id}"),
            &json!({"client_id": client, "name": "Grace", "email": "g@acme.example",
                    "version": 1}),
        )
        .await;
    assert_eq!(status, 200, "{stale}");
    let (status, stale) = api
        .put(
            &format!("/contacts/{id}"),
            &json!({"client_id": client, "name": "Old Grace", "email": "g@acme.example",
                    "version": 1}),
        )
        .await;
    assert_eq!(
        (
            status,
            stale["error"].as_str(),
            stale["current_version"].as_i64()
        ),
        (409, Some("stale_version"), Some(2))
    );
    let after = read(&api, &format!("/contacts/{id}")).await;
    assert_eq!(after["name"], "Grace");
    assert_eq!(after["version"], 2);
    assert_ne!(after, before);
    assert_eq!(api.get(&format!("/contacts/{fresh}")).await.0, 404);
    assert_eq!(count(&app, "contacts").await, 1);
}

#[actix_web::test]
async fn a_role_change_applies_on_the_users_next_request() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    app.client_user(None, "ada@acme.example", "Acme").await;
    let (client, contact) = company_of(&app, &app.tenant, "ada@acme.example").await;
    let browser = signed_in(&app, "ada@acme.example").await;
    assert_eq!(browser.get(COMPANY).await.status, 403);
    let body = json!({"client_id": client, "name": "Ada Lovelace", "email": "ada@acme.example",
                      "portal_role": "admin"});
    let (status, answer) = api.put(&format!("/contacts/{contact}"), &body).await;
    assert_eq!(status, 200, "{answer}");
    // The session stays signed in; the next request sees the new role.
    let page = browser.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // The cached session is read again too: the navigation offers the company page.
    let dashboard = browser.get("/client-portal/dashboard").await;
    assert!(dashboard.body.contains(COMPANY), "{}", dashboard.body);
    let body = json!({"client_id": client, "name": "Ada Lovelace", "email": "ada@acme.example",
                      "portal_role": "user"});
    assert_eq!(api.put(&format!("/contacts/{contact}"), &body).await.0, 200);
    assert_eq!(browser.get(COMPANY).await.status, 403);
    // Both changes are in the audit trail, by the integration, old and new role.
    let events = audit_events(&app, "user_role_changed").await;
    let mut changes: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            let d: Value = serde_json::from_str(e.details.as_deref().unwrap()).unwrap();
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (s("by"), s("old"), s("new"))
        })
        .collect();
    let want = |old: &str, new: &str| ("integration".to_owned(), old.to_owned(), new.to_owned());
    // (The test clock stands still: both events carry the same time, so compare them sorted.)
    changes.sort();
    assert_eq!(
        changes,
        vec![want("admin", "user"), want("user", "admin")],
        "{events:?}"
    );
    assert!(events
        .iter()
        .all(|e| e.email.as_deref() == Some("ada@acme.example")));
}

/// The sign-in email of the user with `user_id`.
async fn user_email(app: &TestApp, user_id: Uuid) -> String {
    fetch_one_scalar!(
        app.db.exec(),
        String,
        "SELECT email FROM users WHERE tenant = $1 AND user_id = $2",
        app.tenant.id,
        user_id
    )
    .unwrap()
}

#[actix_web::test]
async fn an_email_change_moves_the_sign_in_email_audited_and_tells_both_addresses() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let (client, contact) = company_of(&app, &app.tenant, &ada.email).await;
    let body = json!({"client_id": client, "name": "Ada Lovelace",
                      "email": "Ada.Lovelace@Acme.example"});
    let (status, answer) = api.put(&format!("/contacts/{contact}"), &body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["email"], "ada.lovelace@acme.example");
    assert_eq!(
        user_email(&app, ada.user_id).await,
        "ada.lovelace@acme.example"
    );

    let events = audit_events(&app, "user_email_changed").await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].user_id, Some(ada.user_id));
    let details: Value = serde_json::from_str(events[0].details.as_deref().unwrap()).unwrap();
    assert_eq!(details["old"], "ada@acme.example");
    assert_eq!(details["new"], "ada.lovelace@acme.example");
    for address in ["ada@acme.example", "ada.lovelace@acme.example"] {
        let mails = outbox::for_recipient(&app.db, address).await.unwrap();
        assert_eq!(mails.len(), 1, "{address}: {mails:?}");
        assert_eq!(mails[0].kind, "sign_in_email_changed");
    }
    // Signing in works with the new address only.
    let browser = app.browser();
    let page = browser
        .sign_in(&app.tenant.slug, "ada@acme.example", PASSWORD)
        .await;
    assert_eq!(page.status, 401);
    signed_in(&app, "ada.lovelace@acme.example").await;
}

#[actix_web::test]
async fn an_email_another_portal_user_signs_in_with_is_refused_and_nothing_is_written() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    app.client_user(None, "ben@globex.example", "Globex").await;
    let (client, contact) = company_of(&app, &app.tenant, &ada.email).await;
    let before = read(&api, &format!("/contacts/{contact}")).await;
    let body = json!({"client_id": client, "name": "Ada Lovelace", "email": "ben@globex.example"});
    let (status, answer) = api.put(&format!("/contacts/{contact}"), &body).await;
    assert_eq!(status, 409, "{answer}");
    assert_eq!(answer["error"], "email_taken");
    assert_eq!(read(&api, &format!("/contacts/{contact}")).await, before);
    assert_eq!(user_email(&app, ada.user_id).await, "ada@acme.example");
    assert!(audit_events(&app, "user_email_changed").await.is_empty());
    assert!(outbox::for_recipient(&app.db, "ben@globex.example")
        .await
        .unwrap()
        .is_empty());
    // A contact without a portal account may share an email with another company's user.
    let shared = new_contact(&api, client, "ben@globex.example").await;
    assert_eq!(
        read(&api, &format!("/contacts/{shared}")).await["version"],
        1
    );
}
