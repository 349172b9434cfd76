//! The HTTP edge's shared pieces: middleware, extractors, cookies, redirects and rendering.

pub mod cookies;
pub mod extract;
#[cfg(test)]
mod input_properties;
pub mod forwarded;
pub mod middleware;
pub mod panics;
pub mod redirect;
pub mod render;
