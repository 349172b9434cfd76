//! Periodic sweeps on three instances: `N` expired rows of each kind, the sweep triggered on all
//! three at once through the admin API; the counts they answer add up to `N` (each row deleted
//! once, none counted twice), and so do their metrics and the run summaries `/admin/actors`
//! shows; nothing expired is left.

use chrono::{DateTime, Duration, Utc};
use portal_actors::store::{account_tokens, challenges, handoff, sessions, sso, throttle};
use serde_json::Value;

use crate::helpers::*;

/// Expired rows of each kind.
const N: u64 = 240;

/// One admin POST sent to every instance at once; their JSON answers.
async fn on_all_at_once(apps: &Instances, path: &str) -> Vec<Value> {
    let answers = apps
        .all_at_once(|app| async move {
            let page = app.admin_post(path, Some(ADMIN_TOKEN)).await;
            assert_eq!(page.status, 200, "{path}: {}", page.body);
            serde_json::from_str::<Value>(&page.body).unwrap()
        })
        .await;
    eprintln!("{path}: {answers:?}");
    answers
}

/// The sum of one number over the answers (`pointer`: a JSON pointer such as `/swept`).
fn total(answers: &[Value], pointer: &str) -> u64 {
    answers
        .iter()
        .map(|v| v.pointer(pointer).and_then(Value::as_u64).expect(pointer))
        .sum()
}

/// The sum over the instances of one metric sample.
async fn metric_total(apps: &Instances, name: &str, labels: &[(&str, &str)]) -> f64 {
    let mut sum = 0.0;
    for app in apps.iter() {
        sum += app.metric(name, labels).await;
    }
    sum
}

/// What each instance's `actor` says of its last run (the summary `/admin/actors` shows).
fn summaries(apps: &Instances, actor: &str) -> Vec<String> {
    apps.iter()
        .map(|app| {
            let status = app.state.registry.snapshot()[actor].clone();
            status.last_periodic_result.unwrap_or_default()
        })
        .collect()
}

/// The sum over the summaries of the number just before `unit` (e.g. `" idle"` in
/// `"sweep (on demand): 3 idle, 0 absolute, 0 deleted"`).
fn summed(summaries: &[String], unit: &str) -> u64 {
    summaries
        .iter()
        .map(|s| {
            let before = s.split(unit).next().unwrap_or_default();
            let number = before.rsplit(' ').next().unwrap_or_default();
            number
                .parse::<u64>()
                .unwrap_or_else(|_| panic!("{unit} in {s:?}"))
        })
        .sum()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    portal_actors::fetch_one_scalar!(app.db.exec(), i64, &format!("SELECT COUNT(*) FROM {table}"))
        .unwrap()
}

/// `N` rows of every swept kind, all made at `now` for Ada, each expiring soon.
async fn seed(app: &TestApp, ada: &TestUser, now: DateTime<Utc>) {
    let tenant = app.tenant.id;
    for i in 0..N {
        let hash = format!("{i:064x}");
        let session = sessions::NewSessionRow {
            tenant,
            token_hash: &hash,
            user_id: ada.user_id,
            host: "127.0.0.1",
            auth_method: "password",
            ip: None,
            user_agent: None,
            created_at: now,
            expires_at: now + Duration::hours(12),
            previous_login_at: None,
        };
        sessions::insert(&app.db, &session).await.unwrap();
        let ott = handoff::NewOtt {
            tenant,
            token_hash: &hash,
            domain: "support.acme.test",
            user_id: ada.user_id,
            user_snapshot: "{}",
            return_path: "/client-portal/dashboard",
            auth_method: "password",
            created_at: now,
            expires_at: now + Duration::minutes(1),
        };
        handoff::insert(&app.db, &ott).await.unwrap();
        throttle::insert(&app.db, tenant, "tuple", &ada.email, "192.0.2.7", now)
            .await
            .unwrap();
        let flow = sso::NewFlow {
            tenant,
            state_hash: &hash,
            provider: "keycloak",
            nonce: "n",
            pkce_verifier: "v",
            redirect_uri: "https://portal.test/auth/sso/callback",
            return_path: "/client-portal/dashboard",
            handoff_domain: None,
            created_at: now,
            expires_at: now + Duration::minutes(10),
        };
        sso::insert_flow(&app.db, &flow).await.unwrap();
        let challenge = challenges::NewChallenge {
            tenant,
            token_hash: &hash,
            user_id: ada.user_id,
            kind: "verify",
            auth_method: "password",
            return_path: "/client-portal/dashboard",
            handoff_domain: None,
            created_at: now,
            expires_at: now + Duration::minutes(5),
        };
        challenges::insert(&app.db, &challenge).await.unwrap();
        let purpose = if i % 2 == 0 {
            account_tokens::TokenPurpose::PasswordReset
        } else {
            account_tokens::TokenPurpose::Invitation
        };
        let link = account_tokens::NewAccountToken {
            tenant,
            token_hash: &hash,
            purpose,
            user_id: Some(ada.user_id),
            contact_id: None,
            email: &ada.email,
            created_by: None,
            created_at: now,
            expires_at: now + Duration::hours(1),
        };
        account_tokens::insert(app.db.exec(), &link).await.unwrap();
    }
}

#[actix_web::test]
async fn each_sweep_on_three_instances_at_once_deletes_every_expired_row_once() {
    let Some(apps) = spawn_instances(3, |_, _| {}).await else {
        return;
    };
    let app = &apps[0];
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    seed(app, &ada, app.clock.now_utc()).await;
    // Two hours on: sessions idle, tokens, events, flows and challenges expired.
    apps.advance(Duration::hours(2));

    let answers = on_all_at_once(&apps, "/admin/actors/sessions/sweep").await;
    assert_eq!(total(&answers, "/swept/idle_expired"), N, "{answers:?}");
    assert_eq!(
        total(&answers, "/swept/challenges_deleted"),
        N,
        "{answers:?}"
    );
    let revoked = metric_total(
        &apps,
        "portal_sessions_revoked_total",
        &[("reason", "idle")],
    );
    assert_eq!(revoked.await, N as f64);
    let said = summaries(&apps, "sessions");
    assert_eq!(summed(&said, " idle"), N, "{said:?}");
    assert_eq!(summed(&said, " challenge"), N, "{said:?}");
    assert_eq!(count(app, "sign_in_challenges").await, 0);

    let answers = on_all_at_once(&apps, "/admin/actors/handoff/sweep").await;
    assert_eq!(total(&answers, "/swept"), N, "{answers:?}");
    let swept = metric_total(&apps, "portal_handoff_tokens_swept_total", &[]);
    assert_eq!(swept.await, N as f64);
    let said = summaries(&apps, "handoff");
    assert_eq!(summed(&said, " token"), N, "{said:?}");
    assert_eq!(count(app, "portal_domain_session_otts").await, 0);

    let answers = on_all_at_once(&apps, "/admin/throttle/sweep").await;
    assert_eq!(total(&answers, "/swept"), N, "{answers:?}");
    let said = summaries(&apps, "login_throttle");
    assert_eq!(summed(&said, " event"), N, "{said:?}");
    assert_eq!(count(app, "throttle_events").await, 0);

    let answers = on_all_at_once(&apps, "/admin/actors/sso/sweep").await;
    assert_eq!(total(&answers, "/swept"), N, "{answers:?}");
    let said = summaries(&apps, "sso");
    assert_eq!(summed(&said, " sign-in flow"), N, "{said:?}");
    assert_eq!(count(app, "sso_flows").await, 0);

    // A month on: the ended sessions and the expired reset and invitation links are deleted.
    apps.advance(Duration::days(31));
    let answers = on_all_at_once(&apps, "/admin/actors/sessions/sweep").await;
    assert_eq!(total(&answers, "/swept/deleted"), N, "{answers:?}");
    assert_eq!(total(&answers, "/swept/links_deleted"), N, "{answers:?}");
    assert_eq!(total(&answers, "/swept/idle_expired"), 0, "{answers:?}");
    let said = summaries(&apps, "sessions");
    assert_eq!(summed(&said, " deleted"), N, "{said:?}");
    assert_eq!(summed(&said, " link"), N, "{said:?}");
    assert_eq!(count(app, "sessions").await, 0);
    assert_eq!(count(app, "account_tokens").await, 0);
}

#[actix_web::test]
async fn retention_sweeps_on_three_instances_at_once_delete_every_old_row_once() {
    use portal_actors::audit::{AuditRecord, Record};
    use portal_actors::store::outbox::{self, EmailContent, MailKind, OutboxMessage};

    let Some(apps) = spawn_instances(3, |_, s| s.mail.poll_interval_seconds = 3_600).await else {
        return;
    };
    let app = &apps[0];
    let now = app.clock.now_utc();
    for i in 0..N {
        let message = OutboxMessage {
            tenant: app.tenant.id,
            kind: MailKind::PasswordReset,
            recipient: format!("user{i}@acme.test"),
            content: EmailContent {
                subject: "s".into(),
                body_text: "t".into(),
                body_html: "h".into(),
            },
        };
        let id = outbox::enqueue(app.db.exec(), &message, now).await.unwrap();
        outbox::mark_sent(&app.db, app.tenant.id, id, now)
            .await
            .unwrap();
        app.state.services.audit.do_send(Record(AuditRecord {
            tenant: app.tenant.id,
            event_type: "retention_probe",
            outcome: "success",
            ..AuditRecord::default()
        }));
    }
    flush_audit(app).await;
    // Past both retentions (mail 30 days, audit 400).
    apps.advance(Duration::days(401));

    let answers = on_all_at_once(&apps, "/admin/mailer/sweep").await;
    assert_eq!(total(&answers, "/deleted"), N, "{answers:?}");
    let deleted = metric_total(&apps, "portal_retention_deleted_total", &[("kind", "mail")]);
    assert_eq!(deleted.await, N as f64);
    assert_eq!(count(app, "outbox").await, 0);

    let answers = on_all_at_once(&apps, "/admin/actors/audit/sweep").await;
    assert_eq!(total(&answers, "/deleted/audit_events"), N, "{answers:?}");
    let deleted = metric_total(
        &apps,
        "portal_retention_deleted_total",
        &[("kind", "audit")],
    );
    assert_eq!(deleted.await, N as f64);
    let probes = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM audit_events WHERE event_type = 'retention_probe'"
    )
    .unwrap();
    assert_eq!(probes, 0);
}
