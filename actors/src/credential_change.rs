//! What a new password ends besides sessions: every sign-in of the user still in flight — live
//! vanity-domain handoff tokens, open two-factor challenges — and a pending two-factor enrollment.
//! SSO sign-ins carry no user until their callback; there, one started before the password
//! changed is refused (`auth::single_sign_on`).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{DbError, Tx};
use crate::store::{challenges, handoff};
use crate::two_factor;

/// What `end_sign_ins_in_flight` ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EndedInFlight {
    pub handoff_tokens: u64,
    pub challenges: u64,
    pub pending_enrollment: bool,
}

/// Ends, in the transaction that sets the new password, what was begun with the old one.
pub async fn end_sign_ins_in_flight(
    tx: &mut Tx,
    tenant: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<EndedInFlight, DbError> {
    Ok(EndedInFlight {
        handoff_tokens: handoff::expire_for_user(tx.exec(), tenant, user_id, now).await?,
        challenges: challenges::expire_for_user(tx.exec(), tenant, user_id, now).await?,
        pending_enrollment: two_factor::drop_pending_secret(tx.exec(), tenant, user_id).await?,
    })
}
