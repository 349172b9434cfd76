//! Three instances on one PostgreSQL database (`spawn_instances`): a session ended on one is
//! refused by the other two within a second, and each periodic sweep, run on all three at once,
//! deletes every expired row once (the counts they answer, their metrics and their logs add up
//! to the rows there were). Throttle counters shared round-robin: tests/it/throttle.rs; one
//! handoff token under 64 exchanges spread over three: tests/it/handoff/exchange.rs.

mod revocation;
mod sweeps;
