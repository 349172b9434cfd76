## Page shell: skip link, header, navigation, footer.

common-skip-to-content = Skip to main content
common-nav-label = Main navigation
common-nav-dashboard = Dashboard
common-nav-tickets = Tickets
common-nav-security = Security
common-nav-company = Company
common-nav-projects = Projects
common-nav-billing = Billing
common-signed-in-as = Signed in as
common-sign-out = Sign out
common-footer-help = Need help? Contact your service provider.

## Dates and times. Times are shown in UTC until users can pick a time zone.

common-datetime-utc = { $datetime } UTC
