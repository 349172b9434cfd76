//! `POST /admin/mailer/deliver`: delivers the due outbox messages now and reports the run.

use actix_web::{web, HttpResponse};
use portal_actors::mailer::DeliverDue;
use serde_json::json;

use crate::app::AppState;
use crate::errors::ApiError;

/// Delivers what is due; `503 actor_unavailable` when the mailer does not answer.
#[tracing::instrument(skip_all)]
pub async fn deliver_mail(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let report = super::answered(state.mailer.send(DeliverDue).await)?;
    Ok(HttpResponse::Ok().json(json!({ "delivery": report })))
}
