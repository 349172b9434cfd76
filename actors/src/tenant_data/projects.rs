//! The integration API's project handlers in `TenantData` (messages in `messages.rs`): the
//! tenant's project statuses and projects as the PSA writes and reads them.

use actix::{Handler, ResponseFuture};

use super::messages::*;
use super::TenantData;
use crate::project_sync::plan::{PlanCounts, PlanInput};
use crate::project_sync::{apply, ProjectRecord, ProjectStatusRecord};
use crate::ticket_sync::{SyncError, Upserted};

impl Handler<SyncProjectStatus> for TenantData {
    type Result = ResponseFuture<Result<Upserted<ProjectStatusRecord>, SyncError>>;

    fn handle(&mut self, msg: SyncProjectStatus, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            apply::upsert_status(
                &core.db,
                core.tenant,
                msg.status_id,
                &msg.status,
                core.now(),
            )
            .await
        })
    }
}

impl Handler<SyncProject> for TenantData {
    type Result = ResponseFuture<Result<Upserted<ProjectRecord>, SyncError>>;

    /// Upserts the project; an identical body changes nothing.
    fn handle(&mut self, msg: SyncProject, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            apply::upsert_project(
                &core.db,
                core.tenant,
                msg.project_id,
                &msg.project,
                core.now(),
            )
            .await
        })
    }
}

impl Handler<GetSyncProject> for TenantData {
    type Result = ResponseFuture<Result<ProjectRecord, SyncError>>;

    fn handle(&mut self, msg: GetSyncProject, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::get_project(&core.db, core.tenant, msg.project_id).await })
    }
}

impl Handler<SyncProjectPlan> for TenantData {
    type Result = ResponseFuture<Result<PlanCounts, SyncError>>;

    /// Replaces the plan whole, in one transaction.
    fn handle(&mut self, msg: SyncProjectPlan, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            apply::replace_plan(&core.db, core.tenant, msg.project_id, &msg.plan, core.now()).await
        })
    }
}

impl Handler<GetProjectPlan> for TenantData {
    type Result = ResponseFuture<Result<PlanInput, SyncError>>;

    fn handle(&mut self, msg: GetProjectPlan, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { apply::get_plan(&core.db, core.tenant, msg.project_id).await })
    }
}
