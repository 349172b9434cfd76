//! The bench's data, written through `billing_sync` — the integration API's code path, bodies
//! parsed as it parses them: five years of monthly invoices with their lines and payments, the
//! 50-line invoice whose PDF is drawn, a contract with its lines, a credit and an hour block.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use super::*;

use chrono::{Datelike as _, Days, Months, NaiveDate};
use portal_actors::billing_sync::accounts::{ContractInput, CreditInput, HourBlockInput};
use portal_actors::billing_sync::{accounts_apply, apply, InvoiceInput, PaymentInput};
use portal_actors::model::PortalRole;

/// A fixed bench id: `0xb111…` plus `n`.
pub(crate) fn id(n: u128) -> Uuid {
    Uuid::from_u128(0xb111_0000_0000_4000_8000_0000_0000_0000_u128 + n)
}

/// The first day of the month `back` months before `today`'s.
fn month_start(today: NaiveDate, back: u32) -> NaiveDate {
    today.with_day(1).unwrap() - Months::new(back)
}

/// The number of the monthly invoice issued `back` months ago.
pub(crate) fn monthly_number(today: NaiveDate, back: u32) -> String {
    let d = month_start(today, back);
    format!("INV-{}{:02}", d.year(), d.month())
}

/// The description of line `i` of the big invoice; every view of it must show the last one.
pub(crate) fn big_line(i: usize) -> String {
    format!("Managed workstation {i:02}: monitoring, patching and support")
}

/// An invoice body with `lines` lines of `rate` minor units each, issued on `issued`.
fn invoice_body(client_id: Uuid, number: &str, issued: NaiveDate, lines: Vec<Value>) -> Value {
    let subtotal: i64 = lines
        .iter()
        .map(|l| l["total_minor"].as_i64().unwrap())
        .sum();
    let tax = subtotal / 5;
    json!({
        "number": number, "client_id": client_id, "currency": "EUR",
        "issue_date": issued.to_string(),
        "due_date": (issued + Days::new(30)).to_string(),
        "period_start": issued.to_string(),
        "period_end": ((issued + Months::new(1)) - Days::new(1)).to_string(),
        "subtotal_minor": subtotal, "tax_minor": tax, "total_minor": subtotal + tax,
        "payment_url": format!("https://pay.example/{number}"),
        "lines": lines,
    })
}

fn line(n: u128, service: &str, description: String, quantity: i64, rate: i64) -> Value {
    json!({"id": id(n), "service": service, "description": description, "quantity": quantity,
           "unit_price_minor": rate, "total_minor": quantity * rate})
}

/// The tenant, its client company with `CLIENT_USERS` Finance users, and the billing; also the
/// tenant's and the company's ids.
pub(crate) async fn seed(db: &Db, now: DateTime<Utc>) -> anyhow::Result<(Seeded, Uuid, Uuid)> {
    let info = common::seed::tenant(db, "Bench MSP".into(), now).await?;
    let tenant = info.id;
    let client_id = users::create_client(db, tenant, "Bench Co", now).await?;
    let hash = hash_with(&current_params()?, PASSWORD)?;
    let made = common::seed::client_users_as(
        db,
        tenant,
        client_id,
        CLIENT_USERS,
        Some(&hash),
        PortalRole::Finance,
        now,
    )
    .await?;
    let today = now.date_naive();

    let started = Instant::now();
    for back in 1..=MONTHS {
        let n = u128::from(back) * 100;
        let issued = month_start(today, back);
        let lines = (0..MONTHLY_LINES)
            .map(|i| {
                line(
                    n + i as u128,
                    "Managed services",
                    format!("Service {i} for {}", issued.format("%B %Y")),
                    10 + i as i64,
                    4_500,
                )
            })
            .collect();
        let body = invoice_body(client_id, &monthly_number(today, back), issued, lines);
        let total = body["total_minor"].as_i64().unwrap();
        apply::upsert_invoice(db, tenant, id(n), &InvoiceInput::parse(body)?, now).await?;
        // All paid but the newest two: one partly, one not at all.
        let paid = match back {
            1 => 0,
            2 => total / 2,
            _ => total,
        };
        if paid > 0 {
            let payment = PaymentInput::parse(json!({
                "client_id": client_id, "invoice_id": id(n), "amount_minor": paid,
                "currency": "EUR", "paid_on": (issued + Days::new(12)).to_string(),
                "method": "SEPA direct debit", "reference": format!("PAY-{back}"),
            }))?;
            apply::upsert_payment(db, tenant, id(n + 50), &payment, now).await?;
        }
    }
    let big_lines = (0..PDF_LINES)
        .map(|i| {
            line(
                90_000 + i as u128,
                "Managed workstations",
                big_line(i),
                1 + i as i64 % 3,
                4_500,
            )
        })
        .collect();
    let big = invoice_body(client_id, BIG_NUMBER, today, big_lines);
    apply::upsert_invoice(db, tenant, id(90_000), &InvoiceInput::parse(big)?, now).await?;

    let contract = ContractInput::parse(json!({
        "client_id": client_id, "name": "Managed IT services",
        "start_date": month_start(today, MONTHS).to_string(),
        "lines": [
            {"id": id(95_001), "name": CONTRACT_LINE, "rate_minor": 4_500, "currency": "EUR",
             "quantity": 40, "service_category": "Managed services"},
            {"id": id(95_002), "name": "Cloud backup (500 GB)", "rate_minor": 12_000,
             "currency": "EUR", "service_category": "Backup"},
        ],
    }))?;
    accounts_apply::upsert_contract(db, tenant, id(95_000), &contract, now).await?;
    let credit = CreditInput::parse(json!({
        "client_id": client_id, "kind": "issued", "amount_minor": 15_000, "currency": "EUR",
        "occurred_on": month_start(today, 2).to_string(), "description": "Goodwill credit",
    }))?;
    accounts_apply::upsert_credit(db, tenant, id(95_100), &credit, now).await?;
    let block = HourBlockInput::parse(json!({
        "client_id": client_id, "name": HOUR_BLOCK, "purchased_hours": 40,
        "starts_on": month_start(today, 6).to_string(),
        "usage": [{"id": id(95_201), "used_on": month_start(today, 3).to_string(), "hours": 6}],
    }))?;
    accounts_apply::upsert_hour_block(db, tenant, id(95_200), &block, now).await?;

    let seeded = Seeded {
        slug: info.slug,
        emails: made.into_iter().map(|u| u.email).collect(),
        seed_took: started.elapsed(),
        newest: monthly_number(today, 1),
    };
    Ok((seeded, tenant, client_id))
}
