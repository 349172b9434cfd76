//! Contracts, credits, usage, hour blocks and billable time as the integration API answers them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ContractLineRecord {
    #[sqlx(rename = "line_id")]
    pub id: Uuid,
    pub name: String,
    pub billing_frequency: String,
    pub rate_minor: i64,
    pub currency: String,
    pub quantity_milli: i64,
    pub service_category: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ContractRecord {
    pub contract_id: Uuid,
    pub client_id: Uuid,
    pub name: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    #[sqlx(rename = "is_active")]
    pub active: bool,
    #[sqlx(skip)]
    pub lines: Vec<ContractLineRecord>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CreditRecord {
    pub entry_id: Uuid,
    pub client_id: Uuid,
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    pub occurred_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub invoice_id: Option<Uuid>,
    pub description: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct UsageRecord {
    pub usage_id: Uuid,
    pub client_id: Uuid,
    #[sqlx(rename = "service_name")]
    pub service: String,
    pub unit: String,
    pub quantity_milli: i64,
    pub used_on: NaiveDate,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct BlockUseRecord {
    #[sqlx(rename = "entry_id")]
    pub id: Uuid,
    pub used_on: NaiveDate,
    pub minutes: i64,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct HourBlockRecord {
    pub block_id: Uuid,
    pub client_id: Uuid,
    pub name: String,
    pub purchased_minutes: i64,
    pub starts_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    #[sqlx(skip)]
    pub usage: Vec<BlockUseRecord>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct BillableTimeRecord {
    pub entry_id: Uuid,
    pub client_id: Uuid,
    #[sqlx(rename = "service_name")]
    pub service: String,
    pub work_date: NaiveDate,
    pub minutes: i64,
    pub updated_at: DateTime<Utc>,
}

/// A record with its write metadata (version, `updated_at`) left out, to tell whether a write
/// changed anything.
pub trait Content {
    fn content(&self) -> Self;
}

const EPOCH: DateTime<Utc> = DateTime::<Utc>::UNIX_EPOCH;

impl Content for ContractRecord {
    fn content(&self) -> Self {
        ContractRecord {
            version: 0,
            updated_at: EPOCH,
            ..self.clone()
        }
    }
}

macro_rules! content_without_updated_at {
    ($($t:ty),+) => {$(
        impl Content for $t {
            fn content(&self) -> Self {
                Self { updated_at: EPOCH, ..self.clone() }
            }
        }
    )+};
}
content_without_updated_at!(
    CreditRecord,
    UsageRecord,
    HourBlockRecord,
    BillableTimeRecord
);
