## Account setup from an invitation.

setup-title = Set up your account
setup-heading = Set up your { $name } portal account
setup-who = You are setting up the portal account of { $name } ({ $email }) at { $company }.
setup-role-admin = You will be an administrator of your company's portal.
setup-role-finance = You will handle your company's billing in the portal.
setup-submit = Set password and sign in
setup-expired-heading = This invitation has expired
setup-expired-body = Invitation links work for a limited time. Ask for a new one below and it will be sent to the invited email address.
setup-used-heading = This invitation was already used
setup-used-body = The account has been set up. Sign in with your email and password, or reset your password if you have forgotten it.
setup-invalid-heading = This invitation link does not work
setup-invalid-body = The link is incomplete or was replaced by a newer invitation. Use the latest invitation email, or ask your company's portal administrator to invite you again.
setup-request-new = Send me a new invitation
setup-requested = If the invitation can be renewed, a new link is on its way to the invited email address.
setup-sign-in = Go to sign-in

## The company page's invitation section.

setup-invite-heading = Invite people
setup-invite-intro = Contacts of your company who have no portal account yet. An invitation emails them a link to set their password; it works once.
setup-invite-none = Every contact of your company has a portal account.
setup-invite-pending = Invited, link valid until
setup-invite-send = Invite
setup-invite-resend = Send a new link
setup-invite-sent = An invitation was sent to { $email }.
setup-invite-name = Name
setup-invite-email = Email
setup-invite-status = Status
setup-invite-not-invited = Not invited
