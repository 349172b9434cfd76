//! `/client-portal/client-settings/users/{user}`: one portal user of the admin's company — change
//! their role, deactivate or reactivate them. Members of other companies and unknown ids are
//! 404; non-admins 403; the company's last active admin cannot be demoted or deactivated (409
//! with the reason on the page, nothing changed).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::account_recovery::request_password_reset;
use portal_actors::company_admin::{
    audit_reset_sent, change_member, member_of_company, CompanyActionError, MemberChange,
};
use portal_actors::model::PortalRole;
use portal_actors::tenant_data::CompanySettings;
use portal_views::company_member::{self as views, MemberError, MemberNotice, MemberView};
use portal_views::layout::NavItem;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;
use crate::routes::account_recovery::forgot::reset_request;
use crate::routes::account_recovery::mail::{locales, reset_email, TenantLinks};
use crate::routes::company::{action_error, client_admin, company, user_items};

#[derive(Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    role: String,
}

/// The member's page, with a notice or a refusal, answered with `status`.
async fn member_page(
    state: &AppState,
    user: &PortalUser,
    nonce: &str,
    member: &str,
    (notice, error, status): (Option<MemberNotice>, Option<MemberError>, StatusCode),
) -> Result<HttpResponse, PortalError> {
    let me = &user.session.record.user;
    let msg = CompanySettings {
        user_id: me.user_id,
        session_idle: state.session_idle,
    };
    let snapshot = company(state, user, msg).await?;
    let item = user_items(&snapshot.company.members, &snapshot.sessions, me.user_id)
        .into_iter()
        .find(|i| i.user_id == member)
        .ok_or(PortalError::NotFound)?;
    let v = MemberView {
        user_id: item.user_id,
        name: item.name,
        email: item.email,
        role: item.role,
        inactive: item.inactive,
        two_factor: item.two_factor,
        last_sign_in: item.last_sign_in,
        active_sessions: item.active_sessions,
        is_you: item.is_you,
        csrf_token: user.session.csrf_token.clone(),
        notice,
        error,
    };
    Ok(render::page(
        status,
        Some(&user.tenant),
        nonce,
        Some(crate::routes::nav(state, user, NavItem::Company).await),
        |shell| views::page(shell, &v),
        |_| views::title(&v),
    ))
}

/// `GET …/users/{user}`.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_member(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, PortalError> {
    let notice = match query.done.as_deref() {
        Some("role") => Some(MemberNotice::RoleChanged),
        Some("deactivated") => Some(MemberNotice::Deactivated),
        Some("reactivated") => Some(MemberNotice::Reactivated),
        Some("unchanged") => Some(MemberNotice::Unchanged),
        Some("reset") => Some(MemberNotice::ResetSent),
        _ => None,
    };
    let member = path.into_inner();
    member_page(
        &state,
        &user,
        &nonce.0,
        &member,
        (notice, None, StatusCode::OK),
    )
    .await
}

/// `POST …/users/{user}/{role|deactivate|reactivate}`.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn change(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<(String, String)>,
    form: web::Form<MemberForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let (member, action) = path.into_inner();
    if action == "password-reset" {
        return send_reset(&req, &state, &user, &nonce.0, &member).await;
    }
    let refused = |error, status| (None, Some(error), status);
    let (what, done) = match asked_change(&action, &form.role) {
        Ok(Some(change)) => change,
        Ok(None) => return Err(PortalError::NotFound),
        Err(error) => {
            let answer = refused(error, StatusCode::BAD_REQUEST);
            return member_page(&state, &user, &nonce.0, &member, answer).await;
        }
    };
    let data = crate::routes::tickets::tenant_data(&state, user.tenant.id).await?;
    let admin = client_admin(&req, &user);
    match change_member(&state.services, &data, admin, &member, what).await {
        Ok(changed) => Ok(after_change(&user, &member, what, changed, done)),
        Err(CompanyActionError::LastAdmin) => {
            let answer = refused(MemberError::LastAdmin, StatusCode::CONFLICT);
            member_page(&state, &user, &nonce.0, &member, answer).await
        }
        Err(CompanyActionError::Conflict) => {
            let answer = refused(MemberError::Conflict, StatusCode::CONFLICT);
            member_page(&state, &user, &nonce.0, &member, answer).await
        }
        Err(e) => Err(action_error(e)),
    }
}

/// Where the browser goes after a change: the member's page with its notice, or — the admin
/// having given up their own admin role — their account.
fn after_change(
    user: &PortalUser,
    member: &str,
    what: MemberChange,
    changed: bool,
    done: &str,
) -> HttpResponse {
    let me = user.session.record.user.user_id.to_string();
    if changed && member == me && what != MemberChange::Role(PortalRole::Admin) {
        return render::see_other(portal_views::account::ACCOUNT_PATH);
    }
    let done = if changed { done } else { "unchanged" };
    render::see_other(&format!("{}?done={done}", views::member_path(member)))
}

/// Emails the member a password reset link (as if they had asked for it themselves), audited
/// as sent by the admin; a deactivated member gets none (reactivate first).
async fn send_reset(
    req: &HttpRequest,
    state: &AppState,
    user: &PortalUser,
    nonce: &str,
    member: &str,
) -> Result<HttpResponse, PortalError> {
    let data = crate::routes::tickets::tenant_data(state, user.tenant.id).await?;
    let admin = client_admin(req, user);
    let target = member_of_company(&data, &admin, member)
        .await
        .map_err(action_error)?;
    if target.is_inactive {
        let answer = (None, Some(MemberError::Inactive), StatusCode::CONFLICT);
        return member_page(state, user, nonce, member, answer).await;
    }
    let tenant = &user.tenant;
    let links = TenantLinks::for_tenant(state, tenant).await?;
    let render = reset_email(locales()?, tenant, &links);
    let request = reset_request(state, tenant, target.email.clone(), admin.origin.clone());
    request_password_reset(&state.services, &state.mailer, request, render)
        .await
        .map_err(PortalError::unavailable)?;
    audit_reset_sent(&state.services, &admin, &target);
    let location = format!("{}?done=reset", views::member_path(member));
    Ok(render::see_other(&location))
}

/// The change a member action's path and form ask for, with the notice it leads to; `None` for
/// an unknown action; a refusal for a role that does not exist.
fn asked_change(
    action: &str,
    role: &str,
) -> Result<Option<(MemberChange, &'static str)>, MemberError> {
    Ok(Some(match action {
        "role" => match PortalRole::parse(role.trim()) {
            Some(role) => (MemberChange::Role(role), "role"),
            None => return Err(MemberError::BadRole),
        },
        "deactivate" => (MemberChange::Deactivate, "deactivated"),
        "reactivate" => (MemberChange::Reactivate, "reactivated"),
        _ => return Ok(None),
    }))
}
