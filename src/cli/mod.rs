//! The `portal` command line: serve (default), demo, migrate, tenant and user administration.

pub mod admin_actions;
pub mod backup;
pub mod branding;
pub mod domains;
pub mod integration_tokens;
pub mod invitations;
pub mod roles;
pub mod sessions;
pub mod sso;

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand, ValueEnum};
use portal_actors::credentials::{current_params, hash_with};
use portal_actors::model::{is_valid_slug, Email, PortalRole, UserType};
use portal_actors::store::{tenants, users};
use portal_actors::{tokens, Db, SharedClock};
use portal_views::theme::is_valid_color;
use secrecy::{ExposeSecret, SecretString};

use crate::app::Application;
use crate::config::Settings;

use portal_actors::password_policy::{
    MAX_CHARS as PASSWORD_MAX_CHARS, MIN_CHARS as PASSWORD_MIN_CHARS,
};

#[derive(Debug, Parser)]
#[command(
    name = "portal",
    version,
    about = "The client portal of an MSP: tickets, projects, billing, secure sign-in"
)]
pub struct Cli {
    /// Configuration file (optional; defaults and PORTAL__SECTION__KEY variables apply without it).
    #[arg(long, global = true, default_value = "portal.toml")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the portal (the default).
    Serve,
    /// Migrate, seed a demo MSP with two client companies, then serve and print how to sign in.
    Demo,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage tenants (MSPs).
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage tenants' vanity domains and their handoff tokens.
    #[command(subcommand, name = "portal-domain")]
    PortalDomain(crate::cli::domains::DomainCommand),
    /// Back up the SQLite database and local attachments into a new folder (safe while serving).
    Backup(crate::cli::backup::BackupArgs),
    /// Restore a `portal backup` folder (stop the portal first; refused while it runs).
    Restore(crate::cli::backup::RestoreArgs),
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant with the client roles Admin, Finance and User.
    Create(TenantCreate),
    /// List tenants.
    List,
    /// Require (or stop requiring) two-factor for all of a tenant's client users.
    TwoFactor(TenantTwoFactor),
    /// Single sign-on: the tenant's OpenID Connect providers and SSO options.
    #[command(subcommand)]
    Sso(crate::cli::sso::SsoCommand),
    /// Integration API tokens: how the tenant's PSA reaches its tickets.
    #[command(subcommand, name = "integration-token")]
    IntegrationToken(crate::cli::integration_tokens::IntegrationTokenCommand),
    /// What each client role (admin, finance, user) may do: print it, or `--set` one role's.
    Role(crate::cli::roles::TenantRole),
    /// Set the tenant's colours, logos and favicon.
    Branding(crate::cli::branding::TenantBranding),
    /// End every session of the tenant's users (running servers refuse them; audited).
    RevokeSessions(sessions::TenantRevokeSessions),
}

#[derive(Debug, Args)]
pub struct TenantTwoFactor {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// `on`: users without two-factor enroll at their next sign-in.
    #[arg(long, value_enum)]
    pub require: OnOff,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct TenantCreate {
    #[arg(long)]
    pub name: String,
    /// 12 lowercase hex characters (random when omitted).
    #[arg(long)]
    pub slug: Option<String>,
    /// A host name that serves this tenant's portal directly.
    #[arg(long)]
    pub host: Option<String>,
    #[arg(long, default_value = "#1f4e79")]
    pub primary_color: String,
    #[arg(long, default_value = "#2e86c1")]
    pub accent_color: String,
    #[arg(long, default_value = "en")]
    pub locale: String,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; client users belong to a company (created when new) as a contact.
    Create(UserCreate),
    /// Set a user's password (read from standard input).
    SetPassword(UserSetPassword),
    /// Invite a client contact to set up their portal account (the running portal emails it).
    Invite(crate::cli::invitations::UserInvite),
    /// Change a client user's portal role (admin, finance, user); applies on their next request.
    Role(crate::cli::roles::UserRole),
    /// End every session of a user (running servers refuse them; audited).
    RevokeSessions(sessions::UserRevokeSessions),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UserTypeArg {
    Client,
    Internal,
}

impl From<UserTypeArg> for UserType {
    fn from(t: UserTypeArg) -> Self {
        match t {
            UserTypeArg::Client => UserType::Client,
            UserTypeArg::Internal => UserType::Internal,
        }
    }
}

#[derive(Debug, Args)]
pub struct UserCreate {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    #[arg(long)]
    pub email: String,
    #[arg(long = "type", value_enum)]
    pub user_type: UserTypeArg,
    #[arg(long, default_value = "")]
    pub first_name: String,
    #[arg(long, default_value = "")]
    pub last_name: String,
    /// The client company (client users).
    #[arg(long)]
    pub client: Option<String>,
    /// The contact's portal role (client users; `user` when omitted).
    #[arg(long, value_enum)]
    pub role: Option<crate::cli::roles::RoleArg>,
    /// The same as `--role admin`.
    #[arg(long, conflicts_with = "role")]
    pub client_admin: bool,
    /// Read the password from standard input (one line).
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct UserSetPassword {
    #[arg(long)]
    pub tenant: String,
    #[arg(long)]
    pub email: String,
    #[arg(long = "type", value_enum, default_value = "client")]
    pub user_type: UserTypeArg,
}

/// Runs the command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(&cli.config)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings, false),
        Command::Demo => serve(settings, true),
        Command::Migrate => block_on(async {
            let db = open_db(&settings).await?;
            println!("Database migrated ({:?}).", db.backend());
            Ok(())
        }),
        Command::Tenant(cmd) => block_on(tenant_command(settings, cmd)),
        Command::User(cmd) => block_on(user_command(settings, cmd)),
        Command::PortalDomain(cmd) => crate::cli::domains::run(settings, cmd),
        Command::Backup(args) => crate::cli::backup::backup(settings, args),
        Command::Restore(args) => crate::cli::backup::restore(settings, args),
    }
}

pub(crate) fn block_on<F: std::future::Future<Output = anyhow::Result<()>>>(
    fut: F,
) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")?
        .block_on(fut)
}

pub async fn open_db(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect_with_timeout(
        settings.database.url.expose_secret(),
        settings.database.max_connections,
        std::time::Duration::from_secs(settings.database.acquire_timeout_seconds.max(1)),
    )
    .await
    .context("cannot open the database (database.url)")?;
    db.migrate().await.context("cannot migrate the database")?;
    Ok(db)
}

/// The admin token: configured, else kept in `data/admin.token` (created 0600 on first run).
fn admin_token(settings: &Settings) -> anyhow::Result<SecretString> {
    if let Some(token) = &settings.admin.token {
        return Ok(token.clone());
    }
    let path = Path::new("data/admin.token");
    if let Ok(existing) = std::fs::read_to_string(path) {
        let existing = existing.trim();
        if existing.len() >= 16 {
            return Ok(SecretString::from(existing.to_owned()));
        }
    }
    std::fs::create_dir_all("data").context("cannot create ./data")?;
    let token = tokens::random_token();
    write_private(path, &token).context("cannot write data/admin.token")?;
    Ok(SecretString::from(token))
}

/// The key that seals two-factor and SSO client secrets: configured, else kept in
/// `data/secret.key` (created 0600 on first run). Losing it means users must enroll their second
/// factor again and operators must set the SSO client secrets again.
pub(crate) fn encryption_key(settings: &Settings) -> anyhow::Result<SecretString> {
    if let Some(key) = &settings.security.encryption_key {
        return Ok(key.clone());
    }
    let path = Path::new("data/secret.key");
    if let Ok(existing) = std::fs::read_to_string(path) {
        let existing = existing.trim();
        portal_actors::secret_box::SecretBox::from_base64(existing)
            .context("data/secret.key is not a usable key")?;
        return Ok(SecretString::from(existing.to_owned()));
    }
    std::fs::create_dir_all("data").context("cannot create ./data")?;
    let key = portal_actors::secret_box::SecretBox::generate_key();
    write_private(path, &key).context("cannot write data/secret.key")?;
    Ok(SecretString::from(key))
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

fn serve(mut settings: Settings, demo: bool) -> anyhow::Result<()> {
    crate::telemetry::init(&settings.log);
    let token = admin_token(&settings)?;
    settings.admin.token = Some(token.clone());
    settings.security.encryption_key = Some(encryption_key(&settings)?);
    actix_rt::System::new().block_on(async move {
        let clock = SharedClock::system();
        let db = open_db(&settings).await?;
        let seeded = if demo {
            let files = crate::app::attachment_store(&settings, &clock).await?;
            Some(crate::demo::seed(&db, &clock, &files).await?)
        } else {
            None
        };
        let scheme = settings.server.public_scheme.clone();
        let host = settings.server.canonical_host.clone();
        let mailbox = settings
            .mail
            .smtp_url
            .is_none()
            .then(|| settings.mail.mailbox_dir.clone());
        let app = Application::build_with_db(settings, db, clock, true).await?;
        tracing::info!(
            port = app.port(),
            admin_port = app.admin_port(),
            "portal listening"
        );
        if let Some(seeded) = seeded {
            crate::demo::print_welcome(
                &seeded,
                &scheme,
                &host,
                app.admin_port(),
                token.expose_secret(),
                mailbox.as_deref(),
            );
        } else {
            println!(
                "Portal on port {}, admin listener on port {}.",
                app.port(),
                app.admin_port()
            );
        }
        app.run_until_stopped().await.context("server failed")
    })
}

/// Finds a tenant by id or slug.
pub(crate) async fn find_tenant(
    db: &Db,
    key: &str,
) -> anyhow::Result<portal_actors::model::TenantInfo> {
    let found = match uuid::Uuid::parse_str(key) {
        Ok(id) => tenants::find_by_id(db, id).await?,
        Err(_) if is_valid_slug(key) => tenants::find_by_slug(db, key).await?,
        Err(_) => bail!("--tenant must be a tenant id or a 12-hex slug, not `{key}`"),
    };
    found.with_context(|| format!("no tenant `{key}`"))
}

async fn tenant_command(settings: Settings, cmd: TenantCommand) -> anyhow::Result<()> {
    let db = open_db(&settings).await?;
    let clock = SharedClock::system();
    match cmd {
        TenantCommand::Create(args) => {
            if args.name.trim().is_empty() || args.name.len() > 200 {
                bail!("--name must be 1 to 200 characters");
            }
            if let Some(slug) = &args.slug {
                if !is_valid_slug(slug) {
                    bail!("--slug must be 12 lowercase hex characters");
                }
            }
            for (flag, colour) in [
                ("--primary-color", &args.primary_color),
                ("--accent-color", &args.accent_color),
            ] {
                if !is_valid_color(colour) {
                    bail!("{flag} must look like #1f4e79");
                }
            }
            if !portal_views::i18n::Locales::supported().contains(&args.locale.as_str()) {
                bail!(
                    "--locale must be one of {:?}",
                    portal_views::i18n::Locales::supported()
                );
            }
            let host = args
                .host
                .as_deref()
                .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase());
            let created = tenants::create(
                &db,
                clock.now(),
                &tenants::NewTenant {
                    name: args.name.trim().to_owned(),
                    slug: args.slug,
                    host,
                    primary_color: args.primary_color,
                    accent_color: args.accent_color,
                    default_locale: args.locale,
                },
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    anyhow::anyhow!("that slug or host is already taken")
                } else {
                    e.into()
                }
            })?;
            println!(
                "Created tenant {} (slug {}, id {}).",
                created.name, created.slug, created.id
            );
        }
        TenantCommand::List => {
            for t in tenants::list(&db).await? {
                println!("{}  {}  {}", t.slug, t.id, t.name);
            }
        }
        TenantCommand::TwoFactor(args) => {
            let tenant = find_tenant(&db, &args.tenant).await?;
            let required = matches!(args.require, OnOff::On);
            portal_actors::store::two_factor::set_tenant_requires(&db, tenant.id, required).await?;
            println!(
                "Two-factor is {} for the client users of {}.",
                if required { "required" } else { "optional" },
                tenant.slug
            );
        }
        TenantCommand::Sso(cmd) => crate::cli::sso::run(&settings, &db, &clock, cmd).await?,
        TenantCommand::IntegrationToken(cmd) => {
            crate::cli::integration_tokens::run(&db, &clock, cmd).await?
        }
        TenantCommand::Role(args) => crate::cli::roles::tenant_role(&db, &clock, args).await?,
        TenantCommand::Branding(args) => {
            crate::cli::branding::run(&settings, &db, &clock, args).await?
        }
        TenantCommand::RevokeSessions(args) => sessions::revoke_tenant(&db, &clock, args).await?,
    }
    Ok(())
}

/// Reads a password from standard input and checks it against the password policy.
fn read_password(email: &str, names: &[&str]) -> anyhow::Result<SecretString> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("New password ({PASSWORD_MIN_CHARS}-{PASSWORD_MAX_CHARS} characters): ");
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    let ctx = portal_actors::password_policy::PasswordContext { email, names };
    portal_actors::password_policy::check(&password, &ctx)
        .map_err(|v| anyhow::anyhow!("password refused: {v}"))?;
    Ok(SecretString::from(password))
}

async fn user_command(settings: Settings, cmd: UserCommand) -> anyhow::Result<()> {
    let db = open_db(&settings).await?;
    let clock = SharedClock::system();
    match cmd {
        UserCommand::Create(args) => {
            let tenant = find_tenant(&db, &args.tenant).await?;
            let email = Email::parse(&args.email).context("--email")?;
            let user_type = UserType::from(args.user_type);
            let password_hash = if args.password_stdin {
                let password = read_password(email.as_str(), &[&args.first_name, &args.last_name])?;
                Some(hash_with(&current_params()?, password.expose_secret())?)
            } else {
                None
            };
            // Checked first so a refused create leaves no contact behind.
            if users::find_id(&db, tenant.id, &email, user_type)
                .await?
                .is_some()
            {
                bail!(
                    "a {} user with that email already exists",
                    user_type.as_str()
                );
            }
            let contact_id = match (user_type, &args.client) {
                (UserType::Client, Some(client)) => {
                    let client_id =
                        users::find_or_create_client(&db, tenant.id, client.trim(), clock.now())
                            .await?;
                    let full_name = format!("{} {}", args.first_name, args.last_name)
                        .trim()
                        .to_owned();
                    let role = match (args.role, args.client_admin) {
                        (Some(role), _) => role.into(),
                        (None, true) => PortalRole::Admin,
                        (None, false) => PortalRole::User,
                    };
                    let contact = users::NewContact {
                        client_id,
                        full_name,
                        email: email.clone(),
                        phone: None,
                        portal_role: role,
                    };
                    Some(users::create_contact(&db, tenant.id, &contact, clock.now()).await?)
                }
                (UserType::Client, None) => bail!("client users need --client <company>"),
                (UserType::Internal, _) => None,
            };
            // A client user's name is their contact's.
            let (first_name, last_name) = match contact_id {
                Some(_) => (String::new(), String::new()),
                None => (args.first_name, args.last_name),
            };
            let new = users::NewUser {
                email: email.clone(),
                user_type,
                first_name,
                last_name,
                contact_id,
                password_hash,
                is_inactive: false,
            };
            let user_id = users::create_user(&db, tenant.id, &new, clock.now())
                .await
                .map_err(|e| {
                    if e.is_unique_violation() {
                        anyhow::anyhow!(
                            "a {} user with that email already exists",
                            user_type.as_str()
                        )
                    } else {
                        e.into()
                    }
                })?;
            println!(
                "Created {} user {} ({}) in tenant {}.",
                user_type.as_str(),
                email,
                user_id,
                tenant.slug
            );
        }
        UserCommand::Invite(args) => {
            crate::cli::invitations::invite(&settings, &db, &clock, args).await?
        }
        UserCommand::Role(args) => crate::cli::roles::change_user_role(&db, &clock, args).await?,
        UserCommand::RevokeSessions(args) => sessions::revoke_user(&db, &clock, args).await?,
        UserCommand::SetPassword(args) => {
            let tenant = find_tenant(&db, &args.tenant).await?;
            let email = Email::parse(&args.email).context("--email")?;
            let user_type = UserType::from(args.user_type);
            let user_id = users::find_id(&db, tenant.id, &email, user_type)
                .await?
                .with_context(|| {
                    format!(
                        "no {} user {email} in tenant {}",
                        user_type.as_str(),
                        tenant.slug
                    )
                })?;
            let names = users::find_login_user(&db, tenant.id, user_id)
                .await?
                .map(|u| u.name_words())
                .unwrap_or_default();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let password = read_password(email.as_str(), &names)?;
            let hash = hash_with(&current_params()?, password.expose_secret())?;
            // Sign-ins begun with the old password (handoffs, second steps, SSO) end with it.
            let now = clock.now();
            let mut tx = db.begin().await?;
            users::change_password_hash(tx.exec(), tenant.id, user_id, &hash, now).await?;
            portal_actors::credential_change::end_sign_ins_in_flight(
                &mut tx, tenant.id, user_id, now,
            )
            .await?;
            tx.commit().await?;
            let revoked = portal_actors::store::sessions::revoke_user(
                &db,
                tenant.id,
                user_id,
                "admin",
                clock.now(),
            )
            .await?;
            println!("Password set for {email}; {revoked} session(s) ended.");
        }
    }
    Ok(())
}

/// Who made a change from the command line, as audit events record it.
fn cli_origin() -> portal_actors::model::RequestOrigin {
    portal_actors::model::RequestOrigin {
        host: "cli".into(),
        ..Default::default()
    }
}

/// Writes a change's audit event directly (no Audit actor runs in a CLI command).
async fn audited<T>(
    db: &Db,
    clock: &SharedClock,
    change: portal_actors::sso::operators::Audited<T>,
) -> anyhow::Result<T> {
    let event = change.record.into_event(clock.now());
    portal_actors::store::audit::insert_batch(db, &[event])
        .await
        .context("the change was made but its audit event could not be written")?;
    Ok(change.value)
}
