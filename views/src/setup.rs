//! `/auth/portal/setup`: an invited contact sets their password. Also the pages for a link that
//! expired, was used, or never worked, and the company page's invitation section.

use chrono::{DateTime, Utc};
use maud::{html, Markup, PreEscaped};

use crate::company::MemberRole;
use crate::components::{alert, instant_time, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};
use crate::security::{new_password_fields, PasswordProblem};

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "setup-title";
        HEADING = "setup-heading";
        WHO = "setup-who";
        ROLE_ADMIN = "setup-role-admin";
        ROLE_FINANCE = "setup-role-finance";
        SUBMIT = "setup-submit";
        EXPIRED_HEADING = "setup-expired-heading";
        EXPIRED_BODY = "setup-expired-body";
        USED_HEADING = "setup-used-heading";
        USED_BODY = "setup-used-body";
        INVALID_HEADING = "setup-invalid-heading";
        INVALID_BODY = "setup-invalid-body";
        REQUEST_NEW = "setup-request-new";
        REQUESTED = "setup-requested";
        SIGN_IN = "setup-sign-in";
        INVITE_HEADING = "setup-invite-heading";
        INVITE_INTRO = "setup-invite-intro";
        INVITE_NONE = "setup-invite-none";
        INVITE_PENDING = "setup-invite-pending";
        INVITE_SEND = "setup-invite-send";
        INVITE_RESEND = "setup-invite-resend";
        INVITE_SENT = "setup-invite-sent";
        INVITE_NAME = "setup-invite-name";
        INVITE_EMAIL = "setup-invite-email";
        INVITE_STATUS = "setup-invite-status";
        INVITE_NOT_INVITED = "setup-invite-not-invited";
    }
}

pub const ACTION: &str = "/auth/portal/setup";
pub const RESEND_ACTION: &str = "/auth/portal/setup/resend";
pub const INVITE_ACTION: &str = "/client-portal/client-settings/invitations";

/// Who is being set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetupView {
    pub full_name: String,
    pub email: String,
    pub company: String,
    /// The portal role the contact will have (said for Admin and Finance).
    pub role: MemberRole,
    /// Posted back in the body (the URL's copy is removed from history by the page).
    pub token: String,
    pub tenant_slug: String,
    pub csrf_token: String,
    pub error: Option<PasswordProblem>,
}

/// Why a link does not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    Expired,
    Used,
    Invalid,
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

/// Removes the token from the address bar and history (fixed text, allowed by the nonce).
const STRIP_TOKEN: &str = "history.replaceState(null,'',location.pathname);";

pub fn page(shell: &PageShell<'_>, view: &SetupView) -> Markup {
    let t = shell.t;
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr_args(msg::HEADING, &[("name", shell.branding.name.clone())])) }
                p.page-intro {
                    (t.tr_args(msg::WHO, &[
                        ("name", view.full_name.clone()),
                        ("email", view.email.clone()),
                        ("company", view.company.clone()),
                    ]))
                    @match view.role {
                        MemberRole::Admin => { " " (t.tr(msg::ROLE_ADMIN)) }
                        MemberRole::Finance => { " " (t.tr(msg::ROLE_FINANCE)) }
                        MemberRole::User => {}
                    }
                }
                form method="post" action=(ACTION) {
                    input type="hidden" name="csrf_token" value=(view.csrf_token);
                    input type="hidden" name="token" value=(view.token);
                    input type="hidden" name="tenant" value=(view.tenant_slug);
                    input type="email" name="username" value=(view.email) autocomplete="username" hidden;
                    (new_password_fields(t, view.error.as_ref()))
                    button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::SUBMIT)) }
                }
            }
        }
        script nonce=(shell.csp_nonce) { (PreEscaped(STRIP_TOKEN)) }
    };
    layout::page(shell, content)
}

/// The link does not work: say why; offer a new link when that can help.
pub fn link_problem_page(
    shell: &PageShell<'_>,
    problem: LinkProblem,
    token: &str,
    tenant_slug: &str,
    csrf_token: &str,
    sign_in_href: &str,
    requested: bool,
) -> Markup {
    let t = shell.t;
    let (heading, body) = match problem {
        LinkProblem::Expired => (msg::EXPIRED_HEADING, msg::EXPIRED_BODY),
        LinkProblem::Used => (msg::USED_HEADING, msg::USED_BODY),
        LinkProblem::Invalid => (msg::INVALID_HEADING, msg::INVALID_BODY),
    };
    let content = html! {
        div.auth {
            div.card {
                h1 { (t.tr(heading)) }
                @if requested {
                    (notice(&t.tr(msg::REQUESTED)))
                } @else {
                    (alert("setup-error", &t.tr(body)))
                }
                @if problem == LinkProblem::Expired && !requested {
                    form method="post" action=(RESEND_ACTION) {
                        input type="hidden" name="csrf_token" value=(csrf_token);
                        input type="hidden" name="token" value=(token);
                        input type="hidden" name="tenant" value=(tenant_slug);
                        button.btn.btn--primary.btn--block type="submit" { (t.tr(msg::REQUEST_NEW)) }
                    }
                }
                p { a href=(sign_in_href) { (t.tr(msg::SIGN_IN)) } }
            }
        }
        script nonce=(shell.csp_nonce) { (PreEscaped(STRIP_TOKEN)) }
    };
    layout::page(shell, content)
}

/// A contact of the company as the invitation section lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InviteeItem {
    pub contact_id: String,
    pub name: String,
    pub email: String,
    pub pending_until: Option<DateTime<Utc>>,
}

/// The company page's section: contacts without a portal account, each with an invite button.
pub fn invite_section(
    t: Translator<'_>,
    invitees: &[InviteeItem],
    csrf: &str,
    sent_to: Option<&str>,
) -> Markup {
    html! {
        section.card aria-labelledby="company-invite" {
            h2 #company-invite { (t.tr(msg::INVITE_HEADING)) }
            p { (t.tr(msg::INVITE_INTRO)) }
            @if let Some(email) = sent_to {
                (notice(&t.tr_args(msg::INVITE_SENT, &[("email", email.to_owned())])))
            }
            @if invitees.is_empty() {
                p { (t.tr(msg::INVITE_NONE)) }
            } @else {
                table.table {
                    thead { tr {
                        th scope="col" { (t.tr(msg::INVITE_NAME)) }
                        th scope="col" { (t.tr(msg::INVITE_EMAIL)) }
                        th scope="col" { (t.tr(msg::INVITE_STATUS)) }
                        th scope="col" { span.visually-hidden { (t.tr(msg::INVITE_SEND)) } }
                    } }
                    tbody {
                        @for i in invitees {
                            tr {
                                td { (i.name) }
                                td { (i.email) }
                                td {
                                    @match i.pending_until {
                                        Some(until) => { (t.tr(msg::INVITE_PENDING)) " " (instant_time(t, until)) }
                                        None => (t.tr(msg::INVITE_NOT_INVITED)),
                                    }
                                }
                                td {
                                    form method="post" action=(INVITE_ACTION) {
                                        input type="hidden" name="csrf_token" value=(csrf);
                                        input type="hidden" name="contact" value=(i.contact_id);
                                        button.btn.btn--secondary type="submit" {
                                            (t.tr(if i.pending_until.is_some() { msg::INVITE_RESEND } else { msg::INVITE_SEND }))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;

    #[test]
    fn setup_pages_render_and_escape() -> TestResult {
        let locales = Locales::load()?;
        let branding = evil_branding();
        let t = locales.translator("en");
        let view = SetupView {
            full_name: EVIL.into(),
            email: EVIL.into(),
            company: EVIL.into(),
            role: MemberRole::Finance,
            token: EVIL.into(),
            tenant_slug: EVIL.into(),
            csrf_token: EVIL.into(),
            error: Some(PasswordProblem::Mismatch),
        };
        let html = page(&shell(t, &branding, None), &view).into_string();
        // The one script is the page's own fixed, nonce'd one; the hostile text is escaped.
        assert_eq!(html.matches("<script").count(), 1);
        assert!(!html.contains(EVIL) && html.contains(EVIL_ESCAPED));
        assert_no_raw_ids(&html);
        assert!(html.contains("<script nonce=\"nonce-xyz\">history.replaceState"));
        // The role the invitee will have is said (Finance here, none for User).
        assert!(html.contains(&t.tr(msg::ROLE_FINANCE)));
        let user = SetupView {
            role: MemberRole::User,
            ..view.clone()
        };
        let html = page(&shell(t, &branding, None), &user).into_string();
        assert!(!html.contains(&t.tr(msg::ROLE_FINANCE)) && !html.contains(&t.tr(msg::ROLE_ADMIN)));
        for problem in [
            LinkProblem::Expired,
            LinkProblem::Used,
            LinkProblem::Invalid,
        ] {
            let html = link_problem_page(
                &shell(t, &branding, None),
                problem,
                EVIL,
                EVIL,
                EVIL,
                "/s",
                false,
            )
            .into_string();
            assert_no_raw_ids(&html);
            assert_eq!(
                html.contains(RESEND_ACTION),
                problem == LinkProblem::Expired
            );
        }
        let section = invite_section(
            t,
            &[InviteeItem {
                contact_id: EVIL.into(),
                name: EVIL.into(),
                email: EVIL.into(),
                pending_until: Some(at(2026, 11, 28, 9, 0)?),
            }],
            EVIL,
            Some(EVIL),
        )
        .into_string();
        assert!(!section.contains("<script"));
        assert_no_raw_ids(&section);
        Ok(())
    }
}
