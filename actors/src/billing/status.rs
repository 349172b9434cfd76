//! What a client sees an invoice as, derived — never stored — from what the PSA sent (draft,
//! finalized, void), its total, the credit applied, the succeeded payments against it and its
//! due date, on a given day.

use chrono::NaiveDate;
use serde::Serialize;

/// The invoice's state as the PSA stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredStatus {
    /// Not yet final: never shown to clients.
    Draft,
    Finalized,
    Void,
}

impl StoredStatus {
    pub const ALL: [StoredStatus; 3] = [
        StoredStatus::Draft,
        StoredStatus::Finalized,
        StoredStatus::Void,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StoredStatus::Draft => "draft",
            StoredStatus::Finalized => "finalized",
            StoredStatus::Void => "void",
        }
    }

    pub fn parse(raw: &str) -> Option<StoredStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What the client is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Void,
    /// Nothing left to pay (credit notes and zero invoices included).
    Paid,
    /// Part paid (by payments or credit), not yet past its due date.
    PartiallyPaid,
    /// Something left to pay after the due date (part payments included).
    Overdue,
    /// Nothing paid yet, not past its due date (or without one).
    Open,
}

impl InvoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Draft => "draft",
            InvoiceStatus::Void => "void",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::PartiallyPaid => "partially_paid",
            InvoiceStatus::Overdue => "overdue",
            InvoiceStatus::Open => "open",
        }
    }

    /// Whether the client still owes something on it.
    pub fn is_unpaid(self) -> bool {
        matches!(
            self,
            InvoiceStatus::PartiallyPaid | InvoiceStatus::Overdue | InvoiceStatus::Open
        )
    }
}

/// The figures a status is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    pub stored: StoredStatus,
    pub total_minor: i64,
    pub credit_applied_minor: i64,
    /// Succeeded payments against the invoice.
    pub paid_minor: i64,
    pub due_date: Option<NaiveDate>,
}

impl Settlement {
    /// What is left to pay (never below zero).
    pub fn balance_minor(&self) -> i64 {
        self.total_minor
            .saturating_sub(self.credit_applied_minor.max(0))
            .saturating_sub(self.paid_minor.max(0))
            .max(0)
    }

    /// The status on `today` (the due date itself is not yet overdue).
    pub fn status(&self, today: NaiveDate) -> InvoiceStatus {
        match self.stored {
            StoredStatus::Draft => return InvoiceStatus::Draft,
            StoredStatus::Void => return InvoiceStatus::Void,
            StoredStatus::Finalized => {}
        }
        if self.balance_minor() == 0 {
            return InvoiceStatus::Paid;
        }
        if self.due_date.is_some_and(|due| due < today) {
            return InvoiceStatus::Overdue;
        }
        if self.credit_applied_minor > 0 || self.paid_minor > 0 {
            InvoiceStatus::PartiallyPaid
        } else {
            InvoiceStatus::Open
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn invoice(total: i64, credit: i64, paid: i64, due: Option<u32>) -> Settlement {
        Settlement {
            stored: StoredStatus::Finalized,
            total_minor: total,
            credit_applied_minor: credit,
            paid_minor: paid,
            due_date: due.map(day),
        }
    }

    #[test]
    fn each_status_from_payments_credit_and_the_due_date() {
        let today = day(10);
        assert_eq!(
            invoice(10_000, 0, 0, Some(20)).status(today),
            InvoiceStatus::Open
        );
        assert_eq!(
            invoice(10_000, 0, 0, None).status(today),
            InvoiceStatus::Open
        );
        assert_eq!(
            invoice(10_000, 0, 2_500, Some(20)).status(today),
            InvoiceStatus::PartiallyPaid
        );
        assert_eq!(
            invoice(10_000, 1_000, 0, Some(20)).status(today),
            InvoiceStatus::PartiallyPaid
        );
        assert_eq!(
            invoice(10_000, 1_000, 9_000, Some(1)).status(today),
            InvoiceStatus::Paid
        );
        assert_eq!(
            invoice(10_000, 0, 12_000, Some(1)).status(today),
            InvoiceStatus::Paid,
            "overpaid"
        );
        assert_eq!(
            invoice(10_000, 0, 2_500, Some(9)).status(today),
            InvoiceStatus::Overdue
        );
        assert_eq!(
            invoice(10_000, 0, 0, Some(9)).status(today),
            InvoiceStatus::Overdue
        );
        assert_eq!(
            invoice(-5_000, 0, 0, Some(1)).status(today),
            InvoiceStatus::Paid,
            "a credit note"
        );
        assert_eq!(invoice(0, 0, 0, None).status(today), InvoiceStatus::Paid);
        let mut void = invoice(10_000, 0, 0, Some(1));
        void.stored = StoredStatus::Void;
        assert_eq!(void.status(today), InvoiceStatus::Void);
        void.stored = StoredStatus::Draft;
        assert_eq!(void.status(today), InvoiceStatus::Draft);
        assert!(!InvoiceStatus::Paid.is_unpaid() && InvoiceStatus::Overdue.is_unpaid());
    }

    #[test]
    fn the_due_date_itself_is_not_overdue_the_day_after_is() {
        let inv = invoice(10_000, 0, 0, Some(10));
        assert_eq!(inv.status(day(9)), InvoiceStatus::Open);
        assert_eq!(inv.status(day(10)), InvoiceStatus::Open);
        assert_eq!(inv.status(day(11)), InvoiceStatus::Overdue);
        assert_eq!(inv.balance_minor(), 10_000);
        assert_eq!(invoice(10_000, 2_000, 3_000, None).balance_minor(), 5_000);
        assert_eq!(
            invoice(i64::MIN, i64::MAX, i64::MAX, None).balance_minor(),
            0
        );
    }
}
