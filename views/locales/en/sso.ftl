## Single sign-on: the buttons on the sign-in page.

sso-sign-in-with = Sign in with { $provider }
sso-or-password = or use your email and password
sso-only-intro = Your organization signs in through its identity provider.

## When a sign-in through an identity provider fails.

sso-failed-title = Sign-in failed
sso-failed-heading = We could not sign you in with { $provider }
sso-failed-unreachable = { $provider } could not be reached. Please try again in a few minutes.
sso-failed-denied = The sign-in was cancelled at { $provider }, so you were not signed in.
sso-failed-state = This sign-in has expired or was already used. Please start again from the sign-in page.
sso-failed-token = { $provider } sent an answer we could not verify, so you were not signed in. Please try again; if it keeps happening, contact your service provider.
sso-failed-no-email = { $provider } did not share your email address, which we need to find your account.
sso-failed-unverified = { $provider } has not verified your email address. Verify it there, then try again.
sso-failed-domain = Your email address is not one your organization allows for signing in with { $provider }.
sso-failed-no-user = There is no portal account for this { $provider } identity. Ask your company's portal administrator for an invitation.
sso-failed-inactive = Your portal account is not active. Please contact your service provider.
sso-failed-internal = This sign-in is for clients. Staff accounts cannot use the client portal.
sso-failed-unknown-provider = This sign-in option is not available for your organization.
sso-failed-unavailable = Something went wrong while signing you in. Please try again.
sso-failed-reference = Reference: { $reference }
sso-failed-retry = Back to sign-in
sso-failed-throttled = { $minutes ->
    [one] Too many sign-ins were started from your network. Please try again in { $minutes } minute.
   *[other] Too many sign-ins were started from your network. Please try again in { $minutes } minutes.
}
