//! The composition root: connects the database, starts the supervised actors, and builds the
//! portal and admin HTTP servers.

use std::net::TcpListener;
use std::sync::Arc;

use actix::Supervisor;
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Condition};
use actix_web::{web, App, HttpServer};
use anyhow::Context as _;
use portal_actors::active_users::ActiveUsers;
use portal_actors::attachments::AttachmentStore;
use portal_actors::audit::Audit;
use portal_actors::credentials::Credentials;
use portal_actors::dns::DnsVerifier;
use portal_actors::handoff::Handoff;
use portal_actors::login_throttle::LoginThrottle;
use portal_actors::mailbox::CountingAddr;
use portal_actors::mailer::{Delivery, Mailer, MailerConfig};
use portal_actors::notifications::{Notifier, NotifierConfig};
use portal_actors::secret_box::SecretBox;
use portal_actors::services::Services;
use portal_actors::sessions::listener::{self as session_listener, SessionInvalidationListener};
use portal_actors::sessions::{SessionPolicy, Sessions};
use portal_actors::sso::Sso;
use portal_actors::supervision::SupervisedActors;
use portal_actors::tenant_data::{TenantDataView, TenantRegistry};
use portal_actors::tenant_directory::{TenantCacheView, TenantDirectory};
use portal_actors::{tokens, ActorRegistry, Db, Metrics, SharedClock};
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::http::{middleware, panics};
use crate::routes;
use crate::shutdown::ShutdownBudget;

mod integration_listener;

/// Largest request body accepted by the portal's forms.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// What every handler can reach.
pub struct AppState {
    pub services: Services,
    pub tenants: CountingAddr<TenantDirectory>,
    /// Read-only view of the directory's cache (signed-in pages skip the actor on a hit).
    pub tenant_cache: TenantCacheView,
    pub dns: CountingAddr<DnsVerifier>,
    /// Hands out each tenant's `TenantData` actor (all tenant-scoped portal data goes there).
    pub tenant_registry: CountingAddr<TenantRegistry>,
    /// Read-only view of the running tenant actors (warm tenants skip the registry).
    pub tenant_data: TenantDataView,
    /// Ticket attachments, stored by content hash.
    pub attachments: AttachmentStore,
    pub max_attachment_bytes: u64,
    pub max_files_per_upload: usize,
    /// How long a tenant's data actor may go unused before it stops.
    pub tenant_idle: chrono::Duration,
    /// Sign-in through the tenants' OpenID Connect providers.
    pub sso: CountingAddr<Sso>,
    /// How long an SSO sign-in may stay at the provider (its cookie's lifetime).
    pub sso_flow_ttl: chrono::Duration,
    /// Applies other instances' revocations to the session cache (PostgreSQL only).
    pub session_listener: Option<CountingAddr<SessionInvalidationListener>>,
    /// The actors operators can restart by name (`/admin/actors/{name}/restart`).
    pub supervised: SupervisedActors,
    pub registry: ActorRegistry,
    pub metrics: Metrics,
    pub clock: SharedClock,
    /// Sessions idle this long are over (the security pages list only live ones).
    pub session_idle: chrono::Duration,
    pub canonical_host: String,
    /// `http` or `https`: how the canonical host is reached.
    pub public_scheme: String,
    /// What vanity domains must CNAME to.
    pub cname_target: String,
    /// Whether exchanges verify DNS for eligible domains not yet active.
    pub dns_check: bool,
    /// Peers whose `X-Forwarded-*` headers are believed (addresses or CIDR ranges).
    pub trusted_proxies: Vec<crate::http::forwarded::TrustedProxy>,
    /// Whether the portal listener itself speaks TLS.
    pub tls: bool,
    pub fault_injection: bool,
    /// Delivers the outbox; kicked after an email is queued.
    pub mailer: CountingAddr<Mailer>,
    /// Turns activity into notification emails.
    pub notifier: CountingAddr<Notifier>,
    /// Counts active users and tenants into their gauges.
    pub active_users: CountingAddr<ActiveUsers>,
    /// Lifetime of a password-reset link.
    pub password_reset_ttl: chrono::Duration,
    /// Lifetime of an invitation link.
    pub invitation_ttl: chrono::Duration,
    /// Lifetime of the link that confirms a new sign-in email.
    pub email_change_ttl: chrono::Duration,
    admin_token_hash: String,
    /// Each integration token's request budget (this instance's share).
    pub integration_limiter: portal_actors::rate_limit::RateLimiter,
}

impl AppState {
    /// `scheme://canonical-host`, for links and redirects back to the canonical host.
    pub fn canonical_origin(&self) -> String {
        format!("{}://{}", self.public_scheme, self.canonical_host)
    }

    /// Compares the presented admin token with the configured one in constant time.
    pub fn admin_token_matches(&self, presented: &str) -> bool {
        tokens::constant_time_eq(&tokens::token_hash(presented), &self.admin_token_hash)
    }
}

/// A running portal: both listeners bound, actors started.
pub struct Application {
    port: u16,
    admin_port: u16,
    /// The integration listener's port, when it has its own (`server.integration_bind`).
    integration_port: Option<u16>,
    server: Server,
    admin_server: Server,
    integration_server: Option<Server>,
    pub state: web::Data<AppState>,
    /// Whether SIGTERM / Ctrl-C start a graceful shutdown (tests stop the system instead).
    handle_signals: bool,
    shutdown: crate::shutdown::ShutdownBudget,
}

impl Application {
    /// Connects and migrates the configured database, then builds the application.
    pub async fn build(settings: Settings, clock: SharedClock) -> anyhow::Result<Application> {
        let db = Db::connect_with_timeout(
            settings.database.url.expose_secret(),
            settings.database.max_connections,
            std::time::Duration::from_secs(settings.database.acquire_timeout_seconds.max(1)),
        )
        .await
        .context("cannot open the database (database.url)")?;
        db.migrate().await.context("cannot migrate the database")?;
        Self::build_with_db(settings, db, clock, true).await
    }

    /// Builds the application on an open, migrated database; must run inside an actix system.
    pub async fn build_with_db(
        settings: Settings,
        db: Db,
        clock: SharedClock,
        handle_signals: bool,
    ) -> anyhow::Result<Application> {
        crate::http::render::locales()
            .map_err(|e| anyhow::anyhow!("locale files: {}", e.message()))?;
        panics::install_hook();
        let admin_token = settings
            .admin
            .token
            .as_ref()
            .context("admin.token is not set")?;
        let secret_box = settings
            .security
            .encryption_key
            .as_ref()
            .context("security.encryption_key is not set")
            .and_then(|key| {
                SecretBox::from_base64(key.expose_secret())
                    .context("security.encryption_key is unusable")
            })?;
        let metrics = Metrics::new().context("cannot register metrics")?;
        let registry = ActorRegistry::new(metrics.clone());
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let hashing_threads = match settings.server.hashing_threads {
            0 => cores,
            n => n,
        };
        let credentials = Credentials::start(hashing_threads, registry.clone(), clock.now())
            .context("cannot start the password hasher")?;
        let policy = SessionPolicy {
            idle: settings.idle_timeout(),
            absolute: settings.absolute_timeout(),
        };
        let sessions = Sessions::new(
            db.clone(),
            clock.clone(),
            policy,
            metrics.clone(),
            registry.clone(),
        );
        // PostgreSQL: revocations made by other instances reach this cache within a second.
        let session_listener = session_listener::start(
            &db,
            sessions.cache(),
            clock.clone(),
            metrics.clone(),
            registry.clone(),
            settings.listener_backoff(),
        );
        let sessions = CountingAddr::supervised(Supervisor::start(move |_| sessions), &registry);
        let directory = TenantDirectory::new(db.clone(), clock.clone(), registry.clone());
        let tenant_cache = directory.cache_view();
        let tenants = Supervisor::start(move |_| directory);
        let audit = {
            let (db, clock, metrics, registry) =
                (db.clone(), clock.clone(), metrics.clone(), registry.clone());
            let days = settings.audit.retention_days;
            Supervisor::start(move |_| {
                Audit::new(db, clock, metrics, registry).with_retention(days)
            })
        };
        let handoff = {
            let ttl = chrono::Duration::seconds(i64::from(settings.domains.handoff_ttl_seconds));
            let (db, clock, metrics, registry) =
                (db.clone(), clock.clone(), metrics.clone(), registry.clone());
            Supervisor::start(move |_| Handoff::new(db, clock, ttl, metrics, registry))
        };
        let throttle = {
            let limits = settings.throttle.limits();
            let (db, clock, registry) = (db.clone(), clock.clone(), registry.clone());
            Supervisor::start(move |_| LoginThrottle::new(db, clock, limits, registry))
        };
        let dns = {
            let dns_settings = settings.dns_settings();
            let (db, clock, metrics, registry) =
                (db.clone(), clock.clone(), metrics.clone(), registry.clone());
            Supervisor::start(move |_| {
                DnsVerifier::new(db, clock, &dns_settings, metrics, registry)
            })
        };
        let mailer = {
            let config = mailer_config(&settings)?;
            let (db, clock, metrics, registry) =
                (db.clone(), clock.clone(), metrics.clone(), registry.clone());
            Supervisor::start(move |_| Mailer::new(db, clock, config, metrics, registry))
        };
        let mailer = CountingAddr::supervised(mailer, &registry);
        let notifier = {
            let config = NotifierConfig {
                poll_interval: std::time::Duration::from_millis(
                    settings.notifications.poll_interval_ms.max(50),
                ),
                reply_window: chrono::Duration::seconds(i64::from(
                    settings.notifications.reply_window_seconds,
                )),
            };
            let renderer = Arc::new(crate::notifications::PortalRenderer {
                locales: crate::http::render::locales()
                    .map_err(|e| anyhow::anyhow!("locale files: {}", e.message()))?,
                canonical_origin: format!(
                    "{}://{}",
                    settings.server.public_scheme, settings.server.canonical_host
                ),
            });
            let (db, clock, secrets, mailer, registry) = (
                db.clone(),
                clock.clone(),
                secret_box.clone(),
                mailer.clone(),
                registry.clone(),
            );
            Supervisor::start(move |_| {
                Notifier::new(db, clock, config, secrets, renderer, mailer, registry)
            })
        };
        let sso = {
            let sso_settings = settings.sso.settings();
            let (db, clock, secret_box, registry) = (
                db.clone(),
                clock.clone(),
                secret_box.clone(),
                registry.clone(),
            );
            let actor = Sso::new(db, clock, secret_box, sso_settings, registry)
                .map_err(|e| anyhow::anyhow!("SSO client: {e}"))?;
            Supervisor::start(move |_| actor)
        };
        let tenant_idle =
            chrono::Duration::minutes(i64::from(settings.tickets.tenant_idle_minutes.max(1)));
        let tenant_registry = TenantRegistry::new(
            db.clone(),
            clock.clone(),
            metrics.clone(),
            registry.clone(),
            tenant_idle,
        );
        let tenant_data = tenant_registry.view();
        let tenant_registry = Supervisor::start(move |_| tenant_registry);
        let active_users = {
            let every = std::time::Duration::from_secs(settings.metrics.activity_interval_seconds);
            let (db, clock, metrics, registry) =
                (db.clone(), clock.clone(), metrics.clone(), registry.clone());
            Supervisor::start(move |_| ActiveUsers::new(db, clock, metrics, registry, every))
        };
        let active_users = CountingAddr::supervised(active_users, &registry);
        let files = settings.attachments()?;
        let attachments = attachment_store(&settings, &clock).await?;
        // Adding a supervised actor: one line here makes it restartable from the admin API.
        // Messages reach supervised actors through counting addresses (mailbox depth).
        let (tenants, audit, handoff) = (
            CountingAddr::supervised(tenants, &registry),
            CountingAddr::supervised(audit, &registry),
            CountingAddr::supervised(handoff, &registry),
        );
        let (dns, throttle, notifier, sso) = (
            CountingAddr::supervised(dns, &registry),
            CountingAddr::supervised(throttle, &registry),
            CountingAddr::supervised(notifier, &registry),
            CountingAddr::supervised(sso, &registry),
        );
        let tenant_registry = CountingAddr::supervised(tenant_registry, &registry);
        let session_listener =
            session_listener.map(|addr| CountingAddr::supervised(addr, &registry));
        let supervised = SupervisedActors::default()
            .with(&sessions)
            .with(&tenants)
            .with(&audit)
            .with(&handoff)
            .with(&dns)
            .with(&throttle)
            .with(&mailer)
            .with(&notifier)
            .with(&sso)
            .with(&tenant_registry)
            .with(&active_users)
            .with_optional(session_listener.as_ref());
        let state = web::Data::new(AppState {
            tenant_registry,
            tenant_data,
            attachments,
            max_attachment_bytes: files.max_file_bytes,
            max_files_per_upload: files.max_files_per_upload,
            tenant_idle,
            services: Services {
                db,
                clock: clock.clone(),
                metrics: metrics.clone(),
                credentials,
                sessions,
                audit,
                handoff,
                secret_box,
                second_factor_ttl: chrono::Duration::minutes(i64::from(
                    settings.security.two_factor_pending_minutes,
                )),
                throttle,
            },
            tenants,
            tenant_cache,
            dns,
            sso,
            sso_flow_ttl: chrono::Duration::minutes(i64::from(settings.sso.flow_ttl_minutes)),
            public_scheme: settings.server.public_scheme.clone(),
            cname_target: settings.cname_target(),
            dns_check: settings.dns_check_enabled(),
            session_listener,
            supervised,
            registry,
            metrics,
            clock,
            session_idle: settings.idle_timeout(),
            canonical_host: settings.server.canonical_host.clone(),
            trusted_proxies: settings.server.trusted_proxies.clone(),
            tls: settings.server.tls_cert.is_some(),
            fault_injection: settings.admin.fault_injection,
            mailer,
            notifier,
            active_users,
            password_reset_ttl: chrono::Duration::minutes(i64::from(
                settings.security.password_reset_ttl_minutes.max(1),
            )),
            invitation_ttl: chrono::Duration::hours(i64::from(
                settings.security.invitation_ttl_hours.max(1),
            )),
            email_change_ttl: chrono::Duration::hours(i64::from(
                settings.security.email_change_ttl_hours.max(1),
            )),
            admin_token_hash: tokens::token_hash(admin_token.expose_secret()),
            integration_limiter: portal_actors::rate_limit::RateLimiter::new(
                settings.integration.rate_limit(),
            ),
        });

        let listener = TcpListener::bind(settings.server.bind)
            .with_context(|| format!("cannot listen on server.bind {}", settings.server.bind))?;
        let admin_listener = TcpListener::bind(settings.server.admin_bind).with_context(|| {
            format!(
                "cannot listen on server.admin_bind {}",
                settings.server.admin_bind
            )
        })?;
        let port = listener.local_addr()?.port();
        let admin_port = admin_listener.local_addr()?.port();
        let shutdown = ShutdownBudget::from_seconds(settings.server.shutdown_timeout_seconds);
        let workers = match settings.server.workers {
            0 => cores,
            n => n,
        };

        let portal_state = state.clone();
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(portal_state.clone())
                .app_data(
                    web::FormConfig::default()
                        .limit(MAX_FORM_BYTES)
                        .error_handler(routes::form_error),
                )
                .app_data(web::PayloadConfig::new(MAX_FORM_BYTES))
                .app_data(web::QueryConfig::default().error_handler(routes::query_error))
                .wrap(from_fn(middleware::renew_legacy_session_cookie))
                .wrap(from_fn(middleware::check_origin))
                // Outside the origin check, so its refusal page is in the visitor's language.
                .wrap(from_fn(crate::http::visitor::remember_visitor))
                .wrap(from_fn(middleware::security_headers))
                .wrap(from_fn(middleware::http_metrics))
                .wrap(from_fn(panics::catch_panics))
                .configure(routes::portal)
        })
        .workers(workers)
        .shutdown_timeout(shutdown.in_flight_seconds())
        // Signals are handled once, for every listener, by `run_until_stopped`.
        .disable_signals();
        server = match (&settings.server.tls_cert, &settings.server.tls_key) {
            (Some(cert), Some(key)) => {
                server.listen_rustls_0_23(listener, tls_config(cert, key, "server.tls")?)?
            }
            _ => server.listen(listener)?,
        };
        let integration =
            integration_listener::start(&settings, &state, workers, shutdown.in_flight_seconds())?;
        // With a listener of its own, the integration API leaves the admin listener.
        let integration_on_admin = integration.is_none();
        let admin_state = state.clone();
        let admin_server = HttpServer::new(move || {
            App::new()
                .configure(json_api(admin_state.clone()))
                .wrap(from_fn(middleware::http_metrics))
                .wrap(from_fn(panics::catch_panics))
                // Counted here only while the admin listener serves the API.
                .wrap(Condition::new(
                    integration_on_admin,
                    from_fn(routes::integration::metrics::count_integration_paths),
                ))
                .configure(|cfg| {
                    if integration_on_admin {
                        routes::integration::configure(cfg);
                    }
                })
                .configure(routes::admin::configure)
        })
        .workers(1)
        .shutdown_timeout(shutdown.in_flight_seconds())
        .disable_signals()
        .listen(admin_listener)?;
        Ok(Application {
            port,
            admin_port,
            integration_port: integration.as_ref().map(|i| i.port),
            server: server.run(),
            admin_server: admin_server.run(),
            integration_server: integration.map(|i| i.server),
            state,
            handle_signals,
            shutdown,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn admin_port(&self) -> u16 {
        self.admin_port
    }

    /// The integration listener's port; `None` when the admin listener serves the API.
    pub fn integration_port(&self) -> Option<u16> {
        self.integration_port
    }

    /// Serves until the servers stop. With signals handled, SIGTERM or Ctrl-C stops accepting,
    /// lets in-flight requests finish, writes what actors hold in memory and delivers the due
    /// outbox, within `server.shutdown_timeout_seconds`; the database pool is closed last.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let mut handles = vec![self.server.handle(), self.admin_server.handle()];
        handles.extend(self.integration_server.as_ref().map(Server::handle));
        let integration = integration_listener::serve(self.integration_server);
        let servers = futures_util::future::join3(self.server, self.admin_server, integration);
        let (portal, admin, integration) = if self.handle_signals {
            tokio::pin!(servers);
            tokio::select! {
                done = &mut servers => done,
                signal = crate::shutdown::signal() => {
                    let now = std::time::Instant::now();
                    let deadline = now.checked_add(self.shutdown.total).unwrap_or(now);
                    tracing::info!(signal, "shutting down: finishing in-flight requests");
                    // The servers act on the stop only while polled: both at once.
                    let stop = crate::shutdown::stop_listeners(&handles);
                    let ((), done) = futures_util::future::join(stop, servers).await;
                    crate::shutdown::flush_actors(&self.state, deadline).await;
                    done
                }
            }
        } else {
            servers.await
        };
        self.state.services.db.close().await;
        tracing::info!("stopped");
        portal.and(admin).and(integration)
    }
}

/// What the JSON APIs (admin, integration) share: the state and the body limits, a malformed
/// JSON body answered as a JSON error.
pub(crate) fn json_api(state: web::Data<AppState>) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.app_data(state)
            .app_data(web::PayloadConfig::new(MAX_FORM_BYTES))
            .app_data(
                web::JsonConfig::default()
                    .limit(MAX_FORM_BYTES)
                    .error_handler(crate::errors::json_payload_error),
            );
    }
}

/// The Mailer's settings: SMTP from `mail.smtp_url`, else the mailbox folder.
fn mailer_config(settings: &Settings) -> anyhow::Result<MailerConfig> {
    let mail = &settings.mail;
    let delivery = Delivery::from_settings(
        mail.smtp_url.as_ref().map(|u| u.expose_secret()),
        mail.mailbox_dir.clone(),
    )
    .context("mail.smtp_url")?;
    Ok(MailerConfig {
        delivery,
        from: MailerConfig::parse_from(&mail.from).context("mail.from")?,
        max_attempts: mail.max_attempts.max(1),
        retry_base: chrono::Duration::seconds(
            i64::try_from(mail.retry_base_seconds.max(1)).unwrap_or(i64::MAX),
        ),
        poll_interval: std::time::Duration::from_secs(mail.poll_interval_seconds.max(1)),
        retention_days: mail.retention_days,
    })
}

/// The rustls configuration for serving HTTPS from a PEM certificate chain and key.
/// `setting` names the pair in messages (`server.tls` for `server.tls_cert` and `_key`).
fn tls_config(
    cert: &std::path::Path,
    key: &std::path::Path,
    setting: &str,
) -> anyhow::Result<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| anyhow::anyhow!("{setting}_cert {}: {e}", cert.display()))?;
    if certs.is_empty() {
        anyhow::bail!("{setting}_cert {}: no certificate found", cert.display());
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| anyhow::anyhow!("{setting}_key {}: {e}", key.display()))?;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .with_context(|| format!("{setting}_cert and {setting}_key do not form a usable pair"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// The attachment store the settings name (local folder, or S3 with the folder for uploads
/// in progress): tickets' attachments, projects' documents.
pub async fn attachment_store(
    settings: &Settings,
    clock: &SharedClock,
) -> anyhow::Result<AttachmentStore> {
    let files = settings.attachments()?;
    Ok(match files.s3 {
        None => AttachmentStore::local(&files.dir).with_context(|| {
            format!("cannot use the attachments folder {}", files.dir.display())
        })?,
        Some(s3) => AttachmentStore::s3(&files.dir, &s3.config(), clock.clone())
            .await
            .with_context(|| {
                format!(
                    "cannot use the attachments bucket `{}` at {} ({})",
                    s3.bucket, s3.endpoint, files.s3_key
                )
            })?,
    })
}
