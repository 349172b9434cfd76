//! Billing: the overview (contract lines, what is due, balance, credit, hour blocks), the
//! invoices (list and one invoice with its lines and payments) and the payment history, behind
//! tabs. Amounts and dates go through the reader's formatter (`t.fmt()`).

pub mod invoices;
pub mod overview;
pub mod pdf;
pub mod usage;

use chrono::NaiveDate;
use maud::{html, Markup};

use crate::components::{date_time, encode_path_segment};
use crate::i18n::Translator;

pub const BASE_PATH: &str = "/client-portal/billing";
pub const INVOICES_PATH: &str = "/client-portal/billing/invoices";
pub const PAYMENTS_PATH: &str = "/client-portal/billing/payments";
pub const USAGE_PATH: &str = "/client-portal/billing/usage";

/// An invoice's page.
pub fn invoice_path(number: &str) -> String {
    format!("{INVOICES_PATH}/{}", encode_path_segment(number))
}

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "billing-title";
        HEADING = "billing-heading";
        INTRO = "billing-intro";
        TABS = "billing-tabs";
        TAB_OVERVIEW = "billing-tab-overview";
        TAB_INVOICES = "billing-tab-invoices";
        TAB_PAYMENTS = "billing-tab-payments";
        TAB_USAGE = "billing-tab-usage";
        USAGE_FROM = "billing-usage-from";
        USAGE_TO = "billing-usage-to";
        USAGE_NONE = "billing-usage-none";
        USAGE_DESC = "billing-usage-desc";
        USAGE_MONTH = "billing-usage-month";
        USAGE_HOURS = "billing-usage-hours";
        USAGE_HOURS_COL = "billing-usage-hours-col";
        USAGE_BURN_DESC = "billing-usage-burn-desc";
        USAGE_LEFT = "billing-usage-left";
        USAGE_AXIS_HOURS = "billing-usage-axis-hours";
        OUTSTANDING = "billing-outstanding";
        NOTHING_OUTSTANDING = "billing-nothing-outstanding";
        UNPAID_COUNT = "billing-unpaid-count";
        NEXT_DUE = "billing-next-due";
        NO_NEXT_DUE = "billing-no-next-due";
        CREDIT = "billing-credit";
        NO_CREDIT = "billing-no-credit";
        CONTRACTS = "billing-contracts";
        NO_CONTRACTS = "billing-no-contracts";
        COL_CONTRACT = "billing-col-contract";
        COL_SERVICE = "billing-col-service";
        COL_FREQUENCY = "billing-col-frequency";
        COL_QUANTITY = "billing-col-quantity";
        COL_RATE = "billing-col-rate";
        HOUR_BLOCKS = "billing-hour-blocks";
        HOURS_LEFT = "billing-hours-left";
        EXPIRES = "billing-expires";
        FREQ_WEEKLY = "billing-freq-weekly";
        FREQ_MONTHLY = "billing-freq-monthly";
        FREQ_QUARTERLY = "billing-freq-quarterly";
        FREQ_SEMIANNUALLY = "billing-freq-semiannually";
        FREQ_ANNUALLY = "billing-freq-annually";
        FREQ_ONE_TIME = "billing-freq-one-time";
        FREQ_USAGE = "billing-freq-usage";
        STATUS_PAID = "billing-status-paid";
        STATUS_PARTIALLY_PAID = "billing-status-partially-paid";
        STATUS_OVERDUE = "billing-status-overdue";
        STATUS_OPEN = "billing-status-open";
        STATUS_VOID = "billing-status-void";
        FILTER_STATUS = "billing-filter-status";
        FILTER_ALL = "billing-filter-all";
        FILTER_UNPAID = "billing-filter-unpaid";
        FILTER_APPLY = "billing-filter-apply";
        COL_NUMBER = "billing-col-number";
        COL_ISSUED = "billing-col-issued";
        COL_DUE = "billing-col-due";
        COL_TOTAL = "billing-col-total";
        COL_BALANCE = "billing-col-balance";
        COL_STATUS = "billing-col-status";
        COL_DATE = "billing-col-date";
        COL_AMOUNT = "billing-col-amount";
        COL_INVOICE = "billing-col-invoice";
        COL_METHOD = "billing-col-method";
        COL_REFERENCE = "billing-col-reference";
        COL_DESCRIPTION = "billing-col-description";
        COL_UNIT_PRICE = "billing-col-unit-price";
        COL_TAX = "billing-col-tax";
        INVOICES_COUNT = "billing-invoices-count";
        NO_INVOICES = "billing-no-invoices";
        NO_PAYMENTS = "billing-no-payments";
        PAYMENTS_COUNT = "billing-payments-count";
        PAGE_OF = "billing-page-of";
        PAGE_PREVIOUS = "billing-page-previous";
        PAGE_NEXT = "billing-page-next";
        PAGES = "billing-pages";
        TYPE_INVOICE = "billing-type-invoice";
        TYPE_CREDIT_NOTE = "billing-type-credit-note";
        TYPE_PREPAYMENT = "billing-type-prepayment";
        SUBTOTAL = "billing-subtotal";
        TAX = "billing-tax";
        TOTAL = "billing-total";
        CREDIT_APPLIED = "billing-credit-applied";
        PAID = "billing-paid";
        BALANCE = "billing-balance";
        PAY_NOW = "billing-pay-now";
        DOWNLOAD_PDF = "billing-download-pdf";
        PERIOD = "billing-period";
        LINES = "billing-lines";
        PAYMENTS_ON_INVOICE = "billing-payments-on-invoice";
        BACK = "billing-back";
        PAYMENT_SUCCEEDED = "billing-payment-succeeded";
        PAYMENT_PENDING = "billing-payment-pending";
        PAYMENT_FAILED = "billing-payment-failed";
        PAYMENT_REFUNDED = "billing-payment-refunded";
        NOTES = "billing-notes";
        PDF_BILL_TO = "billing-pdf-bill-to";
        PDF_PAGE = "billing-pdf-page";
    }
}

/// An amount to show: minor units, the currency's code and its digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    pub minor: i64,
    pub code: String,
    pub digits: u16,
}

impl Amount {
    /// The amount in the reader's language and its currency's format.
    pub fn text(&self, t: Translator<'_>) -> String {
        t.fmt().money(self.minor, &self.code, self.digits)
    }

    /// The same amount with the opposite sign (what a credit or payment takes off).
    pub fn negated(&self) -> Amount {
        Amount {
            minor: self.minor.saturating_neg(),
            ..self.clone()
        }
    }
}

/// Which tab is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Invoices,
    Payments,
    Usage,
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

/// The heading and the tabs (links; the current one marked).
pub fn heading(t: Translator<'_>, current: Tab) -> Markup {
    let tabs = [
        (Tab::Overview, BASE_PATH, msg::TAB_OVERVIEW),
        (Tab::Invoices, INVOICES_PATH, msg::TAB_INVOICES),
        (Tab::Payments, PAYMENTS_PATH, msg::TAB_PAYMENTS),
        (Tab::Usage, USAGE_PATH, msg::TAB_USAGE),
    ];
    let items: Vec<(&str, String, bool)> = tabs
        .into_iter()
        .map(|(tab, href, label)| (href, t.tr(label), tab == current))
        .collect();
    html! {
        h1 { (t.tr(msg::HEADING)) }
        (crate::components::tabs(&t.tr(msg::TABS), &items))
    }
}

/// The status badge of an invoice (`paid`, `partially_paid`, `overdue`, `open`, `void`).
pub fn status_badge(t: Translator<'_>, status: &str) -> Markup {
    let (label, class) = match status {
        "paid" => (msg::STATUS_PAID, "badge badge--muted"),
        "partially_paid" => (msg::STATUS_PARTIALLY_PAID, "badge badge--warning"),
        "overdue" => (msg::STATUS_OVERDUE, "badge badge--danger"),
        "void" => (msg::STATUS_VOID, "badge badge--muted"),
        _ => (msg::STATUS_OPEN, "badge"),
    };
    html! { span class=(class) { (t.tr(label)) } }
}

pub fn optional_date(t: Translator<'_>, date: Option<NaiveDate>) -> Markup {
    html! { @if let Some(d) = date { (date_time(t, d)) } @else { "—" } }
}

/// Previous/next links for a paged list at `path` (with `query` before `page`).
pub fn pagination(t: Translator<'_>, path: &str, query: &str, page: i64, pages: i64) -> Markup {
    let href = |p: i64| {
        let sep = if query.is_empty() { "" } else { "&" };
        if p <= 1 && query.is_empty() {
            path.to_owned()
        } else if p <= 1 {
            format!("{path}?{query}")
        } else {
            format!("{path}?{query}{sep}page={p}")
        }
    };
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(t.tr(msg::PAGES)) {
                @if page > 1 { a rel="prev" href=(href(page.saturating_sub(1))) { (t.tr(msg::PAGE_PREVIOUS)) } }
                span aria-current="page" { (t.tr_count(msg::PAGE_OF, &[("page", page), ("pages", pages)])) }
                @if page < pages { a rel="next" href=(href(page.saturating_add(1))) { (t.tr(msg::PAGE_NEXT)) } }
            }
        }
    }
}

/// The dashboard's card: unpaid invoices, what is left to pay, the next due date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillingCard {
    pub unpaid_count: i64,
    pub outstanding: Vec<Amount>,
    pub next_due: Option<NaiveDate>,
    pub overdue: bool,
}

pub fn dashboard_card(t: Translator<'_>, card: &BillingCard) -> Markup {
    let amounts: Vec<String> = card.outstanding.iter().map(|a| a.text(t)).collect();
    html! {
        section.card aria-labelledby="billing-summary" {
            h2 #billing-summary { (t.tr(msg::HEADING)) }
            @if card.unpaid_count == 0 {
                p { (t.tr(msg::NOTHING_OUTSTANDING)) }
            } @else {
                p.big-figure { (amounts.join(" · ")) }
                p { a href=(format!("{INVOICES_PATH}?status=unpaid")) {
                    (t.tr_count(msg::UNPAID_COUNT, &[("count", card.unpaid_count)]))
                } }
                @if let Some(due) = card.next_due {
                    p { (t.tr(msg::NEXT_DUE)) ": " (date_time(t, due))
                        @if card.overdue { " " span.badge.badge--danger { (t.tr(msg::STATUS_OVERDUE)) } } }
                }
            }
            p { a href=(BASE_PATH) { (t.tr(msg::TAB_OVERVIEW)) " →" } }
        }
    }
}
