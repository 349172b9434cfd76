## Billing: overview, invoices, an invoice, payments.

billing-title = Billing
billing-heading = Billing
billing-intro = What your company is billed for, what is due, and what has been paid.
billing-tabs = Billing sections
billing-tab-overview = Overview
billing-tab-invoices = Invoices
billing-tab-payments = Payments
billing-outstanding = Outstanding balance
billing-nothing-outstanding = Nothing to pay. Thank you!
billing-unpaid-count = { $count ->
    [one] One unpaid invoice
   *[other] { $count } unpaid invoices
}
billing-next-due = Next invoice due
billing-no-next-due = No invoice is waiting for payment.
billing-credit = Available credit
billing-no-credit = No credit on your account.
billing-contracts = What you are billed for
billing-no-contracts = No contract is in force.
billing-col-contract = Contract
billing-col-service = Service
billing-col-frequency = Billed
billing-col-quantity = Quantity
billing-col-rate = Rate
billing-hour-blocks = Prepaid hours
billing-hours-left = { $left } of { $total } hours left
billing-expires = expires
billing-freq-weekly = Weekly
billing-freq-monthly = Monthly
billing-freq-quarterly = Quarterly
billing-freq-semiannually = Twice a year
billing-freq-annually = Yearly
billing-freq-one-time = Once
billing-freq-usage = By usage
billing-status-paid = Paid
billing-status-partially-paid = Partially paid
billing-status-overdue = Overdue
billing-status-open = Open
billing-status-void = Void
billing-filter-status = Show
billing-filter-all = All invoices
billing-filter-unpaid = Unpaid
billing-filter-apply = Apply
billing-col-number = Invoice
billing-col-issued = Issued
billing-col-due = Due
billing-col-total = Total
billing-col-balance = Left to pay
billing-col-status = Status
billing-col-date = Date
billing-col-amount = Amount
billing-col-invoice = Invoice
billing-col-method = Method
billing-col-reference = Reference
billing-col-description = Description
billing-col-unit-price = Unit price
billing-col-tax = Tax
billing-invoices-count = { $count ->
    [0] No invoices
    [one] One invoice
   *[other] { $count } invoices
}
billing-no-invoices = No invoices match.
billing-no-payments = No payments yet.
billing-payments-count = { $count ->
    [0] No payments
    [one] One payment
   *[other] { $count } payments
}
billing-page-of = Page { $page } of { $pages }
billing-page-previous = Previous
billing-page-next = Next
billing-pages = Pages
billing-type-invoice = Invoice
billing-type-credit-note = Credit note
billing-type-prepayment = Prepayment invoice
billing-subtotal = Subtotal
billing-tax = Tax
billing-total = Total
billing-credit-applied = Credit applied
billing-paid = Paid
billing-balance = Left to pay
billing-pay-now = Pay now
billing-download-pdf = Download PDF
billing-period = Period
billing-lines = Lines
billing-payments-on-invoice = Payments
billing-back = All invoices
billing-payment-succeeded = Received
billing-payment-pending = Pending
billing-payment-failed = Failed
billing-payment-refunded = Refunded
billing-notes = Notes
billing-pdf-bill-to = Bill to
billing-pdf-page = Page { $n } of { $total }
billing-tab-usage = Usage
billing-usage-from = From
billing-usage-to = To
billing-usage-none = No usage or billable time in this period.
billing-usage-desc = One bar per month, { $range }. The table beside the chart has the same figures.
billing-usage-month = Month
billing-usage-hours = Hours by service
billing-usage-hours-col = Hours
billing-usage-burn-desc = Hours left in the block after each use, from its start. The table beside the chart has the same figures.
billing-usage-left = Hours left
# The top of a burn-down chart's scale: the block's size in hours.
billing-usage-axis-hours = { $hours } h
