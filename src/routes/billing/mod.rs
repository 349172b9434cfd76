//! `/client-portal/billing…`: the overview, invoices (list, one, its PDF) and payments. Every
//! handler sends the tenant's `TenantData` actor one message naming the signed-in user; without
//! `billing:read`, and for another company's or tenant's invoice, the answer is 404.

pub mod views;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::billing::portal::{parse_page, InvoiceFilter, PAGE_SIZE};
use portal_actors::tenant_data::{
    BillingError, GetBillingOverview, GetInvoice, GetInvoicePdf, ListInvoices, ListPayments,
    TenantData,
};
use portal_views::billing::{self as billing_views, invoices as invoice_views, overview};
use portal_views::layout::NavItem;
use serde::Deserialize;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

/// Sends a message to the user's tenant actor; a refusal is 404.
async fn ask<M, T>(state: &AppState, user: &PortalUser, msg: M) -> Result<T, PortalError>
where
    M: actix::Message<Result = Result<T, BillingError>> + Send + 'static,
    T: Send + 'static,
    TenantData: actix::Handler<M>,
{
    crate::routes::tickets::tenant_data(state, user.tenant.id)
        .await?
        .send(msg)
        .await
        .map_err(PortalError::unavailable)?
        .map_err(|e| match e {
            BillingError::NotFound => PortalError::NotFound,
            e @ (BillingError::Db(_) | BillingError::Fault(_)) => PortalError::unavailable(e),
        })
}

/// The dashboard's billing card, `None` without `billing:read`.
pub async fn card(
    state: &AppState,
    user: &PortalUser,
) -> Result<Option<portal_actors::billing::portal::BillingCard>, PortalError> {
    let msg = portal_actors::tenant_data::BillingCardFor {
        user_id: crate::routes::tickets::user_id(user),
    };
    ask(state, user, msg).await
}

fn page_count(total: i64) -> i64 {
    total.saturating_add(PAGE_SIZE - 1) / PAGE_SIZE
}

async fn page_of(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    build: impl FnOnce(&portal_views::layout::PageShell<'_>) -> maud::Markup,
    title: impl FnOnce(portal_views::i18n::Translator<'_>) -> String,
) -> HttpResponse {
    let nav = crate::routes::nav(state, user, NavItem::Billing).await;
    render::page(
        StatusCode::OK,
        Some(&user.tenant),
        &nonce.0,
        Some(nav),
        build,
        title,
    )
}

/// `GET /client-portal/billing`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_overview(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let msg = GetBillingOverview {
        user_id: crate::routes::tickets::user_id(&user),
    };
    let data = ask(&state, &user, msg).await?;
    let view = views::overview(data);
    Ok(page_of(
        &state,
        &user,
        &nonce,
        |s| overview::page(s, &view),
        billing_views::title,
    )
    .await)
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

fn page_param(raw: Option<&str>) -> Result<i64, PortalError> {
    parse_page(raw).ok_or_else(|| PortalError::BadRequest("`page`: not a page number".into()))
}

/// `GET /client-portal/billing/invoices[?status=…&page=…]`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_invoices(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let q = web::Query::<ListQuery>::from_query(req.query_string())
        .map_err(|e| PortalError::BadRequest(e.to_string()))?;
    let filter = InvoiceFilter::parse(q.status.as_deref().unwrap_or("").trim())
        .ok_or_else(|| PortalError::BadRequest("`status`: unknown invoice status".into()))?;
    let page = page_param(q.page.as_deref())?;
    let msg = ListInvoices {
        user_id: crate::routes::tickets::user_id(&user),
        filter,
        page,
    };
    let data = ask(&state, &user, msg).await?;
    let view = views::invoice_list(data, page_count);
    Ok(page_of(
        &state,
        &user,
        &nonce,
        |s| invoice_views::list_page(s, &view),
        billing_views::title,
    )
    .await)
}

/// `GET /client-portal/billing/invoices/{number}`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_invoice(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    path: web::Path<String>,
) -> Result<HttpResponse, PortalError> {
    let msg = GetInvoice {
        user_id: crate::routes::tickets::user_id(&user),
        number: path.into_inner(),
    };
    let data = ask(&state, &user, msg).await?;
    let view = views::invoice_detail(data);
    let title = view.item.number.clone();
    Ok(page_of(
        &state,
        &user,
        &nonce,
        |s| invoice_views::detail_page(s, &view),
        |_| title,
    )
    .await)
}

/// `GET /client-portal/billing/payments[?page=…]`
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_payments(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let q = web::Query::<ListQuery>::from_query(req.query_string())
        .map_err(|e| PortalError::BadRequest(e.to_string()))?;
    let page = page_param(q.page.as_deref())?;
    let msg = ListPayments {
        user_id: crate::routes::tickets::user_id(&user),
        page,
    };
    let data = ask(&state, &user, msg).await?;
    let view = views::payment_list(data, page_count);
    Ok(page_of(
        &state,
        &user,
        &nonce,
        |s| invoice_views::payments_page(s, &view),
        billing_views::title,
    )
    .await)
}

/// A downloadable file name for the invoice number (ASCII letters, digits, `-`, `_`).
fn pdf_name(number: &str) -> String {
    let stem: String = number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{stem}.pdf")
}

/// Draws the invoice's PDF off the async runtime, timed and counted.
async fn generate_pdf(
    state: &AppState,
    user: &PortalUser,
    detail: portal_actors::billing::portal::InvoiceDetail,
    client_name: String,
    address: Vec<String>,
) -> Result<Vec<u8>, PortalError> {
    let view = views::invoice_detail(detail);
    let t = render::translator_for(user)
        .ok_or_else(|| PortalError::unavailable(anyhow::anyhow!("texts failed to load")))?;
    let doc = invoice_views::pdf_document(
        t,
        &user.tenant.name,
        &user.tenant.primary_color,
        &client_name,
        &address,
        &view,
    );
    let started = std::time::Instant::now();
    let drawn = web::block(move || portal_views::billing::pdf::invoice_pdf(&doc)).await;
    state
        .metrics
        .invoice_pdf_seconds
        .observe(started.elapsed().as_secs_f64());
    match drawn {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => Err(PortalError::unavailable(e)),
        Err(e) => Err(PortalError::unavailable(e)),
    }
}

/// Counts one PDF served (`source`: `psa` or `generated`).
fn count_pdf(state: &AppState, source: &str, ok: bool) {
    let outcome = if ok { "success" } else { "error" };
    state
        .metrics
        .invoice_pdfs
        .with_label_values(&[source, outcome])
        .inc();
}

/// The PSA's own PDF from the attachment store.
async fn psa_pdf(
    state: &AppState,
    name: &str,
    content_hash: &str,
    size_bytes: i64,
) -> Result<HttpResponse, PortalError> {
    let nil = uuid::Uuid::nil();
    let body = crate::routes::tickets::attachments::contents(state, content_hash, size_bytes, nil)
        .await
        .inspect_err(|_| count_pdf(state, "psa", false))?;
    count_pdf(state, "psa", true);
    Ok(crate::routes::tickets::attachments::attachment_response(
        name,
        "application/pdf",
        size_bytes,
        body,
    ))
}

/// A freshly drawn PDF of the invoice.
fn pdf_response(name: &str, bytes: Vec<u8>) -> HttpResponse {
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let body = portal_actors::attachments::BlobBody::new(
        Some(bytes.len() as u64),
        Box::pin(futures_util::stream::once(async move {
            Ok(actix_web::web::Bytes::from(bytes))
        })),
    );
    crate::routes::tickets::attachments::attachment_response(name, "application/pdf", size, body)
}

/// `GET /client-portal/billing/invoices/{number}/pdf`: the invoice's PDF — the PSA's own when it
/// supplied one, else drawn from the invoice in the reader's language — always as a download
/// (`attachment`, `nosniff`, sandboxed).
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn download_pdf(
    state: web::Data<AppState>,
    user: PortalUser,
    path: web::Path<String>,
) -> Result<HttpResponse, PortalError> {
    use portal_actors::billing::portal::InvoicePdfSource;
    let number = path.into_inner();
    let name = pdf_name(&number);
    let msg = GetInvoicePdf {
        user_id: crate::routes::tickets::user_id(&user),
        number,
    };
    match ask(&state, &user, msg).await? {
        InvoicePdfSource::Psa {
            content_hash,
            size_bytes,
        } => psa_pdf(&state, &name, &content_hash, size_bytes).await,
        InvoicePdfSource::Generate {
            detail,
            client_name,
            address,
        } => {
            let drawn = generate_pdf(&state, &user, *detail, client_name, address).await;
            count_pdf(&state, "generated", drawn.is_ok());
            Ok(pdf_response(&name, drawn?))
        }
    }
}

#[derive(Deserialize)]
pub struct UsageQuery {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

/// `GET /client-portal/billing/usage[?from=YYYY-MM-DD&to=YYYY-MM-DD]` (the last twelve months
/// by default).
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_usage(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let q = web::Query::<UsageQuery>::from_query(req.query_string())
        .map_err(|e| PortalError::BadRequest(e.to_string()))?;
    let today = state.clock.now().date_naive();
    let (from, to) =
        portal_actors::billing::portal::parse_range(q.from.as_deref(), q.to.as_deref(), today)
            .map_err(|field| {
                PortalError::BadRequest(format!("`{field}`: not a usable date range"))
            })?;
    let msg = portal_actors::tenant_data::GetUsage {
        user_id: crate::routes::tickets::user_id(&user),
        from,
        to,
    };
    let report = ask(&state, &user, msg).await?;
    let view = views::usage(report);
    Ok(page_of(
        &state,
        &user,
        &nonce,
        |s| portal_views::billing::usage::page(s, &view),
        billing_views::title,
    )
    .await)
}
