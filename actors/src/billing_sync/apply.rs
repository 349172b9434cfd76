//! Invoice and payment changes and reads for one tenant. An identical body changes nothing
//! (same version, same `updated_at`); refusals write nothing.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{InvoiceInput, InvoiceRecord, PaymentInput, PaymentRecord};
use crate::activity::NewActivity;
use crate::billing::StoredStatus;
use crate::db::{Db, DbError, Exec};
use crate::store::activity;
use crate::store::billing as store;
use crate::store::psa_directory;
use crate::ticket_sync::{SyncError, Upserted};

fn written<T>(record: Option<T>) -> Result<T, SyncError> {
    record.ok_or_else(|| SyncError::Db(DbError::Sqlx(sqlx::Error::RowNotFound)))
}

async fn invoice_record(
    exec_lines: Exec<'_>,
    tenant: Uuid,
    row: store::InvoiceRow,
) -> Result<InvoiceRecord, SyncError> {
    let lines = store::invoice_lines(exec_lines, tenant, row.invoice_id).await?;
    Ok(InvoiceRecord {
        invoice_id: row.invoice_id,
        number: row.invoice_number,
        client_id: row.client_id,
        invoice_type: row.invoice_type,
        currency: row.currency,
        issue_date: row.issue_date,
        due_date: row.due_date,
        period_start: row.period_start,
        period_end: row.period_end,
        subtotal_minor: row.subtotal_minor,
        tax_minor: row.tax_minor,
        total_minor: row.total_minor,
        credit_applied_minor: row.credit_applied_minor,
        status: row.status,
        finalized_at: row.finalized_at,
        voided_at: row.voided_at,
        payment_url: row.payment_url,
        notes: row.notes,
        has_pdf: row.pdf_content_hash.is_some(),
        lines,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// When the invoice was finalized and voided: as the PSA says, else kept from before, else now
/// (a finalized or void invoice was finalized at some point; a draft never was).
fn stamps(
    input: &InvoiceInput,
    existing: Option<&store::InvoiceRow>,
    now: DateTime<Utc>,
) -> store::Stamps {
    let before = |pick: fn(&store::InvoiceRow) -> Option<DateTime<Utc>>| existing.and_then(pick);
    let finalized_at = match input.status {
        StoredStatus::Draft => None,
        StoredStatus::Finalized | StoredStatus::Void => input
            .finalized_at
            .or_else(|| before(|r| r.finalized_at))
            .or(Some(now)),
    };
    let voided_at = match input.status {
        StoredStatus::Void => input
            .voided_at
            .or_else(|| before(|r| r.voided_at))
            .or(Some(now)),
        _ => None,
    };
    store::Stamps {
        finalized_at,
        voided_at,
    }
}

/// Whether the stored invoice already is what `input` (with these stamps) says.
fn same(
    row: &store::InvoiceRow,
    lines: &[super::InvoiceLineRecord],
    input: &InvoiceInput,
    stamps: &store::Stamps,
) -> bool {
    row.invoice_number == input.number
        && row.client_id == input.client_id
        && row.invoice_type == input.invoice_type.as_str()
        && row.currency == input.currency.code()
        && row.issue_date == input.issue_date
        && row.due_date == input.due_date
        && row.period_start == input.period_start
        && row.period_end == input.period_end
        && row.subtotal_minor == input.subtotal_minor
        && row.tax_minor == input.tax_minor
        && row.total_minor == input.total_minor
        && row.credit_applied_minor == input.credit_applied_minor
        && row.status == input.status.as_str()
        && row.finalized_at == stamps.finalized_at
        && row.voided_at == stamps.voided_at
        && row.payment_url == input.payment_url
        && row.notes == input.notes
        && lines.len() == input.lines.len()
        && lines.iter().zip(&input.lines).all(|(a, b)| {
            a.id == b.id
                && a.service == b.service
                && a.description == b.description
                && a.quantity_milli == b.quantity_milli
                && a.unit_price_minor == b.unit_price_minor
                && a.tax_minor == b.tax_minor
                && a.total_minor == b.total_minor
                && a.period_start == b.period_start
                && a.period_end == b.period_end
        })
}

/// Creates or replaces the invoice and its lines (what is not sent is removed): its client must
/// exist, its number and line ids must be its own. Refused: nothing written.
pub async fn upsert_invoice(
    db: &Db,
    tenant: Uuid,
    invoice_id: Uuid,
    input: &InvoiceInput,
    now: DateTime<Utc>,
) -> Result<Upserted<InvoiceRecord>, SyncError> {
    let mut tx = db.begin().await?;
    if !psa_directory::client_exists(tx.exec(), tenant, input.client_id).await? {
        return Err(SyncError::invalid("client_id", "unknown client"));
    }
    if store::invoice_number_taken(tx.exec(), tenant, invoice_id, &input.number).await? {
        return Err(SyncError::NumberTaken);
    }
    for (i, line) in input.lines.iter().enumerate() {
        if store::line_of_another_invoice(tx.exec(), tenant, invoice_id, line.id).await? {
            return Err(SyncError::invalid(
                &format!("lines[{i}].id"),
                "belongs to another invoice",
            ));
        }
    }
    let existing = store::find_invoice(tx.exec(), tenant, invoice_id).await?;
    let stamps = stamps(input, existing.as_ref(), now);
    if let Some(row) = existing.as_ref() {
        let lines = store::invoice_lines(tx.exec(), tenant, invoice_id).await?;
        if same(row, &lines, input, &stamps) {
            let record = invoice_record(tx.exec(), tenant, row.clone()).await?;
            return Ok(Upserted {
                record,
                created: false,
            });
        }
    }
    store::upsert_invoice(&mut tx, tenant, invoice_id, input, &stamps, now).await?;
    let row = written(store::find_invoice(tx.exec(), tenant, invoice_id).await?)?;
    let was_final = existing.as_ref().is_some_and(|r| r.finalized_at.is_some());
    if let (Some(at), false) = (stamps.finalized_at, was_final) {
        let event = NewActivity::invoice_finalized(
            row.client_id,
            invoice_id,
            &row.invoice_number,
            (row.total_minor, &row.currency),
            at.min(now),
        );
        activity::record(tx.exec(), tenant, &event, now).await?;
    }
    let record = invoice_record(tx.exec(), tenant, row).await?;
    tx.commit().await?;
    Ok(Upserted {
        record,
        created: existing.is_none(),
    })
}

/// The invoice with its lines, or `NotFound` (another tenant's is the same).
pub async fn get_invoice(
    db: &Db,
    tenant: Uuid,
    invoice_id: Uuid,
) -> Result<InvoiceRecord, SyncError> {
    let row = store::find_invoice(db.exec(), tenant, invoice_id)
        .await?
        .ok_or(SyncError::NotFound)?;
    invoice_record(db.exec(), tenant, row).await
}

fn same_payment(row: &PaymentRecord, input: &PaymentInput) -> bool {
    row.client_id == input.client_id
        && row.invoice_id == input.invoice_id
        && row.amount_minor == input.amount_minor
        && row.currency == input.currency.code()
        && row.paid_on == input.paid_on
        && row.method == input.method
        && row.reference == input.reference
        && row.status == input.status.as_str()
}

/// Creates or replaces the payment: its client must exist; its invoice, when named, must be that
/// client's and in the same currency.
pub async fn upsert_payment(
    db: &Db,
    tenant: Uuid,
    payment_id: Uuid,
    input: &PaymentInput,
    now: DateTime<Utc>,
) -> Result<Upserted<PaymentRecord>, SyncError> {
    let mut tx = db.begin().await?;
    if !psa_directory::client_exists(tx.exec(), tenant, input.client_id).await? {
        return Err(SyncError::invalid("client_id", "unknown client"));
    }
    if let Some(invoice_id) = input.invoice_id {
        match store::find_invoice(tx.exec(), tenant, invoice_id).await? {
            None => return Err(SyncError::invalid("invoice_id", "unknown invoice")),
            Some(inv) if inv.client_id != input.client_id => {
                return Err(SyncError::invalid(
                    "invoice_id",
                    "an invoice of another client",
                ))
            }
            Some(inv) if inv.currency != input.currency.code() => {
                return Err(SyncError::invalid(
                    "currency",
                    format!("the invoice is in {}", inv.currency),
                ))
            }
            Some(_) => {}
        }
    }
    let existing = store::find_payment(tx.exec(), tenant, payment_id).await?;
    if let Some(row) = existing.as_ref().filter(|row| same_payment(row, input)) {
        return Ok(Upserted {
            record: row.clone(),
            created: false,
        });
    }
    store::upsert_payment(tx.exec(), tenant, payment_id, input, now).await?;
    let record = written(store::find_payment(tx.exec(), tenant, payment_id).await?)?;
    let was_received = existing.as_ref().is_some_and(|r| r.status == "succeeded");
    if record.status == "succeeded" && !was_received {
        let reference = match record.invoice_id {
            Some(invoice) => store::find_invoice(tx.exec(), tenant, invoice)
                .await?
                .map(|i| i.invoice_number),
            None => None,
        };
        let event = NewActivity::payment_received(
            record.client_id,
            payment_id,
            reference.as_deref().unwrap_or_default(),
            (record.amount_minor, &record.currency),
            now,
        );
        activity::record(tx.exec(), tenant, &event, now).await?;
    }
    tx.commit().await?;
    Ok(Upserted {
        record,
        created: existing.is_none(),
    })
}

pub async fn get_payment(
    db: &Db,
    tenant: Uuid,
    payment_id: Uuid,
) -> Result<PaymentRecord, SyncError> {
    store::find_payment(db.exec(), tenant, payment_id)
        .await?
        .ok_or(SyncError::NotFound)
}

/// Keeps the PSA's PDF of the invoice (contents already stored under `content_hash`); the
/// previous PDF's hash is returned so that its contents can be forgotten when unused.
pub async fn set_invoice_pdf(
    db: &Db,
    tenant: Uuid,
    invoice_id: Uuid,
    content_hash: &str,
    size_bytes: i64,
    now: DateTime<Utc>,
) -> Result<(InvoiceRecord, Option<String>), SyncError> {
    let mut tx = db.begin().await?;
    let before = store::find_invoice(tx.exec(), tenant, invoice_id)
        .await?
        .ok_or(SyncError::NotFound)?;
    let previous = before
        .pdf_content_hash
        .clone()
        .filter(|h| h != content_hash);
    if before.pdf_content_hash.as_deref() != Some(content_hash) {
        store::set_invoice_pdf(tx.exec(), tenant, invoice_id, content_hash, size_bytes, now)
            .await?;
    }
    let row = written(store::find_invoice(tx.exec(), tenant, invoice_id).await?)?;
    let record = invoice_record(tx.exec(), tenant, row).await?;
    tx.commit().await?;
    Ok((record, previous))
}
