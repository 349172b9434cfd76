//! `/client-portal/client-settings`: company settings for client admins — the company's portal
//! users, their live sessions (sign one out, or all of a user's) and recent sign-in events.
//! Every other user gets 403; every id posted back is checked against the admin's company.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::company_admin::{
    edit_company, set_company_two_factor, sign_out_company_member, sign_out_company_session,
    ClientAdmin, CompanyActionError,
};
use portal_actors::directory::input::parse_company_edit;
use portal_actors::directory::Address;
use portal_actors::invitations::{self, InvitationError, InviteRequest, Invited, Inviter};
use portal_actors::model::PortalRole;
use portal_actors::tenant_data::company::{
    AdminCompany, CompanySnapshot, CompanyUser, SessionSummary,
};
use portal_actors::tenant_data::{CompanyError, CompanyOfAdmin, CompanySettings, TenantData};
use portal_actors::ticket_sync::SyncError;
use portal_views::company::{
    self as views, CompanyNotice, CompanySessionItem, CompanyUserItem, CompanyView, MemberRole,
    SignInEventItem,
};
use portal_views::company_details::CompanyDetailsView;
use portal_views::layout::NavItem;
use portal_views::setup::InviteeItem;
use serde::Deserialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{request_origin, CspNonce, PortalUser};
use crate::http::render;

/// Sends a company-data message to the tenant's data actor; non-admins get 403.
pub(crate) async fn company<M, T>(
    state: &AppState,
    user: &PortalUser,
    msg: M,
) -> Result<T, PortalError>
where
    M: actix::Message<Result = Result<T, CompanyError>> + Send + 'static,
    T: Send + 'static,
    TenantData: actix::Handler<M>,
{
    crate::routes::tickets::tenant_data(state, user.tenant.id)
        .await?
        .send(msg)
        .await
        .map_err(PortalError::unavailable)?
        .map_err(|e| match e {
            CompanyError::NotAdmin => PortalError::Forbidden(e.to_string()),
            CompanyError::Db(e) => PortalError::unavailable(e),
        })
}

/// The client admin's company, or 403 for anyone else.
async fn admin_company(state: &AppState, user: &PortalUser) -> Result<AdminCompany, PortalError> {
    let user_id = user.session.record.user.user_id;
    company(state, user, CompanyOfAdmin { user_id }).await
}

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    count: Option<u64>,
    /// The address just invited.
    #[serde(default)]
    invited: Option<String>,
}

impl NoticeQuery {
    /// The notice a redirect after an action asks for.
    fn notice(&self) -> Option<CompanyNotice> {
        match self.done.as_deref() {
            Some("session") => Some(CompanyNotice::SessionEnded),
            Some("two-factor") => Some(CompanyNotice::TwoFactorSaved),
            Some("details") => Some(CompanyNotice::DetailsSaved),
            Some("details-unchanged") => Some(CompanyNotice::DetailsUnchanged),
            Some("user") => Some(CompanyNotice::UserSignedOut {
                count: self.count.unwrap_or(0),
            }),
            _ => None,
        }
    }
}

/// `GET /client-portal/client-settings`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_company(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PortalError> {
    company_page(&state, &user, &nonce.0, &query, None).await
}

/// The company page; `typed` (the details form as typed, with its refusals) answers 400.
async fn company_page(
    state: &AppState,
    user: &PortalUser,
    nonce: &str,
    query: &NoticeQuery,
    typed: Option<CompanyDetailsView>,
) -> Result<HttpResponse, PortalError> {
    let msg = CompanySettings {
        user_id: user.session.record.user.user_id,
        session_idle: state.session_idle,
    };
    let snapshot = company(state, user, msg).await?;
    let mut view = company_view(user, snapshot, query);
    let status = match typed {
        Some(details) => {
            view.details = details;
            StatusCode::BAD_REQUEST
        }
        None => StatusCode::OK,
    };
    Ok(render::page(
        status,
        Some(&user.tenant),
        nonce,
        Some(super::nav(state, user, NavItem::Company).await),
        |shell| views::page(shell, &view),
        views::title,
    ))
}

/// The company page's view model, from what the tenant's actor read.
fn company_view(user: &PortalUser, snapshot: CompanySnapshot, query: &NoticeQuery) -> CompanyView {
    let me = &user.session.record.user;
    let CompanySnapshot {
        company,
        sessions,
        invitees,
        sign_ins,
        requires_two_factor,
        details,
        billing_address,
        editing_allowed,
    } = snapshot;
    let members = company.members;
    CompanyView {
        requires_two_factor,
        details: CompanyDetailsView {
            editable: editing_allowed,
            phone: details.phone.unwrap_or_default(),
            email: details.email.unwrap_or_default(),
            website: details.website.unwrap_or_default(),
            address: address_lines(&billing_address),
            errors: Vec::new(),
        },
        company: me.client_name.clone().unwrap_or_default(),
        csrf_token: user.session.csrf_token.clone(),
        notice: query.notice(),
        users: user_items(&members, &sessions, me.user_id),
        sessions: session_items(&members, &sessions, &user.session.record.token_hash),
        events: sign_ins
            .into_iter()
            .map(|e| SignInEventItem {
                at: e.occurred_at,
                kind: e.event_type,
                email: e.email.unwrap_or_default(),
                outcome: e.outcome,
                ip: e.ip,
            })
            .collect(),
        // Only an address with a pending invitation is named in the notice.
        invited: query.invited.clone().filter(|email| {
            invitees
                .iter()
                .any(|i| &i.email == email && i.invitation_expires_at.is_some())
        }),
        invitees: invitees
            .into_iter()
            .filter(|i| i.can_be_invited())
            .map(|i| InviteeItem {
                contact_id: i.contact_id.to_string(),
                name: i.full_name,
                email: i.email,
                pending_until: i.invitation_expires_at,
            })
            .collect(),
    }
}

/// The company's portal users, with how many live sessions each has.
pub(crate) fn user_items(
    members: &[CompanyUser],
    sessions: &[SessionSummary],
    me: Uuid,
) -> Vec<CompanyUserItem> {
    members
        .iter()
        .map(|m| CompanyUserItem {
            user_id: m.user_id.to_string(),
            name: display_name(m),
            email: m.email.clone(),
            role: member_role(m.role()),
            inactive: m.is_inactive,
            two_factor: m.totp_enabled_at.is_some(),
            last_sign_in: m.last_login_at,
            active_sessions: sessions.iter().filter(|s| s.user_id == m.user_id).count(),
            is_you: m.user_id == me,
        })
        .collect()
}

/// The company's live sessions, named after their users; `current` is the admin's own.
fn session_items(
    members: &[CompanyUser],
    sessions: &[SessionSummary],
    current: &str,
) -> Vec<CompanySessionItem> {
    let name_of = |id: Uuid| {
        members
            .iter()
            .find(|m| m.user_id == id)
            .map(display_name)
            .unwrap_or_default()
    };
    sessions
        .iter()
        .map(|s| CompanySessionItem {
            id: s.token_hash.clone(),
            user_name: name_of(s.user_id),
            user_agent: s.user_agent.clone(),
            ip: s.ip.clone(),
            method: s.auth_method.clone(),
            last_seen_at: s.last_seen_at,
            is_current: s.token_hash == current,
        })
        .collect()
}

/// The pages' name for a portal role (users table, invitation page).
pub(crate) fn member_role(role: PortalRole) -> MemberRole {
    match role {
        PortalRole::Admin => MemberRole::Admin,
        PortalRole::Finance => MemberRole::Finance,
        PortalRole::User => MemberRole::User,
    }
}

fn display_name(m: &CompanyUser) -> String {
    let name = m.full_name.trim();
    if name.is_empty() {
        m.email.clone()
    } else {
        name.to_owned()
    }
}

/// The signed-in client admin, as the domain functions take them.
pub(crate) fn client_admin<'a>(req: &HttpRequest, user: &'a PortalUser) -> ClientAdmin<'a> {
    ClientAdmin {
        user: &user.session.record.user,
        origin: request_origin(req),
    }
}

/// What a refused or failed company action shows.
pub(crate) fn action_error(e: CompanyActionError) -> PortalError {
    match e {
        CompanyActionError::NotAdmin => PortalError::Forbidden(e.to_string()),
        CompanyActionError::NotFound => PortalError::NotFound,
        CompanyActionError::NotAllowed => PortalError::Forbidden(e.to_string()),
        e => PortalError::unavailable(e),
    }
}

#[derive(Deserialize)]
pub struct RevokeSessionForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    session: String,
}

/// `POST …/sessions/revoke`: signs one company session out.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn revoke_company_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<RevokeSessionForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let data = crate::routes::tickets::tenant_data(&state, user.tenant.id).await?;
    let admin = client_admin(&req, &user);
    sign_out_company_session(
        &state.services,
        &data,
        admin,
        &form.session,
        state.session_idle,
    )
    .await
    .map_err(action_error)?;
    let location = format!("{}?done=session", views::ACTION);
    Ok(render::see_other(&location))
}

#[derive(Deserialize)]
pub struct SignOutUserForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    user: String,
}

/// `POST …/users/sign-out`: signs a company user out everywhere.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn sign_out_company_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<SignOutUserForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let data = crate::routes::tickets::tenant_data(&state, user.tenant.id).await?;
    let admin = client_admin(&req, &user);
    let count = sign_out_company_member(&state.services, &data, admin, &form.user)
        .await
        .map_err(action_error)?;
    let location = format!("{}?done=user&count={count}", views::ACTION);
    Ok(render::see_other(&location))
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    contact: String,
}

/// `POST …/invitations`: invites a contact of the admin's own company (or sends a new link).
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn invite_contact(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let client_id = admin_company(&state, &user).await?.client_id;
    let Ok(contact_id) = Uuid::parse_str(form.contact.trim()) else {
        return Err(PortalError::NotFound);
    };
    let links =
        crate::routes::account_recovery::mail::TenantLinks::for_tenant(&state, &user.tenant)
            .await?;
    let render = crate::routes::setup::invitation_renderer(&user.tenant, &links)?;
    let request = invite_request(&req, &state, &user, client_id, contact_id);
    let invited = invitations::invite(&state.services, &state.mailer, request, render).await;
    invitation_answer(invited)
}

/// The invitation a client admin sends to one of their company's contacts.
fn invite_request(
    req: &HttpRequest,
    state: &AppState,
    user: &PortalUser,
    client_id: Uuid,
    contact_id: Uuid,
) -> InviteRequest {
    let me = &user.session.record.user;
    InviteRequest {
        tenant: user.tenant.clone(),
        contact_id,
        inviter: Inviter::ClientAdmin {
            user_id: me.user_id,
            client_id,
            name: me.display_name(),
        },
        ttl: state.invitation_ttl,
        origin: request_origin(req),
    }
}

/// Back to the page naming who was invited; a contact that cannot be invited is 404.
fn invitation_answer(
    invited: Result<Invited, InvitationError>,
) -> Result<HttpResponse, PortalError> {
    match invited {
        Ok(invited) => Ok(render::see_other(&format!(
            "{}?invited={}",
            views::ACTION,
            crate::http::redirect::encode_query_value(&invited.email)
        ))),
        Err(
            InvitationError::UnknownContact
            | InvitationError::AlreadyHasAccount
            | InvitationError::Inactive
            | InvitationError::EmailTaken,
        ) => Err(PortalError::NotFound),
        Err(e) => Err(PortalError::unavailable(e)),
    }
}

#[derive(Deserialize)]
pub struct TwoFactorForm {
    #[serde(default)]
    csrf_token: String,
    /// `on` when the box is ticked (an unticked box sends nothing).
    #[serde(default)]
    required: Option<String>,
}

/// `POST …/two-factor`: requires two-factor of everyone in the company, or stops requiring it.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn set_two_factor(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<TwoFactorForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let data = crate::routes::tickets::tenant_data(&state, user.tenant.id).await?;
    let required = form.required.as_deref() == Some("on");
    set_company_two_factor(&state.services, &data, client_admin(&req, &user), required)
        .await
        .map_err(action_error)?;
    Ok(render::see_other(&format!(
        "{}?done=two-factor",
        views::ACTION
    )))
}

/// The address's lines by form field name.
fn address_lines(a: &Address) -> Vec<(&'static str, String)> {
    let line = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        ("line1", line(&a.line1)),
        ("line2", line(&a.line2)),
        ("postal_code", line(&a.postal_code)),
        ("city", line(&a.city)),
        ("region", line(&a.region)),
        ("country", line(&a.country)),
    ]
}

/// `POST …/details`: the company's phone, email, website and billing address, when the MSP
/// lets client admins edit them (403 otherwise). Refused fields come back named with the form
/// as typed (400); nothing is saved.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn save_details(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, PortalError> {
    let form = form.into_inner();
    check_csrf(&user, form.get("csrf_token").map_or("", String::as_str))?;
    let edit = match parse_company_edit(details_body(&form)) {
        Ok(edit) => edit,
        Err(errors) => {
            let typed = typed_details(&form, &errors);
            let query = NoticeQuery::default();
            return company_page(&state, &user, &nonce.0, &query, Some(typed)).await;
        }
    };
    let data = crate::routes::tickets::tenant_data(&state, user.tenant.id).await?;
    let changed = edit_company(&state.services, &data, client_admin(&req, &user), &edit)
        .await
        .map_err(action_error)?;
    let done = if changed.is_empty() {
        "details-unchanged"
    } else {
        "details"
    };
    Ok(render::see_other(&format!("{}?done={done}", views::ACTION)))
}

/// The details form as the directory's validators read it (the address nested).
fn details_body(form: &HashMap<String, String>) -> serde_json::Value {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let mut address = serde_json::Map::new();
    for (line, _) in portal_views::company_details::ADDRESS_LINES {
        address.insert(
            line.to_owned(),
            field(&format!("billing_address.{line}")).into(),
        );
    }
    serde_json::json!({
        "phone": field("phone"), "email": field("email"), "website": field("website"),
        "billing_address": address,
    })
}

/// The details form as typed, with the fields the validators refused.
fn typed_details(form: &HashMap<String, String>, errors: &[SyncError]) -> CompanyDetailsView {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    CompanyDetailsView {
        editable: true,
        phone: field("phone"),
        email: field("email"),
        website: field("website"),
        address: portal_views::company_details::ADDRESS_LINES
            .iter()
            .map(|(line, _)| (*line, field(&format!("billing_address.{line}"))))
            .collect(),
        errors: errors
            .iter()
            .filter_map(|e| match e {
                SyncError::Invalid { field, .. } => Some(field.clone()),
                _ => None,
            })
            .collect(),
    }
}
