//! Billing sync: invoices (with their lines) and payments as the MSP's PSA writes and reads them
//! through the integration API, under ids the PSA chooses; an identical body changes nothing.
//! `input` validates the JSON (naming the field of every refusal), `apply` runs the changes for
//! one tenant (the `TenantData` actor's, or the demo seed's).

pub mod accounts;
pub mod accounts_apply;
pub mod apply;
pub mod input;
pub mod records;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use input::{InvoiceInput, InvoiceLineInput, InvoiceType, PaymentInput, PaymentStatus};

/// An invoice line as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct InvoiceLineRecord {
    #[sqlx(rename = "line_id")]
    pub id: Uuid,
    #[sqlx(rename = "service_name")]
    pub service: String,
    pub description: String,
    /// Thousandths.
    pub quantity_milli: i64,
    pub unit_price_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
}

/// An invoice as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceRecord {
    pub invoice_id: Uuid,
    pub number: String,
    pub client_id: Uuid,
    #[serde(rename = "type")]
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
    pub voided_at: Option<DateTime<Utc>>,
    pub payment_url: Option<String>,
    pub notes: String,
    /// Whether the PSA supplied the invoice's PDF.
    pub has_pdf: bool,
    pub lines: Vec<InvoiceLineRecord>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A payment as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PaymentRecord {
    pub payment_id: Uuid,
    pub client_id: Uuid,
    pub invoice_id: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    pub paid_on: NaiveDate,
    pub method: String,
    pub reference: String,
    pub status: String,
    pub received_at: DateTime<Utc>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}
