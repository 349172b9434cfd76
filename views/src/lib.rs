//! HTML views of the client portal: Maud pages rendered from plain view-model structs, with every
//! visible string taken from the embedded Fluent locales. Knows nothing of HTTP or storage.
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
pub mod activity;
pub mod billing;
pub mod company;
pub mod company_details;
pub mod company_member;
pub mod components;
pub mod dashboard;
pub mod email;
pub mod email_change;
pub mod errors;
pub mod favicon;
pub mod format;
pub mod handoff;
pub mod i18n;
#[cfg(test)]
mod input_properties;
pub mod layout;
pub mod markdown;
pub mod notification_email;
pub mod notifications;
pub mod profile;
pub mod projects;
#[cfg(test)]
mod pseudo_locale_tests;
pub mod security;
pub mod setup;
pub mod signin;
pub mod sso;
pub mod theme;
pub mod tickets;
pub mod two_factor;

pub use maud::Markup;

#[cfg(test)]
mod test_support;
