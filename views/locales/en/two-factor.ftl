## The second sign-in step.

two-factor-title = Two-factor verification
two-factor-heading = Hello { $name }, confirm it's you
two-factor-intro = Enter the six-digit code from your authenticator app.
two-factor-code-label = Code
two-factor-code-hint = Lost your device? Enter one of your recovery codes instead.
two-factor-submit = Verify

## Enrollment (at sign-in when required, or from the Security page).

two-factor-enroll-title = Set up two-factor authentication
two-factor-enroll-heading = Set up two-factor authentication
two-factor-enroll-required = Your organization requires two-factor authentication. Set it up to continue.
two-factor-enroll-step-scan = 1. Scan this QR code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password).
two-factor-enroll-qr-label = QR code for your authenticator app
two-factor-enroll-secret-label = Can't scan it? Enter this key instead:
two-factor-enroll-step-confirm = 2. Enter the six-digit code the app shows to confirm.
two-factor-enroll-submit = Turn on two-factor

## Recovery codes, shown once.

two-factor-codes-title = Your recovery codes
two-factor-codes-heading = Save your recovery codes
two-factor-codes-intro = Each code signs you in once if you lose your authenticator. Store them somewhere safe: they will not be shown again.
two-factor-codes-continue = I have saved them, continue

## Failures.

two-factor-error-invalid = That code is not valid. Check the time on your device and try again.
two-factor-error-replay = That code has already been used. Wait for the next code and try again.
two-factor-error-expired = Your sign-in took too long or was already completed.
two-factor-error-setup-expired = This setup expired. Scan the new code below, then enter the code it shows.
two-factor-error-csrf = The form expired. Please try again.
two-factor-error-unavailable = Two-factor verification is temporarily unavailable. Please try again in a moment.
two-factor-expired-heading = Please sign in again
two-factor-expired-body = For your security, the second step of a sign-in must follow the first within a few minutes.
two-factor-expired-link = Go to sign-in
two-factor-error-throttled = { $minutes ->
    [one] Too many failed sign-in attempts, try again in 1 minute.
   *[other] Too many failed sign-in attempts, try again in { $minutes } minutes.
}
