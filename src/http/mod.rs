//! The HTTP edge's shared pieces: middleware, extractors, cookies, redirects and rendering.

pub mod cookies;
pub mod extract;
pub mod forwarded;
#[cfg(test)]
mod input_properties;
pub mod middleware;
pub mod panics;
pub mod redirect;
pub mod render;
