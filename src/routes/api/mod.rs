//! JSON APIs of the portal listener.

pub mod domain_session;
