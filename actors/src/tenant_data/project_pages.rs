//! The portal's project pages in `TenantData`: the company's project list, a project's page as
//! the MSP chose to show it, its documents (download, and uploads to tasks), the remembered
//! view and the dashboard's card; plus documents the PSA adds. Access is resolved from the
//! database on every message (`project:read`, `project:upload`); another tenant's or
//! company's project, or an inactive one, is `NotFound` exactly like one that does not exist.

use std::collections::HashSet;

use actix::{Handler, Message, ResponseFuture};
use serde_json::json;
use uuid::Uuid;

use super::{TenantCore, TenantData};
use crate::db::DbError;
use crate::directory_changes::NewChange;
use crate::project_sync::{apply, NewDocument, StoredDocument, SyncDocument};
use crate::projects::{
    self, DocumentItem, ProjectDetail, ProjectFilter, ProjectOverview, ProjectPage, ProjectSummary,
    ProjectView, ProjectViewer, TaskField, VIEW_PREFERENCE,
};
use crate::store::directory_changes as changes;
use crate::store::projects::portal as store;
use crate::supervision::ActorFault;
use crate::ticket_sync::SyncError;
use crate::tickets::StoredFile;

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// No such project (or document, or task) for this user.
    #[error("project not found")]
    NotFound,
    /// The user's role does not allow this (`project:read`, `project:upload`), or the project
    /// does not take uploads.
    #[error("not permitted: {0}")]
    Forbidden(&'static str),
    #[error("project data unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// One page of the user's company's projects.
#[derive(Message)]
#[rtype(result = "Result<ProjectPage, ProjectError>")]
pub struct ListProjects {
    pub user_id: Uuid,
    pub filter: ProjectFilter,
}

/// A project's page; `view` as the URL asks, else the user's remembered one.
#[derive(Message)]
#[rtype(result = "Result<ProjectDetail, ProjectError>")]
pub struct GetProject {
    pub user_id: Uuid,
    pub number: String,
    pub view: Option<ProjectView>,
}

/// Remembers the view the user chose (for every project).
#[derive(Message)]
#[rtype(result = "Result<(), ProjectError>")]
pub struct SetProjectView {
    pub user_id: Uuid,
    pub view: ProjectView,
}

/// A client-visible document of a project the user may see.
#[derive(Message)]
#[rtype(result = "Result<DocumentItem, ProjectError>")]
pub struct GetProjectDocument {
    pub user_id: Uuid,
    pub number: String,
    pub document_id: Uuid,
}

/// Adds stored files to a task as client-visible documents (the project must show tasks and
/// take document uploads, the user hold `project:upload`); each goes to the changes feed.
#[derive(Message)]
#[rtype(result = "Result<usize, ProjectError>")]
pub struct AddTaskDocuments {
    pub user_id: Uuid,
    pub number: String,
    pub task_id: Uuid,
    pub files: Vec<StoredFile>,
}

/// The dashboard's "Active projects" card (`None` without `project:read`).
#[derive(Message)]
#[rtype(result = "Result<Option<ProjectOverview>, ProjectError>")]
pub struct ProjectSummaryFor {
    pub user_id: Uuid,
}

/// Which permission-gated pages the navigation offers the user.
#[derive(Message)]
#[rtype(result = "Result<NavPermissions, ProjectError>")]
pub struct NavAccess {
    pub user_id: Uuid,
}

/// What the navigation shows: Projects with `project:read`, Billing with `billing:read`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NavPermissions {
    pub projects: bool,
    pub billing: bool,
    /// Company settings (`company:manage`).
    pub company: bool,
}

/// Every document of a project, for the PSA.
#[derive(Message)]
#[rtype(result = "Result<Vec<SyncDocument>, SyncError>")]
pub struct ListSyncDocuments {
    pub project_id: Uuid,
}

/// One document of a project with where its contents are, for the PSA's download.
#[derive(Message)]
#[rtype(result = "Result<StoredDocument, SyncError>")]
pub struct GetSyncDocument {
    pub project_id: Uuid,
    pub document_id: Uuid,
}

/// A document the PSA adds to a project (or one of its tasks).
#[derive(Message)]
#[rtype(result = "Result<SyncDocument, SyncError>")]
pub struct RecordProjectDocument(pub NewDocument);

impl TenantCore {
    async fn project_reader(&self, user_id: Uuid) -> Result<ProjectViewer, ProjectError> {
        let viewer =
            store::viewer(&self.db, self.tenant, user_id)
                .await?
                .ok_or(ProjectError::Forbidden(
                    "projects need an active company contact",
                ))?;
        if !viewer.can_read {
            return Err(ProjectError::Forbidden("project:read"));
        }
        Ok(viewer)
    }

    async fn visible_project(
        &self,
        viewer: &ProjectViewer,
        number: &str,
    ) -> Result<(ProjectSummary, projects::ProjectSettings), ProjectError> {
        if !projects::is_valid_project_number(number) {
            return Err(ProjectError::NotFound);
        }
        store::find(&self.db, self.tenant, viewer.client_id, number)
            .await?
            .ok_or(ProjectError::NotFound)
    }

    async fn project_page(&self, msg: GetProject) -> Result<ProjectDetail, ProjectError> {
        let viewer = self.project_reader(msg.user_id).await?;
        let (project, settings) = self.visible_project(&viewer, &msg.number).await?;
        let (db, tenant, id) = (&self.db, self.tenant, project.project_id);
        let (tasks_total, tasks_done, logged_minutes) =
            store::task_counts(db, tenant, id, settings.show_billing).await?;
        let phases = if settings.show_phases {
            store::phases(db, tenant, id).await?
        } else {
            Vec::new()
        };
        let (columns, tasks) = if settings.show_tasks {
            (
                store::columns(db, tenant, id).await?,
                store::tasks(db, tenant, id, &settings).await?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let shown: HashSet<Uuid> = tasks.iter().map(|t| t.task_id).collect();
        let mut dependencies = if settings.show_tasks && settings.shows(TaskField::Dependencies) {
            store::dependencies(db, tenant, id).await?
        } else {
            Vec::new()
        };
        dependencies.retain(|d| {
            shown.contains(&d.predecessor_task_id) && shown.contains(&d.successor_task_id)
        });
        let mut documents = store::documents(db, tenant, id).await?;
        documents.retain(|d| d.task_id.map_or(true, |t| shown.contains(&t)));
        let view = match msg.view {
            Some(view) => view,
            None => crate::store::preferences::get(db.exec(), tenant, msg.user_id, VIEW_PREFERENCE)
                .await?
                .as_deref()
                .and_then(ProjectView::parse)
                .unwrap_or_default(),
        };
        Ok(ProjectDetail {
            can_upload: accepts_uploads(&viewer, &settings),
            project,
            settings,
            tasks_total,
            tasks_done,
            logged_minutes,
            phases,
            columns,
            tasks,
            dependencies,
            documents,
            view,
        })
    }

    async fn project_document(
        &self,
        msg: GetProjectDocument,
    ) -> Result<DocumentItem, ProjectError> {
        let viewer = self.project_reader(msg.user_id).await?;
        let (project, settings) = self.visible_project(&viewer, &msg.number).await?;
        let doc = store::document(&self.db, self.tenant, project.project_id, msg.document_id)
            .await?
            .ok_or(ProjectError::NotFound)?;
        if let Some(task) = doc.task_id {
            // A task's document only while the task itself is shown.
            let task_shown = settings.show_tasks
                && store::visible_task(self.db.exec(), self.tenant, project.project_id, task)
                    .await?
                    .is_some();
            if !task_shown {
                return Err(ProjectError::NotFound);
            }
        }
        Ok(doc)
    }

    async fn add_task_documents(&self, msg: AddTaskDocuments) -> Result<usize, ProjectError> {
        let viewer = self.project_reader(msg.user_id).await?;
        let (project, settings) = self.visible_project(&viewer, &msg.number).await?;
        if !settings.show_tasks {
            return Err(ProjectError::NotFound);
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if store::visible_task(tx.exec(), self.tenant, project.project_id, msg.task_id)
            .await?
            .is_none()
        {
            return Err(ProjectError::NotFound);
        }
        if !settings.shows(TaskField::DocumentUploads) {
            return Err(ProjectError::Forbidden("this project takes no uploads"));
        }
        if !viewer.can_upload {
            return Err(ProjectError::Forbidden("project:upload"));
        }
        let by = store::Uploader {
            kind: "client",
            user_id: Some(viewer.user_id),
            name: &viewer.display_name,
        };
        for file in &msg.files {
            let document_id = store::insert_document(
                &mut tx,
                self.tenant,
                project.project_id,
                Some(msg.task_id),
                file,
                true,
                &by,
                now,
            )
            .await?;
            let data = json!({
                "project_id": project.project_id,
                "project_number": project.project_number,
                "task_id": msg.task_id,
                "document_id": document_id,
                "file_name": file.file_name,
                "size_bytes": file.size_bytes,
                "content_type": file.content_type,
            });
            let change =
                NewChange::project_document_uploaded(viewer.contact_id, viewer.user_id, data, now);
            changes::record(&mut tx, self.tenant, &change).await?;
        }
        tx.commit().await?;
        Ok(msg.files.len())
    }

    async fn project_overview(
        &self,
        user_id: Uuid,
    ) -> Result<Option<ProjectOverview>, ProjectError> {
        let viewer = match self.project_reader(user_id).await {
            Ok(v) => v,
            Err(ProjectError::Forbidden(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let active = store::open_count(&self.db, self.tenant, viewer.client_id).await?;
        let next_due = if active > 0 {
            store::next_due_task(&self.db, self.tenant, viewer.client_id).await?
        } else {
            None
        };
        Ok(Some(ProjectOverview { active, next_due }))
    }
}

/// Whether this viewer may add documents to this project's tasks.
fn accepts_uploads(viewer: &ProjectViewer, settings: &projects::ProjectSettings) -> bool {
    settings.show_tasks && settings.shows(TaskField::DocumentUploads) && viewer.can_upload
}

macro_rules! handle_with {
    ($msg:ty, $out:ty, $err:ty, |$core:ident, $m:ident| $body:expr) => {
        impl Handler<$msg> for TenantData {
            type Result = ResponseFuture<Result<$out, $err>>;

            fn handle(&mut self, $m: $msg, _: &mut Self::Context) -> Self::Result {
                let $core = self.serve();
                Box::pin(async move { $body })
            }
        }
    };
}

handle_with!(ListProjects, ProjectPage, ProjectError, |core, msg| {
    let viewer = core.project_reader(msg.user_id).await?;
    let (items, total) = store::list(&core.db, core.tenant, viewer.client_id, &msg.filter).await?;
    let statuses = store::statuses(&core.db, core.tenant).await?;
    Ok(ProjectPage {
        items,
        total,
        filter: msg.filter,
        statuses,
    })
});
handle_with!(GetProject, ProjectDetail, ProjectError, |core, msg| core
    .project_page(msg)
    .await);
handle_with!(SetProjectView, (), ProjectError, |core, msg| {
    core.project_reader(msg.user_id).await?;
    let now = core.clock.now();
    crate::store::preferences::set(
        core.db.exec(),
        core.tenant,
        msg.user_id,
        VIEW_PREFERENCE,
        Some(msg.view.as_str()),
        now,
    )
    .await?;
    Ok(())
});
handle_with!(
    GetProjectDocument,
    DocumentItem,
    ProjectError,
    |core, msg| core.project_document(msg).await
);
handle_with!(AddTaskDocuments, usize, ProjectError, |core, msg| core
    .add_task_documents(msg)
    .await);
handle_with!(
    ProjectSummaryFor,
    Option<ProjectOverview>,
    ProjectError,
    |core, msg| core.project_overview(msg.user_id).await
);
handle_with!(NavAccess, NavPermissions, ProjectError, |core, msg| {
    let held = crate::store::users::permissions(&core.db, core.tenant, msg.user_id).await?;
    let has = |p: &str| held.iter().any(|h| h == p);
    Ok(NavPermissions {
        projects: has("project:read"),
        billing: has("billing:read"),
        company: has(super::company::MANAGE_COMPANY),
    })
});
handle_with!(
    RecordProjectDocument,
    SyncDocument,
    SyncError,
    |core, msg| {
        let now = core.clock.now();
        apply::record_document(&core.db, core.tenant, &msg.0, now).await
    }
);
handle_with!(
    ListSyncDocuments,
    Vec<SyncDocument>,
    SyncError,
    |core, msg| apply::list_documents(&core.db, core.tenant, msg.project_id).await
);
handle_with!(GetSyncDocument, StoredDocument, SyncError, |core, msg| {
    apply::get_document(&core.db, core.tenant, msg.project_id, msg.document_id).await
});
