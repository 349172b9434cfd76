//! Retention: audit events and admin actions older than `audit.retention_days`, and sent or
//! failed outbox messages older than `mail.retention_days`, are deleted in batches, counted in
//! `portal_retention_deleted_total{kind}`; queued messages and newer rows stay.

use chrono::Duration;
use portal_actors::audit::{AuditRecord, Record};
use portal_actors::store::outbox::{self, EmailContent, MailKind, OutboxMessage};
use serde_json::{json, Value};

use crate::admin_actions::admin_actions;
use crate::helpers::*;

async fn post(app: &TestApp, path: &str) -> Value {
    let page = app.admin_post(path, Some(ADMIN_TOKEN)).await;
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

async fn record_event(app: &TestApp, n: usize) {
    for _ in 0..n {
        app.state.services.audit.do_send(Record(AuditRecord {
            tenant: app.tenant.id,
            event_type: "retention_probe",
            outcome: "success",
            ..AuditRecord::default()
        }));
    }
    flush_audit(app).await;
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    portal_actors::fetch_one_scalar!(app.db.exec(), i64, &sql).unwrap()
}

#[actix_web::test]
async fn audit_events_and_admin_actions_go_after_their_retention_in_batches() {
    let Some(app) = spawn_app_with(|s| s.audit.retention_days = 10).await else {
        return;
    };
    record_event(&app, 1_205).await;
    post(&app, "/admin/actors/sessions/sweep").await;
    app.clock.advance(Duration::days(10) + Duration::seconds(1));
    record_event(&app, 3).await;
    let before = app
        .metric("portal_retention_deleted_total", &[("kind", "audit")])
        .await;

    let body = post(&app, "/admin/actors/audit/sweep").await;
    assert_eq!(
        body["deleted"],
        json!({ "audit_events": 1_205, "admin_actions": 1 }),
        "{body}"
    );
    assert_eq!(
        count(&app, "audit_events").await,
        3,
        "the newer events stay"
    );
    let after = app
        .metric("portal_retention_deleted_total", &[("kind", "audit")])
        .await;
    assert_eq!(after - before, 1_205.0);
    assert_eq!(
        app.metric(
            "portal_retention_deleted_total",
            &[("kind", "admin_actions")]
        )
        .await,
        1.0
    );
    let sweeps = admin_actions(&app, "?action=actors.audit.sweep").await;
    assert_eq!(
        sweeps.len(),
        1,
        "the sweep itself is recorded (after it ran)"
    );
    assert_eq!(sweeps[0]["details"]["deleted"]["audit_events"], 1_205);
}

async fn queue(app: &TestApp, to: &str) -> uuid::Uuid {
    let msg = OutboxMessage {
        tenant: app.tenant.id,
        kind: MailKind::PasswordReset,
        recipient: to.into(),
        content: EmailContent {
            subject: "s".into(),
            body_text: "t".into(),
            body_html: "h".into(),
        },
    };
    outbox::enqueue(app.db.exec(), &msg, app.clock.now_utc())
        .await
        .unwrap()
}

#[actix_web::test]
async fn sent_and_failed_mail_goes_after_its_retention_and_queued_mail_never() {
    let Some(app) = spawn_app_with(|s| s.mail.poll_interval_seconds = 3_600).await else {
        return;
    };
    let now = app.clock.now_utc();
    let sent = queue(&app, "sent@acme.test").await;
    outbox::mark_sent(&app.db, app.tenant.id, sent, now)
        .await
        .unwrap();
    let failed = queue(&app, "failed@acme.test").await;
    outbox::mark_failed_attempt(&app.db, app.tenant.id, failed, "550", now, None)
        .await
        .unwrap();
    let waiting = queue(&app, "waiting@acme.test").await;
    let retry = now + Duration::days(365);
    outbox::mark_failed_attempt(&app.db, app.tenant.id, waiting, "421", now, Some(retry))
        .await
        .unwrap();
    assert_eq!(
        post(&app, "/admin/mailer/sweep").await["deleted"],
        0,
        "not old yet"
    );

    app.clock.advance(Duration::days(30) + Duration::seconds(1));
    let recent = queue(&app, "recent@acme.test").await;
    outbox::mark_sent(&app.db, app.tenant.id, recent, app.clock.now_utc())
        .await
        .unwrap();
    assert_eq!(post(&app, "/admin/mailer/sweep").await["deleted"], 2);
    let everyone = [
        "waiting@acme.test",
        "recent@acme.test",
        "sent@acme.test",
        "failed@acme.test",
    ];
    let mut kept = Vec::new();
    for to in everyone {
        if !outbox::for_recipient(&app.db, to).await.unwrap().is_empty() {
            kept.push(to);
        }
    }
    assert_eq!(kept, ["waiting@acme.test", "recent@acme.test"]);
    assert_eq!(
        app.metric("portal_retention_deleted_total", &[("kind", "mail")])
            .await,
        2.0
    );
    let row = &admin_actions(&app, "?action=mailer.sweep").await[0];
    assert_eq!(row["details"]["deleted"], 2);
}
