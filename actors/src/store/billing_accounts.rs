//! SQL for contracts (with lines), the credit ledger, usage, hour blocks (with their use) and
//! billable time, as the PSA writes and reads them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::billing_sync::accounts::{
    BillableTimeInput, ContractInput, CreditInput, HourBlockInput, UsageInput,
};
use crate::billing_sync::records::{
    BillableTimeRecord, BlockUseRecord, ContractLineRecord, ContractRecord, CreditRecord,
    HourBlockRecord, UsageRecord,
};
use crate::db::{DbError, Exec, Tx};
use crate::{execute, fetch_one_scalar, query_as};

fn order(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

pub async fn find_contract(
    tx: &mut Tx,
    tenant: Uuid,
    contract_id: Uuid,
) -> Result<Option<ContractRecord>, DbError> {
    let found: Option<ContractRecord> = query_as!(
        tx.exec(),
        ContractRecord,
        fetch_optional,
        "SELECT contract_id, client_id, name, start_date, end_date, is_active, version, \
                updated_at FROM contracts WHERE tenant = $1 AND contract_id = $2",
        tenant,
        contract_id
    )?;
    let Some(mut contract) = found else {
        return Ok(None);
    };
    contract.lines = query_as!(
        tx.exec(),
        ContractLineRecord,
        fetch_all,
        "SELECT line_id, name, billing_frequency, rate_minor, currency, quantity_milli, \
                service_category, start_date, end_date FROM contract_lines \
         WHERE tenant = $1 AND contract_id = $2 ORDER BY display_order, line_id",
        tenant,
        contract_id
    )?;
    Ok(Some(contract))
}

/// Whether any of these line ids is a line of another contract.
pub async fn contract_line_elsewhere(
    exec: Exec<'_>,
    tenant: Uuid,
    contract_id: Uuid,
    line_id: Uuid,
) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM contract_lines \
         WHERE tenant = $1 AND line_id = $2 AND contract_id <> $3",
        tenant,
        line_id,
        contract_id
    )? > 0)
}

pub async fn write_contract(
    tx: &mut Tx,
    tenant: Uuid,
    contract_id: Uuid,
    c: &ContractInput,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        tx.exec(),
        "INSERT INTO contracts (tenant, contract_id, client_id, name, start_date, end_date, \
             is_active, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8) \
         ON CONFLICT (tenant, contract_id) DO UPDATE SET client_id = excluded.client_id, \
             name = excluded.name, start_date = excluded.start_date, \
             end_date = excluded.end_date, is_active = excluded.is_active, \
             version = contracts.version + 1, updated_at = excluded.updated_at",
        tenant,
        contract_id,
        c.client_id,
        &c.name,
        c.start_date,
        c.end_date,
        c.active,
        now
    )?;
    execute!(
        tx.exec(),
        "DELETE FROM contract_lines WHERE tenant = $1 AND contract_id = $2",
        tenant,
        contract_id
    )?;
    for (i, (line_id, l)) in c.lines.iter().enumerate() {
        execute!(
            tx.exec(),
            "INSERT INTO contract_lines (tenant, line_id, contract_id, display_order, name, \
                 billing_frequency, rate_minor, currency, quantity_milli, service_category, \
                 start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            tenant,
            line_id,
            contract_id,
            order(i),
            &l.name,
            &l.billing_frequency,
            l.rate_minor,
            l.currency.code(),
            l.quantity_milli,
            &l.service_category,
            l.start_date,
            l.end_date
        )?;
    }
    Ok(())
}

pub async fn find_credit(
    exec: Exec<'_>,
    tenant: Uuid,
    entry_id: Uuid,
) -> Result<Option<CreditRecord>, DbError> {
    Ok(query_as!(
        exec,
        CreditRecord,
        fetch_optional,
        "SELECT entry_id, client_id, kind, amount_minor, currency, occurred_on, expires_on, \
                invoice_id, description, updated_at FROM credit_entries \
         WHERE tenant = $1 AND entry_id = $2",
        tenant,
        entry_id
    )?)
}

pub async fn write_credit(
    exec: Exec<'_>,
    tenant: Uuid,
    entry_id: Uuid,
    c: &CreditInput,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        exec,
        "INSERT INTO credit_entries (tenant, entry_id, client_id, kind, amount_minor, currency, \
             occurred_on, expires_on, invoice_id, description, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (tenant, entry_id) DO UPDATE SET client_id = excluded.client_id, \
             kind = excluded.kind, amount_minor = excluded.amount_minor, \
             currency = excluded.currency, occurred_on = excluded.occurred_on, \
             expires_on = excluded.expires_on, invoice_id = excluded.invoice_id, \
             description = excluded.description, updated_at = excluded.updated_at",
        tenant,
        entry_id,
        c.client_id,
        &c.kind,
        c.amount_minor,
        c.currency.code(),
        c.occurred_on,
        c.expires_on,
        c.invoice_id,
        &c.description,
        now
    )?;
    Ok(())
}

pub async fn find_usage(
    exec: Exec<'_>,
    tenant: Uuid,
    usage_id: Uuid,
) -> Result<Option<UsageRecord>, DbError> {
    Ok(query_as!(
        exec,
        UsageRecord,
        fetch_optional,
        "SELECT usage_id, client_id, service_name, unit, quantity_milli, used_on, updated_at \
         FROM usage_records WHERE tenant = $1 AND usage_id = $2",
        tenant,
        usage_id
    )?)
}

pub async fn write_usage(
    exec: Exec<'_>,
    tenant: Uuid,
    usage_id: Uuid,
    u: &UsageInput,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        exec,
        "INSERT INTO usage_records (tenant, usage_id, client_id, service_name, unit, \
             quantity_milli, used_on, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (tenant, usage_id) DO UPDATE SET client_id = excluded.client_id, \
             service_name = excluded.service_name, unit = excluded.unit, \
             quantity_milli = excluded.quantity_milli, used_on = excluded.used_on, \
             updated_at = excluded.updated_at",
        tenant,
        usage_id,
        u.client_id,
        &u.service,
        &u.unit,
        u.quantity_milli,
        u.used_on,
        now
    )?;
    Ok(())
}

pub async fn find_hour_block(
    tx: &mut Tx,
    tenant: Uuid,
    block_id: Uuid,
) -> Result<Option<HourBlockRecord>, DbError> {
    let found: Option<HourBlockRecord> = query_as!(
        tx.exec(),
        HourBlockRecord,
        fetch_optional,
        "SELECT block_id, client_id, name, purchased_minutes, starts_on, expires_on, updated_at \
         FROM hour_blocks WHERE tenant = $1 AND block_id = $2",
        tenant,
        block_id
    )?;
    let Some(mut block) = found else {
        return Ok(None);
    };
    block.usage = query_as!(
        tx.exec(),
        BlockUseRecord,
        fetch_all,
        "SELECT entry_id, used_on, minutes, description FROM hour_block_usage \
         WHERE tenant = $1 AND block_id = $2 ORDER BY used_on, entry_id",
        tenant,
        block_id
    )?;
    Ok(Some(block))
}

/// Whether this use entry id belongs to another block.
pub async fn block_use_elsewhere(
    exec: Exec<'_>,
    tenant: Uuid,
    block_id: Uuid,
    entry_id: Uuid,
) -> Result<bool, DbError> {
    Ok(fetch_one_scalar!(
        exec,
        i64,
        "SELECT COUNT(*) FROM hour_block_usage \
         WHERE tenant = $1 AND entry_id = $2 AND block_id <> $3",
        tenant,
        entry_id,
        block_id
    )? > 0)
}

pub async fn write_hour_block(
    tx: &mut Tx,
    tenant: Uuid,
    block_id: Uuid,
    b: &HourBlockInput,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        tx.exec(),
        "INSERT INTO hour_blocks (tenant, block_id, client_id, name, purchased_minutes, \
             starts_on, expires_on, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (tenant, block_id) DO UPDATE SET client_id = excluded.client_id, \
             name = excluded.name, purchased_minutes = excluded.purchased_minutes, \
             starts_on = excluded.starts_on, expires_on = excluded.expires_on, \
             updated_at = excluded.updated_at",
        tenant,
        block_id,
        b.client_id,
        &b.name,
        b.purchased_minutes,
        b.starts_on,
        b.expires_on,
        now
    )?;
    execute!(
        tx.exec(),
        "DELETE FROM hour_block_usage WHERE tenant = $1 AND block_id = $2",
        tenant,
        block_id
    )?;
    for (entry_id, u) in &b.usage {
        execute!(
            tx.exec(),
            "INSERT INTO hour_block_usage (tenant, entry_id, block_id, used_on, minutes, \
                 description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            tenant,
            entry_id,
            block_id,
            u.used_on,
            u.minutes,
            &u.description,
            now
        )?;
    }
    Ok(())
}

pub async fn find_billable_time(
    exec: Exec<'_>,
    tenant: Uuid,
    entry_id: Uuid,
) -> Result<Option<BillableTimeRecord>, DbError> {
    Ok(query_as!(
        exec,
        BillableTimeRecord,
        fetch_optional,
        "SELECT entry_id, client_id, service_name, work_date, minutes, updated_at \
         FROM billable_time WHERE tenant = $1 AND entry_id = $2",
        tenant,
        entry_id
    )?)
}

pub async fn write_billable_time(
    exec: Exec<'_>,
    tenant: Uuid,
    entry_id: Uuid,
    t: &BillableTimeInput,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    execute!(
        exec,
        "INSERT INTO billable_time (tenant, entry_id, client_id, service_name, work_date, \
             minutes, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (tenant, entry_id) DO UPDATE SET client_id = excluded.client_id, \
             service_name = excluded.service_name, work_date = excluded.work_date, \
             minutes = excluded.minutes, updated_at = excluded.updated_at",
        tenant,
        entry_id,
        t.client_id,
        &t.service,
        t.work_date,
        t.minutes,
        now
    )?;
    Ok(())
}
