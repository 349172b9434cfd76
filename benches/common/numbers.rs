//! Reading the benches' settings and printing their measurements.

use std::time::Duration;

use anyhow::Context as _;

/// `name` from the environment as a whole number in `range` (`_` and `,` allowed as digit
/// separators), or `default` when it is not set.
pub fn env_number(
    name: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .replace(['_', ','], "")
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .with_context(|| {
                format!(
                    "{name} must be a whole number in {}..={}, not `{v}`",
                    range.start(),
                    range.end()
                )
            }),
        Err(_) => Ok(default),
    }
}

/// The `p`-th percentile of `sorted` (ascending); `None` when it is empty.
pub fn percentile(sorted: &[Duration], p: usize) -> Option<Duration> {
    let n = sorted.len();
    (n > 0).then(|| sorted[(n * p / 100).min(n - 1)])
}

/// A latency in milliseconds with two decimals, `-` when there is none.
pub fn ms(d: Option<Duration>) -> String {
    match d {
        Some(d) => format!("{:.2} ms", d.as_secs_f64() * 1e3),
        None => "-".into(),
    }
}
