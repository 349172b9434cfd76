//! Placeholder until the handoff benchmark lands.
fn main() {}
