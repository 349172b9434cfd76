//! A real OpenID Connect provider for the tests: panva's `oidc-provider` run by node
//! (`tests/oidc/provider.mjs`, one process = one issuer), and a person who signs in there.
//!
//! `OidcProvider::start` gives an issuer like Keycloak's (`/realms/acme`) or Google's (no path),
//! with the given clients and accounts: authorization code flow with PKCE (S256) required,
//! `client_secret_basic` and `client_secret_post`, ID tokens signed RS256 carrying the account's
//! claims, `amr`, and the request's `nonce`. Test controls rotate the signing key, tamper with the
//! next ID token, and add accounts. `log_in_at_provider` / `cancel_at_provider` play the person at
//! the provider's login page and return the URL the provider sends them back to.
//!
//! Needs node and `tests/oidc/node_modules` (`npm ci --prefix tests/oidc`); without them
//! `start` reports the provider missing (a failure under `PORTAL_TEST_STRICT=1`).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use url::Url;

use crate::helpers::missing;

mod self_tests;

/// A client registered at the provider (authorization code, PKCE, secret basic or post).
#[derive(Debug, Clone, Serialize)]
pub struct ClientRegistration {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uris: Vec<String>,
}

/// A person who can sign in at the provider. `claims` must hold `sub`; it may hold `email`,
/// `email_verified`, `name`, `given_name`, `family_name` and extra claims (like Google's `hd`),
/// which every ID token carries. `amr` goes into the ID token as is.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub login: String,
    pub password: String,
    pub claims: Value,
    pub amr: Vec<String>,
}

/// One running provider process (one issuer); killed when dropped.
pub struct OidcProvider {
    child: Option<Child>,
    /// Held open: the provider exits when it closes, even if this test process is killed.
    stdin: Option<ChildStdin>,
    port: u16,
    issuer: String,
    origin: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// `tests/oidc` of this repository.
pub fn oidc_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("oidc")
}

fn node_works() -> bool {
    Command::new("node")
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// Appends a child's output lines to `log` (kept for error messages) and to the test's output.
fn forward(stream: impl std::io::Read + Send + 'static, log: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            eprintln!("[oidc-provider] {line}");
            let mut log = log.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
}

impl OidcProvider {
    /// Starts `node tests/oidc/provider.mjs` (waits for READY). None after
    /// `crate::helpers::missing("oidc-provider", why)` when node or tests/oidc/node_modules is
    /// missing (that helper panics under PORTAL_TEST_STRICT=1, else prints SKIPPED).
    pub async fn start(
        issuer_path: &str,
        clients: Vec<ClientRegistration>,
        accounts: Vec<Account>,
    ) -> Option<OidcProvider> {
        let dir = oidc_dir();
        if !node_works() {
            missing(
                "oidc-provider",
                "node is not installed (Debian packages nodejs and npm), then run: npm ci --prefix tests/oidc",
            );
            return None;
        }
        if !dir
            .join("node_modules/oidc-provider/package.json")
            .is_file()
        {
            missing(
                "oidc-provider",
                "tests/oidc/node_modules is missing; run: npm ci --prefix tests/oidc",
            );
            return None;
        }

        let tmp = tempfile::tempdir().unwrap();
        let config_path = tmp.path().join("provider.json");
        let config = json!({
            "port": 0,
            "issuer_path": issuer_path,
            "clients": clients,
            "accounts": accounts,
            "exit_with_stdin": true,
        });
        std::fs::write(&config_path, serde_json::to_vec_pretty(&config).unwrap()).unwrap();

        let mut child = Command::new("node")
            .arg(dir.join("provider.mjs"))
            .arg(&config_path)
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn node tests/oidc/provider.mjs");
        let stdin = child.stdin.take();
        let log = Arc::new(Mutex::new(String::new()));
        forward(child.stderr.take().unwrap(), log.clone());

        // The first stdout line is `READY <port>`; anything after it is only forwarded.
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<u16>();
        let stdout = child.stdout.take().unwrap();
        let stdout_log = log.clone();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let mut ready_tx = Some(ready_tx);
            while let Some(Ok(line)) = lines.next() {
                let port = line
                    .strip_prefix("READY ")
                    .and_then(|p| p.trim().parse::<u16>().ok());
                match (port, ready_tx.take()) {
                    (Some(port), Some(tx)) => {
                        let _ = tx.send(port);
                    }
                    (_, tx) => {
                        ready_tx = tx;
                        eprintln!("[oidc-provider] {line}");
                        let mut log = stdout_log.lock().unwrap();
                        log.push_str(&line);
                        log.push('\n');
                    }
                }
            }
        });

        let mut provider = OidcProvider {
            child: Some(child),
            stdin,
            port: 0,
            issuer: String::new(),
            origin: String::new(),
            http: http_client(),
            _dir: tmp,
        };
        let port = match tokio::time::timeout(Duration::from_secs(60), ready_rx).await {
            Ok(Ok(port)) => port,
            outcome => {
                provider.stop().await;
                // Let the output threads take in what the process said last.
                std::thread::sleep(Duration::from_millis(100));
                let why = if outcome.is_err() {
                    "did not say READY within 60 s"
                } else {
                    "exited before it said READY"
                };
                panic!(
                    "the OIDC provider (node tests/oidc/provider.mjs) {why}; its output:\n{}",
                    log.lock().unwrap()
                );
            }
        };
        provider.port = port;
        provider.origin = format!("http://127.0.0.1:{port}");
        provider.issuer = format!("{}{}", provider.origin, issuer_path.trim_end_matches('/'));
        Some(provider)
    }

    /// `http://127.0.0.1:<port><issuer_path>`, exactly as in the ID tokens' `iss`.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `<issuer>/.well-known/openid-configuration`.
    pub fn discovery_url(&self) -> String {
        format!("{}/.well-known/openid-configuration", self.issuer)
    }

    async fn control(&self, path: &str, body: Option<&Value>) -> Value {
        let url = format!("{}/__control/{path}", self.origin);
        let request = match body {
            Some(body) => self.http.post(&url).json(body),
            None => self.http.post(&url),
        };
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {url}: {e}"));
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "POST {url}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// A real rotation: a new RS256 key with a new kid signs from now on, and the old one is gone
    /// from the JWKS. Returns the new kid.
    pub async fn rotate_keys(&self) -> String {
        let answer = self.control("rotate-keys", None).await;
        answer["kid"].as_str().expect("kid").to_owned()
    }

    /// Merges `overrides` into the claims of the ID token in the NEXT token-endpoint response
    /// only, re-signed with the current key (a JSON `null` removes that claim). E.g.
    /// `{"aud":"someone-else"}`, `{"nonce":"x"}`, `{"iss":"http://evil"}`, `{"exp":1}`.
    pub async fn tamper_next_id_token(&self, overrides: Value) {
        assert!(overrides.is_object(), "overrides must be a JSON object");
        self.control("tamper", Some(&overrides)).await;
    }

    /// Adds the account, or replaces the one with the same login.
    pub async fn upsert_account(&self, account: Account) {
        self.control("accounts", Some(&json!(account))).await;
    }

    /// Kills the provider; its port stops answering.
    pub async fn stop(&mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        self.stdin.take();
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Where one step of a visit to the provider ended.
#[derive(Debug)]
pub enum ProviderStep {
    /// The provider answered with a page (no redirect): its final URL, status and body.
    Page {
        url: String,
        status: u16,
        body: String,
    },
    /// The provider redirected outside its own origin: that URL, not requested.
    Left(String),
}

/// A person's browser at the provider: its own cookie jar, redirects followed by hand until one
/// points outside the provider's origin.
pub struct ProviderBrowser {
    http: reqwest::Client,
    origin: url::Origin,
    cookies: BTreeMap<String, String>,
}

impl ProviderBrowser {
    /// A fresh browser for the provider that serves `authorization_url`.
    pub fn new(authorization_url: &str) -> Self {
        let url = Url::parse(authorization_url)
            .unwrap_or_else(|e| panic!("authorization URL {authorization_url:?}: {e}"));
        ProviderBrowser {
            http: http_client(),
            origin: url.origin(),
            cookies: BTreeMap::new(),
        }
    }

    /// GETs `url` and follows the provider's redirects.
    pub async fn visit(&mut self, url: &str) -> ProviderStep {
        let url = Url::parse(url).unwrap_or_else(|e| panic!("URL {url:?}: {e}"));
        let request = self.http.get(url.clone());
        self.run(request, url).await
    }

    /// Submits the form with `id="{form_id}"` of `page` (found at `page_url`) with `fields`.
    pub async fn submit(
        &mut self,
        page_url: &str,
        page: &str,
        form_id: &str,
        fields: &[(&str, &str)],
    ) -> ProviderStep {
        let action = form_action(page, form_id)
            .unwrap_or_else(|| panic!("no form id={form_id:?} on the provider's page:\n{page}"));
        let url = Url::parse(page_url).unwrap().join(&action).unwrap();
        let request = self.http.post(url.clone()).form(fields);
        self.run(request, url).await
    }

    async fn run(&mut self, mut request: reqwest::RequestBuilder, mut url: Url) -> ProviderStep {
        for _ in 0..20 {
            if !self.cookies.is_empty() {
                let header = self
                    .cookies
                    .iter()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect::<Vec<_>>()
                    .join("; ");
                request = request.header(COOKIE, header);
            }
            let response = request
                .send()
                .await
                .unwrap_or_else(|e| panic!("request to the provider {url}: {e}"));
            for set_cookie in response.headers().get_all(SET_COOKIE) {
                self.store_cookie(set_cookie.to_str().unwrap_or_default());
            }
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or_else(|| panic!("{status} from {url} without a Location"));
                let next = url
                    .join(location)
                    .unwrap_or_else(|e| panic!("Location {location:?} from {url}: {e}"));
                if next.origin() != self.origin {
                    return ProviderStep::Left(next.to_string());
                }
                request = self.http.get(next.clone());
                url = next;
                continue;
            }
            let body = response.text().await.unwrap_or_default();
            return ProviderStep::Page {
                url: url.to_string(),
                status: status.as_u16(),
                body,
            };
        }
        panic!("more than 20 redirects at the provider (last: {url})");
    }

    fn store_cookie(&mut self, set_cookie: &str) {
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|nv| nv.split_once('=')) else {
            return;
        };
        let (name, value) = (name.trim(), value.trim());
        let expired = parts.any(|attribute| {
            let attribute = attribute.trim().to_ascii_lowercase();
            attribute == "max-age=0" || attribute.contains("1970")
        });
        if expired || value.is_empty() {
            self.cookies.remove(name);
        } else {
            self.cookies.insert(name.to_owned(), value.to_owned());
        }
    }
}

/// The `action` of the `<form id="{form_id}" ...>` in `page`.
pub fn form_action(page: &str, form_id: &str) -> Option<String> {
    let marker = format!("id=\"{form_id}\"");
    page.split("<form").skip(1).find_map(|rest| {
        let tag = &rest[..rest.find('>')?];
        if !tag.contains(&marker) {
            return None;
        }
        let start = tag.find("action=\"")? + "action=\"".len();
        let end = start + tag[start..].find('"')?;
        Some(tag[start..end].replace("&amp;", "&"))
    })
}

/// Opens the authorization URL; the provider's login page (or, when the provider sends the person
/// straight back, `Err` with that URL).
pub async fn open_login_page(
    browser: &mut ProviderBrowser,
    authorization_url: &str,
) -> Result<(String, String), String> {
    match browser.visit(authorization_url).await {
        ProviderStep::Left(url) => Err(url),
        ProviderStep::Page { url, status, body } => {
            assert!(
                status == 200 && form_action(&body, "login-form").is_some(),
                "expected the provider's login page at {url}, got {status}:\n{body}"
            );
            Ok((url, body))
        }
    }
}

/// Plays the person at the provider: GETs the authorization URL (as returned by the portal in a
/// 303 Location), follows the provider's redirects to the login page, submits login+password,
/// follows the provider's redirects (carrying the provider's own cookies) until a redirect points
/// OUTSIDE the provider's origin, and returns that URL (the portal's callback with code and
/// state) WITHOUT requesting it. If the provider sends the person back without showing its login
/// page (an error for the client), that URL is returned. Panics when the login is refused.
pub async fn log_in_at_provider(authorization_url: &str, login: &str, password: &str) -> String {
    let mut browser = ProviderBrowser::new(authorization_url);
    let (url, page) = match open_login_page(&mut browser, authorization_url).await {
        Ok(page) => page,
        Err(back) => return back,
    };
    let fields = [("login", login), ("password", password)];
    match browser.submit(&url, &page, "login-form", &fields).await {
        ProviderStep::Left(back) => back,
        ProviderStep::Page { url, status, body } => {
            panic!("signing in as {login:?} at the provider ended on {url} ({status}):\n{body}")
        }
    }
}

/// Same, but presses Cancel; returns the callback URL carrying error=access_denied.
pub async fn cancel_at_provider(authorization_url: &str) -> String {
    let mut browser = ProviderBrowser::new(authorization_url);
    let (url, page) = match open_login_page(&mut browser, authorization_url).await {
        Ok(page) => page,
        Err(back) => return back,
    };
    match browser.submit(&url, &page, "cancel-form", &[]).await {
        ProviderStep::Left(back) => back,
        ProviderStep::Page { url, status, body } => {
            panic!("cancelling at the provider ended on {url} ({status}):\n{body}")
        }
    }
}

/// The JSON of a JWT's header and payload (no verification).
pub fn jwt_parts(jwt: &str) -> (Value, Value) {
    let mut parts = jwt.split('.');
    let mut decode = |what: &str| -> Value {
        let part = parts
            .next()
            .unwrap_or_else(|| panic!("JWT without {what}: {jwt}"));
        let bytes = URL_SAFE_NO_PAD
            .decode(part)
            .unwrap_or_else(|e| panic!("JWT {what} is not base64url: {e}"));
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("JWT {what} is not JSON: {e}"))
    };
    let header = decode("header");
    let payload = decode("payload");
    (header, payload)
}

/// Whether `jwt` is RS256-signed by the key in `jwks` (a JWK Set) with the JWT's `kid`.
pub fn rs256_signature_valid(jwt: &str, jwks: &Value) -> bool {
    let (header, _) = jwt_parts(jwt);
    let Some(key) = jwks["keys"]
        .as_array()
        .and_then(|keys| keys.iter().find(|k| k["kid"] == header["kid"]))
    else {
        return false;
    };
    let component = |name: &str| {
        key[name]
            .as_str()
            .and_then(|v| URL_SAFE_NO_PAD.decode(v).ok())
            .unwrap_or_default()
    };
    let Some((signed, signature)) = jwt.rsplit_once('.') else {
        return false;
    };
    let Ok(signature) = URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    ring::signature::RsaPublicKeyComponents {
        n: component("n"),
        e: component("e"),
    }
    .verify(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        signed.as_bytes(),
        &signature,
    )
    .is_ok()
}
