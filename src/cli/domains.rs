//! `portal portal-domain …`: operators register, verify, activate and disable tenants' vanity
//! domains, and prune used or expired handoff tokens.

use actix::Actor;
use anyhow::Context;
use clap::{Args, Subcommand};
use portal_actors::clock::TimeArith;
use portal_actors::dns::{DnsVerifier, ReverifyDomain};
use portal_actors::portal_domain::{parse_domain, DomainStatus, PortalDomain};
use portal_actors::store::{handoff, portal_domains, tenants};
use portal_actors::{ActorRegistry, Metrics, SharedClock};

use crate::cli::{block_on, open_db};
use crate::config::Settings;

/// A mistake in how the command was called: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A failure already described to the user in its own words: exit code 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ReportedFailure(pub String);

#[derive(Debug, Subcommand)]
pub enum DomainCommand {
    /// Register (or replace) a tenant's vanity domain; it starts in `pending_dns`.
    Add(DomainAdd),
    /// Check the domain's CNAME now and move its status.
    Verify(DomainRef),
    /// Mark the domain active (certificate issued and deployed).
    Activate(DomainRef),
    /// Stop serving and handing over to the domain.
    Disable(DomainRef),
    /// List every tenant's domain.
    List,
    /// Handoff tokens.
    #[command(subcommand)]
    Sessions(SessionsCommand),
}

#[derive(Debug, Args)]
pub struct DomainAdd {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    #[arg(long)]
    pub domain: String,
}

#[derive(Debug, Args)]
pub struct DomainRef {
    #[arg(long)]
    pub domain: String,
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// Delete one-time transfer tokens expired or consumed more than N minutes ago.
    Prune(Prune),
}

#[derive(Debug, Args)]
pub struct Prune {
    /// Only this tenant (id or slug).
    #[arg(long)]
    pub tenant: Option<String>,
    /// Age in minutes (0 to 525600).
    #[arg(long, default_value = "10", allow_hyphen_values = true)]
    pub minutes: String,
    /// Count, delete nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(settings: Settings, cmd: DomainCommand) -> anyhow::Result<()> {
    match cmd {
        DomainCommand::Verify(args) => actix_rt::System::new().block_on(verify(settings, args)),
        other => block_on(run_plain(settings, other)),
    }
}

fn print_domain(d: &PortalDomain) {
    println!(
        "{}  {}  {}  {}",
        d.domain,
        d.status.as_str(),
        d.expected_cname,
        d.status_message.as_deref().unwrap_or("")
    );
}

async fn find(db: &portal_actors::Db, domain: &str) -> anyhow::Result<PortalDomain> {
    let name = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    portal_domains::find_by_domain(db, &name)
        .await?
        .ok_or_else(|| UsageError(format!("no portal domain `{name}`")).into())
}

async fn run_plain(settings: Settings, cmd: DomainCommand) -> anyhow::Result<()> {
    if let DomainCommand::Sessions(SessionsCommand::Prune(args)) = cmd {
        return prune(&settings, args).await;
    }
    let db = open_db(&settings).await?;
    let clock = SharedClock::system();
    match cmd {
        DomainCommand::Add(args) => {
            let domain = parse_domain(&args.domain, &settings.server.canonical_host)
                .map_err(|e| UsageError(format!("--domain: {e}")))?;
            let tenant = tenants::find_by_key(&db, &args.tenant)
                .await?
                .ok_or_else(|| UsageError(format!("no tenant `{}`", args.tenant)))?;
            let created = portal_domains::upsert(
                &db,
                tenant.id,
                &domain,
                &settings.server.canonical_host,
                &settings.cname_target(),
                clock.now(),
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    UsageError(format!("{domain} belongs to another tenant")).into()
                } else {
                    anyhow::Error::from(e)
                }
            })?;
            println!(
                "Registered {} for tenant {}: point a CNAME at {} (status {}).",
                created.domain,
                tenant.slug,
                created.expected_cname,
                created.status.as_str()
            );
        }
        DomainCommand::Activate(args) => {
            set_status(
                &db,
                &clock,
                &args,
                DomainStatus::Active,
                "Activated by an operator",
            )
            .await?;
        }
        DomainCommand::Disable(args) => {
            set_status(
                &db,
                &clock,
                &args,
                DomainStatus::Disabled,
                "Disabled by an operator",
            )
            .await?;
        }
        DomainCommand::List => {
            for d in portal_domains::list(&db).await? {
                print_domain(&d);
            }
        }
        DomainCommand::Verify(_) | DomainCommand::Sessions(_) => {}
    }
    Ok(())
}

async fn set_status(
    db: &portal_actors::Db,
    clock: &SharedClock,
    args: &DomainRef,
    status: DomainStatus,
    message: &str,
) -> anyhow::Result<()> {
    let domain = find(db, &args.domain).await?;
    portal_domains::set_status(
        db,
        domain.tenant,
        status,
        Some(message),
        false,
        None,
        clock.now(),
    )
    .await?;
    if let Some(updated) = portal_domains::find_by_tenant(db, domain.tenant).await? {
        print_domain(&updated);
    }
    Ok(())
}

async fn verify(settings: Settings, args: DomainRef) -> anyhow::Result<()> {
    let db = open_db(&settings).await?;
    let domain = find(&db, &args.domain).await?;
    let metrics = Metrics::new().context("metrics")?;
    let registry = ActorRegistry::new(metrics.clone());
    let verifier = DnsVerifier::new(
        db,
        SharedClock::system(),
        &settings.dns_settings(),
        metrics,
        registry,
    )
    .start();
    let updated = verifier
        .send(ReverifyDomain {
            tenant: domain.tenant,
        })
        .await??;
    print_domain(&updated);
    Ok(())
}

async fn prune(settings: &Settings, args: Prune) -> anyhow::Result<()> {
    let minutes: i64 = args
        .minutes
        .trim()
        .parse()
        .ok()
        .filter(|m| (0..=525_600).contains(m))
        .ok_or_else(|| {
            UsageError(format!(
                "--minutes must be a whole number from 0 to 525600, not `{}`",
                args.minutes
            ))
        })?;
    let failure = |e: anyhow::Error| -> anyhow::Error {
        tracing::error!(error = ?e, "prune failed");
        ReportedFailure(format!("Failed to prune portal domain session OTTs: {e}")).into()
    };
    let db = open_db(settings).await.map_err(failure)?;
    let tenant = match &args.tenant {
        Some(key) => Some(
            tenants::find_by_key(&db, key)
                .await
                .map_err(|e| failure(e.into()))?
                .ok_or_else(|| UsageError(format!("no tenant `{key}`")))?,
        ),
        None => None,
    };
    let before = SharedClock::system()
        .now()
        .minus(chrono::Duration::minutes(minutes));
    let scope = match &tenant {
        Some(t) => format!("for tenant {}.", t.slug),
        None => "for all tenants.".to_owned(),
    };
    let tenant_id = tenant.as_ref().map(|t| t.id);
    if args.dry_run {
        let n = handoff::count_sweepable(&db, before, tenant_id)
            .await
            .map_err(|e| failure(e.into()))?;
        println!("DRY RUN: Found {n} portal domain session OTT record(s) older than {minutes} minute(s) {scope}");
    } else {
        let n = portal_actors::handoff::sweep(&db, before, tenant_id)
            .await
            .map_err(|e| failure(e.into()))?;
        println!(
            "Pruned {n} portal domain session OTT record(s) older than {minutes} minute(s) {scope}"
        );
    }
    Ok(())
}
