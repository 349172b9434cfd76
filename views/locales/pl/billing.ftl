## Rozliczenia: przegląd, faktury, pojedyncza faktura, płatności.

billing-title = Rozliczenia
billing-heading = Rozliczenia
billing-intro = Za co Twoja firma jest rozliczana, co jest do zapłaty i co zostało już zapłacone.
billing-tabs = Sekcje rozliczeń
billing-tab-overview = Przegląd
billing-tab-invoices = Faktury
billing-tab-payments = Płatności
billing-outstanding = Saldo do zapłaty
billing-nothing-outstanding = Nic do zapłaty. Dziękujemy!
billing-unpaid-count = { $count ->
    [one] Jedna nieopłacona faktura
    [few] { $count } nieopłacone faktury
    [many] { $count } nieopłaconych faktur
   *[other] { $count } nieopłaconej faktury
}
billing-next-due = Najbliższy termin płatności
billing-no-next-due = Żadna faktura nie czeka na zapłatę.
billing-credit = Środki do wykorzystania
billing-no-credit = Brak środków do wykorzystania na Twoim koncie.
billing-contracts = Za co płacisz
billing-no-contracts = Żadna umowa nie obowiązuje.
billing-col-contract = Umowa
billing-col-service = Usługa
billing-col-frequency = Rozliczenie
billing-col-quantity = Ilość
billing-col-rate = Stawka
billing-hour-blocks = Przedpłacone godziny
billing-hours-left = Pozostało { $left } z { $total } godz.
billing-expires = wygasa
billing-freq-weekly = Co tydzień
billing-freq-monthly = Co miesiąc
billing-freq-quarterly = Co kwartał
billing-freq-semiannually = Co pół roku
billing-freq-annually = Co rok
billing-freq-one-time = Jednorazowo
billing-freq-usage = Według zużycia
billing-status-paid = Opłacona
billing-status-partially-paid = Częściowo opłacona
billing-status-overdue = Po terminie
billing-status-open = Otwarta
billing-status-void = Anulowana
billing-filter-status = Pokaż
billing-filter-all = Wszystkie faktury
billing-filter-unpaid = Nieopłacone
billing-filter-apply = Zastosuj
billing-col-number = Faktura
billing-col-issued = Data wystawienia
billing-col-due = Termin płatności
billing-col-total = Razem
billing-col-balance = Do zapłaty
billing-col-status = Status
billing-col-date = Data
billing-col-amount = Kwota
billing-col-invoice = Faktura
billing-col-method = Metoda
billing-col-reference = Numer referencyjny
billing-col-description = Opis
billing-col-unit-price = Cena jednostkowa
billing-col-tax = Podatek
billing-invoices-count = { $count ->
    [0] Brak faktur
    [one] Jedna faktura
    [few] { $count } faktury
    [many] { $count } faktur
   *[other] { $count } faktury
}
billing-no-invoices = Brak pasujących faktur.
billing-no-payments = Nie ma jeszcze żadnych płatności.
billing-payments-count = { $count ->
    [0] Brak płatności
    [one] Jedna płatność
    [few] { $count } płatności
    [many] { $count } płatności
   *[other] { $count } płatności
}
billing-page-of = Strona { $page } z { $pages }
billing-page-previous = Poprzednia
billing-page-next = Następna
billing-pages = Strony
billing-type-invoice = Faktura
billing-type-credit-note = Faktura korygująca
billing-type-prepayment = Faktura zaliczkowa
billing-subtotal = Suma częściowa
billing-tax = Podatek
billing-total = Razem
billing-credit-applied = Zaliczone środki
billing-paid = Zapłacono
billing-balance = Do zapłaty
billing-pay-now = Zapłać teraz
billing-download-pdf = Pobierz PDF
billing-period = Okres
billing-lines = Pozycje
billing-payments-on-invoice = Płatności
billing-back = Wszystkie faktury
billing-payment-succeeded = Otrzymana
billing-payment-pending = Oczekująca
billing-payment-failed = Nieudana
billing-payment-refunded = Zwrócona
billing-notes = Uwagi
billing-pdf-bill-to = Nabywca
billing-pdf-page = Strona { $n } z { $total }
billing-tab-usage = Zużycie
billing-usage-from = Od
billing-usage-to = Do
billing-usage-none = Brak zużycia i czasu do rozliczenia w tym okresie.
billing-usage-desc = Jeden słupek na miesiąc, { $range }. Tabela obok wykresu zawiera te same dane.
billing-usage-month = Miesiąc
billing-usage-hours = Godziny według usług
billing-usage-hours-col = Godziny
billing-usage-burn-desc = Godziny pozostałe w pakiecie po każdym wykorzystaniu, licząc od jego początku. Tabela obok wykresu zawiera te same dane.
billing-usage-left = Pozostałe godziny
billing-usage-axis-hours = { $hours } godz.
