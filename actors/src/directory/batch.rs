//! `directory:batch`: up to `MAX_BATCH_ITEMS` client and contact upserts in one transaction,
//! all or nothing. Every item goes through the same write path as a PUT, in order (a contact
//! may name a client created earlier in the batch); every refused item is named by index, and
//! any refusal rolls the whole batch back.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::apply::{upsert_client, upsert_contact, KnownClients};
use super::input::{BatchItem, BatchRecord, BatchRefusal, ItemError};
use super::Effects;
use crate::db::Db;
use crate::ticket_sync::SyncError;

/// One written item of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchItemDone {
    pub index: usize,
    /// `client` or `contact`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: Uuid,
    pub created: bool,
    pub version: i64,
}

/// What a batch did: every item's summary (200), or every refusal (nothing written).
#[derive(Debug, Clone)]
pub enum BatchOutcome {
    Done {
        items: Vec<BatchItemDone>,
        effects: Effects,
    },
    Refused(BatchRefusal),
}

/// Writes every item in one transaction; any refusal (or fault) rolls all of them back.
pub async fn apply_batch(
    db: &Db,
    tenant: Uuid,
    items: &[BatchItem],
    now: DateTime<Utc>,
) -> Result<BatchOutcome, SyncError> {
    let mut tx = db.begin().await?;
    let mut known = KnownClients::expecting_new();
    let mut done = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    let mut effects = Effects::default();
    for (index, item) in items.iter().enumerate() {
        let result = match &item.record {
            BatchRecord::Client(input) => {
                upsert_client(&mut tx, &mut known, tenant, item.id, input, now)
                    .await
                    .map(|w| {
                        (
                            "client",
                            w.upserted.created,
                            w.upserted.record.version,
                            w.effects,
                        )
                    })
            }
            BatchRecord::Contact(input) => {
                upsert_contact(&mut tx, &mut known, tenant, item.id, input, now)
                    .await
                    .map(|w| {
                        (
                            "contact",
                            w.upserted.created,
                            w.upserted.record.version,
                            w.effects,
                        )
                    })
            }
        };
        match result {
            Ok((kind, created, version, item_effects)) => {
                done.push(BatchItemDone {
                    index,
                    kind,
                    id: item.id,
                    created,
                    version,
                });
                effects.merge(item_effects);
            }
            Err(e) => match ItemError::from_sync(index, &e) {
                // Named like the reading's refusals: the field inside the item's `record`.
                Some(refusal) => errors.push(ItemError {
                    field: refusal.field.map(|f| format!("record.{f}")),
                    ..refusal
                }),
                None => {
                    tracing::warn!(index, error = %e, "directory batch failed at an item");
                    tx.rollback().await?;
                    return Err(e);
                }
            },
        }
    }
    if !errors.is_empty() {
        tx.rollback().await?;
        return Ok(BatchOutcome::Refused(BatchRefusal(errors)));
    }
    tx.commit().await?;
    Ok(BatchOutcome::Done {
        items: done,
        effects,
    })
}
