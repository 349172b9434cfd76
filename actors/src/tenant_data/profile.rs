//! The handlers of the signed-in user's own security data on the Security page (their
//! messages are in `messages.rs`): their live sessions and the single sign-on identities linked
//! to them (with removal), through the tenant's actor.

use crate::clock::TimeArith;
use actix::{Handler, ResponseFuture};

use super::messages::*;
use super::TenantData;
use crate::db::DbError;
use crate::store::{sessions, sso};

/// A live session as the Security page lists it, named here so that routes never reach into `store`.
pub use crate::store::sessions::SessionSummary;

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
