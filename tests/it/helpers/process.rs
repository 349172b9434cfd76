//! The portal as a separate process (`portal serve`, the built binary), for what only a real
//! process shows: signals (SIGTERM, SIGKILL), restarts on the same data, a private mount
//! namespace. It shares the test's database and attachments folder through `PORTAL__…`
//! variables; its output is kept for the failure message.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{TestApp, ADMIN_TOKEN, ENCRYPTION_KEY};

/// A running `portal serve`.
pub struct PortalProcess {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    pub admin: String,
    output: Arc<Mutex<String>>,
}

/// What a portal process needs: the database, the folders, extra settings.
#[derive(Debug, Clone)]
pub struct ProcessSpec {
    pub database_url: String,
    pub attachments_dir: PathBuf,
    pub mailbox_dir: PathBuf,
    /// Extra `PORTAL__SECTION__KEY` settings.
    pub env: Vec<(String, String)>,
    /// Runs the binary through this program first (e.g. `unshare -m sh -c '…; exec "$0" "$@"'`).
    pub wrapper: Vec<String>,
}

impl ProcessSpec {
    /// The database and folders of `app` (so the in-process app can seed and inspect).
    pub fn sharing(app: &TestApp) -> ProcessSpec {
        ProcessSpec {
            database_url: app.database_url.clone(),
            attachments_dir: app.attachments_dir.clone(),
            mailbox_dir: app.attachments_dir.with_file_name("process-mailbox"),
            env: Vec::new(),
            wrapper: Vec::new(),
        }
    }

    pub fn set(mut self, key: &str, value: impl ToString) -> ProcessSpec {
        self.env.push((key.to_owned(), value.to_string()));
        self
    }
}

impl PortalProcess {
    /// Starts `portal serve` in `dir` and waits until it says where it listens.
    pub fn start(dir: &Path, spec: &ProcessSpec) -> PortalProcess {
        let binary = env!("CARGO_BIN_EXE_portal");
        let mut cmd = match spec.wrapper.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(binary);
                c
            }
            None => Command::new(binary),
        };
        cmd.arg("serve")
            .current_dir(dir)
            .env("PORTAL__SERVER__BIND", "127.0.0.1:0")
            .env("PORTAL__SERVER__ADMIN_BIND", "127.0.0.1:0")
            .env("PORTAL__SERVER__WORKERS", "2")
            .env("PORTAL__SERVER__HASHING_THREADS", "2")
            .env("PORTAL__DATABASE__URL", &spec.database_url)
            .env("PORTAL__DATABASE__MAX_CONNECTIONS", "8")
            .env("PORTAL__ADMIN__TOKEN", ADMIN_TOKEN)
            .env("PORTAL__SECURITY__ENCRYPTION_KEY", ENCRYPTION_KEY)
            .env("PORTAL__ATTACHMENTS__DIR", &spec.attachments_dir)
            .env("PORTAL__MAIL__MAILBOX_DIR", &spec.mailbox_dir)
            .env("PORTAL__LOG__LEVEL", "info")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in &spec.env {
            cmd.env(key, value);
        }
        let mut child = cmd.spawn().expect("start portal serve");
        let output = Arc::new(Mutex::new(String::new()));
        let (ports_tx, ports_rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        spawn_reader(stdout, output.clone(), Some(ports_tx));
        spawn_reader(stderr, output.clone(), None);
        let Ok((port, admin_port)) = ports_rx.recv_timeout(Duration::from_secs(60)) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "portal serve did not start:\n{}",
                output.lock().unwrap().as_str()
            );
        };
        PortalProcess {
            child,
            base: format!("http://127.0.0.1:{port}"),
            admin: format!("http://127.0.0.1:{admin_port}"),
            output,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` (`TERM`, `KILL`, …) with kill(1).
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("kill");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// Waits for the process to exit; its status and how long the wait took.
    pub async fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return (status, start.elapsed());
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                panic!("portal did not exit within {limit:?}:\n{}", self.output());
            }
            actix_rt::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Everything it printed so far (stdout and stderr, interleaved by line).
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }
}

impl Drop for PortalProcess {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Keeps each line; the first "Portal on port P, admin listener on port A." gives the ports.
fn spawn_reader(
    stream: impl std::io::Read + Send + 'static,
    output: Arc<Mutex<String>>,
    ports: Option<std::sync::mpsc::Sender<(u16, u16)>>,
) {
    std::thread::spawn(move || {
        let mut ports = ports;
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(found) = parse_ports(&line) {
                if let Some(tx) = ports.take() {
                    let _ = tx.send(found);
                }
            }
            let mut out = output.lock().unwrap();
            out.push_str(&line);
            out.push('\n');
        }
    });
}

fn parse_ports(line: &str) -> Option<(u16, u16)> {
    let rest = line.strip_prefix("Portal on port ")?;
    let (port, rest) = rest.split_once(", admin listener on port ")?;
    let admin = rest.trim_end_matches('.');
    Some((port.parse().ok()?, admin.trim().parse().ok()?))
}
