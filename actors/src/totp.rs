//! TOTP (RFC 6238, via totp-rs) and recovery codes: pure functions of a secret and a time, so the
//! window edges are testable with the injected clock. 30 s steps, six digits, SHA-1 (what every
//! authenticator app speaks), one step of tolerance either side.

use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: usize = 6;
/// Steps accepted either side of the current one.
pub const SKEW_STEPS: u64 = 1;
/// Bytes in a new secret (160 bits, the RFC's recommendation for SHA-1).
pub const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Recovery codes: two groups of five from an alphabet without look-alikes (50 bits).
const RECOVERY_ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
const RECOVERY_GROUP: usize = 5;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TotpError {
    #[error("the two-factor secret is unusable: {0}")]
    BadSecret(String),
}

/// A new random secret.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut secret);
    secret
}

fn totp(
    secret: &[u8],
    digits: usize,
    issuer: Option<String>,
    account: String,
) -> Result<TOTP, TotpError> {
    TOTP::new(
        Algorithm::SHA1,
        digits,
        0,
        STEP_SECONDS,
        secret.to_vec(),
        issuer,
        account,
    )
    .map_err(|e| TotpError::BadSecret(e.to_string()))
}

/// The code for a Unix time, with `digits` digits (6 in the portal; 8 in RFC 6238's vectors).
pub fn code_at(secret: &[u8], digits: usize, unix_seconds: u64) -> Result<String, TotpError> {
    Ok(totp(secret, digits, None, String::new())?.generate(unix_seconds))
}

/// The time step a code belongs to, if it matches the current step or one step either side.
/// Every candidate is compared in constant time.
pub fn matching_step(
    secret: &[u8],
    code: &str,
    unix_seconds: u64,
) -> Result<Option<u64>, TotpError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let generator = totp(secret, DIGITS, None, String::new())?;
    let current = unix_seconds.checked_div(STEP_SECONDS).unwrap_or(0);
    let mut found = None;
    for step in current.saturating_sub(SKEW_STEPS)..=current.saturating_add(SKEW_STEPS) {
        let expected = generator.generate(step.saturating_mul(STEP_SECONDS));
        if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
            found = Some(step);
        }
    }
    Ok(found)
}

/// The base32 text of a secret, for typing into an authenticator app.
pub fn secret_base32(secret: &[u8]) -> Result<String, TotpError> {
    Ok(totp(secret, DIGITS, None, String::new())?.get_secret_base32())
}

/// The `otpauth://` URL a QR code carries. `issuer` may not contain ':' (it is replaced).
pub fn otpauth_url(secret: &[u8], issuer: &str, account: &str) -> Result<String, TotpError> {
    let issuer = issuer.replace(':', " ");
    let account = account.replace(':', " ");
    Ok(totp(secret, DIGITS, Some(issuer), account)?.get_url())
}

/// Ten new recovery codes, as shown to the user once.
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODE_COUNT)
        .map(|_| {
            let mut bytes = [0u8; RECOVERY_GROUP * 2];
            OsRng.fill_bytes(&mut bytes);
            let chars: Vec<char> = bytes.iter().map(|b| alphabet_char(*b)).collect();
            grouped(&chars)
        })
        .collect()
}

/// A recovery code as typed (any case, spaces or dashes) in its canonical form, if it can be one.
pub fn normalize_recovery_code(input: &str) -> Option<String> {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            other => other,
        })
        .collect();
    let valid = chars.len() == RECOVERY_GROUP * 2
        && chars
            .iter()
            .all(|c| u8::try_from(*c).is_ok_and(|b| RECOVERY_ALPHABET.contains(&b)));
    valid.then(|| grouped(&chars))
}

/// The alphabet's character for a random byte (the alphabet has 32 entries: uniform).
fn alphabet_char(byte: u8) -> char {
    RECOVERY_ALPHABET
        .get(usize::from(byte % 32))
        .map_or('0', |b| char::from(*b))
}

/// Two groups joined by a dash: `xxxxx-xxxxx`.
fn grouped(chars: &[char]) -> String {
    let (first, second) = chars.split_at(chars.len().min(RECOVERY_GROUP));
    let mut code: String = first.iter().collect();
    code.push('-');
    code.extend(second);
    code
}

/// What the key recovery codes are hashed with is derived for (HKDF `info`, see
/// `SecretBox::derive_key`).
pub const RECOVERY_CODE_KEY_PURPOSE: &[u8] = b"portal recovery codes v1";

/// The stored form of a recovery code: HMAC-SHA-256 under a key derived for this purpose from
/// the encryption key, so that the table alone does not let ~50-bit codes be found offline.
pub fn recovery_code_mac(key: &[u8], code: &str) -> Result<String, TotpError> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .map_err(|e| TotpError::BadSecret(e.to_string()))?;
    mac.update(code.as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// The stored form of recovery codes issued before they were keyed: plain SHA-256, still
/// accepted (once) so that codes users wrote down keep working.
pub fn legacy_recovery_code_hash(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (the seed is the ASCII "12345678901234567890").
    #[test]
    fn rfc6238_sha1_vectors() {
        let seed = b"12345678901234567890";
        for (time, expected) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(seed, 8, time).unwrap(), expected, "T={time}");
        }
    }

    #[test]
    fn window_is_one_step_either_side() {
        let secret = new_secret();
        let t = 1_700_000_015; // inside a step
        let step = t / STEP_SECONDS;
        let code = code_at(&secret, DIGITS, t).unwrap();
        assert_eq!(matching_step(&secret, &code, t).unwrap(), Some(step));
        // The previous and next steps still accept it, two steps away do not.
        assert_eq!(
            matching_step(&secret, &code, t + STEP_SECONDS).unwrap(),
            Some(step)
        );
        assert_eq!(
            matching_step(&secret, &code, t - STEP_SECONDS).unwrap(),
            Some(step)
        );
        let next_step_start = (step + 2) * STEP_SECONDS;
        assert_eq!(
            matching_step(&secret, &code, next_step_start - 1).unwrap(),
            Some(step)
        );
        assert_eq!(
            matching_step(&secret, &code, next_step_start).unwrap(),
            None
        );
        let prev_edge = (step - 1) * STEP_SECONDS;
        assert_eq!(
            matching_step(&secret, &code, prev_edge).unwrap(),
            Some(step)
        );
        assert_eq!(matching_step(&secret, &code, prev_edge - 1).unwrap(), None);
        assert_eq!(matching_step(&secret, " 12 34 5", t).unwrap(), None);
        assert_eq!(matching_step(&secret, "abcdef", t).unwrap(), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalise() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODE_COUNT);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODE_COUNT);
        for code in &codes {
            assert_eq!(
                normalize_recovery_code(code).as_deref(),
                Some(code.as_str())
            );
            let typed = code.to_uppercase().replace('-', " ");
            assert_eq!(
                normalize_recovery_code(&typed).as_deref(),
                Some(code.as_str())
            );
        }
        assert_eq!(normalize_recovery_code("123456"), None);
        assert_eq!(normalize_recovery_code("iiiii-lllll"), None);
    }

    #[test]
    fn otpauth_urls_carry_issuer_and_secret() {
        let secret = new_secret();
        let url = otpauth_url(&secret, "Acme: IT", "ada@example.com").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains(&secret_base32(&secret).unwrap()));
        assert!(url.contains("issuer=Acme%20%20IT"), "{url}");
    }
}
