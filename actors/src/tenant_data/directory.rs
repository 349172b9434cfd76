//! The directory's handlers in `TenantData` (messages in `messages.rs`): the PSA upserts and
//! reads client companies and contacts, one by one or in a batch. The work is
//! `directory::apply`'s and `directory::batch`'s; what a commit asks of other actors (sessions,
//! audit, mail) travels back in the answer for `directory::settle`.

use actix::{Handler, ResponseFuture};

use super::messages::*;
use super::TenantData;
use crate::directory::batch::{self, BatchOutcome};
use crate::directory::{apply, ClientRecord, ContactRecord, Written};
use crate::ticket_sync::SyncError;

impl Handler<SyncClient> for TenantData {
    type Result = ResponseFuture<Result<Written<ClientRecord>, SyncError>>;

    /// Creates or replaces the client unless the PSA's version is stale.
    #[tracing::instrument(skip_all, fields(client = %msg.client_id))]
    fn handle(&mut self, msg: SyncClient, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let now = core.clock.now();
            apply::put_client(&core.db, core.tenant, msg.client_id, &msg.client, now).await
        })
    }
}

impl Handler<GetClient> for TenantData {
    type Result = ResponseFuture<Result<ClientRecord, SyncError>>;

    /// The client, or `NotFound`.
    #[tracing::instrument(skip_all, fields(client = %msg.client_id))]
    fn handle(&mut self, msg: GetClient, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::get_client(&core.db, core.tenant, msg.client_id).await })
    }
}

impl Handler<SyncContact> for TenantData {
    type Result = ResponseFuture<Result<Written<ContactRecord>, SyncError>>;

    /// Creates or replaces the contact unless the PSA's version is stale.
    #[tracing::instrument(skip_all, fields(contact = %msg.contact_id))]
    fn handle(&mut self, msg: SyncContact, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let now = core.clock.now();
            apply::put_contact(&core.db, core.tenant, msg.contact_id, &msg.contact, now).await
        })
    }
}

impl Handler<GetContact> for TenantData {
    type Result = ResponseFuture<Result<ContactRecord, SyncError>>;

    /// The contact, or `NotFound`.
    #[tracing::instrument(skip_all, fields(contact = %msg.contact_id))]
    fn handle(&mut self, msg: GetContact, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::get_contact(&core.db, core.tenant, msg.contact_id).await })
    }
}

impl Handler<SyncDirectoryBatch> for TenantData {
    type Result = ResponseFuture<Result<BatchOutcome, SyncError>>;

    /// Writes every item in one transaction, or none of them.
    #[tracing::instrument(skip_all, fields(items = msg.items.len()))]
    fn handle(&mut self, msg: SyncDirectoryBatch, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let now = core.clock.now();
            batch::apply_batch(&core.db, core.tenant, &msg.items, now).await
        })
    }
}
