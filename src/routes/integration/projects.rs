//! Projects through the integration API: the tenant's project statuses and its projects (with
//! the client-portal visibility settings the MSP chooses per project) upserted under the PSA's
//! ids and read back; a project's plan (phases, status mappings, tasks, dependencies) replaced
//! whole.

use actix_web::{web, HttpResponse};
use portal_actors::project_sync::plan::PlanInput;
use portal_actors::project_sync::{ProjectInput, ProjectStatusInput};
use portal_actors::tenant_data::{
    GetProjectPlan, GetSyncProject, SyncProject, SyncProjectPlan, SyncProjectStatus,
};
use serde_json::Value;

use super::auth::Integration;
use super::{ask, path_id, upserted};
use crate::app::AppState;
use crate::errors::ApiError;

type Body = web::Json<Value>;

/// `PUT /integration/v1/project-statuses/{status_id}`: 201 created, 200 replaced.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), status = %path))]
pub async fn put_project_status(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let status_id = path_id("status_id", &path)?;
    let status = ProjectStatusInput::parse(body.into_inner())?;
    let msg = SyncProjectStatus { status_id, status };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `PUT /integration/v1/projects/{project_id}`: 201 created, 200 replaced or unchanged.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), project = %path))]
pub async fn put_project(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let project_id = path_id("project_id", &path)?;
    let project = ProjectInput::parse(body.into_inner())?;
    let msg = SyncProject {
        project_id,
        project,
    };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `GET /integration/v1/projects/{project_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), project = %path))]
pub async fn show_project(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let project_id = path_id("project_id", &path)?;
    let project = ask(&state, who.tenant(), GetSyncProject { project_id }).await?;
    Ok(HttpResponse::Ok().json(project))
}

/// `PUT /integration/v1/projects/{project_id}/plan`: replaces the phases, status mappings,
/// tasks and dependencies whole (what is not sent is removed); 200 with the counts.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), project = %path))]
pub async fn put_project_plan(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let project_id = path_id("project_id", &path)?;
    let plan = PlanInput::parse(body.into_inner())?;
    let counts = ask(&state, who.tenant(), SyncProjectPlan { project_id, plan }).await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// `GET /integration/v1/projects/{project_id}/plan`: the plan in the shape it is sent.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), project = %path))]
pub async fn show_project_plan(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let project_id = path_id("project_id", &path)?;
    let plan = ask(&state, who.tenant(), GetProjectPlan { project_id }).await?;
    Ok(HttpResponse::Ok().json(plan.to_json()))
}
