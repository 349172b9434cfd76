//! The signed-in pages: dashboard (with the activity card), tickets (list, new, detail),
//! Profile (profile with the email and notification cards, security, account), and company
//! settings with a member's page.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::*;
use crate::account::{self, AccountView, CompanyDetails};
use crate::activity::{self, ActivityEntry, ActivityEvent};
use crate::billing::Amount;
use crate::company::{
    self, CompanyNotice, CompanySessionItem, CompanyUserItem, CompanyView, MemberRole,
    SignInEventItem,
};
use crate::company_details::CompanyDetailsView;
use crate::company_member::{self, MemberError, MemberNotice, MemberView};
use crate::dashboard::{self, DashboardView};
use crate::email_change::{EmailCardView, EmailNotice, EmailProblem, PendingView};
use crate::notifications::NotificationsCard;
use crate::profile::{self, ProfileFieldError, ProfileNotice, ProfileValues, ProfileView};
use crate::security::{
    self, IdentityItem, PasswordProblem, ProofProblem, SecurityNotice, SecurityView, SessionItem,
};
use crate::setup::InviteeItem;
use crate::test_support::{at, dashboard_view, TestResult};
use crate::tickets::detail::{AttachmentItem, CommentItem, DetailNotice, DetailView};
use crate::tickets::form::{FieldError, NewTicketValues, NewTicketView};
use crate::tickets::list::{FilterValues, ListItem, ListView};
use crate::tickets::{self, ChoiceOption};
use crate::two_factor::{CodeError, EnrollmentView};

const COLLEAGUE: &str = "Grace Hopper";
const COLLEAGUE_EMAIL: &str = "grace@analytical.example";
const TECHNICIAN: &str = "Sam Support";
const TICKET_TITLE: &str = "Printer jams on floor 2";
const STATUS: &str = "In progress";
const PRIORITY: &str = "High";
const BOARD: &str = "Service Desk";
const CATEGORY: &str = "Hardware";
const CHROME: &str = "Chrome · Windows";

fn when() -> Result<DateTime<Utc>, &'static str> {
    at(2026, 11, 27, 13, 5)
}

fn amount(minor: i64) -> Amount {
    Amount {
        minor,
        code: "EUR".into(),
        digits: 2,
    }
}

/// One entry of every kind of activity.
fn activity_entries() -> Result<Vec<ActivityEntry>, &'static str> {
    let at = when()?;
    Ok([
        ActivityEvent::TicketReply {
            number: "TIC-7".into(),
            title: TICKET_TITLE.into(),
            author: TECHNICIAN.into(),
        },
        ActivityEvent::TicketStatus {
            number: "TIC-7".into(),
            title: TICKET_TITLE.into(),
            status: STATUS.into(),
            closes: false,
        },
        ActivityEvent::TicketStatus {
            number: "TIC-7".into(),
            title: TICKET_TITLE.into(),
            status: "Closed".into(),
            closes: true,
        },
        ActivityEvent::InvoiceFinalized {
            number: "INV-9".into(),
            total: amount(123_450),
        },
        ActivityEvent::PaymentReceived {
            invoice: Some("INV-9".into()),
            amount: amount(123_450),
        },
        ActivityEvent::PaymentReceived {
            invoice: None,
            amount: amount(5_000),
        },
        ActivityEvent::ProjectStatus {
            number: "PRJ-1".into(),
            name: "Office move".into(),
            status: STATUS.into(),
        },
        ActivityEvent::MemberJoined {
            user_id: "u-2".into(),
            who: COLLEAGUE.into(),
        },
    ]
    .into_iter()
    .map(|event| ActivityEntry { event, at })
    .collect())
}

#[test]
fn the_dashboard_and_its_activity_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let shell = signed_in(t, &b, dashboard::title(t), NavItem::Dashboard);
    let mut check = Check::new(t);
    let data = [
        TICKET_TITLE,
        TECHNICIAN,
        COLLEAGUE,
        STATUS,
        "Closed",
        "Office move",
        "New",
    ];
    let full = DashboardView {
        sign_in_method: "password".into(),
        activity: activity_entries()?,
        ..dashboard_view(USER)?
    };
    check.html(
        "dashboard",
        &dashboard::page(&shell, &full).into_string(),
        &data,
    );
    for method in [
        "password+totp",
        "password+recovery_code",
        "oidc",
        "oidc+totp",
        "oidc+recovery_code",
    ] {
        let v = DashboardView {
            sign_in_method: method.into(),
            last_sign_in: None,
            ..full.clone()
        };
        let html = dashboard::page(&shell, &v).into_string();
        check.html(&format!("dashboard, signed in by {method}"), &html, &data);
    }
    let bare = DashboardView {
        company: None,
        tickets: None,
        projects: None,
        billing: None,
        activity: Vec::new(),
        ..full.clone()
    };
    check.html(
        "dashboard, no cards",
        &dashboard::page(&shell, &bare).into_string(),
        &data,
    );
    let empty_cards = DashboardView {
        tickets: full.tickets.clone().map(|c| dashboard::TicketsCard {
            recent: Vec::new(),
            can_create: false,
            ..c
        }),
        projects: full
            .projects
            .clone()
            .map(|p| crate::projects::ProjectsCard {
                next_due: None,
                ..p
            }),
        billing: full.billing.clone().map(|b| crate::billing::BillingCard {
            unpaid_count: 0,
            outstanding: Vec::new(),
            next_due: None,
            ..b
        }),
        ..full
    };
    let html = dashboard::page(&shell, &empty_cards).into_string();
    check.html("dashboard, empty cards", &html, &data);
    let html = activity::card(t, &[]).into_string();
    check.html("activity card, empty", &html, &[]);
    check.finish();
    Ok(())
}

fn choice(value: &str, label: &str, group: Option<&str>) -> ChoiceOption {
    ChoiceOption {
        value: value.into(),
        label: label.into(),
        group: group.map(str::to_owned),
    }
}

fn ticket_detail() -> Result<DetailView, &'static str> {
    let at = when()?;
    Ok(DetailView {
        csrf_token: "csrf".into(),
        number: "TIC-1001".into(),
        title: TICKET_TITLE.into(),
        description: "**Printer** jams on floor 2".into(),
        board: BOARD.into(),
        status: STATUS.into(),
        is_closed: false,
        priority: PRIORITY.into(),
        priority_color: "#ff0000".into(),
        category: Some(CATEGORY.into()),
        company: COMPANY.into(),
        contact: Some(USER.into()),
        assignee: Some(TECHNICIAN.into()),
        response_state: Some("awaiting_client".into()),
        entered_at: at,
        updated_at: at,
        closed_at: None,
        due_at: Some(at + Duration::hours(3)),
        comments: vec![
            CommentItem {
                id: "c1".into(),
                author_name: USER.into(),
                from_support: false,
                is_yours: true,
                body: "Still jamming".into(),
                created_at: at,
                edited_at: Some(at),
            },
            CommentItem {
                id: "c2".into(),
                author_name: TECHNICIAN.into(),
                from_support: true,
                is_yours: false,
                body: "On my way".into(),
                created_at: at,
                edited_at: None,
            },
        ],
        attachments: vec![
            AttachmentItem {
                id: "a1".into(),
                name: "jam.jpg".into(),
                size_bytes: 2048,
                uploaded_by: USER.into(),
                created_at: at,
            },
            AttachmentItem {
                id: "a2".into(),
                name: "log.txt".into(),
                size_bytes: 300,
                uploaded_by: TECHNICIAN.into(),
                created_at: at,
            },
            AttachmentItem {
                id: "a3".into(),
                name: "scan.pdf".into(),
                size_bytes: 5 * 1024 * 1024,
                uploaded_by: USER.into(),
                created_at: at,
            },
        ],
        can_update: true,
        editing: None,
        notice: Some(DetailNotice::Commented),
        comment_error: None,
        comment_draft: String::new(),
        attach_error: None,
        max_megabytes: 20,
        max_files: 10,
        now: at,
    })
}

#[test]
fn ticket_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let at = when()?;
    let data = [
        TICKET_TITLE,
        TECHNICIAN,
        STATUS,
        PRIORITY,
        BOARD,
        CATEGORY,
        "Projects",
        "Low",
        "Printer",
        "jams on floor 2",
        "Still jamming",
        "On my way",
        "jam.jpg",
        "log.txt",
        "scan.pdf",
        "printer",
    ];

    let item = ListItem {
        number: "TIC-1".into(),
        title: TICKET_TITLE.into(),
        status: STATUS.into(),
        is_closed: false,
        priority: PRIORITY.into(),
        priority_color: "#ff0000".into(),
        category: Some(CATEGORY.into()),
        contact: Some(USER.into()),
        response_state: Some("awaiting_client".into()),
        updated_at: at,
        due_at: Some(at - Duration::hours(1)),
    };
    let list = ListView {
        items: vec![
            item.clone(),
            ListItem {
                response_state: Some("awaiting_internal".into()),
                due_at: Some(at + Duration::hours(5)),
                category: None,
                contact: None,
                ..item.clone()
            },
            ListItem {
                is_closed: true,
                response_state: None,
                due_at: None,
                ..item
            },
        ],
        total: 60,
        page: 2,
        page_count: 3,
        filter: FilterValues {
            status: "open".into(),
            q: "printer".into(),
            sort: "updated".into(),
            dir: "asc".into(),
            ..FilterValues::default()
        },
        query: vec![("q".into(), "printer".into())],
        statuses: vec![choice("s1", STATUS, Some(BOARD))],
        priorities: vec![choice("p1", PRIORITY, None)],
        categories: vec![choice("c1", CATEGORY, None)],
        can_create: true,
        now: at,
    };
    let shell = signed_in(t, &b, tickets::title(t), NavItem::Tickets);
    let html = tickets::list::page(&shell, &list).into_string();
    check.html("ticket list", &html, &data);
    let empty = ListView {
        items: Vec::new(),
        total: 0,
        page: 1,
        page_count: 1,
        ..list
    };
    let html = tickets::list::page(&shell, &empty).into_string();
    check.html("ticket list, empty", &html, &data);

    let form = NewTicketView {
        csrf_token: "csrf".into(),
        boards: vec![choice("b1", BOARD, None), choice("b2", "Projects", None)],
        priorities: vec![
            choice("p1", "Low", None),
            choice("p2", PRIORITY, Some("Projects")),
        ],
        categories: vec![choice("c1", CATEGORY, Some(BOARD))],
        values: NewTicketValues {
            title: TICKET_TITLE.into(),
            description: "Still jamming".into(),
            board: "b1".into(),
            priority: "p2".into(),
            category: String::new(),
        },
        errors: [
            "required",
            "too_long",
            "control_characters",
            "file_too_large",
            "file_empty",
            "too_many_files",
            "file_name",
            "not_offered",
        ]
        .into_iter()
        .zip([
            "title",
            "board",
            "priority",
            "category",
            "description",
            "files",
            "files",
            "files",
        ])
        .map(|(code, field)| FieldError {
            field: field.into(),
            code: code.into(),
        })
        .collect(),
        max_megabytes: 20,
        max_files: 10,
    };
    let shell = signed_in(t, &b, tickets::form::title(t), NavItem::Tickets);
    let html = tickets::form::page(&shell, &form).into_string();
    check.html("new ticket, refused", &html, &data);
    let no_room = NewTicketView {
        errors: vec![FieldError {
            field: "files".into(),
            code: "storage_full".into(),
        }],
        ..form.clone()
    };
    let html = tickets::form::page(&shell, &no_room).into_string();
    check.html("new ticket, no room for files", &html, &data);
    let no_boards = NewTicketView {
        boards: Vec::new(),
        errors: Vec::new(),
        ..form
    };
    let html = tickets::form::page(&shell, &no_boards).into_string();
    check.html("new ticket, no boards", &html, &data);

    let shell = signed_in(t, &b, format!("TIC-1001 {TICKET_TITLE}"), NavItem::Tickets);
    let detail = ticket_detail()?;
    let html = tickets::detail::page(&shell, &detail).into_string();
    check.html("ticket", &html, &data);
    for (notice, editing, comment_error, attach_error) in [
        (DetailNotice::Created, Some("c1"), Some("too_long"), None),
        (
            DetailNotice::Edited,
            None,
            Some("required"),
            Some("file_too_large"),
        ),
        (DetailNotice::Closed, None, None, Some("too_many_files")),
        (DetailNotice::Reopened, None, None, Some("storage_full")),
        (DetailNotice::Attached, None, None, None),
    ] {
        let v = DetailView {
            notice: Some(notice),
            editing: editing.map(str::to_owned),
            comment_error: comment_error.map(str::to_owned),
            comment_draft: "Still jamming".into(),
            attach_error: attach_error.map(str::to_owned),
            is_closed: notice == DetailNotice::Closed,
            closed_at: (notice == DetailNotice::Closed).then_some(at),
            ..detail.clone()
        };
        let html = tickets::detail::page(&shell, &v).into_string();
        check.html(&format!("ticket, {notice:?}"), &html, &data);
    }
    let read_only = DetailView {
        can_update: false,
        comments: Vec::new(),
        attachments: Vec::new(),
        assignee: None,
        category: None,
        contact: None,
        due_at: None,
        notice: None,
        ..detail
    };
    let html = tickets::detail::page(&shell, &read_only).into_string();
    check.html("ticket, read only", &html, &data);
    check.finish();
    Ok(())
}

fn security_view() -> Result<SecurityView, &'static str> {
    let at = when()?;
    Ok(SecurityView {
        csrf_token: "csrf".into(),
        notice: None,
        two_factor_since: Some(at),
        recovery_codes_left: 9,
        two_factor_error: None,
        password_error: None,
        sessions: [
            (
                "abc",
                true,
                Some("Mozilla/5.0 (Windows NT 10.0) Chrome/120.0"),
                "password+totp",
            ),
            ("def", false, None, "oidc"),
            (
                "ghi",
                false,
                Some("Mozilla/5.0 (Windows NT 10.0) Chrome/120.0"),
                "password",
            ),
            ("jkl", false, None, "password+recovery_code"),
            ("mno", false, None, "oidc+totp"),
            ("pqr", false, None, "oidc+recovery_code"),
        ]
        .into_iter()
        .map(|(id, current, user_agent, method)| SessionItem {
            id: id.into(),
            user_agent: user_agent.map(str::to_owned),
            ip: current.then(|| "203.0.113.9".to_owned()),
            method: method.into(),
            signed_in_at: at,
            last_seen_at: at,
            current,
        })
        .collect(),
        sessions_error: None,
        identities: vec![IdentityItem {
            provider_name: "Contoso Entra".into(),
            email: EMAIL.into(),
            linked_at: at,
            last_used_at: at,
            issuer: "https://login.contoso.example".into(),
            subject: "1234567890".into(),
        }],
    })
}

#[test]
fn profile_security_and_account_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let data = [
        CHROME,
        "Contoso Entra",
        "Analytical Engines",
        "+44 20 7946 0000",
        "Europe/London",
        "English",
        "Français",
        "Deutsch",
        "Español",
        "Italiano",
        "Nederlands",
        "Polski",
        "Português",
        "ada@lovelace.example",
        "This is similar to a commonly used password.",
        "Mathematician",
        "1 Engine Way",
        "London N1 9GU",
        "https://analytical.example/",
    ];

    let shell = signed_in(t, &b, security::title(t), NavItem::Profile);
    let full = security_view()?;
    check.html(
        "security",
        &security::page(&shell, &full).into_string(),
        &data,
    );
    let notices = [
        SecurityNotice::PasswordChanged {
            others_signed_out: 2,
        },
        SecurityNotice::TwoFactorOn,
        SecurityNotice::TwoFactorOff,
        SecurityNotice::SessionRevoked,
        SecurityNotice::OthersRevoked { count: 1 },
        SecurityNotice::IdentityUnlinked,
    ];
    let proofs = [
        ProofProblem::WrongPassword,
        ProofProblem::Code(CodeError::Invalid),
        ProofProblem::NeedsProof,
        ProofProblem::Throttled { minutes: 3 },
    ];
    let passwords = [
        PasswordProblem::WrongCurrent,
        PasswordProblem::TooWeak {
            warning: Some("This is similar to a commonly used password.".into()),
        },
        PasswordProblem::Throttled { minutes: 1 },
        PasswordProblem::ContainsName,
    ];
    for (i, notice) in notices.into_iter().enumerate() {
        let v = SecurityView {
            notice: Some(notice),
            two_factor_since: (i % 2 == 0).then_some(full.two_factor_since).flatten(),
            two_factor_error: proofs.get(i).copied(),
            sessions_error: proofs.get(i).copied(),
            password_error: passwords.get(i).cloned(),
            ..full.clone()
        };
        let html = security::page(&shell, &v).into_string();
        check.html(&format!("security, {notice:?}"), &html, &data);
    }
    let enrollment = EnrollmentView {
        otpauth_url: "otpauth://totp/Northwind:ada?secret=JBSWY3DPEHPK3PXP".into(),
        secret_base32: "JBSWY3DPEHPK3PXP".into(),
    };
    for error in std::iter::once(None).chain(CodeError::ALL.map(Some)) {
        let html = security::enroll_page(&shell, &enrollment, "csrf", error).into_string();
        check.html(
            &format!("security, two-factor set-up, {error:?}"),
            &html,
            &data,
        );
    }
    let codes = ["4f7k-2m9q".to_owned()];
    let html = security::codes_page(&shell, &codes).into_string();
    check.html("security, recovery codes", &html, &data);

    let languages = crate::i18n::Locales::named();
    let profile_view = ProfileView {
        email_card: EmailCardView {
            pending: Some(PendingView {
                email: "ada@lovelace.example".into(),
                expires_at: when()?,
            }),
            notice: Some(EmailNotice::Resent),
            problem: Some(EmailProblem::Taken),
            typed_email: "ada@lovelace.example".into(),
            ..EmailCardView::new(EMAIL.into(), true)
        },
        values: ProfileValues {
            full_name: USER.into(),
            phone: "+44 20 7946 0000".into(),
            job_title: "Mathematician".into(),
            locale: "en".into(),
            time_zone: "Europe/London".into(),
            date_format: "language".into(),
        },
        errors: [
            "required",
            "too_long",
            "not_a_phone_number",
            "unknown_language",
            "unknown_time_zone",
            "unknown_date_format",
            "control_characters",
        ]
        .into_iter()
        .zip([
            "full_name",
            "job_title",
            "phone",
            "locale",
            "time_zone",
            "date_format",
            "full_name",
        ])
        .map(|(problem, field)| ProfileFieldError { field, problem })
        .collect(),
        notice: Some(ProfileNotice::Saved),
        csrf_token: "csrf".into(),
        languages,
        default_language: "English".into(),
        time_zones: vec!["Europe/London", "UTC"],
        today: NaiveDate::from_ymd_opt(2026, 12, 7).ok_or("date")?,
        deletion_unconfirmed: true,
        notifications: NotificationsCard {
            tenant_name: TENANT.into(),
            kinds: vec![
                ("ticket_reply", true),
                ("ticket_closed", false),
                ("invoice_finalized", true),
                ("invitation_accepted", false),
            ],
            saved: true,
        },
    };
    let shell = signed_in(t, &b, profile::title(t), NavItem::Profile);
    let html = profile::page(&shell, &profile_view).into_string();
    check.html("profile", &html, &data);
    let problems = [
        EmailProblem::Missing,
        EmailProblem::Malformed,
        EmailProblem::Same,
        EmailProblem::WrongPassword,
        EmailProblem::Throttled { minutes: 4 },
        EmailProblem::TooMany,
        EmailProblem::NoPassword,
        EmailProblem::Unavailable,
    ];
    let notices = [
        Some(ProfileNotice::Unchanged),
        Some(ProfileNotice::DeletionRequested),
        None,
    ];
    let email_notices = [
        Some(EmailNotice::Cancelled),
        Some(EmailNotice::NothingPending),
        None,
    ];
    for (i, problem) in problems.into_iter().enumerate() {
        let v = ProfileView {
            email_card: EmailCardView {
                problem: Some(problem),
                notice: email_notices.get(i % 3).copied().flatten(),
                pending: None,
                ..EmailCardView::new(EMAIL.into(), i % 2 == 0)
            },
            errors: Vec::new(),
            notice: notices.get(i % 3).copied().flatten(),
            deletion_unconfirmed: false,
            notifications: NotificationsCard::default(),
            ..profile_view.clone()
        };
        let html = profile::page(&shell, &v).into_string();
        check.html(&format!("profile, email {problem:?}"), &html, &data);
    }

    let shell = signed_in(t, &b, account::title(t), NavItem::Profile);
    for (role, permissions) in [
        (
            Some("admin"),
            vec!["ticket:read", "ticket:create", "company:manage"],
        ),
        (Some("finance"), vec!["billing:read"]),
        (Some("user"), vec!["ticket:read"]),
        (None, vec![]),
    ] {
        let v = AccountView {
            full_name: USER.into(),
            email: EMAIL.into(),
            role,
            permissions: permissions.into_iter().map(str::to_owned).collect(),
            company: if role.is_some() {
                CompanyDetails {
                    name: COMPANY.into(),
                    phone: Some("+44 20 7946 0000".into()),
                    email: Some(EMAIL.into()),
                    website: Some("https://analytical.example/".into()),
                    billing_address: vec!["1 Engine Way".into(), "London N1 9GU".into()],
                    shipping_address: Vec::new(),
                }
            } else {
                CompanyDetails {
                    name: COMPANY.into(),
                    ..CompanyDetails::default()
                }
            },
        };
        let html = account::page(&shell, &v).into_string();
        check.html(&format!("account, role {role:?}"), &html, &data);
    }
    check.finish();
    Ok(())
}

fn company_view() -> Result<CompanyView, &'static str> {
    let at = when()?;
    let user = CompanyUserItem {
        user_id: "u-1".into(),
        name: USER.into(),
        email: EMAIL.into(),
        role: MemberRole::Admin,
        inactive: false,
        two_factor: true,
        last_sign_in: Some(at),
        active_sessions: 1,
        is_you: true,
    };
    let session = CompanySessionItem {
        id: "s-1".into(),
        user_name: USER.into(),
        user_agent: Some("Mozilla/5.0 (Windows NT 10.0) Chrome/120.0".into()),
        ip: Some("203.0.113.9".into()),
        method: "password+totp".into(),
        last_seen_at: at,
        is_current: true,
    };
    let events = [
        ("sign_in", "success"),
        ("sign_in", "failure"),
        ("sign_in", "second_factor"),
        ("user_role_changed", "success"),
        ("user_deactivated", "success"),
        ("user_reactivated", "success"),
        ("password_reset_sent", "success"),
        ("session_revoked", "success"),
        ("profile_updated", "success"),
        ("company_two_factor_required", "success"),
        ("company_updated", "success"),
    ];
    Ok(CompanyView {
        company: COMPANY.into(),
        csrf_token: "csrf".into(),
        notice: None,
        users: vec![
            user.clone(),
            CompanyUserItem {
                user_id: "u-2".into(),
                name: COLLEAGUE.into(),
                email: COLLEAGUE_EMAIL.into(),
                role: MemberRole::Finance,
                inactive: true,
                two_factor: false,
                last_sign_in: None,
                active_sessions: 0,
                is_you: false,
            },
            CompanyUserItem {
                user_id: "u-3".into(),
                role: MemberRole::User,
                is_you: false,
                ..user
            },
        ],
        sessions: vec![
            session.clone(),
            CompanySessionItem {
                id: "s-2".into(),
                user_name: COLLEAGUE.into(),
                user_agent: None,
                ip: None,
                method: "oidc".into(),
                is_current: false,
                ..session
            },
        ],
        events: events
            .into_iter()
            .enumerate()
            .map(|(i, (kind, outcome))| SignInEventItem {
                at,
                kind: kind.into(),
                email: COLLEAGUE_EMAIL.into(),
                outcome: outcome.into(),
                ip: (i % 2 == 0).then(|| "203.0.113.9".to_owned()),
            })
            .collect(),
        invitees: vec![
            InviteeItem {
                contact_id: "k-1".into(),
                name: "Charles Babbage".into(),
                email: "charles@analytical.example".into(),
                pending_until: Some(at),
            },
            InviteeItem {
                contact_id: "k-2".into(),
                name: "Mary Somerville".into(),
                email: "mary@analytical.example".into(),
                pending_until: None,
            },
        ],
        invited: Some("charles@analytical.example".into()),
        requires_two_factor: true,
        details: CompanyDetailsView {
            editable: false,
            phone: "+44 20 7946 0000".into(),
            email: String::new(),
            website: "https://analytical.example".into(),
            address: vec![
                ("line1", "1 Engine Way".into()),
                ("line2", String::new()),
                ("postal_code", "N1 9GU".into()),
                ("city", "London".into()),
                ("region", String::new()),
                ("country", "United Kingdom".into()),
            ],
            errors: Vec::new(),
        },
    })
}

#[test]
fn company_settings_and_member_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let data = [
        COLLEAGUE,
        COLLEAGUE_EMAIL,
        CHROME,
        "Charles Babbage",
        "charles@analytical.example",
        "Mary Somerville",
        "mary@analytical.example",
        "https://analytical.example",
        "1 Engine Way",
        "London",
        "United Kingdom",
    ];
    let shell = signed_in(t, &b, company::title(t), NavItem::Company);
    let full = company_view()?;
    check.html(
        "company settings",
        &company::page(&shell, &full).into_string(),
        &data,
    );
    let notices = [
        CompanyNotice::TwoFactorSaved,
        CompanyNotice::DetailsSaved,
        CompanyNotice::DetailsUnchanged,
        CompanyNotice::SessionEnded,
        CompanyNotice::UserSignedOut { count: 3 },
    ];
    for (i, notice) in notices.into_iter().enumerate() {
        let details = CompanyDetailsView {
            editable: true,
            errors: [
                "phone",
                "email",
                "website",
                "billing_address.line1",
                "billing_address.city",
            ]
            .into_iter()
            .take(i + 1)
            .map(str::to_owned)
            .collect(),
            ..full.details.clone()
        };
        let v = CompanyView {
            notice: Some(notice),
            details,
            invited: None,
            ..full.clone()
        };
        let html = company::page(&shell, &v).into_string();
        check.html(&format!("company settings, {notice:?}"), &html, &data);
    }
    let empty = CompanyView {
        sessions: Vec::new(),
        events: Vec::new(),
        invitees: Vec::new(),
        invited: None,
        details: CompanyDetailsView::default(),
        ..full
    };
    let html = company::page(&shell, &empty).into_string();
    check.html("company settings, nothing listed", &html, &data);

    let member = MemberView {
        user_id: "u-2".into(),
        name: COLLEAGUE.into(),
        email: COLLEAGUE_EMAIL.into(),
        role: MemberRole::Finance,
        inactive: false,
        two_factor: true,
        last_sign_in: Some(when()?),
        active_sessions: 2,
        is_you: false,
        csrf_token: "csrf".into(),
        notice: None,
        error: None,
    };
    let shell = signed_in(t, &b, company_member::title(&member), NavItem::Company);
    let html = company_member::page(&shell, &member).into_string();
    check.html("member", &html, &data);
    let notices = [
        MemberNotice::RoleChanged,
        MemberNotice::Deactivated,
        MemberNotice::Reactivated,
        MemberNotice::Unchanged,
        MemberNotice::ResetSent,
    ];
    let errors = [
        MemberError::LastAdmin,
        MemberError::Conflict,
        MemberError::BadRole,
        MemberError::Inactive,
    ];
    for (i, notice) in notices.into_iter().enumerate() {
        let v = MemberView {
            notice: Some(notice),
            error: errors.get(i).copied(),
            inactive: i % 2 == 1,
            is_you: i == 2,
            two_factor: i % 2 == 0,
            last_sign_in: None,
            role: [MemberRole::Admin, MemberRole::User][i % 2],
            ..member.clone()
        };
        let html = company_member::page(&shell, &v).into_string();
        check.html(&format!("member, {notice:?}"), &html, &data);
    }
    check.finish();
    Ok(())
}
