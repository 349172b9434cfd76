//! Notification choices: the profile's card (`POST /client-portal/profile/notifications`) and
//! the one-click unsubscribe link of every notification email
//! (`/notifications/unsubscribe/{token}`): a GET asks first (mail scanners open links), a POST
//! — the page's button, or the mail provider's RFC 8058 `List-Unsubscribe=One-Click` — turns
//! that one kind off for that one person, without signing in. Both are audited.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::model::{RequestOrigin, TenantInfo};
use portal_actors::notifications::{NotificationKind, Unsubscribe};
use portal_actors::tenant_data::{
    GetNotificationChoices, ProfileError, SaveNotificationChoices, TurnOffNotification,
};
use portal_views::notifications::{self as views, NotificationsCard, UnsubscribeView};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::{request_origin, CspNonce, PortalUser};
use crate::http::render;
use crate::http::tenant::PageTenant;
use crate::routes::account_recovery::mail::SIGN_IN_PATH;
use crate::routes::account_recovery::tenant_path;

/// The profile's card for `user` (`saved`: just saved).
pub async fn card(
    state: &AppState,
    user: &PortalUser,
    saved: bool,
) -> Result<NotificationsCard, PortalError> {
    let user_id = user.session.record.user.user_id;
    let offered = super::profile::ask(state, user, GetNotificationChoices { user_id }).await?;
    Ok(NotificationsCard {
        tenant_name: user.tenant.name.clone(),
        kinds: offered
            .into_iter()
            .map(|(k, on)| (k.as_str(), on))
            .collect(),
        saved,
    })
}

/// `POST /client-portal/profile/notifications`: the ticked kinds on, the others off.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn save_choices(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: PortalUser,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, form.get("csrf_token").map_or("", String::as_str))?;
    let on = NotificationKind::ALL
        .into_iter()
        .filter(|k| form.get(k.as_str()).is_some_and(|v| v == "on"))
        .collect();
    let who = &user.session.record.user;
    let save = SaveNotificationChoices {
        user_id: who.user_id,
        on,
    };
    let changed = super::profile::ask(&state, &user, save).await?;
    if !changed.is_empty() {
        let details: serde_json::Map<String, serde_json::Value> = changed
            .iter()
            .map(|(k, on)| (k.as_str().to_owned(), serde_json::Value::Bool(*on)))
            .collect();
        audit(
            &state,
            user.tenant.id,
            "notification_preferences_changed",
            (who.user_id, Some(&who.email)),
            request_origin(&req),
            serde_json::Value::Object(details),
        );
    }
    Ok(render::see_other(&format!(
        "{}?notifications=saved#notifications",
        portal_views::profile::PROFILE_PATH
    )))
}

fn audit(
    state: &AppState,
    tenant: uuid::Uuid,
    event_type: &'static str,
    (user_id, email): (uuid::Uuid, Option<&str>),
    origin: RequestOrigin,
    details: serde_json::Value,
) {
    state.services.audit.do_send(Record(AuditRecord {
        tenant,
        event_type,
        outcome: "success",
        user_id: Some(user_id),
        email: email.map(str::to_owned),
        origin,
        details: Some(details.to_string()),
        ..AuditRecord::default()
    }));
}

/// What the link names, when it is this portal's and for the tenant the request is for.
fn link(state: &AppState, page: &PageTenant, token: &str) -> Option<(TenantInfo, Unsubscribe)> {
    let verified = Unsubscribe::verify(&state.services.secret_box, token)?;
    let tenant = page.tenant.clone().filter(|t| t.id == verified.tenant)?;
    Some((tenant, verified))
}

fn respond(state_tenant: Option<&TenantInfo>, nonce: &str, v: &UnsubscribeView) -> HttpResponse {
    let status = match v {
        UnsubscribeView::Invalid { .. } => StatusCode::NOT_FOUND,
        _ => StatusCode::OK,
    };
    render::page(
        status,
        state_tenant,
        nonce,
        None,
        |shell| views::unsubscribe(shell, v),
        views::unsubscribe_title,
    )
}

fn label(kind: NotificationKind, tenant: &TenantInfo) -> String {
    match crate::routes::account_recovery::mail::locales() {
        Ok(locales) => views::kind_label(
            locales.translator(&tenant.default_locale),
            kind.as_str(),
            &tenant.name,
        ),
        Err(_) => kind.as_str().to_owned(),
    }
}

/// `GET /notifications/unsubscribe/{token}`: asks before turning the emails off.
pub async fn confirm_unsubscribe(
    state: web::Data<AppState>,
    req: HttpRequest,
    page: PageTenant,
    nonce: CspNonce,
    token: web::Path<String>,
) -> HttpResponse {
    let Some((tenant, verified)) = link(&state, &page, &token) else {
        let sign_in = tenant_path(SIGN_IN_PATH, page.tenant.as_ref());
        return respond(
            page.tenant.as_ref(),
            &nonce.0,
            &UnsubscribeView::Invalid { sign_in },
        );
    };
    let action = match req.query_string() {
        "" => req.path().to_owned(),
        query => format!("{}?{query}", req.path()),
    };
    let v = UnsubscribeView::Confirm {
        kind_label: label(verified.kind, &tenant),
        action,
    };
    respond(Some(&tenant), &nonce.0, &v)
}

/// Turns the link's kind off for its person, audited when it was on; `false` when the person
/// is gone (nothing to turn off).
async fn turn_off(
    state: &AppState,
    tenant: &TenantInfo,
    link: Unsubscribe,
    origin: RequestOrigin,
) -> Result<bool, PortalError> {
    let data = crate::routes::tickets::tenant_data(state, tenant.id).await?;
    let off = TurnOffNotification {
        user_id: link.user_id,
        kind: link.kind,
    };
    match data.send(off).await.map_err(PortalError::unavailable)? {
        Ok(was_on) => {
            if was_on {
                let details = serde_json::json!({ "kind": link.kind.as_str(), "via": "link" });
                let who = (link.user_id, None);
                audit(
                    state,
                    tenant.id,
                    "notification_unsubscribed",
                    who,
                    origin,
                    details,
                );
            }
            Ok(true)
        }
        Err(ProfileError::NotFound) => Ok(false),
        Err(e) => Err(PortalError::unavailable(e)),
    }
}

/// `POST /notifications/unsubscribe/{token}`: turns that kind off (idempotent).
pub async fn unsubscribe(
    state: web::Data<AppState>,
    req: HttpRequest,
    page: PageTenant,
    nonce: CspNonce,
    token: web::Path<String>,
) -> Result<HttpResponse, PortalError> {
    let sign_in = tenant_path(SIGN_IN_PATH, page.tenant.as_ref());
    let found = link(&state, &page, &token);
    let done = match &found {
        Some((tenant, verified)) => {
            turn_off(&state, tenant, *verified, request_origin(&req)).await?
        }
        None => false,
    };
    let v = match found.filter(|_| done) {
        Some((tenant, verified)) => {
            let kind_label = label(verified.kind, &tenant);
            let page = UnsubscribeView::Done {
                kind_label,
                sign_in,
            };
            return Ok(respond(Some(&tenant), &nonce.0, &page));
        }
        None => UnsubscribeView::Invalid { sign_in },
    };
    Ok(respond(page.tenant.as_ref(), &nonce.0, &v))
}
