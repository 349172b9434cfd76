//! The server: its own thread with an actix System, a migrated database, one tenant with an
//! Active vanity domain and one client user per bench client.

use crate::*;

/// What `boot` hands back: the vanity domain, the bench users' snapshots, the app's `Handoff`
/// actor and metrics.
pub(crate) struct HandoffBench {
    pub(crate) domain: String,
    pub(crate) users: Vec<SessionUser>,
    pub(crate) handoff: Addr<Handoff>,
    pub(crate) metrics: Metrics,
}

pub(crate) type Server = common::server::Server<HandoffBench>;

pub(crate) async fn boot(
    url: String,
    workers: usize,
    user_count: usize,
) -> anyhow::Result<(Application, HandoffBench)> {
    let mut settings = common::server::settings(&url, workers)?;
    // No password is ever verified here.
    settings.server.hashing_threads = 1;
    settings.server.canonical_host = CANONICAL.into();
    settings.domains.dns_check = "false".into();

    let db = Db::connect(&url, settings.database.max_connections)
        .await
        .context("cannot open the database")?;
    db.migrate().await.context("cannot migrate the database")?;
    let clock = SharedClock::system();
    let now = clock.now();
    // Unique per run, so that a reused PostgreSQL database takes another run.
    let run_id = Uuid::new_v4().simple().to_string();
    let run_id = &run_id[..12];
    let tenant = common::seed::tenant(&db, format!("Bench MSP {run_id}"), now).await?;
    let client_name = "Bench Co";
    let client_id = users::find_or_create_client(&db, tenant.id, client_name, now).await?;
    let bench_users =
        common::seed::client_users(&db, tenant.id, client_id, user_count, None, now).await?;
    let snapshots = bench_users
        .into_iter()
        .map(|u| SessionUser {
            tenant: tenant.id,
            user_id: u.user_id,
            email: u.email,
            user_type: UserType::Client,
            full_name: u.full_name,
            client_id: Some(client_id),
            client_name: Some(client_name.to_owned()),
            role: Some(PortalRole::User),
            previous_login_at: None,
            prefs: Default::default(),
        })
        .collect();
    let domain = format!("portal-{run_id}.bench.test");
    portal_domains::upsert(&db, tenant.id, &domain, CANONICAL, CANONICAL, now).await?;
    let active =
        portal_domains::set_status(&db, tenant.id, DomainStatus::Active, None, true, None, now)
            .await?;
    anyhow::ensure!(active, "the bench domain could not be made Active");
    let app = Application::build_with_db(settings, db, clock, false).await?;
    let bench = HandoffBench {
        domain,
        users: snapshots,
        handoff: app.state.services.handoff.clone(),
        metrics: app.state.metrics.clone(),
    };
    Ok((app, bench))
}
