//! The `Credentials` actor's messages and the types they carry: what to hash or verify,
//! what a verification found, and why it failed.

use actix::Message;
use secrecy::SecretString;

use crate::password_policy::PolicyViolation;

#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("the password hasher failed unexpectedly")]
    Panicked,
}

/// Hashes a new password.
#[derive(Message)]
#[rtype(result = "Result<String, CredentialsError>")]
pub struct HashPassword(pub SecretString);

/// Checks a new password against the policy, then hashes it (both CPU work, both here).
#[derive(Message)]
#[rtype(result = "Result<String, NewPasswordError>")]
pub struct HashNewPassword {
    pub password: SecretString,
    pub email: String,
    pub names: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum NewPasswordError {
    #[error("password refused: {0}")]
    Policy(#[from] PolicyViolation),
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
}

/// Verifies a password against a stored hash, or against a dummy hash when there is none, so
/// that unknown users cost the same time as known ones.
#[derive(Message)]
#[rtype(result = "Result<Verification, CredentialsError>")]
pub struct VerifyPassword {
    pub password: SecretString,
    pub hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The password matched a real stored hash.
    pub valid: bool,
    /// A new hash when the stored one used other parameters (re-hash on login).
    pub rehash: Option<String>,
}
