//! The password policy, applied wherever a password is set: 12–128 characters, no composition
//! rules, refused when zxcvbn scores it below 3 or when it contains the user's email or name.

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;
/// zxcvbn's "safely unguessable" score (of 0–4).
pub const MIN_SCORE: u8 = 3;
/// Name parts shorter than this are too common to refuse (e.g. "Al" inside "Always…").
const MIN_NAME_PART: usize = 3;

/// Why a password was refused; the form shows the matching message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyViolation {
    #[error("the password is shorter than {MIN_CHARS} characters")]
    TooShort,
    #[error("the password is longer than {MAX_CHARS} characters")]
    TooLong,
    #[error("the password contains the email address")]
    ContainsEmail,
    #[error("the password contains the user's name")]
    ContainsName,
    /// zxcvbn's warning (in English) when it gives one.
    #[error("the password is too easy to guess")]
    TooWeak { warning: Option<String> },
}

/// What the password must not contain or resemble.
#[derive(Debug, Clone, Default)]
pub struct PasswordContext<'a> {
    pub email: &'a str,
    pub names: &'a [&'a str],
}

/// Checks a new password against the policy. CPU work (zxcvbn): call it off the async runtime.
pub fn check(password: &str, ctx: &PasswordContext<'_>) -> Result<(), PolicyViolation> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PolicyViolation::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PolicyViolation::TooLong);
    }
    let lowered = password.to_lowercase();
    let email = ctx.email.trim().to_lowercase();
    let local_part = email.split('@').next().unwrap_or_default();
    if !email.is_empty()
        && (lowered.contains(&email)
            || (local_part.chars().count() >= MIN_NAME_PART && lowered.contains(local_part)))
    {
        return Err(PolicyViolation::ContainsEmail);
    }
    let name_parts: Vec<String> = ctx
        .names
        .iter()
        .flat_map(|n| n.split_whitespace())
        .map(str::to_lowercase)
        .filter(|p| p.chars().count() >= MIN_NAME_PART)
        .collect();
    if name_parts.iter().any(|p| lowered.contains(p.as_str())) {
        return Err(PolicyViolation::ContainsName);
    }
    let mut inputs: Vec<&str> = vec![email.as_str(), local_part];
    inputs.extend(name_parts.iter().map(String::as_str));
    let entropy = zxcvbn::zxcvbn(password, &inputs);
    if u8::from(entropy.score()) < MIN_SCORE {
        let warning = entropy
            .feedback()
            .and_then(|f| f.warning())
            .map(|w| w.to_string());
        return Err(PolicyViolation::TooWeak { warning });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> PasswordContext<'static> {
        PasswordContext {
            email: "ada.lovelace@example.com",
            names: &["Ada", "Lovelace"],
        }
    }

    #[test]
    fn length_bounds_count_characters_not_bytes() {
        assert_eq!(check("short", &ctx()), Err(PolicyViolation::TooShort));
        assert_eq!(
            check(&"x".repeat(129), &ctx()),
            Err(PolicyViolation::TooLong)
        );
        // 12 three-byte characters are 12 characters.
        assert_ne!(check(&"水".repeat(11), &ctx()), Ok(()));
        assert!(check("glacier 水 marmot quiver", &ctx()).is_ok());
    }

    #[test]
    fn common_and_predictable_passwords_are_refused() {
        for weak in [
            "password1234",
            "qwertyuiop123",
            "aaaaaaaaaaaa",
            "123456789012",
        ] {
            assert!(
                matches!(check(weak, &ctx()), Err(PolicyViolation::TooWeak { .. })),
                "{weak} was accepted"
            );
        }
    }

    #[test]
    fn email_and_name_are_refused_case_insensitively() {
        assert_eq!(
            check("My ADA.LOVELACE secret 93!", &ctx()),
            Err(PolicyViolation::ContainsEmail)
        );
        assert_eq!(
            check("lovelace-river-otter-77", &ctx()),
            Err(PolicyViolation::ContainsName)
        );
    }

    #[test]
    fn strong_passphrases_pass_without_composition_rules() {
        assert!(check("correct horse battery staple orbit", &ctx()).is_ok());
        assert!(check("vinyl-tundra-spoke-mirth", &ctx()).is_ok());
    }
}
