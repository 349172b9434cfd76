//! The HTTP edge's shared pieces: middleware, extractors, cookies, redirects, rendering, the
//! `Origin` check of the handoff, and starting a session in the browser.

pub mod cookies;
pub mod csrf;
pub mod extract;
pub mod forwarded;
#[cfg(test)]
mod input_properties;
pub mod middleware;
pub mod origin;
pub mod panics;
pub mod redirect;
pub mod referrer;
pub mod render;
pub mod session;
pub mod tenant;
pub mod visitor;
