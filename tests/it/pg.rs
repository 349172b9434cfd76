//! The tests' PostgreSQL: one private cluster per test process (started on first use by
//! `portal_test_support::pg`, the harness the benches share), one database per test.

use std::sync::OnceLock;

use portal_test_support::pg::{Cluster, ClusterOptions};

/// Small buffers, many connections (every test opens its own pool), durability off.
const OPTIONS: ClusterOptions = ClusterOptions {
    dir_prefix: "portal-it-pg",
    server_options: "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                     -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB",
    fallback_port: 55432,
};

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

fn start() -> Result<Cluster, String> {
    match Cluster::start(&OPTIONS) {
        Ok(Some(cluster)) => Ok(cluster),
        Ok(None) => Err("initdb or pg_ctl not found (Debian package postgresql)".into()),
        Err(e) => Err(format!("{e:#}")),
    }
}

/// The shared cluster, started on first use; `Err` says why it is missing.
pub fn cluster() -> Result<&'static Cluster, String> {
    CLUSTER.get_or_init(start).as_ref().map_err(Clone::clone)
}

/// A new empty database on the cluster.
pub async fn new_database() -> Result<String, String> {
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    cluster()?
        .new_database(&name)
        .await
        .map_err(|e| format!("{e:#}"))
}
