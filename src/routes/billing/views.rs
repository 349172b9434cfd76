//! From the billing rows the tenant's actor answers with to the pages' view models: statuses
//! derived on the actor's day, amounts with their currency's digits.

use portal_actors::billing::portal::{
    BillingOverview, InvoiceDetail, InvoicePage, InvoiceRow, PaymentPage, PaymentRow,
};
use portal_actors::billing::{Currency, InvoiceStatus};
use portal_views::billing::invoices::{
    InvoiceDetailView, InvoiceItem, InvoiceListView, LineItem, PaymentItem, PaymentListView,
};
use portal_views::billing::overview::{ContractLineItem, HourBlockItem, NextDueItem, OverviewView};
use portal_views::billing::{invoice_path, Amount};

/// An amount in `code` (an unknown code shows with two digits).
pub fn amount(minor: i64, code: &str) -> Amount {
    Amount {
        minor,
        code: code.to_owned(),
        digits: Currency::parse(code).map_or(2, Currency::minor_digits),
    }
}

fn item(row: &InvoiceRow, status: InvoiceStatus) -> InvoiceItem {
    InvoiceItem {
        number: row.invoice_number.clone(),
        kind: row.invoice_type.clone(),
        issue_date: row.issue_date,
        due_date: row.due_date,
        total: amount(row.total_minor, &row.currency),
        balance: amount(row.settlement().balance_minor(), &row.currency),
        status: status.as_str().to_owned(),
    }
}

fn payment(p: PaymentRow) -> PaymentItem {
    PaymentItem {
        paid_on: p.paid_on,
        amount: amount(p.amount_minor, &p.currency),
        invoice: p.invoice_number,
        method: p.method,
        reference: p.reference,
        status: p.status,
    }
}

pub fn overview(o: BillingOverview) -> OverviewView {
    OverviewView {
        contract_lines: o
            .contract_lines
            .into_iter()
            .map(|l| ContractLineItem {
                rate: amount(l.rate_minor, &l.currency),
                quantity_milli: l.quantity_milli,
                contract: l.contract_name,
                name: l.name,
                frequency: l.billing_frequency,
                category: l.service_category,
            })
            .collect(),
        next_due: o.next_due.map(|n| NextDueItem {
            status: n.status_on(o.today).as_str().to_owned(),
            balance: amount(n.settlement().balance_minor(), &n.currency),
            number: n.invoice_number,
            due_date: n.due_date,
        }),
        outstanding: o
            .outstanding
            .iter()
            .map(|a| amount(a.amount_minor, &a.currency))
            .collect(),
        credit: o
            .credit
            .iter()
            .map(|a| amount(a.amount_minor, &a.currency))
            .collect(),
        hour_blocks: o
            .hour_blocks
            .into_iter()
            .map(|b| HourBlockItem {
                name: b.name,
                purchased_minutes: b.purchased_minutes,
                used_minutes: b.used_minutes,
                expires_on: b.expires_on,
            })
            .collect(),
        unpaid_count: o.unpaid_count,
    }
}

pub fn invoice_list(p: InvoicePage, page_count: fn(i64) -> i64) -> InvoiceListView {
    InvoiceListView {
        items: p
            .items
            .iter()
            .map(|r| item(r, r.status_on(p.today)))
            .collect(),
        total: p.total,
        page: p.page,
        page_count: page_count(p.total),
        filter: p.filter.as_str().to_owned(),
    }
}

pub fn payment_list(p: PaymentPage, page_count: fn(i64) -> i64) -> PaymentListView {
    PaymentListView {
        page_count: page_count(p.total),
        items: p.items.into_iter().map(payment).collect(),
        total: p.total,
        page: p.page,
    }
}

pub fn invoice_detail(d: InvoiceDetail) -> InvoiceDetailView {
    let row = &d.invoice;
    let status = row.status_on(d.today);
    let code = row.currency.clone();
    InvoiceDetailView {
        item: item(row, status),
        period: row.period_start.zip(row.period_end),
        lines: d
            .lines
            .into_iter()
            .map(|l| LineItem {
                service: l.service_name,
                description: l.description,
                quantity_milli: l.quantity_milli,
                unit_price: amount(l.unit_price_minor, &code),
                tax: amount(l.tax_minor, &code),
                total: amount(l.total_minor, &code),
                period: l.period_start.zip(l.period_end),
            })
            .collect(),
        subtotal: amount(row.subtotal_minor, &code),
        tax: amount(row.tax_minor, &code),
        credit_applied: amount(row.credit_applied_minor, &code),
        paid: amount(row.paid_minor, &code),
        payments: d.payments.into_iter().map(payment).collect(),
        notes: row.notes.clone(),
        pay_url: row.payment_url.clone().filter(|_| status.is_unpaid()),
        // The PSA's own PDF when it supplied one, else one drawn from the invoice.
        pdf_href: Some(format!("{}/pdf", invoice_path(&row.invoice_number))),
    }
}

/// The first day of `d`'s month.
fn month_of(d: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike as _;
    d.with_day(1).unwrap_or(d)
}

pub fn usage(
    r: portal_actors::billing::portal::UsageReport,
) -> portal_views::billing::usage::UsageView {
    use portal_views::billing::usage::{BurnDown, UsageSeries, UsageView};
    let mut series: Vec<UsageSeries> = Vec::new();
    for u in &r.usage {
        let month = month_of(u.used_on);
        if !series
            .iter()
            .any(|s| s.service == u.service_name && s.unit == u.unit)
        {
            series.push(UsageSeries {
                service: u.service_name.clone(),
                unit: u.unit.clone(),
                months: Vec::new(),
            });
        }
        let Some(s) = series
            .iter_mut()
            .find(|s| s.service == u.service_name && s.unit == u.unit)
        else {
            continue;
        };
        match s.months.iter_mut().find(|(m, _)| *m == month) {
            Some((_, q)) => *q = q.saturating_add(u.quantity_milli),
            None => s.months.push((month, u.quantity_milli)),
        }
    }
    let mut hours: Vec<(String, i64)> = Vec::new();
    for t in &r.time {
        match hours.iter_mut().find(|(s, _)| *s == t.service_name) {
            Some((_, m)) => *m = m.saturating_add(t.minutes),
            None => hours.push((t.service_name.clone(), t.minutes)),
        }
    }
    hours.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let blocks = r
        .blocks
        .into_iter()
        .map(|b| {
            let mut left = b.purchased_minutes;
            let mut points = vec![(b.starts_on, left)];
            for (day, minutes) in &b.draws {
                left = left.saturating_sub(*minutes);
                match points.last_mut() {
                    Some(last) if last.0 == *day => last.1 = left,
                    _ => points.push((*day, left)),
                }
            }
            BurnDown {
                name: b.name,
                purchased_minutes: b.purchased_minutes,
                points,
            }
        })
        .collect();
    UsageView {
        from: r.from,
        to: r.to,
        usage: series,
        hours,
        blocks,
    }
}
