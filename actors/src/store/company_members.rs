//! What company settings read and lock when a client admin changes a member: the company's
//! row (held for the transaction), its other active admins, a member's active state.

use uuid::Uuid;

use crate::db::{DbError, Exec, Tx};
use crate::query_as;

/// Locks a client company's row until the transaction ends (PostgreSQL; SQLite's write
/// transactions are already exclusive), so that changes to its admins are made one at a time.
pub async fn lock_company(tx: &mut Tx, tenant: Uuid, client_id: Uuid) -> Result<(), DbError> {
    let exec = tx.exec();
    let sql = format!(
        "SELECT cl.client_id FROM clients cl WHERE cl.tenant = $1 AND cl.client_id = $2{}",
        crate::store::psa_directory::for_update(&exec, "cl")
    );
    query_as!(exec, (Uuid,), fetch_optional, &sql, tenant, client_id)?;
    Ok(())
}

/// How many active portal users of the company hold the Admin role, `user_id` left out.
pub async fn other_active_admins(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    user_id: Uuid,
) -> Result<i64, DbError> {
    let (n,): (i64,) = query_as!(
        exec,
        (i64,),
        fetch_one,
        "SELECT COUNT(*) FROM users u \
         JOIN contacts c ON c.tenant = u.tenant AND c.contact_id = u.contact_id \
         WHERE u.tenant = $1 AND c.client_id = $2 AND u.user_type = 'client' \
           AND u.is_inactive = $3 AND c.portal_role = 'admin' AND u.user_id <> $4",
        tenant,
        client_id,
        false,
        user_id
    )?;
    Ok(n)
}

/// Whether the user is deactivated (`false` for a user that does not exist).
pub async fn is_inactive(exec: Exec<'_>, tenant: Uuid, user_id: Uuid) -> Result<bool, DbError> {
    Ok(query_as!(
        exec,
        (bool,),
        fetch_optional,
        "SELECT is_inactive FROM users WHERE tenant = $1 AND user_id = $2",
        tenant,
        user_id
    )?
    .is_some_and(|(inactive,)| inactive))
}

/// Whether the company requires two-factor of all its portal users.
pub async fn requires_two_factor(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<bool, DbError> {
    Ok(query_as!(
        exec,
        (bool,),
        fetch_optional,
        "SELECT require_two_factor FROM clients WHERE tenant = $1 AND client_id = $2",
        tenant,
        client_id
    )?
    .is_some_and(|(required,)| required))
}

/// Sets whether the company requires two-factor; whether that changed anything.
pub async fn set_requires_two_factor(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    required: bool,
) -> Result<bool, DbError> {
    let n = crate::execute!(
        exec,
        "UPDATE clients SET require_two_factor = $3 \
         WHERE tenant = $1 AND client_id = $2 AND require_two_factor <> $3",
        tenant,
        client_id,
        required
    )?;
    Ok(n > 0)
}
