## Paginaraamwerk: skiplink, koptekst, navigatie, voettekst.

common-skip-to-content = Naar de hoofdinhoud
common-nav-label = Hoofdnavigatie
common-nav-dashboard = Dashboard
common-nav-tickets = Tickets
common-nav-profile = Profiel
common-nav-company = Bedrijf
common-nav-projects = Projecten
common-nav-billing = Facturatie
common-signed-in-as = Aangemeld als
common-sign-out = Afmelden
common-footer-help = Hulp nodig? Neem contact op met uw dienstverlener.

## Datums en tijden: een tijdstip in de tijdzone van de lezer, met de afkorting van die zone.

common-datetime-zone = { $datetime } { $zone }

common-display-label = Weergave-instellingen
common-display-theme = Weergave
common-display-theme-auto = Automatisch
common-display-theme-light = Licht
common-display-theme-dark = Donker
common-display-language = Taal
common-display-apply = Toepassen
