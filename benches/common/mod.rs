//! What the three benches share instead of copying it: the portal on a thread of its own
//! (`server`), the bench tenant and users (`seed`), the HTTP clients and the sign-in they do
//! (`http`), measuring pages under load against `/healthz` (`pages`), and counting and reading the measurements (`tally`, `numbers`). The private
//! PostgreSQL cluster comes from the dev-only crate `portal-test-support`, which the tests use
//! too. Each bench includes this folder with `#[path]` and uses the part it needs.
#![allow(dead_code)]

pub mod http;
pub mod numbers;
pub mod pages;
pub mod seed;
pub mod server;
pub mod tally;
