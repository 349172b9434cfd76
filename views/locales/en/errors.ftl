## Error pages. Never mention internals here: these texts are shown to anyone.

error-status = Error { $code }
error-home-link = Go to the home page
error-bad-request-title = Bad request
error-bad-request-body = The request could not be understood. Please check the address or go back and try again.
error-forbidden-title = Access denied
error-forbidden-body = You do not have permission to view this page.
error-not-found-title = Page not found
error-not-found-body = The page you were looking for does not exist or has moved.
error-method-not-allowed-title = Action not allowed
error-method-not-allowed-body = This page cannot be used that way. Please go back and try again.
error-payload-too-large-title = Request too large
error-payload-too-large-body = What you sent is larger than this portal accepts. Please try again with less data.
error-too-many-requests-title = Too many requests
error-too-many-requests-body = You have made too many requests in a short time. Please wait a moment and try again.
error-internal-title = Something went wrong
error-internal-body = An unexpected error occurred on our side. Please try again later.
error-unavailable-title = Temporarily unavailable
error-unavailable-body = The portal is temporarily unavailable. Please try again in a moment.
