//! A real headless Chromium (over WebDriver) signs in on the canonical host over TLS, is handed
//! over to the vanity host, lands on its dashboard, and holds a session cookie for that host only.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::handoff::{add_domain, CANONICAL, VANITY};
use crate::helpers::{free_port, missing, spawn_app_with, PASSWORD, SESSION_COOKIE};
use crate::tls::self_signed;
use portal_actors::portal_domain::DomainStatus;

fn find(candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .find(|p| std::path::Path::new(p).is_file())
        .map(|p| (*p).to_owned())
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A TLS portal on the canonical host with an active vanity domain, and a WebDriver session to a
/// headless Chromium that resolves both names to it. `None` when Chromium is missing.
async fn portal_and_browser() -> Option<(
    crate::helpers::TestApp,
    fantoccini::Client,
    Driver,
    tempfile::TempDir,
)> {
    portal_and_browser_with(BrowserOptions::default()).await
}

/// What a test changes in the browser: more host mappings, script off.
struct BrowserOptions {
    /// Extra `--host-resolver-rules` entries (`MAP host:port 127.0.0.1:port`).
    extra_rules: Vec<String>,
    javascript: bool,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions {
            extra_rules: Vec::new(),
            javascript: true,
        }
    }
}

async fn portal_and_browser_with(
    options: BrowserOptions,
) -> Option<(
    crate::helpers::TestApp,
    fantoccini::Client,
    Driver,
    tempfile::TempDir,
)> {
    let (Some(chromium), Some(chromedriver)) = (
        find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]),
        find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]),
    ) else {
        missing("chromium", "Debian packages chromium and chromium-driver");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed(dir.path());
    let app = spawn_app_with(move |s| {
        s.server.tls_cert = Some(cert);
        s.server.tls_key = Some(key);
        s.server.canonical_host = CANONICAL.into();
        s.server.public_scheme = "https".into();
        s.domains.dns_check = "false".into();
    })
    .await?;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    let port = app.host.rsplit(':').next().unwrap().to_owned();

    let driver_port = free_port();
    let driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut ready = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", driver_port)).is_ok() {
            ready = true;
            break;
        }
        actix_rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "chromedriver did not start");
    let profile = dir.path().join("profile");
    let mut rules = vec![
        format!("MAP {CANONICAL}:443 127.0.0.1:{port}"),
        format!("MAP {VANITY}:443 127.0.0.1:{port}"),
    ];
    rules.extend(options.extra_rules);
    let rules = rules.join(",");
    // 2 = blocked: the managed content setting turns script off for every site.
    let javascript = if options.javascript { 1 } else { 2 };
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--ignore-certificate-errors",
                format!("--user-data-dir={}", profile.display()),
                format!("--host-resolver-rules={rules}"),
            ],
            "prefs": {
                "profile.managed_default_content_settings.javascript": javascript
            }
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("webdriver session");

    Some((app, client, driver, dir))
}

#[actix_web::test]
async fn a_real_browser_is_handed_over_to_the_vanity_dashboard() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let result = async {
        client
            .goto(&format!(
                "https://{CANONICAL}/auth/client-portal/signin?tenant={}",
                app.tenant.slug
            ))
            .await?;
        client
            .find(Locator::Css("#email"))
            .await?
            .send_keys(&ada.email)
            .await?;
        client
            .find(Locator::Css("#password"))
            .await?
            .send_keys(PASSWORD)
            .await?;
        client
            .find(Locator::Css("button[type=submit]"))
            .await?
            .click()
            .await?;
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

/// Waits (20 s at most) until the browser is at `target`; on a timeout, says where it is.
async fn wait_for_url(
    client: &fantoccini::Client,
    target: &url::Url,
) -> Result<(), fantoccini::error::CmdError> {
    let waited = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_url(target)
        .await;
    if waited.is_err() {
        eprintln!(
            "still not at {target}: at {:?}\n{}",
            client.current_url().await,
            client.source().await.unwrap_or_default()
        );
    }
    waited
}

/// Fills in and sends the canonical sign-in form.
async fn sign_in_with_password(
    client: &fantoccini::Client,
    slug: &str,
    email: &str,
) -> Result<(), fantoccini::error::CmdError> {
    client
        .goto(&format!(
            "https://{CANONICAL}/auth/client-portal/signin?tenant={slug}"
        ))
        .await?;
    client
        .find(Locator::Css("#email"))
        .await?
        .send_keys(email)
        .await?;
    client
        .find(Locator::Css("#password"))
        .await?
        .send_keys(PASSWORD)
        .await?;
    client
        .find(Locator::Css("button[type=submit]"))
        .await?
        .click()
        .await
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

/// Signs in on the canonical host with the password, then on the two-factor page with a code,
/// and lands on the vanity dashboard: the second step's form may redirect there (CSP form-action).
#[actix_web::test]
async fn a_real_browser_signs_in_with_two_factor_and_is_handed_over() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let secret = crate::two_factor::enroll_directly(&app, &ada).await;
    let code_at = |offset: i64| {
        use portal_actors::Clock;
        let t = u64::try_from(app.clock.now().timestamp() + offset).unwrap();
        portal_actors::totp::code_at(&secret, 6, t).unwrap()
    };
    app.clock.advance(chrono::Duration::seconds(30));

    let result = async {
        client
            .goto(&format!(
                "https://{CANONICAL}/auth/client-portal/signin?tenant={}",
                app.tenant.slug
            ))
            .await?;
        client
            .find(Locator::Css("#email"))
            .await?
            .send_keys(&ada.email)
            .await?;
        client
            .find(Locator::Css("#password"))
            .await?
            .send_keys(PASSWORD)
            .await?;
        client
            .find(Locator::Css("button[type=submit]"))
            .await?
            .click()
            .await?;
        let code_page = url::Url::parse(&format!(
            "https://{CANONICAL}/auth/client-portal/two-factor"
        ))
        .unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&code_page)
            .await?;
        client
            .find(Locator::Css("#code"))
            .await?
            .send_keys(&code_at(0))
            .await?;
        client
            .find(Locator::Css("button[type=submit]"))
            .await?
            .click()
            .await?;
        let target = url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&target)
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Ada Lovelace"), "{source}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// Clicks "Sign in with Google" on the canonical sign-in page, signs in on the OpenID provider's
/// own login page (a real `oidc-provider`), comes back through the callback and is handed over
/// to the vanity dashboard.
#[actix_web::test]
async fn a_real_browser_signs_in_through_the_identity_providers_login_page() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let account = crate::sso::account("ada", &ada.email, true, &["pwd"]);
    let Some(idp) = crate::sso::provider_for(&app, "", vec![account]).await else {
        let _ = client.close().await;
        return;
    };
    crate::sso::configure(&app, "google", "google", idp.issuer(), &[]).await;
    let result = async {
        client
            .goto(&format!(
                "https://{CANONICAL}/auth/client-portal/signin?tenant={}",
                app.tenant.slug
            ))
            .await?;
        client
            .find(Locator::Css("a.btn--sso-google"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("input[name=login]"))
            .await?
            .send_keys("ada")
            .await?;
        assert!(client
            .current_url()
            .await?
            .as_str()
            .starts_with(idp.issuer()));
        client
            .find(Locator::Css("input[name=password]"))
            .await?
            .send_keys(crate::sso::IDP_PASSWORD)
            .await?;
        client.find(Locator::Css("#sign-in")).await?.click().await?;
        let target = url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&target)
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Ada Lovelace"), "{source}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// A real browser raises a ticket with a file through the portal's own forms (multipart, CSP,
/// CSRF), reads it back, replies in Markdown and closes it.
#[actix_web::test]
async fn a_real_browser_raises_a_ticket_with_a_file_and_replies() {
    let Some((app, client, driver, dir)) = portal_and_browser().await else {
        return;
    };
    let tenant = app.tenant.clone();
    crate::ticket_data::catalog(&app, &tenant).await;
    let ada =
        crate::ticket_data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let file = dir.path().join("printer-error.txt");
    std::fs::write(&file, "PC LOAD LETTER").unwrap();
    let result = async {
        client
            .goto(&format!(
                "https://{CANONICAL}/auth/client-portal/signin?tenant={}",
                tenant.slug
            ))
            .await?;
        client
            .find(Locator::Css("#email"))
            .await?
            .send_keys(&ada.user.email)
            .await?;
        client
            .find(Locator::Css("#password"))
            .await?
            .send_keys(PASSWORD)
            .await?;
        client
            .find(Locator::Css("button[type=submit]"))
            .await?
            .click()
            .await?;
        let dashboard =
            url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&dashboard)
            .await?;

        client
            .find(Locator::Css("a[href='/client-portal/tickets']"))
            .await?
            .click()
            .await?;
        client
            .find(Locator::Css("a[href='/client-portal/tickets/new']"))
            .await?
            .click()
            .await?;
        client
            .find(Locator::Css("#ticket-title"))
            .await?
            .send_keys("Printer jam on floor 2")
            .await?;
        client
            .find(Locator::Css("#ticket-description"))
            .await?
            .send_keys("The **big** printer says PC LOAD LETTER.")
            .await?;
        client
            .find(Locator::Css("#ticket-files"))
            .await?
            .send_keys(&file.display().to_string())
            .await?;
        client
            .find(Locator::Css(".ticket-form button[type=submit]"))
            .await?
            .click()
            .await?;
        let created = url::Url::parse(&format!(
            "https://{VANITY}/client-portal/tickets/TIC-1000?done=created#main"
        ))
        .unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&created)
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Your ticket was raised"), "{source}");
        assert!(source.contains("<strong>big</strong>"), "{source}");
        assert!(source.contains("printer-error.txt"), "{source}");

        client
            .find(Locator::Css("#reply-body"))
            .await?
            .send_keys("Tried *turning it off and on*.")
            .await?;
        client
            .find(Locator::Css(".reply-form button[type=submit]"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(".conversation em"))
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Your reply was sent."), "{source}");
        assert!(
            source.contains("<em>turning it off and on</em>"),
            "{source}"
        );

        client
            .find(Locator::Css(".ticket-state button[type=submit]"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::XPath(
                "//*[contains(text(), 'The ticket was closed.')]",
            ))
            .await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// Every signed-in page fits a phone's width (375 px) and a laptop's (1280 px): nothing makes the
/// page scroll sideways, the navigation included.
#[actix_web::test]
async fn signed_in_pages_never_scroll_sideways_on_a_phone_or_a_laptop() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let tenant = app.tenant.clone();
    crate::ticket_data::catalog(&app, &tenant).await;
    let admin =
        crate::ticket_data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let admin = admin.user;
    crate::helpers::make_admin(&app, admin.user_id).await;
    let result = async {
        sign_in_with_password(&client, &app.tenant.slug, &admin.email).await?;
        let dashboard =
            url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        wait_for_url(&client, &dashboard).await?;
        let mut wide = Vec::new();
        for width in [375u32, 1280] {
            client.set_window_size(width, 900).await?;
            for path in [
                "/client-portal/dashboard",
                "/client-portal/tickets",
                "/client-portal/tickets/new",
                "/client-portal/profile/security",
                "/client-portal/client-settings",
            ] {
                client.goto(&format!("https://{VANITY}{path}")).await?;
                // The page itself (with the navigation), not an error page.
                client.find(Locator::Css("nav.site-nav")).await?;
                client.find(Locator::Css("main h1")).await?;
                let widths = client
                    .execute(
                        "return [document.documentElement.scrollWidth, window.innerWidth]",
                        vec![],
                    )
                    .await?;
                let (scroll, inner) = (widths[0].as_i64(), widths[1].as_i64());
                if scroll > inner {
                    wide.push(format!("{path} at {width} px: {scroll:?} > {inner:?}"));
                }
            }
        }
        assert!(wide.is_empty(), "pages scroll sideways: {wide:#?}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}
