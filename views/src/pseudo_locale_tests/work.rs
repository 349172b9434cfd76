//! Billing (overview, invoices, one invoice and its PDF's strings, payments, usage charts) and
//! projects (list, a project's page as a board and as a list, with its dependency graph).

use chrono::NaiveDate;

use super::*;
use crate::billing::invoices::{
    self, InvoiceDetailView, InvoiceItem, InvoiceListView, LineItem, PaymentItem, PaymentListView,
};
use crate::billing::overview::{self, ContractLineItem, HourBlockItem, NextDueItem, OverviewView};
use crate::billing::usage::{self, BurnDown, UsageSeries, UsageView};
use crate::billing::{self, Amount};
use crate::projects::detail::{self, ColumnView, DetailView, DocumentView, PhaseView};
use crate::projects::list::{self, FilterValues, ListItem, ListView, StatusOption};
use crate::projects::tasks::TaskCard;
use crate::test_support::{at, TestResult};

const SERVICE: &str = "Managed workstation";
const CONTRACT: &str = "Support Gold";
const BLOCK: &str = "Prepaid hours";
const PAYMENT_METHOD: &str = "Card";
const PROJECT: &str = "Office move";
const PROJECT_STATUS: &str = "In progress";
const TECHNICIAN: &str = "Sam Support";

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, &'static str> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or("bad date")
}

fn eur(minor: i64) -> Amount {
    Amount {
        minor,
        code: "EUR".into(),
        digits: 2,
    }
}

fn invoice(number: &str, kind: &str, status: &str) -> Result<InvoiceItem, &'static str> {
    Ok(InvoiceItem {
        number: number.into(),
        kind: kind.into(),
        issue_date: date(2026, 11, 1)?,
        due_date: Some(date(2026, 12, 1)?),
        total: eur(123_450),
        balance: eur(23_450),
        status: status.into(),
    })
}

fn payment(status: &str, invoice: Option<&str>) -> Result<PaymentItem, &'static str> {
    Ok(PaymentItem {
        paid_on: date(2026, 11, 5)?,
        amount: eur(100_000),
        invoice: invoice.map(str::to_owned),
        method: if invoice.is_some() {
            PAYMENT_METHOD.into()
        } else {
            String::new()
        },
        reference: if invoice.is_some() {
            "PAY-42".into()
        } else {
            String::new()
        },
        status: status.into(),
    })
}

fn invoice_detail() -> Result<InvoiceDetailView, &'static str> {
    let period = Some((date(2026, 10, 1)?, date(2026, 10, 31)?));
    Ok(InvoiceDetailView {
        item: invoice("INV-9", "invoice", "partially_paid")?,
        period,
        lines: vec![
            LineItem {
                service: SERVICE.into(),
                description: "Patching and monitoring".into(),
                quantity_milli: 12_500,
                unit_price: eur(4_000),
                tax: eur(10_000),
                total: eur(60_000),
                period,
            },
            LineItem {
                service: "Onsite visit".into(),
                description: String::new(),
                quantity_milli: 1_000,
                unit_price: eur(9_000),
                tax: eur(1_800),
                total: eur(10_800),
                period: None,
            },
        ],
        subtotal: eur(100_000),
        tax: eur(23_450),
        credit_applied: eur(10_000),
        paid: eur(90_000),
        payments: vec![payment("succeeded", Some("INV-9"))?],
        notes: "Thank you for your business".into(),
        pay_url: Some("https://pay.example/inv-9".into()),
        pdf_href: Some("/client-portal/billing/invoices/INV-9/pdf".into()),
    })
}

#[test]
fn billing_pages_and_the_invoice_pdf_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let data = [
        SERVICE,
        CONTRACT,
        BLOCK,
        PAYMENT_METHOD,
        "Hardware",
        "Patching and monitoring",
        "Onsite visit",
        "Thank you for your business",
        "Backup storage",
        "GB",
        "Microsoft 365",
        "seats",
    ];
    let shell = signed_in(t, &b, billing::title(t), NavItem::Billing);
    let overview_view = OverviewView {
        contract_lines: [
            "weekly",
            "monthly",
            "quarterly",
            "semiannually",
            "annually",
            "one_time",
            "usage",
        ]
        .into_iter()
        .map(|frequency| ContractLineItem {
            contract: CONTRACT.into(),
            name: SERVICE.into(),
            frequency: frequency.into(),
            quantity_milli: 1_500,
            rate: eur(4_000),
            category: "Hardware".into(),
        })
        .collect(),
        next_due: Some(NextDueItem {
            number: "INV-9".into(),
            due_date: Some(date(2026, 12, 1)?),
            balance: eur(23_450),
            status: "overdue".into(),
        }),
        outstanding: vec![
            eur(23_450),
            Amount {
                minor: 5_000,
                code: "USD".into(),
                digits: 2,
            },
        ],
        credit: vec![eur(1_000)],
        hour_blocks: vec![HourBlockItem {
            name: BLOCK.into(),
            purchased_minutes: 600,
            used_minutes: 150,
            expires_on: Some(date(2027, 3, 31)?),
        }],
        unpaid_count: 2,
    };
    let html = overview::page(&shell, &overview_view).into_string();
    check.html("billing overview", &html, &data);
    let empty = OverviewView {
        contract_lines: Vec::new(),
        next_due: None,
        outstanding: Vec::new(),
        credit: Vec::new(),
        hour_blocks: Vec::new(),
        unpaid_count: 0,
    };
    let html = overview::page(&shell, &empty).into_string();
    check.html("billing overview, nothing", &html, &data);

    let list = InvoiceListView {
        items: vec![
            invoice("INV-9", "invoice", "paid")?,
            invoice("CN-2", "credit_note", "partially_paid")?,
            invoice("PP-1", "prepayment", "overdue")?,
            invoice("INV-10", "invoice", "open")?,
            invoice("INV-11", "invoice", "void")?,
        ],
        total: 45,
        page: 2,
        page_count: 3,
        filter: "unpaid".into(),
    };
    let html = invoices::list_page(&shell, &list).into_string();
    check.html("invoices", &html, &data);
    let none = InvoiceListView {
        items: Vec::new(),
        total: 0,
        page: 1,
        page_count: 1,
        filter: "all".into(),
    };
    let html = invoices::list_page(&shell, &none).into_string();
    check.html("invoices, none", &html, &data);

    let detail = invoice_detail()?;
    let shell_detail = signed_in(t, &b, "INV-9".into(), NavItem::Billing);
    let html = invoices::detail_page(&shell_detail, &detail).into_string();
    check.html("invoice", &html, &data);
    let pdf = invoices::pdf_document(
        t,
        TENANT,
        "#0b5563",
        COMPANY,
        &["1 Engine Way".into(), "London N1 9GU".into()],
        &detail,
    );
    let mut pdf_texts = vec![
        ("title", pdf.title.clone()),
        ("bill-to label", pdf.bill_to_label.clone()),
        ("page label", pdf.page_label.clone()),
    ];
    pdf_texts.extend(pdf.columns.iter().map(|c| ("column", c.clone())));
    for (label, value) in pdf.facts.iter().chain(&pdf.totals) {
        pdf_texts.push(("label", label.clone()));
        pdf_texts.push(("value", value.clone()));
    }
    for line in &pdf.lines {
        pdf_texts.push(("line detail", line.detail.clone()));
    }
    for (place, text) in pdf_texts {
        check.text("invoice PDF", place, &text, &data);
    }

    let payments = PaymentListView {
        items: vec![
            payment("succeeded", Some("INV-9"))?,
            payment("pending", None)?,
            payment("failed", Some("INV-9"))?,
            payment("refunded", None)?,
        ],
        total: 4,
        page: 1,
        page_count: 2,
    };
    let html = invoices::payments_page(&shell, &payments).into_string();
    check.html("payments", &html, &data);
    let html = invoices::payments_page(
        &shell,
        &PaymentListView {
            items: Vec::new(),
            total: 0,
            page: 1,
            page_count: 1,
        },
    )
    .into_string();
    check.html("payments, none", &html, &data);

    let months: Vec<(NaiveDate, i64)> = (1..=8)
        .map(|m| Ok((date(2026, m, 1)?, i64::from(m) * 1_500)))
        .collect::<Result<_, &'static str>>()?;
    let usage_view = UsageView {
        from: date(2026, 1, 1)?,
        to: date(2026, 8, 31)?,
        usage: vec![
            UsageSeries {
                service: "Backup storage".into(),
                unit: "GB".into(),
                months: months.clone(),
            },
            UsageSeries {
                service: "Microsoft 365".into(),
                unit: "seats".into(),
                months: months.into_iter().take(3).collect(),
            },
        ],
        hours: vec![(SERVICE.into(), 750), ("Onsite visit".into(), 120)],
        blocks: vec![BurnDown {
            name: BLOCK.into(),
            purchased_minutes: 600,
            points: vec![(date(2026, 1, 1)?, 600), (date(2026, 2, 1)?, 450)],
        }],
    };
    let html = usage::page(&shell, &usage_view).into_string();
    check.html("usage", &html, &data);
    let nothing = UsageView {
        usage: Vec::new(),
        hours: Vec::new(),
        blocks: Vec::new(),
        ..usage_view
    };
    let html = usage::page(&shell, &nothing).into_string();
    check.html("usage, nothing", &html, &data);
    check.finish();
    Ok(())
}

fn task(i: usize, name: &str, column: usize) -> TaskCard {
    TaskCard {
        id: format!("t{i}"),
        anchor: format!("task-{i}"),
        name: name.into(),
        column,
        ..TaskCard::default()
    }
}

fn project_detail() -> Result<DetailView, &'static str> {
    let today = date(2026, 11, 27)?;
    let full = TaskCard {
        is_closed: false,
        phase: Some(0),
        status: Some(PROJECT_STATUS.into()),
        description: Some("Label every cable".into()),
        due_date: Some(date(2026, 11, 20)?),
        assignee: Some(TECHNICIAN.into()),
        estimated_minutes: Some(90),
        actual_minutes: Some(120),
        priority: Some("High".into()),
        checklist: Some((2, 5)),
        services: vec!["Cabling".into(), "Networking".into()],
        depends_on_ix: vec![0],
        blocks_ix: vec![2],
        related_ix: vec![3],
        documents: vec![0],
        ..task(1, "Move the servers", 1)
    };
    Ok(DetailView {
        csrf_token: "csrf".into(),
        number: "PRJ-1".into(),
        name: PROJECT.into(),
        description: "Move to the new office".into(),
        wbs_code: Some("1.2".into()),
        status: PROJECT_STATUS.into(),
        is_closed: false,
        start_date: Some(date(2026, 10, 1)?),
        end_date: None,
        tasks_total: 4,
        tasks_done: 1,
        budget_minutes: Some(6_000),
        logged_minutes: Some(1_530),
        show_phases: true,
        show_phase_completion: true,
        phases: vec![PhaseView {
            name: "Preparation".into(),
            description: "Plan the move".into(),
            start_date: Some(date(2026, 10, 1)?),
            end_date: Some(date(2026, 10, 31)?),
            tasks_total: 2,
            tasks_done: 1,
        }],
        show_tasks: true,
        columns: vec![
            ColumnView {
                name: "To do".into(),
                is_closed: false,
            },
            ColumnView {
                name: PROJECT_STATUS.into(),
                is_closed: false,
            },
            ColumnView {
                name: "Done".into(),
                is_closed: true,
            },
            ColumnView {
                name: "Blocked".into(),
                is_closed: false,
            },
        ],
        tasks: vec![
            TaskCard {
                is_closed: true,
                phase: Some(0),
                blocks_ix: vec![1],
                depends_on_ix: vec![3],
                ..task(0, "Order the crates", 2)
            },
            full,
            TaskCard {
                depends_on_ix: vec![1],
                ..task(2, "Connect the printers", 0)
            },
            TaskCard {
                depends_on_ix: vec![0],
                related_ix: vec![1],
                ..task(3, "Book the lift", 0)
            },
        ],
        show_dependencies: true,
        kanban: true,
        documents: vec![DocumentView {
            href: "/client-portal/projects/PRJ-1/documents/d1".into(),
            name: "floor-plan.pdf".into(),
            size_bytes: 300_000,
            uploaded_by: TECHNICIAN.into(),
            created_at: at(2026, 11, 1, 9, 0)?,
            task: Some("Move the servers".into()),
        }],
        can_upload: true,
        max_megabytes: 20,
        max_files: 10,
        upload_error: None,
        upload_task: Some("t2".into()),
        uploaded: true,
        today,
    })
}

#[test]
fn project_pages_show_only_translated_text_and_data() -> TestResult {
    let locales = Locales::pseudo()?;
    let t = locales.translator("en");
    let b = branding();
    let mut check = Check::new(t);
    let data = [
        PROJECT,
        PROJECT_STATUS,
        TECHNICIAN,
        "On hold",
        "move",
        "Move to the new office",
        "Preparation",
        "Plan the move",
        "To do",
        "Done",
        "Blocked",
        "Order the crates",
        "Move the servers",
        "Connect the printers",
        "Book the lift",
        "Label every cable",
        "High",
        "Cabling",
        "Networking",
        "floor-plan.pdf",
    ];
    let shell = signed_in(t, &b, crate::projects::title(t), NavItem::Projects);
    let item = ListItem {
        number: "PRJ-1".into(),
        name: PROJECT.into(),
        wbs_code: Some("1.2".into()),
        status: PROJECT_STATUS.into(),
        is_closed: false,
        start_date: Some(date(2026, 10, 1)?),
        end_date: None,
        tasks_total: 4,
        tasks_done: 1,
    };
    let view = ListView {
        items: vec![
            item.clone(),
            ListItem {
                number: "PRJ-2".into(),
                wbs_code: None,
                is_closed: true,
                tasks_total: 0,
                tasks_done: 0,
                ..item
            },
        ],
        total: 60,
        page: 2,
        page_count: 3,
        filter: FilterValues {
            status: "all".into(),
            q: "move".into(),
            sort: "name".into(),
            dir: "desc".into(),
        },
        query: vec![("q".into(), "move".into())],
        statuses: vec![StatusOption {
            value: "3f1c".into(),
            label: "On hold".into(),
        }],
    };
    check.html("projects", &list::page(&shell, &view).into_string(), &data);
    let none = ListView {
        items: Vec::new(),
        total: 0,
        page: 1,
        page_count: 1,
        ..view
    };
    check.html(
        "projects, none",
        &list::page(&shell, &none).into_string(),
        &data,
    );

    let shell = signed_in(t, &b, PROJECT.into(), NavItem::Projects);
    let board = project_detail()?;
    check.html(
        "project, board",
        &detail::page(&shell, &board).into_string(),
        &data,
    );
    for (i, code) in [
        "file_too_large",
        "file_empty",
        "storage_full",
        "too_many_files",
        "file_name",
        "required",
    ]
    .into_iter()
    .enumerate()
    {
        let v = DetailView {
            kanban: false,
            show_phases: i % 2 == 0,
            upload_error: Some(("t1".into(), code.into())),
            upload_task: None,
            uploaded: false,
            ..board.clone()
        };
        let html = detail::page(&shell, &v).into_string();
        check.html(&format!("project, list, upload {code}"), &html, &data);
    }
    let hidden = DetailView {
        show_tasks: false,
        documents: Vec::new(),
        budget_minutes: None,
        logged_minutes: None,
        wbs_code: None,
        is_closed: true,
        tasks_total: 0,
        ..board
    };
    let html = detail::page(&shell, &hidden).into_string();
    check.html("project, tasks hidden", &html, &data);
    check.finish();
    Ok(())
}
