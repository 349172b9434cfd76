//! The HTTP edge's shared pieces: middleware, extractors, cookies, redirects and rendering.

pub mod cookies;
pub mod extract;
pub mod forwarded;
pub mod middleware;
pub mod redirect;
pub mod render;
