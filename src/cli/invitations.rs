//! `portal user invite`: queues an invitation (token and email in one transaction) for a client
//! contact; the running portal's Mailer delivers it.

use anyhow::{bail, Context};
use clap::Args;
use portal_actors::model::Email;
use portal_actors::{Db, SharedClock};

use crate::cli::find_tenant;
use crate::config::Settings;

#[derive(Debug, Args)]
pub struct UserInvite {
    /// Tenant id or slug.
    #[arg(long)]
    pub tenant: String,
    /// The contact's email (when only one contact of the tenant has it) …
    #[arg(
        long,
        conflicts_with = "contact_id",
        required_unless_present = "contact_id"
    )]
    pub email: Option<String>,
    /// … or the contact's id.
    #[arg(long)]
    pub contact_id: Option<uuid::Uuid>,
}

/// Queues an invitation in the outbox; a running portal's Mailer delivers it.
pub(crate) async fn invite(
    settings: &Settings,
    db: &Db,
    clock: &SharedClock,
    args: UserInvite,
) -> anyhow::Result<()> {
    use portal_actors::invitations::{self, InvitationError, InviteRequest, Inviter};
    let tenant = find_tenant(db, &args.tenant).await?;
    let now = clock.now();
    let contact_id = match (args.contact_id, &args.email) {
        (Some(id), _) => id,
        (None, Some(email)) => {
            let email = Email::parse(email).context("--email")?;
            let found =
                portal_actors::store::invitations::find_by_email(db.exec(), tenant.id, &email, now)
                    .await?;
            match found.as_slice() {
                [one] => one.contact_id,
                [] => bail!("no contact {email} in tenant {}", tenant.slug),
                _ => bail!("several contacts have {email}: give --contact-id"),
            }
        }
        (None, None) => bail!("give --email or --contact-id"),
    };
    let active = portal_actors::store::portal_domains::find_by_tenant(db, tenant.id)
        .await?
        .filter(|d| d.status == portal_actors::portal_domain::DomainStatus::Active)
        .map(|d| d.domain);
    let canonical = format!(
        "{}://{}",
        settings.server.public_scheme, settings.server.canonical_host
    );
    let links = crate::routes::account_recovery::mail::TenantLinks::with_canonical(
        canonical,
        &tenant.slug,
        active.as_deref(),
    );
    let render = crate::routes::setup::invitation_renderer(&tenant, &links)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let request = InviteRequest {
        tenant: tenant.clone(),
        contact_id,
        inviter: Inviter::Operator,
        ttl: chrono::Duration::hours(i64::from(settings.security.invitation_ttl_hours)),
        origin: portal_actors::model::RequestOrigin {
            host: "cli".into(),
            ..Default::default()
        },
    };
    let result = invitations::send(db, now, &request, render).await;
    let event = invitations::audit_record(&request, &result).into_event(now);
    portal_actors::store::audit::insert_batch(db, &[event]).await?;
    match result {
        Ok(invited) => {
            println!(
                "Invitation for {} queued (link valid until {}); the running portal emails it.",
                invited.email,
                invited.expires_at.format("%Y-%m-%d %H:%M UTC")
            );
            Ok(())
        }
        Err(InvitationError::AlreadyHasAccount) => {
            bail!("that contact already has a portal account")
        }
        Err(InvitationError::UnknownContact) => bail!("no such contact in tenant {}", tenant.slug),
        Err(InvitationError::Inactive) => bail!("the contact or their company is inactive"),
        Err(e) => Err(e.into()),
    }
}
