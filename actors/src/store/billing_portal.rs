//! Billing as the portal reads it for a client company: its finalized and void invoices (never
//! drafts) with the succeeded payments against each, lines, payments, current contract lines,
//! credit, hour blocks. Every query is scoped to the tenant and the client.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::billing::portal::{
    BillingViewer, ContractLineRow, CurrencyAmount, HourBlockRow, InvoiceFilter, InvoiceLineRow,
    InvoiceRow, PaymentRow, PAGE_SIZE,
};
use crate::db::{Arg, Db, DbError};
use crate::query_as;

/// The signed-in client user's billing access, or `None` without an active contact at an active
/// company.
pub async fn viewer(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<Option<BillingViewer>, DbError> {
    let Some(project_viewer) = crate::store::projects::portal::viewer(db, tenant, user_id).await?
    else {
        return Ok(None);
    };
    let permissions = crate::store::users::permissions(db, tenant, user_id).await?;
    Ok(Some(BillingViewer {
        user_id,
        client_id: project_viewer.client_id,
        can_read: permissions.iter().any(|p| p == "billing:read"),
    }))
}

/// Succeeded payments against invoice `i`.
const PAID: &str = "CAST(COALESCE((SELECT SUM(p.amount_minor) FROM payments p \
     WHERE p.tenant = i.tenant AND p.invoice_id = i.invoice_id AND p.status = 'succeeded'), 0) \
     AS BIGINT)";

fn invoice_select() -> String {
    format!(
        "SELECT i.invoice_id, i.invoice_number, i.invoice_type, i.currency, i.issue_date, \
                i.due_date, i.period_start, i.period_end, i.subtotal_minor, i.tax_minor, \
                i.total_minor, i.credit_applied_minor, i.status, i.finalized_at, i.payment_url, \
                i.notes, (i.pdf_content_hash IS NOT NULL) AS has_pdf, {PAID} AS paid_minor \
         FROM invoices i"
    )
}

/// `WHERE` for the filter; `$1` tenant, `$2` client, `$3` today.
fn conditions(filter: InvoiceFilter) -> String {
    let balance = format!("(i.total_minor - i.credit_applied_minor - {PAID})");
    let base = "i.tenant = $1 AND i.client_id = $2 AND i.status <> 'draft' AND $3 = $3";
    match filter {
        InvoiceFilter::All => base.to_owned(),
        InvoiceFilter::Void => format!("{base} AND i.status = 'void'"),
        InvoiceFilter::Paid => format!("{base} AND i.status = 'finalized' AND {balance} <= 0"),
        InvoiceFilter::Unpaid => format!("{base} AND i.status = 'finalized' AND {balance} > 0"),
        InvoiceFilter::Overdue => format!(
            "{base} AND i.status = 'finalized' AND {balance} > 0 \
             AND i.due_date IS NOT NULL AND i.due_date < $3"
        ),
    }
}

fn date_arg(d: NaiveDate) -> Arg {
    Arg::Date(d)
}

/// One page of the client's invoices (newest first) and how many match.
pub async fn invoices(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    filter: InvoiceFilter,
    page: i64,
    today: NaiveDate,
) -> Result<(Vec<InvoiceRow>, i64), DbError> {
    let cond = conditions(filter);
    let args = vec![Arg::Uuid(tenant), Arg::Uuid(client_id), date_arg(today)];
    let mut page_args = args.clone();
    page_args.push(Arg::Int(PAGE_SIZE));
    page_args.push(Arg::Int(page.saturating_sub(1).saturating_mul(PAGE_SIZE)));
    let sql = format!(
        "{} WHERE {cond} ORDER BY i.issue_date DESC, i.invoice_number DESC LIMIT $4 OFFSET $5",
        invoice_select()
    );
    let items = db.fetch_all_with::<InvoiceRow>(&sql, &page_args).await?;
    let count = format!("SELECT COUNT(*) FROM invoices i WHERE {cond}");
    let total = db.fetch_count_with(&count, &args).await?;
    Ok((items, total))
}

/// Every unpaid invoice of the client (for balances; a client has few), due soonest first.
pub async fn unpaid_invoices(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<InvoiceRow>, DbError> {
    let sql = format!(
        "{} WHERE {} ORDER BY (i.due_date IS NULL) ASC, i.due_date, i.invoice_number",
        invoice_select(),
        conditions(InvoiceFilter::Unpaid)
    );
    db.fetch_all_with(
        &sql,
        &[Arg::Uuid(tenant), Arg::Uuid(client_id), date_arg(today)],
    )
    .await
}

/// The client's invoice with this number (not a draft).
pub async fn invoice(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    number: &str,
) -> Result<Option<InvoiceRow>, DbError> {
    let sql = format!(
        "{} WHERE i.tenant = $1 AND i.client_id = $2 AND i.invoice_number = $3 \
         AND i.status <> 'draft'",
        invoice_select()
    );
    let rows = db
        .fetch_all_with::<InvoiceRow>(
            &sql,
            &[
                Arg::Uuid(tenant),
                Arg::Uuid(client_id),
                Arg::Text(number.to_owned()),
            ],
        )
        .await?;
    Ok(rows.into_iter().next())
}

pub async fn invoice_lines(
    db: &Db,
    tenant: Uuid,
    invoice_id: Uuid,
) -> Result<Vec<InvoiceLineRow>, DbError> {
    Ok(query_as!(
        db.exec(),
        InvoiceLineRow,
        fetch_all,
        "SELECT service_name, description, quantity_milli, unit_price_minor, tax_minor, \
                total_minor, period_start, period_end FROM invoice_lines \
         WHERE tenant = $1 AND invoice_id = $2 ORDER BY display_order, line_id",
        tenant,
        invoice_id
    )?)
}

const PAYMENT_SELECT: &str = "SELECT p.payment_id, i.invoice_number, p.amount_minor, p.currency, \
     p.paid_on, p.method, p.reference, p.status FROM payments p \
     LEFT JOIN invoices i ON i.tenant = p.tenant AND i.invoice_id = p.invoice_id";

/// The payments against one invoice, oldest first.
pub async fn invoice_payments(
    db: &Db,
    tenant: Uuid,
    invoice_id: Uuid,
) -> Result<Vec<PaymentRow>, DbError> {
    let sql = format!(
        "{PAYMENT_SELECT} WHERE p.tenant = $1 AND p.invoice_id = $2 ORDER BY p.paid_on, p.payment_id"
    );
    db.fetch_all_with(&sql, &[Arg::Uuid(tenant), Arg::Uuid(invoice_id)])
        .await
}

/// One page of the client's payments, newest first.
pub async fn payments(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    page: i64,
) -> Result<(Vec<PaymentRow>, i64), DbError> {
    let sql = format!(
        "{PAYMENT_SELECT} WHERE p.tenant = $1 AND p.client_id = $2 \
         ORDER BY p.paid_on DESC, p.payment_id DESC LIMIT $3 OFFSET $4"
    );
    let items = db
        .fetch_all_with(
            &sql,
            &[
                Arg::Uuid(tenant),
                Arg::Uuid(client_id),
                Arg::Int(PAGE_SIZE),
                Arg::Int(page.saturating_sub(1).saturating_mul(PAGE_SIZE)),
            ],
        )
        .await?;
    let total = db
        .fetch_count_with(
            "SELECT COUNT(*) FROM payments p WHERE p.tenant = $1 AND p.client_id = $2",
            &[Arg::Uuid(tenant), Arg::Uuid(client_id)],
        )
        .await?;
    Ok((items, total))
}

/// Contract lines in force today on the client's active contracts.
pub async fn current_contract_lines(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<ContractLineRow>, DbError> {
    let sql = "SELECT c.name AS contract_name, l.name, l.billing_frequency, l.rate_minor, \
                      l.currency, l.quantity_milli, l.service_category \
               FROM contract_lines l \
               JOIN contracts c ON c.tenant = l.tenant AND c.contract_id = l.contract_id \
               WHERE l.tenant = $1 AND c.client_id = $2 AND c.is_active \
                 AND (c.start_date IS NULL OR c.start_date <= $3) \
                 AND (c.end_date IS NULL OR c.end_date >= $3) \
                 AND (l.start_date IS NULL OR l.start_date <= $3) \
                 AND (l.end_date IS NULL OR l.end_date >= $3) \
               ORDER BY c.name, l.display_order, l.line_id";
    db.fetch_all_with(
        sql,
        &[Arg::Uuid(tenant), Arg::Uuid(client_id), date_arg(today)],
    )
    .await
}

/// Credit available per currency: issued credit not yet lapsed, less what was applied or
/// expired (never below zero).
pub async fn available_credit(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<CurrencyAmount>, DbError> {
    let sql = "SELECT currency, CAST(COALESCE(SUM(CASE \
                   WHEN kind = 'issued' AND (expires_on IS NULL OR expires_on >= $3) \
                       THEN amount_minor \
                   WHEN kind = 'issued' THEN 0 \
                   ELSE -amount_minor END), 0) AS BIGINT) AS amount_minor \
               FROM credit_entries WHERE tenant = $1 AND client_id = $2 \
               GROUP BY currency ORDER BY currency";
    let rows: Vec<CurrencyAmount> = db
        .fetch_all_with(
            sql,
            &[Arg::Uuid(tenant), Arg::Uuid(client_id), date_arg(today)],
        )
        .await?;
    Ok(rows.into_iter().filter(|r| r.amount_minor > 0).collect())
}

/// The client's hour blocks in force today, with the minutes drawn from each.
pub async fn current_hour_blocks(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<HourBlockRow>, DbError> {
    let sql = "SELECT b.name, b.purchased_minutes, CAST(COALESCE((SELECT SUM(u.minutes) \
                      FROM hour_block_usage u WHERE u.tenant = b.tenant \
                      AND u.block_id = b.block_id), 0) AS BIGINT) AS used_minutes, b.expires_on \
               FROM hour_blocks b WHERE b.tenant = $1 AND b.client_id = $2 \
                 AND b.starts_on <= $3 AND (b.expires_on IS NULL OR b.expires_on >= $3) \
               ORDER BY b.starts_on, b.name";
    db.fetch_all_with(
        sql,
        &[Arg::Uuid(tenant), Arg::Uuid(client_id), date_arg(today)],
    )
    .await
}

/// The stored PDF the PSA supplied for the client's invoice (content hash, size), if any.
pub async fn invoice_pdf(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    number: &str,
) -> Result<Option<(String, i64)>, DbError> {
    Ok(query_as!(
        db.exec(),
        (Option<String>, Option<i64>),
        fetch_optional,
        "SELECT pdf_content_hash, pdf_size_bytes FROM invoices \
         WHERE tenant = $1 AND client_id = $2 AND invoice_number = $3 AND status <> 'draft'",
        tenant,
        client_id,
        number
    )?
    .and_then(|(hash, size)| hash.zip(size)))
}

/// The client's name and billing address lines.
pub async fn client_details(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<(String, Vec<String>), DbError> {
    let (name, address): (String, Option<String>) = query_as!(
        db.exec(),
        (String, Option<String>),
        fetch_one,
        "SELECT client_name, billing_address FROM clients WHERE tenant = $1 AND client_id = $2",
        tenant,
        client_id
    )?;
    let lines = crate::directory::Address::from_stored(address.as_deref()).lines();
    Ok((name, lines))
}

/// Metered usage of the client in `from..=to`, by day.
pub async fn usage(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::billing::portal::UsageRow>, DbError> {
    db.fetch_all_with(
        "SELECT service_name, unit, quantity_milli, used_on FROM usage_records \
         WHERE tenant = $1 AND client_id = $2 AND used_on >= $3 AND used_on <= $4 \
         ORDER BY used_on, service_name, unit",
        &[
            Arg::Uuid(tenant),
            Arg::Uuid(client_id),
            Arg::Date(from),
            Arg::Date(to),
        ],
    )
    .await
}

/// Billable time of the client in `from..=to`.
pub async fn billable_time(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::billing::portal::TimeRow>, DbError> {
    db.fetch_all_with(
        "SELECT service_name, work_date, minutes FROM billable_time \
         WHERE tenant = $1 AND client_id = $2 AND work_date >= $3 AND work_date <= $4 \
         ORDER BY work_date, service_name",
        &[
            Arg::Uuid(tenant),
            Arg::Uuid(client_id),
            Arg::Date(from),
            Arg::Date(to),
        ],
    )
    .await
}

#[derive(sqlx::FromRow)]
struct BlockRow {
    block_id: Uuid,
    name: String,
    purchased_minutes: i64,
    starts_on: NaiveDate,
    expires_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct DrawRow {
    block_id: Uuid,
    used_on: NaiveDate,
    minutes: i64,
}

/// Every hour block of the client with its draws (newest blocks first).
pub async fn block_burns(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<Vec<crate::billing::portal::BlockBurn>, DbError> {
    let blocks: Vec<BlockRow> = db
        .fetch_all_with(
            "SELECT block_id, name, purchased_minutes, starts_on, expires_on FROM hour_blocks \
             WHERE tenant = $1 AND client_id = $2 ORDER BY starts_on DESC, name",
            &[Arg::Uuid(tenant), Arg::Uuid(client_id)],
        )
        .await?;
    let draws: Vec<DrawRow> = db
        .fetch_all_with(
            "SELECT u.block_id, u.used_on, u.minutes FROM hour_block_usage u \
             JOIN hour_blocks b ON b.tenant = u.tenant AND b.block_id = u.block_id \
             WHERE u.tenant = $1 AND b.client_id = $2 ORDER BY u.used_on, u.entry_id",
            &[Arg::Uuid(tenant), Arg::Uuid(client_id)],
        )
        .await?;
    Ok(blocks
        .into_iter()
        .map(|b| crate::billing::portal::BlockBurn {
            draws: draws
                .iter()
                .filter(|d| d.block_id == b.block_id)
                .map(|d| (d.used_on, d.minutes))
                .collect(),
            name: b.name,
            purchased_minutes: b.purchased_minutes,
            starts_on: b.starts_on,
            expires_on: b.expires_on,
        })
        .collect())
}
