//! The signed-in client's own profile: read it, and save it in one transaction — the contact's
//! fields, the reading preferences, and (when anything changed) a `profile_updated` change for
//! the PSA, which bumps the contact's `version`.

use actix::{Handler, Message, ResponseFuture};
use uuid::Uuid;

use super::TenantData;
use crate::db::DbError;
use crate::directory_changes::NewChange;
use crate::profile::{
    AccountOverview, ProfileInput, PREF_DATE_FORMAT, PREF_LOCALE, PREF_TIME_ZONE,
};
use crate::store::profile::ProfileRow;
use crate::store::{directory_changes, preferences, profile, your_data};

/// Why a profile could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// Not a client user with a contact (the page is for client users).
    #[error("no profile for this user")]
    NotFound,
    #[error("profile data unavailable")]
    Db(#[from] DbError),
}

/// The user's profile.
#[derive(Message)]
#[rtype(result = "Result<ProfileRow, ProfileError>")]
pub struct GetOwnProfile {
    pub user_id: Uuid,
}

/// The user's Account page.
#[derive(Message)]
#[rtype(result = "Result<AccountOverview, ProfileError>")]
pub struct GetOwnAccount {
    pub user_id: Uuid,
}

/// Everything the portal keeps about the user, for "Download my data".
#[derive(Message)]
#[rtype(result = "Result<YourData, ProfileError>")]
pub struct ExportOwnData {
    pub user_id: Uuid,
}

/// The user's data as downloaded (JSON).
#[derive(Debug, Clone, serde::Serialize)]
pub struct YourData {
    pub exported_at: chrono::DateTime<chrono::Utc>,
    pub profile: ExportedProfile,
    pub sessions: Vec<your_data::SessionRow>,
    pub sign_ins: Vec<your_data::SignInRow>,
    pub tickets_raised: Vec<your_data::TicketRow>,
    pub comments: Vec<your_data::CommentRow>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportedProfile {
    pub email: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub company: String,
    pub role: Option<&'static str>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub date_format: &'static str,
}

/// Saves the user's profile; answers with the fields that changed (none: nothing was written).
#[derive(Message)]
#[rtype(result = "Result<Vec<String>, ProfileError>")]
pub struct SaveOwnProfile {
    pub user_id: Uuid,
    pub input: ProfileInput,
}

impl Handler<GetOwnProfile> for TenantData {
    type Result = ResponseFuture<Result<ProfileRow, ProfileError>>;

    fn handle(&mut self, msg: GetOwnProfile, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            profile::get(core.db.exec(), core.tenant, msg.user_id)
                .await?
                .ok_or(ProfileError::NotFound)
        })
    }
}

impl Handler<GetOwnAccount> for TenantData {
    type Result = ResponseFuture<Result<AccountOverview, ProfileError>>;

    fn handle(&mut self, msg: GetOwnAccount, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let (db, tenant) = (&core.db, core.tenant);
            let row = profile::get(db.exec(), tenant, msg.user_id)
                .await?
                .ok_or(ProfileError::NotFound)?;
            let role = crate::store::users::portal_role_of(db, tenant, msg.user_id).await?;
            let mut permissions = crate::store::users::permissions(db, tenant, msg.user_id).await?;
            permissions.sort();
            Ok(AccountOverview {
                full_name: row.profile.full_name,
                email: row.email,
                role,
                permissions,
                company: profile::company(db.exec(), tenant, row.client_id).await?,
            })
        })
    }
}

impl Handler<ExportOwnData> for TenantData {
    type Result = ResponseFuture<Result<YourData, ProfileError>>;

    fn handle(&mut self, msg: ExportOwnData, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let (db, tenant, user_id) = (&core.db, core.tenant, msg.user_id);
            let row = profile::get(db.exec(), tenant, user_id)
                .await?
                .ok_or(ProfileError::NotFound)?;
            let role = crate::store::users::portal_role_of(db, tenant, user_id).await?;
            let company = profile::company(db.exec(), tenant, row.client_id).await?;
            let p = row.profile;
            Ok(YourData {
                exported_at: core.clock.now(),
                sessions: your_data::sessions(db.exec(), tenant, user_id).await?,
                sign_ins: your_data::sign_ins(db.exec(), tenant, user_id, &row.email).await?,
                tickets_raised: your_data::tickets(db.exec(), tenant, row.contact_id).await?,
                comments: your_data::comments(db.exec(), tenant, user_id).await?,
                profile: ExportedProfile {
                    email: row.email,
                    full_name: p.full_name,
                    phone: p.phone,
                    job_title: p.job_title,
                    company: company.name,
                    role: role.map(crate::model::PortalRole::as_str),
                    language: p.locale,
                    time_zone: p.time_zone,
                    date_format: p.date_format.as_str(),
                },
            })
        })
    }
}

impl Handler<SaveOwnProfile> for TenantData {
    type Result = ResponseFuture<Result<Vec<String>, ProfileError>>;

    fn handle(&mut self, msg: SaveOwnProfile, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let now = core.clock.now();
            let (tenant, user_id, next) = (core.tenant, msg.user_id, msg.input);
            let mut tx = core.db.begin().await?;
            let row = profile::get(tx.exec(), tenant, user_id)
                .await?
                .ok_or(ProfileError::NotFound)?;
            let changes = row.profile.changes_to(&next);
            if changes.is_empty() {
                return Ok(Vec::new());
            }
            let saved = next;
            profile::set_contact_fields(tx.exec(), tenant, row.contact_id, &saved, now).await?;
            let date_format = saved.date_format.as_str();
            let prefs = [
                (PREF_LOCALE, saved.locale.as_deref()),
                (PREF_TIME_ZONE, saved.time_zone.as_deref()),
                (
                    PREF_DATE_FORMAT,
                    Some(date_format).filter(|f| *f != "language"),
                ),
            ];
            for (key, value) in prefs {
                preferences::set(tx.exec(), tenant, user_id, key, value, now).await?;
            }
            let fields: Vec<String> = changes.keys().cloned().collect();
            let change = NewChange::profile_updated(row.contact_id, Some(user_id), changes, now);
            directory_changes::record(&mut tx, tenant, &change).await?;
            tx.commit().await?;
            Ok(fields)
        })
    }
}
