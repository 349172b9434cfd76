# Notification emails (MSP replies, closed tickets, new invoices, accepted invitations), the
# unsubscribe pages and the profile's notification choices.

notify-reply-subject = New reply on ticket { $number }: { $title }
notify-replies-subject = { $count ->
    [one] One more reply on ticket { $number }: { $title }
   *[other] { $count } more replies on ticket { $number }: { $title }
}
notify-reply-intro = { $tenant } replied to your ticket { $number } "{ $title }".
notify-replies-intro = { $count ->
    [one] { $tenant } added one more reply to your ticket { $number } "{ $title }".
   *[other] { $tenant } added { $count } more replies to your ticket { $number } "{ $title }".
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = You can answer on the ticket's page, or reply to this email to reach the help desk.
notify-reply-action = Open the ticket
notify-closed-subject = Ticket { $number } was closed: { $title }
notify-closed-body = { $tenant } closed your ticket { $number } "{ $title }" on { $when } (status: { $status }).
notify-closed-reopen = If the problem is not solved, open the ticket and reopen it, or reply to this email.
notify-invoice-subject = New invoice { $number } from { $tenant }
notify-invoice-body = { $tenant } issued invoice { $number } for { $total }.
notify-invoice-due = It is due on { $due }.
notify-invoice-action = View the invoice
notify-accepted-subject = { $who } joined your company's portal
notify-accepted-body = { $who } accepted your invitation and can now sign in to the { $tenant } client portal.
notify-accepted-action = Open their page in company settings
notify-unsubscribe = Stop these emails

# What each kind is called (profile choices, unsubscribe pages).
notify-kind-ticket_reply = Replies from { $tenant } on my tickets
notify-kind-ticket_closed = My tickets closed by { $tenant }
notify-kind-invoice_finalized = New invoices
notify-kind-invitation_accepted = Colleagues I invited who joined

# Profile card.
notify-card-title = Email notifications
notify-card-intro = Choose what { $tenant } emails you about. Security emails (password changes, sign-in links) are always sent.
notify-card-save = Save notification choices
notify-saved = Your notification choices were saved.
notify-card-none = There are no notification emails for your role.

# Unsubscribe pages (no sign-in).
unsubscribe-title = Unsubscribe
unsubscribe-confirm = Stop emails about: { $kind }?
unsubscribe-confirm-hint = Only this kind of email stops; you can turn it back on from your profile.
unsubscribe-button = Unsubscribe
unsubscribe-done = You will no longer get emails about: { $kind }.
unsubscribe-done-hint = Changed your mind? Sign in and turn it back on under Profile.
unsubscribe-invalid = This unsubscribe link is not valid. Sign in and choose your emails under Profile.
unsubscribe-sign-in = Sign in
