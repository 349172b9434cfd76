//! The integration API's directory handlers in `TenantData` (messages in `messages.rs`): the
//! feed of portal-side directory changes the PSA pulls, and a contact's portal access. Like
//! every message here none carries a tenant: the token's tenant chose the actor.

use actix::{Handler, ResponseFuture};

use super::messages::*;
use super::TenantData;
use crate::directory_changes::ChangesPage;
use crate::portal_access::PortalAccess;
use crate::store::{directory_changes, invitations};
use crate::ticket_sync::SyncError;

impl Handler<DirectoryChanges> for TenantData {
    type Result = ResponseFuture<Result<ChangesPage, SyncError>>;

    /// Reads the page after the query's cursor (never past a writer still running).
    fn handle(&mut self, msg: DirectoryChanges, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let rows = directory_changes::page(core.db.exec(), core.tenant, &msg.query).await?;
            Ok(ChangesPage::from_rows(rows, &msg.query))
        })
    }
}

impl Handler<PortalAccessOf> for TenantData {
    type Result = ResponseFuture<Result<PortalAccess, SyncError>>;

    /// The contact's account, two-factor, last sign-in and pending invitation.
    fn handle(&mut self, msg: PortalAccessOf, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let now = core.clock.now();
            let invitee = invitations::find(core.db.exec(), core.tenant, msg.contact_id, now)
                .await?
                .ok_or(SyncError::NotFound)?;
            let account = match invitee.user_id {
                Some(user_id) => {
                    invitations::account_state(core.db.exec(), core.tenant, user_id).await?
                }
                None => None,
            };
            Ok(PortalAccess::of(&invitee, account.as_ref()))
        })
    }
}
