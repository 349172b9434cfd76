//! Hostile input: garbage cookies, headers, bodies and raw bytes get 4xx, never a panic or 5xx.

use std::io::{Read, Write};

use crate::helpers::{spawn_app, SESSION_COOKIE};

#[actix_web::test]
async fn garbage_cookies_and_forms_get_clear_4xx_answers() {
    let Some(app) = spawn_app().await else { return };
    let browser = app.browser();
    for junk in [
        "x",
        "%%%",
        "\u{7f}",
        &"A".repeat(43),
        &"é".repeat(20),
        &"a".repeat(4000),
    ] {
        browser.set_cookie(SESSION_COOKIE, &junk.replace(['\u{7f}'], "x"));
        let page = browser.get("/client-portal/dashboard").await;
        assert_eq!(page.status, 303, "{junk}");
    }
    let http = crate::helpers::client();
    let url = format!("{}/auth/client-portal/signin", app.base);
    let origin = app.base.clone();
    // Malformed form encoding, wrong content type, oversized body, no body.
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        (
            "application/x-www-form-urlencoded",
            b"email=%ZZ&password=%".to_vec(),
            400,
        ),
        ("application/json", b"{\"email\":1}".to_vec(), 400),
        (
            "application/x-www-form-urlencoded",
            vec![b'a'; 64 * 1024],
            413,
        ),
        ("application/x-www-form-urlencoded", Vec::new(), 400),
    ];
    for (content_type, body, expected) in cases {
        let response = http
            .post(&url)
            .header("content-type", content_type)
            .header("origin", &origin)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        assert!(
            status == expected || (expected == 400 && (400..500).contains(&status)),
            "{content_type}: {status}"
        );
        assert!(text.contains("<html"), "an HTML page, not a bare error");
    }
    let wrong_method = http.put(&url).send().await.unwrap();
    assert_eq!(wrong_method.status().as_u16(), 405);
}

/// Sends raw bytes and returns the status line's code (0 when the server just closed).
fn raw_request(addr: &str, bytes: &[u8]) -> u16 {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    let _ = stream.write_all(bytes);
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    text.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[actix_web::test]
async fn raw_garbage_never_gets_a_5xx_and_the_server_keeps_serving() {
    let Some(app) = spawn_app().await else { return };
    let addr = app.host.clone();
    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Junk: {}\r\n\r\n",
        "a".repeat(70_000)
    );
    let requests: Vec<Vec<u8>> = vec![
        b"GET /auth/client-portal/signin HTTP/1.1\r\nHost: \xff\xfe\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /auth/client-portal/signin?tenant=%ff%fe HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /client-portal/dashboard HTTP/1.1\r\nHost: a\r\nCookie: \x01\x02;;;==\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /auth/client-portal/signin?callbackUrl=%00%0d%0a HTTP/1.1\r\nHost: a<script>\r\nConnection: close\r\n\r\n".to_vec(),
        b"POST /auth/client-portal/signin HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\nx".to_vec(),
        b"NONSENSE\r\n\r\n".to_vec(),
        long_header.into_bytes(),
    ];
    let task = actix_rt::task::spawn_blocking(move || {
        requests
            .iter()
            .map(|r| raw_request(&addr, r))
            .collect::<Vec<_>>()
    });
    let statuses = task.await.unwrap();
    // 200 too: a sign-in page without a usable host is the "find your organization" page.
    for status in statuses {
        assert!(
            status == 0 || (200..500).contains(&status),
            "status {status}"
        );
    }
    assert_eq!(
        app.browser()
            .get(&format!(
                "/auth/client-portal/signin?tenant={}",
                app.tenant.slug
            ))
            .await
            .status,
        200
    );
    let metrics = app
        .admin_get("/metrics", Some(crate::helpers::ADMIN_TOKEN))
        .await
        .body;
    assert!(
        !metrics
            .lines()
            .any(|l| l.starts_with("portal_http_requests_total") && l.contains("status=\"5")),
        "{metrics}"
    );
}

#[actix_web::test]
async fn a_bracketed_host_without_its_end_gets_an_answer_not_a_panic() {
    let Some(app) = spawn_app().await else { return };
    let addr = app.host.clone();
    let statuses = actix_rt::task::spawn_blocking(move || {
        ["[::1", "[", "[::1]:", "[::1:8080", "[]"]
            .iter()
            .map(|host| {
                let request = format!(
                    "GET /auth/client-portal/signin HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                );
                (*host, raw_request(&addr, request.as_bytes()))
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    for (host, status) in statuses {
        assert!((200..500).contains(&status), "Host: {host} → {status}");
    }
}

#[actix_web::test]
async fn a_multibyte_character_at_the_vanity_prefix_of_a_callback_is_refused_not_a_panic() {
    use crate::handoff::{add_domain, VANITY};
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    add_domain(
        &app,
        &tenant,
        VANITY,
        portal_actors::portal_domain::DomainStatus::Active,
    )
    .await;
    let browser = app.browser();
    // `https://support.acme.tes€/…`: the euro sign straddles the end of `https://{VANITY}/`.
    let callback = format!(
        "https://{}€/client-portal/tickets",
        &VANITY[..VANITY.len() - 1]
    );
    let page = browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}&callbackUrl={}",
            app.tenant.slug,
            percent_encoding::utf8_percent_encode(&callback, percent_encoding::NON_ALPHANUMERIC)
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let page = browser
        .sign_in_to(
            &app.tenant.slug,
            "nobody@example.com",
            "wrong password 1",
            Some(&callback),
        )
        .await;
    assert!((400..500).contains(&page.status), "{}", page.status);
}
