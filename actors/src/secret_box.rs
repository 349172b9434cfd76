//! Encryption at rest for small secrets (TOTP seeds): XChaCha20-Poly1305 with a random nonce,
//! bound to its owner through the associated data so a ciphertext cannot be moved to another row.
//! The same key also yields derived keys for other uses (HKDF), e.g. keyed hashes of recovery codes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretSlice};
use sha2::Sha256;

const VERSION_PREFIX: &str = "v1.";
const NONCE_LEN: usize = 24;
pub const KEY_LEN: usize = 32;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretBoxError {
    #[error("the encryption key must be {KEY_LEN} bytes of base64url")]
    BadKey,
    #[error("the stored secret is malformed")]
    Malformed,
    #[error("the stored secret does not decrypt with this key")]
    Undecryptable,
}

/// Seals and opens secrets with one key.
#[derive(Clone)]
pub struct SecretBox {
    key: SecretSlice<u8>,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(..)")
    }
}

impl SecretBox {
    /// From the base64url text of a 32-byte key (padding and whitespace tolerated).
    pub fn from_base64(text: &str) -> Result<SecretBox, SecretBoxError> {
        let cleaned: String = text
            .trim()
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_");
        let bytes = URL_SAFE_NO_PAD
            .decode(cleaned.as_bytes())
            .map_err(|_| SecretBoxError::BadKey)?;
        if bytes.len() != KEY_LEN {
            return Err(SecretBoxError::BadKey);
        }
        Ok(SecretBox { key: bytes.into() })
    }

    /// A fresh random key, as base64url text.
    pub fn generate_key() -> String {
        let mut key = [0u8; KEY_LEN];
        rand::rngs::OsRng.fill_bytes(&mut key);
        URL_SAFE_NO_PAD.encode(key)
    }

    /// A key for one use, named by `purpose` (HKDF's `info`), derived from this one with
    /// HKDF-SHA-256 (RFC 5869, no salt): one configured key serves several uses, and no use's key
    /// or output tells anything about another's.
    pub fn derive_key(&self, purpose: &[u8]) -> Result<SecretSlice<u8>, SecretBoxError> {
        let mut derived = vec![0u8; KEY_LEN];
        Hkdf::<Sha256>::new(None, self.key.expose_secret())
            .expand(purpose, &mut derived)
            .map_err(|_| SecretBoxError::BadKey)?;
        Ok(derived.into())
    }

    fn cipher(&self) -> Result<XChaCha20Poly1305, SecretBoxError> {
        XChaCha20Poly1305::new_from_slice(self.key.expose_secret())
            .map_err(|_| SecretBoxError::BadKey)
    }

    /// Encrypts `plaintext` for the owner named by `context` (e.g. tenant and user ids).
    pub fn seal(&self, plaintext: &[u8], context: &[u8]) -> Result<String, SecretBoxError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher()?
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context,
                },
            )
            .map_err(|_| SecretBoxError::Undecryptable)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{VERSION_PREFIX}{}", URL_SAFE_NO_PAD.encode(out)))
    }

    /// Decrypts what `seal` produced for the same `context`.
    pub fn open(&self, stored: &str, context: &[u8]) -> Result<SecretSlice<u8>, SecretBoxError> {
        let body = stored
            .strip_prefix(VERSION_PREFIX)
            .ok_or(SecretBoxError::Malformed)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(body.as_bytes())
            .map_err(|_| SecretBoxError::Malformed)?;
        if bytes.len() <= NONCE_LEN {
            return Err(SecretBoxError::Malformed);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        self.cipher()?
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: context,
                },
            )
            .map(SecretSlice::from)
            .map_err(|_| SecretBoxError::Undecryptable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_binding_to_context() {
        let sb = SecretBox::from_base64(&SecretBox::generate_key()).unwrap();
        let sealed = sb.seal(b"seed bytes", b"tenant-a/user-1").unwrap();
        assert!(!sealed.contains("seed"));
        assert_eq!(
            sb.open(&sealed, b"tenant-a/user-1")
                .unwrap()
                .expose_secret(),
            b"seed bytes"
        );
        assert_eq!(
            sb.open(&sealed, b"tenant-b/user-1").unwrap_err(),
            SecretBoxError::Undecryptable
        );
        let other = SecretBox::from_base64(&SecretBox::generate_key()).unwrap();
        assert!(other.open(&sealed, b"tenant-a/user-1").is_err());
        assert_eq!(
            sb.open("v1.AAAA", b"x").unwrap_err(),
            SecretBoxError::Malformed
        );
        // Two seals of the same secret differ (random nonce).
        assert_ne!(sealed, sb.seal(b"seed bytes", b"tenant-a/user-1").unwrap());
    }

    #[test]
    fn derived_keys_depend_on_key_and_purpose() {
        let sb = SecretBox::from_base64(&SecretBox::generate_key()).unwrap();
        let a = sb.derive_key(b"a").unwrap();
        assert_eq!(a.expose_secret().len(), KEY_LEN);
        assert_eq!(
            a.expose_secret(),
            sb.derive_key(b"a").unwrap().expose_secret()
        );
        assert_ne!(
            a.expose_secret(),
            sb.derive_key(b"b").unwrap().expose_secret()
        );
        let other = SecretBox::from_base64(&SecretBox::generate_key()).unwrap();
        assert_ne!(
            a.expose_secret(),
            other.derive_key(b"a").unwrap().expose_secret()
        );
    }

    #[test]
    fn keys_must_be_32_bytes() {
        assert_eq!(
            SecretBox::from_base64("c2hvcnQ").unwrap_err(),
            SecretBoxError::BadKey
        );
        assert!(SecretBox::from_base64(&SecretBox::generate_key()).is_ok());
    }
}
