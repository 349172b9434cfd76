//! A private, throwaway PostgreSQL cluster (`initdb` + `pg_ctl` in a temp dir, as the
//! unprivileged `postgres` user when run as root). A watchdog stops the cluster and deletes its
//! folder when this process exits, however it exits; dropping the [`Cluster`] does it sooner.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context as _;

/// How a cluster is set up: where its folder goes, its server settings, the port to fall back on.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Its folder is `<temp dir>/<dir_prefix>-<pid>`.
    pub dir_prefix: &'static str,
    /// `-c name=value …` given to the server after the port and socket folder.
    pub server_options: &'static str,
    /// Used when no free port can be found by binding port 0.
    pub fallback_port: u16,
}

/// A running cluster; `base_url` takes a `/<database>` suffix.
#[derive(Debug)]
pub struct Cluster {
    /// `postgres://portal@127.0.0.1:<port>` (trust authentication on loopback).
    pub base_url: String,
    pg_ctl: PathBuf,
    data: String,
    dir: PathBuf,
    as_postgres: bool,
    /// What `pg_ctl start` was given (`-o`), to start it again on the same port.
    server_options: String,
    log: String,
}

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
fn run_as_owner(bin: &Path, args: &[&str], as_postgres: bool) -> anyhow::Result<()> {
    let mut cmd = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .args(args)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", bin.display()))?;
    anyhow::ensure!(
        out.status.success(),
        "{} failed: {}{}",
        bin.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

fn free_port(fallback: u16) -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(fallback)
}

impl Cluster {
    /// Starts a cluster; `Ok(None)` when PostgreSQL is not installed here (no `initdb`/`pg_ctl`).
    pub fn start(options: &ClusterOptions) -> anyhow::Result<Option<Cluster>> {
        let (Some(initdb), Some(pg_ctl)) = (find_bin("initdb"), find_bin("pg_ctl")) else {
            return Ok(None);
        };
        let as_postgres = is_root();
        let dir =
            std::env::temp_dir().join(format!("{}-{}", options.dir_prefix, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir)
                .status()
                .context("cannot run chown")?;
            anyhow::ensure!(
                status.success(),
                "cannot chown the cluster folder to postgres"
            );
        }
        let data = dir.join("data").to_string_lossy().to_string();
        run_as_owner(
            &initdb,
            &[
                "-D",
                &data,
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
        let port = free_port(options.fallback_port);
        let server_options = format!(
            "-F -p {port} -k {} {}",
            dir.display(),
            options.server_options
        );
        let log = dir.join("server.log").to_string_lossy().to_string();
        let cluster = Cluster {
            base_url: format!("postgres://portal@127.0.0.1:{port}"),
            pg_ctl,
            data,
            dir,
            as_postgres,
            server_options,
            log,
        };
        cluster.start_server()?;
        cluster.watchdog()?;
        Ok(Some(cluster))
    }

    /// Starts the server (again, after `stop_server`) on the same port and data.
    pub fn start_server(&self) -> anyhow::Result<()> {
        run_as_owner(
            &self.pg_ctl,
            &[
                "-D",
                &self.data,
                "-l",
                &self.log,
                "-o",
                &self.server_options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            self.as_postgres,
        )
    }

    /// Stops the server with `pg_ctl stop -m <mode>` (`fast`: disconnect clients, clean shutdown).
    pub fn stop_server(&self, mode: &str) -> anyhow::Result<()> {
        run_as_owner(
            &self.pg_ctl,
            &["-D", &self.data, "-m", mode, "-w", "-t", "60", "stop"],
            self.as_postgres,
        )
    }

    /// Stops the cluster when this process ends, however it ends.
    fn watchdog(&self) -> anyhow::Result<()> {
        let runuser = if self.as_postgres {
            "runuser -u postgres -- "
        } else {
            ""
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; \
             {runuser}{pg_ctl} -D {data} stop -m immediate >/dev/null 2>&1; rm -rf {dir}",
            pid = std::process::id(),
            pg_ctl = self.pg_ctl.display(),
            data = self.data,
            dir = self.dir.display(),
        );
        Command::new("setsid")
            .args(["sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start the cluster watchdog")?;
        Ok(())
    }

    /// Creates the empty database `name` (a plain identifier) on the cluster; its URL.
    pub async fn new_database(&self, name: &str) -> anyhow::Result<String> {
        let admin = format!("{}/postgres", self.base_url);
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
            .await
            .with_context(|| format!("cannot connect to {admin}"))?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .with_context(|| format!("cannot create database {name}"))?;
        Ok(format!("{}/{name}", self.base_url))
    }
}

impl Drop for Cluster {
    /// Stops the server (fast shutdown) and deletes its folder; a `static` cluster is never
    /// dropped and leaves this to the watchdog.
    fn drop(&mut self) {
        let _ = run_as_owner(
            &self.pg_ctl,
            &["-D", &self.data, "stop", "-m", "fast", "-w", "-t", "30"],
            self.as_postgres,
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
