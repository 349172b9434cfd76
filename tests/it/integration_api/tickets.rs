//! Tickets through the integration API: round trips, replies and internal notes, uploads, the demo set.

use super::*;

/// Integration-created tickets counted so far.
async fn created_by_integrations(app: &TestApp) -> f64 {
    app.metric(
        "portal_tickets_created_total",
        &[("source", "integration"), ("outcome", "success")],
    )
    .await
}

/// PSA-100, a critical Service Desk ticket with every optional field set.
fn psa_100(f: &Fixture) -> TicketSpec {
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
    spec
}

/// Puts `spec` as a new ticket; its path.
async fn put_new(api: &Api, spec: &TicketSpec) -> String {
    let path = format!("/tickets/{}", spec.ticket_id);
    let (status, t) = api.put(&path, &spec.json()).await;
    assert_eq!(status, 201, "{t}");
    path
}

#[actix_web::test]
async fn a_ticket_put_through_the_api_reads_back_in_full() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let created_before = created_by_integrations(&app).await;
    let path = put_new(api, &psa_100(&f)).await;
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
        ("contact_name", json!("Ada Lovelace")),
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
    assert_eq!(created_by_integrations(&app).await, created_before + 1.0);
}

#[actix_web::test]
async fn the_same_ticket_again_changes_nothing_and_a_change_is_written() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let mut spec = psa_100(&f);
    let path = put_new(api, &spec).await;
    let (_, t) = api.get(&path).await;
    let created_after = created_by_integrations(&app).await;
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
}

#[actix_web::test]
async fn a_status_turning_open_reopens_its_tickets_and_closed_again_closes_them() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let api = &f.api;
    let mut spec = psa_100(&f);
    let path = put_new(api, &spec).await;
    spec.status = f.desk_statuses.resolved;
    let (status, changed) = api.put(&path, &spec.json()).await;
    assert_eq!((status, &changed["is_closed"]), (200, &json!(true)));
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

/// A portal that takes files of at most 1 KiB into `dir`, its seeded catalog, and the
/// attachment counters before anything was uploaded.
struct Uploads {
    f: Fixture,
    dir: std::path::PathBuf,
    /// success, too_large and empty uploads counted before the test.
    counted: (f64, f64, f64),
    app: TestApp,
    _store: tempfile::TempDir,
}

impl Uploads {
    async fn new() -> Option<Uploads> {
        let store = tempfile::tempdir().unwrap();
        let dir = store.path().to_path_buf();
        let app = spawn_app_with(|s| {
            s.attachments.max_file_bytes = Some(1024);
            s.attachments.dir = Some(dir.clone());
        })
        .await?;
        app.client_user(None, "ada@acme.example", "Acme").await;
        let f = seed_basic(&app, "ada@acme.example").await;
        let mut uploads = Uploads {
            f,
            dir,
            counted: (0.0, 0.0, 0.0),
            app,
            _store: store,
        };
        uploads.counted = (
            uploads.metric("success").await,
            uploads.metric("too_large").await,
            uploads.metric("empty").await,
        );
        Some(uploads)
    }

    async fn metric(&self, outcome: &str) -> f64 {
        self.app
            .metric(
                "portal_ticket_attachments_uploaded_total",
                &[("outcome", outcome)],
            )
            .await
    }

    /// A visible file with a path in its name, then a hidden one exactly at the limit (a minute
    /// later than the ticket's last change); their JSON.
    async fn upload_two(&self) -> (Value, Value) {
        let (api, f) = (&self.f.api, &self.f);
        self.app.clock.advance(chrono::Duration::minutes(1));
        let (status, a) = api
            .upload_raw(
                f.printer,
                "file_name=../../error%20log.txt&client_visible=true&uploaded_by=Sam",
                "text/plain; charset=utf-8",
                b"PC LOAD LETTER".to_vec(),
            )
            .await;
        assert_eq!(status, 201, "{a}");
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
        (a, hidden)
    }
}

#[actix_web::test]
async fn uploads_keep_clean_names_and_are_hidden_unless_said() {
    let Some(u) = Uploads::new().await else {
        return;
    };
    let (api, f) = (&u.f.api, &u.f);
    let (_, before) = api.get(&format!("/tickets/{}", f.printer)).await;
    let (a, _) = u.upload_two().await;
    assert_eq!(a["file_name"], "error log.txt");
    assert_eq!(a["size_bytes"], 14);
    assert_eq!(a["content_type"], "text/plain; charset=utf-8");
    assert_eq!(
        (a["client_visible"].clone(), a["uploaded_by_type"].clone()),
        (json!(true), json!("internal"))
    );
    assert_eq!(a["uploaded_by_name"], "Sam");
    let (_, t) = api.get(&format!("/tickets/{}", f.printer)).await;
    assert_eq!(t["attachments"].as_array().unwrap().len(), 2);
    assert_ne!(t["updated_at"], before["updated_at"]);

    assert_eq!(u.metric("success").await, u.counted.0 + 2.0);
}

#[actix_web::test]
async fn refused_uploads_are_named_and_leave_nothing_behind() {
    let Some(u) = Uploads::new().await else {
        return;
    };
    let (api, f, dir) = (&u.f.api, &u.f, &u.dir);
    let (ok0, big0, empty0) = u.counted;
    let metric = |outcome: &'static str| u.metric(outcome);
    u.upload_two().await;
    let stored = files_under(dir).len();
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
        files_under(dir).len(),
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
async fn the_demo_seeds_a_realistic_ticket_set_once() {
    let Some(app) = spawn_app().await else { return };
    let clock = portal_actors::SharedClock::new(app.clock.clone());
    let seeded = portal::demo::seed(&app.db, &clock, &app.state.attachments)
        .await
        .unwrap();
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
    let defaults: Vec<_> = priorities["priorities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["is_default"] == true)
        .map(|p| (p["name"].as_str().unwrap(), p["board_id"].is_null()))
        .collect();
    assert_eq!(defaults, [("Medium", true)], "one global default priority");
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
    portal::demo::seed(&app.db, &clock, &app.state.attachments)
        .await
        .unwrap();
    let (_, again) = api.get("/tickets?limit=500").await;
    assert_eq!(again, first);
}
