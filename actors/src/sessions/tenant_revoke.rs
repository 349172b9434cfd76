//! Ending every session of a tenant (an operator's action): in the database, which tells the
//! other instances (PostgreSQL `NOTIFY`), then in this instance's cache.

use actix::{Handler, Message, ResponseFuture};
use uuid::Uuid;

use super::{RevocationScope, RevokeReason, SessionCore, SessionError, Sessions};
use crate::store::sessions as store;
use crate::supervision::PortalActor;

/// Ends every session of a tenant's users; answers how many were live.
#[derive(Message)]
#[rtype(result = "Result<u64, SessionError>")]
pub struct RevokeTenantSessions {
    pub tenant: Uuid,
    pub reason: RevokeReason,
}

impl SessionCore {
    async fn revoke_tenant(&self, msg: RevokeTenantSessions) -> Result<u64, SessionError> {
        let now = self.clock.now();
        let n = store::revoke_tenant(&self.db, msg.tenant, msg.reason.as_str(), now).await?;
        self.cache
            .invalidate(&RevocationScope::Tenant { tenant: msg.tenant });
        self.metrics
            .sessions_revoked
            .with_label_values(&[msg.reason.as_str()])
            .inc_by(n);
        Ok(n)
    }
}

impl Handler<RevokeTenantSessions> for Sessions {
    type Result = ResponseFuture<Result<u64, SessionError>>;

    /// Ends every session of one tenant (operators' admin endpoint).
    fn handle(&mut self, msg: RevokeTenantSessions, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.revoke_tenant(msg).await })
    }
}
