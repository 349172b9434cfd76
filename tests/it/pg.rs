//! A private, throwaway PostgreSQL cluster for the tests (`initdb` + `pg_ctl` in a temp dir, as
//! the unprivileged `postgres` user when run as root), one database per test. A watchdog stops
//! the cluster and deletes its folder when the test process exits.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub struct Cluster {
    pub base_url: String,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

fn find_bin(name: &str) -> Option<PathBuf> {
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Runs a PostgreSQL program, as `postgres` when we are root (the server refuses root).
fn run_as_owner(bin: &Path, args: &[&str], as_postgres: bool) -> Result<(), String> {
    let mut cmd = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .args(args)
        .output()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} failed: {}{}",
            bin.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(55432)
}

fn start() -> Result<Cluster, String> {
    let initdb = find_bin("initdb").ok_or("initdb not found (Debian package postgresql)")?;
    let pg_ctl = find_bin("pg_ctl").ok_or("pg_ctl not found (Debian package postgresql)")?;
    let as_postgres = is_root();
    let dir = std::env::temp_dir().join(format!("portal-it-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    if as_postgres {
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("cannot chown the cluster folder to postgres".into());
        }
    }
    let data = dir.join("data");
    let data_s = data.to_string_lossy().to_string();
    run_as_owner(
        &initdb,
        &[
            "-D",
            &data_s,
            "-A",
            "trust",
            "-U",
            "portal",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        ],
        as_postgres,
    )?;
    let port = free_port();
    let options = format!(
        "-F -p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB",
        dir.display()
    );
    let log = dir.join("server.log").to_string_lossy().to_string();
    run_as_owner(
        &pg_ctl,
        &[
            "-D", &data_s, "-l", &log, "-o", &options, "-w", "-t", "60", "start",
        ],
        as_postgres,
    )?;
    // Stop the cluster when this test process ends, however it ends.
    let runuser = if as_postgres {
        "runuser -u postgres -- "
    } else {
        ""
    };
    let watchdog = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {runuser}{pg_ctl} -D {data_s} stop -m immediate >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        pg_ctl = pg_ctl.display(),
        dir = dir.display(),
    );
    Command::new("setsid")
        .args(["sh", "-c", &watchdog])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the cluster watchdog: {e}"))?;
    Ok(Cluster {
        base_url: format!("postgres://portal@127.0.0.1:{port}"),
    })
}

/// The shared cluster, started on first use; `Err` says why it is missing.
pub fn cluster() -> Result<&'static Cluster, String> {
    CLUSTER.get_or_init(start).as_ref().map_err(Clone::clone)
}

/// A new empty database on the cluster.
pub async fn new_database() -> Result<String, String> {
    let cluster = cluster()?;
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let admin = format!("{}/postgres", cluster.base_url);
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
        .await
        .map_err(|e| e.to_string())?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!("{}/{name}", cluster.base_url))
}
