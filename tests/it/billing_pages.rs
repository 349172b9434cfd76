//! The billing pages: invoices with statuses derived from payments, credit and the due date
//! (the injected clock moves an invoice from open to overdue), drafts never shown, the filter,
//! an invoice's lines, totals, "Pay now" and the PSA's PDF; payments; the overview's balances per
//! currency, credit, contract lines and hour blocks; only roles with `billing:read` (Admin,
//! Finance) reach any of it, and another company's invoices are 404.

use crate::helpers::NowUtc as _;
use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{spawn_app, TestApp};
use crate::ticket_data::{self as data, Person};
use crate::ticket_fixtures::Api;

/// The text of a PDF as `pdftotext` reads it (`None`, after saying so, when it is missing).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invoice.pdf");
    std::fs::write(&path, pdf).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ => {
            crate::helpers::missing("pdftotext", "poppler-utils reads the invoice PDFs");
            None
        }
    }
}

struct Billing {
    app: TestApp,
    api: Api,
    fin: Person,
    ben: Person,
    gus: Person,
    today: NaiveDate,
}

fn day(today: NaiveDate, offset: i64) -> String {
    (today + Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

async fn put_invoice(b: &Billing, client: Uuid, number: &str, extra: Value) -> Uuid {
    let id = Uuid::new_v4();
    let mut body = json!({
        "number": number, "client_id": client, "currency": "EUR",
        "issue_date": day(b.today, -40), "due_date": day(b.today, 10),
        "subtotal_minor": 10000, "tax_minor": 2000, "total_minor": 12000,
        "payment_url": format!("https://pay.example/{number}"),
        "lines": [{"id": Uuid::new_v4(), "service": format!("Service of {number}"),
                   "description": "Forty workstations", "quantity": 40,
                   "unit_price_minor": 250, "total_minor": 10000}],
    });
    if let (Some(o), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    let (status, answer) = b.api.put(&format!("/invoices/{id}"), &body).await;
    assert!(status == 201 || status == 200, "{answer}");
    id
}

async fn pay(b: &Billing, client: Uuid, invoice: Uuid, minor: i64, reference: &str) {
    let body = json!({"client_id": client, "invoice_id": invoice, "amount_minor": minor,
                      "currency": "EUR", "paid_on": day(b.today, -5), "method": "Card",
                      "reference": reference});
    let (status, answer) = b
        .api
        .put(&format!("/payments/{}", Uuid::new_v4()), &body)
        .await;
    assert_eq!(status, 201, "{answer}");
}

/// Acme's invoices in every state, and one of Globex's.
async fn billing() -> Option<Billing> {
    let app = spawn_app().await?;
    let tenant = app.tenant.clone();
    let fin = data::person(&app, &tenant, "fin@acme.example", "Acme", Some("Finance")).await;
    let ben = data::person(&app, &tenant, "ben@acme.example", "Acme", Some("User")).await;
    let gus = data::person(
        &app,
        &tenant,
        "gus@globex.example",
        "Globex",
        Some("Finance"),
    )
    .await;
    let api = Api::new(&app, &tenant).await;
    let today = app.clock.now_utc().date_naive();
    let b = Billing {
        app,
        api,
        fin,
        ben,
        gus,
        today,
    };
    let acme = b.fin.client_id;
    let paid = put_invoice(&b, acme, "INV-1", json!({})).await;
    pay(&b, acme, paid, 12000, "ch_paid").await;
    let partial = put_invoice(&b, acme, "INV-2", json!({})).await;
    pay(&b, acme, partial, 2000, "ch_part").await;
    put_invoice(&b, acme, "INV-3", json!({"due_date": day(today, -1)})).await;
    put_invoice(&b, acme, "INV-4", json!({"due_date": day(today, 0)})).await;
    put_invoice(&b, acme, "INV-5", json!({"status": "void"})).await;
    put_invoice(&b, acme, "INV-6", json!({"status": "draft"})).await;
    put_invoice(
        &b,
        acme,
        "INV-JP",
        json!({"currency": "JPY", "subtotal_minor": 120000,
        "tax_minor": 12000, "total_minor": 132000, "lines": []}),
    )
    .await;
    put_invoice(&b, b.gus.client_id, "INV-9", json!({})).await;
    Some(b)
}

fn row_of<'a>(body: &'a str, number: &str) -> &'a str {
    let start = body
        .find(&format!(">{number}</a>"))
        .unwrap_or_else(|| panic!("{number} not listed: {body}"));
    let rest = &body[start..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

#[actix_web::test]
async fn invoices_show_their_derived_status_and_the_filter_narrows_them() {
    let Some(b) = billing().await else { return };
    let fin = data::signed_in(&b.app, &b.app.tenant.clone(), &b.fin).await;
    let list = fin.get("/client-portal/billing/invoices").await;
    assert_eq!(list.status, 200, "{}", list.body);
    for (number, status) in [
        ("INV-1", "Paid"),
        ("INV-2", "Partially paid"),
        ("INV-3", "Overdue"),
        ("INV-4", "Open"),
        ("INV-5", "Void"),
    ] {
        assert!(
            row_of(&list.body, number).contains(status),
            "{number}: {}",
            row_of(&list.body, number)
        );
    }
    assert!(!list.body.contains("INV-6"), "drafts never reach clients");
    assert!(!list.body.contains("INV-9"), "another company's invoice");
    assert!(
        row_of(&list.body, "INV-2").contains("€100.00"),
        "left to pay after a part payment"
    );
    assert!(
        row_of(&list.body, "INV-JP").contains("¥132,000"),
        "zero-digit currency"
    );

    let only = |status: &'static str| {
        let fin = &fin;
        async move {
            fin.get(&format!("/client-portal/billing/invoices?status={status}"))
                .await
                .body
        }
    };
    let unpaid = only("unpaid").await;
    assert!(["INV-2", "INV-3", "INV-4", "INV-JP"]
        .iter()
        .all(|n| unpaid.contains(&format!(">{n}<"))));
    assert!(!unpaid.contains(">INV-1<") && !unpaid.contains(">INV-5<"));
    let overdue = only("overdue").await;
    assert!(
        overdue.contains(">INV-3<") && !overdue.contains(">INV-4<") && !overdue.contains(">INV-2<")
    );
    assert!(only("paid").await.contains(">INV-1<"));
    assert!(only("void").await.contains(">INV-5<"));
    assert_eq!(
        fin.get("/client-portal/billing/invoices?status=late")
            .await
            .status,
        400
    );
    assert_eq!(
        fin.get("/client-portal/billing/invoices?page=0")
            .await
            .status,
        400
    );

    // The due date itself is not overdue; the day after is.
    b.app.clock.advance(Duration::days(1));
    // (A day later the session is over: sign in again.)
    let fin = data::signed_in(&b.app, &b.app.tenant.clone(), &b.fin).await;
    let next_day = fin.get("/client-portal/billing/invoices").await.body;
    assert!(
        row_of(&next_day, "INV-4").contains("Overdue"),
        "{}",
        row_of(&next_day, "INV-4")
    );
}

#[actix_web::test]
async fn an_invoice_shows_its_lines_totals_payments_pay_link_and_pdf() {
    let Some(b) = billing().await else { return };
    let fin = data::signed_in(&b.app, &b.app.tenant.clone(), &b.fin).await;
    let partial = fin.get("/client-portal/billing/invoices/INV-2").await;
    assert_eq!(partial.status, 200);
    for text in [
        "Service of INV-2",
        "Forty workstations",
        "€2.50",
        "€100.00",
        "€120.00",
        "€20.00",
        "ch_part",
        "Pay now",
    ] {
        assert!(partial.body.contains(text), "{text}: {}", partial.body);
    }
    assert!(partial.body.contains("href=\"https://pay.example/INV-2\""));
    assert!(partial.body.contains("Download PDF"));
    let paid = fin.get("/client-portal/billing/invoices/INV-1").await;
    assert!(!paid.body.contains("Pay now"), "nothing left to pay");
    assert_eq!(
        fin.get("/client-portal/billing/invoices/INV-6")
            .await
            .status,
        404,
        "draft"
    );
    assert_eq!(
        fin.get("/client-portal/billing/invoices/INV-9")
            .await
            .status,
        404,
        "Globex's"
    );
    // Without the PSA's PDF one is drawn: its text has the number, each line and the total.
    let (status, headers, generated) = fin
        .get_bytes("/client-portal/billing/invoices/INV-2/pdf")
        .await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("INV-2.pdf"));
    assert!(generated.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&generated) {
        for part in [
            "INV-2",
            "Service of INV-2",
            "Forty workstations",
            "€120.00",
            "€100.00",
            "Acme",
        ] {
            assert!(text.contains(part), "{part}: {text}");
        }
    }
    let generated_count = b
        .app
        .metric(
            "portal_invoice_pdfs_total",
            &[("source", "generated"), ("outcome", "success")],
        )
        .await;
    assert_eq!(generated_count, 1.0);

    // The PSA's own PDF: linked and downloaded with the attachment hardening.
    let invoice_id = {
        portal_actors::query_as!(
            b.app.db.exec(),
            (Uuid,),
            fetch_one,
            "SELECT invoice_id FROM invoices WHERE tenant = $1 AND invoice_number = 'INV-2'",
            b.app.tenant.id
        )
        .unwrap()
        .0
    };
    let pdf = b"%PDF-1.7 the PSA's own".to_vec();
    let resp = b
        .app
        .http
        .put(format!("{}/invoices/{invoice_id}/pdf", b.api.base))
        .bearer_auth(&b.api.token)
        .body(pdf.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let page = fin.get("/client-portal/billing/invoices/INV-2").await;
    assert!(page.body.contains("Download PDF"));
    let (status, headers, bytes) = fin
        .get_bytes("/client-portal/billing/invoices/INV-2/pdf")
        .await;
    assert_eq!((status, bytes), (200, pdf));
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let gus = data::signed_in(&b.app, &b.app.tenant.clone(), &b.gus).await;
    assert_eq!(
        gus.get("/client-portal/billing/invoices/INV-2/pdf")
            .await
            .status,
        404
    );

    let payments = fin.get("/client-portal/billing/payments").await;
    assert!(payments.body.contains("ch_paid") && payments.body.contains("ch_part"));
    assert!(payments.body.contains("2 payments"), "{}", payments.body);
}

#[actix_web::test]
async fn the_overview_sums_per_currency_and_shows_contracts_credit_and_hours() {
    let Some(b) = billing().await else { return };
    let acme = b.fin.client_id;
    let contract = json!({"client_id": acme, "name": "Managed services",
        "lines": [{"id": Uuid::new_v4(), "name": "Workstations", "rate_minor": 4500,
                   "currency": "EUR", "quantity": 40},
                  {"id": Uuid::new_v4(), "name": "Old firewall", "rate_minor": 100,
                   "currency": "EUR", "end_date": day(b.today, -30)}]});
    assert_eq!(
        b.api
            .put(&format!("/contracts/{}", Uuid::new_v4()), &contract)
            .await
            .0,
        201
    );
    let credit = json!({"client_id": acme, "kind": "issued", "amount_minor": 5000,
                        "currency": "EUR", "occurred_on": day(b.today, -3)});
    assert_eq!(
        b.api
            .put(&format!("/credits/{}", Uuid::new_v4()), &credit)
            .await
            .0,
        201
    );
    let block = json!({"client_id": acme, "name": "Support hours", "purchased_hours": 20,
                       "starts_on": day(b.today, -60),
                       "usage": [{"id": Uuid::new_v4(), "used_on": day(b.today, -2), "hours": 4.5}]});
    assert_eq!(
        b.api
            .put(&format!("/hour-blocks/{}", Uuid::new_v4()), &block)
            .await
            .0,
        201
    );

    let fin = data::signed_in(&b.app, &b.app.tenant.clone(), &b.fin).await;
    let page = fin.get("/client-portal/billing").await;
    assert_eq!(page.status, 200, "{}", page.body);
    // INV-2: 100.00 left, INV-3: 120.00, INV-4: 120.00 → €340.00; and ¥132,000 apart.
    assert!(
        page.body.contains("€340.00") && page.body.contains("¥132,000"),
        "{}",
        page.body
    );
    assert!(page.body.contains("4 unpaid invoices"));
    assert!(page.body.contains("INV-3"), "the overdue one is due first");
    assert!(page.body.contains("€50.00"), "available credit");
    assert!(page.body.contains("Workstations") && page.body.contains("€45.00"));
    assert!(
        !page.body.contains("Old firewall"),
        "an ended line is not current"
    );
    assert!(page.body.contains("15.5 of 20 hours left"), "{}", page.body);
}

#[actix_web::test]
async fn only_roles_with_billing_read_reach_billing() {
    let Some(b) = billing().await else { return };
    let tenant = b.app.tenant.clone();
    let ben = data::signed_in(&b.app, &tenant, &b.ben).await;
    let dash = ben.get("/client-portal/dashboard").await;
    assert!(
        !dash.body.contains("/client-portal/billing"),
        "no Billing for role User"
    );
    for path in [
        "/client-portal/billing",
        "/client-portal/billing/invoices",
        "/client-portal/billing/invoices/INV-1",
        "/client-portal/billing/invoices/INV-1/pdf",
        "/client-portal/billing/payments",
    ] {
        assert_eq!(ben.get(path).await.status, 404, "{path}");
    }
    let fin = data::signed_in(&b.app, &tenant, &b.fin).await;
    let dash = fin.get("/client-portal/dashboard").await;
    assert!(
        dash.body.contains("4 unpaid invoices"),
        "the dashboard's card: {}",
        dash.body
    );
    assert!(dash.body.contains("€340.00") && dash.body.contains("¥132,000"));
    assert!(
        dash.body
            .contains("href=\"/client-portal/billing\">Billing</a>"),
        "{}",
        dash.body
    );
    let admin = data::person(&b.app, &tenant, "ada@acme.example", "Acme", Some("Admin")).await;
    let ada = data::signed_in(&b.app, &tenant, &admin).await;
    assert_eq!(
        ada.get("/client-portal/billing/invoices/INV-1")
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn usage_is_charted_with_its_figures_beside_each_chart() {
    let Some(b) = billing().await else { return };
    let acme = b.fin.client_id;
    for (i, gb) in [100.5, 200.25].into_iter().enumerate() {
        let body = json!({"client_id": acme, "service": "Backup", "unit": "GB", "quantity": gb,
                          "used_on": day(b.today, -40 * i64::try_from(i).unwrap())});
        assert_eq!(
            b.api
                .put(&format!("/usage/{}", Uuid::new_v4()), &body)
                .await
                .0,
            201
        );
    }
    let time = json!({"client_id": acme, "service": "Remote support", "work_date": day(b.today, -3), "hours": 2.5});
    assert_eq!(
        b.api
            .put(&format!("/billable-time/{}", Uuid::new_v4()), &time)
            .await
            .0,
        201
    );
    let block = json!({"client_id": acme, "name": "Support hours", "purchased_hours": 10,
                       "starts_on": day(b.today, -30),
                       "usage": [{"id": Uuid::new_v4(), "used_on": day(b.today, -20), "hours": 4}]});
    assert_eq!(
        b.api
            .put(&format!("/hour-blocks/{}", Uuid::new_v4()), &block)
            .await
            .0,
        201
    );

    let fin = data::signed_in(&b.app, &b.app.tenant.clone(), &b.fin).await;
    let page = fin.get("/client-portal/billing/usage").await;
    assert_eq!(page.status, 200, "{}", page.body);
    for part in [
        "Backup (GB)",
        "100.5",
        "200.25",
        "Hours by service",
        "Remote support",
        "2.5",
        "Support hours",
        "<svg",
        "role=\"img\"",
        "<title",
        "<desc",
    ] {
        assert!(page.body.contains(part), "{part}: {}", page.body);
    }
    assert!(
        page.body.contains(">6<"),
        "10 hours less 4 left: {}",
        page.body
    );
    // A narrower range leaves the older use out.
    let recent = fin
        .get(&format!(
            "/client-portal/billing/usage?from={}&to={}",
            day(b.today, -10),
            day(b.today, 0)
        ))
        .await;
    assert!(
        recent.body.contains("100.5") && !recent.body.contains("200.25"),
        "{}",
        recent.body
    );
    for bad in [
        "from=yesterday",
        "from=2026-12-01&to=2026-01-01",
        "from=2000-01-01&to=2026-01-01",
    ] {
        assert_eq!(
            fin.get(&format!("/client-portal/billing/usage?{bad}"))
                .await
                .status,
            400,
            "{bad}"
        );
    }
    let ben = data::signed_in(&b.app, &b.app.tenant.clone(), &b.ben).await;
    assert_eq!(ben.get("/client-portal/billing/usage").await.status, 404);
}
