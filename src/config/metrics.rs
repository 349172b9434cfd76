//! `[metrics]`: how often the database-wide gauges are counted.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSettings {
    /// How often `portal_active_users` and `portal_active_tenants` are counted (seconds, at
    /// least 1); `POST /admin/actors/active_users/refresh` counts at once.
    pub activity_interval_seconds: u64,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        Self {
            activity_interval_seconds: 60,
        }
    }
}
