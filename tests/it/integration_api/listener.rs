//! The integration listener (`server.integration_bind`): the API on an address of its own,
//! over TLS when asked, and gone from the admin listener; its metrics by route pattern; the
//! settings that cannot work stop start-up naming themselves.

use std::sync::Arc;

use portal::config::Settings;
use portal::Application;
use portal_actors::{ManualClock, SharedClock};

use super::*;
use crate::helpers::metric_value;
use crate::tls::self_signed;

fn own_listener(s: &mut Settings) {
    s.server.integration_bind = Some("127.0.0.1:0".parse().unwrap());
}

#[actix_web::test]
async fn with_its_own_listener_the_api_is_served_there_and_not_on_the_admin_one() {
    let Some(app) = spawn_app_with(own_listener).await else {
        return;
    };
    assert_ne!(app.integration, app.admin);
    let api = Api::new(&app, &app.tenant).await;
    assert_eq!(api.get("/boards").await.0, 200);
    // The admin listener keeps what is its own, and no longer answers for the API.
    let on_admin = Api {
        base: format!("{}/integration/v1", app.admin),
        ..api.clone()
    };
    assert_eq!(on_admin.get("/boards").await.0, 404);
    assert_eq!(app.admin_get("/healthz", None).await.status, 200);
    assert_eq!(app.admin_get("/readyz", None).await.status, 200);
    let tokens = format!("/admin/tenants/{}/integration-tokens", app.tenant.slug);
    assert_eq!(app.admin_get(&tokens, Some(ADMIN_TOKEN)).await.status, 200);
    assert!(app.metric("portal_build_info", &[]).await > 0.0);
    // The integration listener serves the API and nothing else.
    for path in ["/metrics", "/healthz", tokens.as_str()] {
        let resp = app
            .http
            .get(format!("{}{path}", app.integration))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 404, "{path}");
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body, json!({"error": "unknown_endpoint"}), "{path}");
    }
    let openapi = app
        .http
        .get(format!("{}/integration/v1/openapi.json", app.integration))
        .send()
        .await
        .unwrap();
    assert_eq!(openapi.status().as_u16(), 200);
}

#[actix_web::test]
async fn the_own_listener_speaks_tls_when_given_a_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed(dir.path());
    let Some(app) = spawn_app_with(move |s| {
        own_listener(s);
        s.server.integration_tls_cert = Some(cert);
        s.server.integration_tls_key = Some(key);
    })
    .await
    else {
        return;
    };
    assert!(
        app.integration.starts_with("https://"),
        "{}",
        app.integration
    );
    let https = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    let api = Api {
        http: https,
        ..Api::new(&app, &app.tenant).await
    };
    let board = put_board(&api, "Service Desk", true).await;
    let (status, boards) = api.get("/boards").await;
    assert_eq!(status, 200);
    assert_eq!(boards["boards"][0]["board_id"], json!(board), "{boards}");
    // Plain HTTP to the TLS port gets nothing useful; the admin listener stays plain HTTP.
    let plain = app.integration.replace("https://", "http://");
    assert!(app
        .http
        .get(format!("{plain}/integration/v1/boards"))
        .send()
        .await
        .map(|r| r.status().as_u16() >= 400)
        .unwrap_or(true));
    assert_eq!(app.admin_get("/healthz", None).await.status, 200);
}

/// Counts on whichever listener serves the API: route patterns, never raw paths; `unmatched`
/// for unknown paths; admin requests are not integration requests.
#[actix_web::test]
async fn requests_are_counted_by_route_pattern_and_status() {
    for own in [false, true] {
        let Some(app) = spawn_app_with(move |s| {
            if own {
                own_listener(s);
            }
        })
        .await
        else {
            return;
        };
        let api = Api::new(&app, &app.tenant).await;
        assert_eq!(api.get("/boards").await.0, 200);
        let ticket = format!("/tickets/{}", Uuid::new_v4());
        assert_eq!(Api::with_token(&app, "nope").get(&ticket).await.0, 401);
        assert_eq!(api.get(&ticket).await.0, 404);
        assert_eq!(api.get("/no/such/thing").await.0, 404);
        if own {
            // The admin listener no longer serves the API: nothing there is counted as its.
            let on_admin = format!("{}/integration/v1/boards", app.admin);
            assert_eq!(app.http.get(on_admin).send().await.unwrap().status(), 404);
        }
        let text = app.admin_get("/metrics", Some(ADMIN_TOKEN)).await.body;
        let count = |route: &str, status: &str| {
            metric_value(
                &text,
                "portal_integration_requests_total",
                &[("route", route), ("status", status)],
            )
        };
        assert_eq!(count("/integration/v1/boards", "200"), Some(1.0), "{own}");
        assert_eq!(
            count("/integration/v1/tickets/{ticket_id}", "401"),
            Some(1.0)
        );
        assert_eq!(
            count("/integration/v1/tickets/{ticket_id}", "404"),
            Some(1.0)
        );
        assert_eq!(count("unmatched", "404"), Some(1.0));
        let observed = |route: &str| {
            metric_value(
                &text,
                "portal_integration_request_duration_seconds_count",
                &[("route", route)],
            )
        };
        assert_eq!(observed("/integration/v1/boards"), Some(1.0));
        assert_eq!(observed("/integration/v1/tickets/{ticket_id}"), Some(2.0));
        assert_eq!(observed("unmatched"), Some(1.0));
        // Neither raw paths nor the admin listener's own requests are integration requests.
        assert!(!text.contains(&format!("route=\"/integration/v1{ticket}\"")));
        assert!(!text
            .lines()
            .any(|l| l.starts_with("portal_integration") && l.contains("/admin")));
        assert_eq!(count("/metrics", "200"), None);
    }
}

/// Builds the portal with `configure` applied to otherwise good settings; the error's chain.
async fn start_error(configure: impl FnOnce(&mut Settings)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Settings::default();
    s.server.bind = "127.0.0.1:0".parse().unwrap();
    s.server.admin_bind = "127.0.0.1:0".parse().unwrap();
    s.server.workers = 1;
    s.server.hashing_threads = 1;
    s.database.url = secrecy::SecretString::from(format!(
        "sqlite://{}",
        dir.path().join("portal.db").display()
    ));
    s.admin.token = Some(secrecy::SecretString::from(ADMIN_TOKEN));
    s.security.encryption_key = Some(secrecy::SecretString::from(crate::helpers::ENCRYPTION_KEY));
    s.mail.mailbox_dir = dir.path().join("mailbox");
    s.attachments.dir = Some(dir.path().join("attachments"));
    configure(&mut s);
    let db = portal::cli::open_db(&s).await.unwrap();
    let clock = SharedClock::new(Arc::new(ManualClock::new(Clock::now(
        &portal_actors::SystemClock,
    ))));
    match Application::build_with_db(s, db, clock, false).await {
        Ok(_) => panic!("the portal started with unusable integration listener settings"),
        Err(e) => format!("{e:#}"),
    }
}

#[actix_web::test]
async fn integration_listener_settings_that_cannot_work_stop_start_up() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap();
    let busy = start_error(|s| s.server.integration_bind = Some(address)).await;
    assert!(
        busy.contains(&format!(
            "cannot listen on server.integration_bind {address}"
        )),
        "{busy}"
    );
    let half = start_error(|s| {
        own_listener(s);
        s.server.integration_tls_cert = Some("cert.pem".into());
    })
    .await;
    assert!(
        half.contains("server.integration_tls_cert")
            && half.contains("server.integration_tls_key must be set together"),
        "{half}"
    );
    let missing = start_error(|s| {
        own_listener(s);
        s.server.integration_tls_cert = Some("/no/such/cert.pem".into());
        s.server.integration_tls_key = Some("/no/such/key.pem".into());
    })
    .await;
    assert!(
        missing.contains("server.integration_tls_cert /no/such/cert.pem"),
        "{missing}"
    );
}

#[test]
fn the_command_line_refuses_half_a_tls_pair_and_tls_without_a_listener() {
    let dir = tempfile::tempdir().unwrap();
    for (env, says) in [
        (
            vec![
                ("PORTAL__SERVER__INTEGRATION_BIND", "127.0.0.1:9093"),
                ("PORTAL__SERVER__INTEGRATION_TLS_KEY", "key.pem"),
            ],
            "and server.integration_tls_key must be set together",
        ),
        (
            vec![
                ("PORTAL__SERVER__INTEGRATION_TLS_CERT", "cert.pem"),
                ("PORTAL__SERVER__INTEGRATION_TLS_KEY", "key.pem"),
            ],
            "needs server.integration_bind",
        ),
        (
            vec![("PORTAL__SERVER__INTEGRATION_BIND", "127.0.0.1:9091")],
            "must differ from server.bind and server.admin_bind",
        ),
        (
            vec![("PORTAL__INTEGRATION__BURST", "0")],
            "integration.burst",
        ),
        (
            vec![("PORTAL__INTEGRATION__REQUESTS_PER_MINUT", "5")],
            "requests_per_minut",
        ),
    ] {
        let mut cmd = portal_command(dir.path());
        cmd.arg("migrate").envs(env.iter().copied());
        let out = run_portal(&mut cmd, None);
        let text = output_text(&out);
        assert!(!out.status.success(), "{env:?}: {text}");
        assert!(text.contains(says), "{env:?}: {text}");
    }
}
