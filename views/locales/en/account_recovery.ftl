## Shared by the email request forms.

recovery-email-label = Email address
recovery-back-to-sign-in = Back to sign-in
recovery-forgot-link = Forgot your password?
recovery-error-csrf = This form expired. Please try again.
recovery-error-email-missing = Enter your email address.
recovery-error-too-many = Too many requests for this address or from this network. Please try again later.
recovery-error-unavailable = This is temporarily unavailable. Please try again in a moment.

## Forgot password: ask for a reset link.

forgot-title = Reset your password
forgot-heading = Reset your password
forgot-intro = Enter the email address of your { $name } client portal account. We will email you a link to choose a new password.
forgot-submit = Email me a reset link
forgot-sent-title = Check your email
forgot-sent-heading = Check your email
forgot-sent-body = If that address belongs to an account of this portal, we have sent it a link to choose a new password. The link works once and expires in { $minutes } minutes.
forgot-sent-help = Nothing arrived after a few minutes? Check your spam folder, make sure you typed the address your account uses, or ask your service provider.

## Set a new password from a reset link.

reset-title = Choose a new password
reset-heading = Choose a new password for { $name }
reset-intro = Your new password replaces the old one, and every session of your account is signed out.
reset-password-label = New password
reset-confirm-label = New password, again
reset-hint = At least 12 characters. A few unrelated words make a strong password that is easy to remember.
reset-submit = Set new password
reset-done-title = Password changed
reset-done-heading = Your password has been changed
reset-done-body = Your new password is set and every session of your account was signed out. Sign in with the new password.
reset-done-sign-in = Sign in
reset-invalid-title = This link cannot be used
reset-invalid-heading = This link cannot be used
reset-invalid-body = The password reset link has expired, was already used, or was replaced by a newer one. Request a new link to continue.
reset-invalid-action = Request a new link

## Why a new password was refused.


## Find your organization: the sign-in page without an organization.

find-org-title = Find your organization
find-org-heading = Find your organization's portal
find-org-intro = To sign in, use the portal link your service provider gave you. Cannot find it? Enter your email address and we will email you the sign-in links of every organization where you have a client portal account.
find-org-submit = Email me my sign-in links
find-org-help = You can also ask your service provider to send the portal link again.
find-org-sent-title = Check your email
find-org-sent-heading = Check your email
find-org-sent-body = If that address has client portal accounts, we have sent it their sign-in links.
