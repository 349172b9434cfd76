//! The portal's integration tests: one binary that drives the real server over HTTP, on the
//! backend named by `PORTAL_TEST_BACKEND` (sqlite by default, postgres in CI's second pass).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects
)]

mod activity;
mod admin;
mod admin_actions;
mod admin_flush;
mod admin_revoke;
mod api_errors;
mod attachment_settings;
mod audit;
mod backup;
mod billing_pages;
mod branding;
mod browser;
mod card_buttons;
mod cli;
mod company;
mod company_members;
mod config_values;
mod connections;
mod discovery;
mod display;
mod dns;
mod dns_server;
mod domains;
mod email_change;
mod faults;
mod forwarded;
mod handoff;
mod helpers;
mod hostile;
mod in_flight_sign_ins;
mod instances;
mod integration_api;
mod invitations;
mod mail;
mod notifications;
mod observability;
mod oidc_provider;
mod password_reset;
mod pending_enrollment;
mod pg;
mod profile;
mod projects;
mod readme;
mod recovery_codes;
mod retention;
mod revocation;
mod roles;
mod routes;
mod s3_attachments;
mod s3_server;
mod same_work;
mod schema;
mod secret_checks;
mod security;
mod session_cookie;
mod sessions;
mod shutdown;
mod signin;
mod smtp_server;
mod sso;
mod sso_admin;
mod supervision;
mod tenant_data;
mod throttle;
mod ticket_access;
mod ticket_data;
mod ticket_fixtures;
mod ticket_pages;
mod tickets;
mod tls;
mod two_factor;
