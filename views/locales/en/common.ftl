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

common-datetime-utc = { $day } { $month } { $year }, { $time } UTC
common-date = { $day } { $month } { $year }
common-month-1 = Jan
common-month-2 = Feb
common-month-3 = Mar
common-month-4 = Apr
common-month-5 = May
common-month-6 = Jun
common-month-7 = Jul
common-month-8 = Aug
common-month-9 = Sep
common-month-10 = Oct
common-month-11 = Nov
common-month-12 = Dec
