//! The second sign-in step (a code or a recovery code), two-factor enrollment (QR code and the
//! secret in text, confirmed by a code), and the recovery codes shown once.

use maud::{html, Markup, PreEscaped};
use qrcode::render::svg;
use qrcode::QrCode;

use crate::components::alert;
use crate::handoff::{post_form, HandoffPost};
use crate::i18n::Translator;
use crate::layout::{self, PageShell, ReferrerMeta};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "two-factor-title";
        HEADING = "two-factor-heading";
        INTRO = "two-factor-intro";
        CODE_LABEL = "two-factor-code-label";
        CODE_HINT = "two-factor-code-hint";
        SUBMIT = "two-factor-submit";
        ENROLL_TITLE = "two-factor-enroll-title";
        ENROLL_HEADING = "two-factor-enroll-heading";
        ENROLL_REQUIRED = "two-factor-enroll-required";
        ENROLL_STEP_SCAN = "two-factor-enroll-step-scan";
        ENROLL_QR_LABEL = "two-factor-enroll-qr-label";
        ENROLL_SECRET_LABEL = "two-factor-enroll-secret-label";
        ENROLL_STEP_CONFIRM = "two-factor-enroll-step-confirm";
        ENROLL_SUBMIT = "two-factor-enroll-submit";
        CODES_TITLE = "two-factor-codes-title";
        CODES_HEADING = "two-factor-codes-heading";
        CODES_INTRO = "two-factor-codes-intro";
        CODES_CONTINUE = "two-factor-codes-continue";
        ERROR_INVALID = "two-factor-error-invalid";
        ERROR_REPLAY = "two-factor-error-replay";
        ERROR_EXPIRED = "two-factor-error-expired";
        ERROR_SETUP_EXPIRED = "two-factor-error-setup-expired";
        ERROR_CSRF = "two-factor-error-csrf";
        ERROR_UNAVAILABLE = "two-factor-error-unavailable";
        ERROR_THROTTLED = "two-factor-error-throttled";
        EXPIRED_HEADING = "two-factor-expired-heading";
        EXPIRED_BODY = "two-factor-expired-body";
        EXPIRED_LINK = "two-factor-expired-link";
    }
}

pub const CODE_ERROR_ID: &str = "two-factor-error";

/// Why a code was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    Invalid,
    Replay,
    CsrfFailed,
    Unavailable,
    /// The enrollment being confirmed expired (or ended with a new password or revoked
    /// sessions): a fresh secret is shown to scan.
    SetupExpired,
    /// Too many failed attempts: try again in this many minutes.
    Throttled {
        minutes: i64,
    },
}

impl CodeError {
    pub const ALL: [CodeError; 6] = [
        CodeError::Invalid,
        CodeError::Replay,
        CodeError::CsrfFailed,
        CodeError::Unavailable,
        CodeError::SetupExpired,
        CodeError::Throttled { minutes: 2 },
    ];

    pub fn message_id(self) -> &'static str {
        match self {
            CodeError::Invalid => msg::ERROR_INVALID,
            CodeError::Replay => msg::ERROR_REPLAY,
            CodeError::CsrfFailed => msg::ERROR_CSRF,
            CodeError::Unavailable => msg::ERROR_UNAVAILABLE,
            CodeError::SetupExpired => msg::ERROR_SETUP_EXPIRED,
            CodeError::Throttled { .. } => msg::ERROR_THROTTLED,
        }
    }

    /// The translated message.
    pub fn text(self, t: Translator<'_>) -> String {
        match self {
            CodeError::Throttled { minutes } => {
                t.tr_count(msg::ERROR_THROTTLED, &[("minutes", minutes)])
            }
            other => t.tr(other.message_id()),
        }
    }
}

/// What an enrolling user scans or types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnrollmentView {
    pub otpauth_url: String,
    pub secret_base32: String,
}

/// The second step of a sign-in: enter a code, or (tenant policy) enroll first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChallengeView {
    pub display_name: String,
    pub action: String,
    pub csrf_token: String,
    /// `Some` when the user must enroll before signing in.
    pub enrollment: Option<EnrollmentView>,
    pub error: Option<CodeError>,
}

pub fn title(t: Translator<'_>, enrolling: bool) -> String {
    t.tr(if enrolling {
        msg::ENROLL_TITLE
    } else {
        msg::TITLE
    })
}

pub fn codes_title(t: Translator<'_>) -> String {
    t.tr(msg::CODES_TITLE)
}

/// The QR code of an `otpauth://` URL as inline SVG (generated from our own data only).
pub fn qr_svg(data: &str) -> Markup {
    match QrCode::new(data.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color<'_>>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build();
            // Inline in HTML: drop the XML declaration the renderer puts first.
            let inline = svg
                .find("<svg")
                .and_then(|start| svg.get(start..))
                .unwrap_or(&svg);
            PreEscaped(inline.to_owned())
        }
        Err(_) => html! {},
    }
}

/// The QR code, the secret in text, and where to type the first code.
pub fn enrollment_block(t: Translator<'_>, e: &EnrollmentView) -> Markup {
    html! {
        p { (t.tr(msg::ENROLL_STEP_SCAN)) }
        figure.qr role="img" aria-label=(t.tr(msg::ENROLL_QR_LABEL)) { (qr_svg(&e.otpauth_url)) }
        p {
            (t.tr(msg::ENROLL_SECRET_LABEL)) " "
            code.secret { (e.secret_base32) }
        }
        p { (t.tr(msg::ENROLL_STEP_CONFIRM)) }
    }
}

/// The code field, described by the error box when there is one.
pub fn code_field(t: Translator<'_>, error: Option<CodeError>, hint: bool) -> Markup {
    let described_by = error.map(|_| CODE_ERROR_ID);
    html! {
        div.field {
            label for="code" { (t.tr(msg::CODE_LABEL)) }
            input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code"
                maxlength="16" required
                aria-invalid=[error.map(|_| "true")] aria-describedby=[described_by];
            @if hint {
                p.field-hint { (t.tr(msg::CODE_HINT)) }
            }
        }
    }
}

pub fn challenge_page(shell: &PageShell<'_>, view: &ChallengeView) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                @match &view.enrollment {
                    Some(enrollment) => {
                        h1 { (t.tr(msg::ENROLL_HEADING)) }
                        p.page-intro { (t.tr(msg::ENROLL_REQUIRED)) }
                        @if let Some(error) = view.error { (alert(CODE_ERROR_ID, &error.text(t))) }
                        (enrollment_block(t, enrollment))
                    }
                    None => {
                        h1 { (t.tr_args(msg::HEADING, &[("name", view.display_name.clone())])) }
                        p.page-intro { (t.tr(msg::INTRO)) }
                        @if let Some(error) = view.error { (alert(CODE_ERROR_ID, &error.text(t))) }
                    }
                }
                form method="post" action=(view.action) {
                    input type="hidden" name="csrf_token" value=(view.csrf_token);
                    (code_field(t, view.error, view.enrollment.is_none()))
                    button.btn.btn--primary.btn--block type="submit" {
                        (t.tr(if view.enrollment.is_some() { msg::ENROLL_SUBMIT } else { msg::SUBMIT }))
                    }
                }
            }
        }
    };
    layout::page(shell, content)
}

/// The recovery codes, shown once, with where to continue.
/// Where the recovery-codes page continues once the user has saved them.
#[derive(Clone, Copy, Debug)]
pub enum AfterCodes<'a> {
    /// A page on this host.
    Link(&'a str),
    /// The vanity host: a button that POSTs the transfer token there (no script: the user
    /// reads the codes first).
    Handoff(&'a HandoffPost),
}

pub fn recovery_codes_page(
    shell: &PageShell<'_>,
    codes: &[String],
    next: AfterCodes<'_>,
) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::CODES_HEADING)) }
                p.page-intro { (t.tr(msg::CODES_INTRO)) }
                (recovery_code_list(codes))
                @match next {
                    AfterCodes::Link(href) => {
                        a.btn.btn--primary.btn--block href=(href) { (t.tr(msg::CODES_CONTINUE)) }
                    }
                    AfterCodes::Handoff(post) => (post_form(t, post)),
                }
            }
        }
    };
    let referrer = match next {
        AfterCodes::Link(_) => ReferrerMeta::SameOrigin,
        AfterCodes::Handoff(_) => ReferrerMeta::Origin,
    };
    layout::page_with_referrer(shell, content, referrer)
}

pub fn recovery_code_list(codes: &[String]) -> Markup {
    html! {
        ol.recovery-codes {
            @for code in codes { li { code { (code) } } }
        }
    }
}

/// The pending sign-in is gone (expired, used, or never existed): start again.
pub fn expired_page(shell: &PageShell<'_>, sign_in_href: &str) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(msg::EXPIRED_HEADING)) }
                (alert(CODE_ERROR_ID, &t.tr(msg::ERROR_EXPIRED)))
                p { (t.tr(msg::EXPIRED_BODY)) }
                a.btn.btn--primary.btn--block href=(sign_in_href) { (t.tr(msg::EXPIRED_LINK)) }
            }
        }
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;
    use crate::theme::Branding;

    #[test]
    fn challenge_and_enrollment_pages() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let t = locales.translator("en");
        let mut view = ChallengeView {
            display_name: "Ada".into(),
            action: "/auth/client-portal/two-factor".into(),
            csrf_token: "tok".into(),
            enrollment: None,
            error: Some(CodeError::Replay),
        };
        let html = challenge_page(&shell(t, &branding, None), &view).into_string();
        assert!(html.contains(r#"autocomplete="one-time-code""#));
        assert!(html.contains("already been used"), "{html}");
        assert!(!html.contains("<svg"));
        assert_no_raw_ids(&html);
        view.enrollment = Some(EnrollmentView {
            otpauth_url: "otpauth://totp/Acme:ada?secret=JBSWY3DPEHPK3PXP&issuer=Acme".into(),
            secret_base32: "JBSWY3DPEHPK3PXP".into(),
        });
        view.error = None;
        let html = challenge_page(&shell(t, &branding, None), &view).into_string();
        assert!(html.contains("<svg"), "{html}");
        assert!(!html.contains("<?xml"));
        assert!(html.contains("JBSWY3DPEHPK3PXP"));
        assert_no_raw_ids(&html);
        for e in CodeError::ALL {
            assert_ne!(e.text(t), e.message_id());
            assert!(!e.text(t).contains('{'));
        }
        Ok(())
    }

    #[test]
    fn pages_escape_user_text() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let t = locales.translator("en");
        let view = ChallengeView {
            display_name: EVIL.into(),
            action: "/x".into(),
            csrf_token: EVIL.into(),
            enrollment: Some(EnrollmentView {
                otpauth_url: EVIL.into(),
                secret_base32: EVIL.into(),
            }),
            error: None,
        };
        assert_escaped(&challenge_page(&shell(t, &branding, None), &view).into_string());
        let html = recovery_codes_page(
            &shell(t, &branding, None),
            &[EVIL.to_owned()],
            AfterCodes::Link("/"),
        )
        .into_string();
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        let post = HandoffPost {
            action: "https://support.acme.example/auth/client-portal/handoff".into(),
            ott: "tok".into(),
            return_path: "/client-portal/dashboard".into(),
        };
        let html = recovery_codes_page(
            &shell(t, &crate::theme::Branding::default_portal(), None),
            &["abcd-efgh".to_owned()],
            AfterCodes::Handoff(&post),
        )
        .into_string();
        assert!(html.contains(
            "method=\"post\" action=\"https://support.acme.example/auth/client-portal/handoff\""
        ));
        assert!(html.contains("name=\"ott\" value=\"tok\""));
        assert!(!html.contains("<script"), "the user reads the codes first");
        assert!(html.contains("<meta name=\"referrer\" content=\"origin\">"));
        Ok(())
    }
}
