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
company-events-heading = Recent sign-ins
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
