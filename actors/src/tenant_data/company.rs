//! Company settings data (client admins only): the company's portal users, their live
//! sessions, contacts that can be invited, and recent sign-in events — read through the
//! tenant's `TenantData` actor like every other tenant-scoped page.

use crate::clock::TimeArith;
use actix::{Handler, ResponseFuture};
use chrono::Duration;
use uuid::Uuid;

use super::TenantData;
use crate::store::{audit, invitations, sessions, users};

/// The rows the company page shows, named here so that routes never reach into `store`.
pub use crate::store::sessions::SessionSummary;
pub use crate::store::users::CompanyUser;

/// The company page's messages and what they answer (defined with the actor's other messages).
pub use super::messages::{
    AdminCompany, CompanyError, CompanyOfAdmin, CompanySessions, CompanySettings, CompanySnapshot,
};

/// The permission company settings are gated on (held by the Admin role).
pub const MANAGE_COMPANY: &str = "company:manage";

/// How many sign-in events the company page lists.
pub const RECENT_SIGN_INS: i64 = 50;

impl super::TenantCore {
    async fn admin_company(&self, user_id: Uuid) -> Result<AdminCompany, CompanyError> {
        let Some(client_id) = users::client_of(&self.db, self.tenant, user_id).await? else {
            return Err(CompanyError::NotAdmin);
        };
        let members = users::company_users(&self.db, self.tenant, client_id).await?;
        let active = members
            .iter()
            .any(|m| m.user_id == user_id && !m.is_inactive);
        let held = users::permissions(&self.db, self.tenant, user_id).await?;
        if !active || !held.iter().any(|p| p == MANAGE_COMPANY) {
            return Err(CompanyError::NotAdmin);
        }
        Ok(AdminCompany { client_id, members })
    }

    async fn company_sessions(
        &self,
        client_id: Uuid,
        idle: Duration,
    ) -> Result<Vec<sessions::SessionSummary>, CompanyError> {
        let now = self.clock.now();
        Ok(sessions::list_active_for_company(
            &self.db,
            self.tenant,
            client_id,
            now,
            now.minus(idle),
        )
        .await?)
    }

    async fn company_settings(
        &self,
        msg: CompanySettings,
    ) -> Result<CompanySnapshot, CompanyError> {
        let company = self.admin_company(msg.user_id).await?;
        let sessions = self
            .company_sessions(company.client_id, msg.session_idle)
            .await?;
        let invitees = invitations::of_company(
            self.db.exec(),
            self.tenant,
            company.client_id,
            self.clock.now(),
        )
        .await?;
        let sign_ins =
            audit::company_sign_ins(&self.db, self.tenant, company.client_id, RECENT_SIGN_INS)
                .await?;
        let requires_two_factor = crate::store::company_members::requires_two_factor(
            self.db.exec(),
            self.tenant,
            company.client_id,
        )
        .await?;
        let details =
            crate::store::profile::company(self.db.exec(), self.tenant, company.client_id).await?;
        let (_, _, _, address) = crate::store::company_members::company_details(
            self.db.exec(),
            self.tenant,
            company.client_id,
        )
        .await?;
        let editing_allowed =
            crate::store::company_members::company_editing_allowed(self.db.exec(), self.tenant)
                .await?;
        Ok(CompanySnapshot {
            company,
            sessions,
            invitees,
            sign_ins,
            requires_two_factor,
            details,
            billing_address: crate::directory::Address::from_stored(address.as_deref()),
            editing_allowed,
        })
    }
}

impl Handler<CompanyOfAdmin> for TenantData {
    type Result = ResponseFuture<Result<AdminCompany, CompanyError>>;

    /// The company of a client admin, or `NotAdmin`.
    fn handle(&mut self, msg: CompanyOfAdmin, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.admin_company(msg.user_id).await })
    }
}

impl Handler<CompanySettings> for TenantData {
    type Result = ResponseFuture<Result<CompanySnapshot, CompanyError>>;

    /// Users, sessions, invitable contacts and sign-ins of the admin's company.
    fn handle(&mut self, msg: CompanySettings, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.company_settings(msg).await })
    }
}

impl Handler<CompanySessions> for TenantData {
    type Result =
        ResponseFuture<Result<(AdminCompany, Vec<sessions::SessionSummary>), CompanyError>>;

    /// The admin's company and its users' live sessions.
    fn handle(&mut self, msg: CompanySessions, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let company = core.admin_company(msg.user_id).await?;
            let sessions = core
                .company_sessions(company.client_id, msg.session_idle)
                .await?;
            Ok((company, sessions))
        })
    }
}
