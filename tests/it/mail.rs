//! The outbox and the Mailer: delivery over a real SMTP listener, retries with back-off, the
//! mailbox folder without SMTP, no double sends from two instances, metrics.

use std::time::Duration as StdDuration;

use chrono::Duration;
use portal_actors::store::outbox::{self, EmailContent, MailKind, OutboxMessage};

use crate::helpers::{mail_to, spawn_app_with, spawn_instances, TestApp, ADMIN_TOKEN};
use crate::smtp_server::SmtpServer;

/// Waits for the Mailer's start-up pass (it delivers what was queued before it ran): a message
/// queued while that pass is still to come would be claimed by it, not by the test's own pass
/// (seen under CI load: the test's `deliver` reported nothing sent).
async fn after_the_start_up_pass(app: &TestApp) {
    for _ in 0..200 {
        let page = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
        let body: serde_json::Value = serde_json::from_str(&page.body).unwrap_or_default();
        if !body["actors"]["mailer"]["last_periodic_run"].is_null() {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(25)).await;
    }
    panic!("the mailer's start-up pass never ran");
}

async fn queue(app: &TestApp, recipient: &str, subject: &str) {
    after_the_start_up_pass(app).await;
    let mut tx = app.db.begin().await.unwrap();
    outbox::enqueue(
        tx.exec(),
        &OutboxMessage {
            tenant: app.tenant.id,
            kind: MailKind::PasswordReset,
            recipient: recipient.to_owned(),
            content: EmailContent {
                subject: subject.to_owned(),
                body_text: format!("Hello.\n.a line starting with a dot\nhttps://portal.example/x?token=abc\n{subject}\n"),
                body_html: "<p>Hello, <b>café</b></p>".to_owned(),
            },
        },
        portal_actors::Clock::now(app.clock.as_ref()),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn deliver(app: &TestApp) -> serde_json::Value {
    let page = app
        .admin_post("/admin/mailer/deliver", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str::<serde_json::Value>(&page.body).unwrap()["delivery"].clone()
}

/// Whole seconds from `a` to `b`, rounded (PostgreSQL keeps microseconds only).
fn seconds_between(a: chrono::DateTime<chrono::Utc>, b: chrono::DateTime<chrono::Utc>) -> i64 {
    ((b - a).num_milliseconds() as f64 / 1000.0).round() as i64
}

fn emails(kind: &str, outcome: &str) -> [(&'static str, String); 2] {
    [("kind", kind.to_owned()), ("outcome", outcome.to_owned())]
}

async fn email_metric(app: &TestApp, kind: &str, outcome: &str) -> f64 {
    let labels = emails(kind, outcome);
    let labels: Vec<(&str, &str)> = labels.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.metric("portal_emails_total", &labels).await
}

#[actix_web::test]
async fn a_queued_email_is_delivered_over_smtp_with_text_and_html() {
    let smtp = SmtpServer::start().await;
    let Some(app) = spawn_app_with(mail_to(&smtp)).await else {
        return;
    };
    queue(&app, "ada@acme.example", "Reset your password").await;
    let report = deliver(&app).await;
    assert_eq!(report["sent"], 1, "{report}");
    let mail = smtp.wait_for("ada@acme.example").await;
    assert_eq!(mail.mail_from, "portal@localhost");
    assert_eq!(mail.header("Subject").unwrap(), "Reset your password");
    assert!(mail.header("To").unwrap().contains("ada@acme.example"));
    let text = mail.text();
    assert!(text.contains(".a line starting with a dot"), "{text}");
    assert_eq!(mail.first_link(), "https://portal.example/x?token=abc");
    assert!(mail.part("text/html").unwrap().contains("café"));
    let rows = outbox::for_recipient(&app.db, "ada@acme.example")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].sent_at.is_some());
    assert_eq!(rows[0].attempts, 1);
    assert_eq!(email_metric(&app, "password_reset", "sent").await, 1.0);
    assert_eq!(app.metric("portal_outbox_pending", &[]).await, 0.0);
    // Sent once: another run sends nothing.
    assert_eq!(deliver(&app).await["sent"], 0);
    assert_eq!(smtp.messages().len(), 1);
}

#[actix_web::test]
async fn a_refused_delivery_is_retried_with_back_off_then_delivered() {
    let smtp = SmtpServer::start().await;
    smtp.refuse_next(2);
    let Some(app) = spawn_app_with(mail_to(&smtp)).await else {
        return;
    };
    queue(&app, "ben@acme.example", "Try me").await;
    let report = deliver(&app).await;
    assert_eq!(report["retry"], 1, "{report}");
    let row = &outbox::for_recipient(&app.db, "ben@acme.example")
        .await
        .unwrap()[0];
    assert_eq!(row.attempts, 1);
    assert!(
        row.last_error.as_deref().unwrap_or("").contains("451"),
        "{row:?}"
    );
    let now = portal_actors::Clock::now(app.clock.as_ref());
    // First retry after retry_base (30 s).
    assert_eq!(seconds_between(now, row.next_attempt_at), 30);
    assert_eq!(app.metric("portal_outbox_pending", &[]).await, 1.0);

    // Not due yet: nothing happens.
    app.clock.advance(Duration::seconds(29));
    assert_eq!(deliver(&app).await["retry"], 0);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(deliver(&app).await["retry"], 1);
    let row = &outbox::for_recipient(&app.db, "ben@acme.example")
        .await
        .unwrap()[0];
    assert_eq!(row.attempts, 2);
    let now = portal_actors::Clock::now(app.clock.as_ref());
    // Then twice as long.
    assert_eq!(seconds_between(now, row.next_attempt_at), 60);

    app.clock.advance(Duration::seconds(60));
    assert_eq!(deliver(&app).await["sent"], 1);
    let mail = smtp.wait_for("ben@acme.example").await;
    assert_eq!(mail.header("Subject").unwrap(), "Try me");
    assert_eq!(smtp.messages().len(), 1);
    assert_eq!(email_metric(&app, "password_reset", "retry").await, 2.0);
    assert_eq!(email_metric(&app, "password_reset", "sent").await, 1.0);
}

#[actix_web::test]
async fn a_message_is_given_up_after_max_attempts() {
    let smtp = SmtpServer::start().await;
    smtp.refuse_next(100);
    let url = smtp.url();
    let Some(app) = spawn_app_with(move |s| {
        s.mail.smtp_url = Some(secrecy::SecretString::from(url));
        s.mail.poll_interval_seconds = 3_600;
        s.mail.max_attempts = 2;
    })
    .await
    else {
        return;
    };
    queue(&app, "cy@acme.example", "Never").await;
    assert_eq!(deliver(&app).await["retry"], 1);
    app.clock.advance(Duration::hours(2));
    assert_eq!(deliver(&app).await["failed"], 1);
    let row = &outbox::for_recipient(&app.db, "cy@acme.example")
        .await
        .unwrap()[0];
    assert!(row.failed_at.is_some());
    assert!(row.sent_at.is_none());
    app.clock.advance(Duration::hours(2));
    assert_eq!(deliver(&app).await["failed"], 0);
    assert_eq!(email_metric(&app, "password_reset", "failed").await, 1.0);
    assert_eq!(app.metric("portal_outbox_pending", &[]).await, 0.0);
}

#[actix_web::test]
async fn without_smtp_emails_land_in_the_mailbox_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mailbox = dir.path().join("box");
    let target = mailbox.clone();
    let Some(app) = spawn_app_with(move |s| {
        s.mail.mailbox_dir = target;
        s.mail.poll_interval_seconds = 3_600;
    })
    .await
    else {
        return;
    };
    queue(&app, "dee@acme.example", "Into the box").await;
    assert_eq!(deliver(&app).await["sent"], 1);
    let files: Vec<_> = std::fs::read_dir(&mailbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().unwrap(), "eml");
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    assert!(raw.contains("Subject: Into the box"), "{raw}");
    assert!(raw.contains("To: dee@acme.example"), "{raw}");
}

#[actix_web::test]
async fn two_instances_on_one_database_send_each_message_once() {
    let smtp = SmtpServer::start().await;
    let to_smtp = mail_to(&smtp);
    let Some(apps) = spawn_instances(2, move |_, s| to_smtp(s)).await else {
        return;
    };
    let (first, second) = (&apps[0], &apps[1]);
    for i in 0..20 {
        queue(first, &format!("user{i}@acme.example"), &format!("n{i}")).await;
    }
    // Both instances run at once (their start-up runs may already have sent some).
    let (a, b) = futures_util::future::join(deliver(first), deliver(second)).await;
    let (c, d) = futures_util::future::join(deliver(first), deliver(second)).await;
    for report in [&c, &d] {
        assert_eq!(report["sent"], 0, "{a} {b} {c} {d}");
    }
    let deadline = std::time::Instant::now() + StdDuration::from_secs(5);
    while smtp.messages().len() < 20 && std::time::Instant::now() < deadline {
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
    let messages = smtp.messages();
    let mut subjects: Vec<String> = messages
        .iter()
        .map(|m| m.header("Subject").unwrap())
        .collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), 20, "{a} {b}");
    assert_eq!(messages.len(), 20, "a message was sent twice: {a} {b}");
    for i in 0..20 {
        let rows = outbox::for_recipient(&first.db, &format!("user{i}@acme.example"))
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].attempts, 1, "{:?}", rows[0]);
        assert!(rows[0].sent_at.is_some());
    }
}
