//! `portal tenant sso …`: operators list, set and remove a tenant's OpenID Connect providers and
//! set its SSO options. The client secret is read from an environment variable or a file, never
//! from the command line (where `ps` and shell history would show it). Changes are audited.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use portal_actors::model::TenantInfo;
use portal_actors::secret_box::SecretBox;
use portal_actors::sso::operators::{self, OptionsChange, SsoChangeError};
use portal_actors::sso::providers::{ProviderInput, SsoConfigError};
use portal_actors::{Db, SharedClock};
use secrecy::{ExposeSecret, SecretString};

use crate::cli::domains::UsageError;
use crate::cli::{encryption_key, find_tenant, OnOff};
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum SsoCommand {
    /// Show the tenant's SSO options, providers and the redirect URIs to register.
    List(SsoTenant),
    /// Create or replace a provider (the stored secret is kept when no new one is given).
    Set(SsoSet),
    /// Remove a provider.
    Remove(SsoRemove),
    /// Show or change SSO-only and just-in-time provisioning.
    Options(SsoOptionsArgs),
}

#[derive(Debug, Args)]
pub struct SsoTenant {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
}

#[derive(Debug, Args)]
pub struct SsoSet {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// The provider's slug in URLs: lower-case letters, digits and '-'.
    #[arg(long)]
    pub provider: String,
    /// `google` or `keycloak`.
    #[arg(long)]
    pub kind: String,
    /// The button's text (default: Google / Keycloak).
    #[arg(long)]
    pub display_name: Option<String>,
    /// The issuer URL (Keycloak: https://host/realms/<realm>; Google's is the default).
    #[arg(long)]
    pub issuer: Option<String>,
    #[arg(long)]
    pub client_id: String,
    /// Read the client secret from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "client_secret_file")]
    pub client_secret_env: Option<String>,
    /// Read the client secret from this file (its first line).
    #[arg(long, value_name = "PATH")]
    pub client_secret_file: Option<PathBuf>,
    /// Only emails of this domain may sign in through the provider (repeatable; none: any).
    #[arg(long = "allowed-domain", value_name = "DOMAIN")]
    pub allowed_domains: Vec<String>,
    /// Keep the provider configured but hide its button.
    #[arg(long)]
    pub disabled: bool,
}

#[derive(Debug, Args)]
pub struct SsoRemove {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    #[arg(long)]
    pub provider: String,
}

#[derive(Debug, Args)]
pub struct SsoOptionsArgs {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// `on`: client users sign in only through the tenant's providers (no password form).
    #[arg(long, value_enum)]
    pub sso_only: Option<OnOff>,
    /// `on`: a first SSO sign-in creates the portal user of an existing contact.
    #[arg(long, value_enum)]
    pub jit: Option<OnOff>,
}

/// Runs the command on an open database.
pub(crate) async fn run(
    settings: &Settings,
    db: &Db,
    clock: &SharedClock,
    cmd: SsoCommand,
) -> anyhow::Result<()> {
    match cmd {
        SsoCommand::List(args) => list(settings, db, &args.tenant).await,
        SsoCommand::Set(args) => set(settings, db, clock, args).await,
        SsoCommand::Remove(args) => remove(db, clock, args).await,
        SsoCommand::Options(args) => options(db, clock, args).await,
    }
}

/// The command-line flag of a field the validation refused.
fn flag(field: &str) -> &'static str {
    match field {
        "provider" => "--provider",
        "kind" => "--kind",
        "display_name" => "--display-name",
        "issuer" => "--issuer",
        "client_id" => "--client-id",
        "client_secret" => "--client-secret-env or --client-secret-file",
        "allowed_domains" => "--allowed-domain",
        "enabled" => "--disabled",
        "sso_only" => "--sso-only",
        _ => "input",
    }
}

/// Refusals become usage errors naming the flag; the rest stay failures with their cause.
fn change_failed(e: SsoChangeError, tenant: &TenantInfo, provider: &str) -> anyhow::Error {
    match e {
        SsoChangeError::Config(SsoConfigError::Invalid { field, message }) => {
            UsageError(format!("{}: {message}", flag(field))).into()
        }
        SsoChangeError::Config(SsoConfigError::NotFound) => UsageError(format!(
            "no provider `{provider}` in tenant {}",
            tenant.slug
        ))
        .into(),
        e @ SsoChangeError::LastProvider => UsageError(e.to_string()).into(),
        SsoChangeError::Config(e) => e.into(),
    }
}

fn on_off(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

async fn list(settings: &Settings, db: &Db, key: &str) -> anyhow::Result<()> {
    let tenant = find_tenant(db, key).await?;
    let canonical = format!(
        "{}://{}",
        settings.server.public_scheme, settings.server.canonical_host
    );
    let overview = operators::overview(db, &tenant, &canonical).await?;
    println!(
        "Tenant {}: SSO-only {}, just-in-time provisioning {}.",
        overview.tenant,
        on_off(overview.sso_only),
        on_off(overview.jit_provisioning)
    );
    if overview.providers.is_empty() {
        println!("No providers.");
    } else {
        println!("Providers:");
    }
    for p in &overview.providers {
        let domains = if p.allowed_domains.is_empty() {
            "any".to_owned()
        } else {
            p.allowed_domains.join(", ")
        };
        println!(
            "  {}  ({}, {})  \"{}\"  issuer {}  client id {}  email domains: {}",
            p.provider,
            p.kind.as_str(),
            if p.enabled { "enabled" } else { "disabled" },
            p.display_name,
            p.issuer,
            p.client_id,
            domains
        );
    }
    println!("Redirect URIs to register at the providers:");
    for uri in &overview.redirect_uris {
        println!("  {uri}");
    }
    Ok(())
}

/// The client secret from the named variable or file; `None` keeps the stored one.
fn read_secret(args: &SsoSet) -> anyhow::Result<Option<SecretString>> {
    if let Some(var) = &args.client_secret_env {
        let value = std::env::var(var).map_err(|_| {
            UsageError(format!(
                "--client-secret-env: the environment variable {var} is not set (or not UTF-8)"
            ))
        })?;
        return Ok(Some(SecretString::from(value)));
    }
    if let Some(path) = &args.client_secret_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("--client-secret-file: cannot read {}", path.display()))?;
        let first = text.lines().next().unwrap_or_default().to_owned();
        return Ok(Some(SecretString::from(first)));
    }
    Ok(None)
}

async fn set(
    settings: &Settings,
    db: &Db,
    clock: &SharedClock,
    args: SsoSet,
) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let client_secret = read_secret(&args)?;
    let key = encryption_key(settings)?;
    let secret_box =
        SecretBox::from_base64(key.expose_secret()).context("security.encryption_key")?;
    let input = ProviderInput {
        provider: args.provider.clone(),
        kind: args.kind,
        display_name: args.display_name,
        issuer: args.issuer,
        client_id: args.client_id,
        client_secret,
        allowed_domains: args.allowed_domains,
        enabled: !args.disabled,
    };
    let saved = operators::save_provider(
        db,
        &secret_box,
        clock.now(),
        tenant.id,
        input,
        &super::cli_origin(),
    )
    .await
    .map_err(|e| change_failed(e, &tenant, &args.provider))?;
    let saved = super::audited(db, clock, saved).await?;
    let p = &saved.summary;
    println!(
        "{} provider {} ({}, {}) of tenant {}: issuer {}, client id {}.",
        if saved.created { "Created" } else { "Updated" },
        p.provider,
        p.kind.as_str(),
        if p.enabled { "enabled" } else { "disabled" },
        tenant.slug,
        p.issuer,
        p.client_id
    );
    Ok(())
}

async fn remove(db: &Db, clock: &SharedClock, args: SsoRemove) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let removed = operators::delete_provider(db, tenant.id, &args.provider, &super::cli_origin())
        .await
        .map_err(|e| change_failed(e, &tenant, &args.provider))?;
    super::audited(db, clock, removed).await?;
    println!(
        "Removed provider {} of tenant {}.",
        args.provider, tenant.slug
    );
    Ok(())
}

async fn options(db: &Db, clock: &SharedClock, args: SsoOptionsArgs) -> anyhow::Result<()> {
    let tenant = find_tenant(db, &args.tenant).await?;
    let change = OptionsChange {
        sso_only: args.sso_only.map(|v| matches!(v, OnOff::On)),
        jit_provisioning: args.jit.map(|v| matches!(v, OnOff::On)),
    };
    let options = if change.sso_only.is_none() && change.jit_provisioning.is_none() {
        portal_actors::sso::providers::options(db, tenant.id).await?
    } else {
        let changed = operators::change_options(db, tenant.id, change, &super::cli_origin())
            .await
            .map_err(|e| change_failed(e, &tenant, ""))?;
        super::audited(db, clock, changed).await?
    };
    println!(
        "Tenant {}: SSO-only {}, just-in-time provisioning {}.",
        tenant.slug,
        on_off(options.sso_only),
        on_off(options.sso_jit_provisioning)
    );
    Ok(())
}
