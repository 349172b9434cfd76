## Dashboard: the signed-in client's landing page.

dashboard-title = Dashboard
dashboard-welcome = Welcome, { $name }
dashboard-intro = Here is an overview of your account.
dashboard-account-heading = Account overview
dashboard-account-name = Name
dashboard-account-email = Email
dashboard-account-company = Company
dashboard-last-sign-in-heading = Last sign-in
dashboard-last-sign-in-at = Your previous sign-in was on { $time }.
dashboard-first-sign-in = This is your first sign-in.
dashboard-session-heading = Current session
dashboard-session-signed-in-at = Signed in at
dashboard-session-method = Sign-in method
dashboard-method-password = Email and password
dashboard-tickets-heading = Support tickets
dashboard-tickets-open = { $count ->
    [one] One open ticket
   *[other] { $count } open tickets
}
dashboard-tickets-awaiting = { $count ->
    [0] none awaiting your reply
    [one] one awaiting your reply
   *[other] { $count } awaiting your reply
}
dashboard-tickets-recent = Recently updated
dashboard-tickets-none = No tickets yet.
dashboard-tickets-all = See all tickets

# Recent activity (the company's latest events the user may see).
dashboard-activity-heading = Recent activity
dashboard-activity-none = Nothing has happened yet. Replies, status changes, invoices and project news will show here.
dashboard-activity-reply = { $author } replied on { $ticket }
dashboard-activity-status = { $ticket } is now “{ $status }”
dashboard-activity-closed = { $ticket } was closed (“{ $status }”)
dashboard-activity-invoice = Invoice { $number } issued for { $total }
dashboard-activity-payment = Payment of { $amount } received
dashboard-activity-payment-for = Payment of { $amount } received for { $number }
dashboard-activity-project = Project { $project } is now “{ $status }”
dashboard-activity-joined = { $who } joined the portal
