//! The change feed (cursor paging, portal tickets included) and the OpenAPI document.

use super::*;

/// The seeded tickets, five more changed at one instant, LATE-1 ten minutes later and a
/// portal-raised TIC-1000 a minute after that.
struct Feed {
    f: Fixture,
    /// When the seeding began.
    start: chrono::DateTime<chrono::Utc>,
    /// Every ticket in the feed.
    ids: Vec<Uuid>,
    late: Uuid,
    portal_ticket: Uuid,
    _app: TestApp,
}

impl Feed {
    async fn new() -> Option<Feed> {
        let (app, f) = seeded().await?;
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
        Some(Feed {
            start,
            ids,
            late,
            portal_ticket,
            f,
            _app: app,
        })
    }
}

#[actix_web::test]
async fn the_feed_pages_with_its_cursor_through_every_ticket_once_oldest_first() {
    let Some(Feed { f, ids, .. }) = Feed::new().await else {
        return;
    };
    let api = &f.api;
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
}

#[actix_web::test]
async fn updated_since_lists_recent_changes_including_portal_tickets() {
    let Some(Feed {
        f,
        start,
        late,
        portal_ticket,
        ..
    }) = Feed::new().await
    else {
        return;
    };
    let api = &f.api;
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
}

#[actix_web::test]
async fn bad_feed_parameters_are_named() {
    let Some((_app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
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
        serde_json::from_str(include_str!("../../../src/routes/integration/openapi.json")).unwrap();
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
    assert_eq!(documented, 48);
    let (status, body) = api.get("/nothing-here").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("unknown_endpoint"))
    );
}
