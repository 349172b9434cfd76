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

mod accessibility;
mod display;
mod handover;
mod notifications;
mod pages;
mod profile;
mod projects;
mod sign_in;

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
    // The pages do not depend on the database: the browser checks run on SQLite only.
    if crate::helpers::backend() != crate::helpers::Backend::Sqlite {
        return None;
    }
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

/// Waits (20 s at most) for an element matching `css`.
async fn wait_for(
    client: &fantoccini::Client,
    css: &str,
) -> Result<fantoccini::elements::Element, fantoccini::error::CmdError> {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
}

/// Keeps what the browser shows as `target/screenshots/<name>.png`, for people to look at.
async fn keep_screenshot(client: &fantoccini::Client, name: &str) {
    if let Ok(png) = client.screenshot().await {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
}
