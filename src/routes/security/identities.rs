//! The single sign-on identities linked to the signed-in user: listed on the Security page,
//! removable one at a time (`…/identities/unlink`).

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::tenant_data::{OwnIdentities, UnlinkOwnIdentity};
use portal_actors::two_factor::Subject;
use portal_views::security::IdentityItem;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::PortalUser;

#[derive(Deserialize)]
pub struct UnlinkForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    subject: String,
}

/// The user's linked identities, named after their provider (its slug when it was removed).
pub async fn linked(state: &AppState, user: &PortalUser) -> Result<Vec<IdentityItem>, PortalError> {
    let user_id = user.session.record.user.user_id;
    let msg = OwnIdentities { user_id };
    let rows = crate::routes::tickets::ask_tenant_data(state, user.tenant.id, msg).await?;
    Ok(rows
        .into_iter()
        .map(|row| IdentityItem {
            provider_name: row.provider_name,
            email: row.email,
            linked_at: row.linked_at,
            last_used_at: row.last_used_at,
            issuer: row.issuer,
            subject: row.subject,
        })
        .collect())
}

/// Records the unlinking, naming the identity and that the user did it.
fn audit_unlink(state: &AppState, who: &Subject, form: &UnlinkForm) {
    state.services.audit.do_send(Record(AuditRecord {
        tenant: who.tenant,
        event_type: "sso_identity_unlinked",
        outcome: "success",
        user_id: Some(who.user_id),
        email: Some(who.email.clone()),
        origin: who.origin.clone(),
        details: Some(
            serde_json::json!({ "issuer": form.issuer, "subject": form.subject, "by": "user" })
                .to_string(),
        ),
        ..AuditRecord::default()
    }));
}

/// `POST …/identities/unlink`: removes one of the user's own linked identities.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn unlink_identity(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    form: web::Form<UnlinkForm>,
) -> Result<HttpResponse, PortalError> {
    check_csrf(&user, &form.csrf_token)?;
    let who = super::subject(&req, &user);
    let msg = UnlinkOwnIdentity {
        user_id: who.user_id,
        issuer: form.issuer.clone(),
        subject: form.subject.clone(),
    };
    let removed = crate::routes::tickets::ask_tenant_data(&state, user.tenant.id, msg).await?;
    if removed == 0 {
        // Not one of this user's identities: nothing to remove, nothing to reveal.
        return Err(PortalError::NotFound);
    }
    audit_unlink(&state, &who, &form);
    Ok(super::done("identity", None))
}
