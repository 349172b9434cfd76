//! The operators' admin operations behind the admin API: tenant look-ups and settings, portal
//! domains, the contact an invitation goes to, and reads of the audit trail. Each is a plain
//! function over the database (as `auth::password_sign_in` is), so HTTP handlers only map
//! outcomes and never name the store.

pub mod actions;
pub mod audit_trail;
pub mod contacts;
pub mod domains;
pub mod roles;
pub mod sessions;
pub mod tenants;
