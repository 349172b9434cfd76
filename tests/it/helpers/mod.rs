//! The tests' one home for shared helpers: `spawn_app()` boots the real portal on port 0 with a
//! fresh database on the backend chosen by `PORTAL_TEST_BACKEND` (`sqlite`, the default, or
//! `postgres`) and an injected manual clock; `Browser` keeps cookies by hand (Secure cookies over
//! loopback HTTP); the submodules hold what test files used to copy (signing in, client admins,
//! audit rows, the `portal` command line, free ports). Everything is re-exported here, so tests
//! say `use crate::helpers::*;`.

mod accounts;
mod app;
mod audit;
mod browser;
mod cli;
mod cluster;
mod net;
mod process;

pub use accounts::*;
pub use app::*;
pub use audit::*;
pub use browser::*;
pub use cli::*;
pub use cluster::*;
pub use net::*;
pub use process::*;

/// Shared by every instance of a test (instances on one database need one key).
pub const ENCRYPTION_KEY: &str = "Jx4u5P0m9v3lT8q2Wc6ZyB1nRk7GdHs0aFiEoLpUtQw";
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789abcdef";
pub const PASSWORD: &str = "correct horse battery staple";
/// The session cookie's name (`__Host-`: host-only, Secure, `Path=/`).
pub const SESSION_COOKIE: &str = "__Host-portal.session";
/// The CSRF cookie's name (double-submit token of every form).
pub const CSRF_COOKIE: &str = "__Host-portal.csrf";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn strict() -> bool {
    std::env::var("PORTAL_TEST_STRICT").is_ok_and(|v| v == "1")
}

pub fn backend() -> Backend {
    match std::env::var("PORTAL_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// Reports a missing component: fails under `PORTAL_TEST_STRICT=1`, else says SKIPPED loudly.
pub fn missing(component: &str, why: &str) {
    if strict() {
        panic!("{component} missing under PORTAL_TEST_STRICT=1: {why}");
    }
    eprintln!("SKIPPED: {component} missing ({why})");
}
