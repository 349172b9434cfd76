//! Dev-only harness that the portal's integration tests (`tests/it`) and benches (`benches/`)
//! share, so that neither copies the other: today the private PostgreSQL cluster ([`pg`]).

pub mod pg;
