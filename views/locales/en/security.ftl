## Profile → Security.

security-title = Security
security-intro = Manage how you sign in and where you are signed in.
security-two-factor-heading = Two-factor authentication
security-two-factor-on = Two-factor authentication is on since
security-two-factor-off = Two-factor authentication is off. Turn it on so that a stolen password is not enough to sign in as you.
security-two-factor-codes-left = { $count ->
    [one] You have 1 unused recovery code.
   *[other] You have { $count } unused recovery codes.
}
security-two-factor-set-up = Set up two-factor
security-two-factor-disable-heading = Turn off two-factor
security-two-factor-disable = Turn off two-factor
security-password-heading = Change password
security-current-password = Current password
security-new-password = New password
security-confirm-password = New password again
security-password-rules = 12 to 128 characters. A few unrelated words make a strong password; avoid your name and email.
security-sign-out-others = Sign out my other sessions
security-change-password = Change password
security-sessions-heading = Where you're signed in
security-sessions-intro = These devices are signed in to your account. If you don't recognise one, sign it out and change your password.
security-session-device = Device
security-session-ip = IP address
security-session-method = Sign-in method
security-session-signed-in = Signed in
security-session-last-active = Last active
security-session-current = This device
security-session-revoke = Sign out
security-session-unknown = Unknown
security-revoke-others-heading = Sign out everywhere else
security-revoke-others-proof = Confirm with your password or a two-factor code.
security-revoke-others = Sign out all other sessions
security-password-or-code = Password or two-factor code
security-enroll-cancel = Cancel
security-codes-back = Back to Security
security-notice-password-changed = { $count ->
    [0] Your password was changed.
    [one] Your password was changed and 1 other session was signed out.
   *[other] Your password was changed and { $count } other sessions were signed out.
}
security-notice-two-factor-on = Two-factor authentication is now on.
security-notice-two-factor-off = Two-factor authentication is now off.
security-notice-session-revoked = The session was signed out.
security-notice-others-revoked = { $count ->
    [one] 1 other session was signed out.
   *[other] { $count } other sessions were signed out.
}
security-error-wrong-password = The password is not right.
security-error-mismatch = The two new passwords do not match.
security-error-missing = Enter the new password twice.
security-error-too-short = The password must be at least 12 characters long.
security-error-too-long = The password must be at most 128 characters long.
security-error-contains-email = The password must not contain your email address.
security-error-contains-name = The password must not contain your name.
security-error-too-weak = This password is too easy to guess. Try a few unrelated words.
security-error-needs-proof = Enter your password or a current two-factor code.
security-error-csrf = The form expired. Please try again.
security-error-unavailable = This is temporarily unavailable. Please try again in a moment.
security-error-throttled = { $minutes ->
    [one] Too many wrong passwords or codes, try again in 1 minute.
   *[other] Too many wrong passwords or codes, try again in { $minutes } minutes.
}
security-method-password = Password
security-method-password-totp = Password and authenticator code
security-method-password-recovery = Password and recovery code

## Sign-in methods through single sign-on, and the linked identities.

security-method-oidc = Single sign-on
security-method-oidc-totp = Single sign-on and authenticator code
security-method-oidc-recovery = Single sign-on and recovery code
security-identities-heading = Single sign-on
security-identities-intro = These accounts at your organization's identity providers sign in to this portal account. Removing one stops it from signing in here; signing in with it again links it again when its email address matches.
security-identity-provider = Provider
security-identity-email = Email at the provider
security-identity-linked = Linked
security-identity-last-used = Last used
security-identity-unlink = Remove
security-notice-identity-unlinked = The single sign-on identity was removed from your account.
