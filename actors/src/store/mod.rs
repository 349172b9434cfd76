//! All SQL of the portal, as functions over `Db`/`Tx` that run unchanged on SQLite and PostgreSQL.

pub mod account_tokens;
pub mod active_users;
pub mod activity;
pub mod audit;
pub mod backup;
pub mod billing;
pub mod billing_accounts;
pub mod billing_portal;
pub mod challenges;
pub mod company_members;
pub mod directory;
pub mod directory_changes;
pub mod email_change;
pub mod handoff;
pub mod integration_tokens;
pub mod invitations;
pub mod notifications;
pub mod outbox;
pub mod portal_domains;
pub mod preferences;
pub mod profile;
pub mod project_plans;
pub mod projects;
pub mod psa_directory;
pub mod recipients;
pub mod sessions;
pub mod sso;
pub mod tenants;
pub mod throttle;
pub mod ticket_sync;
pub mod tickets;
pub mod two_factor;
pub mod users;
pub mod your_data;

pub use crate::db::DbError;
