//! The MSP's directory from its PSA: clients and contacts upserted under the PSA's ids with
//! versions, every refusal named by field with nothing written, email changes reaching the
//! portal user, sessions ending when a company or contact is shut out, the batch's all or
//! nothing, and tenant isolation.

use portal_actors::fetch_one_scalar;
use serde_json::{json, Value};
use uuid::Uuid;

use super::assert_field;
use crate::helpers::TestApp;
use crate::ticket_fixtures::Api;

mod batch;
mod clients;
mod contacts;
mod demo;
mod sessions;

/// Creates a client under a new id (asserting 201) and answers its id.
async fn new_client(api: &Api, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    let (status, body) = api
        .put(&format!("/clients/{id}"), &json!({ "name": name }))
        .await;
    assert_eq!(status, 201, "{body}");
    id
}

/// Creates a contact of `client` under a new id (asserting 201) and answers its id.
async fn new_contact(api: &Api, client: Uuid, email: &str) -> Uuid {
    let id = Uuid::new_v4();
    let body = json!({ "client_id": client, "name": "Grace Hopper", "email": email });
    let (status, body) = api.put(&format!("/contacts/{id}"), &body).await;
    assert_eq!(status, 201, "{body}");
    id
}

/// How many rows of `table` the app's tenant has.
async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE tenant = $1");
    fetch_one_scalar!(app.db.exec(), i64, &sql, app.tenant.id).unwrap()
}

/// A GET that must succeed.
async fn read(api: &Api, path: &str) -> Value {
    let (status, body) = api.get(path).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}
