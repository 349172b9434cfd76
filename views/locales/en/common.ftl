## Page shell: skip link, header, navigation, footer.

common-skip-to-content = Skip to main content
common-nav-label = Main navigation
common-nav-dashboard = Dashboard
common-nav-tickets = Tickets
common-nav-profile = Profile
common-nav-company = Company
common-nav-projects = Projects
common-nav-billing = Billing
common-signed-in-as = Signed in as
common-sign-out = Sign out
common-footer-help = Need help? Contact your service provider.

## Dates and times: an instant in the reader's time zone, with the zone's abbreviation.

common-datetime-zone = { $datetime } { $zone }

# Footer: light/dark and (signed out) language.
common-display-label = Display settings
common-display-theme = Appearance
common-display-theme-auto = Automatic
common-display-theme-light = Light
common-display-theme-dark = Dark
common-display-language = Language
common-display-apply = Apply
