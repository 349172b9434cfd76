//! `[notifications]`: how the notifier turns activity into emails.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotificationSettings {
    /// How often new activity is looked for (milliseconds): the delay before an email is queued.
    pub poll_interval_ms: u64,
    /// After an MSP reply is emailed, further replies on the ticket within this many seconds
    /// are gathered into one follow-up email, sent when the time is up.
    pub reply_window_seconds: u32,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        Self {
            poll_interval_ms: 1_000,
            reply_window_seconds: 120,
        }
    }
}
