## Sign-in page.

signin-title = Sign in
signin-heading = Sign in to { $name }
signin-intro = Use the email address and password for your client account.
signin-email-label = Email address
signin-password-label = Password
signin-submit = Sign in

## Sign-in failures, shown in an alert above the form.

signin-error-invalid-credentials = Invalid email or password
signin-error-access-denied = Access denied. This portal is for client accounts only; MSP staff sign in to the MSP application.
signin-error-missing-fields = Enter your email and password.
signin-error-csrf-failed = Your sign-in form expired. Please try again.
signin-error-unavailable = Sign-in is temporarily unavailable. Please try again in a moment.
signin-error-throttled = { $minutes ->
    [one] Too many failed sign-in attempts, try again in { $minutes } minute
   *[other] Too many failed sign-in attempts, try again in { $minutes } minutes
}
signin-error-sso-only = Your organization signs in through its identity provider: use the button above.

## Sign-in notices, shown as a status message above the form.

signin-notice-signed-out = You have been signed out.
signin-notice-session-expired = Your session has expired. Please sign in again.
