//! Messages of `TenantData`. None carries a tenant: the actor answers for the one it was
//! spawned for. Each carries the signed-in user, whose access the actor resolves itself.

use actix::Message;
use uuid::Uuid;

use crate::db::DbError;
use crate::supervision::ActorFault;
use crate::tickets::{
    AttachmentRecord, InputError, NewTicket, StoredFile, TicketDetail, TicketFilter,
    TicketFormOptions, TicketOverview, TicketPage,
};

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
