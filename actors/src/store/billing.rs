//! Billing's SQL as the PSA writes and reads it: invoices with their lines, and payments.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::billing_sync::{InvoiceInput, InvoiceLineRecord, PaymentInput, PaymentRecord};
use crate::db::{DbError, Exec, Tx};
use crate::{execute, fetch_one_scalar, query_as};

/// An invoice's row as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InvoiceRow {
    pub invoice_id: Uuid,
    pub invoice_number: String,
    pub client_id: Uuid,
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
    pub pdf_content_hash: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn find_invoice(
    exec: Exec<'_>,
    tenant: Uuid,
    invoice_id: Uuid,
) -> Result<Option<InvoiceRow>, DbError> {
    Ok(query_as!(
        exec,
        InvoiceRow,
        fetch_optional,
        "SELECT invoice_id, invoice_number, client_id, invoice_type, currency, issue_date, \
                due_date, period_start, period_end, subtotal_minor, tax_minor, total_minor, \
                credit_applied_minor, status, finalized_at, voided_at, payment_url, notes, \
                pdf_content_hash, version, created_at, updated_at \
         FROM invoices WHERE tenant = $1 AND invoice_id = $2",
        tenant,
        invoice_id
    )?)
}

pub async fn invoice_lines(
    exec: Exec<'_>,
    tenant: Uuid,
    invoice_id: Uuid,
) -> Result<Vec<InvoiceLineRecord>, DbError> {
    Ok(query_as!(
        exec,
        InvoiceLineRecord,
        fetch_all,
        "SELECT line_id, service_name, description, quantity_milli, unit_price_minor, tax_minor, \
                total_minor, period_start, period_end \
         FROM invoice_lines WHERE tenant = $1 AND invoice_id = $2 \
         ORDER BY display_order, line_id",
        tenant,
        invoice_id
    )?)
}

/// Whether another invoice of the tenant has this number.
pub async fn invoice_number_taken(
    exec: Exec<'_>,
    tenant: Uuid,
    invoice_id: Uuid,
    number: &str,
) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM invoices \
         WHERE tenant = $1 AND invoice_number = $2 AND invoice_id <> $3",
        tenant,
        number,
        invoice_id
    )? > 0)
}

/// The first of these line ids that belongs to another invoice of the tenant.
pub async fn line_of_another_invoice(
    exec: Exec<'_>,
    tenant: Uuid,
    invoice_id: Uuid,
    line_id: Uuid,
) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM invoice_lines \
         WHERE tenant = $1 AND line_id = $2 AND invoice_id <> $3",
        tenant,
        line_id,
        invoice_id
    )? > 0)
}

/// When the invoice was finalized and voided, as the upsert writes them.
pub struct Stamps {
    pub finalized_at: Option<DateTime<Utc>>,
    pub voided_at: Option<DateTime<Utc>>,
}

/// Writes the invoice (its `version` + 1 when it existed) and replaces its lines.
pub async fn upsert_invoice(
    tx: &mut Tx,
    tenant: Uuid,
    invoice_id: Uuid,
    input: &InvoiceInput,
    stamps: &Stamps,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        tx.exec(),
        "INSERT INTO invoices (tenant, invoice_id, client_id, invoice_number, invoice_type, \
             currency, issue_date, due_date, period_start, period_end, subtotal_minor, tax_minor, \
             total_minor, credit_applied_minor, status, finalized_at, voided_at, payment_url, \
             notes, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
                 $18, $19, 1, $20, $20) \
         ON CONFLICT (tenant, invoice_id) DO UPDATE SET client_id = excluded.client_id, \
             invoice_number = excluded.invoice_number, invoice_type = excluded.invoice_type, \
             currency = excluded.currency, issue_date = excluded.issue_date, \
             due_date = excluded.due_date, period_start = excluded.period_start, \
             period_end = excluded.period_end, subtotal_minor = excluded.subtotal_minor, \
             tax_minor = excluded.tax_minor, total_minor = excluded.total_minor, \
             credit_applied_minor = excluded.credit_applied_minor, status = excluded.status, \
             finalized_at = excluded.finalized_at, voided_at = excluded.voided_at, \
             payment_url = excluded.payment_url, notes = excluded.notes, \
             version = invoices.version + 1, updated_at = excluded.updated_at",
        tenant,
        invoice_id,
        input.client_id,
        &input.number,
        input.invoice_type.as_str(),
        input.currency.code(),
        input.issue_date,
        input.due_date,
        input.period_start,
        input.period_end,
        input.subtotal_minor,
        input.tax_minor,
        input.total_minor,
        input.credit_applied_minor,
        input.status.as_str(),
        stamps.finalized_at,
        stamps.voided_at,
        input.payment_url.as_deref(),
        &input.notes,
        now
    )?;
    execute!(
        tx.exec(),
        "DELETE FROM invoice_lines WHERE tenant = $1 AND invoice_id = $2",
        tenant,
        invoice_id
    )?;
    for (order, line) in input.lines.iter().enumerate() {
        execute!(
            tx.exec(),
            "INSERT INTO invoice_lines (tenant, line_id, invoice_id, display_order, service_name, \
                 description, quantity_milli, unit_price_minor, tax_minor, total_minor, \
                 period_start, period_end) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            tenant,
            line.id,
            invoice_id,
            i64::try_from(order).unwrap_or(i64::MAX),
            &line.service,
            &line.description,
            line.quantity_milli,
            line.unit_price_minor,
            line.tax_minor,
            line.total_minor,
            line.period_start,
            line.period_end
        )?;
    }
    Ok(())
}

const PAYMENT_COLUMNS: &str = "payment_id, client_id, invoice_id, amount_minor, currency, \
     paid_on, method, reference, status, received_at, version, updated_at";

pub async fn find_payment(
    exec: Exec<'_>,
    tenant: Uuid,
    payment_id: Uuid,
) -> Result<Option<PaymentRecord>, DbError> {
    let sql =
        format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE tenant = $1 AND payment_id = $2");
    Ok(query_as!(
        exec,
        PaymentRecord,
        fetch_optional,
        &sql,
        tenant,
        payment_id
    )?)
}

/// Writes the payment (`version` + 1 when it existed; `received_at` kept from the first write).
pub async fn upsert_payment(
    exec: Exec<'_>,
    tenant: Uuid,
    payment_id: Uuid,
    input: &PaymentInput,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        exec,
        "INSERT INTO payments (tenant, payment_id, client_id, invoice_id, amount_minor, currency, \
             paid_on, method, reference, status, received_at, version, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $11) \
         ON CONFLICT (tenant, payment_id) DO UPDATE SET client_id = excluded.client_id, \
             invoice_id = excluded.invoice_id, amount_minor = excluded.amount_minor, \
             currency = excluded.currency, paid_on = excluded.paid_on, \
             method = excluded.method, reference = excluded.reference, \
             status = excluded.status, version = payments.version + 1, \
             updated_at = excluded.updated_at",
        tenant,
        payment_id,
        input.client_id,
        input.invoice_id,
        input.amount_minor,
        input.currency.code(),
        input.paid_on,
        &input.method,
        &input.reference,
        input.status.as_str(),
        now
    )?;
    Ok(())
}

/// Records the PSA's PDF of the invoice (stored by content hash); `false` without the invoice.
pub async fn set_invoice_pdf(
    exec: Exec<'_>,
    tenant: Uuid,
    invoice_id: Uuid,
    content_hash: &str,
    size_bytes: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    Ok(execute!(
        exec,
        "UPDATE invoices SET pdf_content_hash = $3, pdf_size_bytes = $4, pdf_uploaded_at = $5, \
             version = version + 1, updated_at = $5 \
         WHERE tenant = $1 AND invoice_id = $2",
        tenant,
        invoice_id,
        content_hash,
        size_bytes,
        now
    )? > 0)
}
