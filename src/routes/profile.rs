//! `/client-portal/profile`: the user's name, phone and job title, and their language, time zone
//! and date format. A save writes all of it in one transaction with a `profile_updated` change
//! for the PSA, is audited, and makes every instance read the user's sessions again so the new
//! name and preferences show at once. A refused form comes back with each problem next to its
//! field and every field as typed; nothing is saved.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::deletion_request::{request_account_deletion, DeletionRequestError};
use portal_actors::own_profile::{self, SaveProfileError};
use portal_actors::profile::{FieldError, ProfileForm, ProfileInput};
use portal_actors::tenant_data::{ExportOwnData, GetOwnProfile, ProfileError};
use portal_views::i18n::{language_name, Locales};
use portal_views::layout::NavItem;
use portal_views::profile::{
    self as views, ProfileFieldError, ProfileNotice, ProfileValues, ProfileView,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{request_origin, CspNonce, PortalUser};
use crate::http::render;
use crate::routes::account_recovery::mail::{deletion_request_email, locales, TenantLinks};

#[derive(Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
    /// What the email card's last form did (`resent`, `cancelled`, `none`).
    #[serde(default)]
    email: Option<String>,
    /// `saved` after the notification choices were saved.
    #[serde(default)]
    notifications: Option<String>,
}

#[derive(Deserialize)]
pub struct ProfileFormBody {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    job_title: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    date_format: String,
}

impl ProfileFormBody {
    fn form(&self) -> ProfileForm {
        ProfileForm {
            full_name: self.full_name.clone(),
            phone: self.phone.clone(),
            job_title: self.job_title.clone(),
            locale: self.locale.clone(),
            time_zone: self.time_zone.clone(),
            date_format: self.date_format.clone(),
        }
    }
}

/// Sends a profile message to the tenant's data actor; no profile (not a client user with a
/// contact) is 404.
pub async fn ask<M, T>(state: &AppState, user: &PortalUser, msg: M) -> Result<T, PortalError>
where
    M: actix::Message<Result = Result<T, ProfileError>> + Send + 'static,
    T: Send + 'static,
    portal_actors::tenant_data::TenantData: actix::Handler<M>,
{
    crate::routes::tickets::tenant_data(state, user.tenant.id)
        .await?
        .send(msg)
        .await
        .map_err(PortalError::unavailable)?
        .map_err(|e| match e {
            ProfileError::NotFound => PortalError::NotFound,
            e => PortalError::unavailable(e),
        })
}

/// The form's values as stored.
fn stored_values(stored: &portal_actors::profile::StoredProfile) -> ProfileValues {
    ProfileValues {
        full_name: stored.full_name.clone(),
        phone: stored.phone.clone().unwrap_or_default(),
        job_title: stored.job_title.clone().unwrap_or_default(),
        locale: stored.locale.clone().unwrap_or_default(),
        time_zone: stored.time_zone.clone().unwrap_or_default(),
        date_format: stored.date_format.as_str().to_owned(),
    }
}

/// The page's view: the stored profile, or `typed` with its `errors` when a save was refused.
pub async fn view(
    state: &AppState,
    user: &PortalUser,
    typed: Option<(ProfileValues, Vec<ProfileFieldError>)>,
    notice: Option<ProfileNotice>,
) -> Result<ProfileView, PortalError> {
    let user_id = user.session.record.user.user_id;
    let row = ask(state, user, GetOwnProfile { user_id }).await?;
    let stored = &row.profile;
    let (values, errors) = typed.unwrap_or_else(|| (stored_values(stored), Vec::new()));
    let default_lang = user.tenant.default_locale.as_str();
    Ok(ProfileView {
        email_card: crate::routes::email_change::card(state, user).await?,
        values,
        errors,
        notice,
        csrf_token: user.session.csrf_token.clone(),
        languages: Locales::named(),
        default_language: language_name(default_lang)
            .unwrap_or(default_lang)
            .to_owned(),
        time_zones: chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect(),
        deletion_unconfirmed: false,
        notifications: crate::routes::notifications::card(state, user, false).await?,
        today: state
            .clock
            .now()
            .with_timezone(&render::reader(user).zone)
            .date_naive(),
    })
}

pub async fn respond(
    state: &AppState,
    user: &PortalUser,
    nonce: &str,
    status: StatusCode,
    v: &ProfileView,
) -> HttpResponse {
    render::page(
        status,
        Some(&user.tenant),
        nonce,
        Some(crate::routes::nav(state, user, NavItem::Profile).await),
        |shell| views::page(shell, v),
        views::title,
    )
}

/// `GET /client-portal/profile`.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_profile(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, PortalError> {
    let notice = match query.saved.as_deref() {
        Some("1") => Some(ProfileNotice::Saved),
        Some("0") => Some(ProfileNotice::Unchanged),
        Some("deletion") => Some(ProfileNotice::DeletionRequested),
        _ => None,
    };
    let mut v = view(&state, &user, None, notice).await?;
    v.email_card.notice = crate::routes::email_change::notice(query.email.as_deref());
    v.notifications.saved = query.notifications.as_deref() == Some("saved");
    Ok(respond(&state, &user, &nonce.0, StatusCode::OK, &v).await)
}

/// `POST /client-portal/profile`.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn save_profile(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: PortalUser,
    nonce: CspNonce,
    body: web::Form<ProfileFormBody>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &body.csrf_token)?;
    let form = body.form();
    let input = match ProfileInput::parse(&form, Locales::supported()) {
        Ok(input) => input,
        Err(errors) => {
            let v = view(&state, &user, Some(as_typed(form, errors)), None).await?;
            return Ok(respond(&state, &user, &nonce.0, StatusCode::BAD_REQUEST, &v).await);
        }
    };
    let data = crate::routes::tickets::tenant_data(&state, user.tenant.id).await?;
    let who = &user.session.record.user;
    let changed =
        own_profile::save_profile(&state.services, &data, who, input, request_origin(&req))
            .await
            .map_err(|e| match e {
                SaveProfileError::Profile(ProfileError::NotFound) => PortalError::NotFound,
                e => PortalError::unavailable(e),
            })?;
    let saved = if changed.is_empty() { "0" } else { "1" };
    Ok(render::see_other(&format!(
        "{}?saved={saved}",
        views::PROFILE_PATH
    )))
}

/// The form as typed and its refusals, for the page that names them.
fn as_typed(form: ProfileForm, errors: Vec<FieldError>) -> (ProfileValues, Vec<ProfileFieldError>) {
    let typed = ProfileValues {
        full_name: form.full_name,
        phone: form.phone,
        job_title: form.job_title,
        locale: form.locale,
        time_zone: form.time_zone,
        date_format: form.date_format,
    };
    let errors = errors
        .into_iter()
        .map(|e| ProfileFieldError {
            field: e.field,
            problem: e.problem,
        })
        .collect();
    (typed, errors)
}

/// `GET /client-portal/profile/data`: everything the portal keeps about the user, as a JSON
/// download (profile, sessions, sign-ins, tickets raised, comments); audited `data_exported`.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn download_data(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: PortalUser,
) -> Result<HttpResponse, PortalError> {
    let who = &user.session.record.user;
    let data = ask(
        &state,
        &user,
        ExportOwnData {
            user_id: who.user_id,
        },
    )
    .await?;
    let body = serde_json::to_vec_pretty(&data).map_err(PortalError::unavailable)?;
    state.services.audit.do_send(Record(AuditRecord {
        tenant: who.tenant,
        event_type: "data_exported",
        outcome: "success",
        user_id: Some(who.user_id),
        email: Some(who.email.clone()),
        origin: request_origin(&req),
        ..AuditRecord::default()
    }));
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/json; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"my-portal-data.json\"",
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Deserialize)]
pub struct DeletionForm {
    #[serde(default)]
    csrf_token: String,
    /// The "I understand" box: `on` when ticked.
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /client-portal/profile/delete-request`: asks the MSP to delete the account (a
/// `deletion_requested` change for the PSA, an email to the company's other admins, audited).
/// Without the confirmation ticked: the page again, 400, nothing sent.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn request_deletion(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: PortalUser,
    nonce: CspNonce,
    body: web::Form<DeletionForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &body.csrf_token)?;
    if body.confirm.as_deref() != Some("on") {
        let mut v = view(&state, &user, None, None).await?;
        v.deletion_unconfirmed = true;
        return Ok(respond(&state, &user, &nonce.0, StatusCode::BAD_REQUEST, &v).await);
    }
    let tenant = &user.tenant;
    let links = TenantLinks::for_tenant(&state, tenant).await?;
    let render = deletion_request_email(locales()?, tenant, &links);
    request_account_deletion(
        &state.services,
        &state.mailer,
        &user.session.record.user,
        &tenant.default_locale,
        request_origin(&req),
        render,
    )
    .await
    .map_err(|e| match e {
        DeletionRequestError::NotFound => PortalError::NotFound,
        e => PortalError::unavailable(e),
    })?;
    Ok(render::see_other(&format!(
        "{}?saved=deletion",
        views::PROFILE_PATH
    )))
}
