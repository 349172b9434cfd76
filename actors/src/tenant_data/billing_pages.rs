//! The portal's billing pages in `TenantData`: the overview, invoices (list and one), payments.
//! Access is `billing:read` (Admin and Finance by default), resolved on every message; without
//! it, or for another company's or tenant's invoice, the answer is `NotFound` — billing is not
//! there at all for such a user.

use actix::{Handler, Message, ResponseFuture};
use uuid::Uuid;

use super::{TenantCore, TenantData};
use crate::billing::portal::{
    BillingCard, BillingOverview, BillingViewer, CurrencyAmount, InvoiceDetail, InvoiceFilter,
    InvoicePage, InvoicePdfSource, PaymentPage, UsageReport,
};
use crate::db::DbError;
use crate::store::billing_portal as store;
use crate::supervision::ActorFault;

#[derive(Debug, thiserror::Error)]
pub enum BillingError {
    /// No such invoice for this user, or no billing for their role.
    #[error("not found")]
    NotFound,
    #[error("billing data unavailable")]
    Db(#[from] DbError),
    #[error(transparent)]
    Fault(#[from] ActorFault),
}

#[derive(Message)]
#[rtype(result = "Result<BillingOverview, BillingError>")]
pub struct GetBillingOverview {
    pub user_id: Uuid,
}

/// The usage tab for `from..=to`.
#[derive(Message)]
#[rtype(result = "Result<UsageReport, BillingError>")]
pub struct GetUsage {
    pub user_id: Uuid,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
}

/// The dashboard's card (`None` without `billing:read`).
#[derive(Message)]
#[rtype(result = "Result<Option<BillingCard>, BillingError>")]
pub struct BillingCardFor {
    pub user_id: Uuid,
}

#[derive(Message)]
#[rtype(result = "Result<InvoicePage, BillingError>")]
pub struct ListInvoices {
    pub user_id: Uuid,
    pub filter: InvoiceFilter,
    pub page: i64,
}

#[derive(Message)]
#[rtype(result = "Result<InvoiceDetail, BillingError>")]
pub struct GetInvoice {
    pub user_id: Uuid,
    pub number: String,
}

/// Where the client's invoice's PDF comes from.
#[derive(Message)]
#[rtype(result = "Result<InvoicePdfSource, BillingError>")]
pub struct GetInvoicePdf {
    pub user_id: Uuid,
    pub number: String,
}

#[derive(Message)]
#[rtype(result = "Result<PaymentPage, BillingError>")]
pub struct ListPayments {
    pub user_id: Uuid,
    pub page: i64,
}

impl TenantCore {
    async fn billing_reader(&self, user_id: Uuid) -> Result<BillingViewer, BillingError> {
        match store::viewer(&self.db, self.tenant, user_id).await? {
            Some(v) if v.can_read => Ok(v),
            _ => Err(BillingError::NotFound),
        }
    }

    async fn billing_overview(&self, user_id: Uuid) -> Result<BillingOverview, BillingError> {
        let v = self.billing_reader(user_id).await?;
        let today = self.now().date_naive();
        let (db, t, c) = (&self.db, self.tenant, v.client_id);
        let all_unpaid = store::unpaid_invoices(db, t, c, today).await?;
        let unpaid_count = i64::try_from(all_unpaid.len()).unwrap_or(i64::MAX);
        let outstanding = outstanding(&all_unpaid);
        let next_due = all_unpaid.iter().find(|i| i.due_date.is_some()).cloned();
        Ok(BillingOverview {
            contract_lines: store::current_contract_lines(db, t, c, today).await?,
            next_due,
            outstanding,
            credit: store::available_credit(db, t, c, today).await?,
            hour_blocks: store::current_hour_blocks(db, t, c, today).await?,
            unpaid_count,
            today,
        })
    }

    async fn invoice_detail(&self, msg: GetInvoice) -> Result<InvoiceDetail, BillingError> {
        let v = self.billing_reader(msg.user_id).await?;
        let number = msg.number.trim();
        if number.is_empty() || number.chars().count() > 100 {
            return Err(BillingError::NotFound);
        }
        let invoice = store::invoice(&self.db, self.tenant, v.client_id, number)
            .await?
            .ok_or(BillingError::NotFound)?;
        let lines = store::invoice_lines(&self.db, self.tenant, invoice.invoice_id).await?;
        let payments = store::invoice_payments(&self.db, self.tenant, invoice.invoice_id).await?;
        Ok(InvoiceDetail {
            invoice,
            lines,
            payments,
            today: self.now().date_naive(),
        })
    }
}

/// What is left to pay on these invoices, per currency (in currency order).
fn outstanding(unpaid: &[crate::billing::portal::InvoiceRow]) -> Vec<CurrencyAmount> {
    let mut out: Vec<CurrencyAmount> = Vec::new();
    for inv in unpaid {
        let balance = inv.settlement().balance_minor();
        match out.iter_mut().find(|o| o.currency == inv.currency) {
            Some(o) => o.amount_minor = o.amount_minor.saturating_add(balance),
            None => out.push(CurrencyAmount {
                currency: inv.currency.clone(),
                amount_minor: balance,
            }),
        }
    }
    out.sort_by(|a, b| a.currency.cmp(&b.currency));
    out
}

macro_rules! handle_with {
    ($msg:ty, $out:ty, |$core:ident, $m:ident| $body:expr) => {
        impl Handler<$msg> for TenantData {
            type Result = ResponseFuture<Result<$out, BillingError>>;

            fn handle(&mut self, $m: $msg, _: &mut Self::Context) -> Self::Result {
                let $core = self.serve();
                Box::pin(async move { $body })
            }
        }
    };
}

handle_with!(GetBillingOverview, BillingOverview, |core, msg| core
    .billing_overview(msg.user_id)
    .await);
handle_with!(ListInvoices, InvoicePage, |core, msg| {
    let v = core.billing_reader(msg.user_id).await?;
    let today = core.now().date_naive();
    let (items, total) = store::invoices(
        &core.db,
        core.tenant,
        v.client_id,
        msg.filter,
        msg.page,
        today,
    )
    .await?;
    Ok(InvoicePage {
        items,
        total,
        page: msg.page,
        filter: msg.filter,
        today,
    })
});
handle_with!(GetInvoice, InvoiceDetail, |core, msg| core
    .invoice_detail(msg)
    .await);
handle_with!(ListPayments, PaymentPage, |core, msg| {
    let v = core.billing_reader(msg.user_id).await?;
    let (items, total) = store::payments(&core.db, core.tenant, v.client_id, msg.page).await?;
    Ok(PaymentPage {
        items,
        total,
        page: msg.page,
    })
});
handle_with!(GetInvoicePdf, InvoicePdfSource, |core, msg| {
    let v = core.billing_reader(msg.user_id).await?;
    if let Some((content_hash, size_bytes)) =
        store::invoice_pdf(&core.db, core.tenant, v.client_id, msg.number.trim()).await?
    {
        return Ok(InvoicePdfSource::Psa {
            content_hash,
            size_bytes,
        });
    }
    let detail = core
        .invoice_detail(GetInvoice {
            user_id: msg.user_id,
            number: msg.number,
        })
        .await?;
    let (client_name, address) = store::client_details(&core.db, core.tenant, v.client_id).await?;
    Ok(InvoicePdfSource::Generate {
        detail: Box::new(detail),
        client_name,
        address,
    })
});
handle_with!(BillingCardFor, Option<BillingCard>, |core, msg| {
    let v = match core.billing_reader(msg.user_id).await {
        Ok(v) => v,
        Err(BillingError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let today = core.now().date_naive();
    let unpaid = store::unpaid_invoices(&core.db, core.tenant, v.client_id, today).await?;
    Ok(Some(BillingCard {
        unpaid_count: i64::try_from(unpaid.len()).unwrap_or(i64::MAX),
        outstanding: outstanding(&unpaid),
        next_due: unpaid.iter().find_map(|i| i.due_date),
        today,
    }))
});
handle_with!(GetUsage, UsageReport, |core, msg| {
    let v = core.billing_reader(msg.user_id).await?;
    let (db, t, c) = (&core.db, core.tenant, v.client_id);
    Ok(UsageReport {
        from: msg.from,
        to: msg.to,
        usage: store::usage(db, t, c, msg.from, msg.to).await?,
        time: store::billable_time(db, t, c, msg.from, msg.to).await?,
        blocks: store::block_burns(db, t, c).await?,
    })
});
