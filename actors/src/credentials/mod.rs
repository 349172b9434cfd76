//! `Credentials`: argon2id hashing and verification on a `SyncArbiter` (one thread per core),
//! so the CPU-heavy work never runs on the async runtime.

mod messages;

pub use messages::*;

use std::sync::Arc;

use actix::{Actor, Handler, SyncArbiter, SyncContext};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::ExposeSecret;

use crate::mailbox::CountingAddr;
use crate::password_policy::{self, PasswordContext};
use crate::registry::ActorRegistry;

pub const ACTOR_NAME: &str = "credentials";

/// OWASP's argon2id parameters: 19 MiB, two passes, one lane.
pub const ARGON2_MEMORY_KIB: u32 = 19_456;
pub const ARGON2_ITERATIONS: u32 = 2;
pub const ARGON2_PARALLELISM: u32 = 1;

pub struct Credentials {
    params: Params,
    dummy_hash: Arc<str>,
    registry: ActorRegistry,
}

/// The argon2id parameters the portal hashes with.
pub fn current_params() -> Result<Params, CredentialsError> {
    Params::new(
        ARGON2_MEMORY_KIB,
        ARGON2_ITERATIONS,
        ARGON2_PARALLELISM,
        None,
    )
    .map_err(|e| CredentialsError::Hash(e.to_string()))
}

fn hasher(params: &Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
}

/// Hashes with the given parameters (also used by the CLI and seeding, off the actor).
pub fn hash_with(params: &Params, password: &str) -> Result<String, CredentialsError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher(params)
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CredentialsError::Hash(e.to_string()))
}

fn needs_rehash(hash: &PasswordHash<'_>, params: &Params) -> bool {
    let Ok(stored) = Params::try_from(hash) else {
        return true;
    };
    hash.algorithm != argon2::ARGON2ID_IDENT
        || hash.version != Some(Version::V0x13 as u32)
        || stored.m_cost() != params.m_cost()
        || stored.t_cost() != params.t_cost()
        || stored.p_cost() != params.p_cost()
}

impl Credentials {
    /// Starts `threads` hashers; the dummy hash is made once for all of them.
    pub fn start(
        threads: usize,
        registry: ActorRegistry,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<CountingAddr<Credentials>, CredentialsError> {
        let params = current_params()?;
        let dummy: Arc<str> = hash_with(&params, &crate::tokens::random_token())?.into();
        registry.started(ACTOR_NAME, now);
        let depth = registry.clone();
        let addr = SyncArbiter::start(threads.max(1), move || Credentials {
            params: params.clone(),
            dummy_hash: dummy.clone(),
            registry: registry.clone(),
        });
        Ok(CountingAddr::new(ACTOR_NAME, addr, &depth))
    }

    fn verify(&self, password: &str, hash: Option<&str>) -> Result<Verification, CredentialsError> {
        let Some(stored) = hash else {
            // Same work as a real check, and never a match.
            if let Ok(dummy) = PasswordHash::new(&self.dummy_hash) {
                let _ = hasher(&self.params).verify_password(password.as_bytes(), &dummy);
            }
            return Ok(Verification {
                valid: false,
                rehash: None,
            });
        };
        let parsed = match PasswordHash::new(stored) {
            Ok(parsed) => parsed,
            Err(_) => {
                // A corrupt stored hash must not be distinguishable by timing either.
                return self.verify(password, None);
            }
        };
        let params = Params::try_from(&parsed).unwrap_or_else(|_| self.params.clone());
        let valid = hasher(&params)
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        let rehash = if valid && needs_rehash(&parsed, &self.params) {
            Some(hash_with(&self.params, password)?)
        } else {
            None
        };
        Ok(Verification { valid, rehash })
    }
}

impl Actor for Credentials {
    type Context = SyncContext<Self>;
}

crate::counted_mailbox!(Credentials);

impl Handler<HashPassword> for Credentials {
    type Result = Result<String, CredentialsError>;

    /// Hashes with the current parameters.
    fn handle(&mut self, msg: HashPassword, _: &mut Self::Context) -> Self::Result {
        self.registry.handled(ACTOR_NAME);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            hash_with(&self.params, msg.0.expose_secret())
        }))
        .unwrap_or(Err(CredentialsError::Panicked))
    }
}

impl Handler<HashNewPassword> for Credentials {
    type Result = Result<String, NewPasswordError>;

    /// Refuses a password the policy does not allow; hashes one it does.
    fn handle(&mut self, msg: HashNewPassword, _: &mut Self::Context) -> Self::Result {
        self.registry.handled(ACTOR_NAME);
        let this = std::panic::AssertUnwindSafe(&*self);
        std::panic::catch_unwind(move || {
            let names: Vec<&str> = msg.names.iter().map(String::as_str).collect();
            let ctx = PasswordContext {
                email: &msg.email,
                names: &names,
            };
            password_policy::check(msg.password.expose_secret(), &ctx)?;
            Ok(hash_with(&this.params, msg.password.expose_secret())?)
        })
        .unwrap_or(Err(NewPasswordError::Credentials(
            CredentialsError::Panicked,
        )))
    }
}

impl Handler<VerifyPassword> for Credentials {
    type Result = Result<Verification, CredentialsError>;

    /// Verifies in constant work whether or not a hash exists; offers a re-hash when outdated.
    fn handle(&mut self, msg: VerifyPassword, _: &mut Self::Context) -> Self::Result {
        self.registry.handled(ACTOR_NAME);
        let this = std::panic::AssertUnwindSafe(&*self);
        std::panic::catch_unwind(move || {
            this.verify(msg.password.expose_secret(), msg.hash.as_deref())
        })
        .unwrap_or(Err(CredentialsError::Panicked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outdated_parameters_ask_for_a_rehash() {
        let old = Params::new(8_192, 1, 1, None).unwrap();
        let hash = hash_with(&old, "correct horse battery staple").unwrap();
        let parsed = PasswordHash::new(&hash).unwrap();
        let current = current_params().unwrap();
        assert!(needs_rehash(&parsed, &current));
        let fresh = hash_with(&current, "x").unwrap();
        assert!(!needs_rehash(&PasswordHash::new(&fresh).unwrap(), &current));
        assert!(fresh.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }
}
