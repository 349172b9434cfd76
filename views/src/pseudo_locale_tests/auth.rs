//! The pages seen before or while signing in: sign-in (every error and notice, single sign-on),
//! recovery, two-factor, the vanity-domain handoff, account setup, the email-change link's
//! pages, the unsubscribe pages and the error pages.

use super::*;
use crate::account_recovery::{self, EmailRequestView, RequestError, ResetFormError};
use crate::company::MemberRole;
use crate::email_change::{self, ConfirmView, Unusable};
use crate::errors::{self, ErrorKind};
use crate::handoff::{self, HandoffFailure, HandoffPost};
use crate::notifications::{self, UnsubscribeView};
use crate::security::PasswordProblem;
use crate::setup::{self, LinkProblem, SetupView};
use crate::signin::{self, SignInErrorKind, SignInNotice, SignInView};
use crate::sso::{self, SsoButton, SsoFailedView, SsoFailureKind};
use crate::test_support::TestResult;
use crate::two_factor::{self, AfterCodes, ChallengeView, CodeError, EnrollmentView};

const PROVIDER: &str = "Contoso Entra";
/// zxcvbn's hint, passed through as it comes (English, from the library).
const ZXCVBN_HINT: &str = "This is similar to a commonly used password.";

fn password_problems() -> Vec<PasswordProblem> {
    vec![
        PasswordProblem::WrongCurrent,
        PasswordProblem::Mismatch,
        PasswordProblem::Missing,
        PasswordProblem::TooShort,
        PasswordProblem::TooLong,
        PasswordProblem::ContainsEmail,
        PasswordProblem::ContainsName,
        PasswordProblem::TooWeak { warning: None },
        PasswordProblem::TooWeak {
            warning: Some(ZXCVBN_HINT.to_owned()),
        },
        PasswordProblem::CsrfFailed,
        PasswordProblem::Unavailable,
        PasswordProblem::Throttled { minutes: 15 },
    ]
}

#[test]
fn sign_in_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let shell = signed_out(t, &b, signin::title(t));
    let mut check = Check::new(t);
    let view = SignInView {
        email: EMAIL.into(),
        callback_url: "/client-portal/dashboard".into(),
        csrf_token: "csrf".into(),
        tenant_slug: Some("northwind".into()),
        error: None,
        notice: None,
        sso_buttons: Vec::new(),
        sso_only: false,
    };
    check.html("sign-in", &signin::page(&shell, &view).into_string(), &[]);
    for error in SignInErrorKind::ALL {
        let v = SignInView {
            error: Some(error),
            ..view.clone()
        };
        let html = signin::page(&shell, &v).into_string();
        check.html(&format!("sign-in, error {error:?}"), &html, &[]);
    }
    for notice in SignInNotice::ALL {
        let v = SignInView {
            notice: Some(notice),
            ..view.clone()
        };
        let html = signin::page(&shell, &v).into_string();
        check.html(&format!("sign-in, notice {notice:?}"), &html, &[]);
    }
    let with_sso = SignInView {
        sso_buttons: vec![SsoButton {
            href: "/auth/client-portal/sso/entra?tenant=northwind".into(),
            name: PROVIDER.into(),
            kind: "keycloak".into(),
        }],
        ..view.clone()
    };
    let html = signin::page(&shell, &with_sso).into_string();
    check.html("sign-in with single sign-on", &html, &[PROVIDER]);
    let only = SignInView {
        sso_only: true,
        error: Some(SignInErrorKind::SsoOnly),
        ..with_sso
    };
    let html = signin::page(&shell, &only).into_string();
    check.html("sign-in, single sign-on only", &html, &[PROVIDER]);

    let shell = signed_out(t, &b, sso::failed_title(t));
    for kind in SsoFailureKind::ALL {
        for provider in [Some(PROVIDER.to_owned()), None] {
            let v = SsoFailedView {
                kind,
                provider_name: provider,
                reference: "wrong_audience".into(),
                sign_in_href: "/auth/client-portal/signin?tenant=northwind".into(),
            };
            let html = sso::failed(&shell, &v).into_string();
            check.html(
                &format!("single sign-on failed, {kind:?}"),
                &html,
                &[PROVIDER],
            );
        }
    }
    check.finish();
    Ok(())
}

#[test]
fn recovery_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let request = EmailRequestView {
        email: EMAIL.into(),
        csrf_token: "csrf".into(),
        tenant_slug: Some("northwind".into()),
        sign_in_url: "/auth/client-portal/signin?tenant=northwind".into(),
        error: None,
    };
    let errors = std::iter::once(None).chain(RequestError::ALL.map(Some));
    for error in errors.clone() {
        let v = EmailRequestView {
            error,
            ..request.clone()
        };
        let shell = signed_out(t, &b, account_recovery::forgot_title(t));
        let html = account_recovery::forgot(&shell, &v).into_string();
        check.html(&format!("forgot password, error {error:?}"), &html, &[]);
        let shell = signed_out(t, &b, account_recovery::find_title(t));
        let html = account_recovery::find_organization(&shell, &v).into_string();
        check.html(
            &format!("find your organization, error {error:?}"),
            &html,
            &[],
        );
    }
    let shell = signed_out(t, &b, account_recovery::forgot_sent_title(t));
    let html = account_recovery::forgot_sent(&shell, 30, "/signin").into_string();
    check.html("reset link sent", &html, &[]);
    let shell = signed_out(t, &b, account_recovery::find_sent_title(t));
    let html = account_recovery::find_sent(&shell).into_string();
    check.html("organization links sent", &html, &[]);

    let shell = signed_out(t, &b, account_recovery::reset_title(t));
    let reset_errors = std::iter::once(None)
        .chain(
            password_problems()
                .into_iter()
                .map(ResetFormError::Password)
                .map(Some),
        )
        .chain(RequestError::ALL.map(|e| Some(ResetFormError::Request(e))));
    for error in reset_errors {
        let name = format!("set a new password, error {error:?}");
        let v = account_recovery::SetNewPasswordView {
            token: "tok".into(),
            csrf_token: "csrf".into(),
            tenant_slug: Some("northwind".into()),
            error,
        };
        let html = account_recovery::set_new_password(&shell, &v).into_string();
        check.html(&name, &html, &[ZXCVBN_HINT]);
    }
    let shell = signed_out(t, &b, account_recovery::reset_done_title(t));
    let html = account_recovery::reset_done(&shell, "/signin").into_string();
    check.html("password changed", &html, &[]);
    let shell = signed_out(t, &b, account_recovery::reset_invalid_title(t));
    let html = account_recovery::reset_invalid(&shell, "/forgot").into_string();
    check.html("reset link invalid", &html, &[]);
    check.finish();
    Ok(())
}

#[test]
fn two_factor_and_handoff_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let challenge = ChallengeView {
        display_name: USER.into(),
        action: "/auth/client-portal/two-factor".into(),
        csrf_token: "csrf".into(),
        enrollment: None,
        error: None,
    };
    let enrollment = EnrollmentView {
        otpauth_url: "otpauth://totp/Northwind:ada?secret=JBSWY3DPEHPK3PXP&issuer=Northwind".into(),
        secret_base32: "JBSWY3DPEHPK3PXP".into(),
    };
    for error in std::iter::once(None).chain(CodeError::ALL.map(Some)) {
        for enrolling in [false, true] {
            let v = ChallengeView {
                error,
                enrollment: enrolling.then(|| enrollment.clone()),
                ..challenge.clone()
            };
            let shell = signed_out(t, &b, two_factor::title(t, enrolling));
            let html = two_factor::challenge_page(&shell, &v).into_string();
            let name = format!("two-factor (enrolling: {enrolling}), error {error:?}");
            check.html(&name, &html, &[]);
        }
    }
    let codes = ["4f7k-2m9q".to_owned(), "8h3c-5x1z".to_owned()];
    let post = HandoffPost {
        action: "https://support.northwind.example/auth/client-portal/handoff".into(),
        ott: "tok".into(),
        return_path: "/client-portal/dashboard".into(),
    };
    let shell = signed_out(t, &b, two_factor::codes_title(t));
    for next in [
        AfterCodes::Link("/client-portal"),
        AfterCodes::Handoff(&post),
    ] {
        let html = two_factor::recovery_codes_page(&shell, &codes, next).into_string();
        check.html(&format!("recovery codes, then {next:?}"), &html, &[]);
    }
    let html = two_factor::expired_page(&shell, "/signin").into_string();
    check.html("two-factor expired", &html, &[]);

    let shell = signed_out(t, &b, handoff::title(t));
    let html = handoff::post_page(&shell, &post).into_string();
    check.html("handoff", &html, &[]);
    let shell = signed_out(t, &b, handoff::failed_title(t));
    for failure in HandoffFailure::ALL {
        let html = handoff::failed(&shell, failure, "/signin").into_string();
        check.html(&format!("handoff failed, {failure:?}"), &html, &[]);
    }
    check.finish();
    Ok(())
}

#[test]
fn setup_error_email_link_and_unsubscribe_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let shell = signed_out(t, &b, setup::title(t));
    for role in [MemberRole::Admin, MemberRole::Finance, MemberRole::User] {
        for error in std::iter::once(None).chain(password_problems().into_iter().map(Some)) {
            let name = format!("account setup as {role:?}, error {error:?}");
            let v = SetupView {
                full_name: USER.into(),
                email: EMAIL.into(),
                company: COMPANY.into(),
                role,
                token: "tok".into(),
                tenant_slug: "northwind".into(),
                csrf_token: "csrf".into(),
                error,
            };
            check.html(
                &name,
                &setup::page(&shell, &v).into_string(),
                &[ZXCVBN_HINT],
            );
        }
    }
    for problem in [
        LinkProblem::Expired,
        LinkProblem::Used,
        LinkProblem::Invalid,
    ] {
        for requested in [false, true] {
            let html =
                setup::link_problem_page(&shell, problem, "tok", "northwind", "c", "/s", requested)
                    .into_string();
            let name = format!("setup link {problem:?} (new one requested: {requested})");
            check.html(&name, &html, &[]);
        }
    }

    for kind in ErrorKind::ALL {
        let shell = signed_out(t, &b, errors::title(t, kind));
        let html = errors::page(&shell, kind).into_string();
        check.html(&format!("error page {kind:?}"), &html, &[]);
        let shell = signed_in(t, &b, errors::title(t, kind), NavItem::Dashboard);
        let html = errors::page(&shell, kind).into_string();
        check.html(&format!("error page {kind:?}, signed in"), &html, &[]);
    }

    let new_email = "ada@lovelace.example";
    let shell = signed_out(t, &b, email_change::confirm_title(t));
    let v = ConfirmView {
        token: "tok".into(),
        csrf_token: "csrf".into(),
        tenant_slug: Some("northwind".into()),
        new_email: new_email.into(),
    };
    let html = email_change::confirm(&shell, &v).into_string();
    check.html("confirm the new email address", &html, &[new_email]);
    let shell = signed_out(t, &b, email_change::done_title(t));
    for signed_in in [false, true] {
        let html = email_change::done(&shell, new_email, "/next", signed_in).into_string();
        let name = format!("email address changed (signed in: {signed_in})");
        check.html(&name, &html, &[new_email]);
    }
    for why in [
        Unusable::Invalid,
        Unusable::Taken {
            email: new_email.into(),
        },
    ] {
        let shell = signed_out(t, &b, email_change::unusable_title(t, &why));
        let html = email_change::unusable(&shell, &why, "/profile").into_string();
        check.html(
            &format!("email link unusable, {why:?}"),
            &html,
            &[new_email],
        );
    }

    let shell = signed_out(t, &b, notifications::unsubscribe_title(t));
    for kind in [
        "ticket_reply",
        "ticket_closed",
        "invoice_finalized",
        "invitation_accepted",
    ] {
        let kind_label = notifications::kind_label(t, kind, TENANT);
        for v in [
            UnsubscribeView::Confirm {
                kind_label: kind_label.clone(),
                action: "/unsubscribe/tok".into(),
            },
            UnsubscribeView::Done {
                kind_label: kind_label.clone(),
                sign_in: "/signin".into(),
            },
            UnsubscribeView::Invalid {
                sign_in: "/signin".into(),
            },
        ] {
            let html = notifications::unsubscribe(&shell, &v).into_string();
            check.html(&format!("unsubscribe from {kind}: {v:?}"), &html, &[]);
        }
    }
    check.finish();
    Ok(())
}
