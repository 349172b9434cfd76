//! `/client-portal/billing`: what the client is billed for now (every current contract line),
//! what is due next, the outstanding balance and available credit (per currency), and the hours
//! left on prepaid blocks.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::{heading, invoice_path, msg, optional_date, status_badge, Amount, Tab};
use crate::components::date_time;
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractLineItem {
    pub contract: String,
    pub name: String,
    pub frequency: String,
    /// In thousandths.
    pub quantity_milli: i64,
    pub rate: Amount,
    pub category: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextDueItem {
    pub number: String,
    pub due_date: Option<NaiveDate>,
    pub balance: Amount,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HourBlockItem {
    pub name: String,
    pub purchased_minutes: i64,
    pub used_minutes: i64,
    pub expires_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverviewView {
    pub contract_lines: Vec<ContractLineItem>,
    pub next_due: Option<NextDueItem>,
    pub outstanding: Vec<Amount>,
    pub credit: Vec<Amount>,
    pub hour_blocks: Vec<HourBlockItem>,
    pub unpaid_count: i64,
}

fn frequency(t: Translator<'_>, raw: &str) -> String {
    let id = match raw {
        "weekly" => msg::FREQ_WEEKLY,
        "quarterly" => msg::FREQ_QUARTERLY,
        "semiannually" => msg::FREQ_SEMIANNUALLY,
        "annually" => msg::FREQ_ANNUALLY,
        "one_time" => msg::FREQ_ONE_TIME,
        "usage" => msg::FREQ_USAGE,
        _ => msg::FREQ_MONTHLY,
    };
    t.tr(id)
}

fn hours(t: Translator<'_>, minutes: i64) -> String {
    t.fmt().quantity(minutes.saturating_mul(1000) / 60)
}

fn amounts(t: Translator<'_>, list: &[Amount]) -> String {
    list.iter()
        .map(|a| a.text(t))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn page(shell: &PageShell<'_>, v: &OverviewView) -> Markup {
    let t = shell.t;
    let content = html! {
        (heading(t, Tab::Overview))
        p.page-intro { (t.tr(msg::INTRO)) }
        div.cards {
            section.card aria-labelledby="billing-outstanding" {
                h2 #billing-outstanding { (t.tr(msg::OUTSTANDING)) }
                @if v.outstanding.is_empty() {
                    p { (t.tr(msg::NOTHING_OUTSTANDING)) }
                } @else {
                    p.big-figure { (amounts(t, &v.outstanding)) }
                    p { a href=(format!("{}?status=unpaid", super::INVOICES_PATH)) {
                        (t.tr_count(msg::UNPAID_COUNT, &[("count", v.unpaid_count)]))
                    } }
                }
            }
            section.card aria-labelledby="billing-next-due" {
                h2 #billing-next-due { (t.tr(msg::NEXT_DUE)) }
                @match &v.next_due {
                    Some(n) => p {
                        a href=(invoice_path(&n.number)) { (n.number) } " — " (n.balance.text(t))
                        ", " (optional_date(t, n.due_date)) " " (status_badge(t, &n.status))
                    },
                    None => p { (t.tr(msg::NO_NEXT_DUE)) },
                }
            }
            section.card aria-labelledby="billing-credit" {
                h2 #billing-credit { (t.tr(msg::CREDIT)) }
                @if v.credit.is_empty() { p { (t.tr(msg::NO_CREDIT)) } } @else { p.big-figure { (amounts(t, &v.credit)) } }
            }
        }
        section.card aria-labelledby="billing-contracts" {
            h2 #billing-contracts { (t.tr(msg::CONTRACTS)) }
            @if v.contract_lines.is_empty() {
                p { (t.tr(msg::NO_CONTRACTS)) }
            } @else {
                div.table-scroll { table.table {
                    thead { tr {
                        th scope="col" { (t.tr(msg::COL_SERVICE)) }
                        th scope="col" { (t.tr(msg::COL_CONTRACT)) }
                        th scope="col" { (t.tr(msg::COL_FREQUENCY)) }
                        th scope="col" { (t.tr(msg::COL_QUANTITY)) }
                        th scope="col" { (t.tr(msg::COL_RATE)) }
                    } }
                    tbody { @for l in &v.contract_lines { tr {
                        td data-label=(t.tr(msg::COL_SERVICE)) { (l.name) @if !l.category.is_empty() { br; span.muted { (l.category) } } }
                        td data-label=(t.tr(msg::COL_CONTRACT)) { (l.contract) }
                        td data-label=(t.tr(msg::COL_FREQUENCY)) { (frequency(t, &l.frequency)) }
                        td data-label=(t.tr(msg::COL_QUANTITY)) { (t.fmt().quantity(l.quantity_milli)) }
                        td data-label=(t.tr(msg::COL_RATE)) { (l.rate.text(t)) }
                    } } }
                } }
            }
        }
        @if !v.hour_blocks.is_empty() {
            section.card aria-labelledby="billing-blocks" {
                h2 #billing-blocks { (t.tr(msg::HOUR_BLOCKS)) }
                ul {
                    @for b in &v.hour_blocks {
                        @let left = b.purchased_minutes.saturating_sub(b.used_minutes).max(0);
                        li {
                            strong { (b.name) } " — "
                            (t.tr_args(msg::HOURS_LEFT, &[("left", hours(t, left)), ("total", hours(t, b.purchased_minutes))]))
                            @if let Some(e) = b.expires_on { " · " (t.tr(msg::EXPIRES)) " " (date_time(t, e)) }
                            " " progress max=(b.purchased_minutes.max(1)) value=(left) aria-hidden="true" {}
                        }
                    }
                }
            }
        }
    };
    layout::page(shell, content)
}
