//! The demo's billing, written through `billing_sync` — the code path of the integration API:
//! a year of monthly invoices for each company (Acme in euros, Globex in US dollars), payments
//! for most of them (one partly paid, one overdue, the newest open), a contract with its lines, a
//! credit, a prepaid hour block with its use, metered usage and billable time. Seeded once.

use anyhow::Context;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use portal_actors::billing_sync::accounts::{
    BillableTimeInput, ContractInput, CreditInput, HourBlockInput, UsageInput,
};
use portal_actors::billing_sync::{accounts_apply, apply, InvoiceInput, PaymentInput};
use portal_actors::Db;
use serde_json::json;
use uuid::Uuid;

use super::directory::{ACME, GLOBEX};

/// A fixed demo id: `0xde50…` plus `n`.
fn id(n: u128) -> Uuid {
    Uuid::from_u128(0xde50_0000_0000_4000_8000_0000_0000_0000_u128.saturating_add(n))
}

/// The first day of the month `back` months before `today`'s.
fn month_start(today: NaiveDate, back: u32) -> NaiveDate {
    let months = today
        .year()
        .saturating_mul(12)
        .saturating_add(i32::try_from(today.month0()).unwrap_or(0))
        .saturating_sub(i32::try_from(back).unwrap_or(0));
    NaiveDate::from_ymd_opt(
        months.div_euclid(12),
        u32::try_from(months.rem_euclid(12))
            .unwrap_or(0)
            .saturating_add(1),
        1,
    )
    .unwrap_or(today)
}

/// `d` moved by `days` (unchanged if that leaves the calendar).
fn plus_days(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(days)).unwrap_or(d)
}

/// Seeds the billing when the demo tenant has none yet.
pub async fn seed(db: &Db, tenant: Uuid, now: DateTime<Utc>) -> anyhow::Result<()> {
    if apply::get_invoice(db, tenant, id(1)).await.is_ok() {
        return Ok(());
    }
    let today = now.date_naive();
    for (company, (client, currency, prefix, rate)) in [
        (ACME, "EUR", "ACM", 4_500_i64),
        (GLOBEX, "USD", "GLX", 3_900),
    ]
    .into_iter()
    .enumerate()
    {
        let base = u128::try_from(company).unwrap_or(0).saturating_mul(1_000);
        for back in (0..12_u32).rev() {
            let n = base.saturating_add(u128::from(back)).saturating_add(1);
            let issued = month_start(today, back);
            let due = plus_days(issued, 30);
            let seats = 40_i64.saturating_add(i64::from(back % 3));
            let subtotal = seats.saturating_mul(rate).saturating_add(12_000);
            let tax = subtotal / 5;
            let total = subtotal.saturating_add(tax);
            let body = json!({
                "number": format!("{prefix}-{}{:02}", issued.year(), issued.month()),
                "client_id": client, "currency": currency,
                "issue_date": issued.to_string(), "due_date": due.to_string(),
                "period_start": issued.to_string(),
                "period_end": plus_days(month_start(plus_days(issued, 40), 0), -1).to_string(),
                "subtotal_minor": subtotal, "tax_minor": tax, "total_minor": total,
                "payment_url": format!("https://pay.example/{prefix}/{}", issued.format("%Y%m")),
                "lines": [
                    {"id": id(n.saturating_mul(10).saturating_add(100_000)), "service": "Managed workstations",
                     "description": "Monitoring, patching and support per workstation", "quantity": seats,
                     "unit_price_minor": rate, "total_minor": seats.saturating_mul(rate)},
                    {"id": id(n.saturating_mul(10).saturating_add(100_001)), "service": "Backup",
                     "description": "Cloud backup, 500 GB included", "quantity": 1,
                     "unit_price_minor": 12_000, "total_minor": 12_000},
                ],
            });
            let invoice = InvoiceInput::parse(body).context("demo invoice")?;
            apply::upsert_invoice(db, tenant, id(n), &invoice, now).await?;
            // Paid, except: the newest open, the one before partly paid, Acme's third overdue.
            let paid = match back {
                0 => 0,
                1 => total / 2,
                2 if company == 0 => 0,
                _ => total,
            };
            if paid > 0 {
                let payment = PaymentInput::parse(json!({
                    "client_id": client, "invoice_id": id(n), "amount_minor": paid,
                    "currency": currency, "paid_on": plus_days(issued, 12).to_string(),
                    "method": if company == 0 { "SEPA direct debit" } else { "Card" },
                    "reference": format!("PAY-{prefix}-{}", issued.format("%Y%m")),
                }))?;
                apply::upsert_payment(db, tenant, id(n.saturating_add(500)), &payment, now).await?;
            }
            let usage = UsageInput::parse(json!({
                "client_id": client, "service": "Backup", "unit": "GB",
                "quantity": i64::from(back).saturating_mul(7).saturating_add(380), "used_on": issued.to_string(),
            }))?;
            accounts_apply::upsert_usage(db, tenant, id(n.saturating_add(700)), &usage, now)
                .await?;
            let time = BillableTimeInput::parse(json!({
                "client_id": client, "service": if back % 2 == 0 { "Remote support" } else { "On-site visit" },
                "work_date": plus_days(issued, 8).to_string(), "hours": f64::from(back % 4) + 2.5,
            }))?;
            accounts_apply::upsert_billable_time(db, tenant, id(n.saturating_add(800)), &time, now)
                .await?;
        }
        let contract = ContractInput::parse(json!({
            "client_id": client, "name": "Managed IT services",
            "start_date": month_start(today, 12).to_string(),
            "lines": [
                {"id": id(base.saturating_add(900)), "name": "Managed workstations", "rate_minor": rate,
                 "currency": currency, "quantity": 40, "service_category": "Managed services"},
                {"id": id(base.saturating_add(901)), "name": "Cloud backup (500 GB)", "rate_minor": 12_000,
                 "currency": currency, "service_category": "Backup"},
                {"id": id(base.saturating_add(902)), "name": "Extra storage per GB", "rate_minor": 25,
                 "currency": currency, "billing_frequency": "usage", "service_category": "Backup"},
            ],
        }))?;
        accounts_apply::upsert_contract(db, tenant, id(base.saturating_add(950)), &contract, now)
            .await?;
        let credit = CreditInput::parse(json!({
            "client_id": client, "kind": "issued", "amount_minor": 15_000, "currency": currency,
            "occurred_on": month_start(today, 2).to_string(),
            "description": "Goodwill credit for the March outage",
        }))?;
        accounts_apply::upsert_credit(db, tenant, id(base.saturating_add(960)), &credit, now)
            .await?;
        let block = HourBlockInput::parse(json!({
            "client_id": client, "name": "Project hours 2026", "purchased_hours": 40,
            "starts_on": month_start(today, 6).to_string(),
            "usage": [
                {"id": id(base.saturating_add(970)), "used_on": month_start(today, 5).to_string(), "hours": 6},
                {"id": id(base.saturating_add(971)), "used_on": month_start(today, 3).to_string(), "hours": 9.5},
                {"id": id(base.saturating_add(972)), "used_on": month_start(today, 1).to_string(), "hours": 4},
            ],
        }))?;
        accounts_apply::upsert_hour_block(db, tenant, id(base.saturating_add(980)), &block, now)
            .await?;
    }
    Ok(())
}
