//! Which contact an operator means when they invite by email instead of by id.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::model::{Email, EmailError};
use crate::store::invitations;

/// Why no single contact has the email.
#[derive(Debug, thiserror::Error)]
pub enum ContactError {
    #[error("not an email address")]
    InvalidEmail(#[from] EmailError),
    #[error("no contact of the tenant has this email")]
    UnknownContact,
    #[error("several contacts of the tenant have this email")]
    Ambiguous,
    #[error("contacts unavailable")]
    Db(#[from] DbError),
}

/// The one contact of the tenant with this email.
pub async fn find_contact_by_email(
    db: &Db,
    tenant: Uuid,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, ContactError> {
    let email = Email::parse(email)?;
    let found = invitations::find_by_email(db.exec(), tenant, &email, now).await?;
    match found.as_slice() {
        [one] => Ok(one.contact_id),
        [] => Err(ContactError::UnknownContact),
        _ => Err(ContactError::Ambiguous),
    }
}
