## Profile → Profile: the "Email address" card (change the sign-in email).

email-change-heading = Email address
email-change-current = Sign-in email
email-change-intro = You sign in with this address, and your service provider writes to you there. To change it, enter the new address and your current password: we email a confirmation link to the new address and let the current one know. Nothing changes until you open the link.
email-change-new-email = New email address
email-change-current-password = Current password
email-change-submit = Send confirmation link
email-change-sso-only = You sign in through your organization's identity provider, so your address is managed there. Ask your IT department to change it, or ask your service provider.
email-change-pending = Confirmation sent to { $email } — check your inbox. The link works once, until { $when }. Your sign-in email stays { $current } until you open it.
email-change-resend = Send the link again
email-change-cancel = Cancel the change
email-change-resent = We sent a new confirmation link to { $email }; the earlier one no longer works.
email-change-cancelled = The change was cancelled; the confirmation link no longer works.
email-change-nothing-pending = No change was waiting for confirmation.
email-change-fix = Check the email address form; nothing was saved or sent.
email-change-error-missing = Enter the new email address.
email-change-error-malformed = Enter an email address such as name@example.com.
email-change-error-same = This is already your sign-in email.
email-change-error-taken = Another user of this portal already signs in with this address.
email-change-error-wrong-password = The password is not right.
email-change-error-too-many = Too many confirmation links were asked for lately. Please try again later.
email-change-error-no-password = Your address is managed by your identity provider; it cannot be changed here.
email-change-error-unavailable = This is temporarily unavailable. Please try again in a moment.

## The confirmation link's pages.

email-change-confirm-title = Confirm your new email address
email-change-confirm-heading = Confirm your new email address
email-change-confirm-body = Press the button to use { $email } to sign in to the { $tenant } client portal from now on. Your other sessions will be signed out.
email-change-confirm-submit = Confirm my new email address
email-change-done-title = Email address changed
email-change-done-heading = Your email address has been changed
email-change-done-body = From now on, sign in with { $email }. Your password and two-factor settings stay the same; your other sessions were signed out.
email-change-done-profile = Back to my profile
email-change-done-sign-in = Sign in
email-change-invalid-title = This link cannot be used
email-change-invalid-heading = This link cannot be used
email-change-invalid-body = The confirmation link has expired, was already used, or was replaced or cancelled. Your email address has not changed. You can ask for a new link from your profile.
email-change-taken-title = This address is taken
email-change-taken-heading = This address cannot be used
email-change-taken-body = Another user of this portal signs in with { $email } now, so your email address has not changed. Choose another address from your profile.
email-change-to-profile = Go to my profile

## Emails: the confirmation link (to the new address) and the notice (to the current one).

email-change-confirm-subject = Confirm your new { $tenant } portal email address
email-change-confirm-intro = Someone, hopefully you, asked to use this address ({ $new }) to sign in to the { $tenant } client portal instead of { $old }.
email-change-confirm-action = Confirm my new email address
email-change-confirm-expiry = The link works once and expires on { $when }. Until it is used, nothing changes.
email-change-confirm-ignore = If you did not ask for this, ignore this email: the address will not be changed.
email-change-notice-subject = A new email address was requested for your { $tenant } portal account
email-change-notice-body = On { $when }, someone signed in to your { $tenant } client portal account asked to change its email address from { $old } to { $new }. A confirmation link was sent to the new address; nothing changes unless it is opened.
email-change-notice-ip = The request came from the IP address { $ip }.
email-change-notice-not-you = If this was not you, sign in, cancel the change on your profile page and change your password at once, then tell { $tenant } about it.
email-change-notice-action = Open my profile
