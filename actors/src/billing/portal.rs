//! Billing as a client's page shows it: the viewer's access (`billing:read`), the invoice list
//! filter, and the rows that travel in `TenantData` messages (statuses derived on the day).

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Currency, InvoiceStatus, Settlement, StoredStatus};

/// Invoices or payments per page.
pub const PAGE_SIZE: i64 = 25;
pub const MAX_PAGE: i64 = 4_000;

/// Which invoices the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvoiceFilter {
    #[default]
    All,
    /// Open, partly paid or overdue.
    Unpaid,
    Overdue,
    Paid,
    Void,
}

impl InvoiceFilter {
    pub const ALL: [InvoiceFilter; 5] = [
        InvoiceFilter::All,
        InvoiceFilter::Unpaid,
        InvoiceFilter::Overdue,
        InvoiceFilter::Paid,
        InvoiceFilter::Void,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceFilter::All => "all",
            InvoiceFilter::Unpaid => "unpaid",
            InvoiceFilter::Overdue => "overdue",
            InvoiceFilter::Paid => "paid",
            InvoiceFilter::Void => "void",
        }
    }

    pub fn parse(raw: &str) -> Option<InvoiceFilter> {
        if raw.is_empty() {
            return Some(InvoiceFilter::All);
        }
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }
}

/// A page number from the URL (1 when absent); anything else is refused.
pub fn parse_page(raw: Option<&str>) -> Option<i64> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(1),
        Some(v) => v.parse::<i64>().ok().filter(|n| (1..=MAX_PAGE).contains(n)),
    }
}

/// Who is looking: their company, and whether their role reads billing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingViewer {
    pub user_id: Uuid,
    pub client_id: Uuid,
    pub can_read: bool,
}

/// An invoice as stored, with the succeeded payments against it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InvoiceRow {
    pub invoice_id: Uuid,
    pub invoice_number: String,
    pub invoice_type: String,
    pub currency: String,
    pub issue_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub credit_applied_minor: i64,
    pub status: String,
    pub finalized_at: Option<DateTime<Utc>>,
    pub payment_url: Option<String>,
    pub notes: String,
    pub has_pdf: bool,
    pub paid_minor: i64,
}

impl InvoiceRow {
    pub fn settlement(&self) -> Settlement {
        Settlement {
            stored: StoredStatus::parse(&self.status).unwrap_or(StoredStatus::Draft),
            total_minor: self.total_minor,
            credit_applied_minor: self.credit_applied_minor,
            paid_minor: self.paid_minor,
            due_date: self.due_date,
        }
    }

    pub fn status_on(&self, today: NaiveDate) -> InvoiceStatus {
        self.settlement().status(today)
    }

    /// The currency (unknown codes read as having two digits' worth of nothing: `None`).
    pub fn currency(&self) -> Option<Currency> {
        Currency::parse(&self.currency)
    }
}

#[derive(Debug, Clone)]
pub struct InvoicePage {
    pub items: Vec<InvoiceRow>,
    pub total: i64,
    pub page: i64,
    pub filter: InvoiceFilter,
    pub today: NaiveDate,
}

/// A line of an invoice as the client sees it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InvoiceLineRow {
    pub service_name: String,
    pub description: String,
    pub quantity_milli: i64,
    pub unit_price_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
}

/// A payment as the client sees it (with its invoice's number).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PaymentRow {
    pub payment_id: Uuid,
    pub invoice_number: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub paid_on: NaiveDate,
    pub method: String,
    pub reference: String,
    pub status: String,
}

#[derive(Debug, Clone)]
pub struct InvoiceDetail {
    pub invoice: InvoiceRow,
    pub lines: Vec<InvoiceLineRow>,
    pub payments: Vec<PaymentRow>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct PaymentPage {
    pub items: Vec<PaymentRow>,
    pub total: i64,
    pub page: i64,
}

/// A current contract line.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ContractLineRow {
    pub contract_name: String,
    pub name: String,
    pub billing_frequency: String,
    pub rate_minor: i64,
    pub currency: String,
    pub quantity_milli: i64,
    pub service_category: String,
}

/// An amount per currency.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CurrencyAmount {
    pub currency: String,
    pub amount_minor: i64,
}

/// A current hour block and what is left of it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HourBlockRow {
    pub name: String,
    pub purchased_minutes: i64,
    pub used_minutes: i64,
    pub expires_on: Option<NaiveDate>,
}

/// The overview tab.
#[derive(Debug, Clone)]
pub struct BillingOverview {
    pub contract_lines: Vec<ContractLineRow>,
    /// The unpaid invoice due soonest (overdue ones first).
    pub next_due: Option<InvoiceRow>,
    /// What is left to pay, per currency.
    pub outstanding: Vec<CurrencyAmount>,
    /// Credit available, per currency.
    pub credit: Vec<CurrencyAmount>,
    pub hour_blocks: Vec<HourBlockRow>,
    pub unpaid_count: i64,
    pub today: NaiveDate,
}

/// Where an invoice's PDF comes from: the PSA's own, or drawn from the invoice.
#[derive(Debug, Clone)]
pub enum InvoicePdfSource {
    Psa {
        content_hash: String,
        size_bytes: i64,
    },
    Generate {
        detail: Box<InvoiceDetail>,
        client_name: String,
        /// The billing address, line by line.
        address: Vec<String>,
    },
}

/// The dashboard's "Billing" card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingCard {
    pub unpaid_count: i64,
    /// What is left to pay, per currency.
    pub outstanding: Vec<CurrencyAmount>,
    /// The soonest due date among unpaid invoices (overdue ones first).
    pub next_due: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// A usage record or a time entry in the usage tab's range.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UsageRow {
    pub service_name: String,
    pub unit: String,
    pub quantity_milli: i64,
    pub used_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimeRow {
    pub service_name: String,
    pub work_date: NaiveDate,
    pub minutes: i64,
}

/// An hour block and every draw on it, for its burn-down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockBurn {
    pub name: String,
    pub purchased_minutes: i64,
    pub starts_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    /// (day, minutes drawn), oldest first.
    pub draws: Vec<(NaiveDate, i64)>,
}

/// The usage tab: metered use and billable time in `from..=to`, and the client's hour blocks.
#[derive(Debug, Clone)]
pub struct UsageReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub usage: Vec<UsageRow>,
    pub time: Vec<TimeRow>,
    pub blocks: Vec<BlockBurn>,
}

/// The usage tab's range from the URL: `from`/`to` as `YYYY-MM-DD`, by default the twelve months
/// up to `today`; at most ten years, `from` not after `to`.
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), &'static str> {
    let date =
        |raw: Option<&str>, field: &'static str| -> Result<Option<NaiveDate>, &'static str> {
            match raw.map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| field),
            }
        };
    let to = date(to, "to")?.unwrap_or(today);
    let from = date(from, "from")?.unwrap_or_else(|| {
        to.checked_sub_months(chrono::Months::new(12))
            .and_then(|d| d.succ_opt())
            .unwrap_or(to)
    });
    if from > to {
        return Err("from");
    }
    if to.signed_duration_since(from).num_days() > 3_660 {
        return Err("to");
    }
    Ok((from, to))
}
