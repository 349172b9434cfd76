//! The operators' audit trail: `GET /admin/audit` (filters, newest first, cursor paging) and
//! `GET /admin/audit.csv` (header, quoting, spreadsheet-formula injection defused), behind the
//! admin token; bad filters are refused with `invalid_filter`.

use chrono::{Duration, SecondsFormat};
use serde_json::Value;

use crate::helpers::{spawn_app, TestApp, ADMIN_TOKEN, PASSWORD};
use crate::throttle::sign_in_with;

async fn audit_json(app: &TestApp, query: &str) -> Value {
    let page = app
        .admin_get(&format!("/admin/audit?{query}"), Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 200, "{query}: {}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

fn events(body: &Value) -> &Vec<Value> {
    body["events"].as_array().unwrap()
}

fn emails(body: &Value) -> Vec<&str> {
    events(body)
        .iter()
        .map(|e| e["email"].as_str().unwrap_or(""))
        .collect()
}

/// Ada signs in, then Bob fails, then someone fails at another tenant — a second apart.
async fn three_sign_ins(
    app: &TestApp,
) -> (crate::helpers::TestUser, portal_actors::model::TenantInfo) {
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let other = app.create_tenant("Contoso Support").await;
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_eq!(page.status, 303);
    app.clock.advance(Duration::seconds(1));
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, "bob@acme.example", "wrong password")
        .await;
    assert_eq!(page.status, 401);
    app.clock.advance(Duration::seconds(1));
    let page = app
        .browser()
        .sign_in(&other.slug, "carol@contoso.example", "wrong password")
        .await;
    assert_eq!(page.status, 401);
    (ada, other)
}

#[actix_web::test]
async fn operators_read_sign_in_events_with_filters_newest_first() {
    let Some(app) = spawn_app().await else { return };
    let started = app.state.clock.now() - Duration::seconds(1);
    let (ada, other) = three_sign_ins(&app).await;

    for token in [None, Some("wrong-token")] {
        let page = app.admin_get("/admin/audit", token).await;
        assert_eq!(page.status, 401);
        let page = app.admin_get("/admin/audit.csv", token).await;
        assert_eq!(page.status, 401);
    }

    // No explicit flush: the endpoint writes the Audit actor's buffer first.
    let all = audit_json(&app, "").await;
    assert_eq!(
        emails(&all),
        [
            "carol@contoso.example",
            "bob@acme.example",
            "ada@acme.example"
        ]
    );
    assert!(all["next_cursor"].is_null());
    let carol = &events(&all)[0];
    assert_eq!(carol["tenant_slug"], other.slug.as_str());
    assert_eq!(carol["event_type"], "sign_in");
    assert_eq!(carol["outcome"], "failure");
    assert_eq!(carol["reason"], "unknown_user");
    assert_eq!(carol["ip"], "127.0.0.1");

    let by_slug = audit_json(&app, &format!("tenant={}", app.tenant.slug)).await;
    assert_eq!(emails(&by_slug), ["bob@acme.example", "ada@acme.example"]);
    let by_id = audit_json(&app, &format!("tenant={}", other.id)).await;
    assert_eq!(emails(&by_id), ["carol@contoso.example"]);
    let failures = audit_json(&app, "event_type=sign_in&outcome=failure").await;
    assert_eq!(
        emails(&failures),
        ["carol@contoso.example", "bob@acme.example"]
    );
    let success = audit_json(&app, "outcome=success").await;
    assert_eq!(emails(&success), ["ada@acme.example"]);
    assert_eq!(events(&success)[0]["user_id"], ada.user_id.to_string());
    let by_user = audit_json(&app, &format!("user_id={}", ada.user_id)).await;
    assert_eq!(emails(&by_user), ["ada@acme.example"]);
    let by_email = audit_json(&app, "email=BOB@acme.example").await;
    assert_eq!(emails(&by_email), ["bob@acme.example"]);
    let none = audit_json(&app, "event_type=password_reset").await;
    assert!(events(&none).is_empty());

    // since is inclusive, until exclusive (RFC 3339, any offset).
    let second = (started + Duration::seconds(2)).to_rfc3339_opts(SecondsFormat::Secs, true);
    let window = audit_json(
        &app,
        &format!(
            "since={}",
            started.to_rfc3339_opts(SecondsFormat::Micros, true)
        ),
    )
    .await;
    assert_eq!(events(&window).len(), 3);
    let late = audit_json(&app, &format!("until={second}")).await;
    assert!(emails(&late).contains(&"ada@acme.example"));
    assert!(!emails(&late).contains(&"carol@contoso.example"));

    // Paging: one event a page, following the cursor, gives every event once, in order.
    let mut seen = Vec::new();
    let mut query = "limit=1".to_owned();
    loop {
        let page = audit_json(&app, &query).await;
        assert!(events(&page).len() <= 1);
        seen.extend(emails(&page).into_iter().map(str::to_owned));
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("limit=1&cursor={cursor}"),
            None => break,
        }
        assert!(seen.len() <= 3, "paging does not end: {seen:?}");
    }
    assert_eq!(
        seen,
        [
            "carol@contoso.example",
            "bob@acme.example",
            "ada@acme.example"
        ]
    );
}

#[actix_web::test]
async fn bad_filters_are_refused_with_invalid_filter() {
    let Some(app) = spawn_app().await else { return };
    for (query, field) in [
        ("tenant=no-such-tenant", "tenant"),
        ("tenant=%3Cscript%3E", "tenant"),
        ("user_id=42", "user_id"),
        ("since=yesterday", "since"),
        ("until=2025-13-01T00:00:00Z", "until"),
        (
            "since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z",
            "until",
        ),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=-5", "limit"),
        ("limit=ten", "limit"),
        ("cursor=not-a-cursor", "cursor"),
        ("event_type=Sign%20In", "event_type"),
        ("outcome=%27%20OR%201%3D1", "outcome"),
        ("colour=blue", "query"),
    ] {
        for path in ["/admin/audit", "/admin/audit.csv"] {
            let page = app
                .admin_get(&format!("{path}?{query}"), Some(ADMIN_TOKEN))
                .await;
            if path.ends_with(".csv") && query.starts_with("limit=1001") {
                // The export has no page size limit.
                assert_eq!(page.status, 200, "{path}?{query}");
                continue;
            }
            assert_eq!(page.status, 400, "{path}?{query}: {}", page.body);
            let body: Value = serde_json::from_str(&page.body).unwrap();
            assert_eq!(body["error"], "invalid_filter", "{query}");
            assert_eq!(body["field"], field, "{query}");
        }
    }
    assert_eq!(
        events(&audit_json(&app, "limit=1000").await).len(),
        0,
        "the largest page is allowed"
    );
}

/// Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "CSV ends with CRLF");
    records
}

#[actix_web::test]
async fn the_csv_export_has_a_header_quotes_fields_and_defuses_formulas() {
    let Some(app) = spawn_app().await else { return };
    three_sign_ins(&app).await;
    let hostile_agent = r#"@SUM(A1:A9),"x""#;
    let page = sign_in_with(
        &app,
        &[("user-agent", hostile_agent)],
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "wrong password",
    )
    .await;
    assert_eq!(page.status, 401);

    let page = app
        .admin_get(
            &format!("/admin/audit.csv?tenant={}", app.tenant.slug),
            Some(ADMIN_TOKEN),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.header("content-type"), "text/csv; charset=utf-8");
    assert!(page.header("content-disposition").contains("audit.csv"));
    assert!(page.body.starts_with(
        "occurred_at,tenant,event_type,outcome,reason,user_id,email,ip,user_agent,details\r\n"
    ));
    let records = parse_csv(&page.body);
    assert_eq!(
        records.len(),
        1 + 3,
        "header and this tenant's three events"
    );
    assert!(records.iter().all(|r| r.len() == 10), "{records:?}");
    let newest = &records[1];
    assert_eq!(newest[1], app.tenant.slug);
    assert_eq!(newest[2], "sign_in");
    assert_eq!(newest[3], "failure");
    assert_eq!(newest[6], "'=hyperlink(\"http://evil.example\",\"x\")");
    assert_eq!(newest[7], "127.0.0.1");
    assert_eq!(newest[8], format!("'{hostile_agent}"));
    assert_eq!(newest[9], r#"{"method":"password"}"#);
    // Raw: the formula cells are quoted with doubled quotes and never start a cell bare.
    assert!(
        page.body.contains(r#","'@SUM(A1:A9),""x""","#),
        "{}",
        page.body
    );
    for record in &records[1..] {
        for cell in record {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
    assert_eq!(records[3][6], "ada@acme.example");
    assert_eq!(records[3][3], "success");

    // Filters and limit apply to the export too.
    let page = app
        .admin_get("/admin/audit.csv?outcome=success", Some(ADMIN_TOKEN))
        .await;
    let records = parse_csv(&page.body);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1][6], "ada@acme.example");
    let page = app
        .admin_get("/admin/audit.csv?limit=2", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(parse_csv(&page.body).len(), 3);
}

#[actix_web::test]
async fn the_csv_export_streams_every_page() {
    let Some(app) = spawn_app().await else { return };
    // More events than one export page holds.
    let total = portal::routes::admin::audit_trail::CSV_PAGE as usize + 7;
    let events: Vec<_> = (0..total)
        .map(|i| portal_actors::store::audit::AuditEvent {
            tenant: app.tenant.id,
            event_id: uuid::Uuid::new_v4(),
            occurred_at: app.state.clock.now() - Duration::seconds(i as i64 % 50),
            event_type: "sign_in".into(),
            outcome: "failure".into(),
            reason: Some("bad_password".into()),
            user_id: None,
            email: Some(format!("user{i}@acme.example")),
            ip: None,
            user_agent: None,
            details: None,
        })
        .collect();
    portal_actors::store::audit::insert_batch(&app.db, &events)
        .await
        .unwrap();
    let page = app.admin_get("/admin/audit.csv", Some(ADMIN_TOKEN)).await;
    assert_eq!(page.status, 200);
    let records = parse_csv(&page.body);
    assert_eq!(records.len(), 1 + total);
    let mut emails: Vec<&str> = records[1..].iter().map(|r| r[6].as_str()).collect();
    emails.sort_unstable();
    emails.dedup();
    assert_eq!(emails.len(), total, "every event once");
    let times: Vec<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
}
