//! A real browser handed over to a vanity domain: the dashboard, tokens as links or foreign forms, no JavaScript, signing in again.

use super::*;

#[actix_web::test]
async fn a_real_browser_is_handed_over_to_the_vanity_dashboard() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let result = async {
        sign_in_with_password(&client, &app.tenant.slug, &ada.email).await?;
        let target = url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        wait_for_url(&client, &target).await?;
        let source = client.source().await?;
        assert!(source.contains("Ada Lovelace"), "{source}");
        assert!(
            !client.current_url().await?.as_str().contains("ott="),
            "the token left the address bar"
        );
        let cookies = client.get_all_cookies().await?;
        let session = cookies
            .iter()
            .find(|c| c.name() == SESSION_COOKIE)
            .expect("vanity session cookie");
        assert!(session.secure().unwrap_or(false));
        assert!(session.http_only().unwrap_or(false));
        // The canonical host holds no session: its portal pages send the browser to sign in.
        client
            .goto(&format!("https://{CANONICAL}/client-portal/dashboard"))
            .await?;
        let url = client.current_url().await?;
        assert_eq!(url.host_str(), Some(CANONICAL));
        assert!(
            url.path().starts_with("/auth/client-portal/signin"),
            "{url}"
        );
        let canonical_cookies = client.get_all_cookies().await?;
        assert!(canonical_cookies.iter().all(|c| c.name() != SESSION_COOKIE));
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// The vanity host's session cookie as the browser holds it (call on a vanity page).
async fn vanity_session(client: &fantoccini::Client) -> Option<String> {
    let cookies = client.get_all_cookies().await.ok()?;
    cookies
        .iter()
        .find(|c| c.name() == crate::handoff::SESSION)
        .map(|c| c.value().to_owned())
}

/// Login CSRF in a real browser: another user's transfer token, opened as a link or sent by a
/// form on another site, gives this browser no session, and the token stays unused.
#[actix_web::test]
async fn a_token_as_a_link_or_a_foreign_form_gives_a_real_browser_no_session() {
    use crate::handoff::{canonical_origin, issue_token};
    // The attacker's page is written once the token exists; the server reads it from here.
    let page = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let evil_port = {
        let page = page.clone();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            use std::io::{Read, Write};
            for stream in listener.incoming().take(20) {
                let Ok(mut stream) = stream else { continue };
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let html = page.lock().unwrap().clone();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{html}",
                    html.len()
                );
            }
        });
        port
    };
    let options = BrowserOptions {
        extra_rules: vec![format!("MAP evil.test:80 127.0.0.1:{evil_port}")],
        ..BrowserOptions::default()
    };
    let Some((app, client, driver, _dir)) = portal_and_browser_with(options).await else {
        return;
    };
    let mallory = app.client_user(None, "mallory@acme.example", "Acme").await;
    let ott = issue_token(&app, &mallory, VANITY).await;
    *page.lock().unwrap() = format!(
        "<!doctype html><title>Win a prize</title>\
         <form id=\"prize\" method=\"post\" action=\"https://{VANITY}/auth/client-portal/handoff\">\
         <input type=\"hidden\" name=\"ott\" value=\"{ott}\">\
         <input type=\"hidden\" name=\"returnPath\" value=\"/client-portal/dashboard\">\
         <button id=\"go\" type=\"submit\">Claim</button></form>"
    );
    let result = async {
        // The link: a page that says to sign in again; nothing submits itself.
        client
            .goto(&format!(
                "https://{VANITY}/auth/client-portal/handoff?ott={ott}&return=/client-portal/dashboard"
            ))
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#handoff-error"))
            .await?;
        actix_rt::time::sleep(Duration::from_millis(500)).await;
        let url = client.current_url().await?;
        assert_eq!(url.path(), "/auth/client-portal/handoff", "{url}");
        let source = client.source().await?;
        assert!(!source.contains(&ott), "{source}");
        assert_eq!(vanity_session(&client).await, None);

        // The form on another site, sent by the victim's click.
        client.goto("http://evil.test/").await?;
        client.find(Locator::Css("#go")).await?.click().await?;
        client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#handoff-error"))
            .await?;
        let source = client.source().await?;
        assert!(source.contains("did not come from the sign-in page"), "{source}");
        assert_eq!(vanity_session(&client).await, None);
        client
            .goto(&format!("https://{VANITY}/client-portal/dashboard"))
            .await?;
        let url = client.current_url().await?;
        assert_eq!(url.host_str(), Some(CANONICAL), "sent to sign in: {url}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
    // The token was never consumed: its owner's real handoff still works.
    assert_eq!(canonical_origin(&app), format!("https://{CANONICAL}"));
    let page = app
        .browser_at(VANITY)
        .over_tls()
        .post_json_from(
            "/api/client-portal/domain-session",
            &json!({ "ott": ott }),
            Some(&canonical_origin(&app)),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
}

/// Without script the canonical page shows a Continue button that does the same POST.
#[actix_web::test]
async fn a_real_browser_without_javascript_continues_with_the_button() {
    let options = BrowserOptions {
        javascript: false,
        ..BrowserOptions::default()
    };
    let Some((app, client, driver, _dir)) = portal_and_browser_with(options).await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let result = async {
        sign_in_with_password(&client, &app.tenant.slug, &ada.email).await?;
        let button = client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("#handoff-form button[type=submit]"))
            .await?;
        assert_eq!(button.text().await?, "Continue");
        assert_eq!(client.current_url().await?.host_str(), Some(CANONICAL));
        button.click().await?;
        let target = url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&target)
            .await?;
        assert!(vanity_session(&client).await.is_some());
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// Signing in again from a browser that holds a vanity session ends that session: the vanity
/// host sees the old cookie when it finishes the handoff (a same-site step after the POST).
#[actix_web::test]
async fn a_real_browser_signing_in_again_ends_its_old_vanity_session() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let target = url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
    let result = async {
        sign_in_with_password(&client, &app.tenant.slug, &ada.email).await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&target)
            .await?;
        let first = vanity_session(&client).await.expect("first session");
        sign_in_with_password(&client, &app.tenant.slug, &ada.email).await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&target)
            .await?;
        let second = vanity_session(&client).await.expect("second session");
        Ok::<_, fantoccini::error::CmdError>((first, second))
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    let (first, second) = result.unwrap();
    assert_ne!(first, second);
    let replay = app.browser_at(VANITY).over_tls();
    replay.set_cookie(crate::handoff::SESSION, &first);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);
    replay.set_cookie(crate::handoff::SESSION, &second);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 200);
}
