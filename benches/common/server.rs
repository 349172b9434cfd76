//! The portal under load: on its own thread with an actix System, listening on port 0, with
//! the benches' settings; stopped in bounded time.

use std::future::Future;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::Context as _;
use portal::config::Settings;
use portal::Application;
use secrecy::SecretString;

pub const ADMIN_TOKEN: &str = "bench-admin-token-0123456789abcdef";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(120);
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(15);

/// Settings of a bench portal on `url`: loopback port 0 for both listeners, `workers` HTTP
/// workers, hashing on the actix threads, a fresh encryption key.
pub fn settings(url: &str, workers: usize) -> anyhow::Result<Settings> {
    let mut settings = Settings::default();
    settings.server.bind = "127.0.0.1:0".parse()?;
    settings.server.admin_bind = "127.0.0.1:0".parse()?;
    settings.server.workers = workers;
    settings.server.hashing_threads = 0;
    settings.database.url = SecretString::from(url.to_owned());
    settings.admin.token = Some(SecretString::from(ADMIN_TOKEN));
    settings.security.encryption_key = Some(SecretString::from(
        portal_actors::secret_box::SecretBox::generate_key(),
    ));
    Ok(settings)
}

/// A running portal: its ports and what its `boot` handed back (`booted`).
pub struct Server<T> {
    pub port: u16,
    pub admin_port: u16,
    pub booted: T,
    system: actix_rt::System,
    stopped: mpsc::Receiver<()>,
    thread: JoinHandle<()>,
}

impl<T: Send + 'static> Server<T> {
    /// Runs `boot` on a new thread's actix System, then serves the application it built.
    pub fn start<F, Fut>(boot: F) -> anyhow::Result<Server<T>>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<(Application, T)>>,
    {
        type Booted<T> = (u16, u16, T, actix_rt::System);
        let (booted_tx, booted_rx) = mpsc::channel::<anyhow::Result<Booted<T>>>();
        let (stopped_tx, stopped) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("portal-system".into())
            .spawn(move || {
                let sys = actix_rt::System::new();
                let booted = sys.block_on(async move {
                    let (app, booted) = boot().await?;
                    let (port, admin_port) = (app.port(), app.admin_port());
                    actix_rt::spawn(async move {
                        if let Err(e) = app.run_until_stopped().await {
                            eprintln!("portal server stopped with an error: {e}");
                        }
                    });
                    Ok((port, admin_port, booted, actix_rt::System::current()))
                });
                let ok = booted.is_ok();
                let _ = booted_tx.send(booted);
                if ok {
                    let _ = sys.run();
                }
                let _ = stopped_tx.send(());
            })
            .context("cannot start the server thread")?;
        let (port, admin_port, booted, system) = booted_rx
            .recv_timeout(STARTUP_TIMEOUT)
            .context("the portal did not start in time")??;
        Ok(Server {
            port,
            admin_port,
            booted,
            system,
            stopped,
            thread,
        })
    }

    /// Stops the actix System; waits a bounded time for its thread.
    pub fn stop(self) {
        self.system.stop();
        if self.stopped.recv_timeout(SHUTDOWN_TIMEOUT).is_ok() {
            let _ = self.thread.join();
        } else {
            eprintln!("the portal did not stop within {SHUTDOWN_TIMEOUT:?}; going on anyway");
        }
    }
}
