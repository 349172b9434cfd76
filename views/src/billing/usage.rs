//! `/client-portal/billing/usage`: metered use per service and unit by month, billable hours by
//! service, and each prepaid hour block's burn-down — drawn on the server as SVG (a `<title>`
//! and `<desc>` on each chart, no script) with the same figures in a table beside it.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::{heading, msg, Tab, USAGE_PATH};
use crate::components::{date_time, format_date};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

/// A service's use in one unit, month by month (thousandths).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageSeries {
    pub service: String,
    pub unit: String,
    /// (first day of the month, quantity in thousandths).
    pub months: Vec<(NaiveDate, i64)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BurnDown {
    pub name: String,
    pub purchased_minutes: i64,
    /// (day, minutes left after that day's draws), starting with the block's first day.
    pub points: Vec<(NaiveDate, i64)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub usage: Vec<UsageSeries>,
    /// (service, minutes) in the range, most first.
    pub hours: Vec<(String, i64)>,
    pub blocks: Vec<BurnDown>,
}

const W: f64 = 640.0;
const H: f64 = 220.0;
const PAD: f64 = 40.0;

/// A chart coordinate, rounded to a tenth of a unit.
fn c(v: f64) -> String {
    format!("{:.1}", v)
}

fn hours(t: Translator<'_>, minutes: i64) -> String {
    t.fmt().quantity(minutes.saturating_mul(1000) / 60)
}

fn month_label(t: Translator<'_>, d: NaiveDate) -> String {
    t.fmt().month(d)
}

/// Vertical bars, one per (label, value), scaled to the largest.
fn bars(t: Translator<'_>, id: &str, title: &str, desc: &str, points: &[(String, i64)]) -> Markup {
    let max_value = points.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let max = max_value as f64;
    let n = points.len().max(1);
    let slot = (W - 2.0 * PAD) / n as f64;
    let bar = (slot * 0.7).max(2.0);
    html! {
        svg.chart role="img" aria-labelledby=(format!("{id}-t {id}-d")) viewBox=(format!("0 0 {W} {H}"))
            width="100%" preserveAspectRatio="xMinYMin meet" {
            title id=(format!("{id}-t")) { (title) }
            desc id=(format!("{id}-d")) { (desc) }
            line x1=(c(PAD)) y1=(c(H - PAD)) x2=(c(W - PAD)) y2=(c(H - PAD)) stroke="#52606d" stroke-width="1" {}
            @for (i, (label, value)) in points.iter().enumerate() {
                @let h = (*value).max(0) as f64 * (H - 2.0 * PAD) / max;
                @let x = PAD + i as f64 * slot + (slot - bar) / 2.0;
                rect x=(c(x)) y=(c(H - PAD - h)) width=(c(bar)) height=(c(h)) fill="#0b5563" {
                    title { (label) ": " (t.fmt().quantity(*value)) }
                }
                @if n <= 6 || i % 2 == 0 {
                    text x=(c(x + bar / 2.0)) y=(c(H - PAD + 16.0)) font-size="11" text-anchor="middle" fill="#1f2933" { (label) }
                }
            }
            text x=(c(PAD)) y=(c(PAD - 10.0)) font-size="11" fill="#1f2933" { (t.fmt().quantity(max_value)) }
        }
    }
}

/// A step line of minutes left, from the block's size down.
fn burn(t: Translator<'_>, id: &str, title: &str, desc: &str, b: &BurnDown) -> Markup {
    let max_minutes = b.purchased_minutes.max(1);
    let max = max_minutes as f64;
    let steps = b.points.len().saturating_sub(1).max(1) as f64;
    let x = |i: usize| PAD + i as f64 * (W - 2.0 * PAD) / steps;
    let y = |left: i64| H - PAD - left.clamp(0, max_minutes) as f64 * (H - 2.0 * PAD) / max;
    let mut path = String::new();
    for (i, (_, left)) in b.points.iter().enumerate() {
        let verb = if i == 0 { "M" } else { "L" };
        path.push_str(&format!("{verb}{} {} ", c(x(i)), c(y(*left))));
    }
    html! {
        svg.chart role="img" aria-labelledby=(format!("{id}-t {id}-d")) viewBox=(format!("0 0 {W} {H}"))
            width="100%" preserveAspectRatio="xMinYMin meet" {
            title id=(format!("{id}-t")) { (title) }
            desc id=(format!("{id}-d")) { (desc) }
            line x1=(c(PAD)) y1=(c(H - PAD)) x2=(c(W - PAD)) y2=(c(H - PAD)) stroke="#52606d" stroke-width="1" {}
            path d=(path.trim_end()) fill="none" stroke="#b54708" stroke-width="3" {}
            text x=(c(PAD)) y=(c(PAD - 10.0)) font-size="11" fill="#1f2933" {
                (t.tr_args(msg::USAGE_AXIS_HOURS, &[("hours", hours(t, max_minutes))]))
            }
        }
    }
}

fn range_form(t: Translator<'_>, v: &UsageView) -> Markup {
    html! {
        form.filters method="get" action=(USAGE_PATH) {
            fieldset {
                div.field {
                    label for="usage-from" { (t.tr(msg::USAGE_FROM)) }
                    input #usage-from type="date" name="from" value=(v.from.format("%Y-%m-%d").to_string());
                }
                div.field {
                    label for="usage-to" { (t.tr(msg::USAGE_TO)) }
                    input #usage-to type="date" name="to" value=(v.to.format("%Y-%m-%d").to_string());
                }
                div.filters__actions { button.btn.btn--primary type="submit" { (t.tr(msg::FILTER_APPLY)) } }
            }
        }
    }
}

pub fn page(shell: &PageShell<'_>, v: &UsageView) -> Markup {
    let t = shell.t;
    let range = format!("{} – {}", format_date(t, v.from), format_date(t, v.to));
    let content = html! {
        (heading(t, Tab::Usage))
        (range_form(t, v))
        @if v.usage.is_empty() && v.hours.is_empty() && v.blocks.is_empty() {
            p.empty-state { (t.tr(msg::USAGE_NONE)) }
        }
        @for (n, s) in v.usage.iter().enumerate() {
            @let id = format!("usage-{n}");
            @let title = format!("{} ({})", s.service, s.unit);
            @let points: Vec<(String, i64)> = s.months.iter().map(|(m, q)| (month_label(t, *m), *q)).collect();
            section.card aria-labelledby=(format!("{id}-h")) {
                h2 id=(format!("{id}-h")) { (title) }
                div.chart-with-table {
                    (bars(t, &id, &title, &t.tr_args(msg::USAGE_DESC, &[("range", range.clone())]), &points))
                    table.table {
                        thead { tr { th scope="col" { (t.tr(msg::USAGE_MONTH)) } th scope="col" { (s.unit) } } }
                        tbody { @for (label, q) in &points { tr { td { (label) } td { (t.fmt().quantity(*q)) } } } }
                    }
                }
            }
        }
        @if !v.hours.is_empty() {
            @let points: Vec<(String, i64)> = v.hours.iter().map(|(s, m)| (s.clone(), m.saturating_mul(1000) / 60)).collect();
            section.card aria-labelledby="usage-hours-h" {
                h2 #usage-hours-h { (t.tr(msg::USAGE_HOURS)) }
                div.chart-with-table {
                    (bars(t, "usage-hours", &t.tr(msg::USAGE_HOURS), &t.tr_args(msg::USAGE_DESC, &[("range", range.clone())]), &points))
                    table.table {
                        thead { tr { th scope="col" { (t.tr(msg::COL_SERVICE)) } th scope="col" { (t.tr(msg::USAGE_HOURS_COL)) } } }
                        tbody { @for (service, minutes) in &v.hours { tr { td { (service) } td { (hours(t, *minutes)) } } } }
                    }
                }
            }
        }
        @for (n, b) in v.blocks.iter().enumerate() {
            @let id = format!("block-{n}");
            section.card aria-labelledby=(format!("{id}-h")) {
                h2 id=(format!("{id}-h")) { (t.tr(msg::HOUR_BLOCKS)) ": " (b.name) }
                div.chart-with-table {
                    (burn(t, &id, &b.name, &t.tr(msg::USAGE_BURN_DESC), b))
                    table.table {
                        thead { tr { th scope="col" { (t.tr(msg::COL_DATE)) } th scope="col" { (t.tr(msg::USAGE_LEFT)) } } }
                        tbody { @for (day, left) in &b.points { tr { td { (date_time(t, *day)) } td { (hours(t, *left)) } } } }
                    }
                }
            }
        }
    };
    layout::page(shell, content)
}
