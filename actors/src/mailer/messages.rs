//! The `Mailer` actor's messages and the types they carry: what a delivery run did, and why
//! the mailer failed.

use actix::Message;

use crate::db::DbError;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("outbox unavailable")]
    Db(#[from] DbError),
    #[error("mail.smtp_url is unusable: {0}")]
    SmtpUrl(String),
    #[error("mail.from `{0}` is not a mailbox")]
    From(String),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

/// What one delivery run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DeliveryReport {
    pub sent: u64,
    pub retry: u64,
    pub failed: u64,
    /// Messages another instance claimed first.
    pub skipped: u64,
}

/// Delivers what is due now, without waiting for the answer (sent after queueing an email).
#[derive(Message)]
#[rtype(result = "()")]
pub struct DeliverNow;

/// Delivers what is due now and reports what happened (admin endpoint).
#[derive(Message)]
#[rtype(result = "Result<DeliveryReport, MailerError>")]
pub struct DeliverDue;
