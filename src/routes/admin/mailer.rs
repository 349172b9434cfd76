//! `POST /admin/mailer/deliver`: delivers the due outbox messages now and reports the run.

use actix_web::{web, HttpResponse};
use portal_actors::mailer::DeliverDue;
use serde_json::json;

use crate::app::AppState;

pub async fn deliver(state: web::Data<AppState>) -> HttpResponse {
    match state.mailer.send(DeliverDue).await {
        Ok(Ok(report)) => HttpResponse::Ok().json(json!({ "delivery": report })),
        Ok(Err(e)) => super::mailbox_failed(e),
        Err(e) => super::mailbox_failed(e),
    }
}
