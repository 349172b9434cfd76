//! Password sign-in: look the user up, verify (against a dummy hash when unknown, so timing does
//! not tell), refuse internal and inactive users, create the session, audit and count it.

use crate::clock::TimeArith;
use std::time::Instant;

use secrecy::SecretString;
use uuid::Uuid;

use crate::audit::{AuditRecord, Record};
use crate::credentials::VerifyPassword;
use crate::db::DbError;
use crate::handoff::{HandoffError, IssueOtt, IssuedOtt};
use crate::login_throttle::{CheckSignIn, Decision, RecordSignInFailure};
use crate::model::{Email, RequestOrigin, SessionUser, TenantInfo, UserType};
use crate::sessions::{CreateSession, NewSession, SessionError};
use crate::store::challenges::{self, NewChallenge};
use crate::store::users::{self, LoginUser};
use crate::tokens;

pub(crate) use crate::services::Services;

mod handoff_exchange;
mod second_factor;
mod single_sign_on;

pub use handoff_exchange::{exchange_handoff, ExchangeError, ExchangeRequest, Exchanged};

pub use second_factor::{
    complete_second_factor, open_challenge, OpenChallenge, SecondFactorDone, SecondFactorError,
};
pub use single_sign_on::{
    provider_display_name, record_sso_start_failure, sso_sign_in, SsoSignInFailure, SsoSignedIn,
    METHOD_OIDC,
};

pub const METHOD_PASSWORD: &str = "password";

/// Why a sign-in was refused. Every variant but `InternalUser` and `Throttled` shows the user
/// the same message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    InvalidInput,
    UnknownUser,
    BadPassword,
    NoPassword,
    Inactive,
    InternalUser,
    /// Too many recent failures: refused before the password was looked at.
    Throttled {
        retry_after: chrono::Duration,
    },
}

impl Refusal {
    /// The `reason` label and audit reason.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::InvalidInput => "invalid_input",
            Refusal::UnknownUser => "unknown_user",
            Refusal::BadPassword => "bad_password",
            Refusal::NoPassword => "no_password",
            Refusal::Inactive => "inactive",
            Refusal::InternalUser => "internal_user",
            Refusal::Throttled { .. } => "throttled",
        }
    }

    /// Whether this refusal means wrong credentials, so it counts against the throttle limits.
    pub fn counts_as_failure(self) -> bool {
        match self {
            Refusal::InvalidInput
            | Refusal::UnknownUser
            | Refusal::BadPassword
            | Refusal::NoPassword
            | Refusal::Inactive => true,
            Refusal::InternalUser | Refusal::Throttled { .. } => false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("sign-in refused ({})", .0.reason())]
    Refused(Refusal),
    #[error("sign-in unavailable: user store")]
    Store(#[from] DbError),
    #[error("sign-in unavailable: sessions")]
    Session(#[from] SessionError),
    #[error("sign-in unavailable: handoff")]
    Handoff(#[from] HandoffError),
    #[error("sign-in unavailable: {0}")]
    Unavailable(String),
}

pub struct PasswordSignIn {
    pub tenant: TenantInfo,
    pub email: String,
    pub password: SecretString,
    pub origin: RequestOrigin,
    /// Where the user goes once signed in (on this host).
    pub return_path: String,
    /// Hand the user over to this vanity domain instead of starting a session here.
    pub handoff: Option<HandoffTarget>,
}

/// Where a sign-in on the canonical host continues.
#[derive(Debug, Clone)]
pub struct HandoffTarget {
    pub domain: String,
    pub return_path: String,
}

/// How the signed-in user continues: a session on this host, a transfer token, or (password
/// right, second factor due) a pending sign-in that is not a session.
#[derive(Debug)]
pub enum SignedInVia {
    Session(NewSession),
    Handoff {
        ott: IssuedOtt,
        target: HandoffTarget,
    },
    SecondFactor(PendingSecondFactor),
}

/// What the second step needs: enter a code, or enroll first (tenant policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeKind {
    Verify,
    Enroll,
}

impl ChallengeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeKind::Verify => "verify",
            ChallengeKind::Enroll => "enroll",
        }
    }

    fn parse(s: &str) -> Option<ChallengeKind> {
        match s {
            "verify" => Some(ChallengeKind::Verify),
            "enroll" => Some(ChallengeKind::Enroll),
            _ => None,
        }
    }
}

/// A pending sign-in: its token goes in a cookie scoped to the second-factor page.
#[derive(Debug, Clone)]
pub struct PendingSecondFactor {
    pub token: String,
    pub kind: ChallengeKind,
    pub max_age: chrono::Duration,
}

#[derive(Debug)]
pub struct SignedIn {
    pub via: SignedInVia,
    pub user: SessionUser,
}

/// Signs a client user in with email and password; counts and audits every outcome.
#[tracing::instrument(skip_all, fields(tenant = %req.tenant.slug))]
pub async fn password_sign_in(
    svc: &Services,
    req: PasswordSignIn,
) -> Result<SignedIn, SignInError> {
    let started = Instant::now();
    let tenant = req.tenant.id;
    let origin = req.origin.clone();
    let email_text = req.email.trim().to_lowercase();
    let result = attempt(svc, req).await;
    if let Err(SignInError::Refused(refusal)) = &result {
        if refusal.counts_as_failure() {
            record_failure(svc, tenant, &email_text, origin.ip.as_deref()).await;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    if let Ok(SignedIn {
        via: SignedInVia::SecondFactor(pending),
        user,
    }) = &result
    {
        svc.metrics
            .record_second_factor_due(METHOD_PASSWORD, elapsed);
        svc.audit.do_send(Record(AuditRecord {
            tenant,
            event_type: "sign_in",
            outcome: "second_factor",
            reason: Some(pending.kind.as_str().to_owned()),
            user_id: Some(user.user_id),
            email: Some(user.email.clone()),
            origin,
            details: Some(format!("{{\"method\":\"{METHOD_PASSWORD}\"}}")),
        }));
        return result;
    }
    let (reason, user_id) = match &result {
        Ok(signed_in) => (None, Some(signed_in.user.user_id)),
        Err(SignInError::Refused(refusal)) => (Some(refusal.reason()), None),
        Err(e) => {
            tracing::error!(error = ?e, "password sign-in failed unexpectedly");
            (Some("error"), None)
        }
    };
    svc.metrics.record_login(METHOD_PASSWORD, reason, elapsed);
    svc.audit.do_send(Record(AuditRecord {
        tenant,
        event_type: "sign_in",
        outcome: if reason.is_none() {
            "success"
        } else {
            "failure"
        },
        reason: reason.map(str::to_owned),
        user_id,
        email: Some(email_text.chars().take(254).collect()),
        origin,
        details: Some(format!("{{\"method\":\"{METHOD_PASSWORD}\"}}")),
    }));
    result
}

/// Counts one failed sign-in of `email` at `tenant` from `ip` against the throttle limits (a wrong
/// password, an unknown user, a wrong second-factor code, …). A store failure is logged: it
/// must not turn a refusal into an error page.
pub async fn record_failure(svc: &Services, tenant: Uuid, email: &str, ip: Option<&str>) {
    let msg = RecordSignInFailure {
        tenant,
        email: email.to_owned(),
        ip: ip.unwrap_or_default().to_owned(),
    };
    match svc.throttle.send(msg).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::error!(error = %e, "could not record a failed sign-in"),
        Err(e) => tracing::error!(error = %e, "could not record a failed sign-in"),
    }
}

/// Refuses with `Throttled` when the (tenant, email, IP), IP or account limit is reached.
pub async fn check_throttle(
    svc: &Services,
    tenant: Uuid,
    email: &str,
    ip: Option<&str>,
) -> Result<(), SignInError> {
    let decision = svc
        .throttle
        .send(CheckSignIn {
            tenant,
            email: email.to_owned(),
            ip: ip.unwrap_or_default().to_owned(),
        })
        .await
        .map_err(|e| SignInError::Unavailable(e.to_string()))?
        .map_err(|e| SignInError::Unavailable(e.to_string()))?;
    match decision {
        Decision::Allowed => Ok(()),
        Decision::Throttled { retry_after } => {
            Err(SignInError::Refused(Refusal::Throttled { retry_after }))
        }
    }
}

async fn verify(
    svc: &Services,
    password: SecretString,
    hash: Option<String>,
) -> Result<crate::credentials::Verification, SignInError> {
    svc.credentials
        .send(VerifyPassword { password, hash })
        .await
        .map_err(|e| SignInError::Unavailable(e.to_string()))?
        .map_err(|e| SignInError::Unavailable(e.to_string()))
}

async fn attempt(svc: &Services, req: PasswordSignIn) -> Result<SignedIn, SignInError> {
    check_throttle(svc, req.tenant.id, &req.email, req.origin.ip.as_deref()).await?;
    let Ok(email) = Email::parse(&req.email) else {
        verify(svc, req.password, None).await?;
        return Err(SignInError::Refused(Refusal::InvalidInput));
    };
    let found = users::find_for_login(&svc.db, req.tenant.id, &email).await?;
    let candidate: Option<LoginUser> = found
        .iter()
        .find(|u| u.user_type() == Some(UserType::Client))
        .or_else(|| {
            found
                .iter()
                .find(|u| u.user_type() == Some(UserType::Internal))
        })
        .cloned();
    let hash = candidate.as_ref().and_then(|u| u.password_hash.clone());
    let verification = verify(svc, req.password, hash).await?;
    let Some(user) = candidate else {
        return Err(SignInError::Refused(Refusal::UnknownUser));
    };
    if user.password_hash.is_none() {
        return Err(SignInError::Refused(Refusal::NoPassword));
    }
    if !verification.valid {
        return Err(SignInError::Refused(Refusal::BadPassword));
    }
    let inactive = user.is_inactive
        || user.contact_inactive.unwrap_or(false)
        || user.client_inactive.unwrap_or(false)
        || user.client_portal_enabled == Some(false);
    if inactive {
        return Err(SignInError::Refused(Refusal::Inactive));
    }
    let Some(UserType::Client) = user.user_type() else {
        return Err(SignInError::Refused(Refusal::InternalUser));
    };
    if let Some(rehash) = &verification.rehash {
        users::set_password_hash(&svc.db, user.tenant, user.user_id, rehash).await?;
    }
    let return_path = req
        .handoff
        .as_ref()
        .map_or(req.return_path.clone(), |h| h.return_path.clone());
    continue_sign_in(
        svc,
        &user,
        req.origin,
        METHOD_PASSWORD,
        &return_path,
        req.handoff,
    )
    .await
}

/// Continues a sign-in whose first factor is proven (a password, or one just set through an
/// invitation): a pending second-factor step when the user has two-factor or the tenant
/// requires it, else a session here or a transfer token.
pub async fn continue_sign_in(
    svc: &Services,
    user: &LoginUser,
    origin: RequestOrigin,
    auth_method: &str,
    return_path: &str,
    handoff: Option<HandoffTarget>,
) -> Result<SignedIn, SignInError> {
    continue_sign_in_with(svc, user, origin, auth_method, return_path, handoff, false).await
}

/// Signs in the user an invitation just created (`user_id`, password set): as after a
/// password, so two-factor enrollment comes first when the tenant requires it. `None` when
/// the user is not there.
pub async fn sign_in_after_setup(
    svc: &Services,
    tenant: Uuid,
    user_id: Uuid,
    origin: RequestOrigin,
    return_path: &str,
) -> Result<Option<SignedIn>, SignInError> {
    let Some(user) = users::find_login_user(&svc.db, tenant, user_id).await? else {
        return Ok(None);
    };
    continue_sign_in(svc, &user, origin, METHOD_PASSWORD, return_path, None)
        .await
        .map(Some)
}

/// `continue_sign_in`, skipping the second step when `multi_factor_proven` (an identity
/// provider that says the user passed more than one factor).
pub(crate) async fn continue_sign_in_with(
    svc: &Services,
    user: &LoginUser,
    origin: RequestOrigin,
    auth_method: &str,
    return_path: &str,
    handoff: Option<HandoffTarget>,
    multi_factor_proven: bool,
) -> Result<SignedIn, SignInError> {
    let session_user = session_user_of(user);
    let kind = if multi_factor_proven {
        None
    } else if user.totp_enabled_at.is_some() {
        Some(ChallengeKind::Verify)
    } else if user.client_requires_two_factor == Some(true)
        || crate::store::two_factor::tenant_requires(&svc.db, user.tenant).await?
    {
        Some(ChallengeKind::Enroll)
    } else {
        None
    };
    if let Some(kind) = kind {
        let token = tokens::random_token();
        let now = svc.clock.now();
        challenges::insert(
            &svc.db,
            &NewChallenge {
                tenant: user.tenant,
                token_hash: &tokens::token_hash(&token),
                user_id: user.user_id,
                kind: kind.as_str(),
                auth_method,
                return_path,
                handoff_domain: handoff.as_ref().map(|h| h.domain.as_str()),
                created_at: now,
                expires_at: now.plus(svc.second_factor_ttl),
            },
        )
        .await?;
        return Ok(SignedIn {
            via: SignedInVia::SecondFactor(PendingSecondFactor {
                token,
                kind,
                max_age: svc.second_factor_ttl,
            }),
            user: session_user,
        });
    }
    let via = finish(svc, &session_user, origin, auth_method, handoff).await?;
    Ok(SignedIn {
        via,
        user: session_user,
    })
}

pub(crate) fn session_user_of(user: &LoginUser) -> SessionUser {
    SessionUser {
        tenant: user.tenant,
        user_id: user.user_id,
        email: user.email.clone(),
        user_type: UserType::Client,
        full_name: user.full_name.clone(),
        client_id: user.client_id,
        client_name: user.client_name.clone(),
        role: user.role(),
        previous_login_at: user.last_login_at,
        prefs: user.prefs(),
    }
}

/// The last step of every sign-in: record it, then a session here or a transfer token.
pub(crate) async fn finish(
    svc: &Services,
    user: &SessionUser,
    origin: RequestOrigin,
    auth_method: &str,
    handoff: Option<HandoffTarget>,
) -> Result<SignedInVia, SignInError> {
    users::record_login(&svc.db, user.tenant, user.user_id, svc.clock.now()).await?;
    Ok(match handoff {
        Some(target) => {
            let ott = svc
                .handoff
                .send(IssueOtt {
                    user: user.clone(),
                    domain: target.domain.clone(),
                    return_path: target.return_path.clone(),
                    auth_method: auth_method.to_owned(),
                })
                .await
                .map_err(|e| SignInError::Unavailable(e.to_string()))??;
            SignedInVia::Handoff { ott, target }
        }
        None => SignedInVia::Session(
            svc.sessions
                .send(CreateSession {
                    user: user.clone(),
                    origin,
                    auth_method: auth_method.to_owned(),
                })
                .await
                .map_err(|e| SignInError::Unavailable(e.to_string()))??,
        ),
    })
}
