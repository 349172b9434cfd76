## Company settings (client admins).

company-title = Company
company-heading = { $company }
company-intro = Your company's portal users, where they are signed in, and their recent sign-ins.
company-users-heading = Portal users
company-user-name = Name
company-user-email = Email
company-user-role = Role
company-user-two-factor = Two-factor
company-user-last-sign-in = Last sign-in
company-user-sessions = Active sessions
company-role-admin = Admin
company-role-finance = Finance
company-role-user = User
company-inactive = Inactive
company-yes = On
company-no = Off
company-never = Never
company-sign-out-user = Sign out everywhere
company-sessions-heading = Active sessions
company-sessions-none = Nobody from your company is signed in right now.
company-session-user = User
company-session-device = Device
company-session-ip = IP address
company-session-method = Sign-in method
company-session-last-active = Last active
company-session-revoke = Sign out
company-session-yours = You, here
company-events-heading = Recent sign-ins and account changes
company-events-none = No sign-ins yet.
company-event-time = When
company-event-who = Email
company-event-outcome = Result
company-event-ip = IP address
company-outcome-success = Signed in
company-outcome-failure = Failed
company-outcome-second-factor = Password right, second factor asked
company-notice-session = The session was signed out.
company-notice-user = { $count ->
    [one] 1 session was signed out.
   *[other] { $count } sessions were signed out.
}
company-unknown = Unknown
company-manage-user = Manage
company-event-two-factor = Two-factor requirement changed
company-two-factor-heading = Two-factor for everyone
company-two-factor-require = Require two-factor authentication for everyone in your company
company-two-factor-hint = Anyone without it sets it up the next time they sign in. People who already use it are not affected.
company-two-factor-save = Save
company-notice-two-factor = Saved: the two-factor requirement applies from each person's next sign-in.
company-event-role-changed = Role changed by an administrator
company-event-deactivated = Deactivated by an administrator
company-event-reactivated = Reactivated by an administrator
company-event-reset-sent = Password reset link sent by an administrator
company-event-signed-out = A session was signed out
company-event-profile-updated = Profile updated

## One portal user of the company.

member-back = ← All portal users
member-facts-heading = Account
member-email = Email
member-status = Status
member-active = Active
member-inactive = Deactivated
member-two-factor = Two-factor
member-last-sign-in = Last sign-in
member-sessions = Active sessions
member-role-heading = Role
member-role-legend = What this person may do in the portal
member-role-admin-hint = Everything, including managing your company's portal users and settings.
member-role-finance-hint = Invoices, payments and usage, as well as support tickets and projects.
member-role-user-hint = Support tickets and projects; no billing, no company settings.
member-role-save = Save role
member-access-heading = Access
member-deactivate-hint = A deactivated person is signed out at once and cannot sign in until reactivated. Their tickets and history stay.
member-deactivate = Deactivate
member-reactivate-hint = This person is deactivated and cannot sign in.
member-reactivate = Reactivate
member-you-hint = This is you: if you give up the Admin role you lose access to company settings at once.
member-notice-role = The role was changed. It applies from their next page.
member-notice-deactivated = Deactivated: they were signed out everywhere.
member-notice-reactivated = Reactivated: they can sign in again.
member-notice-unchanged = Nothing had changed.
member-error-last-admin = Your company needs at least one active administrator, and this is the only one. Make someone else an administrator first.
member-error-conflict = Someone changed this person's role at the same moment. Look at it again and retry.
member-error-bad-role = Choose one of the three roles.
member-reset-heading = Password
member-reset-hint = Email { $email } a link to set a new password. Their current password keeps working until they use it.
member-reset = Send a password reset link
member-notice-reset = A password reset link is on its way.
member-error-inactive = This person is deactivated: reactivate them first.

## The company's details on company settings.

company-details-heading = Company details
company-details-kept = Your service provider keeps these details. Something out of date? Tell them and they will correct it.
company-details-edit-hint = Your service provider is told of every change.
company-details-phone = Phone
company-details-email = Email
company-details-website = Website
company-details-address = Billing address
company-details-line1 = Street and number
company-details-line2 = Address line 2
company-details-postal-code = Postal code
company-details-city = City
company-details-region = Region or state
company-details-country = Country
company-details-save = Save company details
company-details-not-on-file = Not on file
company-details-error-phone = This phone number is too long or contains characters that cannot be used.
company-details-error-email = Enter an email address such as accounts@example.com.
company-details-error-website = Enter a web address such as https://www.example.com.
company-details-error-line = This line is too long or contains characters that cannot be used.
company-notice-details = The company details were saved and your service provider was told.
company-notice-details-unchanged = Nothing had changed in the company details.
company-event-company-updated = Company details changed
