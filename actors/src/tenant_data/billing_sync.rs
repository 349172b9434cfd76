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
handle_with!(SyncPayment, Upserted<PaymentRecord>, |core, msg| {
    let now = core.now();
    apply::upsert_payment(&core.db, core.tenant, msg.payment_id, &msg.payment, now).await
});
handle_with!(GetSyncPayment, PaymentRecord, |core, msg| {
    apply::get_payment(&core.db, core.tenant, msg.payment_id).await
});
