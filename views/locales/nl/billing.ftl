## Facturatie: overzicht, facturen, een factuur, betalingen.

billing-title = Facturatie
billing-heading = Facturatie
billing-intro = Wat uw bedrijf gefactureerd krijgt, wat er openstaat en wat al betaald is.
billing-tabs = Onderdelen van facturatie
billing-tab-overview = Overzicht
billing-tab-invoices = Facturen
billing-tab-payments = Betalingen
billing-outstanding = Openstaand saldo
billing-nothing-outstanding = Niets te betalen. Dank u wel!
billing-unpaid-count = { $count ->
    [one] Eén onbetaalde factuur
   *[other] { $count } onbetaalde facturen
}
billing-next-due = Eerstvolgende te betalen factuur
billing-no-next-due = Er wacht geen factuur op betaling.
billing-credit = Beschikbaar tegoed
billing-no-credit = Geen tegoed op uw account.
billing-contracts = Waarvoor u gefactureerd wordt
billing-no-contracts = Er loopt geen contract.
billing-col-contract = Contract
billing-col-service = Dienst
billing-col-frequency = Gefactureerd
billing-col-quantity = Aantal
billing-col-rate = Tarief
billing-hour-blocks = Vooruitbetaalde uren
billing-hours-left = Nog { $left } van { $total } uur over
billing-expires = verloopt op
billing-freq-weekly = Wekelijks
billing-freq-monthly = Maandelijks
billing-freq-quarterly = Per kwartaal
billing-freq-semiannually = Halfjaarlijks
billing-freq-annually = Jaarlijks
billing-freq-one-time = Eenmalig
billing-freq-usage = Op basis van verbruik
billing-status-paid = Betaald
billing-status-partially-paid = Gedeeltelijk betaald
billing-status-overdue = Achterstallig
billing-status-open = Open
billing-status-void = Geannuleerd
billing-filter-status = Tonen
billing-filter-all = Alle facturen
billing-filter-unpaid = Onbetaald
billing-filter-apply = Toepassen
billing-col-number = Factuur
billing-col-issued = Factuurdatum
billing-col-due = Vervaldatum
billing-col-total = Totaal
billing-col-balance = Nog te betalen
billing-col-status = Status
billing-col-date = Datum
billing-col-amount = Bedrag
billing-col-invoice = Factuur
billing-col-method = Betaalmethode
billing-col-reference = Referentie
billing-col-description = Omschrijving
billing-col-unit-price = Eenheidsprijs
billing-col-tax = Btw
billing-invoices-count = { $count ->
    [0] Geen facturen
    [one] Eén factuur
   *[other] { $count } facturen
}
billing-no-invoices = Geen facturen gevonden.
billing-no-payments = Nog geen betalingen.
billing-payments-count = { $count ->
    [0] Geen betalingen
    [one] Eén betaling
   *[other] { $count } betalingen
}
billing-page-of = Pagina { $page } van { $pages }
billing-page-previous = Vorige
billing-page-next = Volgende
billing-pages = Pagina's
billing-type-invoice = Factuur
billing-type-credit-note = Creditnota
billing-type-prepayment = Voorschotfactuur
billing-subtotal = Subtotaal
billing-tax = Btw
billing-total = Totaal
billing-credit-applied = Verrekend tegoed
billing-paid = Betaald
billing-balance = Nog te betalen
billing-pay-now = Nu betalen
billing-download-pdf = PDF downloaden
billing-period = Periode
billing-lines = Factuurregels
billing-payments-on-invoice = Betalingen
billing-back = Alle facturen
billing-payment-succeeded = Ontvangen
billing-payment-pending = In behandeling
billing-payment-failed = Mislukt
billing-payment-refunded = Terugbetaald
billing-notes = Opmerkingen
billing-pdf-bill-to = Factuur aan
billing-pdf-page = Pagina { $n } van { $total }
billing-tab-usage = Verbruik
billing-usage-from = Van
billing-usage-to = Tot
billing-usage-none = Geen verbruik of factureerbare tijd in deze periode.
billing-usage-desc = Eén balk per maand, { $range }. De tabel naast de grafiek bevat dezelfde cijfers.
billing-usage-month = Maand
billing-usage-hours = Uren per dienst
billing-usage-hours-col = Uren
billing-usage-burn-desc = Resterende uren in de urenbundel na elk gebruik, vanaf de start. De tabel naast de grafiek bevat dezelfde cijfers.
billing-usage-left = Resterende uren
billing-usage-axis-hours = { $hours } u
