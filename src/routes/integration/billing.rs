//! Billing through the integration API: invoices (with their lines, replaced whole), payments,
//! contracts (with their lines), credit ledger entries, usage, hour blocks (with their use) and
//! billable time, upserted under the PSA's ids and read back. Amounts are integers in the
//! currency's minor unit.

use actix_web::{web, HttpResponse};
use portal_actors::billing_sync::accounts::{
    BillableTimeInput, ContractInput, CreditInput, HourBlockInput, UsageInput,
};
use portal_actors::billing_sync::records::{
    BillableTimeRecord, ContractRecord, CreditRecord, HourBlockRecord, UsageRecord,
};
use portal_actors::billing_sync::{InvoiceInput, PaymentInput};
use portal_actors::tenant_data::{
    GetBilling, GetSyncInvoice, GetSyncPayment, SyncBilling, SyncInvoice, SyncPayment,
};
use serde_json::Value;

use super::auth::Integration;
use super::{ask, path_id, upserted};
use crate::app::AppState;
use crate::errors::ApiError;

type Body = web::Json<Value>;

/// `PUT /integration/v1/invoices/{invoice_id}`: 201 created, 200 replaced or unchanged.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), invoice = %path))]
pub async fn put_invoice(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = path_id("invoice_id", &path)?;
    let invoice = InvoiceInput::parse(body.into_inner())?;
    let msg = SyncInvoice {
        invoice_id,
        invoice,
    };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `GET /integration/v1/invoices/{invoice_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), invoice = %path))]
pub async fn show_invoice(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = path_id("invoice_id", &path)?;
    let invoice = ask(&state, who.tenant(), GetSyncInvoice { invoice_id }).await?;
    Ok(HttpResponse::Ok().json(invoice))
}

/// `PUT /integration/v1/payments/{payment_id}`: 201 created, 200 replaced or unchanged.
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), payment = %path))]
pub async fn put_payment(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    body: Body,
) -> Result<HttpResponse, ApiError> {
    let payment_id = path_id("payment_id", &path)?;
    let payment = PaymentInput::parse(body.into_inner())?;
    let msg = SyncPayment {
        payment_id,
        payment,
    };
    Ok(upserted(ask(&state, who.tenant(), msg).await?))
}

/// `GET /integration/v1/payments/{payment_id}`
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), payment = %path))]
pub async fn show_payment(
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let payment_id = path_id("payment_id", &path)?;
    let payment = ask(&state, who.tenant(), GetSyncPayment { payment_id }).await?;
    Ok(HttpResponse::Ok().json(payment))
}

/// `PUT` and `GET` handlers of a billing record kept under the PSA's id.
macro_rules! billing_record_routes {
    ($($put:ident, $show:ident, $field:literal, $input:ty => $record:ty;)+) => {$(
        #[doc = concat!("`PUT …/{", $field, "}`: 201 created, 200 replaced or unchanged.")]
        #[tracing::instrument(skip_all, fields(tenant = %who.tenant(), id = %path))]
        pub async fn $put(
            state: web::Data<AppState>,
            who: Integration,
            path: web::Path<String>,
            body: Body,
        ) -> Result<HttpResponse, ApiError> {
            let id = path_id($field, &path)?;
            let input = <$input>::parse(body.into_inner())?;
            let msg = SyncBilling::<$input, $record>::new(id, input);
            Ok(upserted(ask(&state, who.tenant(), msg).await?))
        }

        #[doc = concat!("`GET …/{", $field, "}`")]
        #[tracing::instrument(skip_all, fields(tenant = %who.tenant(), id = %path))]
        pub async fn $show(
            state: web::Data<AppState>,
            who: Integration,
            path: web::Path<String>,
        ) -> Result<HttpResponse, ApiError> {
            let id = path_id($field, &path)?;
            let record = ask(&state, who.tenant(), GetBilling::<$record>::new(id)).await?;
            Ok(HttpResponse::Ok().json(record))
        }
    )+};
}

billing_record_routes! {
    put_contract, show_contract, "contract_id", ContractInput => ContractRecord;
    put_credit, show_credit, "entry_id", CreditInput => CreditRecord;
    put_usage, show_usage, "usage_id", UsageInput => UsageRecord;
    put_hour_block, show_hour_block, "block_id", HourBlockInput => HourBlockRecord;
    put_billable_time, show_billable_time, "entry_id", BillableTimeInput => BillableTimeRecord;
}

/// `PUT /integration/v1/invoices/{invoice_id}/pdf`: the invoice's own PDF as the raw body
/// (`%PDF-…`, within the attachment size limit), kept in the attachment store; clients then
/// download it instead of the generated one. 200 with the invoice (`has_pdf: true`).
#[tracing::instrument(skip_all, fields(tenant = %who.tenant(), invoice = %path))]
pub async fn put_invoice_pdf(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    who: Integration,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    use futures_util::StreamExt as _;
    use portal_actors::tenant_data::SetInvoicePdf;
    use portal_actors::ticket_sync::SyncError;

    let invoice_id = path_id("invoice_id", &path)?;
    let counter = &state.metrics.invoice_pdf_uploads;
    let refused = |e: SyncError| {
        counter.with_label_values(&[e.outcome()]).inc();
        ApiError::from(e)
    };
    ask(&state, who.tenant(), GetSyncInvoice { invoice_id })
        .await
        .map_err(refused)?;
    let blob = super::attachments::receive(&state, counter, &req, payload).await?;
    let app: &AppState = &state;
    let forget = |hash: String| async move {
        let db = &app.services.db;
        if let Err(e) = app.attachments.forget_unreferenced(db, &[hash]).await {
            crate::errors::log_error(&e);
        }
    };
    // Only a PDF: its first bytes are `%PDF-`.
    let head = match state.attachments.open(&blob.content_hash).await {
        Ok(Some(body)) => body.into_stream().next().await.and_then(Result::ok),
        _ => None,
    };
    if !head.is_some_and(|chunk| chunk.starts_with(b"%PDF-")) {
        forget(blob.content_hash.clone()).await;
        counter.with_label_values(&["invalid"]).inc();
        return Err(ApiError::bad_request("not_a_pdf").with_message("the body is not a PDF"));
    }
    let msg = SetInvoicePdf {
        invoice_id,
        content_hash: blob.content_hash.clone(),
        size_bytes: i64::try_from(blob.size_bytes).unwrap_or(i64::MAX),
    };
    match ask(&state, who.tenant(), msg).await {
        Ok((invoice, previous)) => {
            if let Some(old) = previous {
                forget(old).await;
            }
            counter.with_label_values(&["success"]).inc();
            Ok(HttpResponse::Ok().json(invoice))
        }
        Err(e) => {
            forget(blob.content_hash).await;
            Err(refused(e))
        }
    }
}
