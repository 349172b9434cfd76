//! Messages of `TenantData`: the portal's tickets, the integration API's sync, the signed-in
//! user's own security data, the company page's (client admins), the directory changes feed
//! and contacts' portal access. None carries a tenant: the actor answers for the one it was
//! spawned for. Portal messages carry the signed-in user, whose access the actor resolves itself.

use actix::Message;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::db::DbError;
use crate::directory::batch::BatchOutcome;
use crate::directory::input::{BatchItem, ClientInput, ContactInput};
use crate::directory::{ClientRecord, ContactRecord, Written};
use crate::directory_changes::{ChangesPage, ChangesQuery};
use crate::portal_access::PortalAccess;
use crate::project_sync::plan::{PlanCounts, PlanInput};
use crate::project_sync::{ProjectInput, ProjectRecord, ProjectStatusInput, ProjectStatusRecord};
use crate::store::{audit, invitations, sessions, users};
use crate::supervision::ActorFault;
use crate::ticket_sync::input::{
    BoardInput, CategoryInput, CommentInput, FeedQuery, PriorityInput, StatusInput,
    TicketAccessInput, TicketInput, VisibilityGroupInput,
};
use crate::ticket_sync::{
    BoardRecord, CategoryRecord, PriorityRecord, StatusRecord, SyncAttachment, SyncComment,
    SyncError, SyncTicket, SyncTicketDetail, TicketAccessRecord, TicketFeed, Upserted,
    VisibilityGroupRecord,
};
use crate::tickets::{
    AttachmentRecord, InputError, NewTicket, StoredFile, TicketDetail, TicketFilter,
    TicketFormOptions, TicketOverview, TicketPage,
};

// ---- tickets ------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    /// No such ticket for this user (another tenant's, company's, board's or contact's is the same).
    #[error("ticket not found")]
    NotFound,
    /// The user's roles do not allow this (`ticket:read`, `create` or `update`).
    #[error("not permitted: {0}")]
    Forbidden(&'static str),
    #[error(transparent)]
    Invalid(#[from] InputError),
    /// The ticket changed meanwhile (e.g. closed twice).
    #[error("the ticket changed meanwhile")]
    Conflict,
    #[error("ticket data unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

impl TicketError {
    /// The `outcome` label of the ticket metrics.
    pub fn outcome(&self) -> &'static str {
        match self {
            TicketError::NotFound => "not_found",
            TicketError::Forbidden(_) => "forbidden",
            TicketError::Invalid(_) | TicketError::Conflict => "invalid",
            TicketError::Db(_) | TicketError::Fault(_) => "error",
        }
    }
}

/// One page of the user's tickets.
#[derive(Message)]
#[rtype(result = "Result<TicketPage, TicketError>")]
pub struct ListTickets {
    pub user_id: Uuid,
    pub filter: TicketFilter,
}

/// The dashboard's summary of the user's tickets; `None` when they may not read tickets.
#[derive(Message)]
#[rtype(result = "Result<Option<TicketOverview>, TicketError>")]
pub struct TicketSummary {
    pub user_id: Uuid,
}

/// What the create form offers this user.
#[derive(Message)]
#[rtype(result = "Result<TicketFormOptions, TicketError>")]
pub struct TicketForm {
    pub user_id: Uuid,
}

/// Raises a ticket (with files already in the attachment store); yields its number.
#[derive(Message)]
#[rtype(result = "Result<String, TicketError>")]
pub struct CreateTicket {
    pub user_id: Uuid,
    pub ticket: NewTicket,
    pub files: Vec<StoredFile>,
}

/// A ticket with its visible conversation and attachments.
#[derive(Message)]
#[rtype(result = "Result<TicketDetail, TicketError>")]
pub struct GetTicket {
    pub user_id: Uuid,
    pub number: String,
}

/// Adds the user's comment; the ticket then awaits the MSP.
#[derive(Message)]
#[rtype(result = "Result<Uuid, TicketError>")]
pub struct AddComment {
    pub user_id: Uuid,
    pub number: String,
    pub body: String,
}

/// Edits one of the user's own comments.
#[derive(Message)]
#[rtype(result = "Result<(), TicketError>")]
pub struct EditComment {
    pub user_id: Uuid,
    pub number: String,
    pub comment_id: Uuid,
    pub body: String,
}

/// Closes (`open: false`) or reopens a ticket.
#[derive(Message)]
#[rtype(result = "Result<(), TicketError>")]
pub struct SetTicketOpen {
    pub user_id: Uuid,
    pub number: String,
    pub open: bool,
}

/// Records files already in the attachment store on a ticket.
#[derive(Message)]
#[rtype(result = "Result<(), TicketError>")]
pub struct AddAttachments {
    pub user_id: Uuid,
    pub number: String,
    pub files: Vec<StoredFile>,
}

/// One attachment the user may download.
#[derive(Message)]
#[rtype(result = "Result<AttachmentRecord, TicketError>")]
pub struct GetAttachment {
    pub user_id: Uuid,
    pub number: String,
    pub attachment_id: Uuid,
}

/// Stops the actor if it has been idle this long; yields whether it stopped.
#[derive(Message)]
#[rtype(result = "bool")]
pub struct StopIfIdle {
    pub idle_for: chrono::Duration,
}

// ---- the integration API -----------------------------------------------------------------

/// Creates or replaces a board under the PSA's id.
#[derive(Message)]
#[rtype(result = "Result<Upserted<BoardRecord>, SyncError>")]
pub struct SyncBoard {
    pub board_id: Uuid,
    pub board: BoardInput,
}

/// Creates or replaces a status of a board.
#[derive(Message)]
#[rtype(result = "Result<Upserted<StatusRecord>, SyncError>")]
pub struct SyncStatus {
    pub status_id: Uuid,
    pub status: StatusInput,
}

#[derive(Message)]
#[rtype(result = "Result<Upserted<PriorityRecord>, SyncError>")]
pub struct SyncPriority {
    pub priority_id: Uuid,
    pub priority: PriorityInput,
}

#[derive(Message)]
#[rtype(result = "Result<Upserted<CategoryRecord>, SyncError>")]
pub struct SyncCategory {
    pub category_id: Uuid,
    pub category: CategoryInput,
}

/// Creates or replaces a visibility group and its whole set of boards.
#[derive(Message)]
#[rtype(result = "Result<Upserted<VisibilityGroupRecord>, SyncError>")]
pub struct SyncVisibilityGroup {
    pub group_id: Uuid,
    pub group: VisibilityGroupInput,
}

/// Sets a contact's ticket scope and visibility group.
#[derive(Message)]
#[rtype(result = "Result<TicketAccessRecord, SyncError>")]
pub struct SyncTicketAccess {
    pub contact_id: Uuid,
    pub access: TicketAccessInput,
}

#[derive(Message)]
#[rtype(result = "Result<TicketAccessRecord, SyncError>")]
pub struct GetTicketAccess {
    pub contact_id: Uuid,
}

/// Creates or replaces a ticket under the PSA's id.
#[derive(Message)]
#[rtype(result = "Result<Upserted<SyncTicket>, SyncError>")]
pub struct SyncTicketUpsert {
    pub ticket_id: Uuid,
    pub ticket: TicketInput,
}

/// One page of the tickets changed since a time.
#[derive(Message)]
#[rtype(result = "Result<TicketFeed, SyncError>")]
pub struct TicketChanges {
    pub query: FeedQuery,
}

/// A ticket with every comment and attachment.
#[derive(Message)]
#[rtype(result = "Result<SyncTicketDetail, SyncError>")]
pub struct GetSyncedTicket {
    pub ticket_id: Uuid,
}

/// Whether the ticket exists (checked before a file is received for it).
#[derive(Message)]
#[rtype(result = "Result<bool, SyncError>")]
pub struct SyncedTicketExists {
    pub ticket_id: Uuid,
}

/// An MSP reply or internal note.
#[derive(Message)]
#[rtype(result = "Result<Upserted<SyncComment>, SyncError>")]
pub struct PostInternalComment {
    pub ticket_id: Uuid,
    pub comment: CommentInput,
}

/// Records a file the MSP uploaded, already in the attachment store.
#[derive(Message)]
#[rtype(result = "Result<SyncAttachment, SyncError>")]
pub struct RecordInternalAttachment {
    pub ticket_id: Uuid,
    pub file: StoredFile,
    pub client_visible: bool,
    pub uploaded_by: String,
}

/// Every board with its statuses.
#[derive(Message)]
#[rtype(result = "Result<Vec<BoardRecord>, SyncError>")]
pub struct ListSyncBoards;

#[derive(Message)]
#[rtype(result = "Result<Vec<PriorityRecord>, SyncError>")]
pub struct ListSyncPriorities;

#[derive(Message)]
#[rtype(result = "Result<Vec<CategoryRecord>, SyncError>")]
pub struct ListSyncCategories;

#[derive(Message)]
#[rtype(result = "Result<Vec<VisibilityGroupRecord>, SyncError>")]
pub struct ListVisibilityGroups;

// ---- the directory from the PSA (integration API) ----------------------------------------

/// Creates or replaces a client company under the PSA's id (checked against its `version`).
#[derive(Message)]
#[rtype(result = "Result<Written<ClientRecord>, SyncError>")]
pub struct SyncClient {
    pub client_id: Uuid,
    pub client: ClientInput,
}

/// A client company as the API shows it.
#[derive(Message)]
#[rtype(result = "Result<ClientRecord, SyncError>")]
pub struct GetClient {
    pub client_id: Uuid,
}

/// Creates or replaces a contact under the PSA's id (checked against its `version`).
#[derive(Message)]
#[rtype(result = "Result<Written<ContactRecord>, SyncError>")]
pub struct SyncContact {
    pub contact_id: Uuid,
    pub contact: ContactInput,
}

/// A contact as the API shows it.
#[derive(Message)]
#[rtype(result = "Result<ContactRecord, SyncError>")]
pub struct GetContact {
    pub contact_id: Uuid,
}

/// Up to `MAX_BATCH_ITEMS` client and contact upserts in one transaction, all or nothing.
#[derive(Message)]
#[rtype(result = "Result<BatchOutcome, SyncError>")]
pub struct SyncDirectoryBatch {
    pub items: Vec<BatchItem>,
}

// ---- the signed-in user's own security data ----------------------------------------------

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

// ---- company settings (client admins) ----------------------------------------------------

#[derive(Debug, thiserror::Error)]
pub enum CompanyError {
    /// Not a client admin (checked against the database, not the session's snapshot, so a
    /// demoted admin loses access at once).
    #[error("company settings are for client admins")]
    NotAdmin,
    #[error("company data unavailable")]
    Db(#[from] DbError),
}

/// The admin's company and its portal users.
#[derive(Debug, Clone)]
pub struct AdminCompany {
    pub client_id: Uuid,
    pub members: Vec<users::CompanyUser>,
}

/// Everything the company page shows.
#[derive(Debug, Clone)]
pub struct CompanySnapshot {
    pub company: AdminCompany,
    pub sessions: Vec<sessions::SessionSummary>,
    pub invitees: Vec<invitations::Invitee>,
    pub sign_ins: Vec<audit::SignInEvent>,
    /// Whether the company requires two-factor of everyone.
    pub requires_two_factor: bool,
    /// The company's details from the directory.
    pub details: crate::profile::CompanyProfile,
    /// Its billing address as stored (to fill the form's lines).
    pub billing_address: crate::directory::Address,
    /// Whether the MSP lets client admins edit them.
    pub editing_allowed: bool,
}

/// The signed-in user's company when they are its admin.
#[derive(Message)]
#[rtype(result = "Result<AdminCompany, CompanyError>")]
pub struct CompanyOfAdmin {
    pub user_id: Uuid,
}

/// The company page's data; sessions idle longer than `session_idle` are over.
#[derive(Message)]
#[rtype(result = "Result<CompanySnapshot, CompanyError>")]
pub struct CompanySettings {
    pub user_id: Uuid,
    pub session_idle: Duration,
}

/// The live sessions of the admin's company's users.
#[derive(Message)]
#[rtype(result = "Result<(AdminCompany, Vec<sessions::SessionSummary>), CompanyError>")]
pub struct CompanySessions {
    pub user_id: Uuid,
    pub session_idle: Duration,
}

// ---- the directory changes feed and portal access (integration API) -----------------------

/// A page of the directory changes feed, oldest first.
#[derive(Message)]
#[rtype(result = "Result<ChangesPage, SyncError>")]
pub struct DirectoryChanges {
    pub query: ChangesQuery,
}

/// A contact's portal access; `SyncError::NotFound` for no such contact.
#[derive(Message)]
#[rtype(result = "Result<PortalAccess, SyncError>")]
pub struct PortalAccessOf {
    pub contact_id: Uuid,
}

/// Creates or replaces one of the tenant's project statuses.
#[derive(Message)]
#[rtype(result = "Result<Upserted<ProjectStatusRecord>, SyncError>")]
pub struct SyncProjectStatus {
    pub status_id: Uuid,
    pub status: ProjectStatusInput,
}

/// Creates or replaces a project (and its client-portal visibility settings).
#[derive(Message)]
#[rtype(result = "Result<Upserted<ProjectRecord>, SyncError>")]
pub struct SyncProject {
    pub project_id: Uuid,
    pub project: ProjectInput,
}

/// A project as the API shows it.
#[derive(Message)]
#[rtype(result = "Result<ProjectRecord, SyncError>")]
pub struct GetSyncProject {
    pub project_id: Uuid,
}

/// Replaces a project's whole plan (phases, status mappings, tasks, dependencies).
#[derive(Message)]
#[rtype(result = "Result<PlanCounts, SyncError>")]
pub struct SyncProjectPlan {
    pub project_id: Uuid,
    pub plan: PlanInput,
}

/// A project's plan as stored.
#[derive(Message)]
#[rtype(result = "Result<PlanInput, SyncError>")]
pub struct GetProjectPlan {
    pub project_id: Uuid,
}
