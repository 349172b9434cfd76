//! PostgreSQL stopped under load (`pg_ctl stop -m fast` on a cluster of this test's own): pages
//! answer 503 with a clear page, `/readyz` fails, no actor restart-loops, and within 5 s of the
//! database's return everything works again, with every acknowledged write kept.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use portal_test_support::pg::{Cluster, ClusterOptions};

use super::{comment_bodies, on_postgres, reply_until};
use crate::helpers::*;
use crate::ticket_fixtures::seed_basic;

/// A cluster of its own: stopping the shared one would fail every other test.
const OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-fault-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                     -c full_page_writes=off -c max_connections=100 -c shared_buffers=32MB",
    fallback_port: 55433,
};

/// The sum of every actor's restarts (`/admin/actors`).
async fn restarts(app: &TestApp) -> u64 {
    let page = app.admin_get("/admin/actors", Some(ADMIN_TOKEN)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    json["actors"]
        .as_object()
        .unwrap()
        .values()
        .map(|a| a["restarts"].as_u64().unwrap_or(0))
        .sum()
}

async fn in_background(cluster: &Arc<Cluster>, start: bool) {
    let cluster = cluster.clone();
    actix_rt::task::spawn_blocking(move || match start {
        true => cluster.start_server(),
        false => cluster.stop_server("fast"),
    })
    .await
    .unwrap()
    .unwrap();
}

#[actix_rt::test]
async fn postgres_stopped_under_load_is_a_clear_503_and_recovers_within_5_s_losing_nothing() {
    if !on_postgres() {
        return;
    }
    let cluster = match Cluster::start(&OPTIONS) {
        Ok(Some(cluster)) => Arc::new(cluster),
        Ok(None) => return missing("postgresql", "initdb or pg_ctl not found"),
        Err(e) => panic!("fault cluster: {e:#}"),
    };
    let url = cluster.new_database("faults").await.unwrap();
    let Some(app) = spawn_app_at(url, |s| {
        s.database.acquire_timeout_seconds = 1;
        s.session.listener_reconnect_min_ms = 100;
        s.session.listener_reconnect_max_ms = 500;
    })
    .await
    else {
        return;
    };
    app.client_user(None, "ada@acme.example", "Acme").await;
    seed_basic(&app, "ada@acme.example").await;
    let ada = signed_in(&app, "ada@acme.example").await;
    let page = ada.get("/client-portal/tickets/TST-1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let token = Browser::form_csrf(&page);
    let restarts_before = restarts(&app).await;

    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let (b, t, s) = (ada.clone(), token.clone(), stop.clone());
            actix_rt::spawn(reply_until(b, "TST-1".into(), t, w, s))
        })
        .collect();
    actix_rt::time::sleep(Duration::from_millis(800)).await;

    in_background(&cluster, false).await;
    // While it is down: a clear page, a failing readiness check, quick answers.
    actix_rt::time::sleep(Duration::from_millis(300)).await;
    for _ in 0..3 {
        let asked = Instant::now();
        let page = ada.get("/client-portal/dashboard").await;
        assert_eq!(page.status, 503, "{}", page.body);
        assert!(
            page.body.contains("Temporarily unavailable"),
            "{}",
            page.body
        );
        assert_eq!(page.header("retry-after"), "5");
        assert!(
            asked.elapsed() < Duration::from_secs(3),
            "{:?}",
            asked.elapsed()
        );
        let ready = app.admin_get("/readyz", None).await;
        assert_eq!(ready.status, 503, "{}", ready.body);
        assert!(ready.body.contains(r#""database":false"#), "{}", ready.body);
        actix_rt::time::sleep(Duration::from_millis(500)).await;
    }

    in_background(&cluster, true).await;
    let back = Instant::now();
    loop {
        let ready = app.admin_get("/readyz", None).await.status;
        let page = ada.get("/client-portal/dashboard").await.status;
        if ready == 200 && page == 200 {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(5),
            "not recovered 5 s after the database returned (readyz {ready}, page {page})"
        );
        actix_rt::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered_in = back.elapsed();
    actix_rt::time::sleep(Duration::from_millis(800)).await;
    stop.store(true, Ordering::SeqCst);

    let mut acknowledged = Vec::new();
    let mut refused = Vec::new();
    for writer in writers {
        let writes = writer.await.unwrap();
        assert_eq!(writes.unreachable, 0, "the portal itself never went away");
        acknowledged.extend(writes.acknowledged);
        refused.extend(writes.refused);
    }
    assert!(refused.iter().all(|s| *s == 503), "{refused:?}");
    assert!(
        !refused.is_empty(),
        "no write was refused while the database was down"
    );
    let stored = comment_bodies(&app).await;
    for body in &acknowledged {
        assert_eq!(
            stored.iter().filter(|s| *s == body).count(),
            1,
            "acknowledged reply {body:?} is not stored exactly once"
        );
    }
    // A few restarts of actors whose periodic work failed are tolerable; a loop is not.
    let restarts_after = restarts(&app).await;
    assert!(
        restarts_after <= restarts_before + 2,
        "actors restarted {} times during the outage",
        restarts_after - restarts_before
    );
    eprintln!(
        "recovered {recovered_in:?} after the database returned; {} writes acknowledged, {} refused",
        acknowledged.len(),
        refused.len()
    );
}
