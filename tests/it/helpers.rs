//! `spawn_app()`: the real portal on port 0 with a fresh database on the backend chosen by
//! `PORTAL_TEST_BACKEND` (`sqlite`, the default, or `postgres`), an injected manual clock, and a
//! `Browser` that keeps cookies by hand (Secure cookies over loopback HTTP).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use portal::config::Settings;
use portal::{AppState, Application};
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::model::{Email, TenantInfo, UserType};
use portal_actors::store::{tenants, users};
use portal_actors::{Db, ManualClock, SharedClock};
use reqwest::header::HeaderMap;
use secrecy::SecretString;
use uuid::Uuid;

/// Shared by every instance of a test (instances on one database need one key).
pub const ENCRYPTION_KEY: &str = "Jx4u5P0m9v3lT8q2Wc6ZyB1nRk7GdHs0aFiEoLpUtQw";
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789abcdef";
pub const PASSWORD: &str = "correct horse battery staple";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn strict() -> bool {
    std::env::var("PORTAL_TEST_STRICT").is_ok_and(|v| v == "1")
}

pub fn backend() -> Backend {
    match std::env::var("PORTAL_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// Reports a missing component: fails under `PORTAL_TEST_STRICT=1`, else says SKIPPED loudly.
pub fn missing(component: &str, why: &str) {
    if strict() {
        panic!("{component} missing under PORTAL_TEST_STRICT=1: {why}");
    }
    eprintln!("SKIPPED: {component} missing ({why})");
}

pub struct TestApp {
    pub base: String,
    pub host: String,
    pub admin: String,
    pub clock: Arc<ManualClock>,
    pub db: Db,
    pub state: actix_web::web::Data<AppState>,
    pub tenant: TenantInfo,
    pub http: reqwest::Client,
    /// The database this instance uses (a second instance can share it).
    pub database_url: String,
    /// Where this instance stores ticket attachments.
    pub attachments_dir: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// A database URL of the selected backend, or `None` (after saying why) when it cannot run.
pub async fn database_url(dir: &std::path::Path, backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(format!("sqlite://{}", dir.join("portal.db").display())),
        Backend::Postgres => match crate::pg::new_database().await {
            Ok(url) => Some(url),
            Err(why) => {
                missing("postgresql", &why);
                None
            }
        },
    }
}

pub async fn spawn_app() -> Option<TestApp> {
    spawn_app_with(|_| {}).await
}

/// Boots the portal with test settings, adjusted by `configure`, and one tenant.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    spawn_app_on(None, configure).await
}

/// Settings that send the portal's email to `smtp` (the loopback SMTP listener). The periodic
/// poll is slowed down so that only kicks (after queueing) and the admin endpoint deliver,
/// which keeps what a test sees deterministic.
pub fn mail_to(smtp: &crate::smtp_server::SmtpServer) -> impl FnOnce(&mut Settings) {
    let url = smtp.url();
    move |settings: &mut Settings| {
        settings.mail.smtp_url = Some(SecretString::from(url));
        settings.mail.poll_interval_seconds = 3_600;
    }
}

/// Boots the portal on `shared` (another instance's database, whose tenant it reuses) or a fresh one.
pub async fn spawn_app_on(
    shared: Option<&TestApp>,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = match shared {
        Some(other) => other.database_url.clone(),
        None => database_url(dir.path(), backend()).await?,
    };
    let mut settings = Settings::default();
    settings.server.bind = "127.0.0.1:0".parse().unwrap();
    settings.server.admin_bind = "127.0.0.1:0".parse().unwrap();
    settings.server.workers = 1;
    settings.server.hashing_threads = 2;
    settings.database.url = SecretString::from(url.clone());
    settings.database.max_connections = 5;
    settings.admin.token = Some(SecretString::from(ADMIN_TOKEN));
    settings.security.encryption_key = Some(SecretString::from(ENCRYPTION_KEY));
    // Never the working directory's data/mailbox: each test gets its own folder.
    settings.mail.mailbox_dir = dir.path().join("mailbox");
    settings.tickets.attachments_dir = dir.path().join("attachments");
    configure(&mut settings);
    let db = portal::cli::open_db(&settings).await.expect("database");
    let clock = Arc::new(ManualClock::new(portal_actors::Clock::now(
        &portal_actors::SystemClock,
    )));
    let app =
        Application::build_with_db(settings, db.clone(), SharedClock::new(clock.clone()), false)
            .await
            .expect("application");
    let port = app.port();
    let admin_port = app.admin_port();
    let state = app.state.clone();
    actix_rt::spawn(app.run_until_stopped());
    let mut test = TestApp {
        base: format!("http://127.0.0.1:{port}"),
        host: format!("127.0.0.1:{port}"),
        admin: format!("http://127.0.0.1:{admin_port}"),
        clock,
        db,
        state,
        tenant: placeholder_tenant(),
        http: client(),
        database_url: url,
        attachments_dir: dir.path().join("attachments"),
        _dir: dir,
    };
    test.tenant = match shared {
        Some(other) => other.tenant.clone(),
        None => test.create_tenant("Northwind IT Services").await,
    };
    Some(test)
}

fn placeholder_tenant() -> TenantInfo {
    TenantInfo {
        id: Uuid::nil(),
        slug: String::new(),
        name: String::new(),
        primary_color: String::new(),
        accent_color: String::new(),
        default_locale: String::new(),
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A seeded user.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub user_id: Uuid,
    pub email: String,
}

impl TestApp {
    pub async fn create_tenant(&self, name: &str) -> TenantInfo {
        tenants::create(
            &self.db,
            self.clock.now_utc(),
            &tenants::NewTenant {
                name: name.into(),
                slug: None,
                host: None,
                primary_color: "#0b5563".into(),
                accent_color: "#e07a1f".into(),
                default_locale: "en".into(),
            },
        )
        .await
        .unwrap()
    }

    /// A client user of `tenant` (this app's tenant when `None`) in company `company`.
    pub async fn client_user(
        &self,
        tenant: Option<&TenantInfo>,
        email: &str,
        company: &str,
    ) -> TestUser {
        self.user(
            tenant,
            email,
            UserType::Client,
            Some(company),
            Some(&hash(PASSWORD)),
        )
        .await
    }

    pub async fn internal_user(&self, email: &str) -> TestUser {
        self.user(None, email, UserType::Internal, None, Some(&hash(PASSWORD)))
            .await
    }

    pub async fn user(
        &self,
        tenant: Option<&TenantInfo>,
        email: &str,
        user_type: UserType,
        company: Option<&str>,
        password_hash: Option<&str>,
    ) -> TestUser {
        let tenant = tenant.unwrap_or(&self.tenant).clone();
        let now = self.clock.now_utc();
        let email = Email::parse(email).unwrap();
        let contact_id = match company {
            Some(company) => {
                let client_id = users::find_or_create_client(&self.db, tenant.id, company, now)
                    .await
                    .unwrap();
                let contact = users::NewContact {
                    client_id,
                    full_name: "Test Contact".into(),
                    email: email.clone(),
                    phone: None,
                    is_client_admin: false,
                };
                Some(
                    users::create_contact(&self.db, tenant.id, &contact, now)
                        .await
                        .unwrap(),
                )
            }
            None => None,
        };
        let new = users::NewUser {
            email: email.clone(),
            user_type,
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            contact_id,
            password_hash: password_hash.map(str::to_owned),
            is_inactive: false,
        };
        let user_id = users::create_user(&self.db, tenant.id, &new, now)
            .await
            .unwrap();
        TestUser {
            user_id,
            email: email.to_string(),
        }
    }

    pub fn browser(&self) -> Browser {
        Browser {
            base: self.base.clone(),
            host: None,
            client: client(),
            jar: Arc::default(),
        }
    }

    /// A browser talking to this server as if it were `host` (a vanity domain over TLS).
    pub fn browser_at(&self, host: &str) -> Browser {
        Browser {
            base: self.base.clone(),
            host: Some(host.to_owned()),
            client: client(),
            jar: Arc::default(),
        }
    }

    /// `GET` on the admin listener with an optional bearer token.
    pub async fn admin_get(&self, path: &str, token: Option<&str>) -> Page {
        let mut req = self.http.get(format!("{}{path}", self.admin));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        Page::from(req.send().await.unwrap()).await
    }

    pub async fn admin_post(&self, path: &str, token: Option<&str>) -> Page {
        let mut req = self.http.post(format!("{}{path}", self.admin));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        Page::from(req.send().await.unwrap()).await
    }

    /// The value of one metric sample, e.g. `portal_login_attempts_total{method="password",outcome="success",reason="none"}`.
    pub async fn metric(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        let page = self.admin_get("/metrics", Some(ADMIN_TOKEN)).await;
        assert_eq!(page.status, 200);
        metric_value(&page.body, name, labels).unwrap_or(0.0)
    }
}

/// Finds a sample in the text exposition format whose labels include all of `labels`.
pub fn metric_value(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let (metric, rest) = match series.split_once('{') {
                Some((m, rest)) => (m, rest.trim_end_matches('}')),
                None => (series, ""),
            };
            if metric != name {
                return None;
            }
            let ok = labels
                .iter()
                .all(|(k, v)| rest.split(',').any(|pair| pair == format!("{k}=\"{v}\"")));
            ok.then(|| value.parse().ok()).flatten()
        })
}

pub fn hash(password: &str) -> String {
    hash_with(&current_params().unwrap(), password).unwrap()
}

pub trait NowUtc {
    fn now_utc(&self) -> chrono::DateTime<Utc>;
}

impl NowUtc for Arc<ManualClock> {
    fn now_utc(&self) -> chrono::DateTime<Utc> {
        portal_actors::Clock::now(self.as_ref())
    }
}

/// A response read whole.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub async fn from(resp: reqwest::Response) -> Page {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// A browser with a cookie jar kept by hand; POSTs carry a same-site `Origin`.
#[derive(Clone)]
pub struct Browser {
    pub base: String,
    /// Sent as `Host` (and `https://host` as `Origin`) instead of the base's.
    pub host: Option<String>,
    client: reqwest::Client,
    jar: Arc<Mutex<BTreeMap<String, String>>>,
}

impl Browser {
    fn cookie_header(&self) -> String {
        self.jar
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn absorb(&self, page: &Page) {
        let mut jar = self.jar.lock().unwrap();
        for set in page.set_cookies() {
            let first = set.split(';').next().unwrap_or("");
            if let Some((name, value)) = first.split_once('=') {
                let expired = set.to_ascii_lowercase().contains("max-age=0");
                if expired || value.is_empty() {
                    jar.remove(name.trim());
                } else {
                    jar.insert(name.trim().to_owned(), value.trim().to_owned());
                }
            }
        }
    }

    /// The same browser talking HTTPS (to a portal that serves TLS itself; any certificate).
    pub fn over_tls(self) -> Browser {
        Browser {
            base: self.base.replace("http://", "https://"),
            client: reqwest::Client::builder()
                .danger_accept_invalid_certs(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            ..self
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar
            .lock()
            .unwrap()
            .insert(name.to_owned(), value.to_owned());
    }

    fn origin(&self) -> String {
        match &self.host {
            Some(host) => format!("https://{host}"),
            None => self.base.clone(),
        }
    }

    fn with_host(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.host {
            Some(host) => req.header("host", host),
            None => req,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let mut req = self.with_host(self.client.get(format!("{}{path}", self.base)));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// `GET` whose body is kept as bytes (downloads), with its status and headers.
    pub async fn get_bytes(&self, path: &str) -> (u16, HeaderMap, Vec<u8>) {
        let mut req = self.with_host(self.client.get(format!("{}{path}", self.base)));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        (status, headers, resp.bytes().await.unwrap().to_vec())
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Page {
        self.post_form_from(path, form, Some(&self.origin())).await
    }

    /// Posts a form as a page of `origin` would (`None`: no `Origin` header at all).
    pub async fn post_form_from(
        &self,
        path: &str,
        form: &[(&str, &str)],
        origin: Option<&str>,
    ) -> Page {
        let mut req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .form(form);
        if let Some(origin) = origin {
            req = req.header("origin", origin);
        }
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// Posts a `multipart/form-data` form: text fields, then files as
    /// (field, file name, content type, bytes).
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, Vec<u8>)],
    ) -> Page {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        for (name, file_name, content_type, bytes) in files {
            let part = reqwest::multipart::Part::bytes(bytes.clone())
                .file_name(file_name.to_string())
                .mime_str(content_type)
                .unwrap();
            form = form.part(name.to_string(), part);
        }
        let mut req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .header("origin", self.origin())
            .multipart(form);
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// Posts JSON (same-site `Origin`, cookies kept).
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Page {
        self.post_json_from(path, body, Some(&self.origin())).await
    }

    /// Posts JSON as a script of `origin` would (`None`: no `Origin` header at all).
    pub async fn post_json_from(
        &self,
        path: &str,
        body: &serde_json::Value,
        origin: Option<&str>,
    ) -> Page {
        let mut req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .json(body);
        if let Some(origin) = origin {
            req = req.header("origin", origin);
        }
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// Opens the sign-in page of `slug` and posts the credentials with its CSRF token.
    pub async fn sign_in(&self, slug: &str, email: &str, password: &str) -> Page {
        self.sign_in_to(slug, email, password, None).await
    }

    pub async fn sign_in_to(
        &self,
        slug: &str,
        email: &str,
        password: &str,
        callback: Option<&str>,
    ) -> Page {
        let page = self
            .get(&format!("/auth/client-portal/signin?tenant={slug}"))
            .await;
        assert_eq!(page.status, 200, "sign-in page: {}", page.body);
        let csrf = self.cookie("__Host-portal.csrf").expect("csrf cookie");
        let mut form = vec![
            ("email", email),
            ("password", password),
            ("csrf_token", csrf.as_str()),
            ("tenant", slug),
        ];
        if let Some(callback) = callback {
            form.push(("callbackUrl", callback));
        }
        self.post_form("/auth/client-portal/signin", &form).await
    }

    /// The CSRF token of the signed-in page's sign-out form.
    pub fn form_csrf(page: &Page) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let start = page.body.find(marker).expect("csrf field") + marker.len();
        let end = page.body[start..].find('"').unwrap() + start;
        page.body[start..end].to_owned()
    }
}
