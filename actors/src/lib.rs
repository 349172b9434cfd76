//! `portal-actors`: the client portal's domain types, its supervised actors and all of its SQL.
//!
//! Nothing here knows of HTTP or HTML: the `portal` crate translates between requests, these
//! actors and the `portal-views` pages.
// Tests may index and do plain arithmetic: a panic there is a failed test, not a crash.
#![cfg_attr(
    test,
    allow(
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::arithmetic_side_effects
    )
)]

pub mod account;
pub mod account_recovery;
pub mod active_users;
pub mod activity;
pub mod admin;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod billing_sync;
pub mod branding;
pub mod clock;
pub mod company_admin;
pub mod credential_change;
pub mod credentials;
pub mod db;
pub mod deletion_request;
pub mod directory;
pub mod directory_changes;
pub mod dns;
pub mod email_change;
pub mod handoff;
#[cfg(test)]
mod input_properties;
pub mod integration_tokens;
pub mod invitations;
pub mod login_throttle;
pub mod mailbox;
pub mod mailer;
pub mod metrics;
pub mod model;
pub mod notifications;
pub mod own_profile;
pub mod password_policy;
pub mod portal_access;
pub mod portal_domain;
pub mod profile;
pub mod project_sync;
pub mod projects;
pub mod rate_limit;
pub mod registry;
pub mod roles;
pub mod secret_box;
pub mod services;
pub mod sessions;
pub mod sso;
pub mod store;
pub mod supervision;
pub mod tenant_data;
pub mod tenant_directory;
pub mod ticket_sync;
pub mod tickets;
pub mod tokens;
pub mod totp;
pub mod two_factor;

pub use clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use db::{Backend, Db, DbError};
pub use metrics::Metrics;
pub use registry::ActorRegistry;
