## The canonical host's page that sends the user on to the organization's own portal address.

handoff-title = Signing you in
handoff-heading = Signing you in to { $name }
handoff-body = One moment while we finish signing you in.
handoff-continue = Continue
handoff-no-script = If nothing happens, select Continue.

## When the handoff cannot be used.

handoff-failed-title = Sign-in link not valid
handoff-failed-heading = This sign-in link cannot be used
handoff-failed-expired = The link has expired or was already used. Sign-in links work once, for a short time.
handoff-failed-domain = This sign-in link was made for another address.
handoff-failed-unavailable = This portal address is not ready for sign-in yet.
handoff-failed-dns = This portal address is not yet set up correctly. Please try again later or contact your service provider.
handoff-failed-error = Something went wrong while signing you in. Please try again.
handoff-failed-link = For your security, this address does not accept sign-in links. Sign in again to continue.
handoff-failed-origin = This sign-in did not come from the sign-in page, so it was not accepted. Sign in again to continue.
handoff-failed-unfinished = This sign-in could not be finished in this browser. Sign in again to continue.
handoff-failed-retry = Sign in again
