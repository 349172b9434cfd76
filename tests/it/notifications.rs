//! Notification emails and the activity they come from: an MSP reply is emailed at once and the
//! replies within the next two minutes come as one follow-up; a closed ticket, a new invoice (to
//! Finance and Admin only) and an accepted invitation are emailed; each email answers to the
//! MSP's support address and carries a one-click unsubscribe that needs no sign-in and turns
//! off only its kind; the profile's choices; the recipient's time zone; exactly once across
//! instances (the dashboard's "Recent activity", from the same rows: tests/it/activity.rs).

use std::time::Duration as StdDuration;

use chrono::Duration;
use portal_actors::mailer::DeliverDue;
use portal_actors::notifications::NotifyDue;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;
use crate::smtp_server::{Received, SmtpServer};
use crate::ticket_data::{person, signed_in};
use crate::ticket_fixtures::{post_note, post_reply, put_ticket, seed_basic, Fixture, TicketSpec};

const ADA: &str = "ada@acme.example";
const SUPPORT: &str = "help@northwind.example";

/// Settings whose email goes to `smtp`, notified and delivered only when a test says so.
fn quiet_mail_to(smtp: &SmtpServer) -> impl Fn(&mut portal::config::Settings) {
    let to_smtp = mail_to(smtp);
    move |s| {
        to_smtp(s);
        s.notifications.poll_interval_ms = 3_600_000;
    }
}

/// A portal whose email goes to `smtp`, notified and delivered only when a test says so.
async fn app_with(smtp: &SmtpServer) -> Option<TestApp> {
    spawn_app_with(quiet_mail_to(smtp)).await
}

/// Ada's company with tickets (through the integration API), the support address set, and
/// what that seeding emailed delivered.
pub(crate) async fn seeded(smtp: &SmtpServer) -> Option<(TestApp, Fixture)> {
    let app = app_with(smtp).await?;
    let f = seed(&app, smtp).await;
    Some((app, f))
}

/// What `seeded` puts in `app`'s database.
async fn seed(app: &TestApp, smtp: &SmtpServer) -> Fixture {
    app.client_user(None, ADA, "Acme Manufacturing").await;
    let f = seed_basic(app, ADA).await;
    let (status, body) = admin_put(
        app,
        &format!("/admin/tenants/{}/support-email", app.tenant.slug),
        json!({ "address": SUPPORT }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    settle(app).await;
    // The seed's MSP reply (on TST-2) reached Ada: later counts start after it.
    next_to(smtp, ADA, 0)
        .await
        .expect("the seeded reply's email");
    f
}

async fn admin_put(app: &TestApp, path: &str, body: Value) -> (u16, Value) {
    let resp = app
        .http
        .put(format!("{}{path}", app.admin))
        .bearer_auth(ADMIN_TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Turns waiting activity into emails and delivers what is due.
async fn settle(app: &TestApp) {
    app.state.notifier.send(NotifyDue).await.unwrap().unwrap();
    app.state.mailer.send(DeliverDue).await.unwrap().unwrap();
}

/// The next email to `to` after the `already` it had (2 s), or none.
async fn next_to(smtp: &SmtpServer, to: &str, already: usize) -> Option<Received> {
    smtp.wait_for_nth(to, already, StdDuration::from_secs(2))
        .await
}

fn subject(m: &Received) -> String {
    m.header("Subject").unwrap_or_default()
}

/// Sets one of a user's preferences (language, time zone) as the profile would store it.
pub(crate) async fn set_pref(app: &TestApp, user: Uuid, key: &str, value: &str) {
    let now = app.clock.now_utc();
    portal_actors::store::preferences::set(
        app.db.exec(),
        app.tenant.id,
        user,
        key,
        Some(value),
        now,
    )
    .await
    .unwrap();
}

/// Puts a finalized EUR invoice of Ada's company through the integration API
/// (subtotal, tax, total in cents; `finalized_at` as the PSA says, else now).
pub(crate) async fn put_invoice(
    f: &Fixture,
    number: &str,
    (subtotal, tax, total): (i64, i64, i64),
    finalized_at: Option<chrono::DateTime<chrono::Utc>>,
) {
    let invoice = json!({
        "number": number, "client_id": f.client_id, "currency": "EUR",
        "issue_date": "2026-11-01", "due_date": "2026-11-30", "finalized_at": finalized_at,
        "subtotal_minor": subtotal, "tax_minor": tax, "total_minor": total, "lines": [],
    });
    let (status, body) = f
        .api
        .put(&format!("/invoices/{}", Uuid::new_v4()), &invoice)
        .await;
    assert_eq!(status, 201, "{body}");
}

/// A new ticket of Ada's on the service desk; its spec (to change it later).
pub(crate) async fn ada_ticket(f: &Fixture, number: &str, title: &str) -> TicketSpec {
    let s = &f.desk_statuses;
    let mut spec = TicketSpec::new(number, title, f.desk, s.new, f.normal, f.client_id);
    spec.contact = Some(f.contact_id);
    put_ticket(&f.api, &spec).await;
    spec
}

#[actix_web::test]
async fn the_first_reply_is_emailed_at_once_and_the_next_two_minutes_come_as_one_follow_up() {
    let smtp = SmtpServer::start().await;
    let Some((app, f)) = seeded(&smtp).await else {
        return;
    };
    let spec = ada_ticket(&f, "TST-50", "Scanner offline").await;
    let before = smtp.messages_to(ADA).len();

    post_reply(&f.api, spec.ticket_id, "Can you restart it?").await;
    post_note(&f.api, spec.ticket_id, "internal: probably the driver").await;
    settle(&app).await;
    let first = next_to(&smtp, ADA, before)
        .await
        .expect("the first reply's email");
    assert_eq!(
        smtp.messages_to(ADA).len(),
        before + 1,
        "the note sends nothing"
    );
    assert_eq!(
        subject(&first),
        "New reply on ticket TST-50: Scanner offline"
    );
    let text = first.text();
    assert!(text.contains("Can you restart it?"), "{text}");
    assert!(!text.contains("probably the driver"), "{text}");
    assert_eq!(first.header("Reply-To").as_deref(), Some(SUPPORT));
    assert!(first
        .header("List-Unsubscribe")
        .is_some_and(|u| u.contains("/notifications/unsubscribe/")));
    assert_eq!(
        first.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );

    // Two more replies within the window: nothing goes out until it closes.
    for (after, body) in [(30, "Any luck?"), (40, "We pushed a fix.")] {
        app.clock.advance(Duration::seconds(after));
        post_reply(&f.api, spec.ticket_id, body).await;
        settle(&app).await;
    }
    assert_eq!(
        smtp.messages_to(ADA).len(),
        before + 1,
        "gathered, not sent"
    );
    app.clock.advance(Duration::seconds(51));
    settle(&app).await;
    let follow_up = next_to(&smtp, ADA, before + 1)
        .await
        .expect("the follow-up");
    assert_eq!(
        subject(&follow_up),
        "2 more replies on ticket TST-50: Scanner offline"
    );
    let text = follow_up.text();
    assert!(
        text.contains("Any luck?") && text.contains("We pushed a fix."),
        "{text}"
    );
    assert!(!text.contains("Can you restart it?"), "{text}");

    // After the window, the next reply is news again.
    app.clock.advance(Duration::minutes(5));
    post_reply(&f.api, spec.ticket_id, "Closing this soon.").await;
    settle(&app).await;
    let again = next_to(&smtp, ADA, before + 2)
        .await
        .expect("a new first reply");
    assert!(subject(&again).starts_with("New reply on ticket TST-50"));
    assert_eq!(smtp.messages_to(ADA).len(), before + 3);
}

/// The path (and query) of the email's unsubscribe link.
fn unsubscribe_path(m: &Received) -> String {
    let header = m.header("List-Unsubscribe").expect("List-Unsubscribe");
    let url = header.trim_start_matches('<').trim_end_matches('>');
    let start = url.find("/notifications/").expect("unsubscribe path");
    url[start..].to_owned()
}

async fn pref(app: &TestApp, user: Uuid, key: &str) -> Option<String> {
    portal_actors::store::preferences::get(app.db.exec(), app.tenant.id, user, key)
        .await
        .unwrap()
}

#[actix_web::test]
async fn a_closed_ticket_is_emailed_and_one_click_unsubscribes_only_that_kind_without_signing_in() {
    let smtp = SmtpServer::start().await;
    let Some((app, f)) = seeded(&smtp).await else {
        return;
    };
    let ada = portal_actors::store::users::find_id(
        &app.db,
        app.tenant.id,
        &portal_actors::model::Email::parse(ADA).unwrap(),
        portal_actors::model::UserType::Client,
    )
    .await
    .unwrap()
    .unwrap();
    let mut spec = ada_ticket(&f, "TST-60", "Monitor flickers").await;
    let before = smtp.messages_to(ADA).len();
    spec.status = f.desk_statuses.in_progress;
    put_ticket(&f.api, &spec).await;
    settle(&app).await;
    assert_eq!(
        smtp.messages_to(ADA).len(),
        before,
        "only closing is emailed"
    );
    spec.status = f.desk_statuses.resolved;
    put_ticket(&f.api, &spec).await;
    settle(&app).await;
    let closed = next_to(&smtp, ADA, before).await.expect("closed email");
    assert_eq!(
        subject(&closed),
        "Ticket TST-60 was closed: Monitor flickers"
    );
    assert!(
        closed.text().contains("status: Resolved"),
        "{}",
        closed.text()
    );

    // Opening the link (as a mail scanner would) changes nothing; its button does.
    let path = unsubscribe_path(&closed);
    let stranger = client();
    let page = stranger
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(body.contains("My tickets closed by"), "{body}");
    assert_eq!(pref(&app, ada, "notify_ticket_closed").await, None);

    // The mail provider's RFC 8058 POST: no cookie, its own origin.
    let done = stranger
        .post(format!("{}{path}", app.base))
        .header("Origin", "https://mail.example")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("no longer get emails"));
    assert_eq!(
        pref(&app, ada, "notify_ticket_closed").await.as_deref(),
        Some("off")
    );
    assert_eq!(pref(&app, ada, "notify_ticket_reply").await, None);
    let events = audit_events(&app, "notification_unsubscribed").await;
    assert_eq!(events.len(), 1);
    assert!(events[0]
        .details
        .as_deref()
        .unwrap_or_default()
        .contains("ticket_closed"));

    // Another closed ticket is not emailed; a reply still is.
    let mut other = ada_ticket(&f, "TST-61", "Keyboard").await;
    other.status = f.desk_statuses.resolved;
    put_ticket(&f.api, &other).await;
    post_reply(&f.api, other.ticket_id, "Closed after the swap.").await;
    settle(&app).await;
    let next = next_to(&smtp, ADA, before + 1)
        .await
        .expect("the reply still comes");
    assert!(subject(&next).starts_with("New reply on ticket TST-61"));
    assert_eq!(smtp.messages_to(ADA).len(), before + 2);

    // A tampered or foreign token changes nothing.
    let mut forged = path.clone();
    let cut = forged.find('?').unwrap_or(forged.len());
    forged.replace_range(cut - 2..cut, "AA");
    for bad in [forged, "/notifications/unsubscribe/nope".to_owned()] {
        let resp = stranger
            .post(format!("{}{bad}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 404, "{bad}");
    }
    assert_eq!(pref(&app, ada, "notify_ticket_reply").await, None);
}

#[actix_web::test]
async fn a_new_invoice_goes_to_finance_and_admins_only_in_their_time_zone() {
    let smtp = SmtpServer::start().await;
    let Some((app, f)) = seeded(&smtp).await else {
        return;
    };
    let tenant = app.tenant.clone();
    let finance = person(
        &app,
        &tenant,
        "fin@acme.example",
        "Acme Manufacturing",
        Some("Finance"),
    )
    .await;
    let admin = person(
        &app,
        &tenant,
        "boss@acme.example",
        "Acme Manufacturing",
        Some("Admin"),
    )
    .await;
    // Ada is a plain User: no invoice emails for her.
    let before = smtp.messages_to(ADA).len();
    set_pref(&app, finance.user.user_id, "time_zone", "Asia/Tokyo").await;
    set_pref(&app, admin.user.user_id, "locale", "fr").await;
    put_invoice(&f, "INV-7001", (100000, 23450, 123450), None).await;
    settle(&app).await;
    let mail = next_to(&smtp, &finance.user.email, 0)
        .await
        .expect("invoice email");
    assert!(
        subject(&mail).starts_with("New invoice INV-7001"),
        "{}",
        subject(&mail)
    );
    let text = mail.text();
    assert!(text.contains("€1,234.50"), "{text}");
    assert!(
        text.contains("/client-portal/billing/invoices/INV-7001"),
        "{text}"
    );
    // The admin reads French: the email is in French, the amount formatted the French way.
    let mail = next_to(&smtp, &admin.user.email, 0)
        .await
        .expect("invoice email");
    assert!(
        subject(&mail).starts_with("Nouvelle facture INV-7001"),
        "{}",
        subject(&mail)
    );
    let text = mail.text();
    assert!(text.contains("1\u{202f}234,50\u{a0}€"), "{text}");
    assert_eq!(smtp.messages_to(ADA).len(), before);

    // A reply's time is shown in the recipient's zone (Tokyo is UTC+9, no DST).
    let spec = TicketSpec {
        contact: Some(finance.contact_id),
        ..TicketSpec::new(
            "TST-70",
            "Toner",
            f.desk,
            f.desk_statuses.new,
            f.normal,
            f.client_id,
        )
    };
    put_ticket(&f.api, &spec).await;
    post_reply(&f.api, spec.ticket_id, "Ordered.").await;
    settle(&app).await;
    let reply = next_to(&smtp, &finance.user.email, 1)
        .await
        .expect("reply email");
    let tokyo = app.clock.now_utc().with_timezone(&chrono_tz::Asia::Tokyo);
    let text = reply.text();
    assert!(text.contains("GMT+9") || text.contains("JST"), "{text}");
    assert!(
        text.contains(&tokyo.format("%-I:%M").to_string()),
        "{tokyo} in {text}"
    );
}

#[actix_web::test]
async fn the_profile_choices_turn_emails_off_and_on_and_are_audited() {
    let smtp = SmtpServer::start().await;
    let Some((app, f)) = seeded(&smtp).await else {
        return;
    };
    let tenant = app.tenant.clone();
    let b = signed_in_at(&app, &tenant, ADA).await;
    let page = b.get("/client-portal/profile").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Email notifications"), "{}", page.body);
    // A plain User is offered replies and closed tickets, not invoices or invitations.
    assert!(page
        .body
        .contains(r#"name="ticket_reply" value="on" checked"#));
    assert!(!page.body.contains(r#"name="invoice_finalized""#));
    let csrf = Browser::form_csrf(&page);
    let saved = b
        .post_form(
            "/client-portal/profile/notifications",
            &[("csrf_token", &csrf), ("ticket_closed", "on")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = b.get("/client-portal/profile?notifications=saved").await;
    assert!(page.body.contains("choices were saved"));
    assert!(
        page.body.contains(r#"name="ticket_reply" value="on">"#),
        "{}",
        page.body
    );
    let events = audit_events(&app, "notification_preferences_changed").await;
    assert_eq!(events.len(), 1);

    let spec = ada_ticket(&f, "TST-80", "Wi-Fi").await;
    let before = smtp.messages_to(ADA).len();
    post_reply(&f.api, spec.ticket_id, "Try now.").await;
    settle(&app).await;
    assert!(
        next_to(&smtp, ADA, before).await.is_none(),
        "replies are off"
    );

    // Without the CSRF token nothing changes.
    let refused = b
        .post_form(
            "/client-portal/profile/notifications",
            &[("ticket_reply", "on")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let page = b.get("/client-portal/profile").await;
    assert!(page.body.contains(r#"name="ticket_reply" value="on">"#));
}

#[actix_web::test]
async fn each_event_is_emailed_once_when_two_instances_notify_at_the_same_time() {
    let smtp = SmtpServer::start().await;
    let quiet = quiet_mail_to(&smtp);
    let Some(apps) = spawn_instances(2, move |_, s| quiet(s)).await else {
        return;
    };
    let (first, second) = (&apps[0], &apps[1]);
    let f = seed(first, &smtp).await;
    let before = smtp.messages_to(ADA).len();
    let mut tickets = Vec::new();
    for n in 0..6 {
        let spec = ada_ticket(&f, &format!("TST-9{n}"), "Laptop").await;
        post_reply(&f.api, spec.ticket_id, "On it.").await;
        tickets.push(spec);
    }
    let (a, b) = futures_util::join!(
        first.state.notifier.send(NotifyDue),
        second.state.notifier.send(NotifyDue)
    );
    let handled = a.unwrap().unwrap() + b.unwrap().unwrap();
    assert_eq!(handled, 6, "each event handled by one instance");
    settle(first).await;
    settle(second).await;
    next_to(&smtp, ADA, before + 5).await.expect("six emails");
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    assert_eq!(smtp.messages_to(ADA).len(), before + 6);
}

#[actix_web::test]
async fn old_history_is_listed_but_not_emailed_and_a_bad_support_address_changes_nothing() {
    let smtp = SmtpServer::start().await;
    let Some((app, f)) = seeded(&smtp).await else {
        return;
    };
    let tenant = app.tenant.clone();
    let boss = person(
        &app,
        &tenant,
        "boss@acme.example",
        "Acme Manufacturing",
        Some("Admin"),
    )
    .await;
    let ten_days_ago = app.clock.now_utc() - Duration::days(10);
    put_invoice(&f, "INV-OLD", (1000, 0, 1000), Some(ten_days_ago)).await;
    settle(&app).await;
    assert!(
        next_to(&smtp, &boss.user.email, 0).await.is_none(),
        "history is not news"
    );
    let page = signed_in(&app, &tenant, &boss)
        .await
        .get("/client-portal/dashboard")
        .await;
    assert!(
        page.body.contains("Invoice INV-OLD issued"),
        "{}",
        page.body
    );

    let path = format!("/admin/tenants/{}/support-email", tenant.slug);
    let (status, body) = admin_put(&app, &path, json!({ "address": "not an address" })).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_field");
    assert_eq!(body["field"], "address");
    let shown = app
        .http
        .get(format!("{}{path}", app.admin))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(shown["address"], SUPPORT);
}
