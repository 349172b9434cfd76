//! The directory changes feed (`GET /integration/v1/changes`): oldest first with an opaque
//! cursor, at-least-once replay from an older cursor, refusals naming `after`/`limit`, tenant
//! isolation, and each recorded change bumping its contact's (or client's) version. Writers
//! committing out of order and concurrently are in `changes_concurrency`.

use std::time::Duration as StdDuration;

use portal_actors::directory_changes::NewChange;
use portal_actors::model::{Email, TenantInfo};
use portal_actors::store::{directory_changes, users};

use super::*;
use crate::helpers::NowUtc;

/// A contact of `company` (made if missing) in `tenant`, without a portal account:
/// `(client_id, contact_id)`.
pub(super) async fn contact(
    app: &TestApp,
    tenant: &TenantInfo,
    company: &str,
    name: &str,
    email: &str,
) -> (Uuid, Uuid) {
    let now = app.clock.now_utc();
    let client_id = users::find_or_create_client(&app.db, tenant.id, company, now)
        .await
        .unwrap();
    let contact = users::NewContact {
        client_id,
        full_name: name.into(),
        email: Email::parse(email).unwrap(),
        phone: None,
        portal_role: portal_actors::model::PortalRole::User,
    };
    let contact_id = users::create_contact(&app.db, tenant.id, &contact, now)
        .await
        .unwrap();
    (client_id, contact_id)
}

/// `change` recorded in a transaction of its own (as its writer would): its change id.
pub(super) async fn record(app: &TestApp, tenant: Uuid, change: &NewChange) -> Uuid {
    let mut tx = app.db.begin().await.unwrap();
    let recorded = directory_changes::record(&mut tx, tenant, change)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    recorded.change_id
}

/// A `profile_updated` of `contact` whose data is `{"n": n}`.
pub(super) fn edit(app: &TestApp, contact: Uuid, n: usize) -> NewChange {
    let mut fields = serde_json::Map::new();
    fields.insert("n".into(), json!(n));
    NewChange::profile_updated(contact, None, fields, app.clock.now_utc())
}

/// One page: `(status, body)` of `GET /changes?after=&limit=` (`None`: parameter left out).
pub(super) async fn page(api: &Api, after: Option<&str>, limit: Option<usize>) -> (u16, Value) {
    let mut query = Vec::new();
    if let Some(after) = after {
        query.push(format!("after={after}"));
    }
    if let Some(limit) = limit {
        query.push(format!("limit={limit}"));
    }
    api.get(&format!("/changes?{}", query.join("&"))).await
}

/// Every change ready after `after`, paging by `limit`, and the cursor to read on from.
pub(super) async fn read_on(api: &Api, after: &str, limit: usize) -> (Vec<Value>, String) {
    let (mut changes, mut cursor) = (Vec::new(), after.to_owned());
    for _ in 0..10_000 {
        let (status, body) = page(api, Some(&cursor), Some(limit)).await;
        assert_eq!(status, 200, "{body}");
        let got = body["changes"].as_array().unwrap();
        assert!(got.len() <= limit, "{} > {limit}", got.len());
        changes.extend(got.iter().cloned());
        cursor = body["next_cursor"].as_str().unwrap().to_owned();
        if !body["has_more"].as_bool().unwrap() {
            return (changes, cursor);
        }
        assert!(!got.is_empty(), "has_more on an empty page: {body}");
    }
    panic!("the feed never ended");
}

/// How long a test waits for the feed to show what was committed: on PostgreSQL a change is
/// handed out once every transaction older than it ended, and other tests' transactions on
/// the shared cluster can hold that back for a moment.
pub(super) const PATIENCE: StdDuration = StdDuration::from_secs(30);

/// Reads on from `cursor` until `want` changes were read (or `PATIENCE` runs out).
pub(super) async fn read_until(api: &Api, cursor: &str, want: usize) -> (Vec<Value>, String) {
    let started = std::time::Instant::now();
    let (mut got, mut cursor) = (Vec::new(), cursor.to_owned());
    loop {
        let (more, next) = read_on(api, &cursor, 100).await;
        got.extend(more);
        cursor = next;
        if got.len() >= want || started.elapsed() > PATIENCE {
            return (got, cursor);
        }
        actix_rt::time::sleep(StdDuration::from_millis(20)).await;
    }
}

pub(super) fn ids(changes: &[Value]) -> Vec<Uuid> {
    changes
        .iter()
        .map(|c| c["change_id"].as_str().unwrap().parse().unwrap())
        .collect()
}

pub(super) async fn contact_version(app: &TestApp, tenant: Uuid, contact: Uuid) -> i64 {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT version FROM contacts WHERE tenant = $1 AND contact_id = $2",
        tenant,
        contact
    )
    .unwrap()
}

async fn client_version(app: &TestApp, tenant: Uuid, client: Uuid) -> i64 {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT version FROM clients WHERE tenant = $1 AND client_id = $2",
        tenant,
        client
    )
    .unwrap()
}

/// Rows of the feed's table (all tenants).
pub(super) async fn recorded_changes(app: &TestApp) -> i64 {
    portal_actors::fetch_one_scalar!(app.db.exec(), i64, "SELECT COUNT(*) FROM directory_changes")
        .unwrap()
}

#[actix_web::test]
async fn the_feed_pages_oldest_first_and_replays_the_same_ids_from_an_older_cursor() {
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let api = Api::new(&app, &tenant).await;
    let (acme, dana) = contact(&app, &tenant, "Acme", "Dana Kim", "dana@acme.example").await;
    assert_eq!(contact_version(&app, tenant.id, dana).await, 1);

    // Nothing yet: an empty page whose cursor reads from the start again.
    let (status, empty) = page(&api, None, None).await;
    assert_eq!(status, 200, "{empty}");
    assert_eq!(empty["changes"], json!([]));
    assert_eq!(empty["has_more"], false);
    let start = empty["next_cursor"].as_str().unwrap().to_owned();

    let mut expected = Vec::new();
    for n in 0..7 {
        expected.push(record(&app, tenant.id, &edit(&app, dana, n)).await);
    }
    let mut fields = serde_json::Map::new();
    fields.insert("website".into(), json!("https://acme.example"));
    let company = NewChange::company_updated(acme, None, fields, app.clock.now_utc());
    expected.push(record(&app, tenant.id, &company).await);
    // Each change bumped its subject's version.
    assert_eq!(contact_version(&app, tenant.id, dana).await, 8);
    assert_eq!(client_version(&app, tenant.id, acme).await, 2);

    assert_eq!(ids(&read_until(&api, &start, 8).await.0), expected);

    // Pages of 3: 3 + 3 + 2, oldest first, `has_more` until the last.
    let mut cursors = vec![start.clone()];
    let mut seen = Vec::new();
    for (len, more) in [(3, true), (3, true), (2, false)] {
        let (status, body) = page(&api, cursors.last().map(String::as_str), Some(3)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["changes"].as_array().unwrap().len(), len, "{body}");
        assert_eq!(body["has_more"], more, "{body}");
        seen.extend(body["changes"].as_array().unwrap().iter().cloned());
        cursors.push(body["next_cursor"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids(&seen), expected);
    for (n, change) in seen.iter().take(7).enumerate() {
        assert_eq!(change["kind"], "profile_updated", "{change}");
        assert_eq!(change["contact_id"], dana.to_string());
        assert_eq!(change["client_id"], acme.to_string());
        assert_eq!(change["data"], json!({"n": n}));
        assert_eq!(change["version"], 2 + n as i64, "{change}");
        assert!(change.get("user_id").is_none(), "{change}");
        assert!(change["occurred_at"].as_str().is_some());
    }
    let last = &seen[7];
    assert_eq!(last["kind"], "company_updated");
    assert_eq!(last["client_id"], acme.to_string());
    assert!(last.get("contact_id").is_none(), "{last}");
    assert_eq!(last["version"], 2);
    assert_eq!(last["data"], json!({"website": "https://acme.example"}));
    let seqs: Vec<i64> = seen.iter().map(|c| c["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");

    // The end of the feed: an empty page keeping the cursor.
    let end = cursors.last().unwrap().clone();
    let (_, after_end) = page(&api, Some(&end), Some(3)).await;
    assert_eq!(after_end["changes"], json!([]));
    assert_eq!(after_end["next_cursor"], end.as_str());
    // At-least-once: from an older cursor, the same changes with the same ids.
    let (again, cursor) = read_on(&api, &cursors[1], 100).await;
    assert_eq!(ids(&again), expected[3..].to_vec());
    assert_eq!(cursor, end);
    let (all, _) = read_on(&api, &start, 500).await;
    assert_eq!(all, seen);
    // A change recorded later shows after the end cursor, and only it.
    let later = record(&app, tenant.id, &edit(&app, dana, 7)).await;
    let (news, _) = read_until(&api, &end, 1).await;
    assert_eq!(ids(&news), vec![later]);
}

#[actix_web::test]
async fn malformed_cursors_and_limits_are_refused_by_name() {
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let api = Api::new(&app, &tenant).await;
    let (_, dana) = contact(&app, &tenant, "Acme", "Dana Kim", "dana@acme.example").await;
    // 101 changes in one transaction: more than the default page.
    let mut tx = app.db.begin().await.unwrap();
    for n in 0..101 {
        directory_changes::record(&mut tx, tenant.id, &edit(&app, dana, n))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    assert_eq!(read_until(&api, "", 101).await.0.len(), 101);

    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let long = "A".repeat(200);
    for bad in [
        "garbage!".to_owned(),
        "nope".to_owned(),
        b64("dc1:x:1"),
        b64("dc1:-1:1"),
        b64("dc2:0:1"),
        b64("dc1:0:1:2"),
        b64("dc1:0:99999999999999999999"),
        long,
    ] {
        assert_field(&page(&api, Some(&bad), None).await, "after");
    }
    for bad in ["0", "501", "-1", "ten", "1.5"] {
        assert_field(&api.get(&format!("/changes?limit={bad}")).await, "limit");
    }
    // Defaults to 100; 1 and 500 are the bounds.
    let (status, body) = page(&api, None, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["changes"].as_array().unwrap().len(), 100);
    assert_eq!(body["has_more"], true);
    let (_, one) = page(&api, None, Some(1)).await;
    assert_eq!(one["changes"].as_array().unwrap().len(), 1);
    assert_eq!(one["has_more"], true);
    let (_, most) = page(&api, None, Some(500)).await;
    assert_eq!(most["changes"].as_array().unwrap().len(), 101);
    assert_eq!(most["has_more"], false);
    // A cursor past the end reads nothing (a cursor is opaque, but a valid one is honoured).
    let (status, past) = page(&api, Some(&b64("dc1:999999999999:0")), None).await;
    assert_eq!(
        (status, past["changes"].clone()),
        (200, json!([])),
        "{past}"
    );
    // No token, no feed.
    let anonymous = Api::with_token(&app, "not-a-token");
    assert_eq!(anonymous.get("/changes").await.0, 401);
}

#[actix_web::test]
async fn a_token_never_sees_another_tenants_changes() {
    let Some(app) = spawn_app().await else { return };
    let a = app.tenant.clone();
    let b = app.create_tenant("Contoso IT").await;
    let (api_a, api_b) = (Api::new(&app, &a).await, Api::new(&app, &b).await);
    let (_, dana) = contact(&app, &a, "Acme", "Dana Kim", "dana@acme.example").await;
    let (_, olga) = contact(&app, &b, "Globex", "Olga Berg", "olga@globex.example").await;
    let mut of_a = Vec::new();
    let mut of_b = Vec::new();
    for n in 0..4 {
        of_a.push(record(&app, a.id, &edit(&app, dana, n)).await);
        of_b.push(record(&app, b.id, &edit(&app, olga, n)).await);
    }
    let (seen_a, cursor_a) = read_until(&api_a, "", 4).await;
    let (seen_b, _) = read_until(&api_b, "", 4).await;
    // Nothing more comes to either.
    assert!(read_on(&api_a, &cursor_a, 3).await.0.is_empty());
    assert_eq!(ids(&seen_a), of_a);
    assert_eq!(ids(&seen_b), of_b);
    // A's cursor on B's token reads B's feed from that position, never A's rows.
    let (with_a_cursor, _) = read_on(&api_b, &cursor_a, 3).await;
    assert!(ids(&with_a_cursor).iter().all(|id| of_b.contains(id)));
    // A change to B's contact cannot be recorded under A (no such contact there).
    let mut tx = app.db.begin().await.unwrap();
    assert!(
        directory_changes::record(&mut tx, a.id, &edit(&app, olga, 9))
            .await
            .is_err()
    );
    tx.rollback().await.unwrap();
    assert_eq!(recorded_changes(&app).await, 8);
    assert_eq!(contact_version(&app, b.id, olga).await, 5);
}
