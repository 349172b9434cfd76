//! Contracts, credits, usage, hour blocks and billable time written and read for one tenant. A
//! write that changes nothing is rolled back, so the record keeps its `version` and
//! `updated_at`; refusals write nothing.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::accounts::{BillableTimeInput, ContractInput, CreditInput, HourBlockInput, UsageInput};
use super::records::{
    BillableTimeRecord, Content, ContractRecord, CreditRecord, HourBlockRecord, UsageRecord,
};
use crate::db::{Db, DbError, Tx};
use crate::store::{billing, billing_accounts as store, psa_directory};
use crate::ticket_sync::{SyncError, Upserted};

fn written<T>(record: Option<T>) -> Result<T, SyncError> {
    record.ok_or_else(|| SyncError::Db(DbError::Sqlx(sqlx::Error::RowNotFound)))
}

async fn client_exists(tx: &mut Tx, tenant: Uuid, client_id: Uuid) -> Result<(), SyncError> {
    if psa_directory::client_exists(tx.exec(), tenant, client_id).await? {
        Ok(())
    } else {
        Err(SyncError::invalid("client_id", "unknown client"))
    }
}

/// Commits a write that changed something; rolls back one that did not.
async fn finish<R: Content + PartialEq>(
    tx: Tx,
    before: Option<R>,
    after: R,
) -> Result<Upserted<R>, SyncError> {
    match before {
        Some(old) if old.content() == after.content() => {
            tx.rollback().await?;
            Ok(Upserted {
                record: old,
                created: false,
            })
        }
        old => {
            tx.commit().await?;
            Ok(Upserted {
                record: after,
                created: old.is_none(),
            })
        }
    }
}

pub async fn upsert_contract(
    db: &Db,
    tenant: Uuid,
    contract_id: Uuid,
    input: &ContractInput,
    now: DateTime<Utc>,
) -> Result<Upserted<ContractRecord>, SyncError> {
    let mut tx = db.begin().await?;
    client_exists(&mut tx, tenant, input.client_id).await?;
    for (i, (line_id, _)) in input.lines.iter().enumerate() {
        if store::contract_line_elsewhere(tx.exec(), tenant, contract_id, *line_id).await? {
            return Err(SyncError::invalid(
                &format!("lines[{i}].id"),
                "belongs to another contract",
            ));
        }
    }
    let before = store::find_contract(&mut tx, tenant, contract_id).await?;
    store::write_contract(&mut tx, tenant, contract_id, input, now).await?;
    let after = written(store::find_contract(&mut tx, tenant, contract_id).await?)?;
    finish(tx, before, after).await
}

pub async fn get_contract(
    db: &Db,
    tenant: Uuid,
    contract_id: Uuid,
) -> Result<ContractRecord, SyncError> {
    let mut tx = db.begin().await?;
    let found = store::find_contract(&mut tx, tenant, contract_id).await?;
    tx.rollback().await?;
    found.ok_or(SyncError::NotFound)
}

pub async fn upsert_credit(
    db: &Db,
    tenant: Uuid,
    entry_id: Uuid,
    input: &CreditInput,
    now: DateTime<Utc>,
) -> Result<Upserted<CreditRecord>, SyncError> {
    let mut tx = db.begin().await?;
    client_exists(&mut tx, tenant, input.client_id).await?;
    if let Some(invoice_id) = input.invoice_id {
        let invoice = billing::find_invoice(tx.exec(), tenant, invoice_id).await?;
        if !invoice.is_some_and(|i| i.client_id == input.client_id) {
            return Err(SyncError::invalid(
                "invoice_id",
                "not an invoice of this client",
            ));
        }
    }
    let before = store::find_credit(tx.exec(), tenant, entry_id).await?;
    store::write_credit(tx.exec(), tenant, entry_id, input, now).await?;
    let after = written(store::find_credit(tx.exec(), tenant, entry_id).await?)?;
    finish(tx, before, after).await
}

pub async fn get_credit(db: &Db, tenant: Uuid, entry_id: Uuid) -> Result<CreditRecord, SyncError> {
    store::find_credit(db.exec(), tenant, entry_id)
        .await?
        .ok_or(SyncError::NotFound)
}

pub async fn upsert_usage(
    db: &Db,
    tenant: Uuid,
    usage_id: Uuid,
    input: &UsageInput,
    now: DateTime<Utc>,
) -> Result<Upserted<UsageRecord>, SyncError> {
    let mut tx = db.begin().await?;
    client_exists(&mut tx, tenant, input.client_id).await?;
    let before = store::find_usage(tx.exec(), tenant, usage_id).await?;
    store::write_usage(tx.exec(), tenant, usage_id, input, now).await?;
    let after = written(store::find_usage(tx.exec(), tenant, usage_id).await?)?;
    finish(tx, before, after).await
}

pub async fn get_usage(db: &Db, tenant: Uuid, usage_id: Uuid) -> Result<UsageRecord, SyncError> {
    store::find_usage(db.exec(), tenant, usage_id)
        .await?
        .ok_or(SyncError::NotFound)
}

pub async fn upsert_hour_block(
    db: &Db,
    tenant: Uuid,
    block_id: Uuid,
    input: &HourBlockInput,
    now: DateTime<Utc>,
) -> Result<Upserted<HourBlockRecord>, SyncError> {
    let mut tx = db.begin().await?;
    client_exists(&mut tx, tenant, input.client_id).await?;
    for (i, (entry_id, _)) in input.usage.iter().enumerate() {
        if store::block_use_elsewhere(tx.exec(), tenant, block_id, *entry_id).await? {
            return Err(SyncError::invalid(
                &format!("usage[{i}].id"),
                "belongs to another hour block",
            ));
        }
    }
    let before = store::find_hour_block(&mut tx, tenant, block_id).await?;
    store::write_hour_block(&mut tx, tenant, block_id, input, now).await?;
    let after = written(store::find_hour_block(&mut tx, tenant, block_id).await?)?;
    finish(tx, before, after).await
}

pub async fn get_hour_block(
    db: &Db,
    tenant: Uuid,
    block_id: Uuid,
) -> Result<HourBlockRecord, SyncError> {
    let mut tx = db.begin().await?;
    let found = store::find_hour_block(&mut tx, tenant, block_id).await?;
    tx.rollback().await?;
    found.ok_or(SyncError::NotFound)
}

pub async fn upsert_billable_time(
    db: &Db,
    tenant: Uuid,
    entry_id: Uuid,
    input: &BillableTimeInput,
    now: DateTime<Utc>,
) -> Result<Upserted<BillableTimeRecord>, SyncError> {
    let mut tx = db.begin().await?;
    client_exists(&mut tx, tenant, input.client_id).await?;
    let before = store::find_billable_time(tx.exec(), tenant, entry_id).await?;
    store::write_billable_time(tx.exec(), tenant, entry_id, input, now).await?;
    let after = written(store::find_billable_time(tx.exec(), tenant, entry_id).await?)?;
    finish(tx, before, after).await
}

pub async fn get_billable_time(
    db: &Db,
    tenant: Uuid,
    entry_id: Uuid,
) -> Result<BillableTimeRecord, SyncError> {
    store::find_billable_time(db.exec(), tenant, entry_id)
        .await?
        .ok_or(SyncError::NotFound)
}
