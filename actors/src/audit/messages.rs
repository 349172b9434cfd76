//! The `Audit` actor's messages and the types they carry: the event to record, and why a
//! write failed.

use actix::Message;
use uuid::Uuid;

use crate::db::DbError;
use crate::model::RequestOrigin;
use crate::store::audit::AuditEvent;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("audit store unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// An event to record; the actor stamps the id and time.
#[derive(Debug, Clone, Default)]
pub struct AuditRecord {
    pub tenant: Uuid,
    pub event_type: &'static str,
    pub outcome: &'static str,
    pub reason: Option<String>,
    pub user_id: Option<Uuid>,
    pub email: Option<String>,
    pub origin: RequestOrigin,
    pub details: Option<String>,
}

impl AuditRecord {
    /// The stored event, stamped with an id and `now` (the actor's batches and direct writes).
    pub fn into_event(self, now: chrono::DateTime<chrono::Utc>) -> AuditEvent {
        AuditEvent {
            tenant: self.tenant,
            event_id: Uuid::new_v4(),
            occurred_at: now,
            event_type: self.event_type.to_owned(),
            outcome: self.outcome.to_owned(),
            reason: self.reason,
            user_id: self.user_id,
            email: self.email,
            ip: self.origin.ip,
            user_agent: self.origin.user_agent,
            details: self.details,
        }
    }
}

#[derive(Message)]
#[rtype(result = "()")]
pub struct Record(pub AuditRecord);

/// Writes what is buffered now; returns how many events were written.
#[derive(Message)]
#[rtype(result = "Result<usize, AuditError>")]
pub struct FlushAudit;

#[derive(Message)]
#[rtype(result = "()")]
pub(super) struct Requeue(pub(super) Vec<AuditEvent>);
