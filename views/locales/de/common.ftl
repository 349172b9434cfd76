## Seitenrahmen: Sprunglink, Kopfzeile, Navigation, Fußzeile.

common-skip-to-content = Zum Hauptinhalt springen
common-nav-label = Hauptnavigation
common-nav-dashboard = Dashboard
common-nav-tickets = Tickets
common-nav-profile = Profil
common-nav-company = Unternehmen
common-nav-projects = Projekte
common-nav-billing = Abrechnung
common-signed-in-as = Angemeldet als
common-sign-out = Abmelden
common-footer-help = Brauchen Sie Hilfe? Wenden Sie sich an Ihren IT-Dienstleister.

## Datum und Uhrzeit: ein Zeitpunkt in der Zeitzone des Lesers, mit deren Abkürzung.

common-datetime-zone = { $datetime } { $zone }

common-display-label = Anzeigeeinstellungen
common-display-theme = Darstellung
common-display-theme-auto = Automatisch
common-display-theme-light = Hell
common-display-theme-dark = Dunkel
common-display-language = Sprache
common-display-apply = Übernehmen
