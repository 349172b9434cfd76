//! Operators' reads and settings of one tenant: found by id or slug, its two-factor rule, and
//! whether client admins may edit their company's details.

use uuid::Uuid;

use crate::db::{Db, DbError};
use crate::model::{Email, TenantInfo};
use crate::store::{tenants, two_factor};

/// The tenant with this id or slug, read fresh (operators see their own changes at once).
pub async fn find_tenant(db: &Db, key: &str) -> Result<Option<TenantInfo>, DbError> {
    tenants::find_by_key(db, key).await
}

/// Whether every client user of the tenant must use two-factor.
pub async fn two_factor_required(db: &Db, tenant: Uuid) -> Result<bool, DbError> {
    two_factor::tenant_requires(db, tenant).await
}

/// Sets the tenant's two-factor rule; users without it enroll at their next sign-in.
pub async fn require_two_factor(db: &Db, tenant: Uuid, required: bool) -> Result<(), DbError> {
    two_factor::set_tenant_requires(db, tenant, required).await?;
    Ok(())
}

/// Whether client admins may edit their company's details from company settings.
pub async fn company_editing_allowed(db: &Db, tenant: Uuid) -> Result<bool, DbError> {
    crate::store::company_members::company_editing_allowed(db.exec(), tenant).await
}

/// Allows (or stops) client admins editing their company's details.
pub async fn allow_company_editing(db: &Db, tenant: Uuid, allowed: bool) -> Result<(), DbError> {
    crate::execute!(
        db.exec(),
        "UPDATE tenant_settings SET clients_edit_company = $2 WHERE tenant = $1",
        tenant,
        allowed
    )?;
    Ok(())
}

/// The MSP's support address (the `Reply-To` of notification emails), if set.
pub async fn support_email(db: &Db, tenant: Uuid) -> Result<Option<String>, DbError> {
    Ok(crate::query_as!(
        db.exec(),
        (Option<String>,),
        fetch_optional,
        "SELECT support_email FROM tenant_settings WHERE tenant = $1",
        tenant
    )?
    .and_then(|(address,)| address))
}

/// Sets (or, with `None`, clears) the MSP's support address.
pub async fn set_support_email(
    db: &Db,
    tenant: Uuid,
    address: Option<&Email>,
) -> Result<(), DbError> {
    crate::execute!(
        db.exec(),
        "UPDATE tenant_settings SET support_email = $2 WHERE tenant = $1",
        tenant,
        address.map(Email::as_str)
    )?;
    Ok(())
}
