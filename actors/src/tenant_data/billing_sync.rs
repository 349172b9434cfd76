//! The integration API's billing handlers in `TenantData`: invoices (with their lines) and
//! payments as the PSA writes and reads them.

use actix::{Handler, Message, ResponseFuture};
use uuid::Uuid;

use super::TenantData;
use crate::billing_sync::{apply, InvoiceInput, InvoiceRecord, PaymentInput, PaymentRecord};
use crate::ticket_sync::{SyncError, Upserted};

/// `PUT /integration/v1/invoices/{id}`.
#[derive(Message)]
#[rtype(result = "Result<Upserted<InvoiceRecord>, SyncError>")]
pub struct SyncInvoice {
    pub invoice_id: Uuid,
    pub invoice: InvoiceInput,
}

/// `GET /integration/v1/invoices/{id}`.
#[derive(Message)]
#[rtype(result = "Result<InvoiceRecord, SyncError>")]
pub struct GetSyncInvoice {
    pub invoice_id: Uuid,
}

/// `PUT /integration/v1/invoices/{id}/pdf`: the PSA's PDF, already in the attachment store.
#[derive(Message)]
#[rtype(result = "Result<(InvoiceRecord, Option<String>), SyncError>")]
pub struct SetInvoicePdf {
    pub invoice_id: Uuid,
    pub content_hash: String,
    pub size_bytes: i64,
}

/// `PUT /integration/v1/payments/{id}`.
#[derive(Message)]
#[rtype(result = "Result<Upserted<PaymentRecord>, SyncError>")]
pub struct SyncPayment {
    pub payment_id: Uuid,
    pub payment: PaymentInput,
}

/// `GET /integration/v1/payments/{id}`.
#[derive(Message)]
#[rtype(result = "Result<PaymentRecord, SyncError>")]
pub struct GetSyncPayment {
    pub payment_id: Uuid,
}

macro_rules! handle_with {
    ($msg:ty, $out:ty, |$core:ident, $m:ident| $body:expr) => {
        impl Handler<$msg> for TenantData {
            type Result = ResponseFuture<Result<$out, SyncError>>;

            fn handle(&mut self, $m: $msg, _: &mut Self::Context) -> Self::Result {
                let $core = self.serve();
                Box::pin(async move { $body })
            }
        }
    };
}

handle_with!(SyncInvoice, Upserted<InvoiceRecord>, |core, msg| {
    let now = core.now();
    apply::upsert_invoice(&core.db, core.tenant, msg.invoice_id, &msg.invoice, now).await
});
handle_with!(GetSyncInvoice, InvoiceRecord, |core, msg| {
    apply::get_invoice(&core.db, core.tenant, msg.invoice_id).await
});
handle_with!(
    SetInvoicePdf,
    (InvoiceRecord, Option<String>),
    |core, msg| {
        let now = core.now();
        apply::set_invoice_pdf(
            &core.db,
            core.tenant,
            msg.invoice_id,
            &msg.content_hash,
            msg.size_bytes,
            now,
        )
        .await
    }
);
handle_with!(SyncPayment, Upserted<PaymentRecord>, |core, msg| {
    let now = core.now();
    apply::upsert_payment(&core.db, core.tenant, msg.payment_id, &msg.payment, now).await
});
handle_with!(GetSyncPayment, PaymentRecord, |core, msg| {
    apply::get_payment(&core.db, core.tenant, msg.payment_id).await
});

use crate::billing_sync::accounts::{
    BillableTimeInput, ContractInput, CreditInput, HourBlockInput, UsageInput,
};
use crate::billing_sync::accounts_apply as accounts;
use crate::billing_sync::records::{
    BillableTimeRecord, ContractRecord, CreditRecord, HourBlockRecord, UsageRecord,
};

/// A PSA write of one billing record (`PUT /integration/v1/<kind>/{id}`).
#[derive(Message)]
#[rtype(result = "Result<Upserted<R>, SyncError>")]
pub struct SyncBilling<I: 'static, R: 'static> {
    pub id: Uuid,
    pub input: I,
    pub _record: std::marker::PhantomData<R>,
}

/// A PSA read of one billing record (`GET /integration/v1/<kind>/{id}`).
#[derive(Message)]
#[rtype(result = "Result<R, SyncError>")]
pub struct GetBilling<R: 'static> {
    pub id: Uuid,
    pub _record: std::marker::PhantomData<R>,
}

impl<I, R> SyncBilling<I, R> {
    pub fn new(id: Uuid, input: I) -> Self {
        SyncBilling {
            id,
            input,
            _record: std::marker::PhantomData,
        }
    }
}

impl<R> GetBilling<R> {
    pub fn new(id: Uuid) -> Self {
        GetBilling {
            id,
            _record: std::marker::PhantomData,
        }
    }
}

macro_rules! billing_records {
    ($($input:ty => $record:ty: $upsert:ident, $get:ident;)+) => {$(
        handle_with!(SyncBilling<$input, $record>, Upserted<$record>, |core, msg| {
            let now = core.now();
            accounts::$upsert(&core.db, core.tenant, msg.id, &msg.input, now).await
        });
        handle_with!(GetBilling<$record>, $record, |core, msg| {
            accounts::$get(&core.db, core.tenant, msg.id).await
        });
    )+};
}

billing_records! {
    ContractInput => ContractRecord: upsert_contract, get_contract;
    CreditInput => CreditRecord: upsert_credit, get_credit;
    UsageInput => UsageRecord: upsert_usage, get_usage;
    HourBlockInput => HourBlockRecord: upsert_hour_block, get_hour_block;
    BillableTimeInput => BillableTimeRecord: upsert_billable_time, get_billable_time;
}
