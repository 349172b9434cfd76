## Dashboard: die Startseite des angemeldeten Kunden.

dashboard-title = Dashboard
dashboard-welcome = Willkommen, { $name }
dashboard-intro = Hier finden Sie eine Übersicht über Ihr Konto.
dashboard-account-heading = Kontoübersicht
dashboard-account-name = Name
dashboard-account-email = E-Mail
dashboard-account-company = Unternehmen
dashboard-last-sign-in-heading = Letzte Anmeldung
dashboard-last-sign-in-at = Ihre vorherige Anmeldung war am { $time }.
dashboard-first-sign-in = Dies ist Ihre erste Anmeldung.
dashboard-session-heading = Aktuelle Sitzung
dashboard-session-signed-in-at = Angemeldet seit
dashboard-session-method = Anmeldemethode
dashboard-method-password = E-Mail-Adresse und Passwort
dashboard-tickets-heading = Support-Tickets
dashboard-tickets-open = { $count ->
    [one] Ein offenes Ticket
   *[other] { $count } offene Tickets
}
dashboard-tickets-awaiting = { $count ->
    [0] keins wartet auf Ihre Antwort
    [one] eins wartet auf Ihre Antwort
   *[other] { $count } warten auf Ihre Antwort
}
dashboard-tickets-recent = Zuletzt aktualisiert
dashboard-tickets-none = Noch keine Tickets.
dashboard-tickets-all = Alle Tickets anzeigen

# Letzte Aktivitäten (die neuesten Ereignisse des Unternehmens, die der Benutzer sehen darf).
dashboard-activity-heading = Letzte Aktivitäten
dashboard-activity-none = Bisher ist nichts geschehen. Antworten, Statusänderungen, Rechnungen und Neuigkeiten zu Projekten erscheinen hier.
dashboard-activity-reply = { $author } hat auf { $ticket } geantwortet
dashboard-activity-status = { $ticket } ist jetzt „{ $status }“
dashboard-activity-closed = { $ticket } wurde geschlossen („{ $status }“)
dashboard-activity-invoice = Rechnung { $number } über { $total } ausgestellt
dashboard-activity-payment = Zahlung über { $amount } eingegangen
dashboard-activity-payment-for = Zahlung über { $amount } für { $number } eingegangen
dashboard-activity-project = Projekt { $project } ist jetzt „{ $status }“
dashboard-activity-joined = { $who } ist dem Portal beigetreten
