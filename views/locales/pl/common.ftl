## Szkielet strony: link pomijania, nagłówek, nawigacja, stopka.

common-skip-to-content = Przejdź do treści głównej
common-nav-label = Nawigacja główna
common-nav-dashboard = Pulpit
common-nav-tickets = Zgłoszenia
common-nav-profile = Profil
common-nav-company = Firma
common-nav-projects = Projekty
common-nav-billing = Rozliczenia
common-signed-in-as = Zalogowano jako
common-sign-out = Wyloguj się
common-footer-help = Potrzebujesz pomocy? Skontaktuj się ze swoim dostawcą usług.

## Daty i godziny: moment w strefie czasowej czytelnika, ze skrótem strefy.

common-datetime-zone = { $datetime } { $zone }

common-display-label = Ustawienia wyświetlania
common-display-theme = Wygląd
common-display-theme-auto = Automatyczny
common-display-theme-light = Jasny
common-display-theme-dark = Ciemny
common-display-language = Język
common-display-apply = Zastosuj
