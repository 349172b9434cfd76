//! Brute-force throttling: the (tenant, email, IP), per-IP and per-account limits on failed
//! sign-ins, their sliding windows, counters shared by three instances on one database, the
//! request limits (password reset, organization discovery) and the sweep.

use chrono::Duration;
use portal_actors::login_throttle::{seconds_rounded_up, CheckRequest, Decision, RequestScope};
use portal_actors::store::{audit, throttle};
use uuid::Uuid;

use crate::helpers::{
    spawn_app_with, spawn_instances, Page, TestApp, ADMIN_TOKEN, CSRF_COOKIE, PASSWORD,
    SESSION_COOKIE,
};

const THROTTLED_15: &str = "Too many failed sign-in attempts, try again in 15 minutes";
const WRONG: &str = "not the password at all";

/// Signs in with extra request headers (`X-Forwarded-For` from a trusted proxy, `User-Agent`):
/// opens the sign-in page for its CSRF cookie, then posts the form with it.
pub async fn sign_in_with(
    app: &TestApp,
    headers: &[(&str, &str)],
    email: &str,
    password: &str,
) -> Page {
    let slug = app.tenant.slug.as_str();
    let page = Page::from(
        app.http
            .get(format!(
                "{}/auth/client-portal/signin?tenant={slug}",
                app.base
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = page
        .set_cookies()
        .iter()
        .find_map(|c| {
            c.strip_prefix(&format!("{CSRF_COOKIE}="))
                .map(str::to_owned)
        })
        .and_then(|rest| rest.split(';').next().map(str::to_owned))
        .expect("csrf cookie");
    let mut req = app
        .http
        .post(format!("{}/auth/client-portal/signin", app.base))
        .header("origin", &app.base)
        .header("cookie", format!("{CSRF_COOKIE}={csrf}"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", csrf.as_str()),
            ("tenant", slug),
        ]);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    Page::from(req.send().await.unwrap()).await
}

async fn from_ip(app: &TestApp, ip: &str, email: &str, password: &str) -> Page {
    sign_in_with(app, &[("x-forwarded-for", ip)], email, password).await
}

fn trusting_loopback(s: &mut portal::config::Settings) {
    s.server.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
}

fn assert_throttled(page: &Page, message: &str) {
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(page.body.contains(message), "{}", page.body);
    assert!(
        !page
            .set_cookies()
            .iter()
            .any(|c| c.starts_with(&format!("{SESSION_COOKIE}="))),
        "no session while throttled"
    );
}

async fn throttled_count(app: &TestApp) -> f64 {
    app.metric(
        "portal_login_attempts_total",
        &[
            ("method", "password"),
            ("outcome", "failure"),
            ("reason", "throttled"),
        ],
    )
    .await
}

fn verifications(app: &TestApp) -> u64 {
    app.state.registry.snapshot()["credentials"].messages_handled
}

#[actix_web::test]
async fn five_failures_throttle_the_sixth_attempt_even_with_the_right_password() {
    let Some(app) = spawn_app_with(|_| {}).await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    assert_eq!(throttled_count(&app).await, 0.0, "series exists at zero");
    // Differently written, the same email: counted together.
    for email in [
        "ada@acme.example",
        "ADA@acme.example",
        " Ada@Acme.Example ",
        "ada@acme.example",
        "ada@ACME.example",
    ] {
        let page = app.browser().sign_in(&app.tenant.slug, email, WRONG).await;
        assert_eq!(page.status, 401, "{email}: {}", page.body);
    }
    let before = verifications(&app);
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_throttled(&page, THROTTLED_15);
    assert_eq!(page.header("retry-after"), "900");
    assert_eq!(verifications(&app), before, "the password was not checked");
    assert_eq!(throttled_count(&app).await, 1.0);

    // Sliding: five minutes later the wait is ten minutes.
    app.clock.advance(Duration::minutes(5));
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_throttled(
        &page,
        "Too many failed sign-in attempts, try again in 10 minutes",
    );
    assert_eq!(page.header("retry-after"), "600");
    assert_eq!(throttled_count(&app).await, 2.0);

    // Throttled attempts are audited as failures, and do not extend the throttle.
    app.state
        .services
        .audit
        .send(portal_actors::audit::FlushAudit)
        .await
        .unwrap()
        .unwrap();
    let events = audit::recent(&app.db, app.tenant.id, 50).await.unwrap();
    let throttled = events
        .iter()
        .filter(|e| {
            e.event_type == "sign_in"
                && e.outcome == "failure"
                && e.reason.as_deref() == Some("throttled")
        })
        .count();
    assert_eq!(throttled, 2);
    assert_eq!(throttle::count(&app.db).await.unwrap(), 5);
}

#[actix_web::test]
async fn the_window_slides_and_the_right_password_works_again() {
    let Some(app) = spawn_app_with(|_| {}).await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for _ in 0..5 {
        let page = app
            .browser()
            .sign_in(&app.tenant.slug, &ada.email, WRONG)
            .await;
        assert_eq!(page.status, 401);
    }
    app.clock
        .advance(Duration::minutes(14) + Duration::seconds(30));
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_throttled(
        &page,
        "Too many failed sign-in attempts, try again in 1 minute",
    );
    assert_eq!(page.header("retry-after"), "30");
    app.clock.advance(Duration::seconds(31));
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
}

#[actix_web::test]
async fn another_ip_is_not_throttled_by_the_tuple_limit() {
    let Some(app) = spawn_app_with(trusting_loopback).await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for _ in 0..5 {
        assert_eq!(
            from_ip(&app, "203.0.113.5", &ada.email, WRONG).await.status,
            401
        );
    }
    assert_throttled(
        &from_ip(&app, "203.0.113.5", &ada.email, PASSWORD).await,
        THROTTLED_15,
    );
    let page = from_ip(&app, "203.0.113.6", &ada.email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    // Another email from the throttled IP is fine too (per-IP limit not reached).
    let bob = app.client_user(None, "bob@acme.example", "Acme").await;
    assert_eq!(
        from_ip(&app, "203.0.113.5", &bob.email, PASSWORD)
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn the_per_ip_limit_counts_failures_across_emails_and_tenants() {
    let Some(app) = spawn_app_with(|s| {
        trusting_loopback(s);
        s.throttle.ip_limit = 4;
    })
    .await
    else {
        return;
    };
    let other = app.create_tenant("Contoso Support").await;
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for i in 0..3 {
        let page = from_ip(
            &app,
            "198.51.100.7",
            &format!("guess{i}@acme.example"),
            WRONG,
        )
        .await;
        assert_eq!(page.status, 401);
    }
    // The fourth failure happens at another tenant, from the same IP.
    let browser = app.browser();
    let page = browser
        .get(&format!("/auth/client-portal/signin?tenant={}", other.slug))
        .await;
    assert_eq!(page.status, 200);
    let csrf = browser.cookie(CSRF_COOKIE).unwrap();
    let page = app
        .http
        .post(format!("{}/auth/client-portal/signin", app.base))
        .header("origin", &app.base)
        .header("cookie", format!("{CSRF_COOKIE}={csrf}"))
        .header("x-forwarded-for", "198.51.100.7")
        .form(&[
            ("email", "someone@contoso.example"),
            ("password", WRONG),
            ("csrf_token", csrf.as_str()),
            ("tenant", other.slug.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 401);

    assert_throttled(
        &from_ip(&app, "198.51.100.7", &ada.email, PASSWORD).await,
        THROTTLED_15,
    );
    assert_eq!(
        from_ip(&app, "198.51.100.8", &ada.email, PASSWORD)
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn the_per_account_limit_counts_failures_from_every_ip() {
    let Some(app) = spawn_app_with(|s| {
        trusting_loopback(s);
        s.throttle.account_limit = 4;
        s.throttle.account_window_minutes = 60;
    })
    .await
    else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for i in 1..=4 {
        let page = from_ip(&app, &format!("192.0.2.{i}"), &ada.email, WRONG).await;
        assert_eq!(page.status, 401);
        app.clock.advance(Duration::minutes(10));
    }
    // 40 minutes after the first failure: 20 minutes until it leaves the hour.
    let page = from_ip(&app, "192.0.2.50", &ada.email, PASSWORD).await;
    assert_throttled(
        &page,
        "Too many failed sign-in attempts, try again in 20 minutes",
    );
    assert_eq!(page.header("retry-after"), "1200");
    // Other accounts are not affected.
    let bob = app.client_user(None, "bob@acme.example", "Acme").await;
    assert_eq!(
        from_ip(&app, "192.0.2.50", &bob.email, PASSWORD)
            .await
            .status,
        303
    );
    app.clock.advance(Duration::minutes(20));
    assert_eq!(
        from_ip(&app, "192.0.2.50", &ada.email, PASSWORD)
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn failures_spread_over_three_instances_hit_the_limit_of_one() {
    let Some(apps) = spawn_instances(3, |_, _| {}).await else {
        return;
    };
    let limit = portal::config::Settings::default().throttle.tuple_limit as usize;
    let ada = apps[0].client_user(None, "ada@acme.example", "Acme").await;
    // As many failures as one instance allows, one per instance in turn.
    for i in 0..limit {
        let app = apps.round_robin(i);
        let page = app
            .browser()
            .sign_in(&app.tenant.slug, &ada.email, WRONG)
            .await;
        assert_eq!(page.status, 401, "failure {} on instance {}", i + 1, i % 3);
    }
    // The next one is refused, even with the right password, on whichever instance it lands;
    // that instance counts the refusal, the others have none.
    let refusing = apps.round_robin(limit);
    let page = refusing
        .browser()
        .sign_in(&refusing.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_throttled(&page, THROTTLED_15);
    assert_eq!(page.header("retry-after"), "900");
    for (i, app) in apps.iter().enumerate() {
        let expected = if i == limit % 3 { 1.0 } else { 0.0 };
        assert_eq!(throttled_count(app).await, expected, "instance {i}");
    }
    for app in apps.iter() {
        let page = app
            .browser()
            .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
            .await;
        assert_throttled(&page, THROTTLED_15);
    }
}

async fn request(
    app: &TestApp,
    scope: RequestScope,
    tenant: Option<Uuid>,
    email: &str,
    ip: &str,
) -> Decision {
    app.state
        .services
        .throttle
        .send(CheckRequest {
            scope,
            tenant,
            email: email.to_owned(),
            ip: ip.to_owned(),
        })
        .await
        .unwrap()
        .unwrap()
}

#[actix_web::test]
async fn request_limits_per_email_and_per_ip_per_hour() {
    let Some(app) = spawn_app_with(|s| {
        s.throttle.request_email_limit = 3;
        s.throttle.request_ip_limit = 5;
    })
    .await
    else {
        return;
    };
    let tenant = Some(app.tenant.id);
    let reset = RequestScope::PasswordReset;
    for _ in 0..3 {
        let d = request(&app, reset, tenant, "Ada@acme.example", "10.9.9.1").await;
        assert_eq!(d, Decision::Allowed);
        app.clock.advance(Duration::minutes(1));
    }
    // The fourth for the same email, from another IP: refused until the first is an hour old.
    // (Whole seconds: PostgreSQL keeps microseconds, the manual clock nanoseconds.)
    let d = request(&app, reset, tenant, "ada@acme.example ", "10.9.9.2").await;
    let Decision::Throttled { retry_after } = d else {
        panic!("not throttled: {d:?}");
    };
    assert_eq!(seconds_rounded_up(retry_after), 57 * 60);
    // Discovery (no tenant) and another tenant count separately.
    let discovery = RequestScope::OrgDiscovery;
    assert_eq!(
        request(&app, discovery, None, "ada@acme.example", "10.9.9.3").await,
        Decision::Allowed
    );
    assert_eq!(
        request(
            &app,
            reset,
            Some(Uuid::new_v4()),
            "ada@acme.example",
            "10.9.9.3"
        )
        .await,
        Decision::Allowed
    );
    // Per IP: five requests of any email, then refused.
    for i in 0..2 {
        let email = format!("user{i}@acme.example");
        assert_eq!(
            request(&app, reset, tenant, &email, "10.9.9.1").await,
            Decision::Allowed
        );
    }
    let d = request(&app, reset, tenant, "late@acme.example", "10.9.9.1").await;
    assert!(d.is_throttled(), "{d:?}");
    // A refused request is not recorded; an hour later everything is allowed again.
    app.clock.advance(Duration::hours(1));
    assert_eq!(
        request(&app, reset, tenant, "ada@acme.example", "10.9.9.1").await,
        Decision::Allowed
    );
}

#[actix_web::test]
async fn the_sweep_deletes_events_older_than_the_longest_window() {
    let Some(app) = spawn_app_with(|_| {}).await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for _ in 0..3 {
        app.browser()
            .sign_in(&app.tenant.slug, &ada.email, WRONG)
            .await;
    }
    assert_eq!(throttle::count(&app.db).await.unwrap(), 3);
    let page = app.admin_post("/admin/throttle/sweep", None).await;
    assert_eq!(page.status, 401);
    let page = app
        .admin_post("/admin/throttle/sweep", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(r#""swept":0"#), "{}", page.body);
    app.clock.advance(Duration::minutes(61));
    let page = app
        .admin_post("/admin/throttle/sweep", Some(ADMIN_TOKEN))
        .await;
    assert!(page.body.contains(r#""swept":3"#), "{}", page.body);
    assert_eq!(throttle::count(&app.db).await.unwrap(), 0);
    let actors = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    assert!(
        actors.body.contains("\"login_throttle\""),
        "{}",
        actors.body
    );
    assert!(
        actors.body.contains("swept 3 event(s) (on demand)"),
        "{}",
        actors.body
    );
}

#[actix_web::test]
async fn the_counters_survive_a_restart_of_the_throttle_actor() {
    let Some(app) = spawn_app_with(|s| s.admin.fault_injection = true).await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for _ in 0..5 {
        let page = app
            .browser()
            .sign_in(&app.tenant.slug, &ada.email, WRONG)
            .await;
        assert_eq!(page.status, 401);
    }
    let page = app
        .admin_post("/admin/actors/login_throttle/panic", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 202, "{}", page.body);
    let mut restarted = false;
    for _ in 0..250 {
        let status = app.state.registry.snapshot()["login_throttle"].clone();
        if status.restarts == 1 && status.alive {
            restarted = true;
            break;
        }
        actix_rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(restarted, "{:?}", app.state.registry.snapshot());
    assert_eq!(
        app.metric(
            "portal_actor_restarts_total",
            &[("actor", "login_throttle")]
        )
        .await,
        1.0
    );
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &ada.email, PASSWORD)
        .await;
    assert_throttled(&page, THROTTLED_15);
    let bob = app.client_user(None, "bob@acme.example", "Acme").await;
    let page = app
        .browser()
        .sign_in(&app.tenant.slug, &bob.email, PASSWORD)
        .await;
    assert_eq!(page.status, 303);
}
