//! The directory's one write path: upserts of clients and contacts inside a transaction the
//! caller holds (a PUT's own, a batch's, the demo seed's), each checked against the stored
//! `version` and written only when something really changed, plus the API's reads.

use std::collections::HashSet;

use chrono::{DateTime, SubsecRound, Utc};
use uuid::Uuid;

use super::input::{ClientInput, ContactInput};
use super::{ClientRecord, ContactRecord, Effects, EmailChange, RoleSet, Written};
use crate::db::{Db, Tx};
use crate::sessions::RevokeReason;
use crate::store::outbox::{self, MailKind, OutboxMessage};
use crate::store::psa_directory as store;
use crate::store::sessions;
use crate::ticket_sync::{SyncError, Upserted};

/// How many times an upsert re-reads a record that changed between its read and its write.
const ATTEMPTS: usize = 3;

/// Refuses a `version` the record is not at: older is `stale_version`, newer was never issued.
fn check_version(sent: Option<i64>, stored: i64) -> Result<(), SyncError> {
    match sent {
        Some(v) if v < stored => Err(SyncError::StaleVersion { current: stored }),
        Some(v) if v > stored => Err(SyncError::invalid(
            "version",
            format!("newer than the record's version ({stored})"),
        )),
        _ => Ok(()),
    }
}

/// What a transaction has learned so far: the clients known to exist (a batch's contacts look
/// each up once), and whether the last client and contact written were new (while they are,
/// the next one is tried as an insert first, saving a read per record in a first sync).
#[derive(Debug, Default)]
pub struct KnownClients {
    clients: HashSet<Uuid>,
    new_clients: bool,
    new_contacts: bool,
}

impl KnownClients {
    /// For a batch: records are expected to be new until one is not.
    pub fn expecting_new() -> KnownClients {
        KnownClients {
            new_clients: true,
            new_contacts: true,
            ..KnownClients::default()
        }
    }

    async fn require(
        &mut self,
        tx: &mut Tx,
        tenant: Uuid,
        client_id: Uuid,
    ) -> Result<(), SyncError> {
        if self.clients.contains(&client_id) {
            return Ok(());
        }
        if !store::client_exists(tx.exec(), tenant, client_id).await? {
            return Err(SyncError::invalid("client_id", "unknown client"));
        }
        self.clients.insert(client_id);
        Ok(())
    }
}

/// Creates or replaces a client in `tx` (`put_client` runs it in its own).
pub async fn upsert_client(
    tx: &mut Tx,
    known: &mut KnownClients,
    tenant: Uuid,
    client_id: Uuid,
    input: &ClientInput,
    now: DateTime<Utc>,
) -> Result<Written<ClientRecord>, SyncError> {
    let new = &input.fields;
    // As stored (PostgreSQL keeps microseconds), so the answer equals a later GET.
    let now = now.trunc_subsecs(6);
    for attempt in 0..ATTEMPTS {
        let insert_first = attempt == 0 && known.new_clients;
        let row = if insert_first {
            None
        } else {
            store::find_client(tx.exec(), tenant, client_id, true).await?
        };
        let Some(row) = row else {
            if store::insert_client(tx.exec(), tenant, client_id, new, now).await? == 0 {
                known.new_clients = false;
                continue;
            }
            known.clients.insert(client_id);
            known.new_clients = true;
            let record = ClientRecord {
                client_id,
                fields: new.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            return Ok(written(record, true, Effects::default()));
        };
        known.new_clients = false;
        check_version(input.version, row.version)?;
        let old = row.record();
        known.clients.insert(client_id);
        if old.fields == *new {
            return Ok(written(old, false, Effects::default()));
        }
        if store::replace_client(tx.exec(), tenant, client_id, new, row.version, now).await? == 0 {
            continue;
        }
        let mut effects = Effects::default();
        let shut_out = (new.inactive && !old.fields.inactive)
            || (!new.portal_enabled && old.fields.portal_enabled);
        if shut_out {
            // Ended in this transaction (a failed answer and its retry cannot leave them live);
            // `settle` then drops this instance's cached copies.
            effects.sessions_ended = sessions::revoke_client_in(
                tx,
                tenant,
                client_id,
                RevokeReason::Deactivated.as_str(),
                now,
            )
            .await?;
            effects.end_client_sessions.push(client_id);
        }
        let record = ClientRecord {
            fields: new.clone(),
            version: row.version.saturating_add(1),
            updated_at: now,
            ..old
        };
        return Ok(written(record, false, effects));
    }
    Err(changed_meanwhile())
}

/// Creates or replaces a contact in `tx` (`put_contact` runs it in its own). An
/// email change reaches the contact's portal user: their sign-in email changes and both
/// addresses are mailed, in `tx`.
pub async fn upsert_contact(
    tx: &mut Tx,
    known: &mut KnownClients,
    tenant: Uuid,
    contact_id: Uuid,
    input: &ContactInput,
    now: DateTime<Utc>,
) -> Result<Written<ContactRecord>, SyncError> {
    let new = &input.fields;
    let now = now.trunc_subsecs(6);
    known.require(tx, tenant, new.client_id).await?;
    for attempt in 0..ATTEMPTS {
        let insert_first = attempt == 0 && known.new_contacts;
        let row = if insert_first {
            None
        } else {
            store::find_contact(tx.exec(), tenant, contact_id, true).await?
        };
        let Some(row) = row else {
            if store::insert_contact(tx.exec(), tenant, contact_id, new, now).await? == 0 {
                known.new_contacts = false;
                continue;
            }
            known.new_contacts = true;
            let record = ContactRecord {
                contact_id,
                fields: new.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            return Ok(written(record, true, Effects::default()));
        };
        known.new_contacts = false;
        check_version(input.version, row.version)?;
        let old = row.record();
        if old.fields == *new {
            return Ok(written(old, false, Effects::default()));
        }
        if store::replace_contact(tx.exec(), tenant, contact_id, new, row.version, now).await? == 0
        {
            continue;
        }
        let mut effects = Effects::default();
        if let (Some(user_id), Some(user_email)) = (row.user_id, row.user_email.as_deref()) {
            if old.fields.email != new.email && user_email != new.email {
                change_sign_in_email(tx, tenant, user_id, user_email, &new.email, now).await?;
                effects.email_changes.push(EmailChange {
                    user_id,
                    contact_id,
                    old: user_email.to_owned(),
                    new: new.email.clone(),
                });
            }
            if new.portal_role != old.fields.portal_role {
                let email = match effects.email_changes.last() {
                    Some(changed) => changed.new.clone(),
                    None => user_email.to_owned(),
                };
                effects.role_changes.push(RoleSet {
                    user_id,
                    contact_id,
                    client_id: new.client_id,
                    email,
                    old: old.fields.portal_role,
                    new: new.portal_role,
                });
            }
            if new.inactive && !old.fields.inactive {
                effects.sessions_ended = sessions::revoke_user_in(
                    tx,
                    tenant,
                    user_id,
                    RevokeReason::Deactivated.as_str(),
                    now,
                )
                .await?;
                effects.end_user_sessions.push(user_id);
            } else {
                // Role, name, company or email: sessions cache them, so they are read again.
                effects.refresh_user_sessions.push(user_id);
            }
        }
        let record = ContactRecord {
            fields: new.clone(),
            version: row.version.saturating_add(1),
            updated_at: now,
            ..old
        };
        return Ok(written(record, false, effects));
    }
    Err(changed_meanwhile())
}

/// Moves a portal user to a new sign-in email (refused when another client user has it) and
/// queues the notice to both addresses.
async fn change_sign_in_email(
    tx: &mut Tx,
    tenant: Uuid,
    user_id: Uuid,
    old: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<(), SyncError> {
    if store::client_email_taken(tx.exec(), tenant, new, user_id).await? {
        return Err(SyncError::EmailTaken);
    }
    match store::set_user_email(tx.exec(), tenant, user_id, new).await {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => return Err(SyncError::EmailTaken),
        Err(e) => return Err(e.into()),
    }
    let content = super::mail::email_changed(old, new);
    for recipient in [old, new] {
        let message = OutboxMessage {
            tenant,
            kind: MailKind::SignInEmailChanged,
            recipient: recipient.to_owned(),
            content: content.clone(),
        };
        outbox::enqueue(tx.exec(), &message, now).await?;
    }
    Ok(())
}

fn written<T>(record: T, created: bool, effects: Effects) -> Written<T> {
    Written {
        upserted: Upserted { record, created },
        effects,
    }
}

/// The record kept changing under this write (another writer won every time).
fn changed_meanwhile() -> SyncError {
    SyncError::invalid(
        "version",
        "the record kept changing meanwhile: send it again",
    )
}

/// `PUT /clients/{id}` in its own transaction.
pub async fn put_client(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
    input: &ClientInput,
    now: DateTime<Utc>,
) -> Result<Written<ClientRecord>, SyncError> {
    let mut tx = db.begin().await?;
    let mut known = KnownClients::default();
    let written = upsert_client(&mut tx, &mut known, tenant, client_id, input, now).await;
    settle_tx(tx, written).await
}

/// `PUT /contacts/{id}` in its own transaction.
pub async fn put_contact(
    db: &Db,
    tenant: Uuid,
    contact_id: Uuid,
    input: &ContactInput,
    now: DateTime<Utc>,
) -> Result<Written<ContactRecord>, SyncError> {
    let mut tx = db.begin().await?;
    let mut known = KnownClients::default();
    let written = upsert_contact(&mut tx, &mut known, tenant, contact_id, input, now).await;
    settle_tx(tx, written).await
}

/// Commits `tx` when the write succeeded, rolls it back when it was refused.
async fn settle_tx<T>(tx: Tx, written: Result<T, SyncError>) -> Result<T, SyncError> {
    match written {
        Ok(w) => {
            tx.commit().await?;
            Ok(w)
        }
        Err(e) => {
            tx.rollback().await?;
            Err(e)
        }
    }
}

/// The client as the API shows it; another tenant's is `NotFound` like a missing one.
pub async fn get_client(db: &Db, tenant: Uuid, client_id: Uuid) -> Result<ClientRecord, SyncError> {
    store::find_client(db.exec(), tenant, client_id, false)
        .await?
        .map(|row| row.record())
        .ok_or(SyncError::NotFound)
}

/// The contact as the API shows it; another tenant's is `NotFound` like a missing one.
pub async fn get_contact(
    db: &Db,
    tenant: Uuid,
    contact_id: Uuid,
) -> Result<ContactRecord, SyncError> {
    store::find_contact(db.exec(), tenant, contact_id, false)
        .await?
        .map(|row| row.record())
        .ok_or(SyncError::NotFound)
}
