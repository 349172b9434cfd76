//! Project sync: what the MSP's PSA writes and reads about projects through the integration
//! API. The tenant's project statuses and its projects (with the client-portal visibility
//! settings the MSP chooses per project) are upserted under ids the PSA chooses; an identical
//! body changes nothing.
//!
//! `input` validates the JSON the PSA sends (naming the field of every refusal), `apply` runs
//! the changes and reads for one tenant (the `TenantData` actor's, or the demo seed's). The
//! records here are what the API answers with.

pub mod apply;
pub mod input;
pub mod plan;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use input::{ProjectInput, ProjectSettings, ProjectStatusInput, TaskField};

/// A status the tenant's projects can be in (planning, in progress, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ProjectStatusRecord {
    pub status_id: Uuid,
    pub name: String,
    pub is_closed: bool,
    pub display_order: i64,
    pub updated_at: DateTime<Utc>,
}

/// A project as the integration API answers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRecord {
    pub project_id: Uuid,
    pub number: String,
    pub name: String,
    pub description: String,
    pub client_id: Uuid,
    pub status_id: Uuid,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub wbs_code: Option<String>,
    /// Hours, to the minute.
    pub budgeted_hours: Option<f64>,
    pub inactive: bool,
    pub settings: ProjectSettings,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Hours as the API shows them, from the minutes stored.
pub fn hours(minutes: Option<i64>) -> Option<f64> {
    minutes.map(|m| m as f64 / 60.0)
}

/// A document the PSA adds to a project, or to one of its tasks.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub project_id: Uuid,
    pub task_id: Option<Uuid>,
    pub file: crate::tickets::StoredFile,
    pub client_visible: bool,
    pub uploaded_by: String,
}

/// A project document as the integration API answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SyncDocument {
    pub document_id: Uuid,
    pub project_id: Uuid,
    pub task_id: Option<Uuid>,
    pub file_name: String,
    pub size_bytes: i64,
    pub content_type: String,
    #[sqlx(rename = "is_client_visible")]
    pub client_visible: bool,
    pub uploaded_by_type: String,
    pub uploaded_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// A project document with where its contents are (for the PSA's download).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredDocument {
    #[sqlx(flatten)]
    pub document: SyncDocument,
    pub content_hash: String,
}
