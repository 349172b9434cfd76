//! Vanity ("portal") domains: validated names and the status lifecycle
//! `pending_dns → verifying_dns → pending_certificate → certificate_issuing → deploying → active`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DomainStatus {
    PendingDns,
    VerifyingDns,
    DnsFailed,
    PendingCertificate,
    CertificateIssuing,
    CertificateFailed,
    Deploying,
    Active,
    Disabled,
}

impl DomainStatus {
    pub const ALL: [DomainStatus; 9] = [
        DomainStatus::PendingDns,
        DomainStatus::VerifyingDns,
        DomainStatus::DnsFailed,
        DomainStatus::PendingCertificate,
        DomainStatus::CertificateIssuing,
        DomainStatus::CertificateFailed,
        DomainStatus::Deploying,
        DomainStatus::Active,
        DomainStatus::Disabled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DomainStatus::PendingDns => "pending_dns",
            DomainStatus::VerifyingDns => "verifying_dns",
            DomainStatus::DnsFailed => "dns_failed",
            DomainStatus::PendingCertificate => "pending_certificate",
            DomainStatus::CertificateIssuing => "certificate_issuing",
            DomainStatus::CertificateFailed => "certificate_failed",
            DomainStatus::Deploying => "deploying",
            DomainStatus::Active => "active",
            DomainStatus::Disabled => "disabled",
        }
    }

    pub fn parse(value: &str) -> Option<DomainStatus> {
        DomainStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Whether sign-ins are handed over to the domain: active, or DNS verified and on its way.
    pub fn is_handoff_eligible(self) -> bool {
        matches!(
            self,
            DomainStatus::Active
                | DomainStatus::PendingCertificate
                | DomainStatus::CertificateIssuing
                | DomainStatus::Deploying
        )
    }
}

/// A tenant's vanity domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalDomain {
    pub tenant: Uuid,
    pub domain: String,
    pub canonical_host: String,
    pub status: DomainStatus,
    pub status_message: Option<String>,
    pub last_checked_at: Option<DateTime<Utc>>,
    pub expected_cname: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DomainNameError {
    #[error("the domain must be 3 to 253 characters long")]
    Length,
    #[error("the domain may only contain a-z, 0-9, dots and hyphens")]
    Characters,
    #[error("the domain needs at least one dot (e.g. portal.example.com)")]
    NoDot,
    #[error("the domain may not start or end with a dot or hyphen, nor have empty labels")]
    Shape,
    #[error("the domain cannot be the portal's canonical host")]
    Canonical,
}

/// Normalises (trim, lowercase, no trailing dot) and validates a domain name.
pub fn parse_domain(raw: &str, canonical_host: &str) -> Result<String, DomainNameError> {
    let domain = raw.trim().to_ascii_lowercase();
    let domain = domain.strip_suffix('.').unwrap_or(&domain).to_owned();
    if !(3..=253).contains(&domain.len()) {
        return Err(DomainNameError::Length);
    }
    if !domain
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return Err(DomainNameError::Characters);
    }
    if !domain.contains('.') {
        return Err(DomainNameError::NoDot);
    }
    let bad_label =
        |l: &str| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-');
    if domain.starts_with('.') || domain.split('.').any(bad_label) {
        return Err(DomainNameError::Shape);
    }
    let canonical = canonical_host.to_ascii_lowercase();
    let canonical_name = canonical
        .rsplit_once(':')
        .map_or(canonical.as_str(), |(h, _)| h);
    if domain == canonical || domain == canonical_name {
        return Err(DomainNameError::Canonical);
    }
    Ok(domain)
}

/// Compares DNS names the way DNS does: case-insensitively, ignoring a trailing dot.
pub fn same_dns_name(a: &str, b: &str) -> bool {
    a.trim_end_matches('.')
        .eq_ignore_ascii_case(b.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised_and_validated() {
        assert_eq!(
            parse_domain(" Support.ACME.example. ", "portal.example"),
            Ok("support.acme.example".into())
        );
        assert_eq!(parse_domain("a.b", "portal.example"), Ok("a.b".into()));
        assert_eq!(
            parse_domain("ab", "portal.example"),
            Err(DomainNameError::Length)
        );
        assert_eq!(
            parse_domain(&format!("{}.com", "a".repeat(250)), "p.example"),
            Err(DomainNameError::Length)
        );
        assert_eq!(
            parse_domain("under_score.example", "p.example"),
            Err(DomainNameError::Characters)
        );
        assert_eq!(
            parse_domain("https://x.example", "p.example"),
            Err(DomainNameError::Characters)
        );
        assert_eq!(
            parse_domain("localhost", "p.example"),
            Err(DomainNameError::NoDot)
        );
        assert_eq!(
            parse_domain(".x.example", "p.example"),
            Err(DomainNameError::Shape)
        );
        assert_eq!(
            parse_domain("x..example", "p.example"),
            Err(DomainNameError::Shape)
        );
        assert_eq!(
            parse_domain("-x.example", "p.example"),
            Err(DomainNameError::Shape)
        );
        assert_eq!(
            parse_domain("portal.example", "portal.example:8443"),
            Err(DomainNameError::Canonical)
        );
        assert!(same_dns_name("Portal.Example.", "portal.example"));
        assert!(!same_dns_name("portal.example", "portal.example.org"));
    }

    #[test]
    fn statuses_round_trip_and_eligibility_is_as_documented() {
        for s in DomainStatus::ALL {
            assert_eq!(DomainStatus::parse(s.as_str()), Some(s));
        }
        let eligible: Vec<_> = DomainStatus::ALL
            .into_iter()
            .filter(|s| s.is_handoff_eligible())
            .collect();
        assert_eq!(
            eligible,
            vec![
                DomainStatus::PendingCertificate,
                DomainStatus::CertificateIssuing,
                DomainStatus::Deploying,
                DomainStatus::Active
            ]
        );
    }
}
