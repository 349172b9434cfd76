//! `portal_integration_requests_total{route,status}` and
//! `portal_integration_request_duration_seconds{route}`: every integration API request, by
//! the route pattern it matched (`unmatched` for unknown paths, never the raw path). Wraps the
//! authentication, the rate limit and the panic catcher, so 401, 429 and 500 are counted too.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, Error};

use crate::app::AppState;

/// The integration listener: every request is an integration API request.
pub async fn count_every_request(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    observe(req, next).await
}

/// The admin listener (the integration API's default home): only `/integration/…` counts.
pub async fn count_integration_paths(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.path().starts_with("/integration/") {
        observe(req, next).await
    } else {
        Ok(next.call(req).await?.map_into_boxed_body())
    }
}

async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let started = Instant::now();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let res = next
        .call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body);
    if let Some(metrics) = metrics {
        let status = match &res {
            Ok(res) => res.status(),
            Err(e) => e.as_response_error().status_code(),
        };
        metrics
            .integration_requests
            .with_label_values(&[&route, status.as_str()])
            .inc();
        metrics
            .integration_duration
            .with_label_values(&[&route])
            .observe(started.elapsed().as_secs_f64());
    }
    res
}
