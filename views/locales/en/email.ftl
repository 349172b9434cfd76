## Emails: shared pieces.

email-greeting = Hello { $name },
email-greeting-anonymous = Hello,
email-signature = { $name }
email-automated = This email was sent automatically by the client portal. Replies are not read.

## Password reset link.

email-reset-subject = Reset your { $tenant } portal password
email-reset-intro = Someone, hopefully you, asked to reset the password of your { $tenant } client portal account.
email-reset-action = Set a new password
email-reset-expiry = The link works once and expires in { $minutes } minutes.
email-reset-ignore = If you did not ask for this, ignore this email: your password stays as it is.

## Notice that a password was changed.

email-changed-subject = Your { $tenant } portal password was changed
email-changed-body = The password of your { $tenant } client portal account was changed on { $when }.
email-changed-ip = The change was made from the IP address { $ip }.
email-changed-signed-out = Every session of your account has been signed out.
email-changed-not-you = If this was not you, request a new password reset at once with the link below, and tell { $tenant } about it.
email-changed-action = Reset my password

## Find your organization: the sign-in links of every organization with an account.

email-discovery-subject = Your client portal sign-in links
email-discovery-intro = You asked which client portals { $email } can sign in to. Here are their sign-in links:
email-discovery-ignore = If you did not ask for this, you can ignore this email.

## Invitation to set up an account.

email-invitation-subject = You are invited to the { $tenant } client portal
email-invitation-intro = { $tenant } invites you to its client portal, where you can follow your tickets, projects and invoices.
email-invitation-action = Set up my account
email-invitation-expiry = The link works once and expires on { $when }.
email-invitation-ignore = If you did not expect this invitation, ignore this email.

## To a company's admins: a colleague asked for their portal account to be deleted.

email-deletion-subject = { $who } asked for their portal account to be deleted
email-deletion-body = { $who } asked { $tenant }, from their profile on { $when }, to delete their portal account.
email-deletion-next = { $tenant } will decide and take care of it. Until then the account stays as it is; you can deactivate it yourself at once from your company settings.
email-deletion-action = Open their page in company settings
