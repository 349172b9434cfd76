//! `[audit]`: how long the audit trail (security events and operators' actions) is kept.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditSettings {
    /// Audit events and operators' actions older than this many days are deleted (hourly, in
    /// batches); 0 keeps them forever.
    pub retention_days: u32,
}

impl Default for AuditSettings {
    fn default() -> Self {
        Self {
            retention_days: portal_actors::audit::retention::DEFAULT_AUDIT_RETENTION_DAYS,
        }
    }
}
