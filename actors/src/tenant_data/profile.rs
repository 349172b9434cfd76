//! The signed-in user's own security data on the Security page: their live sessions and the
//! single sign-on identities linked to them (with removal), through the tenant's actor.

use crate::clock::TimeArith;
use actix::{Handler, Message, ResponseFuture};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::TenantData;
use crate::db::DbError;
use crate::store::{sessions, sso};

/// A live session as the Security page lists it, named here so that routes never reach into `store`.
pub use crate::store::sessions::SessionSummary;

/// The user's sessions that are still live (idle less than `session_idle`).
#[derive(Message)]
#[rtype(result = "Result<Vec<sessions::SessionSummary>, DbError>")]
pub struct OwnSessions {
    pub user_id: Uuid,
    pub session_idle: Duration,
}

/// An identity at a provider linked to the user, named after its provider.
#[derive(Debug, Clone)]
pub struct LinkedIdentity {
    /// The provider's display name (its slug when it was removed).
    pub provider_name: String,
    pub email: String,
    pub issuer: String,
    pub subject: String,
    pub linked_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

#[derive(Message)]
#[rtype(result = "Result<Vec<LinkedIdentity>, DbError>")]
pub struct OwnIdentities {
    pub user_id: Uuid,
}

/// Removes one of the user's own identities; yields how many went (0: not theirs).
#[derive(Message)]
#[rtype(result = "Result<u64, DbError>")]
pub struct UnlinkOwnIdentity {
    pub user_id: Uuid,
    pub issuer: String,
    pub subject: String,
}

impl Handler<OwnSessions> for TenantData {
    type Result = ResponseFuture<Result<Vec<sessions::SessionSummary>, DbError>>;

    /// The user's live sessions.
    fn handle(&mut self, msg: OwnSessions, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let now = core.clock.now();
            sessions::list_active_for_user(
                &core.db,
                core.tenant,
                msg.user_id,
                now,
                now.minus(msg.session_idle),
            )
            .await
        })
    }
}

impl Handler<OwnIdentities> for TenantData {
    type Result = ResponseFuture<Result<Vec<LinkedIdentity>, DbError>>;

    /// The user's linked identities, oldest first.
    fn handle(&mut self, msg: OwnIdentities, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let rows = sso::identities_of(&core.db, core.tenant, msg.user_id).await?;
            if rows.is_empty() {
                return Ok(Vec::new());
            }
            let providers = sso::list_providers(&core.db, core.tenant).await?;
            Ok(rows
                .into_iter()
                .map(|row| LinkedIdentity {
                    provider_name: providers
                        .iter()
                        .find(|p| p.provider == row.provider)
                        .map_or_else(|| row.provider.clone(), |p| p.display_name.clone()),
                    email: row.email,
                    issuer: row.issuer,
                    subject: row.subject,
                    linked_at: row.linked_at,
                    last_used_at: row.last_used_at,
                })
                .collect())
        })
    }
}

impl Handler<UnlinkOwnIdentity> for TenantData {
    type Result = ResponseFuture<Result<u64, DbError>>;

    /// Unlinks the identity only when it is the user's own.
    fn handle(&mut self, msg: UnlinkOwnIdentity, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            sso::unlink_identity(
                &core.db,
                core.tenant,
                msg.user_id,
                &msg.issuer,
                &msg.subject,
            )
            .await
        })
    }
}
