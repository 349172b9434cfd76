//! `/client-portal/billing/invoices` (with a status filter), one invoice with its lines, totals
//! and payments ("Pay now" when it has a payment link and something is left to pay), and
//! `/client-portal/billing/payments`, the payment history.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::{
    heading, invoice_path, msg, optional_date, pagination, status_badge, Amount, Tab,
    INVOICES_PATH, PAYMENTS_PATH,
};
use crate::components::date_time;
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceItem {
    pub number: String,
    pub kind: String,
    pub issue_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub total: Amount,
    pub balance: Amount,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceListView {
    pub items: Vec<InvoiceItem>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
    /// `all`, `unpaid`, `overdue`, `paid`, `void`.
    pub filter: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentItem {
    pub paid_on: NaiveDate,
    pub amount: Amount,
    pub invoice: Option<String>,
    pub method: String,
    pub reference: String,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineItem {
    pub service: String,
    pub description: String,
    /// In thousandths.
    pub quantity_milli: i64,
    pub unit_price: Amount,
    pub tax: Amount,
    pub total: Amount,
    pub period: Option<(NaiveDate, NaiveDate)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceDetailView {
    pub item: InvoiceItem,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub lines: Vec<LineItem>,
    pub subtotal: Amount,
    pub tax: Amount,
    pub credit_applied: Amount,
    pub paid: Amount,
    pub payments: Vec<PaymentItem>,
    pub notes: String,
    /// Shown only while something is left to pay.
    pub pay_url: Option<String>,
    pub pdf_href: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentListView {
    pub items: Vec<PaymentItem>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
}

fn kind(t: Translator<'_>, raw: &str) -> String {
    t.tr(match raw {
        "credit_note" => msg::TYPE_CREDIT_NOTE,
        "prepayment" => msg::TYPE_PREPAYMENT,
        _ => msg::TYPE_INVOICE,
    })
}

fn payment_status(t: Translator<'_>, raw: &str) -> String {
    t.tr(match raw {
        "pending" => msg::PAYMENT_PENDING,
        "failed" => msg::PAYMENT_FAILED,
        "refunded" => msg::PAYMENT_REFUNDED,
        _ => msg::PAYMENT_SUCCEEDED,
    })
}

fn filter_form(t: Translator<'_>, current: &str) -> Markup {
    let options = [
        ("all", msg::FILTER_ALL),
        ("unpaid", msg::FILTER_UNPAID),
        ("overdue", msg::STATUS_OVERDUE),
        ("paid", msg::STATUS_PAID),
        ("void", msg::STATUS_VOID),
    ];
    html! {
        form.filters method="get" action=(INVOICES_PATH) {
            fieldset {
                div.field {
                    label for="invoice-status" { (t.tr(msg::FILTER_STATUS)) }
                    select #invoice-status name="status" {
                        @for (value, label) in options {
                            option value=(value) selected[current == value] { (t.tr(label)) }
                        }
                    }
                }
                div.filters__actions { button.btn.btn--primary type="submit" { (t.tr(msg::FILTER_APPLY)) } }
            }
        }
    }
}

pub fn list_page(shell: &PageShell<'_>, v: &InvoiceListView) -> Markup {
    let t = shell.t;
    let query = if v.filter == "all" {
        String::new()
    } else {
        format!("status={}", v.filter)
    };
    let content = html! {
        (heading(t, Tab::Invoices))
        (filter_form(t, &v.filter))
        p.result-count role="status" { (t.tr_count(msg::INVOICES_COUNT, &[("count", v.total)])) }
        @if v.items.is_empty() {
            p.empty-state { (t.tr(msg::NO_INVOICES)) }
        } @else {
            div.table-scroll { table.table.invoices {
                thead { tr {
                    th scope="col" { (t.tr(msg::COL_NUMBER)) }
                    th scope="col" { (t.tr(msg::COL_ISSUED)) }
                    th scope="col" { (t.tr(msg::COL_DUE)) }
                    th scope="col" { (t.tr(msg::COL_TOTAL)) }
                    th scope="col" { (t.tr(msg::COL_BALANCE)) }
                    th scope="col" { (t.tr(msg::COL_STATUS)) }
                } }
                tbody { @for i in &v.items { tr {
                    td data-label=(t.tr(msg::COL_NUMBER)) {
                        a href=(invoice_path(&i.number)) { (i.number) }
                        @if i.kind != "invoice" { br; span.muted { (kind(t, &i.kind)) } }
                    }
                    td data-label=(t.tr(msg::COL_ISSUED)) { (date_time(t, i.issue_date)) }
                    td data-label=(t.tr(msg::COL_DUE)) { (optional_date(t, i.due_date)) }
                    td data-label=(t.tr(msg::COL_TOTAL)) { (i.total.text(t)) }
                    td data-label=(t.tr(msg::COL_BALANCE)) { (i.balance.text(t)) }
                    td data-label=(t.tr(msg::COL_STATUS)) { (status_badge(t, &i.status)) }
                } } }
            } }
        }
        (pagination(t, INVOICES_PATH, &query, v.page, v.page_count))
    };
    layout::page(shell, content)
}

fn payments_table(t: Translator<'_>, items: &[PaymentItem]) -> Markup {
    html! {
        div.table-scroll { table.table.payments {
            thead { tr {
                th scope="col" { (t.tr(msg::COL_DATE)) }
                th scope="col" { (t.tr(msg::COL_AMOUNT)) }
                th scope="col" { (t.tr(msg::COL_INVOICE)) }
                th scope="col" { (t.tr(msg::COL_METHOD)) }
                th scope="col" { (t.tr(msg::COL_REFERENCE)) }
                th scope="col" { (t.tr(msg::COL_STATUS)) }
            } }
            tbody { @for p in items { tr {
                td data-label=(t.tr(msg::COL_DATE)) { (date_time(t, p.paid_on)) }
                td data-label=(t.tr(msg::COL_AMOUNT)) { (p.amount.text(t)) }
                td data-label=(t.tr(msg::COL_INVOICE)) {
                    @if let Some(n) = &p.invoice { a href=(invoice_path(n)) { (n) } } @else { "—" }
                }
                td data-label=(t.tr(msg::COL_METHOD)) { @if p.method.is_empty() { "—" } @else { (p.method) } }
                td data-label=(t.tr(msg::COL_REFERENCE)) { @if p.reference.is_empty() { "—" } @else { (p.reference) } }
                td data-label=(t.tr(msg::COL_STATUS)) { (payment_status(t, &p.status)) }
            } } }
        } }
    }
}

pub fn payments_page(shell: &PageShell<'_>, v: &PaymentListView) -> Markup {
    let t = shell.t;
    let content = html! {
        (heading(t, Tab::Payments))
        p.result-count role="status" { (t.tr_count(msg::PAYMENTS_COUNT, &[("count", v.total)])) }
        @if v.items.is_empty() {
            p.empty-state { (t.tr(msg::NO_PAYMENTS)) }
        } @else {
            (payments_table(t, &v.items))
        }
        (pagination(t, PAYMENTS_PATH, "", v.page, v.page_count))
    };
    layout::page(shell, content)
}

fn period(t: Translator<'_>, p: Option<(NaiveDate, NaiveDate)>) -> Markup {
    html! { @if let Some((from, to)) = p { (date_time(t, from)) " – " (date_time(t, to)) } }
}

pub fn detail_page(shell: &PageShell<'_>, v: &InvoiceDetailView) -> Markup {
    let t = shell.t;
    let i = &v.item;
    let content = html! {
        p { a href=(INVOICES_PATH) { "← " (t.tr(msg::BACK)) } }
        div.page-heading {
            h1 { (kind(t, &i.kind)) " " (i.number) " " (status_badge(t, &i.status)) }
            div.form-actions {
                @if let Some(url) = &v.pay_url {
                    a.btn.btn--primary href=(url) rel="noopener noreferrer" { (t.tr(msg::PAY_NOW)) }
                }
                @if let Some(pdf) = &v.pdf_href {
                    a.btn.btn--secondary href=(pdf) download { (t.tr(msg::DOWNLOAD_PDF)) }
                }
            }
        }
        section.card {
            dl.ticket-facts {
                div { dt { (t.tr(msg::COL_ISSUED)) } dd { (date_time(t, i.issue_date)) } }
                div { dt { (t.tr(msg::COL_DUE)) } dd { (optional_date(t, i.due_date)) } }
                @if v.period.is_some() { div { dt { (t.tr(msg::PERIOD)) } dd { (period(t, v.period)) } } }
                div { dt { (t.tr(msg::TOTAL)) } dd { (i.total.text(t)) } }
                div { dt { (t.tr(msg::BALANCE)) } dd { strong { (i.balance.text(t)) } } }
            }
        }
        section.card aria-labelledby="invoice-lines" {
            h2 #invoice-lines { (t.tr(msg::LINES)) }
            div.table-scroll { table.table.invoice-lines {
                thead { tr {
                    th scope="col" { (t.tr(msg::COL_DESCRIPTION)) }
                    th scope="col" { (t.tr(msg::COL_QUANTITY)) }
                    th scope="col" { (t.tr(msg::COL_UNIT_PRICE)) }
                    th scope="col" { (t.tr(msg::COL_TAX)) }
                    th scope="col" { (t.tr(msg::COL_TOTAL)) }
                } }
                tbody { @for l in &v.lines { tr {
                    td data-label=(t.tr(msg::COL_DESCRIPTION)) {
                        strong { (l.service) }
                        @if !l.description.is_empty() { br; (l.description) }
                        @if l.period.is_some() { br; span.muted { (period(t, l.period)) } }
                    }
                    td data-label=(t.tr(msg::COL_QUANTITY)) { (t.fmt().quantity(l.quantity_milli)) }
                    td data-label=(t.tr(msg::COL_UNIT_PRICE)) { (l.unit_price.text(t)) }
                    td data-label=(t.tr(msg::COL_TAX)) { (l.tax.text(t)) }
                    td data-label=(t.tr(msg::COL_TOTAL)) { (l.total.text(t)) }
                } } }
            } }
            dl.totals {
                div { dt { (t.tr(msg::SUBTOTAL)) } dd { (v.subtotal.text(t)) } }
                div { dt { (t.tr(msg::TAX)) } dd { (v.tax.text(t)) } }
                div { dt { (t.tr(msg::TOTAL)) } dd { strong { (i.total.text(t)) } } }
                @if v.credit_applied.minor != 0 { div { dt { (t.tr(msg::CREDIT_APPLIED)) } dd { (v.credit_applied.negated().text(t)) } } }
                @if v.paid.minor != 0 { div { dt { (t.tr(msg::PAID)) } dd { (v.paid.negated().text(t)) } } }
                div { dt { (t.tr(msg::BALANCE)) } dd { strong { (i.balance.text(t)) } } }
            }
            @if !v.notes.is_empty() { h3 { (t.tr(msg::NOTES)) } p.project-description { (v.notes) } }
        }
        @if !v.payments.is_empty() {
            section.card aria-labelledby="invoice-payments" {
                h2 #invoice-payments { (t.tr(msg::PAYMENTS_ON_INVOICE)) }
                (payments_table(t, &v.payments))
            }
        }
    };
    layout::page(shell, content)
}

/// The invoice as its PDF shows it: the page's figures, the words in the reader's language.
pub fn pdf_document(
    t: Translator<'_>,
    tenant_name: &str,
    primary_color: &str,
    client_name: &str,
    address: &[String],
    v: &InvoiceDetailView,
) -> super::pdf::InvoicePdf {
    use crate::components::format_date;
    let i = &v.item;
    let range = |p: Option<(NaiveDate, NaiveDate)>| {
        p.map(|(from, to)| format!("{} – {}", format_date(t, from), format_date(t, to)))
    };
    let mut facts = vec![(t.tr(msg::COL_ISSUED), format_date(t, i.issue_date))];
    if let Some(due) = i.due_date {
        facts.push((t.tr(msg::COL_DUE), format_date(t, due)));
    }
    if let Some(p) = range(v.period) {
        facts.push((t.tr(msg::PERIOD), p));
    }
    let status = match i.status.as_str() {
        "paid" => msg::STATUS_PAID,
        "partially_paid" => msg::STATUS_PARTIALLY_PAID,
        "overdue" => msg::STATUS_OVERDUE,
        "void" => msg::STATUS_VOID,
        _ => msg::STATUS_OPEN,
    };
    facts.push((t.tr(msg::COL_STATUS), t.tr(status)));
    let mut totals = vec![
        (t.tr(msg::SUBTOTAL), v.subtotal.text(t)),
        (t.tr(msg::TAX), v.tax.text(t)),
        (t.tr(msg::TOTAL), i.total.text(t)),
    ];
    if v.credit_applied.minor != 0 {
        totals.push((
            t.tr(msg::CREDIT_APPLIED),
            v.credit_applied.negated().text(t),
        ));
    }
    if v.paid.minor != 0 {
        totals.push((t.tr(msg::PAID), v.paid.negated().text(t)));
    }
    totals.push((t.tr(msg::BALANCE), i.balance.text(t)));
    let mut bill_to = vec![client_name.to_owned()];
    bill_to.extend(address.iter().cloned());
    super::pdf::InvoicePdf {
        tenant_name: tenant_name.to_owned(),
        primary_color: primary_color.to_owned(),
        title: kind(t, &i.kind),
        number: i.number.clone(),
        facts,
        bill_to_label: t.tr(msg::PDF_BILL_TO),
        bill_to,
        columns: [
            t.tr(msg::COL_DESCRIPTION),
            t.tr(msg::COL_QUANTITY),
            t.tr(msg::COL_UNIT_PRICE),
            t.tr(msg::COL_TOTAL),
        ],
        lines: v
            .lines
            .iter()
            .map(|l| super::pdf::PdfLine {
                description: l.service.clone(),
                detail: [Some(l.description.clone()), range(l.period)]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                quantity: t.fmt().quantity(l.quantity_milli),
                unit_price: l.unit_price.text(t),
                total: l.total.text(t),
            })
            .collect(),
        totals,
        notes: v.notes.clone(),
        page_label: t.tr_args(
            msg::PDF_PAGE,
            &[("n", "{n}".to_owned()), ("total", "{total}".to_owned())],
        ),
    }
}
