//! The `portal` crate: the HTTP edge and composition root. It reads configuration, starts the
//! supervised actors, serves the portal and admin listeners, and translates between requests,
//! actor messages (`portal-actors`) and pages (`portal-views`).
// Tests may index and do plain arithmetic: a panic there is a failed test, not a crash.
#![cfg_attr(
    test,
    allow(
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::arithmetic_side_effects
    )
)]

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod errors;
pub mod http;
pub mod notifications;
pub mod routes;
pub mod shutdown;
pub mod telemetry;

pub use app::{AppState, Application};
pub use config::Settings;
