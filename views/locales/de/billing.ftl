## Abrechnung: Übersicht, Rechnungen, eine Rechnung, Zahlungen.

billing-title = Abrechnung
billing-heading = Abrechnung
billing-intro = Was Ihrem Unternehmen in Rechnung gestellt wird, was fällig ist und was bereits bezahlt wurde.
billing-tabs = Bereiche der Abrechnung
billing-tab-overview = Übersicht
billing-tab-invoices = Rechnungen
billing-tab-payments = Zahlungen
billing-outstanding = Offener Betrag
billing-nothing-outstanding = Nichts zu bezahlen. Vielen Dank!
billing-unpaid-count = { $count ->
    [one] Eine unbezahlte Rechnung
   *[other] { $count } unbezahlte Rechnungen
}
billing-next-due = Nächste fällige Rechnung
billing-no-next-due = Keine Rechnung wartet auf Zahlung.
billing-credit = Verfügbares Guthaben
billing-no-credit = Kein Guthaben auf Ihrem Konto.
billing-contracts = Was Ihnen berechnet wird
billing-no-contracts = Kein Vertrag ist in Kraft.
billing-col-contract = Vertrag
billing-col-service = Leistung
billing-col-frequency = Abrechnung
billing-col-quantity = Menge
billing-col-rate = Preis
billing-hour-blocks = Stundenkontingente
billing-hours-left = { $left } von { $total } Stunden übrig
billing-expires = gültig bis
billing-freq-weekly = Wöchentlich
billing-freq-monthly = Monatlich
billing-freq-quarterly = Vierteljährlich
billing-freq-semiannually = Halbjährlich
billing-freq-annually = Jährlich
billing-freq-one-time = Einmalig
billing-freq-usage = Nach Verbrauch
billing-status-paid = Bezahlt
billing-status-partially-paid = Teilweise bezahlt
billing-status-overdue = Überfällig
billing-status-open = Offen
billing-status-void = Storniert
billing-filter-status = Anzeigen
billing-filter-all = Alle Rechnungen
billing-filter-unpaid = Unbezahlt
billing-filter-apply = Anwenden
billing-col-number = Rechnung
billing-col-issued = Ausgestellt
billing-col-due = Fällig
billing-col-total = Gesamt
billing-col-balance = Offen
billing-col-status = Status
billing-col-date = Datum
billing-col-amount = Betrag
billing-col-invoice = Rechnung
billing-col-method = Zahlungsart
billing-col-reference = Referenz
billing-col-description = Beschreibung
billing-col-unit-price = Einzelpreis
billing-col-tax = Steuer
billing-invoices-count = { $count ->
    [0] Keine Rechnungen
    [one] Eine Rechnung
   *[other] { $count } Rechnungen
}
billing-no-invoices = Keine passenden Rechnungen.
billing-no-payments = Noch keine Zahlungen.
billing-payments-count = { $count ->
    [0] Keine Zahlungen
    [one] Eine Zahlung
   *[other] { $count } Zahlungen
}
billing-page-of = Seite { $page } von { $pages }
billing-page-previous = Zurück
billing-page-next = Weiter
billing-pages = Seiten
billing-type-invoice = Rechnung
billing-type-credit-note = Gutschrift
billing-type-prepayment = Vorauszahlungsrechnung
billing-subtotal = Zwischensumme
billing-tax = Steuer
billing-total = Gesamtbetrag
billing-credit-applied = Verrechnetes Guthaben
billing-paid = Bezahlt
billing-balance = Noch zu zahlen
billing-pay-now = Jetzt bezahlen
billing-download-pdf = PDF herunterladen
billing-period = Zeitraum
billing-lines = Positionen
billing-payments-on-invoice = Zahlungen
billing-back = Alle Rechnungen
billing-payment-succeeded = Eingegangen
billing-payment-pending = Ausstehend
billing-payment-failed = Fehlgeschlagen
billing-payment-refunded = Erstattet
billing-notes = Hinweise
billing-pdf-bill-to = Rechnungsempfänger
billing-pdf-page = Seite { $n } von { $total }
billing-tab-usage = Verbrauch
billing-usage-from = Von
billing-usage-to = Bis
billing-usage-none = Kein Verbrauch und keine abrechenbare Zeit in diesem Zeitraum.
billing-usage-desc = Ein Balken pro Monat, { $range }. Die Tabelle neben dem Diagramm enthält dieselben Werte.
billing-usage-month = Monat
billing-usage-hours = Stunden nach Leistung
billing-usage-hours-col = Stunden
billing-usage-burn-desc = Verbleibende Stunden im Kontingent nach jeder Nutzung, ab dessen Beginn. Die Tabelle neben dem Diagramm enthält dieselben Werte.
billing-usage-left = Verbleibende Stunden
billing-usage-axis-hours = { $hours } Std.
