//! `TestApp`: one running portal (HTTP and admin listeners, database, manual clock, tenant) and
//! the seeding and admin-listener calls tests make on it.

use std::sync::Arc;

use chrono::Utc;
use portal::config::Settings;
use portal::{AppState, Application};
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::model::{Email, TenantInfo, UserType};
use portal_actors::store::{tenants, users};
use portal_actors::{Db, ManualClock, SharedClock};
use secrecy::SecretString;
use uuid::Uuid;

use super::{backend, missing, Backend, Browser, Page, ADMIN_TOKEN, ENCRYPTION_KEY, PASSWORD};

pub struct TestApp {
    pub base: String,
    pub host: String,
    pub admin: String,
    /// Where `/integration/v1` is served: the admin listener unless `server.integration_bind`
    /// gives it its own (`https://` with `server.integration_tls_cert`).
    pub integration: String,
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
pub fn mail_to(smtp: &crate::smtp_server::SmtpServer) -> impl Fn(&mut Settings) + Clone {
    let url = smtp.url();
    move |settings: &mut Settings| {
        settings.mail.smtp_url = Some(SecretString::from(url.clone()));
        settings.mail.poll_interval_seconds = 3_600;
    }
}

/// Boots the portal on `shared` (another instance's database, whose tenant it reuses) or a fresh one.
pub async fn spawn_app_on(
    shared: Option<&TestApp>,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    boot(shared, None, configure).await
}

/// Boots the portal, with a new tenant, on the database at `url` (a fault test's own cluster).
pub async fn spawn_app_at(url: String, configure: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    boot(None, Some(url), configure).await
}

async fn boot(
    shared: Option<&TestApp>,
    url: Option<String>,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = match (url, shared) {
        (Some(url), _) => url,
        (None, Some(other)) => other.database_url.clone(),
        (None, None) => database_url(dir.path(), backend()).await?,
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
    settings.attachments.dir = Some(dir.path().join("attachments"));
    // The manual clock never refills a token's bucket: tests of the limit set their own.
    settings.integration.requests_per_minute = 0;
    configure(&mut settings);
    let integration_scheme = match settings.server.integration_tls_cert {
        Some(_) => "https",
        None => "http",
    };
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
    let integration_port = app.integration_port();
    let state = app.state.clone();
    actix_rt::spawn(app.run_until_stopped());
    let mut test = TestApp {
        base: format!("http://127.0.0.1:{port}"),
        host: format!("127.0.0.1:{port}"),
        admin: format!("http://127.0.0.1:{admin_port}"),
        integration: integration_port.map_or_else(
            || format!("http://127.0.0.1:{admin_port}"),
            |port| format!("{integration_scheme}://127.0.0.1:{port}"),
        ),
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
        images: Default::default(),
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
                    full_name: "Ada Lovelace".into(),
                    email: email.clone(),
                    phone: None,
                    portal_role: portal_actors::model::PortalRole::User,
                };
                Some(
                    users::create_contact(&self.db, tenant.id, &contact, now)
                        .await
                        .unwrap(),
                )
            }
            None => None,
        };
        // A client user's name is their contact's; an internal user's is the account's.
        let (first_name, last_name) = match contact_id {
            Some(_) => (String::new(), String::new()),
            None => ("Ada".to_owned(), "Lovelace".to_owned()),
        };
        let new = users::NewUser {
            email: email.clone(),
            user_type,
            first_name,
            last_name,
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
