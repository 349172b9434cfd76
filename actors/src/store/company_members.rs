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

/// Whether the tenant lets client admins edit their company's details.
pub async fn company_editing_allowed(exec: Exec<'_>, tenant: Uuid) -> Result<bool, DbError> {
    Ok(query_as!(
        exec,
        (bool,),
        fetch_optional,
        "SELECT clients_edit_company FROM tenant_settings WHERE tenant = $1",
        tenant
    )?
    .is_some_and(|(allowed,)| allowed))
}

/// The company's editable details as stored: (phone, email, website, billing address JSON).
pub async fn company_details(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
) -> Result<
    (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    DbError,
> {
    Ok(query_as!(
        exec,
        (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>
        ),
        fetch_one,
        "SELECT phone, email, website, billing_address FROM clients \
         WHERE tenant = $1 AND client_id = $2",
        tenant,
        client_id
    )?)
}

/// Writes the company's editable details (the version is bumped by the change record).
pub async fn set_company_details(
    exec: Exec<'_>,
    tenant: Uuid,
    client_id: Uuid,
    edit: &crate::directory::input::CompanyEdit,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    let address = edit
        .billing_address
        .as_ref()
        .and_then(|a| serde_json::to_string(a).ok());
    crate::execute!(
        exec,
        "UPDATE clients SET phone = $3, email = $4, website = $5, billing_address = $6, \
         updated_at = $7 WHERE tenant = $1 AND client_id = $2",
        tenant,
        client_id,
        edit.phone.as_deref(),
        edit.email.as_deref(),
        edit.website.as_deref(),
        address,
        now
    )?;
    Ok(())
}
