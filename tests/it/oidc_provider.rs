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

// ---------------------------------------------------------------------------------------------
// The harness's own tests.

const CLIENT_ID: &str = "portal";
const CLIENT_SECRET: &str = "portal-client-secret";
const REDIRECT_URI: &str = "http://127.0.0.1:1/cb";

fn client() -> ClientRegistration {
    ClientRegistration {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        redirect_uris: vec![REDIRECT_URI.into()],
    }
}

fn alice() -> Account {
    Account {
        login: "alice".into(),
        password: "alice-password".into(),
        claims: json!({
            "sub": "alice-sub-1",
            "email": "alice@acme.test",
            "email_verified": true,
            "name": "Alice Anders",
            "given_name": "Alice",
            "family_name": "Anders",
        }),
        amr: vec!["pwd".into(), "mfa".into()],
    }
}

/// An authorization request built by hand, and what the client keeps for the callback.
struct AuthRequest {
    url: String,
    state: String,
    nonce: String,
    verifier: String,
}

fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

fn auth_request(discovery: &Value, scope: &str) -> AuthRequest {
    let (state, nonce, verifier) = (random_token(), random_token(), random_token());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let mut url = Url::parse(discovery["authorization_endpoint"].as_str().unwrap()).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", CLIENT_ID)
        .append_pair("redirect_uri", REDIRECT_URI)
        .append_pair("scope", scope)
        .append_pair("state", &state)
        .append_pair("nonce", &nonce)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    AuthRequest {
        url: url.to_string(),
        state,
        nonce,
        verifier,
    }
}

async fn get_json(url: &str) -> Value {
    let response = http_client().get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET {url}");
    response.json().await.unwrap()
}

/// The callback's query parameters, after checking it goes to REDIRECT_URI.
fn callback_params(callback: &str) -> BTreeMap<String, String> {
    assert!(
        callback.starts_with(&format!("{REDIRECT_URI}?")),
        "callback {callback}"
    );
    Url::parse(callback)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Signs in as `login` for `request` and redeems the code: the ID token (checked against state).
async fn flow(
    discovery: &Value,
    request: &AuthRequest,
    login: &str,
    password: &str,
    secret_post: bool,
) -> String {
    let callback = log_in_at_provider(&request.url, login, password).await;
    let params = callback_params(&callback);
    assert_eq!(params.get("state"), Some(&request.state), "{callback}");
    let code = params
        .get("code")
        .unwrap_or_else(|| panic!("no code in {callback}"));

    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", request.verifier.as_str()),
    ];
    let token_endpoint = discovery["token_endpoint"].as_str().unwrap();
    let request = http_client().post(token_endpoint);
    let request = if secret_post {
        let mut fields = form.to_vec();
        fields.extend([("client_id", CLIENT_ID), ("client_secret", CLIENT_SECRET)]);
        request.form(&fields)
    } else {
        request
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&form)
    };
    let response = request.send().await.unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "token endpoint: {body}");
    body["id_token"].as_str().expect("id_token").to_owned()
}

#[actix_web::test]
async fn oidc_provider_serves_discovery_and_a_full_code_flow() {
    let Some(mut provider) =
        OidcProvider::start("/realms/acme", vec![client()], vec![alice()]).await
    else {
        return;
    };
    let issuer = provider.issuer().to_owned();
    assert_eq!(
        issuer,
        format!("http://127.0.0.1:{}/realms/acme", provider.port())
    );

    let discovery = get_json(&provider.discovery_url()).await;
    assert_eq!(discovery["issuer"], issuer.as_str());
    assert_eq!(
        discovery["authorization_endpoint"],
        format!("{issuer}/auth")
    );
    assert_eq!(
        discovery["code_challenge_methods_supported"],
        json!(["S256"])
    );
    for method in ["client_secret_basic", "client_secret_post"] {
        assert!(
            discovery["token_endpoint_auth_methods_supported"]
                .as_array()
                .unwrap()
                .contains(&json!(method)),
            "{method}: {discovery}"
        );
    }
    let jwks_uri = discovery["jwks_uri"].as_str().unwrap().to_owned();
    let jwks = get_json(&jwks_uri).await;
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1, "{jwks}");
    let first_kid = keys[0]["kid"].as_str().unwrap().to_owned();
    assert_eq!(keys[0]["alg"], "RS256");
    assert!(
        keys[0].get("d").is_none(),
        "the JWKS must not publish the private key"
    );

    // 1. A full flow, client_secret_basic.
    let request = auth_request(&discovery, "openid email");
    let id_token = flow(&discovery, &request, "alice", "alice-password", false).await;
    assert!(rs256_signature_valid(&id_token, &jwks), "signature");
    let (header, claims) = jwt_parts(&id_token);
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["kid"], first_kid.as_str());
    assert_eq!(claims["iss"], issuer.as_str());
    assert_eq!(claims["aud"], CLIENT_ID);
    assert_eq!(claims["sub"], "alice-sub-1");
    assert_eq!(claims["nonce"], request.nonce.as_str());
    assert_eq!(claims["email"], "alice@acme.test");
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["amr"], json!(["pwd", "mfa"]));
    assert!(
        claims.get("name").is_none(),
        "no profile scope, no name: {claims}"
    );

    // 2. Tampered: the next ID token only, validly re-signed; client_secret_post.
    provider.tamper_next_id_token(json!({"aud": "x"})).await;
    let request = auth_request(&discovery, "openid email profile");
    let id_token = flow(&discovery, &request, "alice", "alice-password", true).await;
    assert!(
        rs256_signature_valid(&id_token, &jwks),
        "tampered tokens are re-signed"
    );
    let (header, claims) = jwt_parts(&id_token);
    assert_eq!(header["kid"], first_kid.as_str());
    assert_eq!(claims["aud"], "x");
    assert_eq!(claims["nonce"], request.nonce.as_str());
    assert_eq!(claims["name"], "Alice Anders");
    assert_eq!(claims["family_name"], "Anders");
    let request = auth_request(&discovery, "openid email");
    let id_token = flow(&discovery, &request, "alice", "alice-password", false).await;
    assert_eq!(
        jwt_parts(&id_token).1["aud"],
        CLIENT_ID,
        "tampering is for one token"
    );

    // 3. Rotation: the old key is gone; a new account with an extra claim (like Google's hd).
    let new_kid = provider.rotate_keys().await;
    assert_ne!(new_kid, first_kid);
    let rotated = get_json(&jwks_uri).await;
    let kids: Vec<&str> = rotated["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["kid"].as_str())
        .collect();
    assert_eq!(kids, vec![new_kid.as_str()]);
    provider
        .upsert_account(Account {
            login: "bob@acme.test".into(),
            password: "bob-password".into(),
            claims: json!({"sub": "bob-2", "email": "bob@acme.test", "email_verified": false, "hd": "acme.test"}),
            amr: vec!["pwd".into()],
        })
        .await;
    let request = auth_request(&discovery, "openid email");
    let id_token = flow(&discovery, &request, "bob@acme.test", "bob-password", false).await;
    assert!(rs256_signature_valid(&id_token, &rotated));
    assert!(
        !rs256_signature_valid(&id_token, &jwks),
        "the old JWKS must miss"
    );
    let (header, claims) = jwt_parts(&id_token);
    assert_eq!(header["kid"], new_kid.as_str());
    assert_eq!(claims["sub"], "bob-2");
    assert_eq!(claims["email_verified"], false);
    assert_eq!(claims["hd"], "acme.test");
    assert_eq!(claims["amr"], json!(["pwd"]));
    assert_eq!(claims["iss"], issuer.as_str());

    // 4. Cancel: back to the client with access_denied and the state.
    let request = auth_request(&discovery, "openid email");
    let callback = cancel_at_provider(&request.url).await;
    assert!(callback.contains("error=access_denied"), "{callback}");
    assert_eq!(
        callback_params(&callback).get("state"),
        Some(&request.state)
    );

    // 5. Stopped: the port no longer answers.
    provider.stop().await;
    let gone = http_client()
        .get(provider.discovery_url())
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    assert!(gone.is_err(), "the provider still answers after stop");
}

#[actix_web::test]
async fn oidc_provider_shows_its_login_page_again_after_a_wrong_password() {
    let Some(provider) = OidcProvider::start("", vec![client()], vec![alice()]).await else {
        return;
    };
    assert_eq!(
        provider.issuer(),
        format!("http://127.0.0.1:{}", provider.port())
    );
    let discovery = get_json(&provider.discovery_url()).await;
    assert_eq!(discovery["issuer"], provider.issuer());
    let request = auth_request(&discovery, "openid email");

    let mut browser = ProviderBrowser::new(&request.url);
    let (url, page) = open_login_page(&mut browser, &request.url)
        .await
        .expect("login page");
    assert!(
        page.contains(r#"name="password" type="password""#),
        "{page}"
    );
    assert!(page.contains(r#"id="sign-in""#) && page.contains(r#"id="cancel""#));
    let wrong = [("login", "alice"), ("password", "not-her-password")];
    match browser.submit(&url, &page, "login-form", &wrong).await {
        ProviderStep::Page { status, body, .. } => {
            assert_eq!(status, 200);
            assert!(body.contains("Invalid login or password"), "{body}");
            assert!(form_action(&body, "login-form").is_some(), "{body}");
        }
        ProviderStep::Left(url) => panic!("a wrong password went back to the client: {url}"),
    }

    // The right password still works on a fresh visit, and PKCE is not optional.
    let callback = log_in_at_provider(&request.url, "alice", "alice-password").await;
    assert!(
        callback_params(&callback).contains_key("code"),
        "{callback}"
    );
    let mut without_pkce = Url::parse(&request.url).unwrap();
    let kept: Vec<(String, String)> = without_pkce
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("code_challenge"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    without_pkce.query_pairs_mut().clear().extend_pairs(kept);
    let refused = log_in_at_provider(without_pkce.as_str(), "alice", "alice-password").await;
    assert!(refused.contains("error=invalid_request"), "{refused}");
}
