//! The second step of a sign-in: a pending sign-in (password right) completed with a TOTP code
//! or a recovery code, or with enrollment when the tenant requires two-factor. Wrong codes count
//! against the same throttle as wrong passwords.

use std::time::Instant;

use crate::audit::{AuditRecord, Record};
use crate::model::RequestOrigin;
use crate::store::{challenges, users};
use crate::tokens;
use crate::two_factor::{self, Factor, Subject, TwoFactorError};

use super::{
    check_throttle, finish, record_failure, session_user_of, ChallengeKind, HandoffTarget, Refusal,
    Services, SignInError, SignedIn, METHOD_PASSWORD,
};

/// A pending sign-in as its page shows it.
#[derive(Debug, Clone)]
pub struct OpenChallenge {
    pub tenant: uuid::Uuid,
    pub kind: ChallengeKind,
    pub subject: Subject,
    pub display_name: String,
    /// The vanity domain the sign-in continues on, when it hands over.
    pub handoff_domain: Option<String>,
}

/// Finds the pending sign-in a challenge cookie names, if it is still open.
pub async fn open_challenge(
    svc: &Services,
    token: &str,
    origin: &RequestOrigin,
) -> Result<Option<OpenChallenge>, SignInError> {
    if !tokens::is_well_formed(token) {
        return Ok(None);
    }
    let now = svc.clock.now();
    let Some(row) = challenges::find_open(&svc.db, &tokens::token_hash(token), now).await? else {
        return Ok(None);
    };
    let Some(kind) = ChallengeKind::parse(&row.kind) else {
        return Ok(None);
    };
    let Some(user) = users::find_login_user(&svc.db, row.tenant, row.user_id).await? else {
        return Ok(None);
    };
    Ok(Some(OpenChallenge {
        tenant: row.tenant,
        kind,
        display_name: session_user_of(&user).display_name(),
        handoff_domain: row.handoff_domain,
        subject: Subject {
            tenant: row.tenant,
            user_id: row.user_id,
            email: user.email,
            origin: origin.clone(),
        },
    }))
}

/// Why the second step did not sign the user in.
#[derive(Debug, thiserror::Error)]
pub enum SecondFactorError {
    #[error("the pending sign-in expired or was used")]
    Expired,
    #[error("second factor refused: {0}")]
    Refused(TwoFactorError),
    #[error(transparent)]
    SignIn(#[from] SignInError),
}

/// The second step done: how the user continues, and the recovery codes to show once when
/// this sign-in enrolled them.
#[derive(Debug)]
pub struct SecondFactorDone {
    pub signed_in: SignedIn,
    pub recovery_codes: Option<Vec<String>>,
    pub return_path: String,
}

/// Completes a pending sign-in with a code (or enrolls, under a tenant's policy); counts and
/// audits the outcome under the factor's method.
#[tracing::instrument(skip_all)]
pub async fn complete_second_factor(
    svc: &Services,
    challenge: &OpenChallenge,
    token: &str,
    code: &str,
) -> Result<SecondFactorDone, SecondFactorError> {
    let started = Instant::now();
    let who = &challenge.subject;
    let ip = who.origin.ip.as_deref();
    // Wrong codes count against the same limits as wrong passwords.
    let outcome = match check_throttle(svc, challenge.tenant, &who.email, ip).await {
        Ok(()) => second_step(svc, challenge, token, code).await,
        Err(e) => Err(SecondFactorError::SignIn(e)),
    };
    if let Err(SecondFactorError::Refused(TwoFactorError::InvalidCode | TwoFactorError::Replay)) =
        &outcome
    {
        record_failure(svc, challenge.tenant, &who.email, ip).await;
    }
    let method = match (&outcome, challenge.kind) {
        (Ok((_, Factor::RecoveryCode)), _) => Factor::RecoveryCode.method(),
        (Err(_), ChallengeKind::Verify) if totp_like(code).is_none() => {
            Factor::RecoveryCode.method()
        }
        _ => Factor::Totp.method(),
    };
    let reason = match &outcome {
        Ok(_) => None,
        Err(SecondFactorError::Expired) => Some("expired"),
        Err(SecondFactorError::Refused(e)) if e.is_refusal() => Some(e.reason()),
        Err(SecondFactorError::SignIn(SignInError::Refused(r))) => Some(r.reason()),
        Err(e) => {
            tracing::error!(error = ?e, "second factor failed unexpectedly");
            Some("error")
        }
    };
    svc.metrics
        .record_login(method, reason, started.elapsed().as_secs_f64());
    svc.audit.do_send(Record(AuditRecord {
        tenant: challenge.tenant,
        event_type: "sign_in",
        outcome: if reason.is_none() {
            "success"
        } else {
            "failure"
        },
        reason: reason.map(str::to_owned),
        user_id: Some(challenge.subject.user_id),
        email: Some(challenge.subject.email.clone()),
        origin: challenge.subject.origin.clone(),
        details: Some(format!("{{\"method\":\"{METHOD_PASSWORD}+{method}\"}}")),
    }));
    outcome.map(|(done, _)| done)
}

/// A six-digit code as typed, if the input looks like one (else it may be a recovery code).
fn totp_like(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == crate::totp::DIGITS && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(digits)
}

async fn second_step(
    svc: &Services,
    challenge: &OpenChallenge,
    token: &str,
    code: &str,
) -> Result<(SecondFactorDone, Factor), SecondFactorError> {
    let who = &challenge.subject;
    let (factor, recovery_codes) = match challenge.kind {
        ChallengeKind::Verify => (
            two_factor::verify(svc, who, code)
                .await
                .map_err(SecondFactorError::Refused)?,
            None,
        ),
        ChallengeKind::Enroll => (
            Factor::Totp,
            Some(
                two_factor::confirm_enrollment(svc, who, code)
                    .await
                    .map_err(SecondFactorError::Refused)?,
            ),
        ),
    };
    let now = svc.clock.now();
    let row = challenges::consume(&svc.db, &tokens::token_hash(token), now)
        .await
        .map_err(SignInError::from)?
        .ok_or(SecondFactorError::Expired)?;
    let user = users::find_login_user(&svc.db, row.tenant, row.user_id)
        .await
        .map_err(SignInError::from)?
        .ok_or(SecondFactorError::Expired)?;
    let inactive = user.is_inactive
        || user.contact_inactive.unwrap_or(false)
        || user.client_inactive.unwrap_or(false)
        || user.client_portal_enabled == Some(false);
    if inactive {
        return Err(SignInError::Refused(Refusal::Inactive).into());
    }
    let session_user = session_user_of(&user);
    let handoff = row.handoff_domain.clone().map(|domain| HandoffTarget {
        domain,
        return_path: row.return_path.clone(),
    });
    let method = format!("{}+{}", row.auth_method, factor.method());
    let via = finish(svc, &session_user, who.origin.clone(), &method, handoff).await?;
    Ok((
        SecondFactorDone {
            signed_in: SignedIn {
                via,
                user: session_user,
            },
            recovery_codes,
            return_path: row.return_path,
        },
        factor,
    ))
}
