//! `portal tenant integration-token …`: operators create (the token is printed once), list and
//! revoke the tokens with which a tenant's PSA reaches the integration API. Changes are audited.

use anyhow::bail;
use clap::{Args, Subcommand};
use portal_actors::integration_tokens::{self, TokenError};
use portal_actors::{Db, SharedClock};
use uuid::Uuid;

use crate::cli::find_tenant;

#[derive(Debug, Subcommand)]
pub enum IntegrationTokenCommand {
    /// Create a token (printed once: store it in the PSA).
    Create(TokenCreate),
    /// List the tenant's tokens (never the tokens themselves).
    List(TokenTenant),
    /// Revoke a token at once.
    Revoke(TokenRevoke),
}

#[derive(Debug, Args)]
pub struct TokenCreate {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// What the token is for (e.g. the PSA's name).
    #[arg(long)]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct TokenTenant {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
}

#[derive(Debug, Args)]
pub struct TokenRevoke {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// The token's id (from `list`).
    #[arg(long)]
    pub token_id: Uuid,
}

fn refused(e: TokenError) -> anyhow::Error {
    match e {
        TokenError::Invalid { field, message } => anyhow::anyhow!("--{field}: {message}"),
        TokenError::NotFound => anyhow::anyhow!("no such token"),
        TokenError::Db(e) => anyhow::Error::new(e).context("integration tokens unavailable"),
    }
}

pub async fn run(db: &Db, clock: &SharedClock, cmd: IntegrationTokenCommand) -> anyhow::Result<()> {
    match cmd {
        IntegrationTokenCommand::Create(args) => {
            let tenant = find_tenant(db, &args.tenant).await?;
            let created = integration_tokens::create(
                db,
                clock.now(),
                tenant.id,
                &args.name,
                &super::cli_origin(),
            )
            .await
            .map_err(refused)?;
            let created = super::audited(db, clock, created).await?;
            println!(
                "Integration token {} ({}) for {}:",
                created.summary.token_id, created.summary.name, tenant.slug
            );
            println!();
            println!("  {}", created.token);
            println!();
            println!("It is shown this once. Use it as `Authorization: Bearer <token>` on /integration/v1/.");
        }
        IntegrationTokenCommand::List(args) => {
            let tenant = find_tenant(db, &args.tenant).await?;
            for t in integration_tokens::list(db, tenant.id)
                .await
                .map_err(refused)?
            {
                let state = match (t.revoked_at, t.last_used_at) {
                    (Some(at), _) => format!("revoked {}", at.to_rfc3339()),
                    (None, Some(at)) => format!("last used {}", at.to_rfc3339()),
                    (None, None) => "never used".to_owned(),
                };
                println!(
                    "{}  {:<30}  created {}  {state}",
                    t.token_id,
                    t.name,
                    t.created_at.to_rfc3339()
                );
            }
        }
        IntegrationTokenCommand::Revoke(args) => {
            let tenant = find_tenant(db, &args.tenant).await?;
            match integration_tokens::revoke(
                db,
                clock.now(),
                tenant.id,
                args.token_id,
                &super::cli_origin(),
            )
            .await
            {
                Ok(Some(revoked)) => {
                    let t = super::audited(db, clock, revoked).await?;
                    println!("Revoked integration token {} ({}).", t.token_id, t.name);
                }
                Ok(None) => println!("Integration token {} was already revoked.", args.token_id),
                Err(TokenError::NotFound) => {
                    bail!("no token {} for {}", args.token_id, tenant.slug)
                }
                Err(e) => return Err(refused(e)),
            }
        }
    }
    Ok(())
}
