//! The integration listener (`server.integration_bind`): `/integration/v1` on an address of its
//! own, for a PSA on another host, over TLS when `server.integration_tls_cert` and
//! `server.integration_tls_key` are set. Unset, the admin listener serves the API instead.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use anyhow::Context as _;

use super::{tls_config, AppState};
use crate::config::Settings;
use crate::http::{middleware, panics};
use crate::routes::integration;

/// The running integration listener.
pub struct IntegrationListener {
    pub port: u16,
    pub server: Server,
}

/// Binds and starts the integration listener when `server.integration_bind` is set. It stops
/// with the other listeners (`shutdown_timeout` seconds for requests in flight); the signals are
/// handled for every listener by `Application::run_until_stopped`.
pub fn start(
    settings: &Settings,
    state: &web::Data<AppState>,
    workers: usize,
    shutdown_timeout: u64,
) -> anyhow::Result<Option<IntegrationListener>> {
    settings.validate_integration()?;
    let Some(bind) = settings.server.integration_bind else {
        return Ok(None);
    };
    let listener = TcpListener::bind(bind)
        .with_context(|| format!("cannot listen on server.integration_bind {bind}"))?;
    let port = listener.local_addr()?.port();
    let state = state.clone();
    let server = HttpServer::new(move || {
        App::new()
            .configure(super::json_api(state.clone()))
            .wrap(from_fn(middleware::http_metrics))
            .wrap(from_fn(panics::catch_panics))
            .wrap(from_fn(integration::metrics::count_every_request))
            .configure(integration::configure_own_listener)
    })
    .workers(workers)
    .shutdown_timeout(shutdown_timeout);
    let server = server.disable_signals();
    let server = match (
        &settings.server.integration_tls_cert,
        &settings.server.integration_tls_key,
    ) {
        (Some(cert), Some(key)) => {
            server.listen_rustls_0_23(listener, tls_config(cert, key, "server.integration_tls")?)?
        }
        _ => server.listen(listener)?,
    };
    Ok(Some(IntegrationListener {
        port,
        server: server.run(),
    }))
}

/// Serves until the listener stops; done at once when there is none.
pub async fn serve(server: Option<Server>) -> std::io::Result<()> {
    match server {
        Some(server) => server.await,
        None => Ok(()),
    }
}
