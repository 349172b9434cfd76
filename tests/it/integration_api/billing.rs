//! Billing from the PSA: invoices with their lines and payments round trip in minor units (two-,
//! zero- and three-digit currencies), an identical PUT changes nothing, lines are replaced whole,
//! every refusal names its field and writes nothing, numbers are unique per tenant, and another
//! tenant's invoices and payments are not there.

use super::*;

fn invoice_body(client: Uuid, number: &str, currency: &str, lines: Value) -> Value {
    json!({
        "number": number, "client_id": client, "currency": currency,
        "issue_date": "2026-11-01", "due_date": "2026-11-30",
        "subtotal_minor": 10000, "tax_minor": 2000, "total_minor": 12000,
        "payment_url": "https://pay.example/inv/1",
        "lines": lines,
    })
}

async fn client(api: &Api, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    let (status, body) = api
        .put(&format!("/clients/{id}"), &json!({"name": name}))
        .await;
    assert_eq!(status, 201, "{body}");
    id
}

async fn invoice_rows(app: &TestApp) -> (i64, i64) {
    let count = |table: &'static str| async move {
        portal_actors::fetch_one_scalar!(
            app.db.exec(),
            i64,
            &format!("SELECT COUNT(*) FROM {table} WHERE tenant = $1"),
            app.tenant.id
        )
        .unwrap()
    };
    (count("invoices").await, count("invoice_lines").await)
}

#[actix_web::test]
async fn invoices_round_trip_with_their_lines_and_an_identical_put_changes_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let acme = client(&api, "Acme").await;
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let lines = json!([
        {"id": a, "service": "Managed workstations", "quantity": 40, "unit_price_minor": 200,
         "total_minor": 8000, "period_start": "2026-11-01", "period_end": "2026-11-30"},
        {"id": b, "service": "Remote support", "quantity": 1.5, "unit_price_minor": 1333,
         "total_minor": 2000}
    ]);
    let id = Uuid::new_v4();
    let path = format!("/invoices/{id}");
    let (status, created) = api
        .put(&path, &invoice_body(acme, "INV-1001", "EUR", lines.clone()))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "finalized");
    assert!(
        created["finalized_at"].is_string(),
        "finalized when first received"
    );
    assert_eq!(created["lines"][1]["quantity_milli"], 1500);
    assert_eq!(created["lines"][0]["period_end"], "2026-11-30");
    assert_eq!(created["has_pdf"], false);
    assert_eq!(created["version"], 1);
    assert_eq!(api.get(&path).await, (200, created.clone()));

    app.clock.advance(chrono::Duration::seconds(5));
    let same = api
        .put(&path, &invoice_body(acme, "INV-1001", "EUR", lines.clone()))
        .await;
    assert_eq!(
        same,
        (200, created.clone()),
        "the same body changes nothing"
    );

    // Lines are replaced whole; finalized_at is kept.
    let fewer = json!([{"id": b, "service": "Remote support", "total_minor": 10000}]);
    let (status, replaced) = api
        .put(&path, &invoice_body(acme, "INV-1001", "EUR", fewer))
        .await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["lines"].as_array().unwrap().len(), 1);
    assert_eq!(replaced["version"], 2);
    assert_eq!(replaced["finalized_at"], created["finalized_at"]);
    assert_eq!(invoice_rows(&app).await, (1, 1));

    // Void: voided_at set; draft: neither.
    let mut void = invoice_body(acme, "INV-1001", "EUR", json!([]));
    void["status"] = json!("void");
    let (_, voided) = api.put(&path, &void).await;
    assert!(voided["voided_at"].is_string() && voided["finalized_at"] == created["finalized_at"]);
    let mut draft = invoice_body(acme, "INV-2", "EUR", json!([]));
    draft["status"] = json!("draft");
    let (status, drafted) = api
        .put(&format!("/invoices/{}", Uuid::new_v4()), &draft)
        .await;
    assert_eq!((status, &drafted["finalized_at"]), (201, &Value::Null));

    // Zero- and three-digit currencies keep their minor units exactly.
    let mut yen = invoice_body(acme, "INV-JP", "JPY", json!([]));
    yen["subtotal_minor"] = json!(120000);
    yen["tax_minor"] = json!(12000);
    yen["total_minor"] = json!(132000);
    let (status, jp) = api
        .put(&format!("/invoices/{}", Uuid::new_v4()), &yen)
        .await;
    assert_eq!(
        (status, &jp["total_minor"], &jp["currency"]),
        (201, &json!(132000), &json!("JPY"))
    );
    let mut dinar = invoice_body(acme, "INV-BH", "BHD", json!([]));
    dinar["subtotal_minor"] = json!(1005);
    dinar["tax_minor"] = json!(0);
    dinar["total_minor"] = json!(1005);
    let (status, bh) = api
        .put(&format!("/invoices/{}", Uuid::new_v4()), &dinar)
        .await;
    assert_eq!((status, &bh["total_minor"]), (201, &json!(1005)));
}

#[actix_web::test]
async fn invoice_refusals_name_the_field_and_write_nothing() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let acme = client(&api, "Acme").await;
    let line = Uuid::new_v4();
    let first = Uuid::new_v4();
    let (status, _) = api
        .put(
            &format!("/invoices/{first}"),
            &invoice_body(
                acme,
                "INV-1",
                "EUR",
                json!([{"id": line, "total_minor": 10000}]),
            ),
        )
        .await;
    assert_eq!(status, 201);
    let before = invoice_rows(&app).await;
    let other = format!("/invoices/{}", Uuid::new_v4());
    assert_field(
        &api.put(
            &other,
            &invoice_body(Uuid::new_v4(), "INV-2", "EUR", json!([])),
        )
        .await,
        "client_id",
    );
    assert_field(
        &api.put(&other, &invoice_body(acme, "INV-2", "EURO", json!([])))
            .await,
        "currency",
    );
    assert_field(
        &api.put(
            &other,
            &invoice_body(
                acme,
                "INV-2",
                "EUR",
                json!([{"id": line, "total_minor": 1}]),
            ),
        )
        .await,
        "lines[0].id",
    );
    let mut bad_total = invoice_body(acme, "INV-2", "EUR", json!([]));
    bad_total["total_minor"] = json!(1);
    assert_field(&api.put(&other, &bad_total).await, "total_minor");
    let (status, body) = api
        .put(&other, &invoice_body(acme, "INV-1", "EUR", json!([])))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("number_taken")),
        "{body}"
    );
    assert_field(
        &api.put(
            "/invoices/not-a-uuid",
            &invoice_body(acme, "INV-3", "EUR", json!([])),
        )
        .await,
        "invoice_id",
    );
    assert_eq!(invoice_rows(&app).await, before, "nothing written");

    // Another tenant does not see them.
    let other_tenant = app.create_tenant("Other MSP").await;
    let theirs = Api::new(&app, &other_tenant).await;
    assert_eq!(theirs.get(&format!("/invoices/{first}")).await.0, 404);
}

#[actix_web::test]
async fn payments_round_trip_and_must_match_their_invoice() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (acme, globex) = (client(&api, "Acme").await, client(&api, "Globex").await);
    let invoice = Uuid::new_v4();
    let (status, _) = api
        .put(
            &format!("/invoices/{invoice}"),
            &invoice_body(acme, "INV-1", "EUR", json!([])),
        )
        .await;
    assert_eq!(status, 201);
    let id = Uuid::new_v4();
    let path = format!("/payments/{id}");
    let body = json!({"client_id": acme, "invoice_id": invoice, "amount_minor": 5000,
                      "currency": "EUR", "paid_on": "2026-11-15", "method": "Card",
                      "reference": "ch_1"});
    let (status, created) = api.put(&path, &body).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        (created["status"].as_str(), created["version"].as_i64()),
        (Some("succeeded"), Some(1))
    );
    assert_eq!(api.get(&path).await, (200, created.clone()));
    app.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(api.put(&path, &body).await, (200, created.clone()));
    let mut refunded = body.clone();
    refunded["status"] = json!("refunded");
    let (status, changed) = api.put(&path, &refunded).await;
    assert_eq!((status, changed["version"].as_i64()), (200, Some(2)));
    assert_eq!(
        changed["received_at"], created["received_at"],
        "first received, kept"
    );

    let mut wrong_client = body.clone();
    wrong_client["client_id"] = json!(globex);
    assert_field(
        &api.put(&format!("/payments/{}", Uuid::new_v4()), &wrong_client)
            .await,
        "invoice_id",
    );
    let mut wrong_currency = body.clone();
    wrong_currency["currency"] = json!("USD");
    assert_field(
        &api.put(&format!("/payments/{}", Uuid::new_v4()), &wrong_currency)
            .await,
        "currency",
    );
    let mut unknown = body.clone();
    unknown["invoice_id"] = json!(Uuid::new_v4());
    assert_field(
        &api.put(&format!("/payments/{}", Uuid::new_v4()), &unknown)
            .await,
        "invoice_id",
    );
    let mut negative = body;
    negative["amount_minor"] = json!(-5);
    assert_field(
        &api.put(&format!("/payments/{}", Uuid::new_v4()), &negative)
            .await,
        "amount_minor",
    );
}

/// PUT twice (the second identical, a little later) and GET: created, unchanged, read back.
async fn round_trip(app: &TestApp, api: &Api, path: &str, body: &Value) -> Value {
    let (status, created) = api.put(path, body).await;
    assert_eq!(status, 201, "{path}: {created}");
    app.clock.advance(chrono::Duration::seconds(3));
    assert_eq!(
        api.put(path, body).await,
        (200, created.clone()),
        "{path}: unchanged"
    );
    assert_eq!(
        api.get(path).await,
        (200, created.clone()),
        "{path}: read back"
    );
    created
}

#[actix_web::test]
async fn contracts_credits_usage_hour_blocks_and_time_round_trip_and_refuse_by_field() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let (acme, globex) = (client(&api, "Acme").await, client(&api, "Globex").await);
    let line = Uuid::new_v4();
    let contract_path = format!("/contracts/{}", Uuid::new_v4());
    let contract = json!({"client_id": acme, "name": "Managed services", "start_date": "2026-01-01",
        "lines": [{"id": line, "name": "Workstations", "rate_minor": 4500, "currency": "EUR",
                   "quantity": 40, "service_category": "Managed"},
                  {"id": Uuid::new_v4(), "name": "Backup", "billing_frequency": "usage",
                   "rate_minor": 12, "currency": "EUR"}]});
    let c = round_trip(&app, &api, &contract_path, &contract).await;
    assert_eq!(
        (
            c["version"].as_i64(),
            c["lines"][0]["quantity_milli"].as_i64()
        ),
        (Some(1), Some(40_000))
    );
    let mut fewer = contract.clone();
    fewer["lines"].as_array_mut().unwrap().pop();
    let (status, changed) = api.put(&contract_path, &fewer).await;
    assert_eq!(
        (
            status,
            changed["version"].as_i64(),
            changed["lines"].as_array().map(Vec::len)
        ),
        (200, Some(2), Some(1))
    );
    let mut stolen = contract.clone();
    stolen["lines"] = json!([{"id": line, "name": "x", "rate_minor": 1, "currency": "EUR"}]);
    assert_field(
        &api.put(&format!("/contracts/{}", Uuid::new_v4()), &stolen)
            .await,
        "lines[0].id",
    );

    let invoice = Uuid::new_v4();
    let (status, _) = api
        .put(
            &format!("/invoices/{invoice}"),
            &invoice_body(acme, "INV-1", "EUR", json!([])),
        )
        .await;
    assert_eq!(status, 201);
    let credit = json!({"client_id": acme, "kind": "applied", "amount_minor": 2000, "currency": "EUR",
                        "occurred_on": "2026-11-02", "invoice_id": invoice});
    round_trip(&app, &api, &format!("/credits/{}", Uuid::new_v4()), &credit).await;
    let mut foreign = credit.clone();
    foreign["client_id"] = json!(globex);
    assert_field(
        &api.put(&format!("/credits/{}", Uuid::new_v4()), &foreign)
            .await,
        "invoice_id",
    );

    let usage = json!({"client_id": acme, "service": "Backup", "unit": "GB", "quantity": 512.5, "used_on": "2026-11-30"});
    let u = round_trip(&app, &api, &format!("/usage/{}", Uuid::new_v4()), &usage).await;
    assert_eq!(u["quantity_milli"], 512_500);

    let block = json!({"client_id": acme, "name": "20 hours", "purchased_hours": 20, "starts_on": "2026-01-01",
                       "usage": [{"id": Uuid::new_v4(), "used_on": "2026-02-03", "hours": 1.5, "description": "Printer"}]});
    let b = round_trip(
        &app,
        &api,
        &format!("/hour-blocks/{}", Uuid::new_v4()),
        &block,
    )
    .await;
    assert_eq!(
        (
            b["purchased_minutes"].as_i64(),
            b["usage"][0]["minutes"].as_i64()
        ),
        (Some(1200), Some(90))
    );

    let time = json!({"client_id": acme, "service": "Remote support", "work_date": "2026-11-03", "hours": 0.75});
    let t = round_trip(
        &app,
        &api,
        &format!("/billable-time/{}", Uuid::new_v4()),
        &time,
    )
    .await;
    assert_eq!(t["minutes"], 45);

    // Unknown clients are refused everywhere; unknown ids are 404; other tenants see nothing.
    for (path, mut body) in [
        ("contracts", contract),
        ("usage", usage),
        ("billable-time", time.clone()),
    ] {
        body["client_id"] = json!(Uuid::new_v4());
        if path == "contracts" {
            body["lines"] = json!([]);
        }
        assert_field(
            &api.put(&format!("/{path}/{}", Uuid::new_v4()), &body).await,
            "client_id",
        );
    }
    assert_eq!(api.get(&format!("/usage/{}", Uuid::new_v4())).await.0, 404);
    let theirs = Api::new(&app, &app.create_tenant("Other MSP").await).await;
    assert_eq!(theirs.get(&contract_path).await.0, 404);
    let mut bad_hours = time;
    bad_hours["hours"] = json!(-1);
    assert_field(
        &api.put(&format!("/billable-time/{}", Uuid::new_v4()), &bad_hours)
            .await,
        "hours",
    );
}

async fn put_pdf(app: &TestApp, api: &Api, invoice: Uuid, bytes: &[u8]) -> (u16, Value) {
    let resp = app
        .http
        .put(format!("{}/invoices/{invoice}/pdf", api.base))
        .bearer_auth(&api.token)
        .header("content-type", "application/pdf")
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn stored_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                stored_files(&e.path())
            } else {
                1
            }
        })
        .sum()
}

#[actix_web::test]
async fn the_psas_own_pdf_is_kept_replaced_and_a_non_pdf_refused() {
    let Some(app) = spawn_app().await else { return };
    let api = Api::new(&app, &app.tenant).await;
    let acme = client(&api, "Acme").await;
    let invoice = Uuid::new_v4();
    let (status, _) = api
        .put(
            &format!("/invoices/{invoice}"),
            &invoice_body(acme, "INV-1", "EUR", json!([])),
        )
        .await;
    assert_eq!(status, 201);
    let files = stored_files(&app.attachments_dir);
    let (status, body) = put_pdf(&app, &api, invoice, b"%PDF-1.7 first").await;
    assert_eq!(
        (status, body["has_pdf"].as_bool()),
        (200, Some(true)),
        "{body}"
    );
    assert_eq!(stored_files(&app.attachments_dir), files + 1);
    // A new PDF replaces the old one, whose contents go.
    let (status, _) = put_pdf(&app, &api, invoice, b"%PDF-1.7 second").await;
    assert_eq!(status, 200);
    assert_eq!(stored_files(&app.attachments_dir), files + 1);
    // Not a PDF, empty, unknown invoice: refused, nothing kept.
    let (status, body) = put_pdf(&app, &api, invoice, b"<html>not a pdf</html>").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("not_a_pdf")),
        "{body}"
    );
    let (status, body) = put_pdf(&app, &api, invoice, b"").await;
    assert_eq!((status, body["error"].as_str()), (400, Some("empty")));
    assert_eq!(
        put_pdf(&app, &api, Uuid::new_v4(), b"%PDF-1.7").await.0,
        404
    );
    assert_eq!(stored_files(&app.attachments_dir), files + 1);
    assert!(
        app.metric(
            "portal_invoice_pdf_uploads_total",
            &[("outcome", "success")]
        )
        .await
            >= 2.0
    );
}
