//! Two-factor authentication with TOTP: enrollment (a pending secret confirmed by a valid code,
//! then ten recovery codes shown once), verification (a code is accepted at most once, replays
//! are refused and recorded), and turning it off (password and a code). Secrets are sealed at
//! rest with the `SecretBox`, bound to their tenant and user. A pending secret lives 15 minutes
//! (and dies sooner with a new password or revoked sessions); recovery codes are stored as
//! HMAC-SHA-256 under a key derived from the encryption key.

use chrono::{DateTime, Duration, Utc};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

use crate::audit::{AuditRecord, Record};
use crate::auth::{check_throttle, record_failure, Refusal, SignInError};
use crate::credentials::VerifyPassword;
use crate::db::{DbError, Exec};
use crate::model::RequestOrigin;
use crate::services::Services;
use crate::store::{two_factor as store, users};
use crate::totp;

/// How long a pending secret (enrollment begun, not confirmed) may be resumed or confirmed.
pub const PENDING_SECRET_TTL_MINUTES: i64 = 15;

/// Which second factor was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Totp,
    RecoveryCode,
}

impl Factor {
    /// The `method` label and the session's sign-in method suffix.
    pub fn method(self) -> &'static str {
        match self {
            Factor::Totp => "totp",
            Factor::RecoveryCode => "recovery_code",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TwoFactorError {
    #[error("the code is not valid")]
    InvalidCode,
    #[error("the code was already used")]
    Replay,
    #[error("two-factor is not turned on")]
    NotEnabled,
    #[error("two-factor is already turned on")]
    AlreadyEnabled,
    #[error("no enrollment is in progress")]
    NoEnrollment,
    #[error("the password is not right")]
    BadPassword,
    /// Too many wrong passwords or codes lately (the sign-in throttle): refused before any
    /// secret was looked at.
    #[error("too many failed attempts")]
    Throttled { retry_after: chrono::Duration },
    #[error("two-factor store unavailable")]
    Store(#[from] DbError),
    #[error("two-factor secret unusable: {0}")]
    Secret(String),
    #[error("two-factor unavailable: {0}")]
    Unavailable(String),
}

impl TwoFactorError {
    /// The metrics/audit reason.
    pub fn reason(&self) -> &'static str {
        match self {
            TwoFactorError::InvalidCode => "invalid_code",
            TwoFactorError::Replay => "replay",
            TwoFactorError::NotEnabled => "not_enabled",
            TwoFactorError::AlreadyEnabled => "already_enabled",
            TwoFactorError::NoEnrollment => "no_enrollment",
            TwoFactorError::BadPassword => "bad_password",
            TwoFactorError::Throttled { .. } => "throttled",
            TwoFactorError::Store(_)
            | TwoFactorError::Secret(_)
            | TwoFactorError::Unavailable(_) => "error",
        }
    }

    /// Whether the user got something wrong (as opposed to the portal failing).
    pub fn is_refusal(&self) -> bool {
        self.reason() != "error"
    }

    /// Whether this is a wrong secret, counted as a failed sign-in by the throttle.
    pub fn counts_against_throttle(&self) -> bool {
        matches!(
            self,
            TwoFactorError::BadPassword | TwoFactorError::InvalidCode | TwoFactorError::Replay
        )
    }
}

/// Refuses with `Throttled` when the sign-in throttle's limits for this user (per account, per
/// (account, IP)) or this IP are reached.
pub async fn refuse_if_throttled(svc: &Services, who: &Subject) -> Result<(), TwoFactorError> {
    match check_throttle(svc, who.tenant, &who.email, who.origin.ip.as_deref()).await {
        Ok(()) => Ok(()),
        Err(SignInError::Refused(Refusal::Throttled { retry_after })) => {
            Err(TwoFactorError::Throttled { retry_after })
        }
        Err(e) => Err(TwoFactorError::Unavailable(e.to_string())),
    }
}

/// Runs `check` (a check of the user's password or codes) under the sign-in throttle: refused
/// before it starts once a limit is reached, so a throttled request costs no argon2 and no HMAC;
/// a wrong secret counts as one failed sign-in of the user from this IP.
pub async fn throttled<T>(
    svc: &Services,
    who: &Subject,
    check: impl std::future::Future<Output = Result<T, TwoFactorError>>,
) -> Result<T, TwoFactorError> {
    refuse_if_throttled(svc, who).await?;
    let result = check.await;
    if let Err(e) = &result {
        if e.counts_against_throttle() {
            record_failure(svc, who.tenant, &who.email, who.origin.ip.as_deref()).await;
        }
    }
    result
}

/// Whose two-factor this is, and from where they act.
#[derive(Debug, Clone)]
pub struct Subject {
    pub tenant: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub origin: RequestOrigin,
}

#[derive(Debug, Clone)]
pub struct TwoFactorStatus {
    pub enabled_at: Option<DateTime<Utc>>,
    pub recovery_codes_left: i64,
}

/// What an enrolling user is shown: the QR code's URL and the secret in text.
#[derive(Debug, Clone)]
pub struct Enrollment {
    pub secret_base32: String,
    pub otpauth_url: String,
}

/// Binds a sealed secret to its owner.
fn context(tenant: Uuid, user_id: Uuid) -> Vec<u8> {
    format!("totp:{tenant}:{user_id}").into_bytes()
}

fn unix_seconds(svc: &Services) -> u64 {
    u64::try_from(svc.clock.now().timestamp()).unwrap_or(0)
}

fn audit(svc: &Services, who: &Subject, event_type: &'static str, result: Result<(), &str>) {
    svc.audit.do_send(Record(AuditRecord {
        tenant: who.tenant,
        event_type,
        outcome: if result.is_ok() { "success" } else { "failure" },
        reason: result.err().map(str::to_owned),
        user_id: Some(who.user_id),
        email: Some(who.email.clone()),
        origin: who.origin.clone(),
        details: None,
    }));
}

/// Whether a pending secret made at `created_at` may still be resumed or confirmed at `now`.
fn pending_is_fresh(created_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    created_at
        .and_then(|made| made.checked_add_signed(Duration::minutes(PENDING_SECRET_TTL_MINUTES)))
        .is_some_and(|deadline| now < deadline)
}

/// Forgets the user's pending secret, if any (new password, sessions revoked): whoever saw it
/// cannot count on the user confirming that very secret later.
pub async fn drop_pending_secret(
    exec: Exec<'_>,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<bool, DbError> {
    store::drop_pending_secret(exec, tenant, user_id).await
}

/// The keyed hash a recovery code is stored as.
fn recovery_code_mac(svc: &Services, code: &str) -> Result<String, TwoFactorError> {
    let key = svc
        .secret_box
        .derive_key(totp::RECOVERY_CODE_KEY_PURPOSE)
        .map_err(|e| TwoFactorError::Secret(e.to_string()))?;
    totp::recovery_code_mac(key.expose_secret(), code)
        .map_err(|e| TwoFactorError::Secret(e.to_string()))
}

fn open(svc: &Services, who: &Subject, sealed: &str) -> Result<Vec<u8>, TwoFactorError> {
    svc.secret_box
        .open(sealed, &context(who.tenant, who.user_id))
        .map(|s| s.expose_secret().to_vec())
        .map_err(|e| TwoFactorError::Secret(e.to_string()))
}

pub async fn status(
    svc: &Services,
    tenant: Uuid,
    user_id: Uuid,
) -> Result<TwoFactorStatus, TwoFactorError> {
    let row = store::find(&svc.db, tenant, user_id).await?;
    let enabled_at = row
        .filter(|r| r.totp_secret.is_some())
        .and_then(|r| r.totp_enabled_at);
    let recovery_codes_left = match enabled_at {
        Some(_) => store::unused_recovery_codes(&svc.db, tenant, user_id).await?,
        None => 0,
    };
    Ok(TwoFactorStatus {
        enabled_at,
        recovery_codes_left,
    })
}

/// Starts (or, within 15 minutes, resumes) enrollment: a pending secret, kept sealed until a
/// code confirms it; an older one is replaced by a fresh one.
pub async fn begin_enrollment(
    svc: &Services,
    who: &Subject,
    issuer: &str,
) -> Result<Enrollment, TwoFactorError> {
    let row = store::find(&svc.db, who.tenant, who.user_id)
        .await?
        .ok_or(TwoFactorError::NoEnrollment)?;
    if row.totp_secret.is_some() {
        return Err(TwoFactorError::AlreadyEnabled);
    }
    let now = svc.clock.now();
    let resumed = row
        .totp_pending_secret
        .as_deref()
        .filter(|_| pending_is_fresh(row.totp_pending_created_at, now))
        .and_then(|sealed| open(svc, who, sealed).ok());
    let secret = match resumed {
        Some(secret) => secret,
        None => {
            let secret = totp::new_secret();
            let sealed = svc
                .secret_box
                .seal(&secret, &context(who.tenant, who.user_id))
                .map_err(|e| TwoFactorError::Secret(e.to_string()))?;
            store::set_pending_secret(&svc.db, who.tenant, who.user_id, &sealed, now).await?;
            secret
        }
    };
    let bad = |e: totp::TotpError| TwoFactorError::Secret(e.to_string());
    Ok(Enrollment {
        secret_base32: totp::secret_base32(&secret).map_err(bad)?,
        otpauth_url: totp::otpauth_url(&secret, issuer, &who.email).map_err(bad)?,
    })
}

/// Confirms enrollment from the Security page: refused while the user or the IP is throttled.
/// A mistyped code here is not counted: it is checked against the pending secret this very
/// session is shown, so guessing it proves nothing, and counting would let a user lock
/// themselves out of signing in while setting up.
pub async fn confirm_own_enrollment(
    svc: &Services,
    who: &Subject,
    code: &str,
) -> Result<Vec<String>, TwoFactorError> {
    if let Err(e) = refuse_if_throttled(svc, who).await {
        audit(svc, who, "two_factor_enrolled", Err(e.reason()));
        return Err(e);
    }
    confirm_enrollment(svc, who, code).await
}

/// Confirms enrollment with a valid code; returns the recovery codes, to be shown once.
/// Not throttled itself: the sign-in's enrollment step runs under `complete_second_factor`'s
/// throttle, the Security page's under `confirm_own_enrollment`.
pub async fn confirm_enrollment(
    svc: &Services,
    who: &Subject,
    code: &str,
) -> Result<Vec<String>, TwoFactorError> {
    let result = confirm(svc, who, code).await;
    if let Err(e) = &result {
        audit(svc, who, "two_factor_enrolled", Err(e.reason()));
    } else {
        audit(svc, who, "two_factor_enrolled", Ok(()));
    }
    result
}

async fn confirm(svc: &Services, who: &Subject, code: &str) -> Result<Vec<String>, TwoFactorError> {
    let row = store::find(&svc.db, who.tenant, who.user_id)
        .await?
        .ok_or(TwoFactorError::NoEnrollment)?;
    if row.totp_secret.is_some() {
        return Err(TwoFactorError::AlreadyEnabled);
    }
    let sealed = row
        .totp_pending_secret
        .filter(|_| pending_is_fresh(row.totp_pending_created_at, svc.clock.now()))
        .ok_or(TwoFactorError::NoEnrollment)?;
    let secret = open(svc, who, &sealed)?;
    let step = totp::matching_step(&secret, code, unix_seconds(svc))
        .map_err(|e| TwoFactorError::Secret(e.to_string()))?
        .ok_or(TwoFactorError::InvalidCode)?;
    let step = i64::try_from(step).map_err(|e| TwoFactorError::Secret(e.to_string()))?;
    let codes = totp::new_recovery_codes();
    let hashes = codes
        .iter()
        .map(|c| recovery_code_mac(svc, c))
        .collect::<Result<Vec<String>, _>>()?;
    let now = svc.clock.now();
    let mut tx = svc.db.begin().await?;
    if !store::enable(tx.exec(), who.tenant, who.user_id, &sealed, step, now).await? {
        return Err(TwoFactorError::NoEnrollment);
    }
    store::replace_recovery_codes(&mut tx, who.tenant, who.user_id, &hashes, now).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Checks a second factor: a TOTP code (each at most once) or an unused recovery code.
/// Not throttled itself: callers run it under `throttled` (or, at sign-in, the second step's
/// own check of the throttle).
pub async fn verify(svc: &Services, who: &Subject, code: &str) -> Result<Factor, TwoFactorError> {
    let result = check(svc, who, code).await;
    match &result {
        Ok(Factor::RecoveryCode) => audit(svc, who, "recovery_code_used", Ok(())),
        Ok(Factor::Totp) => {}
        Err(TwoFactorError::Replay) => audit(svc, who, "two_factor_replay", Err("replay")),
        Err(e) => audit(svc, who, "two_factor_failed", Err(e.reason())),
    }
    result
}

async fn check(svc: &Services, who: &Subject, code: &str) -> Result<Factor, TwoFactorError> {
    let row = store::find(&svc.db, who.tenant, who.user_id)
        .await?
        .ok_or(TwoFactorError::NotEnabled)?;
    let sealed = row.totp_secret.ok_or(TwoFactorError::NotEnabled)?;
    if let Some(recovery) = totp::normalize_recovery_code(code) {
        let now = svc.clock.now();
        // Keyed first; then the plain SHA-256 that codes issued before were stored as.
        for hash in [
            recovery_code_mac(svc, &recovery)?,
            totp::legacy_recovery_code_hash(&recovery),
        ] {
            if store::use_recovery_code(&svc.db, who.tenant, who.user_id, &hash, now).await? {
                return Ok(Factor::RecoveryCode);
            }
        }
        return Err(TwoFactorError::InvalidCode);
    }
    let secret = open(svc, who, &sealed)?;
    let step = totp::matching_step(&secret, code, unix_seconds(svc))
        .map_err(|e| TwoFactorError::Secret(e.to_string()))?
        .ok_or(TwoFactorError::InvalidCode)?;
    let step = i64::try_from(step).map_err(|e| TwoFactorError::Secret(e.to_string()))?;
    if store::accept_step(&svc.db, who.tenant, who.user_id, step).await? {
        Ok(Factor::Totp)
    } else {
        Err(TwoFactorError::Replay)
    }
}

/// Turns two-factor off; needs the password and a current code (or a recovery code), checked
/// under the sign-in throttle.
pub async fn disable(
    svc: &Services,
    who: &Subject,
    password: SecretString,
    code: &str,
) -> Result<(), TwoFactorError> {
    let result = turn_off(svc, who, password, code).await;
    audit(
        svc,
        who,
        "two_factor_disabled",
        result.as_ref().map(|_| ()).map_err(|e| e.reason()),
    );
    result
}

async fn turn_off(
    svc: &Services,
    who: &Subject,
    password: SecretString,
    code: &str,
) -> Result<(), TwoFactorError> {
    throttled(svc, who, async {
        check_password(svc, who, password).await?;
        verify(svc, who, code).await
    })
    .await?;
    let mut tx = svc.db.begin().await?;
    store::disable(tx.exec(), who.tenant, who.user_id).await?;
    store::delete_recovery_codes(tx.exec(), who.tenant, who.user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Verifies the user's current password (on the hashing threads). Not throttled itself:
/// callers run it under `throttled`.
pub async fn check_password(
    svc: &Services,
    who: &Subject,
    password: SecretString,
) -> Result<(), TwoFactorError> {
    let hash = users::find_login_user(&svc.db, who.tenant, who.user_id)
        .await?
        .and_then(|u| u.password_hash);
    let verification = svc
        .credentials
        .send(VerifyPassword { password, hash })
        .await
        .map_err(|e| TwoFactorError::Unavailable(e.to_string()))?
        .map_err(|e| TwoFactorError::Unavailable(e.to_string()))?;
    if verification.valid {
        Ok(())
    } else {
        Err(TwoFactorError::BadPassword)
    }
}
