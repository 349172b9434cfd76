//! Sign-in through an OpenID Connect provider: the `Sso` actor verifies the callback, then the
//! identity (issuer, subject) is matched to a client user — by its link, else (first time) by a
//! verified email, else (just-in-time provisioning, when the tenant allows it) by creating the
//! user of an existing contact — and the sign-in continues as after a password: a second factor
//! unless the provider proved several (`amr`), then a session or a vanity-domain handoff.

use std::time::Instant;

use crate::mailbox::CountingAddr;
use uuid::Uuid;

use super::{continue_sign_in_with, HandoffTarget, Services, SignInError, SignedIn, SignedInVia};
use crate::audit::{AuditRecord, Record};
use crate::directory_changes::{Activation, NewChange};
use crate::invitations::portal_user;
use crate::model::{Email, RequestOrigin, UserType};
use crate::sso::{
    CompleteSignIn, FailedSignIn, FlowContext, ProviderAnswer, Sso, SsoFailure, VerifiedIdentity,
};
use crate::store::sso::{self as sso_store, IdentityRow};
use crate::store::users::{self, LoginUser};
use crate::store::{directory_changes, invitations};

pub const METHOD_OIDC: &str = "oidc";

/// A finished SSO sign-in and where it started.
#[derive(Debug)]
pub struct SsoSignedIn {
    pub signed_in: SignedIn,
    pub tenant: Uuid,
    pub return_path: String,
}

/// A refused or failed SSO sign-in, with its flow when the state matched one.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{failure}")]
pub struct SsoSignInFailure {
    pub flow: Option<FlowContext>,
    pub failure: SsoFailure,
}

/// Completes an SSO sign-in at the callback; counts and audits every outcome.
#[tracing::instrument(skip_all)]
pub async fn sso_sign_in(
    svc: &Services,
    sso: &CountingAddr<Sso>,
    state: String,
    bound_to_browser: bool,
    answer: ProviderAnswer,
    origin: RequestOrigin,
) -> Result<SsoSignedIn, SsoSignInFailure> {
    let started = Instant::now();
    let verified = if !bound_to_browser {
        // Not this browser's sign-in (no cookie, or another state): the flow stays untouched.
        Err(FailedSignIn {
            flow: crate::sso::refused_flow(&svc.db, &state).await,
            failure: SsoFailure::InvalidState,
        })
    } else {
        match sso.send(CompleteSignIn { state, answer }).await {
            Ok(result) => result,
            Err(e) => Err(FailedSignIn {
                flow: None,
                failure: SsoFailure::Unavailable(e.to_string()),
            }),
        }
    };
    let result = match verified {
        Ok(identity) => sign_in_identity(svc, &identity, origin.clone())
            .await
            .map(|signed_in| (identity, signed_in))
            .map_err(|(identity, failure)| (Some(identity), failure)),
        Err(failed) => Err((None, failed)),
    };
    let elapsed = started.elapsed().as_secs_f64();
    match result {
        Ok((identity, signed_in)) => {
            let flow = identity.flow.clone();
            let second_factor = matches!(signed_in.via, SignedInVia::SecondFactor(_));
            if second_factor {
                svc.metrics.record_second_factor_due(METHOD_OIDC, elapsed);
            } else {
                svc.metrics.record_login(METHOD_OIDC, None, elapsed);
            }
            audit(
                svc,
                flow.tenant,
                if second_factor {
                    "second_factor"
                } else {
                    "success"
                },
                None,
                Some(signed_in.user.user_id),
                Some(signed_in.user.email.clone()),
                origin,
                &flow.provider,
                Some(&identity),
            );
            Ok(SsoSignedIn {
                tenant: flow.tenant,
                return_path: flow.return_path,
                signed_in,
            })
        }
        Err((identity, failed)) => {
            let reason = failed.failure.reason();
            match &failed.failure {
                SsoFailure::Unavailable(_) | SsoFailure::ProviderUnreachable(_) => {
                    tracing::error!(error = %failed.failure, "SSO sign-in failed")
                }
                other => tracing::info!(reason, error = %other, "SSO sign-in refused"),
            }
            svc.metrics.record_login(METHOD_OIDC, Some(reason), elapsed);
            if let Some(flow) = &failed.flow {
                audit(
                    svc,
                    flow.tenant,
                    "failure",
                    Some(reason),
                    None,
                    identity.as_ref().and_then(|i| i.email.clone()),
                    origin,
                    &flow.provider,
                    identity.as_ref(),
                );
            }
            Err(SsoSignInFailure {
                flow: failed.flow,
                failure: failed.failure,
            })
        }
    }
}

/// A provider's display name, for the failure page (`None` when it is gone or unreadable).
pub async fn provider_display_name(svc: &Services, tenant: Uuid, provider: &str) -> Option<String> {
    sso_store::find_provider(&svc.db, tenant, provider)
        .await
        .ok()
        .flatten()
        .map(|p| p.display_name)
}

/// Counts and audits a sign-in that could not even start (provider unknown or unreachable).
pub fn record_sso_start_failure(
    svc: &Services,
    tenant: Uuid,
    provider: &str,
    failure: &SsoFailure,
    origin: RequestOrigin,
) {
    let reason = failure.reason();
    tracing::warn!(reason, error = %failure, "SSO sign-in could not start");
    svc.metrics.record_login(METHOD_OIDC, Some(reason), 0.0);
    audit(
        svc,
        tenant,
        "failure",
        Some(reason),
        None,
        None,
        origin,
        provider,
        None,
    );
}

#[allow(clippy::too_many_arguments)]
fn audit(
    svc: &Services,
    tenant: Uuid,
    outcome: &'static str,
    reason: Option<&str>,
    user_id: Option<Uuid>,
    email: Option<String>,
    origin: RequestOrigin,
    provider: &str,
    identity: Option<&VerifiedIdentity>,
) {
    let details = serde_json::json!({
        "method": METHOD_OIDC,
        "provider": provider,
        "issuer": identity.map(|i| i.issuer.as_str()),
        "subject": identity.map(|i| i.subject.as_str()),
        "amr": identity.map(|i| i.amr.clone()),
    });
    svc.audit.do_send(Record(AuditRecord {
        tenant,
        event_type: "sign_in",
        outcome,
        reason: reason.map(str::to_owned),
        user_id,
        email: email.map(|e| e.chars().take(254).collect()),
        origin,
        details: Some(details.to_string()),
    }));
}

type Refused = (VerifiedIdentity, FailedSignIn);

/// Matches the identity to a user and continues the sign-in.
async fn sign_in_identity(
    svc: &Services,
    identity: &VerifiedIdentity,
    origin: RequestOrigin,
) -> Result<SignedIn, Refused> {
    let refuse = |failure: SsoFailure| {
        (
            identity.clone(),
            FailedSignIn {
                flow: Some(identity.flow.clone()),
                failure,
            },
        )
    };
    let user = match_user(svc, identity, &origin).await.map_err(refuse)?;
    if user.is_inactive
        || user.contact_inactive.unwrap_or(false)
        || user.client_inactive.unwrap_or(false)
        || user.client_portal_enabled == Some(false)
    {
        return Err(refuse(SsoFailure::Inactive));
    }
    if user.user_type() != Some(UserType::Client) {
        return Err(refuse(SsoFailure::InternalUser));
    }
    let flow = &identity.flow;
    if user
        .password_changed_at
        .is_some_and(|changed| flow.started_at < changed)
    {
        // Begun before the password changed: a new password ends every sign-in in flight.
        return Err(refuse(SsoFailure::InvalidState));
    }
    let handoff = flow.handoff_domain.as_ref().map(|domain| HandoffTarget {
        domain: domain.clone(),
        return_path: flow.return_path.clone(),
    });
    continue_sign_in_with(
        svc,
        &user,
        origin,
        METHOD_OIDC,
        &flow.return_path,
        handoff,
        identity.multi_factor(),
    )
    .await
    .map_err(|e: SignInError| refuse(SsoFailure::Unavailable(e.to_string())))
}

/// The user this identity signs in as: its link, else a first-time link by verified email,
/// else a just-in-time user for an existing contact (when the tenant allows it).
async fn match_user(
    svc: &Services,
    identity: &VerifiedIdentity,
    origin: &RequestOrigin,
) -> Result<LoginUser, SsoFailure> {
    let tenant = identity.flow.tenant;
    let now = svc.clock.now();
    if !identity.provider.allowed_domains.is_empty() {
        let email = identity.email.as_deref().ok_or(SsoFailure::NoEmail)?;
        if !identity.email_verified {
            return Err(SsoFailure::UnverifiedEmail);
        }
        if !identity.provider.allows_email(email) {
            return Err(SsoFailure::DomainNotAllowed);
        }
    }
    if let Some(link) =
        sso_store::find_identity(&svc.db, tenant, &identity.issuer, &identity.subject).await?
    {
        let user = users::find_login_user(&svc.db, tenant, link.user_id)
            .await?
            .ok_or(SsoFailure::NoMatchingUser)?;
        let email = identity.email.as_deref().unwrap_or(&link.email);
        sso_store::touch_identity(
            &svc.db,
            tenant,
            &identity.issuer,
            &identity.subject,
            email,
            now,
        )
        .await?;
        return Ok(user);
    }
    // First sign-in with this identity: only a verified email may link it.
    let raw_email = identity.email.as_deref().ok_or(SsoFailure::NoEmail)?;
    if !identity.email_verified {
        return Err(SsoFailure::UnverifiedEmail);
    }
    let email = Email::parse(raw_email).map_err(|_| SsoFailure::NoEmail)?;
    let found = users::find_for_login(&svc.db, tenant, &email).await?;
    let user = match found
        .iter()
        .find(|u| u.user_type() == Some(UserType::Client))
    {
        Some(client) => client.clone(),
        None if found
            .iter()
            .any(|u| u.user_type() == Some(UserType::Internal)) =>
        {
            return Err(SsoFailure::InternalUser)
        }
        None => provision(svc, identity, &email, origin).await?,
    };
    if user.is_inactive
        || user.contact_inactive.unwrap_or(false)
        || user.client_inactive.unwrap_or(false)
        || user.client_portal_enabled == Some(false)
    {
        return Err(SsoFailure::Inactive);
    }
    let row = IdentityRow {
        tenant,
        issuer: identity.issuer.clone(),
        subject: identity.subject.clone(),
        user_id: user.user_id,
        provider: identity.flow.provider.clone(),
        email: email.as_str().to_owned(),
        linked_at: now,
        last_used_at: now,
    };
    if !sso_store::link_identity(svc.db.exec(), &row).await? {
        // A simultaneous first sign-in linked it: go by the link.
        let link = sso_store::find_identity(&svc.db, tenant, &identity.issuer, &identity.subject)
            .await?
            .ok_or(SsoFailure::NoMatchingUser)?;
        if link.user_id != user.user_id {
            return Err(SsoFailure::NoMatchingUser);
        }
    } else {
        svc.audit.do_send(Record(AuditRecord {
            tenant,
            event_type: "sso_identity_linked",
            outcome: "success",
            reason: None,
            user_id: Some(user.user_id),
            email: Some(email.as_str().to_owned()),
            origin: origin.clone(),
            details: Some(
                serde_json::json!({
                    "provider": identity.flow.provider,
                    "issuer": identity.issuer,
                    "subject": identity.subject,
                })
                .to_string(),
            ),
        }));
    }
    Ok(user)
}

/// Just-in-time provisioning: a client user (no password) for the tenant's one active contact
/// with this email that has no user yet. Refused unless the tenant enabled it.
async fn provision(
    svc: &Services,
    identity: &VerifiedIdentity,
    email: &Email,
    origin: &RequestOrigin,
) -> Result<LoginUser, SsoFailure> {
    let tenant = identity.flow.tenant;
    if !sso_store::options(&svc.db, tenant)
        .await?
        .sso_jit_provisioning
    {
        return Err(SsoFailure::NoMatchingUser);
    }
    let now = svc.clock.now();
    let contacts = invitations::find_by_email(svc.db.exec(), tenant, email, now).await?;
    let candidates: Vec<_> = contacts
        .iter()
        .filter(|c| c.user_id.is_none() && !c.contact_inactive && !c.client_inactive)
        .collect();
    // Two companies' contacts with one email: which company is ambiguous, so nobody is created.
    let [contact] = candidates.as_slice() else {
        return Err(SsoFailure::NoMatchingUser);
    };
    let mut tx = svc.db.begin().await?;
    let new = users::NewUser {
        email: email.clone(),
        user_type: UserType::Client,
        // The contact's name is the user's name.
        first_name: String::new(),
        last_name: String::new(),
        contact_id: Some(contact.contact_id),
        password_hash: None,
        is_inactive: false,
    };
    let user_id = match users::insert_user(tx.exec(), tenant, &new, now).await {
        Ok(id) => id,
        // Created meanwhile (an invitation accepted, a simultaneous sign-in): use that user.
        Err(e) if e.is_unique_violation() => {
            drop(tx);
            return users::find_for_login(&svc.db, tenant, email)
                .await?
                .into_iter()
                .find(|u| u.user_type() == Some(UserType::Client))
                .ok_or(SsoFailure::NoMatchingUser);
        }
        Err(e) => return Err(e.into()),
    };
    let activated = NewChange::user_activated(
        portal_user(contact, Some(user_id)),
        Activation::SingleSignOn,
        now,
    );
    directory_changes::record(&mut tx, tenant, &activated).await?;
    tx.commit().await?;
    svc.audit.do_send(Record(AuditRecord {
        tenant,
        event_type: "sso_user_provisioned",
        outcome: "success",
        reason: None,
        user_id: Some(user_id),
        email: Some(email.as_str().to_owned()),
        origin: origin.clone(),
        details: Some(
            serde_json::json!({
                "provider": identity.flow.provider,
                "contact_id": contact.contact_id,
                "client_id": contact.client_id,
            })
            .to_string(),
        ),
    }));
    users::find_login_user(&svc.db, tenant, user_id)
        .await?
        .ok_or(SsoFailure::NoMatchingUser)
}
