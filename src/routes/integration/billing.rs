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
