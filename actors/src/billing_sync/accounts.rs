//! The rest of a client's billing as the PSA sends it: contracts with their lines, the credit
//! ledger, metered usage, prepaid hour blocks with what was drawn from them, and billable time.
//! Each body is read field by field; every refusal names its field.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::input::{amount, currency, period, quantity, required_date, short, MAX_TEXT_CHARS};
use crate::billing::Currency;
use crate::project_sync::input::{long_text, opt_date};
use crate::ticket_sync::input::Fields;
use crate::ticket_sync::SyncError;

/// Most lines a contract, or entries an hour block, may have.
pub const MAX_ITEMS: usize = 1_000;
/// Most hours in one block or entry.
pub const MAX_HOURS: f64 = 1_000_000.0;

fn bad(field: &str, message: impl Into<String>) -> SyncError {
    SyncError::invalid(field, message)
}

/// Refusals inside `name[i]` name their place (`lines[2].rate_minor`).
fn placed(name: &'static str, i: usize) -> impl Fn(SyncError) -> SyncError {
    move |e| match e {
        SyncError::Invalid { field, message } => SyncError::Invalid {
            field: format!("{name}[{i}].{field}"),
            message,
        },
        other => other,
    }
}

/// The array `field` (taken out of the body), each item read by `read`; ids must not repeat.
fn items<T>(
    body: &mut Value,
    field: &'static str,
    read: impl Fn(Value) -> Result<(Uuid, T), SyncError>,
) -> Result<Vec<(Uuid, T)>, SyncError> {
    let raw = body
        .as_object_mut()
        .and_then(|o| o.remove(field))
        .unwrap_or(Value::Array(Vec::new()));
    let Value::Array(list) = raw else {
        return Err(bad(field, "must be an array"));
    };
    if list.len() > MAX_ITEMS {
        return Err(bad(field, format!("at most {MAX_ITEMS} items")));
    }
    let mut out: Vec<(Uuid, T)> = Vec::with_capacity(list.len());
    for (i, item) in list.into_iter().enumerate() {
        let (id, value) = read(item).map_err(placed(field, i))?;
        if out.iter().any(|(seen, _)| *seen == id) {
            return Err(bad(&format!("{field}[{i}].id"), "appears twice"));
        }
        out.push((id, value));
    }
    Ok(out)
}

/// Hours (0 to `MAX_HOURS`) as whole minutes.
fn minutes(f: &Fields, field: &str) -> Result<i64, SyncError> {
    let hours = f
        .get(field)
        .and_then(Value::as_f64)
        .filter(|h| h.is_finite() && (0.0..=MAX_HOURS).contains(h))
        .ok_or_else(|| bad(field, "must be a number of hours from 0 to 1000000"))?;
    Ok((hours * 60.0).round() as i64)
}

/// How often a contract line is billed.
pub const FREQUENCIES: [&str; 7] = [
    "weekly",
    "monthly",
    "quarterly",
    "semiannually",
    "annually",
    "one_time",
    "usage",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractLineInput {
    pub name: String,
    pub billing_frequency: String,
    pub rate_minor: i64,
    pub currency: Currency,
    pub quantity_milli: i64,
    pub service_category: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

/// `PUT /integration/v1/contracts/{id}`: the contract and its lines, replaced whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractInput {
    pub client_id: Uuid,
    pub name: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub active: bool,
    pub lines: Vec<(Uuid, ContractLineInput)>,
}

impl ContractInput {
    pub fn parse(mut body: Value) -> Result<ContractInput, SyncError> {
        let lines = items(&mut body, "lines", |item| {
            let f = Fields::new(
                item,
                &[
                    "id",
                    "name",
                    "billing_frequency",
                    "rate_minor",
                    "currency",
                    "quantity",
                    "service_category",
                    "start_date",
                    "end_date",
                ],
            )?;
            let frequency = match f.opt_str("billing_frequency")?.map(str::trim) {
                None | Some("") => "monthly".to_owned(),
                Some(raw) if FREQUENCIES.contains(&raw) => raw.to_owned(),
                Some(_) => return Err(bad("billing_frequency", FREQUENCIES.join(", "))),
            };
            let (start_date, end_date) = period(&f, "start_date", "end_date")?;
            Ok((
                f.uuid("id")?,
                ContractLineInput {
                    name: short(&f, "name", true)?,
                    billing_frequency: frequency,
                    rate_minor: amount(&f, "rate_minor", None)?,
                    currency: currency(&f, "currency")?,
                    quantity_milli: quantity(&f, "quantity")?,
                    service_category: short(&f, "service_category", false)?,
                    start_date,
                    end_date,
                },
            ))
        })?;
        let f = Fields::new(
            body,
            &[
                "client_id",
                "name",
                "start_date",
                "end_date",
                "active",
                "lines",
            ],
        )?;
        let (start_date, end_date) = period(&f, "start_date", "end_date")?;
        Ok(ContractInput {
            client_id: f.uuid("client_id")?,
            name: short(&f, "name", true)?,
            start_date,
            end_date,
            active: f.opt_bool("active")?.unwrap_or(true),
            lines,
        })
    }
}

/// The ledger's kinds: `issued` adds credit, `applied` and `expired` take it away.
pub const CREDIT_KINDS: [&str; 3] = ["issued", "applied", "expired"];

/// `PUT /integration/v1/credits/{id}`: one entry of the client's credit ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditInput {
    pub client_id: Uuid,
    pub kind: String,
    pub amount_minor: i64,
    pub currency: Currency,
    pub occurred_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub invoice_id: Option<Uuid>,
    pub description: String,
}

impl CreditInput {
    pub fn parse(body: Value) -> Result<CreditInput, SyncError> {
        let f = Fields::new(
            body,
            &[
                "client_id",
                "kind",
                "amount_minor",
                "currency",
                "occurred_on",
                "expires_on",
                "invoice_id",
                "description",
            ],
        )?;
        let kind = f.str("kind")?.trim();
        if !CREDIT_KINDS.contains(&kind) {
            return Err(bad("kind", "must be issued, applied or expired"));
        }
        let amount_minor = amount(&f, "amount_minor", None)?;
        if amount_minor < 0 {
            return Err(bad(
                "amount_minor",
                "must not be negative (the kind gives the sign)",
            ));
        }
        let occurred_on = required_date(&f, "occurred_on")?;
        let expires_on = opt_date(&f, "expires_on")?;
        if expires_on.is_some_and(|e| e < occurred_on) {
            return Err(bad("expires_on", "must not be before occurred_on"));
        }
        Ok(CreditInput {
            client_id: f.uuid("client_id")?,
            kind: kind.to_owned(),
            amount_minor,
            currency: currency(&f, "currency")?,
            occurred_on,
            expires_on,
            invoice_id: f.opt_uuid("invoice_id")?,
            description: long_text(&f, "description", MAX_TEXT_CHARS)?,
        })
    }
}

/// `PUT /integration/v1/usage/{id}`: metered use of a service on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageInput {
    pub client_id: Uuid,
    pub service: String,
    pub unit: String,
    pub quantity_milli: i64,
    pub used_on: NaiveDate,
}

impl UsageInput {
    pub fn parse(body: Value) -> Result<UsageInput, SyncError> {
        let f = Fields::new(
            body,
            &["client_id", "service", "unit", "quantity", "used_on"],
        )?;
        if f.get("quantity").is_none() {
            return Err(bad("quantity", "required"));
        }
        Ok(UsageInput {
            client_id: f.uuid("client_id")?,
            service: short(&f, "service", true)?,
            unit: short(&f, "unit", true)?,
            quantity_milli: quantity(&f, "quantity")?,
            used_on: required_date(&f, "used_on")?,
        })
    }
}

/// One draw on an hour block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockUseInput {
    pub used_on: NaiveDate,
    pub minutes: i64,
    pub description: String,
}

/// `PUT /integration/v1/hour-blocks/{id}`: a prepaid block and every draw on it (replaced whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourBlockInput {
    pub client_id: Uuid,
    pub name: String,
    pub purchased_minutes: i64,
    pub starts_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub usage: Vec<(Uuid, BlockUseInput)>,
}

impl HourBlockInput {
    pub fn parse(mut body: Value) -> Result<HourBlockInput, SyncError> {
        let usage = items(&mut body, "usage", |item| {
            let f = Fields::new(item, &["id", "used_on", "hours", "description"])?;
            Ok((
                f.uuid("id")?,
                BlockUseInput {
                    used_on: required_date(&f, "used_on")?,
                    minutes: minutes(&f, "hours")?,
                    description: long_text(&f, "description", MAX_TEXT_CHARS)?,
                },
            ))
        })?;
        let f = Fields::new(
            body,
            &[
                "client_id",
                "name",
                "purchased_hours",
                "starts_on",
                "expires_on",
                "usage",
            ],
        )?;
        let starts_on = required_date(&f, "starts_on")?;
        let expires_on = opt_date(&f, "expires_on")?;
        if expires_on.is_some_and(|e| e < starts_on) {
            return Err(bad("expires_on", "must not be before starts_on"));
        }
        Ok(HourBlockInput {
            client_id: f.uuid("client_id")?,
            name: short(&f, "name", true)?,
            purchased_minutes: minutes(&f, "purchased_hours")?,
            starts_on,
            expires_on,
            usage,
        })
    }
}

/// `PUT /integration/v1/billable-time/{id}`: time worked for the client on a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillableTimeInput {
    pub client_id: Uuid,
    pub service: String,
    pub work_date: NaiveDate,
    pub minutes: i64,
}

impl BillableTimeInput {
    pub fn parse(body: Value) -> Result<BillableTimeInput, SyncError> {
        let f = Fields::new(body, &["client_id", "service", "work_date", "hours"])?;
        Ok(BillableTimeInput {
            client_id: f.uuid("client_id")?,
            service: short(&f, "service", true)?,
            work_date: required_date(&f, "work_date")?,
            minutes: minutes(&f, "hours")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn field_of<T: std::fmt::Debug>(r: Result<T, SyncError>) -> String {
        match r {
            Err(SyncError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn contracts_credits_usage_blocks_and_time_read_and_refuse_by_field() {
        let client = Uuid::new_v4();
        let line = Uuid::new_v4();
        let contract = json!({"client_id": client, "name": "Managed services",
            "lines": [{"id": line, "name": "Workstations", "rate_minor": 4500, "currency": "EUR",
                       "quantity": 40, "service_category": "Managed"}]});
        let c = ContractInput::parse(contract.clone()).unwrap();
        assert_eq!(
            (c.active, c.lines[0].1.billing_frequency.as_str()),
            (true, "monthly")
        );
        let mut bad_line = contract.clone();
        bad_line["lines"][0]["billing_frequency"] = json!("hourly");
        assert_eq!(
            field_of(ContractInput::parse(bad_line)),
            "lines[0].billing_frequency"
        );
        let mut twice = contract;
        twice["lines"] = json!([{"id": line, "name": "a", "rate_minor": 1, "currency": "EUR"},
                                {"id": line, "name": "b", "rate_minor": 1, "currency": "EUR"}]);
        assert_eq!(field_of(ContractInput::parse(twice)), "lines[1].id");

        let credit = json!({"client_id": client, "kind": "issued", "amount_minor": 5000,
                            "currency": "EUR", "occurred_on": "2026-10-01",
                            "expires_on": "2027-10-01"});
        assert!(CreditInput::parse(credit.clone()).is_ok());
        for (k, v) in [
            ("kind", json!("gift")),
            ("amount_minor", json!(-1)),
            ("expires_on", json!("2026-01-01")),
            ("currency", json!("€")),
        ] {
            let mut b = credit.clone();
            b[k] = v;
            assert_eq!(field_of(CreditInput::parse(b)), k);
        }

        let usage = json!({"client_id": client, "service": "Backup", "unit": "GB",
                           "quantity": 512.25, "used_on": "2026-11-30"});
        assert_eq!(
            UsageInput::parse(usage.clone()).unwrap().quantity_milli,
            512_250
        );
        let mut no_qty = usage;
        no_qty.as_object_mut().unwrap().remove("quantity");
        assert_eq!(field_of(UsageInput::parse(no_qty)), "quantity");

        let block = json!({"client_id": client, "name": "20 hours", "purchased_hours": 20,
                           "starts_on": "2026-01-01",
                           "usage": [{"id": Uuid::new_v4(), "used_on": "2026-02-01", "hours": 1.5}]});
        assert_eq!(
            HourBlockInput::parse(block.clone()).unwrap().usage[0]
                .1
                .minutes,
            90
        );
        let mut neg = block;
        neg["usage"][0]["hours"] = json!(-1);
        assert_eq!(field_of(HourBlockInput::parse(neg)), "usage[0].hours");

        let time = json!({"client_id": client, "service": "Remote support",
                          "work_date": "2026-11-03", "hours": 0.25});
        assert_eq!(BillableTimeInput::parse(time).unwrap().minutes, 15);
    }
}
