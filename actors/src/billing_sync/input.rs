//! The JSON the PSA sends about invoices and payments, read field by field: every refusal names
//! its field (`lines[2].unit_price_minor`). Amounts are integers in the currency's minor unit.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::billing::{Currency, StoredStatus};
use crate::project_sync::input::{long_text, opt_date};
use crate::ticket_sync::input::Fields;
use crate::ticket_sync::SyncError;

/// Longest invoice number, payment method or reference, in characters.
pub const MAX_SHORT_CHARS: usize = 100;
/// Longest line description or invoice notes, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Most lines an invoice may have.
pub const MAX_LINES: usize = 1_000;
/// Largest amount accepted, in minor units (a trillion major units of a 2-digit currency).
pub const MAX_AMOUNT_MINOR: i64 = 100_000_000_000_000;

fn bad(field: &str, message: impl Into<String>) -> SyncError {
    SyncError::invalid(field, message)
}

/// An invoice's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceType {
    Invoice,
    CreditNote,
    Prepayment,
}

impl InvoiceType {
    pub const ALL: [InvoiceType; 3] = [
        InvoiceType::Invoice,
        InvoiceType::CreditNote,
        InvoiceType::Prepayment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceType::Invoice => "invoice",
            InvoiceType::CreditNote => "credit_note",
            InvoiceType::Prepayment => "prepayment",
        }
    }

    pub fn parse(raw: &str) -> Option<InvoiceType> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLineInput {
    pub id: Uuid,
    pub service: String,
    pub description: String,
    /// Thousandths (1.5 is 1500).
    pub quantity_milli: i64,
    pub unit_price_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
}

/// `PUT /integration/v1/invoices/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceInput {
    pub number: String,
    pub client_id: Uuid,
    pub invoice_type: InvoiceType,
    pub currency: Currency,
    pub issue_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub credit_applied_minor: i64,
    pub status: StoredStatus,
    /// When it was finalized (a finalized or void invoice without one: when it is received).
    pub finalized_at: Option<DateTime<Utc>>,
    pub voided_at: Option<DateTime<Utc>>,
    pub payment_url: Option<String>,
    pub notes: String,
    pub lines: Vec<InvoiceLineInput>,
}

/// A required or optional amount in minor units (an integer within ±`MAX_AMOUNT_MINOR`).
pub(crate) fn amount(f: &Fields, field: &str, default: Option<i64>) -> Result<i64, SyncError> {
    let Some(value) = f.get(field) else {
        return default.ok_or_else(|| bad(field, "required (an integer in minor units)"));
    };
    value
        .as_i64()
        .filter(|v| v.unsigned_abs() <= MAX_AMOUNT_MINOR.unsigned_abs())
        .ok_or_else(|| bad(field, "must be an integer amount in minor units (cents)"))
}

/// A quantity with at most three decimals, as thousandths.
pub(crate) fn quantity(f: &Fields, field: &str) -> Result<i64, SyncError> {
    let Some(value) = f.get(field) else {
        return Ok(1000);
    };
    let refused = || bad(field, "must be a number with at most three decimals");
    let raw = value
        .as_f64()
        .filter(|q| q.is_finite())
        .ok_or_else(refused)?;
    let milli = (raw * 1000.0).round();
    if (milli - raw * 1000.0).abs() > 1e-6 || milli.abs() > 1e15 {
        return Err(refused());
    }
    Ok(milli as i64)
}

pub(crate) fn short(f: &Fields, field: &str, required: bool) -> Result<String, SyncError> {
    let value = f.opt_str(field)?.unwrap_or("").trim();
    if value.is_empty() && required {
        return Err(bad(field, "required"));
    }
    if value.chars().count() > MAX_SHORT_CHARS {
        return Err(bad(
            field,
            format!("too long (at most {MAX_SHORT_CHARS} characters)"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(bad(field, "control characters are not allowed"));
    }
    Ok(value.to_owned())
}

pub(crate) fn required_date(f: &Fields, field: &str) -> Result<NaiveDate, SyncError> {
    opt_date(f, field)?.ok_or_else(|| bad(field, "required (a date as YYYY-MM-DD)"))
}

pub(crate) fn period(
    f: &Fields,
    start: &str,
    end: &str,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), SyncError> {
    let (from, to) = (opt_date(f, start)?, opt_date(f, end)?);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(bad(end, format!("must not be before {start}")));
        }
    }
    Ok((from, to))
}

pub(crate) fn currency(f: &Fields, field: &str) -> Result<Currency, SyncError> {
    let raw = f.str(field)?;
    Currency::parse(raw.trim())
        .ok_or_else(|| bad(field, "must be an ISO 4217 currency code such as EUR"))
}

impl InvoiceLineInput {
    fn parse(body: Value, at: usize) -> Result<InvoiceLineInput, SyncError> {
        let place = |field: &str| format!("lines[{at}].{field}");
        let named = |e: SyncError| match e {
            SyncError::Invalid { field, message } => SyncError::Invalid {
                field: place(&field),
                message,
            },
            other => other,
        };
        let f = Fields::new(
            body,
            &[
                "id",
                "service",
                "description",
                "quantity",
                "unit_price_minor",
                "tax_minor",
                "total_minor",
                "period_start",
                "period_end",
            ],
        )
        .map_err(named)?;
        let read = || -> Result<InvoiceLineInput, SyncError> {
            let (period_start, period_end) = period(&f, "period_start", "period_end")?;
            Ok(InvoiceLineInput {
                id: f.uuid("id")?,
                service: short(&f, "service", false)?,
                description: long_text(&f, "description", MAX_TEXT_CHARS)?,
                quantity_milli: quantity(&f, "quantity")?,
                unit_price_minor: amount(&f, "unit_price_minor", Some(0))?,
                tax_minor: amount(&f, "tax_minor", Some(0))?,
                total_minor: amount(&f, "total_minor", None)?,
                period_start,
                period_end,
            })
        };
        read().map_err(named)
    }
}

impl InvoiceInput {
    pub fn parse(body: Value) -> Result<InvoiceInput, SyncError> {
        let mut body = body;
        let raw_lines = body
            .as_object_mut()
            .and_then(|o| o.remove("lines"))
            .unwrap_or(Value::Array(Vec::new()));
        let f = Fields::new(
            body,
            &[
                "number",
                "client_id",
                "type",
                "currency",
                "issue_date",
                "due_date",
                "period_start",
                "period_end",
                "subtotal_minor",
                "tax_minor",
                "total_minor",
                "credit_applied_minor",
                "status",
                "finalized_at",
                "voided_at",
                "payment_url",
                "notes",
            ],
        )?;
        let invoice_type = match f.opt_str("type")?.map(str::trim) {
            None | Some("") => InvoiceType::Invoice,
            Some(raw) => InvoiceType::parse(raw)
                .ok_or_else(|| bad("type", "must be invoice, credit_note or prepayment"))?,
        };
        let status = match f.opt_str("status")?.map(str::trim) {
            None | Some("") => StoredStatus::Finalized,
            Some(raw) => StoredStatus::parse(raw)
                .ok_or_else(|| bad("status", "must be draft, finalized or void"))?,
        };
        let issue_date = required_date(&f, "issue_date")?;
        let due_date = opt_date(&f, "due_date")?;
        if due_date.is_some_and(|due| due < issue_date) {
            return Err(bad("due_date", "must not be before issue_date"));
        }
        let (period_start, period_end) = period(&f, "period_start", "period_end")?;
        let subtotal_minor = amount(&f, "subtotal_minor", None)?;
        let tax_minor = amount(&f, "tax_minor", Some(0))?;
        let total_minor = amount(&f, "total_minor", None)?;
        if subtotal_minor.checked_add(tax_minor) != Some(total_minor) {
            return Err(bad("total_minor", "must be subtotal_minor + tax_minor"));
        }
        let credit_applied_minor = amount(&f, "credit_applied_minor", Some(0))?;
        if credit_applied_minor < 0 {
            return Err(bad("credit_applied_minor", "must not be negative"));
        }
        let Value::Array(items) = raw_lines else {
            return Err(bad("lines", "must be an array"));
        };
        if items.len() > MAX_LINES {
            return Err(bad("lines", format!("at most {MAX_LINES} lines")));
        }
        let lines = items
            .into_iter()
            .enumerate()
            .map(|(i, line)| InvoiceLineInput::parse(line, i))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, line) in lines.iter().enumerate() {
            if lines.iter().take(i).any(|earlier| earlier.id == line.id) {
                return Err(bad(&format!("lines[{i}].id"), "appears twice"));
            }
        }
        Ok(InvoiceInput {
            number: short(&f, "number", true)?,
            client_id: f.uuid("client_id")?,
            invoice_type,
            currency: currency(&f, "currency")?,
            issue_date,
            due_date,
            period_start,
            period_end,
            subtotal_minor,
            tax_minor,
            total_minor,
            credit_applied_minor,
            status,
            finalized_at: f.opt_time("finalized_at")?,
            voided_at: f.opt_time("voided_at")?,
            payment_url: crate::directory::input::parse_website(&f, "payment_url")?,
            notes: long_text(&f, "notes", MAX_TEXT_CHARS)?,
            lines,
        })
    }
}

/// A payment's state at the payment provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Succeeded,
    Pending,
    Failed,
    Refunded,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 4] = [
        PaymentStatus::Succeeded,
        PaymentStatus::Pending,
        PaymentStatus::Failed,
        PaymentStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Pending => "pending",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Refunded => "refunded",
        }
    }

    pub fn parse(raw: &str) -> Option<PaymentStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// `PUT /integration/v1/payments/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentInput {
    pub client_id: Uuid,
    pub invoice_id: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: Currency,
    pub paid_on: NaiveDate,
    pub method: String,
    pub reference: String,
    pub status: PaymentStatus,
}

impl PaymentInput {
    pub fn parse(body: Value) -> Result<PaymentInput, SyncError> {
        let f = Fields::new(
            body,
            &[
                "client_id",
                "invoice_id",
                "amount_minor",
                "currency",
                "paid_on",
                "method",
                "reference",
                "status",
            ],
        )?;
        let amount_minor = amount(&f, "amount_minor", None)?;
        if amount_minor < 0 {
            return Err(bad("amount_minor", "must not be negative"));
        }
        let status = match f.opt_str("status")?.map(str::trim) {
            None | Some("") => PaymentStatus::Succeeded,
            Some(raw) => PaymentStatus::parse(raw)
                .ok_or_else(|| bad("status", "must be succeeded, pending, failed or refunded"))?,
        };
        Ok(PaymentInput {
            client_id: f.uuid("client_id")?,
            invoice_id: f.opt_uuid("invoice_id")?,
            amount_minor,
            currency: currency(&f, "currency")?,
            paid_on: required_date(&f, "paid_on")?,
            method: short(&f, "method", false)?,
            reference: short(&f, "reference", false)?,
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn invoice(extra: Value) -> Value {
        let mut body = json!({
            "number": "INV-1001", "client_id": Uuid::new_v4(), "currency": "EUR",
            "issue_date": "2026-11-01", "due_date": "2026-11-30",
            "subtotal_minor": 10000, "tax_minor": 2000, "total_minor": 12000,
            "lines": [{"id": Uuid::new_v4(), "service": "Managed workstation",
                       "quantity": 2.5, "unit_price_minor": 4000, "total_minor": 10000}],
        });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        body
    }

    #[test]
    fn an_invoice_reads_with_its_lines_and_defaults() {
        let inv = InvoiceInput::parse(invoice(json!({}))).unwrap();
        assert_eq!(inv.status, StoredStatus::Finalized);
        assert_eq!(inv.invoice_type, InvoiceType::Invoice);
        assert_eq!(inv.currency.code(), "EUR");
        assert_eq!(inv.lines[0].quantity_milli, 2500);
        assert_eq!(inv.lines[0].tax_minor, 0);
        let yen = InvoiceInput::parse(invoice(json!({"currency": "JPY", "type": "credit_note",
            "subtotal_minor": -500, "tax_minor": -50, "total_minor": -550})))
        .unwrap();
        assert_eq!((yen.currency.minor_digits(), yen.total_minor), (0, -550));
    }

    #[test]
    fn invoice_refusals_name_their_field() {
        let line = |extra: Value| {
            let mut l = json!({"id": Uuid::new_v4(), "total_minor": 1});
            if let (Some(b), Some(e)) = (l.as_object_mut(), extra.as_object()) {
                for (k, v) in e {
                    b.insert(k.clone(), v.clone());
                }
            }
            json!({"lines": [json!({"id": Uuid::new_v4(), "total_minor": 1}), l]})
        };
        let id = Uuid::new_v4();
        for (extra, field) in [
            (json!({"currency": "eur"}), "currency"),
            (json!({"currency": "XAU"}), "currency"),
            (json!({"number": " "}), "number"),
            (json!({"issue_date": "1/11/2026"}), "issue_date"),
            (json!({"due_date": "2026-10-01"}), "due_date"),
            (json!({"total_minor": 12001}), "total_minor"),
            (json!({"total_minor": 12000.5}), "total_minor"),
            (json!({"subtotal_minor": "100"}), "subtotal_minor"),
            (json!({"credit_applied_minor": -1}), "credit_applied_minor"),
            (json!({"status": "paid"}), "status"),
            (json!({"type": "quote"}), "type"),
            (json!({"payment_url": "javascript:alert(1)"}), "payment_url"),
            (json!({"finalized_at": "yesterday"}), "finalized_at"),
            (json!({"colour": "red"}), "colour"),
            (json!({"lines": {}}), "lines"),
            (line(json!({"quantity": 1.2345})), "lines[1].quantity"),
            (
                line(json!({"unit_price_minor": 1.5})),
                "lines[1].unit_price_minor",
            ),
            (
                line(json!({"period_start": "2026-02-01", "period_end": "2026-01-01"})),
                "lines[1].period_end",
            ),
            (line(json!({"extra": 1})), "lines[1].extra"),
            (
                json!({"lines": [{"id": id, "total_minor": 1}, {"id": id, "total_minor": 1}]}),
                "lines[1].id",
            ),
        ] {
            match InvoiceInput::parse(invoice(extra.clone())) {
                Err(SyncError::Invalid { field: f, .. }) => assert_eq!(f, field, "{extra}"),
                other => panic!("{extra}: {other:?}"),
            }
        }
    }

    #[test]
    fn payments_read_and_refuse_by_field() {
        let body = json!({"client_id": Uuid::new_v4(), "amount_minor": 5000, "currency": "USD",
                          "paid_on": "2026-11-15", "method": "Card", "reference": "ch_123"});
        let p = PaymentInput::parse(body.clone()).unwrap();
        assert_eq!((p.status, p.invoice_id), (PaymentStatus::Succeeded, None));
        for (k, v) in [
            ("amount_minor", json!(-1)),
            ("currency", json!("usd")),
            ("paid_on", json!("")),
            ("status", json!("ok")),
            ("invoice_id", json!("nope")),
        ] {
            let mut b = body.clone();
            b[k] = v;
            match PaymentInput::parse(b) {
                Err(SyncError::Invalid { field, .. }) => assert_eq!(field, k),
                other => panic!("{k}: {other:?}"),
            }
        }
    }
}
