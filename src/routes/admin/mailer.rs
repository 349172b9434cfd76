//! `POST /admin/mailer/deliver`: delivers the due outbox messages now and reports the run;
//! `POST /admin/notifier/run`: queues the notification emails of waiting activity now.

use actix_web::{web, HttpResponse};
use portal_actors::mailer::DeliverDue;
use portal_actors::notifications::NotifyDue;
use serde_json::json;

use crate::app::AppState;
use crate::errors::ApiError;

/// Delivers what is due; `503 actor_unavailable` when the mailer does not answer.
#[tracing::instrument(skip_all)]
pub async fn deliver_mail(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let report = super::answered(state.mailer.send(DeliverDue).await)?;
    Ok(super::actions::reported(json!({ "delivery": report })))
}

/// `POST /admin/notifier/run`: turns the activity waiting for its emails into outbox messages
/// now; how many events were handled.
#[tracing::instrument(skip_all)]
pub async fn run_notifier(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let handled = super::answered(state.notifier.send(NotifyDue).await)?;
    Ok(super::actions::reported(
        json!({ "events_handled": handled }),
    ))
}
