//! Graceful shutdown of the real process: SIGTERM during load lets in-flight requests finish,
//! writes the audit buffer, and exits 0 within `server.shutdown_timeout_seconds`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use portal_actors::store::audit;

use crate::helpers::*;

/// Failed sign-ins in a loop until the server stops answering; counts the answered ones.
async fn failed_sign_ins(
    base: String,
    slug: String,
    answered: Arc<AtomicU64>,
    errors: Arc<AtomicU64>,
) {
    let browser = Browser::at(&base);
    let page = browser
        .get(&format!("/auth/client-portal/signin?tenant={slug}"))
        .await;
    assert_eq!(page.status, 200);
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    let form = [
        ("email", "ada@acme.example"),
        ("password", "not the password at all"),
        ("csrf_token", csrf.as_str()),
        ("tenant", slug.as_str()),
    ];
    loop {
        match browser
            .try_post_form("/auth/client-portal/signin", &form)
            .await
        {
            Ok(page) => {
                let status = page.status;
                assert!(status < 500, "a request failed during shutdown: {status}");
                answered.fetch_add(1, Ordering::SeqCst);
            }
            // Refused or closed: the listener has stopped.
            Err(_) => {
                errors.fetch_add(1, Ordering::SeqCst);
                return;
            }
        }
    }
}

/// A failed sign-in whose body arrives slowly: sent before SIGTERM, it is answered after it, and
/// its audit event is recorded just before the server stops. The response's status line.
async fn slow_sign_in(base: String, slug: String, body_delay: Duration) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let browser = Browser::at(&base);
    let page = browser
        .get(&format!("/auth/client-portal/signin?tenant={slug}"))
        .await;
    assert_eq!(page.status, 200);
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    let body =
        format!("email=ada%40acme.example&password=slowly+wrong&csrf_token={csrf}&tenant={slug}");
    let (head, tail) = body.split_at(10);
    let host = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!(
        "POST /auth/client-portal/signin HTTP/1.1\r\nHost: {host}\r\nOrigin: {base}\r\n\
         Cookie: {CSRF_COOKIE}={csrf}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{head}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    actix_rt::time::sleep(body_delay).await;
    stream.write_all(tail.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer.lines().next().unwrap_or_default().to_owned()
}

#[actix_rt::test]
async fn sigterm_during_sign_ins_loses_no_audit_event_and_exits_0_in_time() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.example", "Acme").await;
    let dir = tempfile::tempdir().unwrap();
    let spec = ProcessSpec::sharing(&app)
        .set("PORTAL__SERVER__SHUTDOWN_TIMEOUT_SECONDS", 6)
        .set("PORTAL__THROTTLE__TUPLE_LIMIT", 1_000_000)
        .set("PORTAL__THROTTLE__IP_LIMIT", 1_000_000)
        .set("PORTAL__THROTTLE__ACCOUNT_LIMIT", 1_000_000);
    let mut portal = PortalProcess::start(dir.path(), &spec);
    let ready = client()
        .get(format!("{}/readyz", portal.admin))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);

    let answered = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let load: Vec<_> = (0..6)
        .map(|_| {
            actix_rt::spawn(failed_sign_ins(
                portal.base.clone(),
                app.tenant.slug.clone(),
                answered.clone(),
                errors.clone(),
            ))
        })
        .collect();
    // Long enough for audit events to be buffered (the actor writes once a second).
    actix_rt::time::sleep(Duration::from_millis(1_000)).await;
    let slow: Vec<_> = (0..3)
        .map(|_| {
            let (base, slug) = (portal.base.clone(), app.tenant.slug.clone());
            actix_rt::spawn(slow_sign_in(base, slug, Duration::from_millis(2_000)))
        })
        .collect();
    actix_rt::time::sleep(Duration::from_millis(500)).await;
    let before = answered.load(Ordering::SeqCst);
    assert!(
        before > 0,
        "no sign-in answered before SIGTERM:\n{}",
        portal.output()
    );
    portal.signal("TERM");
    let (status, took) = portal.wait_exit(Duration::from_secs(20)).await;
    for task in load {
        task.await.unwrap();
    }
    // The requests in flight at SIGTERM were answered (the form again, with its error: 401).
    for task in slow {
        let status_line = task.await.unwrap();
        assert!(status_line.starts_with("HTTP/1.1 401"), "{status_line}");
        answered.fetch_add(1, Ordering::SeqCst);
    }
    let output = portal.output();
    assert!(status.success(), "exit status {status:?}:\n{output}");
    assert!(
        took <= Duration::from_secs(6),
        "shutdown took {took:?}:\n{output}"
    );
    assert!(output.contains("shutting down"), "{output}");

    let answered = answered.load(Ordering::SeqCst);
    let written = audit::recent(&app.db, app.tenant.id, 100_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event_type == "sign_in" && e.outcome == "failure")
        .count() as u64;
    eprintln!(
        "answered {answered} (before SIGTERM {before}), audited {written}, exit after {took:?}"
    );
    assert!(
        written >= answered,
        "{answered} sign-ins answered but only {written} audited:\n{output}"
    );
}
